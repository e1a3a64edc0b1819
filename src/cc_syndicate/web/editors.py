"""The editors' pages under ``/editors/``, behind a login: the blueprint, who may see them, logging in
and out. The pages themselves are in :mod:`.casework`.

Every request but the login form's must come from a logged-in editor: anonymous requests are sent to
the login page (HTML) or answered 401 (JSON, under ``/editors/api/``). Every POST must carry the
session's CSRF token. A session names its account and the account's session epoch; logout, a new
password and a removed account raise or drop the epoch, so every older session (a copied cookie too)
ends at once. Failed logins are rate limited per client address and per account.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import cast
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from .. import accounts
from ..i18n import translations
from ..models import Account
from . import casework, sessions
from .desk import EXTENSION, Editors, editors, page_context
from .zones import zone_name

bp = Blueprint("editors", __name__, url_prefix="/editors")
OPEN_ENDPOINTS = {"editors.login", "editors.asset"}  # what an anonymous visitor may see
casework.routes(bp)


def init_app(app: Flask, desk: Editors, key: bytes, limiter: Limiter) -> None:
    """Register the editors' pages on ``app``, their sessions and the limits on failed logins."""
    app.extensions[EXTENSION] = desk
    sessions.configure(app, key, desk.settings.session_hours)
    app.jinja_env.install_gettext_translations(translations(desk.language), newstyle=True)  # type: ignore[attr-defined]
    app.register_blueprint(bp)
    failed = _failed_login
    per_client = limiter.limit(desk.settings.login_rate_limit, key_func=get_remote_address, methods=["POST"],
                               deduct_when=failed, on_breach=_breached("client"), scope="login-client")
    per_account = limiter.limit(desk.settings.account_rate_limit, key_func=_account_key, methods=["POST"],
                                deduct_when=failed, on_breach=_breached("account"), scope="login-account")
    view = cast(Callable[..., ResponseReturnValue], app.view_functions["editors.login"])  # a plain function, not async
    app.view_functions["editors.login"] = per_account(per_client(view))


def _failed_login(response: Response) -> bool:
    return response.status_code == 401


def _account_key() -> str:
    return "account:" + request.form.get("name", "").strip().casefold()[:64]


def _breached(which: str) -> Callable[[RequestLimit], None]:
    def note(limit: RequestLimit) -> None:
        g.login_limit = (which, max(1, math.ceil(limit.reset_at - time.time())))
    return note


# ---------------------------------------------------------------------------------------------
# Who is asking
# ---------------------------------------------------------------------------------------------


@bp.before_request
def _require_login() -> ResponseReturnValue | None:
    g.editor = _editor()
    if g.editor is None and request.endpoint not in OPEN_ENDPOINTS:
        if _wants_json():
            return _json_error(401, "log in first: POST /editors/login")
        return redirect(url_for("editors.login", next=request.script_root + request.full_path.rstrip("?")), 303)
    if request.method == "POST" and not sessions.csrf_ok():
        abort(400, "csrf")
    return None


def _editor() -> Account | None:
    """The logged-in editor, when the session names an account whose sessions have not ended since."""
    name, epoch = session.get("user"), session.get("epoch")
    if not isinstance(name, str) or not isinstance(epoch, int):
        return None
    account = editors().store.account(name)
    if account is None or account.session_epoch != epoch:
        session.clear()
        return None
    return account


def _wants_json() -> bool:
    return request.path.startswith(f"{bp.url_prefix}/api/")


def _json_error(status: int, message: str) -> Response:
    response = jsonify(error=message)
    response.status_code = status
    return response


@bp.after_request
def _private(response: Response) -> Response:
    response.headers.setdefault("Cache-Control", "no-store")  # never kept by a shared cache or the browser's history
    return response


# ---------------------------------------------------------------------------------------------
# Login and logout
# ---------------------------------------------------------------------------------------------


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if request.method == "GET":
        if g.editor is not None:
            return redirect(_next_page(), 303)
        return _login_page(200, notice="logged-out" if request.args.get("bye") else None)
    name = request.form.get("name", "").strip()
    account = accounts.authenticate(editors().store, name, request.form.get("password", ""))
    if account is None:
        return _login_page(401, problem="wrong")
    session.clear()
    session.permanent = True
    session.update(user=account.name, epoch=account.session_epoch, tz=zone_name(request.form.get("tz")))
    sessions.csrf_token()  # a new token for the new session
    return redirect(_next_page(), 303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    editors().store.end_sessions(g.editor.name)
    session.clear()
    return redirect(url_for("editors.login", bye=1), 303)


def _login_page(status: int, problem: str | None = None, notice: str | None = None,
                retry_after: int | None = None) -> Response:
    response = make_response(render_template(
        "editors/login.html", problem=problem, notice=notice, retry_after=retry_after,
        next=_next_page(), name=request.form.get("name", "")[:64], no_accounts=not editors().store.accounts(),
        **page_context()), status)
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _next_page() -> str:
    """Where to go after logging in: a page of ours under /editors/ (never another site), else the report."""
    wanted = request.values.get("next", "")
    home = url_for("editors.index")
    parts = urlsplit(wanted)
    if (parts.scheme or parts.netloc or not parts.path.startswith(home) or "\\" in wanted
            or any(ord(c) < 32 for c in wanted) or parts.path.startswith(url_for("editors.login"))):
        return home
    return wanted


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> ResponseReturnValue:
    """Errors in the editors' own words: the login page for its limits and expired forms, JSON under api/."""
    status = exc.code or 500
    csrf = status == 400 and exc.description == "csrf"
    if status == 429:
        which, seconds = g.get("login_limit", ("client", 60))
        return _login_page(429, problem=f"limited-{which}", retry_after=seconds)
    if _wants_json():
        return _json_error(status, "the form's CSRF token is missing or wrong" if csrf else exc.name.lower())
    if csrf and request.endpoint == "editors.login":
        return _login_page(400, problem="expired")
    problem = "expired" if csrf else {404: "not-found", 405: "bad-method"}.get(status, "bad-request")
    return make_response(render_template("editors/error.html", problem=problem, **page_context()), status)
