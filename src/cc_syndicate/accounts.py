"""Editors' accounts: names, passwords and their hashes, and logging in.

A password is kept only as a salted slow hash: scrypt through ``werkzeug.security`` (a random 16-character
salt per account, N=2^15, r=8, p=1: about 32 MB and a tenth of a second a hash, so a stolen database costs
an attacker the same for every guess). Hashes are compared in constant time (``hmac.compare_digest``), and
a name that has no account costs the same hash as one that has, so the time of an answer does not tell
which names exist. At most :data:`HASHING_AT_ONCE` hashes are computed at once: a flood of logins waits
for a turn instead of taking 32 MB per thread.
"""

from __future__ import annotations

import functools
import re
import secrets
import threading

from werkzeug.security import check_password_hash, generate_password_hash

from .errors import CCSyndicateError
from .models import Account
from .store import Store

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD, MAX_PASSWORD = 10, 1024
METHOD = "scrypt"  # werkzeug's default since 3.0, named so that a change of default never weakens it
HASHING_AT_ONCE = 4
_hashing = threading.BoundedSemaphore(HASHING_AT_ONCE)


class AccountError(CCSyndicateError):
    """An account cannot be made, changed or removed as asked; the message says what to do."""


def checked_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise AccountError(f"{name!r} cannot be an account name: use 1 to 64 letters, digits and . _ @ -, "
                           "starting with a letter or digit (e.g. anna.rossi)")
    return name


def password_problem(name: str, password: str) -> str | None:
    """Why ``password`` cannot be used for ``name``, or None. Length is what makes a password strong;
    no rules about kinds of characters (NIST SP 800-63B)."""
    if len(password) < MIN_PASSWORD:
        return f"the password is too short: use at least {MIN_PASSWORD} characters (a few words make a good one)"
    if len(password) > MAX_PASSWORD:
        return f"the password is too long: use at most {MAX_PASSWORD} characters"
    if password.strip().casefold() == name.casefold():
        return "the password is the account's name: choose another"
    return None


def hash_password(name: str, password: str) -> str:
    problem = password_problem(name, password)
    if problem:
        raise AccountError(problem)
    with _hashing:
        return generate_password_hash(password, method=METHOD)


def check_new(store: Store, name: str) -> None:
    """Raise unless ``name`` can be a new account's."""
    checked_name(name)
    if store.account(name) is not None:
        raise AccountError(f"there is already an account {name!r}: change its password with "
                           f"`cc-syndicate user password {name}`, or choose another name")


def add_account(store: Store, name: str, password: str) -> Account:
    check_new(store, name)
    if not store.add_user(name, hash_password(name, password)):
        raise AccountError(f"there is already an account {name!r}: choose another name")
    return existing(store, name)


def change_password(store: Store, name: str, password: str) -> Account:
    """A new password; every session of the account ends."""
    account = existing(store, name)
    store.set_password_hash(account.name, hash_password(account.name, password))
    return existing(store, name)


def remove_account(store: Store, name: str) -> None:
    """The account goes, and with it every session it had (its actions stay in the cases' history)."""
    if not store.remove_user(existing(store, name).name):
        raise AccountError(f"no account {name!r}: `cc-syndicate user list` shows the accounts")


def authenticate(store: Store, name: str, password: str) -> Account | None:
    """The account when ``password`` is its password, else None; as slow for a name with no account."""
    found = store.password_hash(name) if NAME.fullmatch(name) and len(password) <= MAX_PASSWORD else None
    with _hashing:
        if found is None:
            check_password_hash(_decoy(), password[:MAX_PASSWORD])
            return None
        account, stored = found
        if not check_password_hash(stored, password):
            return None
    store.logged_in(account.name)
    return account


def existing(store: Store, name: str) -> Account:
    account = store.account(name)
    if account is None:
        raise AccountError(f"no account {name!r}: `cc-syndicate user list` shows the accounts, "
                           f"`cc-syndicate user add {name}` makes it")
    return account


@functools.cache
def _decoy() -> str:
    """A hash of a random password, checked when a name has no account, so that it costs the same."""
    return generate_password_hash(secrets.token_urlsafe(16), method=METHOD)
