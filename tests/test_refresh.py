"""The refresh decision, literally: a feed's state, what fetching it gave, the time -> the new state, the
action and what the rights manager hears. The same decision serves the publishers' and the republishers' feeds."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from cc_syndicate.errors import BadURL, BlockedAddress, FeedParseError, HostDeferred, HTTPStatusError
from cc_syndicate.models import FeedState, Fetched
from cc_syndicate.refresh import due, refresh

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
URL = "https://borgo.example/feed/"
BODY = b"<rss><channel><item><title>x</title></item></channel></rss>"
NEWER = BODY.replace(b"x", b"y")
FRESH = FeedState(url=URL, role="republisher", name="Il Borgo")
KNOWN = replace(FRESH, etag='"a"', body_hash=hashlib.sha256(BODY).hexdigest(), status="ok", checked_at="2026-11-19T08:00:00+00:00")


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def answer(status: int = 200, body: bytes = BODY, etag: str | None = '"b"',
           redirects: tuple[tuple[int, str], ...] = (), final_url: str = URL) -> Fetched:
    headers = {"etag": etag} if etag else {}
    return Fetched(URL, final_url, status, headers, body, redirects=redirects)


def failing(failures: int, since: datetime, said: datetime, **more: object) -> FeedState:
    return replace(KNOWN, status="failed", failures=failures, failing_since=iso(since), reminded_at=iso(said),
                   error="https://borgo.example/feed/: the server answered HTTP 500", **more)


CASES = [
    # name, state before, outcome, action, expected fields of the new state, message (a fragment, or None)
    ("ok: a new body is read, validators kept", FRESH, answer(), "read",
     {"status": "ok", "etag": '"b"', "body_hash": hashlib.sha256(BODY).hexdigest(), "failures": 0}, None),
    ("304 Not Modified", KNOWN, answer(304, b"", etag='"a"'), "unchanged",
     {"status": "not-modified", "etag": '"a"', "checked_at": iso(NOW)}, None),
    ("the same body without validators counts as unchanged", KNOWN, answer(etag=None), "unchanged",
     {"status": "not-modified", "etag": '"a"'}, None),
    ("410 Gone retires the feed, said once", KNOWN, HTTPStatusError(URL, 410), "retired",
     {"status": "retired", "retired_at": iso(NOW), "failing_since": iso(NOW), "next_try_at": None},
     "feed retired: Il Borgo (https://borgo.example/feed/) answered 410 Gone on 2026-11-20"),
    ("429 with Retry-After: tried again exactly then", KNOWN, HTTPStatusError(URL, 429, retry_after=7200), "retry-later",
     {"status": "failed", "failures": 1, "next_try_at": iso(NOW + timedelta(hours=2)), "failing_since": iso(NOW),
      "reminded_at": iso(NOW)}, "feed failed: Il Borgo: https://borgo.example/feed/: the server answered HTTP 429"),
    ("a first failure backs off 30 minutes", KNOWN, HTTPStatusError(URL, 500), "retry-later",
     {"failures": 1, "next_try_at": iso(NOW + timedelta(minutes=30))}, "feed failed: Il Borgo"),
    ("the back-off doubles with each failure in a row ...",
     failing(3, NOW - timedelta(hours=3), NOW - timedelta(hours=3)), HTTPStatusError(URL, 500), "retry-later",
     {"failures": 4, "next_try_at": iso(NOW + timedelta(hours=4)), "failing_since": iso(NOW - timedelta(hours=3))}, None),
    ("... up to two days", failing(12, NOW - timedelta(days=9), NOW - timedelta(hours=1)), HTTPStatusError(URL, 500),
     "retry-later", {"failures": 13, "next_try_at": iso(NOW + timedelta(days=2))}, None),
    ("a failure that lasts is reminded of once a day", failing(5, NOW - timedelta(days=3), NOW - timedelta(hours=25)),
     HTTPStatusError(URL, 500), "retry-later", {"reminded_at": iso(NOW)},
     "feed still failing: Il Borgo (since 2026-11-17, 6 attempt(s)); last error: https://borgo.example/feed/: the server"),
    ("a feed that cannot be parsed fails like one that cannot be fetched", KNOWN, FeedParseError(URL, "not a feed"),
     "retry-later", {"failures": 1, "status": "failed", "body_hash": KNOWN.body_hash}, "feed failed: Il Borgo"),
    ("a refused address is not backed off: the fix must work on the next run", KNOWN,
     BlockedAddress(URL, "refused: a private address (pass --allow-private)"), "refused",
     {"status": "failed", "failures": 1, "next_try_at": None}, "--allow-private"),
    ("a URL that cannot be fetched is refused the same way", KNOWN, BadURL(URL, "not an http(s) URL"), "refused",
     {"next_try_at": None}, "feed failed"),
    ("a host that asked to wait defers the feed without counting a failure", KNOWN, HostDeferred(URL, 600), "defer",
     {"status": "ok", "failures": 0, "next_try_at": iso(NOW + timedelta(seconds=600))}, None),
    ("a success ends the failure", failing(4, NOW - timedelta(days=1), NOW - timedelta(hours=2)), answer(body=NEWER), "read",
     {"status": "ok", "failures": 0, "failing_since": None, "reminded_at": None, "error": None, "next_try_at": None}, None),
    ("a permanent redirect is counted ...", KNOWN, answer(body=NEWER, redirects=((301, "https://borgo.example/rss/"),),
                                                         final_url="https://borgo.example/rss/"), "read",
     {"moved_to": "https://borgo.example/rss/", "moved_seen": 1, "feed_url": None}, None),
    ("... a temporary one resets the count",
     replace(KNOWN, moved_to="https://borgo.example/rss/", moved_seen=2),
     answer(body=NEWER, redirects=((302, "https://borgo.example/rss/"),), final_url="https://borgo.example/rss/"), "read",
     {"moved_to": None, "moved_seen": 0}, None),
    ("... and the third run in a row moves the feed",
     replace(KNOWN, moved_to="https://borgo.example/rss/", moved_seen=2),
     answer(304, b"", redirects=((308, "https://borgo.example/rss/"),), final_url="https://borgo.example/rss/"),
     "unchanged", {"feed_url": "https://borgo.example/rss/", "moved_to": None, "moved_seen": 0},
     "feed moved: Il Borgo answered a permanent redirect on 3 runs; it is now read from https://borgo.example/rss/ "
     "(update https://borgo.example/feed/ in your feeds file)"),
]


@pytest.mark.parametrize("name, before, outcome, action, fields, message", CASES, ids=[c[0] for c in CASES])
def test_refresh(name: str, before: FeedState, outcome: object, action: str, fields: dict[str, object],
                 message: str | None) -> None:
    state, got_action, got_message = refresh(before, outcome, NOW)  # type: ignore[arg-type]
    assert got_action == action
    assert {k: getattr(state, k) for k in fields} == fields
    if message is None:
        assert got_message is None
    else:
        assert got_message is not None and message in got_message


def test_a_publisher_feed_is_decided_the_same_way_and_named_as_such() -> None:
    publisher = replace(KNOWN, role="publisher", name="Voci di Città")
    state, action, message = refresh(publisher, HTTPStatusError(URL, 410), NOW)
    assert action == "retired" and state.retired_at == iso(NOW)
    assert message is not None and message.startswith("publisher feed retired: Voci di Città")
    assert "remove it from its rule's publisher.feeds" in message
    assert due(state, NOW + timedelta(days=30)).action == "defer"  # never fetched again (it was retried forever)


DUE = [
    ("a feed never fetched", FRESH, NOW, "fetch", None),
    ("a failing feed whose pause is over", failing(2, NOW - timedelta(hours=2), NOW - timedelta(hours=2),
                                                   next_try_at=iso(NOW - timedelta(minutes=1))), NOW, "fetch", None),
    ("a failing feed still pausing, said within the day: silent",
     failing(2, NOW - timedelta(hours=2), NOW - timedelta(hours=2), next_try_at=iso(NOW + timedelta(hours=1))),
     NOW, "defer", None),
    ("a failing feed still pausing, not said for a day: reminded",
     failing(9, NOW - timedelta(days=4), NOW - timedelta(days=1), next_try_at=iso(NOW + timedelta(hours=1))),
     NOW, "defer", "feed still failing: Il Borgo (since 2026-11-16, 9 attempt(s))"),
    ("a healthy feed held off by its host's Retry-After: silent",
     replace(KNOWN, next_try_at=iso(NOW + timedelta(minutes=5))), NOW, "defer", None),
    ("a retired feed, reminded once a day until it leaves the list",
     replace(KNOWN, status="retired", retired_at="2026-11-01T00:00:00+00:00", reminded_at=iso(NOW - timedelta(days=2))),
     NOW, "defer", "feed retired: Il Borgo (https://borgo.example/feed/) answered 410 Gone on 2026-11-01"),
]


@pytest.mark.parametrize("name, before, when, action, message", DUE, ids=[c[0] for c in DUE])
def test_due(name: str, before: FeedState, when: datetime, action: str, message: str | None) -> None:
    state, got_action, got_message = due(before, when)
    assert got_action == action
    if message is None:
        assert got_message is None and state == before
    else:
        assert got_message is not None and message in got_message and state.reminded_at == iso(when)
