"""The checks behind the web page: one shared fetcher, a cap on checks at once, a result cache; and
the republish block of an original.

Every request that asks for a check comes through :meth:`CheckService.check`. A result for the same
(page, original) is answered from the cache for ``cache_minutes``; while a check runs, requests for the
same pair wait for it instead of fetching again; at most ``concurrent_checks`` run at once, ``queue``
more wait for a turn (at most ``queue_wait`` seconds), and anything beyond answers :class:`Busy`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass

from ..attribution import republish_block
from ..check import check_url, fetch_original
from ..errors import CCSyndicateError
from ..fetch import Fetcher
from ..index import OriginalsIndex
from ..judgement import rules_for
from ..judging import Judges
from ..models import CheckResult, Original, RepublishBlock, Rules, ServeSettings
from ..store import Store
from ..urls import article_key

log = logging.getLogger("cc_syndicate.serve")

CACHE_ENTRIES = 1024  # results kept at most; the oldest go first


class Busy(CCSyndicateError):
    """Every check slot is taken and the queue is full (or the wait for a turn ran out)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many checks are running; try again in {retry_after} s")
        self.retry_after = retry_after


class NotOurs(CCSyndicateError):
    """The republish page was asked for an article that is none of the publishers'."""

    def __init__(self, url: str) -> None:
        super().__init__(f"{url} is not an article of a publisher these rules cover")
        self.url = url


@dataclass(frozen=True)
class Republish:
    """The republish block of an original, and whether it was answered without fetching anything."""

    block: RepublishBlock
    cached: bool


@dataclass(frozen=True)
class Checked:
    """A check's result, when it was made (Unix time) and whether this answer came from the cache."""

    result: CheckResult
    checked_at: float
    cached: bool = False


class Gate:
    """At most ``slots`` checks at once; ``queue`` more may wait ``wait`` seconds for a turn."""

    def __init__(self, slots: int, queue: int, wait: float) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self.queue, self.wait = queue, wait
        self.waiting = 0
        self.running = 0

    @property
    def retry_after(self) -> int:
        return max(1, round(self.wait))

    @contextmanager
    def in_queue(self) -> Iterator[None]:
        """A place in the queue, or :class:`Busy` when it is full."""
        with self._lock:
            if self.waiting >= self.queue:
                raise Busy(self.retry_after)
            self.waiting += 1
        try:
            yield
        finally:
            with self._lock:
                self.waiting -= 1

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._slots.acquire(blocking=False):
            with self.in_queue():
                if not self._slots.acquire(timeout=self.wait):
                    raise Busy(self.retry_after)
        with self._lock:
            self.running += 1
        try:
            yield
        finally:
            with self._lock:
                self.running -= 1
            self._slots.release()


class ResultCache:
    """(page, original) -> :class:`Checked`, each kept ``ttl`` seconds, the oldest dropped beyond ``size``."""

    def __init__(self, ttl: float, size: int = CACHE_ENTRIES, clock: Callable[[], float] = time.time) -> None:
        self.ttl, self.size, self.clock = ttl, size, clock
        self._items: OrderedDict[tuple[str, str], Checked] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> Checked | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or self.clock() - item.checked_at >= self.ttl:
                self._items.pop(key, None)
                return None
            return item

    def put(self, key: tuple[str, str], item: Checked) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            self._items[key] = item
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class KeptOriginals:
    """Originals read once and kept ``ttl`` seconds: every check of a copy needs its original, and
    neither the publisher's site nor this machine should read the same article again for each one."""

    def __init__(self, fetcher: Fetcher, ttl: float, size: int = CACHE_ENTRIES // 4, judges: Judges | None = None) -> None:
        self.fetcher, self.ttl, self.size, self.judges = fetcher, ttl, size, judges
        self._items: OrderedDict[str, tuple[float, Original]] = OrderedDict()
        self._lock = threading.Lock()

    def kept(self, url: str) -> Original | None:
        with self._lock:
            kept = self._items.get(article_key(url))  # the same article by another spelling is kept too
        return kept[1] if kept is not None and time.monotonic() - kept[0] < self.ttl else None

    def read(self, url: str) -> Original:
        kept = self.kept(url)
        if kept is not None:
            return kept
        original = fetch_original(self.fetcher, url, judges=self.judges)
        if self.ttl > 0:
            with self._lock:
                self._items[article_key(url)] = (time.monotonic(), original)
                self._items.move_to_end(article_key(url))
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return original


class IndexedStore(Store):
    """The database read-only, with its originals index loaded once and again only when originals
    were added (a run may be filling the database while the page is served)."""

    def __init__(self, path: str) -> None:
        super().__init__(path, readonly=True)
        self._index: tuple[int, OriginalsIndex] | None = None
        self._index_lock = threading.Lock()

    def load_index(self) -> OriginalsIndex:
        count = self.original_count()
        with self._index_lock:
            if self._index is None or self._index[0] != count:
                self._index = (count, super().load_index())
            return self._index[1]


class CheckService:
    """What the pages and the API ask for: checks, made once, kept a while, never too many at once."""

    def __init__(self, rules: list[Rules], fetcher: Fetcher, store: Store | None, serve: ServeSettings,
                 clock: Callable[[], float] = time.time, judges: Judges | None = None) -> None:
        self.rules, self.fetcher, self.store, self.judges = rules, fetcher, store, judges
        self.originals = KeptOriginals(fetcher, serve.cache_minutes * 60, judges=judges)
        self.gate = Gate(serve.concurrent_checks, serve.queue, serve.queue_wait)
        self.cache = ResultCache(serve.cache_minutes * 60, clock=clock)
        self.clock = clock
        self._running: dict[tuple[str, str], Future[Checked]] = {}
        self._lock = threading.Lock()

    def check(self, url: str, original: str | None = None, fresh: bool = False) -> Checked:
        """The check of ``url`` against ``original`` (or the original it names): from the cache unless
        ``fresh``; joined to the same check when one is running; else made now, in a free slot."""
        key = (url, original or "")
        with self._lock:
            cached = None if fresh else self.cache.get(key)
            running = self._running.get(key)
            if cached is None and running is None:
                mine: Future[Checked] = Future()
                self._running[key] = mine
        if cached is not None:
            return Checked(cached.result, cached.checked_at, cached=True)
        if running is not None:
            with self.gate.in_queue():
                return running.result()
        try:
            checked = self._check(url, original)
        except BaseException as exc:
            mine.set_exception(exc)
            raise
        else:
            mine.set_result(checked)
            self.cache.put(key, checked)
            return checked
        finally:
            with self._lock:
                self._running.pop(key, None)

    def _check(self, url: str, original: str | None) -> Checked:
        with self.gate.slot():
            started = time.monotonic()
            result = check_url(url, self.fetcher, self.rules, original_url=original, store=self.store, judges=self.judges,
                               read_original=self.originals.read)
            log.info("checked %s against %s: %s in %.2f s", url, original or result.original.identity or "-",
                     result.verdict, time.monotonic() - started)
            return Checked(result, self.clock())

    def republish(self, url: str) -> Republish:
        """What a republisher pastes for one of the publishers' originals: from the database when it holds
        it, else read from the publisher's site (never from another)."""
        original = self._stored(url) or self.originals.kept(url)
        cached = original is not None
        if original is None:
            if rules_for(url, self.rules) is None:
                raise NotOurs(url)
            with self.gate.slot():
                original = self.originals.read(url)
        rules = rules_for(original.identity, self.rules) or rules_for(original.url, self.rules) or rules_for(url, self.rules)
        if rules is None:
            raise NotOurs(url)
        return Republish(republish_block(original, rules), cached)

    def _stored(self, url: str) -> Original | None:
        if self.store is None:
            return None
        original_id = self.store.original_id(article_key(url))
        return self.store.originals([original_id])[original_id][1] if original_id is not None else None

    def close(self) -> None:
        self.fetcher.close()
        if self.judges is not None:
            self.judges.close()
        if self.store is not None:
            self.store.close()
