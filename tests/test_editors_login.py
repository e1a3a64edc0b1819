"""The editors' login through Flask's test client: who is let in, the session cookie, CSRF tokens, the
limits on failed logins, logout, and sessions that end when the account changes."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import itsdangerous.timed
import lxml.html
import pytest
from editors_app import PASSWORD, cookie_header, editors_app, log_in, token_of
from flask import Flask
from flask.testing import FlaskClient
from helpers import ORIGINAL_HOST
from readonly import read_only

from cc_syndicate import accounts
from cc_syndicate.errors import StoreError, UsageError
from cc_syndicate.store import Store
from cc_syndicate.web.sessions import COOKIE, key_path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cc.db"


@pytest.fixture
def app(db: Path) -> Flask:
    return editors_app(db)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def problem(response: object) -> str:
    doc = lxml.html.document_fromstring(response.get_data(as_text=True))  # type: ignore[attr-defined]
    return " ".join(" ".join(p.text_content().split()) for p in doc.xpath("//*[@id='problem']"))


def logged_in_as(client: FlaskClient) -> str | None:
    response = client.get("/editors/")
    if response.status_code != 200:
        return None
    doc = lxml.html.document_fromstring(response.get_data(as_text=True))
    return doc.xpath("string(//span[@class='who'])") or None


# ---------------------------------------------------------------------------------------------
# Anonymous visitors
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/editors/", "/editors/?status=open"])
def test_anonymous_pages_send_to_the_login_page(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert location.path == "/editors/login" and parse_qs(location.query) == {"next": [path]}
    assert log_in(client, next=path).headers["Location"] == path  # and back where the editor was going


def test_an_anonymous_post_does_nothing_and_is_sent_to_log_in(client: FlaskClient) -> None:
    response = client.post("/editors/logout", data={"csrf_token": "x"})
    assert response.status_code == 303 and response.headers["Location"].startswith("/editors/login")


def test_the_login_form(client: FlaskClient) -> None:
    response = client.get("/editors/login")
    doc = lxml.html.document_fromstring(response.get_data(as_text=True))
    assert response.status_code == 200 and doc.get("lang") == "en"
    form = doc.xpath("//form[@class='login']")[0]
    assert (form.get("method"), form.get("action")) == ("post", "/editors/login")
    assert doc.xpath("//input[@name='password']/@type") == ["password"]
    assert doc.xpath("//input[@name='password']/@autocomplete") == ["current-password"]
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_with_no_account_the_login_page_says_how_to_make_one(db: Path) -> None:
    client = editors_app(db, users=()).test_client()
    assert "cc-syndicate user add NAME" in client.get("/editors/login").get_data(as_text=True)


# ---------------------------------------------------------------------------------------------
# Logging in; the cookie
# ---------------------------------------------------------------------------------------------


def test_a_right_password_logs_in_with_a_confined_cookie(client: FlaskClient) -> None:
    response = log_in(client, tz="Europe/Rome")
    assert response.status_code == 303 and response.headers["Location"] == "/editors/"
    cookie = cookie_header(response)
    assert cookie.startswith(COOKIE + "=")
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
    assert attributes["path"] == "Path=/editors" and "httponly" in attributes and attributes["samesite"] == "SameSite=Lax"
    assert "secure" not in attributes  # plain http on loopback: a Secure cookie would never come back
    assert "expires" in attributes
    assert logged_in_as(client) == "anna"


def test_the_cookie_is_secure_over_https(db: Path) -> None:
    client = editors_app(db).test_client()
    https = {"wsgi.url_scheme": "https"}
    token = token_of(client.get("/editors/login", environ_overrides=https))
    response = client.post("/editors/login", environ_overrides=https,
                           data={"csrf_token": token, "name": "anna", "password": PASSWORD})
    assert response.status_code == 303 and "; Secure" in cookie_header(response)


def test_behind_a_trusted_proxy_the_cookie_is_secure_and_under_its_prefix(db: Path) -> None:
    client = editors_app(db, serve={"trusted_proxies": 1}).test_client()
    form = client.get("/editors/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Prefix": "/verifica"})
    assert lxml.html.document_fromstring(form.get_data(as_text=True)).xpath("//form/@action") == ["/verifica/editors/login"]
    cookie = cookie_header(form)
    assert "Path=/verifica/editors;" in cookie and "; Secure" in cookie
    assert "; Secure" not in cookie_header(editors_app(db).test_client().get(
        "/editors/login", headers={"X-Forwarded-Proto": "https"}))  # no trusted proxy: the header is not believed


def test_a_wrong_password_or_name_is_refused_alike(client: FlaskClient) -> None:
    wrong = log_in(client, password="not the password")
    unknown = log_in(client, name="nobody")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert problem(response) == "Wrong name or password."
    assert logged_in_as(client) is None


def test_names_are_not_case_sensitive_but_passwords_are(client: FlaskClient) -> None:
    assert log_in(client, name="ANNA", password=PASSWORD.upper()).status_code == 401
    assert log_in(client, name="ANNA").status_code == 303
    assert logged_in_as(client) == "anna"


def test_an_unknown_name_costs_a_hash_as_a_known_one(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editors_app(db)
    checked: list[str] = []
    real = accounts.check_password_hash
    monkeypatch.setattr(accounts, "check_password_hash", lambda h, p: checked.append(h.split("$")[0]) or real(h, p))
    with Store(db) as store:
        assert accounts.authenticate(store, "nobody", PASSWORD) is None
        assert accounts.authenticate(store, "anna", "wrong password") is None
        assert accounts.authenticate(store, "anna", PASSWORD) is not None
    assert checked == ["scrypt:32768:8:1"] * 3


@pytest.mark.parametrize("wanted, lands", [
    ("/editors/?status=open", "/editors/?status=open"),
    ("https://evil.example/editors/", "/editors/"),
    ("//evil.example/editors/", "/editors/"),
    ("/\\evil.example/editors/", "/editors/"),
    ("/editors\\..\\x", "/editors/"),
    ("/", "/editors/"),
    ("/editors/login", "/editors/"),
    ("javascript:alert(1)", "/editors/"),
])
def test_after_login_only_our_own_pages(client: FlaskClient, wanted: str, lands: str) -> None:
    assert log_in(client, next=wanted).headers["Location"] == lands


def test_the_browsers_time_zone_is_kept_when_it_is_one(app: Flask) -> None:
    for sent, kept in (("Europe/Rome", "Europe/Rome"), ("Mars/Olympus", None), ("../../etc/passwd", None), ("", None)):
        client = app.test_client()
        log_in(client, tz=sent)
        with client.session_transaction("/editors/") as session:
            assert session["tz"] == kept


# ---------------------------------------------------------------------------------------------
# CSRF
# ---------------------------------------------------------------------------------------------


def test_a_login_without_the_forms_token_is_refused(client: FlaskClient) -> None:
    client.get("/editors/login")
    for data in ({"name": "anna", "password": PASSWORD}, {"csrf_token": "forged", "name": "anna", "password": PASSWORD}):
        response = client.post("/editors/login", data=data)
        assert response.status_code == 400
        assert problem(response) == "The form had expired. Please log in again."
    assert logged_in_as(client) is None


def test_a_token_from_another_session_is_refused(app: Flask) -> None:
    mallory = app.test_client()
    log_in(mallory, name="anna")
    stolen = token_of(mallory.get("/editors/"))
    victim = app.test_client()
    log_in(victim)
    assert victim.post("/editors/logout", data={"csrf_token": stolen}).status_code == 400
    assert logged_in_as(victim) == "anna"


def test_logout_needs_the_token(client: FlaskClient) -> None:
    log_in(client)
    response = client.post("/editors/logout")
    assert response.status_code == 400
    assert "nothing was changed" in problem(response)
    assert logged_in_as(client) == "anna"
    assert client.get("/editors/logout").status_code == 405


def test_a_new_login_gets_a_new_token(client: FlaskClient) -> None:
    before = token_of(client.get("/editors/login"))
    log_in(client)
    assert token_of(client.get("/editors/")) != before


# ---------------------------------------------------------------------------------------------
# Logout, and sessions that end
# ---------------------------------------------------------------------------------------------


def test_logout_ends_the_session_and_every_copy_of_its_cookie(app: Flask) -> None:
    client = app.test_client()
    log_in(client)
    with client.session_transaction("/editors/") as session:
        copied = dict(session)
    response = client.post("/editors/logout", data={"csrf_token": token_of(client.get("/editors/"))})
    assert response.status_code == 303 and response.headers["Location"] == "/editors/login?bye=1"
    assert "Expires=Thu, 01 Jan 1970" in cookie_header(response)
    assert logged_in_as(client) is None
    page = client.get("/editors/login?bye=1").get_data(as_text=True)
    assert "You are logged out." in page
    thief = app.test_client()
    with thief.session_transaction("/editors/") as session:
        session.update(copied)
    assert logged_in_as(thief) is None


def test_a_new_password_or_a_removed_account_ends_its_sessions(app: Flask, db: Path) -> None:
    anna, bruno = app.test_client(), app.test_client()
    with Store(db) as store:
        accounts.add_account(store, "bruno", PASSWORD)
    log_in(anna), log_in(bruno, name="bruno")
    with Store(db) as store:
        accounts.change_password(store, "anna", "another long password")
        accounts.remove_account(store, "bruno")
    assert logged_in_as(anna) is None and logged_in_as(bruno) is None
    assert log_in(anna, password="another long password").status_code == 303


def test_an_idle_session_ends(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = editors_app(db, session_hours=1).test_client()
    log_in(client)
    assert logged_in_as(client) == "anna"
    later = itsdangerous.timed.time.time() + 3601
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    assert logged_in_as(client) is None


def test_a_forged_session_is_refused(client: FlaskClient, db: Path) -> None:
    log_in(client)
    cookie = client.get_cookie(COOKIE, path="/editors")
    assert cookie is not None
    payload, stamp, signature = cookie.value.split(".")
    forged = f"{payload}.{stamp}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    client.set_cookie(COOKIE, forged, path="/editors")
    assert logged_in_as(client) is None


# ---------------------------------------------------------------------------------------------
# Limits on failed logins
# ---------------------------------------------------------------------------------------------


def test_failed_logins_from_one_address_are_limited(db: Path) -> None:
    client = editors_app(db, login_rate_limit="3/minute").test_client()
    for _ in range(3):
        assert log_in(client, password="guess", address="10.0.0.7").status_code == 401
    refused = log_in(client, address="10.0.0.7")  # the right password, too late
    seconds = int(refused.headers["Retry-After"])
    assert refused.status_code == 429 and 1 <= seconds <= 61
    minutes = math.ceil(seconds / 60)
    assert problem(refused) == (f"Too many failed logins from this address. Try again in {minutes} "
                                f"minute{'s' if minutes > 1 else ''}.")
    assert logged_in_as(client) is None
    assert log_in(client, address="10.0.0.8").status_code == 303  # another address is not held back


def test_successful_logins_are_not_counted(db: Path) -> None:
    app = editors_app(db, login_rate_limit="2/minute")
    for _ in range(4):  # a newsroom behind one address, logging in all morning
        assert log_in(app.test_client(), address="10.0.0.9").status_code == 303


def test_failed_logins_to_one_account_are_limited_from_anywhere(db: Path) -> None:
    client = editors_app(db, account_rate_limit="3/hour", users=("anna", "bruno")).test_client()
    for n in range(3):
        assert log_in(client, name="Anna", password="guess", address=f"10.1.0.{n}").status_code == 401
    refused = log_in(client, name="anna", address="10.1.0.99")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 60
    assert problem(refused).startswith("Too many failed logins to this account. Try again in ")
    assert log_in(client, name="bruno", address="10.1.0.99").status_code == 303


# ---------------------------------------------------------------------------------------------
# The public pages stay cookie-free; the session key
# ---------------------------------------------------------------------------------------------


def test_public_pages_set_no_cookie_with_the_editors_pages_on(client: FlaskClient) -> None:
    log_in(client)
    for path in ("/", "/healthz", "/static/style.css", "/robots.txt", "/nothing", "/check?url=ftp://x.example/"):
        response = client.get(path)
        assert "Set-Cookie" not in response.headers, path
        assert "Vary" not in response.headers or "Cookie" not in response.headers["Vary"], path


def test_the_session_key_is_the_owners_alone(db: Path) -> None:
    editors_app(db)
    key = key_path(db)
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_text().strip()) == 64
    first = key.read_text()
    editors_app(db)
    assert key.read_text() == first  # made once: sessions survive a restart
    os.chmod(key, 0o644)
    with pytest.raises(UsageError, match=re.escape(f"run `chmod 600 {key}`")):
        editors_app(db)


def test_a_read_only_database_says_how_to_serve_without_the_editors_pages(db: Path) -> None:
    editors_app(db)
    with read_only(db, db.parent):
        with pytest.raises(StoreError, match=r"\[editors\] enabled = false"):
            editors_app(db, users=())
        assert "editors.login" not in editors_app(db, users=(), enabled=False).view_functions


def test_no_more_than_a_few_password_hashes_at_once(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each scrypt hash takes 32 MB: a flood of logins waits for a turn instead of taking memory per thread."""
    editors_app(db)
    running, most = [0], [0]
    lock = threading.Lock()

    def slow_check(stored: str, password: str) -> bool:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return False

    monkeypatch.setattr(accounts, "check_password_hash", slow_check)
    with Store(db) as store:
        threads = [threading.Thread(target=accounts.authenticate, args=(store, "anna", "guess")) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert most[0] == accounts.HASHING_AT_ONCE


def test_serve_with_a_database_has_the_editors_pages(tmp_path: Path) -> None:
    """The real thing: `cc-syndicate serve --db` in a child process; it says where the editors' pages are."""
    editors_app(tmp_path / "cc.db")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "eco.toml").write_text(f'[publisher]\nname = "L\'Eco del Lago"\ndomains = ["{ORIGINAL_HOST}"]\nlanguage = "it"\n'
                                    '[license]\nid = "CC BY 4.0"\n', encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "cc_syndicate", "serve", "--port", "0", "--rules", str(rules),
                              "--db", str(tmp_path / "cc.db")], cwd=tmp_path, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        base = child.stdout.readline().split()[2]  # type: ignore[union-attr]
        assert child.stdout.readline() == "Editors' pages under /editors/, behind a login (1 account(s))\n"  # type: ignore[union-attr]
        with urllib.request.urlopen(base + "editors/login", timeout=30) as response:  # noqa: S310 - loopback only
            assert response.status == 200 and "Path=/editors" in response.headers["Set-Cookie"]
            assert b'<html lang="it">' in response.read()
        with urllib.request.urlopen(base, timeout=30) as response:  # noqa: S310 - loopback only
            assert response.status == 200 and response.headers["Set-Cookie"] is None
    finally:
        child.terminate()
        child.communicate(timeout=10)
