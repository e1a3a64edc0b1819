"""The editors' pages under ``/editors/``, behind a login: the live report, a page per republisher and
per case, and the triage actions.

Every request but the login form's must come from a logged-in editor: anonymous requests are sent to
the login page (HTML) or answered 401 (JSON, under ``/editors/api/``). Every POST must carry the
session's CSRF token. A session names its account and the account's session epoch; logout, a new
password and a removed account raise or drop the epoch, so every older session (a copied cookie too)
ends at once. Failed logins are rate limited per client address and per account.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
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

from .. import accounts, attribution, views
from .. import cases as lifecycle
from ..attribution import NoticeArticle
from ..errors import UsageError
from ..i18n import translations
from ..models import Account, Attribution, EditorsSettings
from ..store import Store
from . import sessions, triage
from .context import site
from .zones import day_text, moment_text, zone_name

bp = Blueprint("editors", __name__, url_prefix="/editors")
OPEN_ENDPOINTS = {"editors.login"}  # the only page an anonymous visitor may see


@dataclass(frozen=True)
class Editors:
    """The database the editors' pages read and write, their settings and their language."""

    store: Store
    settings: EditorsSettings
    language: str

    def close(self) -> None:
        self.store.close()


def editors() -> Editors:
    return current_app.extensions["cc-syndicate-editors"]  # type: ignore[no-any-return]


def init_app(app: Flask, desk: Editors, key: bytes, limiter: Limiter) -> None:
    """Register the editors' pages on ``app``, their sessions and the limits on failed logins."""
    app.extensions["cc-syndicate-editors"] = desk
    sessions.configure(app, key, desk.settings.session_hours)
    app.jinja_env.install_gettext_translations(translations(desk.language), newstyle=True)  # type: ignore[attr-defined]
    app.add_template_filter(lambda value: moment_text(value, _zone(), desk.language), "moment")
    app.add_template_filter(lambda value: day_text(value, _zone(), desk.language), "day")
    app.register_blueprint(bp)
    failed = _failed_login
    per_client = limiter.limit(desk.settings.login_rate_limit, key_func=get_remote_address, methods=["POST"],
                               deduct_when=failed, on_breach=_breached("client"), scope="login-client")
    per_account = limiter.limit(desk.settings.account_rate_limit, key_func=_account_key, methods=["POST"],
                                deduct_when=failed, on_breach=_breached("account"), scope="login-account")
    app.view_functions["editors.login"] = per_account(per_client(app.view_functions["editors.login"]))


def _failed_login(response: Response) -> bool:
    return response.status_code == 401


def _account_key() -> str:
    return "account:" + request.form.get("name", "").strip().casefold()[:64]


def _breached(which: str):  # type: ignore[no-untyped-def]
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
    response.headers["Cache-Control"] = "no-store"  # never kept by a shared cache or the browser's history
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
        **_page()), status)
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
    return make_response(render_template("editors/error.html", problem=problem, **_page()), status)


# ---------------------------------------------------------------------------------------------
# The report, a republisher, a case
# ---------------------------------------------------------------------------------------------

STATUS_FILTERS = ("current", *lifecycle.STATUSES, "all")  # current: new and open, what needs an editor


@bp.get("/")
def index() -> ResponseReturnValue:
    report = views.report_view(editors().store, _now(), editors().language)
    chosen = _filters(report)
    return render_template("editors/index.html", report=report, cases=_filtered(report.cases, **chosen),
                           filters=chosen, status_filters=STATUS_FILTERS, **_page())


@bp.get("/api/cases")
def cases_json() -> ResponseReturnValue:
    """The cases as ``cc-syndicate case list --json`` prints them, with the page's filters."""
    report = views.report_view(editors().store, _now(), editors().language)
    return jsonify([views.case_json(c) for c in _filtered(report.cases, **_filters(report, default="all"))])


@bp.get("/republishers/<path:name>")
def republisher(name: str) -> ResponseReturnValue:
    report = views.report_view(editors().store, _now(), editors().language)
    found = views.republisher_view(report, name)
    if found is None:
        abort(404)
    return render_template("editors/republisher.html", r=found, notice=combined_notice(found), **_page())


@bp.get("/cases/<int:case_id>")
def case(case_id: int) -> ResponseReturnValue:
    view = views.case_view(editors().store, case_id, _now(), editors().language)
    if view is None:
        abort(404)
    return _case_page(view, 200, done=request.args.get("done", ""))


@bp.post("/cases/<int:case_id>/<kind>")
def act(case_id: int, kind: str) -> ResponseReturnValue:
    """A triage action, taken by the logged-in editor, through the same store call as ``cc-syndicate case``."""
    store = editors().store
    found = store.case_facts([case_id])
    if kind not in triage.KINDS or not found:
        abort(404)
    try:
        action = triage.action_from(kind, request.form, by=g.editor.name, now=_now(), open_codes=found[0].open_codes)
        store.act(case_id, action)
    except triage.FormProblem as problem:
        return _case_page(views.case_view(store, case_id, _now(), editors().language), 400, problem=problem.key, kind=kind)
    except UsageError:  # the case changed meanwhile (another editor, or a run): show it as it is now
        return _case_page(views.case_view(store, case_id, _now(), editors().language), 409, problem="changed", kind=kind)
    return redirect(url_for("editors.case", case_id=case_id, done=kind, _anchor="trail"), 303)


def _case_page(view: views.CaseView | None, status: int, **state: str) -> Response:
    if view is None:
        abort(404)
    today = _now().date().isoformat()
    return make_response(render_template("editors/case.html", c=view, today=today, vias=lifecycle.VIAS,
                                         reasons=lifecycle.REASONS, form=request.form, **state, **_page()), status)


def _filters(report: views.ReportView, default: str = "current") -> dict[str, str]:
    """The republisher and status asked for in the query, when they are ones the report has."""
    names = {r.name for r in report.republishers}
    republisher = request.args.get("republisher", "")
    status = request.args.get("status", default)
    return {"republisher": republisher if republisher in names else "",
            "status": status if status in STATUS_FILTERS else default}


def _filtered(cases: tuple[views.CaseView, ...], republisher: str, status: str) -> list[views.CaseView]:
    wanted = {"current": ("new", "open"), "all": lifecycle.STATUSES}.get(status, (status,))
    return [c for c in cases if c.status in wanted and (not republisher or c.republisher == republisher)]


def combined_notice(republisher: views.RepublisherView) -> views.NoticeView | None:
    """One letter to the republisher about all its open cases that ask something of it."""
    asking = [c for c in republisher.current if c.notice is not None]
    if len(asking) < 2:
        return asking[0].notice if asking else None
    stored = [views.read_result(editors().store.case_result(c.page_url, c.original_id)) for c in asking]
    articles = [NoticeArticle(tuple(code for code in c.codes if code != "blocked-by-robots"), c.page_title, c.page_url,
                              c.original_title, c.original_url, s.author, c.license, Attribution(c.credit_html, c.credit_text))
                for c, s in zip(asking, stored)]
    text = attribution.combined_notice(language=stored[0].language, republisher=republisher.name,
                                       contact=republisher.contact, articles=articles,
                                       publisher=", ".join(dict.fromkeys(c.publisher for c in asking if c.publisher)))
    head, _, letter = text.partition("\n\n")  # the To and Subject lines apart, as a case's notice has them
    subject = head.splitlines()[-1].split(":", 1)[-1].strip()
    return views.NoticeView(republisher.contact, subject, letter, views.mailto(republisher.contact, subject, letter))


# ---------------------------------------------------------------------------------------------
# What every page needs: words, dates in the reader's zone, the session's token
# ---------------------------------------------------------------------------------------------


def _zone() -> str:
    return zone_name(session.get("tz")) or editors().settings.time_zone


def _now() -> datetime:
    return datetime.now(ZoneInfo(_zone()))


def _page() -> dict[str, object]:
    here = site()
    return {"lang": editors().language, "publisher": here.publisher, "editor": g.get("editor"),
            "csrf_token": sessions.csrf_token, "csrf_field": sessions.CSRF_FIELD, "zone": _zone()}
