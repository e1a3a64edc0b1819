"""``cc-syndicate serve``: the web page where republishers check their own pages.

:func:`build_app` puts the pieces together (the rules, the database and its originals index, one
shared fetcher, the check service, the Flask application); :func:`serve` runs it under waitress.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask

from ..errors import StoreError
from ..fetch import Fetcher
from ..i18n import report_language
from ..judging import open_judges, processes_for
from ..models import EditorsSettings, Rules, Settings
from ..store import Store
from .app import create_app
from .desk import EXTENSION, Editors
from .server import serve
from .service import CheckService, IndexedStore
from .sessions import secret_key
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
    # The editors' store first: it brings the schema up to date and keeps the -wal file that lets the
    # service's read-only store see what runs and editors write.
    languages = [r.publisher.language for r in rules]
    desk = (open_editors(db, settings.editors, report_language(settings.report.language, languages))
            if db is not None and settings.editors.enabled else None)
    service = service or build_service(settings, rules, db, allow_private=allow_private)
    language = language_of_rules(languages)
    publisher = ", ".join(r.publisher.name for r in rules)
    return create_app(service, settings.serve, language=language, publisher=publisher, desk=desk)


def open_editors(db: Path, settings: EditorsSettings, language: str) -> tuple[Editors, bytes]:
    """The editors' pages' database, opened for writing, and the key that signs their sessions."""
    try:
        key = secret_key(db)
        store = Store(db)
        try:
            with store.transaction():  # a database this user cannot write is said now, not at the first action
                store.execute("UPDATE users SET name = name WHERE 0")  # BEGIN alone does not try the file
        except StoreError:
            store.close()
            raise
        return Editors(store, settings, language), key
    except StoreError as exc:
        raise StoreError(exc.path, f"{exc.message}; or, to serve without the editors' pages, set "
                                   "[editors] enabled = false in cc-syndicate.toml") from None


def serve_forever(settings: Settings, rules: list[Rules], db: Path | None, *, host: str, port: int, allow_private: bool,
        announce: Callable[[str], None]) -> None:
    """Serve until interrupted."""
    app = build_app(settings, rules, db, allow_private=allow_private)
    desk: Editors | None = app.extensions.get(EXTENSION)

    def listening(line: str) -> None:
        announce(line)
        if desk is not None:
            count = len(desk.store.accounts())
            who = f"{count} account(s)" if count else "no account yet: make one with `cc-syndicate user add NAME`"
            announce(f"Editors' pages under {settings.serve.base_path}/editors/, behind a login ({who})")

    try:
        serve(app, settings.serve, host=host, port=port, announce=listening)
    finally:
        app.extensions["cc-syndicate"].service.close()
        if desk is not None:
            desk.close()
