"""What a run works with, in one value: the store and its originals index, the fetcher, the feed
parser, the judges (where pages are read and judged), the rules, the settings and the clock. Built
once by the caller (the command line, the demo, a test) and handed to the refresh of the originals and
to the scheduled run, instead of each function taking them one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from .fetch import Fetcher
from .index import OriginalsIndex
from .judging import InProcessBackend, Judges, open_judges
from .models import Rules, Settings
from .sandbox import FeedParser
from .store import Store

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The clock a run reads (tests and the refresh decision take it as a value)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class RunContext:
    """One run's store, fetcher, feed parser, rules, settings and clock; ``index`` is the originals index
    as the store held it when the run began judging (see :meth:`with_index`)."""

    store: Store
    fetcher: Fetcher
    parser: FeedParser
    rules: tuple[Rules, ...]
    settings: Settings = field(default_factory=Settings)
    clock: Clock = utcnow
    index: OriginalsIndex | None = None
    judges: Judges | None = None  # None: pages are read and judged in the run's own threads

    @property
    def readers(self) -> Judges:
        """Where pages and originals are read: the judges, or this process."""
        return self.judges or Judges(self.rules, None, InProcessBackend(self.settings.workers))

    def with_index(self) -> RunContext:
        """This context with the originals index loaded now: after the originals were refreshed."""
        return replace(self, index=self.store.load_index())


@contextmanager
def open_context(settings: Settings, rules: Iterable[Rules], clock: Clock = utcnow) -> Iterator[RunContext]:
    """The store at ``settings.db_path``, a fetcher, a feed parser and the judges the settings ask for
    (``judge_processes``, ``scheduler``), opened for one run and closed after."""
    rules = tuple(rules)
    with Store(settings.db_path) as store, Fetcher(settings, allow_private=settings.allow_private) as fetcher, \
            FeedParser(settings.feed_parse_timeout, settings.feed_parse_memory_mb) as parser, \
            open_judges(settings, rules, threads=settings.workers) as judges:
        yield RunContext(store, fetcher, parser, rules, settings, clock, judges=judges)
