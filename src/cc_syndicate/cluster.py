"""Judging on a Dask distributed cluster (``run --scheduler``; the optional extra ``cc-syndicate[dask]``).

The driver keeps fetching, feed parsing and the database; the cluster gets the same tasks a local pool
would, through ``Client.get_executor()`` (a ``concurrent.futures.Executor``). The judging context (the
rules and the originals index) is scattered to every worker once (``broadcast``) and scattered again when
the index has grown; each task names it, and Dask hands each worker its own copy.

Budgets: a Dask worker runs tasks in threads, which cannot be stopped, and its processes are daemons,
which cannot start children, so the time budget is kept by the driver (a page whose result has not come
within ``judge_timeout`` is recorded as unreadable; the worker's thread finishes it and the result is
dropped) and the memory budget by the worker's nanny (``dask worker --memory-limit``), which restarts a
worker past it: a page that brings down workers comes back as :class:`BudgetExceeded`. While the thread
of a page past its budget finishes it, pages queued behind it on that worker may pass their own budget
too: they are recorded as unreadable and tried again on the next run, never judged on less.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from .errors import BudgetExceeded, ExtraMissing, UsageError
from .judging import Backend, Context

CONNECT_TIMEOUT = "10s"


class DaskBackend(Backend):
    def __init__(self, address: str, timeout: float) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ExtraMissing("judging on a Dask cluster (--scheduler, or scheduler in [judge]) needs Dask: "
                               "pip install 'cc-syndicate[dask]'") from None
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {address} ({exc}): start one with "
                             "`dask scheduler` (and workers with `dask worker ADDRESS`), or correct the address") from None
        threads = sum(self.client.nthreads().values())
        self.in_flight = max(threads, 1) * 2
        self.executor = DeadlineExecutor(self.client.get_executor(pure=False), timeout)
        self._context: Any = None

    def ship(self, context: Context) -> Any:
        self._context = self.client.scatter(context, broadcast=True, hash=False)
        return self._context

    def close(self) -> None:
        self.executor.shutdown(wait=False)
        self.client.close()


class DeadlineExecutor(Executor):
    """Another executor's tasks, each given ``timeout`` seconds from its submission (the driver keeps the
    tasks in flight to what the cluster runs at once, so that is about when it starts)."""

    def __init__(self, inner: Executor, timeout: float) -> None:
        self.inner, self.timeout = inner, timeout
        self._heap: list[tuple[float, int, Future[Any], Future[Any]]] = []
        self._count = itertools.count()
        self._wake = threading.Condition()
        self._closed = False
        threading.Thread(target=self._watch, name="cc-syndicate-deadlines", daemon=True).start()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        inner = self.inner.submit(fn, *args, **kwargs)
        outer: Future[Any] = Future()
        inner.add_done_callback(lambda done: _settle(outer, done))
        with self._wake:
            heapq.heappush(self._heap, (time.monotonic() + self.timeout, next(self._count), outer, inner))
            self._wake.notify()
        return outer

    def _watch(self) -> None:
        with self._wake:
            while not self._closed:
                now = time.monotonic()
                while self._heap and (self._heap[0][2].done() or self._heap[0][0] <= now):
                    _, _, outer, inner = heapq.heappop(self._heap)
                    if _claim(outer):
                        outer.set_exception(BudgetExceeded(f"took longer than its time budget ({self.timeout:g} s)"))
                        inner.cancel()
                self._wake.wait(self._heap[0][0] - now if self._heap else None)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()
        self.inner.shutdown(wait=wait)


_claims = threading.Lock()


def _claim(outer: Future[Any]) -> bool:
    """Whether the caller may settle ``outer`` (the deadline and the result race for it)."""
    with _claims:
        if outer.done() or outer.running():
            return False
        outer.set_running_or_notify_cancel()
        return True


def _settle(outer: Future[Any], inner: Future[Any]) -> None:
    if inner.cancelled():
        return  # cancelled by the deadline, which settled ``outer``
    if not _claim(outer):
        return
    exc = inner.exception()
    if exc is None:
        outer.set_result(inner.result())
    elif type(exc).__name__ == "KilledWorker":
        outer.set_exception(BudgetExceeded(f"brought down the Dask workers that ran it ({exc}); most likely it "
                                           "went past their memory limit"))
    else:
        outer.set_exception(exc)
