"""The triage forms of a case page, read into the same case actions the command line records.

A form's values are checked here, in words the page can say (a :class:`FormProblem` names which
problem); the action is then built by :mod:`cc_syndicate.cases`, as ``cc-syndicate case`` builds it, with
the logged-in editor as the one who acts and the reader's own day as "today".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from .. import cases as lifecycle
from ..cases import CaseAction
from ..errors import UsageError

KINDS = ("notify", "dismiss", "reopen", "note")


class FormProblem(Exception):
    """A form value that cannot be used; ``key`` names the problem for the page's words."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def action_from(kind: str, form: Mapping[str, str], *, by: str, now: datetime) -> CaseAction:
    """The action a submitted form asks for; ``now`` is the reader's local time (their day is "today")."""
    note = _note(form.get("note", ""))
    if kind == "notify":
        return lifecycle.notified(by, now, via=_choice(form.get("via", ""), lifecycle.VIAS, "bad-via"), note=note,
                                  on=_day(form.get("day", ""), now))
    if kind == "dismiss":
        reason = _choice(form.get("reason", ""), lifecycle.REASONS, "bad-reason")
        if reason == "other" and not note:
            raise FormProblem("note-needed")
        return lifecycle.dismissed(by, now, reason=reason, note=note)  # the store records the codes open then
    if kind == "reopen":
        return lifecycle.reopened(by, now, note=note)
    if not note:
        raise FormProblem("text-needed")
    return lifecycle.noted(by, now, note)


def _choice(value: str, allowed: tuple[str, ...], problem: str) -> str:
    if value not in allowed:
        raise FormProblem(problem)
    return value


def _note(value: str) -> str:
    try:
        return lifecycle.clean_note(value)
    except UsageError:
        raise FormProblem("note-too-long") from None


def _day(value: str, now: datetime) -> str | None:
    """The day the notice was sent, as typed (YYYY-MM-DD); none (today) when left empty."""
    if not value.strip():
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise FormProblem("bad-day") from None
    if day > now.date():
        raise FormProblem("future-day")
    if day.year < 2000:
        raise FormProblem("bad-day")
    return day.isoformat() if day != now.date() else None  # today: the moment it is recorded says it better
