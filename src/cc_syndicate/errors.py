"""The exceptions cc-syndicate raises: one root, each message says what to do.

Third-party errors are translated where they happen (requests in ``fetch``, sqlite3 in ``store``),
so callers only ever catch :class:`CCSyndicateError` and its children.
"""

from __future__ import annotations

from pathlib import Path


class CCSyndicateError(Exception):
    """Root of every error cc-syndicate reports to its user."""


class ConfigError(CCSyndicateError):
    """A rule, feed or settings file is wrong: names the file, the key and the fix."""

    def __init__(self, file: Path | str | None, key: str, problem: str, fix: str) -> None:
        self.file = str(file) if file is not None else None
        self.key = key
        self.problem = problem
        self.fix = fix
        where = f"{self.file}: " if self.file else ""
        key_part = f"[{key}] " if key else ""
        super().__init__(f"{where}{key_part}{problem}. Fix: {fix}")


class UsageError(CCSyndicateError):
    """The command line asks for something that cannot be done."""


class FetchError(CCSyndicateError):
    """A URL could not be fetched; ``url`` says which."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(url, message)  # both kept in args, so the error survives pickling
        self.url = url
        self.message = message

    def __str__(self) -> str:
        return f"{self.url}: {self.message}"


class BlockedAddress(FetchError):
    """The URL points to a private, loopback, link-local or reserved address."""


class BadURL(FetchError):
    """The URL is not an http(s) URL the crawler can fetch."""


class RobotsDisallowed(FetchError):
    """robots.txt forbids the crawler to fetch the URL."""


class TooLarge(FetchError):
    """The response is larger than the size cap."""


class FetchTimeout(FetchError):
    """The response did not arrive within its time budget."""


class TooManyRedirects(FetchError):
    """The URL redirects more often than allowed, or in a loop."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int, retry_after: float | None = None) -> None:
        hint = f"; the server asks to retry after {retry_after:.0f} s" if retry_after else ""
        super().__init__(url, f"the server answered HTTP {status}{hint}")
        self.args = (url, status, retry_after)
        self.status = status
        self.retry_after = retry_after


class HostDeferred(FetchError):
    """The host asked (with Retry-After) not to be asked again yet; no request was sent."""

    def __init__(self, url: str, retry_after: float) -> None:
        super().__init__(url, f"not fetched: the host asked to wait {retry_after:.0f} s more (Retry-After)")
        self.args = (url, retry_after)
        self.retry_after = retry_after


class FeedParseError(FetchError):
    """A feed could not be read at all (no version and no entries, or its parser was stopped)."""


class NoOriginalFound(CCSyndicateError):
    """``check`` could not tell which original a page reproduces."""


class StoreError(CCSyndicateError):
    """The database could not be read or written."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(str(path), message)
        self.path = str(path)
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class LockHeld(CCSyndicateError):
    """Another run holds the lock beside the database."""


class BudgetExceeded(CCSyndicateError):
    """Reading or judging one page went past its time or memory budget; the page is recorded as unreadable."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem

    def __str__(self) -> str:
        return f"reading or judging the page {self.problem}"


class ExtraMissing(CCSyndicateError):
    """An optional part of cc-syndicate is needed and not installed."""
