"""Child processes that run work under a time and a memory budget, as a ``concurrent.futures.Executor``.

A page comes from a stranger: reading and judging it may take longer, or need more memory, than anyone
meant (a parser's worst case, a page built to find it). Each task runs in a child process of a pebble
``ProcessPool``: past its time budget the child is killed and replaced; its address space is capped
(``RLIMIT_AS``) at what it uses when it starts plus the memory budget, so a task that needs more fails
with ``MemoryError`` (or its child dies) and the child is replaced. Either way the task's future raises
:class:`BudgetExceeded`, which the caller records against that one page; the other tasks go on.

Children are forked from one forkserver per process whose modules are loaded once (:func:`context`), so
a pool starts in milliseconds after the first; ``initializer`` builds each child's state once (the rules,
the originals index) before the memory cap is taken.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from pebble import ProcessPool
from pebble.common import ProcessExpired

from .errors import BudgetExceeded

TASKS_PER_CHILD = 200  # a fresh child now and then, so that nothing a page left behind lasts
OUT_OF_MEMORY = 86  # the exit status of a child that ran out of memory (it leaves: the pool starts a fresh one)
# What every child needs, loaded once in the forkserver: children fork from it with these in memory.
PRELOAD = ["cc_syndicate.feeds", "cc_syndicate.judging"]
_context_lock = threading.Lock()
_context: Any = None


def context() -> Any:
    """The multiprocessing context of every pool here and in the feed sandbox: a forkserver (forking the
    threaded crawler itself could copy a lock some thread holds) that preloads what children need."""
    global _context
    with _context_lock:
        if _context is None:
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(PRELOAD)
        return _context


_limits: dict[str, int] = {}  # this child's address space when capped, and the cap


def _vm(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next((int(line.split()[1]) * 1024 for line in status if line.startswith(field + ":")), 0)


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space at what it already uses plus ``megabytes``."""
    in_use = _vm("VmSize")
    cap = in_use + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    _limits.update(start=in_use, cap=cap)


def _ran_out_of_memory() -> bool:
    """Whether this child came near its cap: C libraries report a failed allocation their own way (lxml as
    a syntax error), so a failure after the peak passed three quarters of the budget is taken as one."""
    if not _limits:
        return False
    return _vm("VmPeak") >= _limits["start"] + 0.75 * (_limits["cap"] - _limits["start"])


def _start_child(memory_mb: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    if initializer is not None:
        initializer(*initargs)
    limit_memory(memory_mb)


def _in_child(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Run a task in the child. A child that ran out of memory leaves (the pool starts another); any other
    exception must travel back pickled, so one that cannot (lxml's carry their error log) is sent as its
    name and message."""
    try:
        return fn(*args, **kwargs)
    except MemoryError:
        os._exit(OUT_OF_MEMORY)  # a bloated child is not kept: the pool replaces it
    except Exception as exc:
        if _ran_out_of_memory():
            os._exit(OUT_OF_MEMORY)
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - any reason it cannot travel
            raise RuntimeError(f"{type(exc).__name__}: {exc}") from None
        raise


class BudgetPool(Executor):
    """``workers`` child processes; every task gets ``timeout`` seconds (counted from when a child starts
    it) and ``memory_mb`` megabytes above what the child holds after ``initializer``. Futures raise
    :class:`BudgetExceeded` when a task goes past either; any other exception is the task's own."""

    def __init__(self, workers: int, timeout: float, memory_mb: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = (), tasks_per_child: int = TASKS_PER_CHILD) -> None:
        self.workers, self.timeout, self.memory_mb = workers, timeout, memory_mb
        self._pool = ProcessPool(max_workers=workers, max_tasks=tasks_per_child, initializer=_start_child,
                                 initargs=(memory_mb, initializer, initargs), context=context())

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        inner = self._pool.schedule(_in_child, args=(fn, args, kwargs), timeout=self.timeout)
        outer: Future[Any] = Future()
        inner.add_done_callback(lambda done: _settle(outer, done, self))
        return outer

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if cancel_futures:
            self._pool.stop()
        else:
            self._pool.close()
        if wait or cancel_futures:
            self._pool.join(timeout=None if wait else 5)

    def over_budget(self, exc: BaseException) -> BudgetExceeded | None:
        """The budget a task's failure means it went past, if it does."""
        if isinstance(exc, FutureTimeout):
            return BudgetExceeded(f"took longer than its time budget ({self.timeout:g} s)")
        if isinstance(exc, MemoryError) or (isinstance(exc, ProcessExpired) and exc.exitcode == OUT_OF_MEMORY):
            return BudgetExceeded(f"needed more memory than its budget ({self.memory_mb} MB)")
        if isinstance(exc, ProcessExpired):
            return BudgetExceeded(f"stopped the process that read it (exit code {exc.exitcode})")
        return None


def _settle(outer: Future[Any], inner: Future[Any], pool: BudgetPool) -> None:
    if inner.cancelled():
        outer.cancel()
        outer.set_running_or_notify_cancel()
        return
    exc = inner.exception()
    if exc is None:
        outer.set_result(inner.result())
    else:
        outer.set_exception(pool.over_budget(exc) or exc)
