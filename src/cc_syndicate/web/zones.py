"""Dates in the reader's time zone: the zone the browser said at login (``Intl`` in the login form), else
the ``[editors] time_zone`` setting. Only names this machine's zone database knows are accepted."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}")


def zone_name(value: object) -> str | None:
    """``value`` when it names a time zone (``Europe/Rome``), else None."""
    if not isinstance(value, str) or len(value) > 64 or not _NAME.fullmatch(value):
        return None
    try:
        ZoneInfo(value)
    except (KeyError, ValueError, OSError):  # unknown (a KeyError), malformed, or not a zone file
        return None
    return value


def local(moment: str | datetime, zone: str) -> datetime:
    """An ISO time (UTC when it names no zone) in ``zone``."""
    parsed = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(ZoneInfo(zone))


def moment_text(value: str | None, zone: str, language: str) -> str:
    """A time as the reader says it, in their zone ("29 nov 2026, 11:05"); a bare day stays that day."""
    if not value:
        return ""
    if len(value) == 10:  # a day (a notice's), not a moment: no zone moves it
        return format_date(date.fromisoformat(value), "medium", locale=language)
    moment = local(value, zone)
    return f"{format_date(moment, 'medium', locale=language)}, {format_time(moment, 'short', locale=language)}"


def day_text(value: str | None, zone: str, language: str) -> str:
    """The day of a time, in the reader's zone."""
    if not value:
        return ""
    day = date.fromisoformat(value) if len(value) == 10 else local(value, zone).date()
    return format_date(day, "medium", locale=language)
