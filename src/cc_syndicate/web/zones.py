"""Dates in the reader's time zone: the zone the browser said at login (``Intl`` in the login form), else
the ``[editors] time_zone`` setting. Only names this machine's zone database knows are accepted."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

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
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(ZoneInfo(zone))
