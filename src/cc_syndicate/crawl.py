"""The scheduled run: refresh the originals, crawl the republishers' feeds, check what is new,
re-check what was wrong, and keep every violation's history.

Fetching and judging run in a bounded pool of threads (the fetcher serialises each host and paces it);
each feed's results come back to the main thread and are stored in one transaction, so a run killed at
any moment leaves a consistent database and the next run redoes only the unfinished feeds.
"""

from __future__ import annotations

import hashlib
import itertools
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, TypeVar

from .checks import blocked_by_robots
from .errors import FetchError, HTTPStatusError, RobotsDisallowed
from .fetch import FEED_ACCEPT, Fetcher
from .index import OriginalsIndex
from .ingest import failed, ingest_originals, store_original
from .models import (
    CheckResult,
    FeedEntry,
    FeedOutcome,
    FeedSpec,
    FeedState,
    Fetched,
    Original,
    PageCheck,
    PageView,
    Reproduction,
    Rules,
)
from .originals import extract_original
from .pages import decode_html, feed_links, parse_page
from .pipeline import candidate_originals, default_rules, judge_page, originals_in, rules_for
from .present import check_json, plain
from .sandbox import FeedParser
from .store import Store, now
from .urls import article_key, host_of, is_http

MOVED_AFTER_RUNS = 3  # a permanent redirect seen on this many runs in a row updates the feed's URL
MAX_LINKED_ORIGINALS = 3
_GONE = {404, 410}

Progress = Callable[[int, int, str], None]
T = TypeVar("T")


@dataclass
class RunSummary:
    feeds: int = 0
    feeds_fetched: int = 0
    feeds_not_modified: int = 0
    feeds_deferred: int = 0
    feeds_failed: int = 0
    pages_checked: int = 0
    pages_rechecked: int = 0
    originals_added: int = 0
    new: int = 0
    open: int = 0
    resolved: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items()}


def entry_key(entry: FeedEntry) -> str:
    """An entry's identity: its guid, else its link, else its content."""
    if entry.guid:
        return "guid:" + entry.guid
    if entry.link:
        return "link:" + entry.link
    digest = hashlib.sha1((entry.title + "\n" + (entry.full_text or entry.summary)).encode()).hexdigest()
    return "hash:" + digest


class Crawler:
    """One run's crawling and judging; thread-safe for the pool (the store locks itself)."""

    def __init__(self, store: Store, index: OriginalsIndex, fetcher: Fetcher, parser: FeedParser,
                 all_rules: list[Rules]) -> None:
        self.store = store
        self.index = index
        self.fetcher = fetcher
        self.parser = parser
        self.all_rules = all_rules
        self.by_publisher = {r.publisher.name: r for r in all_rules}

    # -- feeds ----------------------------------------------------------------------------------

    def crawl_feed(self, spec: FeedSpec) -> FeedOutcome:
        state = self.store.feed_state(spec.url) or FeedState(url=spec.url, role="republisher")
        state = replace(state, name=spec.name, contact=spec.contact)
        if state.retired_at or (state.next_try_at and state.next_try_at > now()):
            return FeedOutcome(state, spec.name, deferred=True)
        try:
            fetched = self.fetcher.get(state.fetch_url, etag=state.etag, last_modified=state.last_modified,
                                       accept=FEED_ACCEPT)
            if not fetched.not_modified and _looks_like_html(fetched):
                fetched, state = self._discover(fetched, state)
        except FetchError as exc:
            return self._failed(spec, state, exc)
        moved = _follow_moves(state, fetched)
        message = (f"feed moved: {spec.name} answered a permanent redirect on {MOVED_AFTER_RUNS} runs; it is now "
                   f"read from {moved.feed_url} (update {spec.url} in your feeds file)"
                   if moved.feed_url != state.feed_url else None)
        state = moved
        body_hash = hashlib.sha256(fetched.body).hexdigest()
        if fetched.not_modified or body_hash == state.body_hash:
            state = replace(state, checked_at=now(), status="not-modified", error=None, failures=0, next_try_at=None)
            return FeedOutcome(state, spec.name, not_modified=True, message=message)
        try:
            parsed = self.parser.parse(fetched.body, fetched.content_type, fetched.final_url)
        except FetchError as exc:
            return self._failed(spec, state, exc)
        entries, pages = self._new_entries(spec, state, parsed.entries)
        state = replace(state, etag=fetched.etag, last_modified=fetched.last_modified, body_hash=body_hash,
                        checked_at=now(), status="ok", error=None, failures=0, next_try_at=None)
        return FeedOutcome(state, spec.name, tuple(entries), tuple(pages), fetched=True, message=message)

    def _discover(self, fetched: Fetched, state: FeedState) -> tuple[Fetched, FeedState]:
        """A home page was given: follow its <link rel="alternate"> to the feed, and remember it."""
        found = feed_links(decode_html(fetched.body, fetched.content_type), fetched.final_url)
        if not found:
            raise FetchError(state.url, "this is a web page that announces no RSS or Atom feed; put the feed's URL in feeds/")
        feed = self.fetcher.get(found[0], accept=FEED_ACCEPT)
        return feed, replace(state, feed_url=found[0], etag=None, last_modified=None)

    def _failed(self, spec: FeedSpec, state: FeedState, exc: FetchError) -> FeedOutcome:
        if isinstance(exc, HTTPStatusError) and exc.status == 410:
            state = replace(state, checked_at=now(), status="retired", error=str(exc), retired_at=now())
            return FeedOutcome(state, spec.name, failed=True,
                               message=f"feed retired: {spec.name} ({spec.url}) answered 410 Gone; it will not be fetched again")
        state = failed(state, exc)
        message = f"feed failed: {spec.name}: {exc}" if state.failures == 1 else None  # say it once, not every run
        return FeedOutcome(state, spec.name, failed=True, message=message)

    def _new_entries(self, spec: FeedSpec, state: FeedState, entries: Iterable[FeedEntry]) -> tuple[list, list[PageCheck]]:
        seen: list[tuple[str, str | None]] = []
        pages: list[PageCheck] = []
        keys: set[str] = set()
        for entry in entries:
            key = entry_key(entry)
            link = entry.link if entry.link and is_http(entry.link) else None
            if key in keys or self.store.entry_seen(state.url, key, link):
                continue
            keys.add(key)
            known: list[int] = []
            if link and entry.full_text:
                known = [r.original_id for r in originals_in(entry.full_text, self.store, self.index, self.all_rules)]
            if link and (known or not entry.full_text):
                page = self.check_page(link, spec.name, state.url, known=known)
                pages.append(page)
                if page.status == "failed":
                    continue  # not marked as seen: the next run tries the page again
            # else: no page, or the feed shows the whole text and it reproduces nothing: nothing to fetch
            seen.append((key, link))
        return seen, pages

    # -- pages ----------------------------------------------------------------------------------

    def check_page(self, url: str, republisher: str, feed_url: str, known: Iterable[int] = (),
                   etag: str | None = None, last_modified: str | None = None) -> PageCheck:
        """Fetch a page and judge it against every original it reproduces (and those it did before)."""
        base = PageCheck(url, republisher, feed_url, "checked")
        try:
            fetched = self.fetcher.get(url, etag=etag, last_modified=last_modified)
        except RobotsDisallowed:
            originals = list(known) or [None]
            findings = (blocked_by_robots(url),)
            return replace(base, status="blocked", reproductions=tuple(
                Reproduction(o, "none", 0.0, 0.0, "not-a-reproduction", findings, {}) for o in originals))
        except HTTPStatusError as exc:
            return replace(base, status="gone" if exc.status in _GONE else "failed", error=str(exc))
        except FetchError as exc:
            return replace(base, status="failed", error=str(exc))
        if fetched.not_modified:
            return replace(base, status="not-modified")
        page = parse_page(decode_html(fetched.body, fetched.content_type), fetched.final_url)
        reproductions = [self._judge(page, original_id, publisher, original)
                         for original_id, (publisher, original) in self._originals_of(page, known).items()]
        return replace(base, title=page.title, text="\n".join(b.text for b in page.blocks if not b.chrome and not b.in_footer),
                       etag=fetched.etag, last_modified=fetched.last_modified, reproductions=tuple(reproductions))

    def _originals_of(self, page: PageView, known: Iterable[int]) -> dict[int, tuple[str, Original]]:
        """The originals found in the page's text, those it links to, and those it reproduced before."""
        ids = {r.original_id for r in originals_in(page.visible_text, self.store, self.index, self.all_rules)}
        ids |= set(known)
        for url in candidate_originals(page, self.all_rules)[:MAX_LINKED_ORIGINALS]:
            ids |= {i for i in [self._linked_original(url)] if i is not None}
        return self.store.originals(sorted(ids))

    def _linked_original(self, url: str) -> int | None:
        """A publisher's article the page links to, from the store or fetched and stored now."""
        known = self.store.original_id(article_key(url))
        if known is not None:
            return known
        rules = rules_for(url, self.all_rules)
        if rules is None:
            return None
        try:
            fetched = self.fetcher.get(url)
        except FetchError:
            return None
        original = extract_original(decode_html(fetched.body, fetched.content_type), fetched.final_url)
        stored = store_original(self.store, original, rules.publisher.name, url)
        return stored if stored is not None else self.store.original_id(article_key(original.identity))

    def _judge(self, page: PageView, original_id: int, publisher: str, original: Original) -> Reproduction:
        rules = self.by_publisher.get(publisher) or rules_for(original.identity, self.all_rules) or default_rules(original)
        result = judge_page(page, original, rules)
        return Reproduction(original_id, result.match.kind, result.match.containment, result.match.page_share,
                            result.verdict, result.findings, stored_result(result))

    def recheck(self, url: str, republisher: str, feed_url: str) -> PageCheck:
        etag, last_modified = self.store.page_validators(url)
        return self.check_page(url, republisher, feed_url, known=self.store.reproduced_by(url),
                               etag=etag, last_modified=last_modified)


def stored_result(result: CheckResult) -> dict[str, object]:
    """The check's JSON plus what the report shows: every requirement, met or not."""
    data = check_json(result)
    data["requirements"] = [
        {"requirement": o.requirement, "status": o.status, "detail": o.detail, "fix": o.fix,
         "code": o.finding.code if o.finding else None} for o in result.outcomes]
    data["language"] = result.rules.publisher.language
    return plain(data)


def _looks_like_html(fetched: Fetched) -> bool:
    kind = fetched.content_type.split(";")[0].strip().lower()
    head = fetched.body[:512].lstrip().lower()
    return kind in {"text/html", "application/xhtml+xml"} or head.startswith((b"<!doctype html", b"<html"))


def _follow_moves(state: FeedState, fetched: Fetched) -> FeedState:
    """Count runs in a row that met the same permanent redirect; after a few, fetch the new URL directly."""
    permanent = bool(fetched.redirects) and all(status in {301, 308} for status, _ in fetched.redirects)
    if not permanent:
        return replace(state, moved_to=None, moved_seen=0)
    target = fetched.final_url
    seen = state.moved_seen + 1 if state.moved_to == target else 1
    if seen >= MOVED_AFTER_RUNS:
        return replace(state, feed_url=target, moved_to=None, moved_seen=0, etag=fetched.etag,
                       last_modified=fetched.last_modified)
    return replace(state, moved_to=target, moved_seen=seen)


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


def run(
    all_rules: list[Rules], feeds: list[FeedSpec], store: Store, fetcher: Fetcher, parser: FeedParser, *,
    workers: int = 4, backfill: int = 0, progress: Progress | None = None,
) -> RunSummary:
    """One scheduled run over every feed; returns what it did and found."""
    started = time.monotonic()
    summary = RunSummary(feeds=len(feeds))
    run_id = store.start_run()
    ingest = ingest_originals(all_rules, store, fetcher, parser, backfill=backfill)
    summary.originals_added = ingest.originals_added
    summary.messages += ingest.news
    crawler = Crawler(store, store.load_index(), fetcher, parser, all_rules)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        _crawl_feeds(pool, crawler, feeds, run_id, summary, progress)
        _recheck_pages(pool, crawler, run_id, summary, progress)
    store.save_host_waits(fetcher.host_waits)
    counts = store.violation_counts(run_id)
    summary.new, summary.open, summary.resolved = counts["new"], counts["open"], counts["resolved"]
    summary.seconds = round(time.monotonic() - started, 2)
    store.finish_run(run_id, summary.as_dict())
    return summary


def _crawl_feeds(pool: ThreadPoolExecutor, crawler: Crawler, feeds: list[FeedSpec], run_id: int, summary: RunSummary,
                 progress: Progress | None) -> None:
    """Every feed in the pool; each outcome stored as it arrives, then let go (a big run stays small)."""
    in_turns = taking_turns(feeds, key=lambda spec: host_of(spec.url))
    pending = {pool.submit(crawler.crawl_feed, spec): spec for spec in in_turns}
    for done, future in enumerate(as_completed(pending), 1):
        outcome = _outcome(future, pending.pop(future), crawler.store)
        crawler.store.record_feed(outcome, run_id)
        _count(summary, outcome)
        if progress:
            progress(done, len(feeds), outcome.republisher)


def _recheck_pages(pool: ThreadPoolExecutor, crawler: Crawler, run_id: int, summary: RunSummary,
                   progress: Progress | None) -> None:
    """Pages with open violations or a failed fetch that this run has not seen yet."""
    rows = taking_turns(crawler.store.pages_to_recheck(not_checked_in_run=run_id), key=lambda r: host_of(r["url"]))
    pending = {pool.submit(crawler.recheck, r["url"], r["republisher"], r["feed_url"]): r["url"] for r in rows}
    for done, future in enumerate(as_completed(pending), 1):
        url = pending.pop(future)
        try:
            crawler.store.record_page(future.result(), run_id)
        except Exception:  # noqa: BLE001 - a bug met on one page must not stop the run
            summary.messages.append(f"re-check of {url} failed with an internal error:\n" + traceback.format_exc())
            continue
        summary.pages_rechecked += 1
        if progress:
            progress(done, len(rows), "re-checking pages with open violations or failures")


def taking_turns(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """Items reordered so that each key takes its turn: one of each, then the next of each, ...

    The fetcher lets one request at a time reach a host, so a list sorted by URL would keep every worker
    queueing behind one host's delay while the other hosts sit idle."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    turns = itertools.zip_longest(*groups.values())
    return [item for turn in turns for item in turn if item is not None]


def _outcome(future: Future[FeedOutcome], spec: FeedSpec, store: Store) -> FeedOutcome:
    """The feed's outcome; a bug met while crawling it fails that feed only, with its traceback."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001
        state = store.feed_state(spec.url) or FeedState(url=spec.url, role="republisher", name=spec.name)
        state = replace(state, checked_at=now(), status="failed", error=f"internal error: {type(exc).__name__}: {exc}",
                        failures=state.failures + 1)
        return FeedOutcome(state, spec.name, failed=True,
                           message=f"feed {spec.name} hit an internal error (please report it):\n{traceback.format_exc()}")


def _count(summary: RunSummary, outcome: FeedOutcome) -> None:
    summary.feeds_fetched += outcome.fetched
    summary.feeds_not_modified += outcome.not_modified
    summary.feeds_deferred += outcome.deferred
    summary.feeds_failed += outcome.failed
    summary.pages_checked += sum(p.status == "checked" for p in outcome.pages)
    if outcome.message:
        summary.messages.append(outcome.message)
