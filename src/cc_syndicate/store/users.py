"""Editors' accounts: a name, a salted slow hash of the password, and the epoch that ends old sessions.

Passwords are hashed and compared in :mod:`cc_syndicate.accounts`; the store only keeps what it is given.
Names compare without regard to case (``COLLATE NOCASE``), so "Anna" cannot sit beside "anna".
"""

from __future__ import annotations

from ..models import Account
from .database import Database, Row, now

_COLUMNS = "name, created_at, password_changed_at, last_login_at, session_epoch"


class UserStore(Database):
    def add_user(self, name: str, password_hash: str) -> bool:
        """A new account; False (and nothing written) when one of that name exists."""
        when = now()
        with self.transaction():
            cursor = self.execute("INSERT INTO users (name, password_hash, created_at, password_changed_at)"
                                  " VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING", (name, password_hash, when, when))
            return cursor.rowcount == 1

    def set_password_hash(self, name: str, password_hash: str) -> bool:
        """A new password for an account, which ends its sessions; False when there is no such account."""
        with self.transaction():
            cursor = self.execute("UPDATE users SET password_hash = ?, password_changed_at = ?,"
                                  " session_epoch = session_epoch + 1 WHERE name = ?", (password_hash, now(), name))
            return cursor.rowcount == 1

    def remove_user(self, name: str) -> bool:
        with self.transaction():
            return self.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 1

    def account(self, name: str) -> Account | None:
        rows = self.query(f"SELECT {_COLUMNS} FROM users WHERE name = ?", (name,))
        return _account(rows[0]) if rows else None

    def accounts(self) -> list[Account]:
        return [_account(row) for row in self.query(f"SELECT {_COLUMNS} FROM users ORDER BY name")]

    def password_hash(self, name: str) -> tuple[Account, str] | None:
        rows = self.query(f"SELECT {_COLUMNS}, password_hash FROM users WHERE name = ?", (name,))
        return (_account(rows[0]), rows[0]["password_hash"]) if rows else None

    def logged_in(self, name: str) -> None:
        with self.transaction():
            self.execute("UPDATE users SET last_login_at = ? WHERE name = ?", (now(), name))

    def end_sessions(self, name: str) -> None:
        """Every session of the account ends (logout: a copied cookie dies with it)."""
        with self.transaction():
            self.execute("UPDATE users SET session_epoch = session_epoch + 1 WHERE name = ?", (name,))


def _account(row: Row) -> Account:
    return Account(row["name"], row["created_at"], row["password_changed_at"], row["last_login_at"],
                   int(row["session_epoch"]))
