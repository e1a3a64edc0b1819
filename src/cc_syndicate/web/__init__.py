"""``cc-syndicate serve``: the web page where republishers check their own pages.

:func:`build_app` puts the pieces together (the rules, the database and its originals index, one
shared fetcher, the check service, the Flask application); :func:`serve` runs it under waitress.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from flask import Flask

from ..fetch import Fetcher
from ..judging import open_judges, processes_for
from ..models import Rules, Settings
from .app import create_app
from .server import serve
from .service import CheckService, IndexedStore
from .words import language_of_rules

__all__ = ["build_app", "build_service", "serve_forever"]


def build_service(settings: Settings, rules: list[Rules], db: Path | None, *, allow_private: bool = False) -> CheckService:
    """The checks as ``run`` would make them: the same rules, database and originals index, and the same
    page budget (a small pool of judging processes shared by the checks)."""
    fetcher = Fetcher(settings, allow_private=allow_private)
    store = IndexedStore(str(db)) if db is not None else None
    processes = min(processes_for(settings), settings.serve.concurrent_checks)
    judges = open_judges(settings, rules, processes=processes, threads=settings.serve.concurrent_checks, local=True)
    return CheckService(rules, fetcher, store, settings.serve, judges=judges)


def build_app(settings: Settings, rules: list[Rules], db: Path | None, *, allow_private: bool = False,
              service: CheckService | None = None) -> Flask:
    service = service or build_service(settings, rules, db, allow_private=allow_private)
    language = language_of_rules([r.publisher.language for r in rules])
    publisher = ", ".join(r.publisher.name for r in rules)
    return create_app(service, settings.serve, language=language, publisher=publisher)


def serve_forever(settings: Settings, rules: list[Rules], db: Path | None, *, host: str, port: int, allow_private: bool,
        announce: Callable[[str], None]) -> None:
    """Serve until interrupted."""
    app = build_app(settings, rules, db, allow_private=allow_private)
    try:
        serve(app, settings.serve, host=host, port=port, announce=announce)
    finally:
        app.extensions["cc-syndicate"].service.close()
