"""Refresh the originals from each publisher's feeds into the store and the index.

A feed is fetched conditionally (ETag, Last-Modified; an unchanged body counts as not modified) and
parsed in the sandbox. Each entry not yet known is an original: its page is fetched once for the
metadata (canonical URL, authors, licence, third-party media credits); its text is the feed's full
content when the feed carries it, else the page's main text. WordPress feeds can be walked back with
``?paged=N``. Each original is saved in its own transaction, so an interrupted refresh loses nothing
and the next one skips what is already stored. One failing feed never stops the others; when to fetch a
feed again, and what its answer means, is decided by :mod:`cc_syndicate.refresh`, as for the republishers'.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .context import RunContext
from .errors import BudgetExceeded, FetchError, HTTPStatusError
from .fetch import FEED_ACCEPT, Fetcher
from .index import fingerprint
from .judging import Judges
from .models import FeedEntry, FeedState, Original, ParsedFeed, Rules
from .refresh import Decision, due, refresh
from .store import Store
from .urls import article_key, is_http


@dataclass
class IngestReport:
    feeds_fetched: int = 0
    feeds_not_modified: int = 0
    feeds_deferred: int = 0
    feeds_failed: int = 0
    originals_added: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    news: list[str] = field(default_factory=list)  # what a scheduled run says: a failure when it starts, then daily

    def problem(self, url: str, message: str, news: str | None) -> None:
        self.problems.append((url, message))
        if news:
            self.news.append(news)


Log = Callable[[str], None]


def ingest_originals(context: RunContext, *, backfill: int | None = None, log: Log = lambda message: None,
                     walk_unchanged: bool = False) -> IngestReport:
    """Every publisher feed's new originals; with ``backfill`` (default: the settings' ``backfill_pages``),
    older pages of the feeds that changed (of every feed, with ``walk_unchanged``: someone asked for the
    archive now)."""
    report = IngestReport()
    store, fetcher = context.store, context.fetcher
    pages = context.settings.backfill_pages if backfill is None else backfill
    fetcher.host_waits.update(store.host_waits())
    for rules in context.rules:
        for feed_url in rules.publisher.feeds:
            ingest_feed(context, feed_url, rules, report, backfill=pages, log=log, walk_unchanged=walk_unchanged)
    store.save_host_waits(fetcher.host_waits)
    if report.originals_added:
        store.save_index(store.load_index())
    return report


def ingest_feed(context: RunContext, url: str, rules: Rules, report: IngestReport, *, backfill: int = 0,
                log: Log = lambda message: None, walk_unchanged: bool = False) -> None:
    store = context.store
    state = store.feed_state(url) or FeedState(url=url, role="publisher")
    state = replace(state, name=rules.publisher.name)
    decision = due(state, context.clock())
    if decision.action == "fetch":
        decision, parsed = _fetch(context, state)
        if decision.action == "read" and parsed is not None:
            _add_entries(parsed, rules, store, context.fetcher, report, log, context.readers)
        if decision.action == "read" or (walk_unchanged and decision.action == "unchanged"):
            _walk_back(context, decision.state.fetch_url, rules, backfill, report, log)
    _count(report, url, decision, log)
    _save(store, decision.state)


def _fetch(context: RunContext, state: FeedState) -> tuple[Decision, ParsedFeed | None]:
    """The feed fetched, the refresh decided, and the body parsed when it is new."""
    try:
        fetched = context.fetcher.get(state.fetch_url, etag=state.etag, last_modified=state.last_modified,
                                      accept=FEED_ACCEPT)
        decision = refresh(state, fetched, context.clock())
        if decision.action != "read":
            return decision, None
        return decision, context.parser.parse(fetched.body, fetched.content_type, fetched.final_url)
    except FetchError as exc:
        return refresh(state, exc, context.clock()), None


def _count(report: IngestReport, url: str, decision: Decision, log: Log) -> None:
    if decision.action == "read":
        report.feeds_fetched += 1
    elif decision.action == "unchanged":
        report.feeds_not_modified += 1
    elif decision.action == "defer":
        report.feeds_deferred += 1
    else:
        report.feeds_failed += 1
        report.problems.append((url, decision.state.error or decision.action))
        log(f"feed failed: {decision.state.error}")
    if decision.message:
        report.news.append(decision.message)


def _walk_back(context: RunContext, url: str, rules: Rules, pages: int, report: IngestReport, log: Log) -> None:
    """Originals on the feed's older pages (WordPress ``?paged=N``), until an empty page or a 404."""
    for page in range(2, pages + 2):
        older = _older_page(context, url, page, report)
        if older is None or not older.entries:
            break
        _add_entries(older, rules, context.store, context.fetcher, report, log, context.readers)


def paged_url(url: str, page: int) -> str:
    """WordPress's older-entries page: ``/feed/?paged=2``."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "paged"] + [("paged", str(page))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _older_page(context: RunContext, url: str, page: int, report: IngestReport) -> ParsedFeed | None:
    older = paged_url(url, page)
    try:
        fetched = context.fetcher.get(older, accept=FEED_ACCEPT)
        return context.parser.parse(fetched.body, fetched.content_type, fetched.final_url)
    except HTTPStatusError as exc:
        if exc.status != 404:
            report.problem(older, str(exc), f"publisher feed's older page failed: {exc}")
    except FetchError as exc:
        report.problem(older, str(exc), f"publisher feed's older page failed: {exc}")
    return None


def store_original(store: Store, original: Original, publisher: str, also_known_as: str | None = None) -> int | None:
    """Save a new original under all its URLs; None if it has no text or is known already."""
    if not original.text.strip():
        return None
    keys = sorted({article_key(u) for u in (also_known_as, original.url, original.canonical_url) if u})
    with store.transaction():
        if any(store.original_id(k) is not None for k in keys):
            return None
        return store.add_original(original, publisher, keys, fingerprint(original.text))


def _add_entries(parsed: ParsedFeed, rules: Rules, store: Store, fetcher: Fetcher, report: IngestReport, log: Log,
                 judges: Judges) -> None:
    """The feed's new originals: each page fetched and sent to be read (while the next is fetched), then
    each stored as it is read."""
    reading = []
    for entry in parsed.entries:
        if not entry.link or not is_http(entry.link) or store.original_id(article_key(entry.link)) is not None:
            continue
        reading.append((entry, _start_reading(entry, fetcher, report, judges)))
    for entry, future in reading:
        original = _read_original(entry, future, report)
        if original is not None and store_original(store, original, rules.publisher.name, entry.link):
            report.originals_added += 1
            log(f"original added: {original.identity}")


def _start_reading(entry: FeedEntry, fetcher: Fetcher, report: IngestReport, judges: Judges) -> Future[Original] | None:
    """The original's page fetched and sent to be read (its metadata; its text too when the feed lacks it)."""
    assert entry.link is not None
    try:
        fetched = fetcher.get(entry.link)
    except FetchError as exc:
        report.problem(entry.link, str(exc), f"publisher article could not be read: {exc}")
        return None
    return judges.original(fetched.body, fetched.content_type, fetched.final_url, entry.full_text or None)


def _read_original(entry: FeedEntry, future: Future[Original] | None, report: IngestReport) -> Original | None:
    """The original behind a feed entry: its page for metadata, the feed's full text when there is one."""
    assert entry.link is not None
    if future is not None:
        try:
            return future.result()
        except BudgetExceeded as exc:
            report.problem(entry.link, str(exc), f"publisher article could not be read: {entry.link}: {exc}")
    if not entry.full_text:
        return None
    return Original(url=entry.link, canonical_url=None, title=entry.title, authors=entry.authors,
                    published=entry.published, license=None, text=entry.full_text)


def _save(store: Store, state: FeedState) -> None:
    with store.transaction():
        store.save_feed_state(state)
