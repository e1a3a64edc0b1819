"""Editors' cases (pure): what a case is, the status people see, and the actions they take on it.

A case is one republished page against one original; its findings (the rows of ``violations``) are
its details. Beside the machine's state (new, open, resolved, gone) an editor records what people
did: the republisher was **notified** (when, how), the case was **dismissed** (why), **reopened**, or
a **note** was added. Every action is kept, with who and when; the case's triage (notified, dismissed)
is the result of applying them in order (:func:`apply`).

A dismissed case stays dismissed while its page shows only findings it had when it was dismissed;
a finding of another code reopens it, unless it is a request of the publisher's policy (:func:`reopens`).
A dismissed case counts nowhere as a violation.

Nothing here reads a clock, a file or the database: the time is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from .errors import UsageError

CURE_DAYS = 30  # CC 4.0 §6(b): the licence is reinstated if the breach is cured within 30 days of discovery
NEW_HOURS = 24  # a case first seen this recently is "new" to editors
WEEK_DAYS = 7

STATUSES = ("new", "open", "resolved", "gone", "dismissed", "compliant")
ACTIONS = ("notified", "dismissed", "reopened", "note")
REASONS = ("false-positive", "permission", "not-ours", "other")
VIAS = ("email", "phone", "form", "letter", "other")
SYSTEM_ACTOR = "cc-syndicate"  # who reopens a dismissed case when new findings appear
MAX_NOTE = 4000
MAX_ACTOR = 100
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

Action = Literal["notified", "dismissed", "reopened", "note"]


@dataclass(frozen=True)
class FindingRecord:
    """One finding of a case over time (a row of ``violations``): a finding that comes back after being
    resolved is a new record."""

    id: int
    code: str
    severity: str  # violation, warning (and policy, counted apart)
    message: str
    evidence: dict[str, Any]
    first_seen: str
    last_seen: str
    resolved_at: str | None
    gone: bool  # resolved because the page disappeared (404/410), not because it was fixed

    @property
    def open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class CaseAction:
    """One thing a person (or the run, reopening a case) did to a case: the audit trail."""

    kind: Action
    at: str  # when it was recorded (ISO UTC)
    by: str
    via: str | None = None  # notified: email, phone, form, letter, other
    reason: str | None = None  # dismissed: false-positive, permission, not-ours, other
    note: str = ""
    day: str | None = None  # notified: the day of the notice (ISO date), when it was not the day recorded
    codes: tuple[str, ...] = ()  # dismissed: the open codes it dismissed; reopened by the run: the new ones


@dataclass(frozen=True)
class Triage:
    """What people decided about a case: the state its actions leave."""

    notified_at: str | None = None  # the first notice (ISO date or time)
    notified_via: str | None = None
    dismissed_at: str | None = None
    dismissed_reason: str | None = None
    dismissed_note: str = ""
    dismissed_codes: tuple[str, ...] = ()

    @property
    def dismissed(self) -> bool:
        return self.dismissed_at is not None

    @property
    def cure_deadline(self) -> str | None:
        """The day the 30 days of CC 4.0 §6(b) end, counted from the notice."""
        if self.notified_at is None:
            return None
        return (parse_time(self.notified_at).date() + timedelta(days=CURE_DAYS)).isoformat()


@dataclass(frozen=True)
class CaseFacts:
    """A case as the store holds it: the page, the original, its findings and its triage."""

    id: int
    page_url: str
    original_id: int | None
    republisher: str
    feed_url: str
    page_title: str
    page_status: str  # checked, not-modified, gone, blocked, failed, exempt, excluded
    original_url: str  # canonical when known; "" when the page could not be read to find it
    original_title: str
    publisher: str
    opened_at: str
    triage: Triage
    findings: tuple[FindingRecord, ...]  # oldest first

    @property
    def open_findings(self) -> tuple[FindingRecord, ...]:
        return tuple(f for f in self.findings if f.open)

    @property
    def open_codes(self) -> tuple[str, ...]:
        return tuple(sorted({f.code for f in self.open_findings}))


# ---------------------------------------------------------------------------------------------
# The status people see
# ---------------------------------------------------------------------------------------------


def status(case: CaseFacts, now: datetime) -> str:
    """new, open, resolved, gone, dismissed, or compliant (a reproduction that never had a finding).

    ``new`` is a case whose current findings were first seen in the last 24 hours, whatever run
    found them (an hourly cron must not hide the night's cases from the morning's editor)."""
    if case.triage.dismissed:
        return "dismissed"
    current = case.open_findings
    if current:
        return "new" if is_recent(since(case), now, hours=NEW_HOURS) else "open"
    if case.page_status == "gone":
        return "gone"
    return "resolved" if case.findings else "compliant"


def since(case: CaseFacts) -> str:
    """Since when the case's current findings have run (its first finding when none is open)."""
    current = case.open_findings or case.findings
    return min((f.first_seen for f in current), default=case.opened_at)


def counts_as_violation(case: CaseFacts, now: datetime) -> bool:
    """Whether the case is a violation today: open, not dismissed, with a finding of severity violation."""
    return status(case, now) in ("new", "open") and any(f.severity == "violation" for f in case.open_findings)


def changed_at(case: CaseFacts, actions: Iterable[CaseAction] = ()) -> str:
    """When the case last changed: a finding appeared or ended, or someone acted on it (not when a run
    merely saw it again)."""
    moments = [case.opened_at, *(f.first_seen for f in case.findings), *(f.resolved_at for f in case.findings if f.resolved_at),
               *(a.at for a in actions)]
    return max(moments, key=lambda m: parse_time(m))


def is_recent(moment: str, now: datetime, *, hours: int = 0, days: int = 0) -> bool:
    return now - parse_time(moment) < timedelta(hours=hours, days=days)


def days_between(start: str, now: datetime) -> int:
    return max((now - parse_time(start)).days, 0)


def days_since_notice(triage: Triage, now: datetime) -> int | None:
    if triage.notified_at is None:
        return None
    return max((now.date() - parse_time(triage.notified_at).date()).days, 0)


def parse_time(value: str) -> datetime:
    """An ISO time or date as an aware UTC datetime (a bare date is its midnight UTC)."""
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# ---------------------------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------------------------


def notified(by: str, now: datetime, *, via: str = "email", note: str = "", on: str | None = None) -> CaseAction:
    """The republisher was told: by ``via``, on ``on`` (a day, default today)."""
    if via not in VIAS:
        raise UsageError(f"--via {via!r} is not a way of notifying: use one of {', '.join(VIAS)}")
    day = _day(on, now) if on else None
    return CaseAction("notified", _stamp(now), actor(by), via=via, note=clean_note(note), day=day)


def dismissed(by: str, now: datetime, *, reason: str, note: str = "", codes: Iterable[str] = ()) -> CaseAction:
    """A dismissal; :meth:`~cc_syndicate.store.Store.act` fills ``codes`` with the case's open codes."""
    if reason not in REASONS:
        raise UsageError(f"--reason {reason!r} is not a reason to dismiss: use one of {', '.join(REASONS)} "
                         "(false-positive: the page does nothing wrong; permission: the republisher may; "
                         "not-ours: not the publisher's article; other: say why in --note)")
    text = clean_note(note)
    if reason == "other" and not text:
        raise UsageError("--reason other needs a --note that says why the case is dismissed")
    return CaseAction("dismissed", _stamp(now), actor(by), reason=reason, note=text, codes=tuple(sorted(set(codes))))


def reopened(by: str, now: datetime, *, note: str = "", codes: Iterable[str] = ()) -> CaseAction:
    return CaseAction("reopened", _stamp(now), actor(by), note=clean_note(note), codes=tuple(sorted(set(codes))))


def noted(by: str, now: datetime, text: str) -> CaseAction:
    note = clean_note(text)
    if not note:
        raise UsageError("a note needs some text: cc-syndicate case note ID \"what happened\"")
    return CaseAction("note", _stamp(now), actor(by), note=note)


def apply(triage: Triage, action: CaseAction) -> Triage:
    """The triage after ``action``; an action that makes no sense in this state is refused with the fix."""
    if action.kind == "notified":
        if triage.dismissed:
            raise UsageError("the case is dismissed: reopen it first (cc-syndicate case reopen ID)")
        if triage.notified_at is not None:  # the deadline runs from the first notice; later ones are reminders
            return triage
        return replace(triage, notified_at=action.day or action.at, notified_via=action.via)
    if action.kind == "dismissed":
        if triage.dismissed:
            raise UsageError(f"the case is already dismissed ({triage.dismissed_reason}, {triage.dismissed_at[:10]})")  # type: ignore[index]
        return replace(triage, dismissed_at=action.at, dismissed_reason=action.reason, dismissed_note=action.note,
                       dismissed_codes=action.codes)
    if action.kind == "reopened":
        if not triage.dismissed:
            raise UsageError("the case is not dismissed: there is nothing to reopen")
        return replace(triage, dismissed_at=None, dismissed_reason=None, dismissed_note="", dismissed_codes=())
    return triage  # a note changes nothing but the trail


def replay(actions: Iterable[CaseAction]) -> Triage:
    """The triage that a trail of actions leaves."""
    triage = Triage()
    for action in actions:
        triage = apply(triage, action)
    return triage


def reopens(triage: Triage, open_codes: Iterable[str], policy_codes: Iterable[str] = ()) -> tuple[str, ...]:
    """The codes that reopen a dismissed case: open now, not among those it was dismissed with, and not
    requests of the publisher's policy (``policy_codes``). A policy request is never a violation: it must
    not bring back a case an editor dismissed, and with it the violations dismissed (a [policy] added to
    the rules would otherwise reopen every dismissed case whose page breaks it)."""
    if not triage.dismissed:
        return ()
    return tuple(sorted(set(open_codes) - set(triage.dismissed_codes) - set(policy_codes)))


def actor(name: str) -> str:
    cleaned = " ".join(_CONTROL.sub("", name or "").split())
    if not cleaned:
        raise UsageError("who acts on the case is not known: pass --by NAME")
    if len(cleaned) > MAX_ACTOR:
        raise UsageError(f"--by is too long ({len(cleaned)} characters): at most {MAX_ACTOR}")
    return cleaned


def clean_note(text: str | None) -> str:
    """A note as kept: without control characters (newlines stay), at most MAX_NOTE characters."""
    cleaned = _CONTROL.sub("", (text or "").replace("\r\n", "\n")).strip()
    if len(cleaned) > MAX_NOTE:
        raise UsageError(f"the note is too long ({len(cleaned)} characters): keep it under {MAX_NOTE}")
    return cleaned


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="seconds")


def _day(value: str, now: datetime) -> str:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a day: write it as YYYY-MM-DD, e.g. {now.date().isoformat()}") from None
    if day > now.date():
        raise UsageError(f"--date {value} is in the future: give the day the notice was sent")
    return day.isoformat()
