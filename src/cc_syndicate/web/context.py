"""What every view needs from the application: the checks, the pages' language, the publishers' names."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request

from .inputs import MAX_URL
from .service import CheckService


@dataclass(frozen=True)
class Site:
    """The checks, the language of the pages before a check names a publisher, and the publishers'
    names for the header."""

    service: CheckService
    language: str
    publisher: str


def site() -> Site:
    site: Site = current_app.extensions["cc-syndicate"]
    return site


def form_values() -> dict[str, str]:
    """What the visitor typed, to show in the form again (the template escapes it)."""
    return {name: request.args.get(name, "")[:MAX_URL] for name in ("url", "original")}
