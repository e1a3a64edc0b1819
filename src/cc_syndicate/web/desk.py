"""What every editors' page needs: the database they read and write, the reader's time zone and language,
and the logged-in editor with the session's CSRF token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, g, session

from ..models import EditorsSettings
from ..store import Store
from . import sessions
from .context import site
from .zones import zone_name

EXTENSION = "cc-syndicate-editors"


@dataclass(frozen=True)
class Editors:
    """The database the editors' pages read and write, their settings and their language."""

    store: Store
    settings: EditorsSettings
    language: str

    def close(self) -> None:
        self.store.close()


def editors() -> Editors:
    desk: Editors = current_app.extensions[EXTENSION]
    return desk


def zone() -> str:
    """The reader's time zone: the browser's, told at login, else the setting's."""
    return zone_name(session.get("tz")) or editors().settings.time_zone


def now() -> datetime:
    """The time in the reader's zone (so that "today" is their day)."""
    return datetime.now(ZoneInfo(zone()))


def page_context() -> dict[str, Any]:
    return {"lang": editors().language, "publisher": site().publisher, "editor": g.get("editor"),
            "csrf_token": sessions.csrf_token, "csrf_field": sessions.CSRF_FIELD, "zone": zone()}
