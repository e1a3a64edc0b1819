"""The editors' sessions: the key that signs them, the cookie that carries them, the token every form holds.

- **The key** is made once, 32 random bytes, in a file beside the database (``<db>-session.key``) that
  only its owner may read (0600); a key anyone else can read is refused, since it would let them sign
  a session of their own.
- **The cookie** is Flask's signed session, sent only under ``/editors`` (its ``Path``), ``HttpOnly``,
  ``SameSite=Lax``, ``Secure`` when the request came over https (directly, or as a trusted proxy says).
  No other page ever sets it, so the public pages stay cookie-free.
- **The CSRF token** is a random value kept in the session and written into every form; a POST whose
  token is missing or differs is refused before anything is done. (Flask-WTF would do the same with
  WTForms behind it; the editors' few forms need only these lines.) ``SameSite=Lax`` already keeps the
  cookie off cross-site POSTs; the token does not rely on it.
"""

from __future__ import annotations

import hmac
import os
import secrets
import stat
from pathlib import Path

from flask import Flask, request, session
from flask.sessions import SecureCookieSessionInterface

from ..errors import UsageError

COOKIE = "cc_syndicate_editors"
KEY_BYTES = 32
CSRF_FIELD = "csrf_token"


def key_path(db: Path) -> Path:
    return db.with_name(db.name + "-session.key")


def secret_key(db: Path) -> bytes:
    """The key that signs the editors' sessions, made on first use beside the database."""
    path = key_path(db)
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(KEY_BYTES) + "\n")
        try:
            os.link(tmp, path)  # never replaces a key another process made at the same moment
        except FileExistsError:
            pass
    except OSError as exc:
        raise UsageError(f"cannot write the session key {path} ({exc.strerror or exc}): let the user that runs "
                         "`cc-syndicate serve` write into the database's folder, or set [editors] enabled = false") from None
    finally:
        tmp.unlink(missing_ok=True)
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise UsageError(f"{path} is not a file: remove it, and serve makes a new session key")
        if mode & 0o077:
            raise UsageError(f"{path} can be read by other users, who could sign a session as any editor: "
                             f"run `chmod 600 {path}` (or remove it: serve makes a new one, and editors log in again)")
        key = fh.read(1024).strip()
    if len(key) < KEY_BYTES:
        raise UsageError(f"{path} holds no usable key: remove it, and serve makes a new one")
    return key


class EditorsSessions(SecureCookieSessionInterface):
    """Flask's signed cookie, confined to the editors' pages."""

    def get_cookie_path(self, app: Flask) -> str:
        return request.script_root + "/editors"  # under a proxy's prefix too (X-Forwarded-Prefix, base_path)

    def get_cookie_secure(self, app: Flask) -> bool:
        return request.is_secure

    def should_set_cookie(self, app: Flask, session: object) -> bool:
        return request.blueprint == "editors" and super().should_set_cookie(app, session)  # type: ignore[arg-type]


def configure(app: Flask, key: bytes, session_hours: float) -> None:
    app.secret_key = key
    app.session_interface = EditorsSessions()
    app.config.update(SESSION_COOKIE_NAME=COOKIE, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      PERMANENT_SESSION_LIFETIME=int(session_hours * 3600), SESSION_REFRESH_EACH_REQUEST=True)


def csrf_token() -> str:
    """The session's token, made when first asked for (the login form's, before anyone logs in)."""
    token = session.get("csrf")
    if not isinstance(token, str):
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_ok() -> bool:
    sent = request.form.get(CSRF_FIELD, "")
    kept = session.get("csrf")
    return isinstance(kept, str) and hmac.compare_digest(sent.encode(), kept.encode())
