"""The editors' pages as `cc-syndicate serve --db` builds them, with accounts, and a client that logs in
the way a browser does (reading the CSRF token from the form it was given)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from helpers import rules

from cc_syndicate import accounts
from cc_syndicate.models import EditorsSettings, ReportSettings, ServeSettings, Settings
from cc_syndicate.store import Store
from cc_syndicate.web import build_app

PASSWORD = "lago pulito e volontari"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def editors_app(db: Path, users: tuple[str, ...] = ("anna",), serve: dict[str, Any] | None = None,
                language: str = "en", **editors: Any) -> Flask:
    """The pages in English unless ``language`` says otherwise ("": the rules' language, Italian)."""
    with Store(db) as store:
        for name in users:
            if store.account(name) is None:
                accounts.add_account(store, name, PASSWORD)
    settings = Settings(host_delay=0.0, serve=ServeSettings(**(serve or {})), editors=EditorsSettings(**editors),
                        report=ReportSettings(language=language))
    return build_app(settings, [rules()], db)


def token_of(response: Any) -> str:
    found = _TOKEN.search(response.get_data(as_text=True))
    assert found, "the page holds a form with a CSRF token"
    return found.group(1)


def log_in(client: FlaskClient, name: str = "anna", password: str = PASSWORD, address: str = "127.0.0.1",
           **fields: str) -> Any:
    """Open the login form and send it, as a browser at ``address`` would."""
    where = {"REMOTE_ADDR": address}
    token = token_of(client.get("/editors/login", environ_base=where))
    return client.post("/editors/login", data={"csrf_token": token, "name": name, "password": password, **fields},
                       environ_base=where)


def cookie_header(response: Any) -> str:
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1, cookies
    return str(cookies[0])


def demo_database(folder: Path) -> Path:
    """A database filled by a real run over the bundled demo sites (three republishers, twelve cases)."""
    import io

    from cc_syndicate.demo import run_demo

    assert run_demo(io.StringIO(), folder) == 0
    return folder / "cc-syndicate.db"


def demo_app(source: Path, into: Path, language: str = "en", **editors: Any) -> tuple[Flask, Path]:
    """The editors' pages over a copy of a demo database (``source``), with the demo's rules, in English
    unless ``language`` says otherwise ("": the rules' language, Italian)."""
    import shutil

    from cc_syndicate.config import load_rules

    shutil.copytree(source.parent, into)
    db = into / source.name
    with Store(db) as store:
        accounts.add_account(store, "anna", PASSWORD)
    settings = Settings(editors=EditorsSettings(**editors), report=ReportSettings(language=language))
    return build_app(settings, load_rules(into / "rules"), db), db
