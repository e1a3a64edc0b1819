"""Editors' accounts: `cc-syndicate user add|list|password|remove`, how passwords are kept, and the
[editors] settings."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from editors_app import PASSWORD
from helpers import assert_serve_refuses

from cc_syndicate import accounts
from cc_syndicate.cli import main
from cc_syndicate.config import load_settings
from cc_syndicate.models import EditorsSettings
from cc_syndicate.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    Store(tmp_path / "cc.db").close()
    return tmp_path / "cc.db"


class Keyboard:
    """What the user types at getpass's prompts (one answer a prompt), and the prompts shown."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.prompts: list[str] = []

    def getpass(self, prompt: str = "") -> str:
        self.prompts.append(prompt)
        return self.answers.pop(0)


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Keyboard:
    keyboard = Keyboard()
    monkeypatch.setattr("getpass.getpass", keyboard.getpass)
    return keyboard


def user(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["user", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def stored_hashes(db: Path) -> dict[str, str]:
    return dict(sqlite3.connect(db).execute("SELECT name, password_hash FROM users").fetchall())


def test_user_add_asks_the_password_twice_and_keeps_a_salted_scrypt_hash(db: Path, typed: Keyboard) -> None:
    typed.answers += [PASSWORD, PASSWORD, PASSWORD, PASSWORD]
    code, out, err = user("add", "anna", "--db", str(db))
    assert code == 0 and out.startswith("Account anna added") and PASSWORD not in out + err
    assert typed.prompts == ["Password for anna: ", "The same password again: "]
    assert user("add", "bruno", "--db", str(db))[0] == 0
    hashes = stored_hashes(db)
    assert all(h.startswith("scrypt:32768:8:1$") and PASSWORD not in h for h in hashes.values())
    salts = {h.split("$")[1] for h in hashes.values()}
    assert len(salts) == 2 and len(set(hashes.values())) == 2  # one password, two salts, two hashes
    with Store(db) as store:
        assert accounts.authenticate(store, "anna", PASSWORD) is not None


@pytest.mark.parametrize("first, second, message", [
    (PASSWORD, PASSWORD + "x", "the two passwords differ; nothing was changed"),
    ("Zq9!x", "Zq9!x", "too short: use at least 10 characters"),
    ("anna.rossi", "anna.rossi", "the password is the account's name"),
])
def test_a_password_that_cannot_be_used_adds_nothing(db: Path, typed: Keyboard, first: str, second: str,
                                                      message: str) -> None:
    typed.answers += [first, second]
    code, out, err = user("add", "anna.rossi", "--db", str(db))
    assert code == 2 and message in err and first not in err
    assert stored_hashes(db) == {}


@pytest.mark.parametrize("name", ["", "-anna", "anna rossi", "anna/../x", "a" * 65, "ànna", "anna\n"])
def test_bad_names_are_refused_before_a_password_is_asked(db: Path, typed: Keyboard, name: str) -> None:
    code, _, err = user("add", "--db", str(db), "--", name)
    assert code == 2 and "cannot be an account name" in err
    assert typed.prompts == []


def test_a_taken_name_is_refused_before_a_password_is_asked(db: Path, typed: Keyboard) -> None:
    typed.answers += [PASSWORD, PASSWORD]
    user("add", "anna", "--db", str(db))
    code, _, err = user("add", "Anna", "--db", str(db))
    assert code == 2 and "there is already an account 'Anna'" in err and "cc-syndicate user password Anna" in err
    assert len(typed.prompts) == 2


def test_list_password_and_remove(db: Path, typed: Keyboard) -> None:
    typed.answers += [PASSWORD, PASSWORD, "a brand new password", "a brand new password"]
    user("add", "anna", "--db", str(db))
    code, out, _ = user("list", "--db", str(db))
    assert code == 0 and out.startswith("anna\tadded ") and out.rstrip().endswith("last login never")
    before = stored_hashes(db)["anna"]
    code, out, _ = user("password", "anna", "--db", str(db))
    assert code == 0 and "sessions have ended" in out and stored_hashes(db)["anna"] != before
    with Store(db) as store:
        assert accounts.authenticate(store, "anna", PASSWORD) is None
        assert accounts.authenticate(store, "anna", "a brand new password") is not None
    assert "last login 20" in user("list", "--db", str(db))[1]
    assert user("remove", "anna", "--db", str(db))[:2] == (0, "Account anna removed.\n")
    assert user("list", "--db", str(db))[1] == ""
    code, _, err = user("remove", "anna", "--db", str(db))
    assert code == 2 and "no account 'anna'" in err
    code, _, err = user("password", "nobody", "--db", str(db))
    assert code == 2 and "no account 'nobody'" in err and typed.answers == []


def test_user_needs_an_existing_database(tmp_path: Path, typed: Keyboard) -> None:
    code, _, err = user("add", "anna", "--db", str(tmp_path / "typo.db"))
    assert code == 2 and "typo.db does not exist" in err and not (tmp_path / "typo.db").exists()


# ---------------------------------------------------------------------------------------------
# [editors] in cc-syndicate.toml
# ---------------------------------------------------------------------------------------------


def test_editors_settings_are_read(tmp_path: Path) -> None:
    (tmp_path / "cc-syndicate.toml").write_text(
        '[editors]\nenabled = false\nlogin_rate_limit = "3/minute"\naccount_rate_limit = "5/hour"\n'
        'session_hours = 8\ntime_zone = "Europe/Rome"\n', encoding="utf-8")
    assert load_settings(tmp_path).editors == EditorsSettings(
        enabled=False, login_rate_limit="3/minute", account_rate_limit="5/hour", session_hours=8.0,
        time_zone="Europe/Rome")
    assert load_settings(tmp_path / "none").editors == EditorsSettings()


@pytest.mark.parametrize("text, key, fix", [
    ('[editors]\nenabled = "yes"\n', "editors.enabled", "enabled = true"),
    ('[editors]\nlogin_rate_limit = "often"\n', "editors.login_rate_limit", 'login_rate_limit = "10/minute"'),
    ('[editors]\naccount_rate_limit = 5\n', "editors.account_rate_limit", 'account_rate_limit = "10/minute"'),
    ('[editors]\nsession_hours = 0\n', "editors.session_hours", "session_hours = 12.0"),
    ('[editors]\ntime_zone = "Mars/Olympus"\n', "editors.time_zone", 'time_zone = "Europe/Rome"'),
    ('[editors]\ntime_zone = "../../etc/passwd"\n', "editors.time_zone", 'time_zone = "Europe/Rome"'),
    ('[editors]\ntimezone = "UTC"\n', "editors.timezone", "did you mean 'time_zone'?"),
])
def test_bad_editors_settings_name_the_file_the_key_and_the_fix(tmp_path: Path, text: str, key: str, fix: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert_serve_refuses(tmp_path, text, key, fix, monkeypatch)
