"""Where pages are read and judged: in this process, in child processes, or on a Dask cluster.

Fetching stays with the driver (the run's threads, polite per host) and so does the database (one
writer); the work that costs processor time goes to a ``concurrent.futures.Executor`` as small tasks of
plain, picklable data:

- :func:`read_page`: an HTML page into what the driver needs to decide what to judge it against (its
  title and text, the originals the index finds in it, the publishers' articles it links to) and the
  parsed page itself, pickled, for the judgement;
- :func:`judge_page`: that page against the originals the driver sends (read from its database, or
  fetched and stored because the page linked to them): each one found in the page is judged;
- :func:`read_original`: an original's page (and its feed text) into an :class:`Original` (trafilatura).

Each process holds a :class:`Context` built once (the rules and a read-only snapshot of the originals
index); a page that links to an original the snapshot does not know comes back to the driver, which
fetches and stores it and sends the page on with it. :class:`Judges` is the driver's side: it ships the
context (once per child process, or scattered to a Dask cluster), sends it again when the index has
grown enough, and bounds the tasks in flight so that fetching never runs far ahead of judging.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

from .budget import BudgetPool
from .index import OriginalsIndex, fingerprint
from .judgement import candidate_originals, default_rules, reproduced_in, rules_for
from .judgement import judge_page as judgement
from .models import CheckResult, Original, PageView, Reproduction, Rules, Settings
from .originals import extract_original
from .pages import decode_html, parse_page
from .present import check_json, plain
from .views import RESULT_FORMAT

MAX_LINKED_ORIGINALS = 3  # publishers' articles a page links to that are judged against it
TASKS_PER_CHILD = 1000  # a judging process is replaced now and then (and at once when it ran out of memory)
MIN_REFRESH = 50  # originals added before the workers get a fresh index snapshot (or a tenth of it)


@dataclass
class Context:
    """What every judging process holds for a run: the rules and a snapshot of the originals index."""

    rules: tuple[Rules, ...]
    index: OriginalsIndex
    version: int = 0


@dataclass(frozen=True)
class PageRead:
    """What the driver needs from a page before it is judged; ``view`` is the parsed page, pickled
    (sent back as it is with the originals, so the page is parsed once)."""

    url: str
    title: str
    text: str  # the article text kept for the report (no chrome, no footer)
    found: tuple[int, ...]  # originals the index finds in the page, to be verified
    linked: tuple[str, ...]  # publishers' articles the page links to (or names as canonical)
    view: bytes


# -- the tasks (run wherever the executor runs them) ----------------------------------------------

_installed: Context | None = None  # this process's context, in child processes


def install(context: Context) -> None:
    """A child process's initializer: keep the run's context for every task it runs."""
    global _installed
    _installed = context


def _context(ref: Context | int) -> Context:
    """The context a task was sent: itself (in this process, or as Dask resolved it), or the one the
    child process was started with."""
    if isinstance(ref, Context):
        return ref
    if _installed is None or _installed.version != ref:
        raise RuntimeError(f"this process holds no judging context of version {ref}")
    return _installed


def read_page(ref: Context | int, body: bytes, content_type: str, url: str, keep: bool = False) -> PageRead:
    """The page read, with the originals it may hold; the parsed page is kept for judging when any may
    be held, or when ``keep`` says the run will judge it anyway (it reproduced an original before)."""
    context = _context(ref)
    page = parse_page(decode_html(body, content_type), url)
    found = tuple(c.original_id for c in context.index.query(fingerprint(page.visible_text), limit=5))
    linked = tuple(candidate_originals(page, context.rules)[:MAX_LINKED_ORIGINALS])
    text = "\n".join(b.text for b in page.blocks if not b.chrome and not b.in_footer)
    view = pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL) if found or linked or keep else b""
    return PageRead(url, page.title, text, found, linked, view)


def judge_page(ref: Context | int, view: bytes, originals: Sequence[tuple[int, str, Original]],
               verify: Iterable[int] = ()) -> tuple[Reproduction, ...]:
    """The page judged against each original; those in ``verify`` (found by the index) only when the
    page holds at least an excerpt of them (the others were linked to, or reproduced before)."""
    context = _context(ref)
    page: PageView = pickle.loads(view)
    by_publisher = {r.publisher.name: r for r in context.rules}
    to_verify = {i: (publisher, original) for i, publisher, original in originals if i in set(verify)}
    held = {r.original_id for r in reproduced_in(page.visible_text, to_verify, context.rules)} if to_verify else set()
    return tuple(reproduction(page, i, original, by_publisher.get(publisher), context.rules)
                 for i, publisher, original in sorted(originals, key=lambda o: o[0]) if i not in to_verify or i in held)


def reproduction(page: PageView, original_id: int, original: Original, rules: Rules | None,
                 all_rules: Sequence[Rules]) -> Reproduction:
    """One page judged against one original, ready to store."""
    rules = rules or rules_for(original.identity, all_rules) or default_rules(original)
    result = judgement(page, original, rules)
    return Reproduction(original_id, result.match.kind, result.match.containment, result.match.page_share,
                        result.verdict, result.findings, stored_result(result))


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


def read_original(ref: Context | int, body: bytes, content_type: str, url: str, feed_text: str | None = None) -> Original:
    return extract_original(decode_html(body, content_type), url, feed_text)


def parse(ref: Context | int, body: bytes, content_type: str, url: str) -> PageView:
    """The page as the checker sees it (``inspect``, ``check``)."""
    return parse_page(decode_html(body, content_type), url)


def call(ref: Context | int, function: Callable[..., Any], *args: Any) -> Any:
    """Any pure function of the judgement, under the same budget (``check``'s whole judgement)."""
    return function(*args)


# -- the driver's side ----------------------------------------------------------------------------


class InProcess(Executor):
    """Runs each task at once in the thread that submits it: ``judge_processes = 0``."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - the future carries it, as a pool's would
            future.set_exception(exc)
        return future


class Judges:
    """The driver's door to the judging processes. Submitting blocks while ``backend.in_flight`` tasks are
    unfinished; every method returns a future.

    ``index`` is the snapshot the workers hold; it is never changed once shipped (threads of the driver
    may be reading it): originals stored during the run are kept aside and, once enough of them were,
    a new snapshot is built and shipped."""

    def __init__(self, rules: Sequence[Rules], index: OriginalsIndex | None, backend: Backend) -> None:
        self.rules = tuple(rules)
        self.backend = backend
        self.index = _merged(index or OriginalsIndex())
        self._added: list[tuple[int, Any]] = []
        self._version = 0
        self._ref: Any = None  # what tasks are given to find the context, once it is shipped
        self._slots = threading.BoundedSemaphore(backend.in_flight)
        self._lock = threading.RLock()

    def start(self, index: OriginalsIndex) -> None:
        """Judge against ``index`` from now on (the run's, once the originals are refreshed)."""
        with self._lock:
            self.index, self._added = _merged(index), []
            self._version += 1
            self._ref = None

    def read(self, body: bytes, content_type: str, url: str, keep: bool = False) -> Future[PageRead]:
        return self._submit(read_page, body, content_type, url, keep)

    def judge(self, read: PageRead, originals: Sequence[tuple[int, str, Original]],
              verify: Iterable[int] = ()) -> Future[tuple[Reproduction, ...]]:
        return self._submit(judge_page, read.view, tuple(originals), tuple(verify))

    def original(self, body: bytes, content_type: str, url: str, feed_text: str | None = None) -> Future[Original]:
        return self._submit(read_original, body, content_type, url, feed_text)

    def parse(self, body: bytes, content_type: str, url: str) -> Future[PageView]:
        return self._submit(parse, body, content_type, url)

    def call(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        return self._submit(call, function, *args)

    def added(self, original_id: int, keys: Any) -> None:
        """An original stored during the run: the workers get a fresh snapshot once enough were added."""
        with self._lock:
            self._added.append((original_id, keys))
            if len(self._added) < max(MIN_REFRESH, len(self.index) // 10):
                return
            index = OriginalsIndex.from_bytes(self.index.to_bytes())  # a copy: the shipped one stays as it is
            for original_id, keys in self._added:
                index.add(original_id, keys)
            self.start(index)

    def _submit(self, task: Callable[..., Any], *args: Any) -> Future[Any]:
        self._slots.acquire()
        try:
            with self._lock:
                if self._ref is None:
                    self._ref = self.backend.ship(Context(self.rules, self.index, self._version))
                ref, executor = self._ref, self.backend.executor
                if not isinstance(executor, InProcess):  # a pool is replaced under this lock: submit to it here
                    future = executor.submit(task, ref, *args)
            if isinstance(executor, InProcess):  # runs now, in this thread: outside the lock, beside the others
                future = executor.submit(task, ref, *args)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Judges:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _merged(index: OriginalsIndex) -> OriginalsIndex:
    """The index with its pending additions merged, so that reading it changes nothing (threads share it)."""
    index.query(fingerprint("merge"))
    return index


class Backend:
    """Where tasks run. ``ship`` makes a context available to the tasks submitted after it and returns
    what they are given to find it; ``in_flight`` bounds the tasks submitted and not yet finished."""

    in_flight: int = 1
    executor: Executor

    def ship(self, context: Context) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        if hasattr(self, "executor"):
            self.executor.shutdown(wait=True)


class InProcessBackend(Backend):
    """Judging in the driver's own threads, with no budget: tests and small machines."""

    def __init__(self, threads: int = 1) -> None:
        self.executor = InProcess()
        self.in_flight = max(threads, 1)

    def ship(self, context: Context) -> Context:
        return context


class PoolBackend(Backend):
    """Child processes under the page budget. A new context starts a new pool (each child is given the
    context once, when it starts); the previous one finishes what it was given, then closes."""

    def __init__(self, processes: int, timeout: float, memory_mb: int) -> None:
        self.processes, self.timeout, self.memory_mb = processes, timeout, memory_mb
        self.in_flight = processes * 4
        self._pools: list[BudgetPool] = []

    def ship(self, context: Context) -> int:
        if self._pools:
            self._pools[-1].shutdown(wait=False)
        self._pools.append(BudgetPool(self.processes, self.timeout, self.memory_mb, initializer=install,
                                      initargs=(context,), tasks_per_child=TASKS_PER_CHILD))
        self.executor = self._pools[-1]
        return context.version

    def close(self) -> None:
        for pool in self._pools:
            pool.shutdown(wait=True)


def processes_for(settings: Settings) -> int:
    """``judge_processes``, or the number of cores when it is not set."""
    return settings.judge_processes if settings.judge_processes is not None else (os.cpu_count() or 1)


def open_judges(settings: Settings, rules: Sequence[Rules], index: OriginalsIndex | None = None, *,
                processes: int | None = None, threads: int = 1, local: bool = False) -> Judges:
    """Judges as the settings say: on the Dask cluster at ``settings.scheduler`` (unless ``local``), else
    in ``processes`` child processes (default ``judge_processes``; 0: in this process, in its ``threads``)."""
    address = None if local else settings.scheduler
    if address:
        from .cluster import DaskBackend  # the optional extra, imported only when asked for

        return Judges(rules, index, DaskBackend(address, settings.judge_timeout))
    count = processes_for(settings) if processes is None else processes
    if count == 0:
        return Judges(rules, index, InProcessBackend(threads))
    return Judges(rules, index, PoolBackend(count, settings.judge_timeout, settings.judge_memory_mb))
