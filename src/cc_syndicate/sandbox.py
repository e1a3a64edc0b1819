"""Feeds are parsed in child processes with a memory cap and a timeout.

feedparser 6 has parse-time denial-of-service holes (an entity repeated past expat's limit falls back
to a parser that expands it; a long ``<author>`` makes its regexes quadratic). Stripping the DOCTYPE
closes the first; the second, and whatever is not known yet, is bounded here: a child that runs out of
time is killed, one that runs out of memory fails, and the run goes on with the next feed.
"""

from __future__ import annotations

from concurrent.futures import TimeoutError as FutureTimeout

from pebble import ProcessPool
from pebble.common import ProcessExpired

from .budget import context, limit_memory
from .errors import FeedParseError
from .feeds import parse_feed
from .models import ParsedFeed

TASKS_PER_CHILD = 50  # a fresh child now and then, so nothing a feed left behind lasts


class FeedParser:
    """A small pool of sandboxed parser processes; use as a context manager, share within a run."""

    def __init__(self, timeout: float = 20.0, memory_mb: int = 512, workers: int = 2) -> None:
        self.timeout = timeout
        self._pool = ProcessPool(max_workers=workers, max_tasks=TASKS_PER_CHILD, initializer=limit_memory,
                                 initargs=(memory_mb,), context=context())

    def parse(self, body: bytes, content_type: str, url: str) -> ParsedFeed:
        future = self._pool.schedule(parse_feed, args=(body, content_type, url), timeout=self.timeout)
        try:
            return future.result()
        except FeedParseError:
            raise
        except FutureTimeout:
            raise FeedParseError(url, f"parsing took longer than {self.timeout:.0f} s and was stopped") from None
        except MemoryError:
            raise FeedParseError(url, "parsing needed more memory than allowed and was stopped") from None
        except ProcessExpired as exc:
            raise FeedParseError(url, f"the parser process died ({exc})") from None
        except Exception as exc:  # any other failure inside the child is this feed's problem only
            raise FeedParseError(url, f"the feed could not be parsed ({type(exc).__name__}: {exc})") from None

    def close(self) -> None:
        self._pool.stop()
        self._pool.join(timeout=5)

    def __enter__(self) -> FeedParser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
