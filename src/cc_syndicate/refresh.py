"""When to read a feed again, and what its answer means: one decision for every feed (pure).

The publishers' feeds (:mod:`cc_syndicate.ingest`) and the republishers' (:mod:`cc_syndicate.run`) are
refreshed by the same two functions, as lemon24/reader's update decider does: :func:`due` before a
request, :func:`refresh` after it. Each takes the feed's state and the time (the clock is passed in, never
read here) and returns the new state, what to do, and what the rights manager should hear, if anything:
a failure is said when it starts and then once a day while it lasts, never on every run.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Literal, NamedTuple

from .errors import BadURL, BlockedAddress, FetchError, HostDeferred, HTTPStatusError
from .models import FeedState, Fetched

BACKOFF_BASE = timedelta(minutes=30)  # the wait after a first failure, doubled after each further one ...
BACKOFF_MAX = timedelta(days=2)  # ... up to this
MOVED_AFTER_RUNS = 3  # a permanent redirect seen on this many runs in a row updates the feed's URL
REMIND_EVERY = timedelta(days=1)

Action = Literal[
    "fetch",        # due: ask for it now
    "defer",        # not now (back-off, Retry-After of its host, retired); nothing was asked
    "read",         # a new body: read its entries (then save the state returned)
    "unchanged",    # 304, or the same body as last time
    "retry-later",  # failed; the state says when to try again
    "refused",      # refused by policy (private address, bad URL): tried again on the next run, no back-off
    "retired",      # 410 Gone: never fetched again
]


class Decision(NamedTuple):
    state: FeedState
    action: Action
    message: str | None = None


def due(state: FeedState, now: datetime) -> Decision:
    """May the feed be fetched now? A failing or retired feed left alone is reminded of once a day."""
    if state.retired_at:
        return _remind(Decision(state, "defer"), now)
    if state.next_try_at and _time(state.next_try_at) > now:
        return _remind(Decision(state, "defer"), now) if _failing(state) else Decision(state, "defer")
    return Decision(state, "fetch")


def refresh(state: FeedState, outcome: Fetched | FetchError, now: datetime) -> Decision:
    """The state after fetching the feed (``outcome`` is the response, or the error met instead)."""
    if isinstance(outcome, FetchError):
        return _failed(state, outcome, now)
    moved = follow_moves(state, outcome)
    message = _moved_message(moved) if moved.feed_url != state.feed_url else None
    body_hash = hashlib.sha256(outcome.body).hexdigest()
    healthy = replace(moved, checked_at=_iso(now), error=None, failures=0, next_try_at=None, failing_since=None,
                      reminded_at=None)
    if outcome.not_modified or body_hash == state.body_hash:
        return Decision(replace(healthy, status="not-modified"), "unchanged", message)
    read = replace(healthy, status="ok", etag=outcome.etag, last_modified=outcome.last_modified, body_hash=body_hash)
    return Decision(read, "read", message)


def follow_moves(state: FeedState, fetched: Fetched) -> FeedState:
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


def backoff(failures: int) -> timedelta:
    """How long to leave a feed alone after its ``failures``-th failure in a row."""
    return min(BACKOFF_BASE * 2 ** max(failures - 1, 0), BACKOFF_MAX)


# -- failures ---------------------------------------------------------------------------------


def _failed(state: FeedState, exc: FetchError, now: datetime) -> Decision:
    if isinstance(exc, HostDeferred):
        # Not this feed's failure: its host asked (for another URL) to be left alone until then.
        waited = replace(state, next_try_at=_iso(now + timedelta(seconds=exc.retry_after)))
        return _remind(Decision(waited, "defer"), now) if _failing(state) else Decision(waited, "defer")
    failing = replace(state, checked_at=_iso(now), error=str(exc), failures=state.failures + 1,
                      failing_since=state.failing_since or _iso(now))
    if isinstance(exc, HTTPStatusError) and exc.status == 410:
        retired = replace(failing, status="retired", retired_at=_iso(now), next_try_at=None, reminded_at=_iso(now))
        return Decision(retired, "retired", _retired_message(retired, now))
    if isinstance(exc, (BlockedAddress, BadURL)):
        # Refused by policy, not by the server: waiting changes nothing, and the fix (a new URL,
        # --allow-private) must work on the very next run.
        return _first_or_daily(Decision(replace(failing, status="failed", next_try_at=None), "refused"), state, now)
    retry_after = exc.retry_after if isinstance(exc, HTTPStatusError) and exc.retry_after else None
    wait = timedelta(seconds=retry_after) if retry_after else backoff(failing.failures)
    later = replace(failing, status="failed", next_try_at=_iso(now + wait))
    return _first_or_daily(Decision(later, "retry-later"), state, now)


def _first_or_daily(decision: Decision, before: FeedState, now: datetime) -> Decision:
    """A failure is said when it starts, then once a day while it lasts."""
    if not _failing(before):
        state = replace(decision.state, reminded_at=_iso(now))
        return decision._replace(state=state, message=f"{_label(state)} failed: {_name(state)}: {state.error}")
    return _remind(decision, now)


def _remind(decision: Decision, now: datetime) -> Decision:
    state = decision.state
    if state.reminded_at and now - _time(state.reminded_at) < REMIND_EVERY:
        return decision
    if state.retired_at:
        message = _retired_message(state, now)
    else:
        since = f"since {state.failing_since[:10]}, " if state.failing_since else ""
        message = (f"{_label(state)} still failing: {_name(state)} ({since}{state.failures} attempt(s)); "
                   f"last error: {state.error}")
    return decision._replace(state=replace(state, reminded_at=_iso(now)), message=message)


# -- words ------------------------------------------------------------------------------------


def _label(state: FeedState) -> str:
    return "publisher feed" if state.role == "publisher" else "feed"


def _name(state: FeedState) -> str:
    return state.name or state.url


def _where(state: FeedState) -> str:
    return "its rule's publisher.feeds" if state.role == "publisher" else "your feeds file"


def _retired_message(state: FeedState, now: datetime) -> str:
    day = (state.retired_at or _iso(now))[:10]
    return (f"{_label(state)} retired: {_name(state)} ({state.url}) answered 410 Gone on {day} and is not fetched "
            f"any more; remove it from {_where(state)}")


def _moved_message(state: FeedState) -> str:
    return (f"{_label(state)} moved: {_name(state)} answered a permanent redirect on {MOVED_AFTER_RUNS} runs; it is "
            f"now read from {state.feed_url} (update {state.url} in {_where(state)})")


def _failing(state: FeedState) -> bool:
    return state.status in ("failed", "retired")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)
