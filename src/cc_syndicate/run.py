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
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Callable, Iterable, TypeVar

from .check import originals_in
from .checks import blocked_by_robots
from .context import RunContext
from .errors import FetchError, HTTPStatusError, RobotsDisallowed, StoreError
from .fetch import FEED_ACCEPT
from .ingest import ingest_originals, store_original
from .judgement import candidate_originals, default_rules, judge_page, rules_for
from .models import (
    Announcement,
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
)
from .originals import extract_original
from .pages import decode_html, feed_links, parse_page
from .present import check_json, plain
from .refresh import REMIND_EVERY, Decision, due, refresh
from .store import Store
from .urls import article_key, host_in, host_of, is_http
from .views import RESULT_FORMAT

MAX_LINKED_ORIGINALS = 3
PAGES_TOPIC = "unreadable-pages"  # the daily reminder of pages that cannot be read
_GONE = {404, 410}

Progress = Callable[[int, int, str], None]
T = TypeVar("T")


@dataclass
class RunSummary:
    """What a run did and found; :meth:`as_dict` is what ``run --json`` prints and the runs table keeps."""

    feeds: int = 0
    feeds_fetched: int = 0
    feeds_not_modified: int = 0
    feeds_deferred: int = 0
    feeds_failed: int = 0  # failed when asked in this run
    feeds_failing: int = 0  # failed in this run or left alone for earlier failures (or retired)
    pages_checked: int = 0
    pages_rechecked: int = 0
    originals_added: int = 0
    new: int = 0  # violations announced by this run: found now, or by a run that could not announce them
    open: int = 0
    resolved: int = 0
    failing_feeds: list[dict[str, object]] = field(default_factory=list)  # publishers' and republishers'
    failing_pages: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)
    run_id: int = 0
    new_violations: list[Announcement] = field(default_factory=list)
    announce_up_to: int = 0  # the newest violation when the run ended: what announcing it marks

    @property
    def nothing_read(self) -> bool:
        """No republisher feed at all could be read (each failed, or was left alone for failing)."""
        return self.feeds > 0 and self.feeds_failing == self.feeds

    def as_dict(self, announcements: bool = True) -> dict[str, object]:
        """The summary as JSON; ``announcements`` adds every violation announced (left out of the runs table)."""
        data = {k: v for k, v in self.__dict__.items() if k not in {"run_id", "new_violations", "announce_up_to"}}
        if announcements:
            data["new_violations"] = [asdict(v) for v in self.new_violations]
        return data


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

    def __init__(self, context: RunContext, feeds: Iterable[FeedSpec] = ()) -> None:
        self.context = context if context.index is not None else context.with_index()
        self.store = context.store
        self.index = self.context.index
        self.fetcher = context.fetcher
        self.parser = context.parser
        self.all_rules = context.rules
        self.by_publisher = {r.publisher.name: r for r in context.rules}
        self.listed = {host_of(spec.url): spec for spec in feeds}  # a page on another host is charged to these
        self.clock = context.clock

    # -- feeds ----------------------------------------------------------------------------------

    def crawl_feed(self, spec: FeedSpec) -> FeedOutcome:
        state = self.store.feed_state(spec.url) or FeedState(url=spec.url, role="republisher")
        state = replace(state, name=spec.name, contact=spec.contact)
        decision = due(state, self.clock())
        if decision.action == "defer":
            return _outcome(spec, decision)
        try:
            fetched = self.fetcher.get(state.fetch_url, etag=state.etag, last_modified=state.last_modified,
                                       accept=FEED_ACCEPT)
            if not fetched.not_modified and _looks_like_html(fetched):
                fetched, state = self._discover(fetched, state)
        except FetchError as exc:
            return _outcome(spec, refresh(state, exc, self.clock()))
        decision = refresh(state, fetched, self.clock())
        if decision.action != "read":
            return _outcome(spec, decision)
        try:
            parsed = self.parser.parse(fetched.body, fetched.content_type, fetched.final_url)
        except FetchError as exc:
            return _outcome(spec, refresh(state, exc, self.clock()))
        own = (spec.url, decision.state.fetch_url, fetched.final_url, parsed.link)
        entries, pages, messages = self._new_entries(spec, decision.state, parsed.entries, own)
        said = (decision.message,) if decision.message else ()
        return FeedOutcome(decision.state, spec.name, tuple(entries), tuple(pages), fetched=True,
                           messages=said + tuple(messages))

    def _discover(self, fetched: Fetched, state: FeedState) -> tuple[Fetched, FeedState]:
        """A home page was given: follow its <link rel="alternate"> to the feed, and remember it."""
        found = feed_links(decode_html(fetched.body, fetched.content_type), fetched.final_url)
        if not found:
            raise FetchError(state.url, "this is a web page that announces no RSS or Atom feed; put the feed's URL in feeds/")
        feed = self.fetcher.get(found[0], accept=FEED_ACCEPT)
        return feed, replace(state, feed_url=found[0], etag=None, last_modified=None)

    def _new_entries(self, spec: FeedSpec, state: FeedState, entries: Iterable[FeedEntry],
                     own: tuple[str | None, ...]) -> tuple[list, list[PageCheck], list[str]]:
        """The pages of the entries not seen before, checked; (entries seen, pages, what to say)."""
        seen: list[tuple[str, str | None]] = []
        pages: list[PageCheck] = []
        messages: list[str] = []
        keys: set[str] = set()
        own_hosts = tuple(host_of(url) for url in own if url)
        for entry in entries:
            key = entry_key(entry)
            link = entry.link if entry.link and is_http(entry.link) else None
            if key in keys or self.store.entry_seen(state.url, key, link):
                continue
            keys.add(key)
            if link and rules_for(link, self.all_rules):
                seen.append((key, link))  # the publisher's own article, not a republication
                continue
            known: list[int] = []
            if link and entry.full_text:
                known = [r.original_id for r in originals_in(entry.full_text, self.store, self.index, self.all_rules)]
            if link and (known or not entry.full_text):
                republisher, feed_url = self._charged(link, spec, state, own_hosts)
                page = self.check_page(link, republisher, feed_url, known=known)
                pages.append(page)
                messages += [_bug_message(page)] if page.trace else []
                if page.status == "failed":
                    continue  # not marked as seen: the next run tries the page again
            # else: no page, or the feed shows the whole text and it reproduces nothing: nothing to fetch
            seen.append((key, link))
        return seen, pages, messages

    def _charged(self, link: str, spec: FeedSpec, state: FeedState, own_hosts: tuple[str, ...]) -> tuple[str, str]:
        """Whom a page is charged to, and the feed it is recorded under: the feed's republisher for a page on
        the feed's own site; for a page elsewhere, the feed feeds/ lists on that host, else the host itself."""
        host = host_of(link)
        if any(_same_site(host, own) for own in own_hosts):
            return spec.name, state.url
        listed = self.listed.get(host)
        return (listed.name, listed.url) if listed else (host, state.url)

    # -- pages ----------------------------------------------------------------------------------

    def check_page(self, url: str, republisher: str, feed_url: str, known: Iterable[int] = (),
                   etag: str | None = None, last_modified: str | None = None) -> PageCheck:
        """Fetch a page and judge it against every original it reproduces (and those it did before).

        Whatever goes wrong with one page is recorded against that page (status and reason, and the
        traceback of a bug) and never reaches the feed's other entries; only a database error, which no
        page can get around, stops the run."""
        base = PageCheck(url, republisher, feed_url, "checked")
        try:
            return self._check_page(base, known, etag, last_modified)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug met on one page is that page's failure
            return replace(base, status="failed", error=f"internal error while reading or judging the page "
                                                        f"({type(exc).__name__}: {exc})", trace=traceback.format_exc())

    def _check_page(self, base: PageCheck, known: Iterable[int], etag: str | None,
                    last_modified: str | None) -> PageCheck:
        url = base.url
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
        if rules_for(url, self.all_rules):
            # Recorded before entries on the publishers' own domains were skipped: not a republication.
            return PageCheck(url, republisher, feed_url, "excluded", error="on a publisher's own domain")
        etag, last_modified = self.store.page_validators(url)
        return self.check_page(url, republisher, feed_url, known=self.store.reproduced_by(url),
                               etag=etag, last_modified=last_modified)


def stored_result(result: CheckResult) -> dict[str, object]:
    """The check's JSON plus what the report shows: every requirement, met or not, under a format version
    (:data:`cc_syndicate.views.RESULT_FORMAT`; :func:`cc_syndicate.views.read_result` reads every version)."""
    data = check_json(result)
    data["format"] = RESULT_FORMAT
    data["requirements"] = [
        {"name": o.name, "requirement": o.requirement, "status": o.status, "detail": o.detail, "fix": o.fix,
         "code": o.finding.code if o.finding else None} for o in result.outcomes]
    data["language"] = result.rules.publisher.language
    return plain(data)


def _looks_like_html(fetched: Fetched) -> bool:
    kind = fetched.content_type.split(";")[0].strip().lower()
    head = fetched.body[:512].lstrip().lower()
    return kind in {"text/html", "application/xhtml+xml"} or head.startswith((b"<!doctype html", b"<html"))


def _same_site(host: str, other: str) -> bool:
    """One site: the same host (``www.`` aside), or one a subdomain of the other (feeds.x.org and x.org)."""
    return host_in(host, (other,)) or host_in(other, (host,))


def _outcome(spec: FeedSpec, decision: Decision) -> FeedOutcome:
    """A feed's outcome when no entry was read: not modified, failed or left alone."""
    said = (decision.message,) if decision.message else ()
    return FeedOutcome(decision.state, spec.name, not_modified=decision.action == "unchanged",
                       failed=decision.action in {"retry-later", "refused", "retired"},
                       deferred=decision.action == "defer", messages=said)


def _bug_message(page: PageCheck) -> str:
    return (f"page {page.url} hit an internal error (please report it); it is recorded as unreadable and tried "
            f"again on the next run:\n{page.trace}")


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


def run(context: RunContext, feeds: list[FeedSpec], progress: Progress | None = None) -> RunSummary:
    """One scheduled run over every feed; returns what it did and found, with the violations to announce
    (the caller announces them, then calls :func:`announced`). The settings give the number of workers,
    the pages of the publishers' feeds to walk back and how long resolved cases keep their text."""
    started = time.monotonic()
    store, fetcher, settings, clock = context.store, context.fetcher, context.settings, context.clock
    summary = RunSummary(feeds=len(feeds))
    summary.run_id = run_id = store.start_run()
    ingest = ingest_originals(context)
    summary.originals_added = ingest.originals_added
    summary.messages += ingest.news
    crawler = Crawler(context.with_index(), feeds)
    summary.messages += store.notices
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        try:
            _crawl_feeds(pool, crawler, feeds, run_id, summary, progress)
            _recheck_pages(pool, crawler, run_id, summary, progress)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # a store error or ^C: do not crawl the rest first
            raise
    store.save_host_waits(fetcher.host_waits)
    store.mark_listed([spec.url for spec in feeds] + [url for rules in context.rules for url in rules.publisher.feeds],
                      run_id)
    days = settings.keep_resolved_texts_days
    store.drop_resolved_texts((clock() - timedelta(days=days)).isoformat(timespec="seconds"))
    _health(store, run_id, summary, clock())
    counts = store.violation_counts(run_id)
    summary.new, summary.open, summary.resolved = counts["new"], counts["open"], counts["resolved"]
    summary.new_violations = store.unannounced()
    summary.announce_up_to = store.newest_violation()
    summary.seconds = round(time.monotonic() - started, 2)
    store.finish_run(run_id, summary.as_dict(announcements=False))
    return summary


def announced(store: Store, summary: RunSummary) -> None:
    """The run's violations were printed and written (report, Atom): no later run announces them again."""
    store.mark_announced(summary.run_id, summary.announce_up_to)


def _health(store: Store, run_id: int, summary: RunSummary, now: datetime) -> None:
    """Feeds and pages that cannot be read: in the summary, and on stderr once a day while it lasts."""
    summary.failing_feeds = [asdict(f) for f in store.failing_feeds(run_id)]
    pages = store.failing_pages()
    summary.failing_pages = len(pages)
    said = store.reminded_at(PAGES_TOPIC)
    if not pages:
        if said:
            store.save_reminder(PAGES_TOPIC, None)
        return
    if said is None or now - datetime.fromisoformat(said) >= REMIND_EVERY:
        oldest = pages[0]
        summary.messages.append(
            f"{len(pages)} republished page(s) could not be read, the first since {(oldest.since or '')[:10]} "
            f"({oldest.url}: {(oldest.error or '').removeprefix(oldest.url + ': ')}); they are tried again on every run, "
            "and listed in the report's health section")
        store.save_reminder(PAGES_TOPIC, now.isoformat(timespec="seconds"))


def _crawl_feeds(pool: ThreadPoolExecutor, crawler: Crawler, feeds: list[FeedSpec], run_id: int, summary: RunSummary,
                 progress: Progress | None) -> None:
    """Every feed in the pool; each outcome stored as it arrives, then let go (a big run stays small)."""
    in_turns = taking_turns(feeds, key=lambda spec: host_of(spec.url))
    pending = {pool.submit(crawler.crawl_feed, spec): spec for spec in in_turns}
    for done, future in enumerate(as_completed(pending), 1):
        outcome = _feed_outcome(future, pending.pop(future), crawler)
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
        pending.pop(future)
        page = future.result()  # check_page keeps every page's trouble to that page; a store error stops the run
        crawler.store.record_page(page, run_id)
        if page.trace:
            summary.messages.append(_bug_message(page))
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


def _feed_outcome(future: Future[FeedOutcome], spec: FeedSpec, crawler: Crawler) -> FeedOutcome:
    """The feed's outcome; a bug met while crawling it fails that feed only, with its traceback."""
    try:
        return future.result()
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001
        state = crawler.store.feed_state(spec.url) or FeedState(url=spec.url, role="republisher", name=spec.name)
        when = crawler.clock().isoformat(timespec="seconds")
        state = replace(state, checked_at=when, status="failed", error=f"internal error: {type(exc).__name__}: {exc}",
                        failures=state.failures + 1, failing_since=state.failing_since or when)
        return FeedOutcome(state, spec.name, failed=True,
                           messages=(f"feed {spec.name} hit an internal error (please report it):\n{traceback.format_exc()}",))


def _count(summary: RunSummary, outcome: FeedOutcome) -> None:
    summary.feeds_fetched += outcome.fetched
    summary.feeds_not_modified += outcome.not_modified
    summary.feeds_deferred += outcome.deferred
    summary.feeds_failed += outcome.failed
    summary.feeds_failing += outcome.failing
    summary.pages_checked += sum(p.status == "checked" for p in outcome.pages)
    summary.messages += outcome.messages
