"""Results kept by the text they were computed from, within a bound on the text kept (pure).

The judgement derives the same things from the same strings many times over: the comparison key of a
block for every name looked for, the shingles of a page's blocks and of the original for finding and
again for matching, the article key of a URL for every link compared with it. Each is computed once and
kept here. The bound counts the characters of the texts kept, so a page of huge texts cannot fill the
memory: past it, everything kept is dropped and computed again on demand. Safe in threads (the GIL keeps
each dictionary operation whole; an entry lost to a concurrent drop is only computed twice).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Generic, TypeVar

T = TypeVar("T")
_MISSING = object()
_ALL: list[ByText[object]] = []  # every cache made here, for forget_all


class ByText(Generic[T]):
    """``function(text)``, kept until ``max_chars`` characters of texts are."""

    def __init__(self, function: Callable[[str], T], max_chars: int) -> None:
        self.function, self.max_chars = function, max_chars
        self.kept: dict[str, T] = {}
        self.size = 0
        self.__doc__, self.__name__ = function.__doc__, function.__name__
        _ALL.append(self)  # type: ignore[arg-type]

    def __call__(self, text: str) -> T:
        found = self.kept.get(text, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        value = self.function(text)
        self._keep(text, value)
        return value

    def _keep(self, text: str, value: T) -> None:
        if len(text) <= self.max_chars and text not in self.kept:
            if self.size + len(text) > self.max_chars:
                self.forget()
            self.kept[text] = value
            self.size += len(text)

    def forget(self) -> None:
        self.kept = {}
        self.size = 0


def by_text(max_chars: int) -> Callable[[Callable[[str], T]], ByText[T]]:
    """Decorate a function of one string: its results kept until ``max_chars`` characters of arguments are."""
    return lambda function: ByText(function, max_chars)


# Longer attribute values are computed on every call rather than kept: an lru_cache bounds how many
# results it keeps, not the size of their keys, and a hostile page can carry megabytes in one attribute
# (while real class lists and inline styles are far shorter).
SHORT_CHARS = 1024


def by_short_text(maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """``lru_cache(maxsize)`` for a function of one string, keeping only results for strings of at most
    :data:`SHORT_CHARS` characters (an element's class, id and role, a ``style``): at most ``maxsize``
    times that many characters are kept."""

    def decorate(function: Callable[[str], T]) -> Callable[[str], T]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text: str) -> T:
            # one test and one call: this sits on the page reader's hottest calls
            return cached(text) if len(text) <= SHORT_CHARS else function(text)

        return call

    return decorate


def forget_all() -> None:
    """Drop everything kept (benchmarks measure a page as if it were seen for the first time)."""
    for cache in _ALL:
        cache.forget()
