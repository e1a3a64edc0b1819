"""The scheduled run: refresh the originals, crawl the republishers' feeds, check what is new,
re-check what was wrong, and keep every violation's history.

Each host is fetched by one loop in a thread of its own (the fetcher paces it), ``workers`` hosts at once;
each page goes to the judges (:mod:`cc_syndicate.judging`: child processes, a Dask cluster, or this
process) as soon as it is fetched. Each feed's results come back to the main thread, the one writer, and
are stored in one transaction, so a run killed at any moment leaves a consistent database and the next run
redoes only the unfinished feeds.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from .check import originals_in
from .checks import blocked_by_robots
from .context import RunContext
from .errors import BudgetExceeded, FetchError, HTTPStatusError, RobotsDisallowed, StoreError
from .fetch import FEED_ACCEPT
from .index import fingerprint
from .ingest import ingest_originals, store_original
from .judgement import rules_for
from .judging import PageRead
from .models import (
    Announcement,
    FeedEntry,
    FeedOutcome,
    FeedSpec,
    FeedState,
    Fetched,
    PageCheck,
    Reproduction,
)
from .pages import decode_html, feed_links
from .refresh import REMIND_EVERY, Decision, due, refresh
from .store import Store
from .urls import article_key, host_in, host_of, is_http

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


@dataclass(frozen=True)
class PendingPage:
    """A page fetched whose reading was sent to the judges (or a page already decided: ``done``)."""

    base: PageCheck
    known: tuple[int, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    read: Future[PageRead] | None = None
    done: PageCheck | None = None


@dataclass(frozen=True)
class PendingFeed:
    """A feed read and its new pages fetched; what is left is judging them."""

    outcome: FeedOutcome
    entries: tuple[tuple[str, str | None, PendingPage | None], ...] = ()  # (key, link, page to judge)


class Crawler:
    """One run's crawling and judging; thread-safe for the pool (the store locks itself).

    Fetching runs in the caller's threads (one polite loop per host); reading and judging the pages goes
    to ``judges`` as soon as each page is fetched, and :meth:`finish_feed` and :meth:`finish_pages` collect
    the judgements, fetching and storing first the originals the pages link to."""

    def __init__(self, context: RunContext, feeds: Iterable[FeedSpec] = ()) -> None:
        self.context = context if context.index is not None else context.with_index()
        self.store = context.store
        self.judges = context.readers
        self.judges.start(self.context.index)  # type: ignore[arg-type]
        self.fetcher = context.fetcher
        self.parser = context.parser
        self.all_rules = context.rules
        self.listed = {host_of(spec.url): spec for spec in feeds}  # a page on another host is charged to these
        self.clock = context.clock

    # -- feeds ----------------------------------------------------------------------------------

    def crawl_feed(self, spec: FeedSpec) -> PendingFeed:
        state = self.store.feed_state(spec.url) or FeedState(url=spec.url, role="republisher")
        state = replace(state, name=spec.name, contact=spec.contact)
        decision = due(state, self.clock())
        if decision.action == "defer":
            return PendingFeed(_outcome(spec, decision))
        try:
            fetched = self.fetcher.get(state.fetch_url, etag=state.etag, last_modified=state.last_modified,
                                       accept=FEED_ACCEPT)
            if not fetched.not_modified and _looks_like_html(fetched):
                fetched, state = self._discover(fetched, state)
        except FetchError as exc:
            return PendingFeed(_outcome(spec, refresh(state, exc, self.clock())))
        decision = refresh(state, fetched, self.clock())
        if decision.action != "read":
            return PendingFeed(_outcome(spec, decision))
        try:
            parsed = self.parser.parse(fetched.body, fetched.content_type, fetched.final_url)
        except FetchError as exc:
            return PendingFeed(_outcome(spec, refresh(state, exc, self.clock())))
        own = (spec.url, decision.state.fetch_url, fetched.final_url, parsed.link)
        entries = self._new_entries(spec, decision.state, parsed.entries, own)
        said = (decision.message,) if decision.message else ()
        return PendingFeed(FeedOutcome(decision.state, spec.name, fetched=True, messages=said), tuple(entries))

    def finish_feed(self, pending: PendingFeed) -> FeedOutcome:
        """The feed's outcome once its pages are judged; a page that failed is not marked as seen, so the
        next run tries it again."""
        pages = [page for _, _, page in pending.entries if page is not None]
        checks = iter(self.finish_pages(pages))
        seen, done, messages = [], [], []
        for key, link, page in pending.entries:
            if page is not None:
                check = next(checks)
                done.append(check)
                messages += [_bug_message(check)] if check.trace else []
                if check.status == "failed":
                    continue
            seen.append((key, link))
        outcome = pending.outcome
        return replace(outcome, entries=tuple(seen), pages=tuple(done), messages=outcome.messages + tuple(messages))

    def _discover(self, fetched: Fetched, state: FeedState) -> tuple[Fetched, FeedState]:
        """A home page was given: follow its <link rel="alternate"> to the feed, and remember it."""
        found = feed_links(decode_html(fetched.body, fetched.content_type), fetched.final_url)
        if not found:
            raise FetchError(state.url, "this is a web page that announces no RSS or Atom feed; put the feed's URL in feeds/")
        feed = self.fetcher.get(found[0], accept=FEED_ACCEPT)
        return feed, replace(state, feed_url=found[0], etag=None, last_modified=None)

    def _new_entries(self, spec: FeedSpec, state: FeedState, entries: Iterable[FeedEntry],
                     own: tuple[str | None, ...]) -> list[tuple[str, str | None, PendingPage | None]]:
        """The entries not seen before, each with its page fetched and sent to be read when it needs judging."""
        found: list[tuple[str, str | None, PendingPage | None]] = []
        keys: set[str] = set()
        own_hosts = tuple(host_of(url) for url in own if url)
        for entry in entries:
            key = entry_key(entry)
            link = entry.link if entry.link and is_http(entry.link) else None
            if key in keys or self.store.entry_seen(state.url, key, link):
                continue
            keys.add(key)
            if link and rules_for(link, self.all_rules):
                found.append((key, link, None))  # the publisher's own article, not a republication
                continue
            known: list[int] = []
            if link and entry.full_text:
                known = [r.original_id for r in originals_in(entry.full_text, self.store, self.judges.index, self.all_rules)]
            page = None
            if link and (known or not entry.full_text):
                republisher, feed_url = self._charged(link, spec, state, own_hosts)
                page = self.start_page(link, republisher, feed_url, known=known)
            # else: no page, or the feed shows the whole text and it reproduces nothing: nothing to fetch
            found.append((key, link, page))
        return found

    def _charged(self, link: str, spec: FeedSpec, state: FeedState, own_hosts: tuple[str, ...]) -> tuple[str, str]:
        """Whom a page is charged to, and the feed it is recorded under: the feed's republisher for a page on
        the feed's own site; for a page elsewhere, the feed feeds/ lists on that host, else the host itself."""
        host = host_of(link)
        if any(_same_site(host, own) for own in own_hosts):
            return spec.name, state.url
        listed = self.listed.get(host)
        return (listed.name, listed.url) if listed else (host, state.url)

    # -- pages ----------------------------------------------------------------------------------

    def start_page(self, url: str, republisher: str, feed_url: str, known: Iterable[int] = (),
                   etag: str | None = None, last_modified: str | None = None) -> PendingPage:
        """Fetch a page (in this thread) and send it to be read; a page that cannot be fetched is decided now."""
        base = PageCheck(url, republisher, feed_url, "checked")
        known = tuple(known)
        try:
            fetched = self.fetcher.get(url, etag=etag, last_modified=last_modified)
            if fetched.not_modified:
                return PendingPage(base, done=replace(base, status="not-modified"))
            read = self.judges.read(fetched.body, fetched.content_type, fetched.final_url, keep=bool(known))
        except RobotsDisallowed:
            findings = (blocked_by_robots(url),)
            return PendingPage(base, done=replace(base, status="blocked", reproductions=tuple(
                Reproduction(o, "none", 0.0, 0.0, "not-a-reproduction", findings, {}) for o in known or [None])))
        except HTTPStatusError as exc:
            return PendingPage(base, done=replace(base, status="gone" if exc.status in _GONE else "failed", error=str(exc)))
        except FetchError as exc:
            return PendingPage(base, done=replace(base, status="failed", error=str(exc)))
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug met on one page is that page's failure
            return PendingPage(base, done=_bug(base, exc))
        return PendingPage(base, known, fetched.etag, fetched.last_modified, read=read)

    def finish_pages(self, pending: list[PendingPage]) -> list[PageCheck]:
        """Each page judged against every original it reproduces (and those it did before).

        Whatever goes wrong with one page (past its budget, a bug) is recorded against that page (status and
        reason, and the traceback of a bug) and never reaches the others; only a database error, which no
        page can get around, stops the run."""
        judging = [self._judge(page) for page in pending]  # every judgement is sent before any is awaited
        return [self._judged(page, judgement) for page, judgement in zip(pending, judging)]

    def _judge(self, pending: PendingPage) -> PageCheck | tuple[PageRead, Future[tuple[Reproduction, ...]] | None]:
        if pending.done is not None:
            return pending.done
        try:
            assert pending.read is not None
            read = pending.read.result()
            linked = {i for i in map(self._linked_original, read.linked) if i is not None}
            ids = sorted(set(read.found) | set(pending.known) | linked)
            if not ids:
                return read, None
            originals = [(i, publisher, original) for i, (publisher, original) in self.store.originals(ids).items()]
            return read, self.judges.judge(read, originals, verify=set(read.found) - set(pending.known) - linked)
        except StoreError:
            raise
        except BudgetExceeded as exc:
            return replace(pending.base, status="failed", error=str(exc))
        except Exception as exc:  # noqa: BLE001
            return _bug(pending.base, exc)

    def _judged(self, pending: PendingPage, judging: PageCheck | tuple[PageRead, Future[Any] | None]) -> PageCheck:
        if isinstance(judging, PageCheck):
            return judging
        read, future = judging
        try:
            reproductions = future.result() if future is not None else ()
        except BudgetExceeded as exc:
            return replace(pending.base, status="failed", error=str(exc))
        except Exception as exc:  # noqa: BLE001
            return _bug(pending.base, exc)
        return replace(pending.base, title=read.title, text=read.text, etag=pending.etag,
                       last_modified=pending.last_modified, reproductions=reproductions)

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
            original = self.judges.original(fetched.body, fetched.content_type, fetched.final_url).result()
        except (FetchError, BudgetExceeded):
            return None
        stored = store_original(self.store, original, rules.publisher.name, url)
        if stored is None:
            return self.store.original_id(article_key(original.identity))
        self.judges.added(stored, fingerprint(original.text))
        return stored

    def start_recheck(self, url: str, republisher: str, feed_url: str) -> PendingPage:
        if rules_for(url, self.all_rules):
            # Recorded before entries on the publishers' own domains were skipped: not a republication.
            base = PageCheck(url, republisher, feed_url, "excluded", error="on a publisher's own domain")
            return PendingPage(base, done=base)
        etag, last_modified = self.store.page_validators(url)
        return self.start_page(url, republisher, feed_url, known=self.store.reproduced_by(url),
                               etag=etag, last_modified=last_modified)


def _bug(base: PageCheck, exc: BaseException) -> PageCheck:
    return replace(base, status="failed", error=f"internal error while reading or judging the page "
                                               f"({type(exc).__name__}: {exc})", trace=traceback.format_exc())


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
    (the caller announces them, then calls :func:`announced`). The settings give the hosts fetched at once
    (``workers``, each by its own polite loop), the pages of the publishers' feeds to walk back and how long
    resolved cases keep their text; the context's judges read and judge the pages (default: in the
    fetching threads)."""
    started = time.monotonic()
    store, fetcher, settings, clock = context.store, context.fetcher, context.settings, context.clock
    if context.judges is None:
        context = replace(context, judges=context.readers)  # one set for the whole run
    summary = RunSummary(feeds=len(feeds))
    summary.run_id = run_id = store.start_run()
    ingest = ingest_originals(context)
    summary.originals_added = ingest.originals_added
    summary.messages += ingest.news
    crawler = Crawler(context.with_index(), feeds)
    summary.messages += store.notices
    with HostLoops(settings.workers) as loops:
        _crawl_feeds(loops, crawler, feeds, run_id, summary, progress)
        _recheck_pages(loops, crawler, run_id, summary, progress)
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


def _crawl_feeds(loops: HostLoops, crawler: Crawler, feeds: list[FeedSpec], run_id: int, summary: RunSummary,
                 progress: Progress | None) -> None:
    """Every feed, by its host's loop; each outcome stored as it arrives, then let go (a big run stays small)."""
    done = loops.run(feeds, key=lambda spec: host_of(spec.url), start=crawler.crawl_feed, finish=crawler.finish_feed)
    for count, (spec, future) in enumerate(done, 1):
        outcome = _feed_outcome(future, spec, crawler)
        crawler.store.record_feed(outcome, run_id)
        _count(summary, outcome)
        if progress:
            progress(count, len(feeds), outcome.republisher)


def _recheck_pages(loops: HostLoops, crawler: Crawler, run_id: int, summary: RunSummary,
                   progress: Progress | None) -> None:
    """Pages with open violations or a failed fetch that this run has not seen yet."""
    rows = crawler.store.pages_to_recheck(not_checked_in_run=run_id)
    done = loops.run(rows, key=lambda r: host_of(r["url"]),
                     start=lambda r: crawler.start_recheck(r["url"], r["republisher"], r["feed_url"]),
                     finish=lambda pending: crawler.finish_pages([pending])[0])
    for count, (_, future) in enumerate(done, 1):
        page = future.result()  # every page's trouble is kept to that page; a store error stops the run
        crawler.store.record_page(page, run_id)
        if page.trace:
            summary.messages.append(_bug_message(page))
        summary.pages_rechecked += 1
        if progress:
            progress(count, len(rows), "re-checking pages with open violations or failures")


class HostLoops:
    """One polite loop per host: each host's items are started one after the other by one thread (the
    fetcher paces the host), ``workers`` hosts at once; each started item is finished (its judgements
    awaited) by other threads, so a host's loop goes on to its next item while the judges work."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._stop = threading.Event()
        self._loops = ThreadPoolExecutor(self.workers, thread_name_prefix="cc-syndicate-host")
        self._finishers = ThreadPoolExecutor(self.workers, thread_name_prefix="cc-syndicate-finish")

    def run(self, items: Iterable[T], key: Callable[[T], str], start: Callable[[T], Any],
            finish: Callable[[Any], Any]) -> Iterator[tuple[T, Future[Any]]]:
        """(item, future of its finished result) for every item, as each is finished; a failure to start
        or finish an item is its future's exception."""
        groups: dict[str, list[T]] = {}
        for item in items:
            groups.setdefault(key(item), []).append(item)
        finished: queue.SimpleQueue[tuple[T, Future[Any]]] = queue.SimpleQueue()
        for group in groups.values():
            self._loops.submit(self._loop, group, start, finish, finished)
        for _ in range(sum(len(g) for g in groups.values())):
            yield finished.get()

    def _loop(self, group: list[T], start: Callable[[T], Any], finish: Callable[[Any], Any],
              finished: queue.SimpleQueue[tuple[T, Future[Any]]]) -> None:
        for item in group:
            future: Future[Any]
            if self._stop.is_set():
                future = Future()
                future.set_exception(RuntimeError("the run was stopped"))
            else:
                try:
                    future = self._finishers.submit(finish, start(item))
                except BaseException as exc:  # noqa: BLE001 - the item's failure, handed to whoever waits for it
                    future = Future()
                    future.set_exception(exc)

            def done(future: Future[Any], item: T = item) -> None:
                finished.put((item, future))
            future.add_done_callback(done)

    def __enter__(self) -> HostLoops:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            self._stop.set()  # a store error or ^C: do not crawl the rest first
        self._loops.shutdown(wait=exc[0] is None, cancel_futures=True)
        self._finishers.shutdown(wait=exc[0] is None, cancel_futures=True)


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
