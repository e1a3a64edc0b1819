"""The Flask application: blueprints, the per-client rate limit, errors in words, security headers.

``create_app`` builds it around a :class:`CheckService`. The public pages and the JSON API are
blueprints; the editors' pages, behind a login, are a third (``editors.py``), registered when the
database can be written.
"""

from __future__ import annotations

import logging
import math
import time

from flask import (
    Flask,
    current_app,
    g,
    jsonify,
    make_response,
    render_template,
    request,
)
from flask.typing import ResponseReturnValue
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from ..errors import CCSyndicateError
from ..models import ServeSettings
from . import api, editors, public
from .context import Site, form_values, site
from .service import CheckService
from .view import Problem, explain, printable
from .words import words_for

log = logging.getLogger("cc_syndicate.serve")

# No script or style but our own files, no frames, forms only to ourselves, nothing else fetched.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
MAX_REQUEST = 16 * 1024  # an API request is two URLs
CHECK_ENDPOINTS = ("public.check", "api.check", "public.republish", "api.republish")  # each may fetch


def create_app(service: CheckService, serve: ServeSettings, *, language: str, publisher: str,
               desk: tuple[editors.Editors, bytes] | None = None) -> Flask:
    """The application; ``desk`` (the editors' database and session key) adds the editors' pages."""
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_REQUEST, SEND_FILE_MAX_AGE_DEFAULT=3600)
    app.extensions["cc-syndicate"] = Site(service, language, publisher)
    app.jinja_env.finalize = printable
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    app.register_blueprint(public.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    _limit_checks(app, serve.rate_limit)
    if desk is not None:
        editors.init_app(app, *desk, limiter=site_limiter_of(app))
    app.register_error_handler(CCSyndicateError, _on_error)
    app.register_error_handler(HTTPException, _on_http_error)
    app.after_request(_secure)
    if serve.base_path:  # published under a prefix: /verifica/check is our /check
        app.wsgi_app = DispatcherMiddleware(NotFound(), {serve.base_path: app.wsgi_app})  # type: ignore[method-assign]
    if serve.trusted_proxies:  # the client address, scheme, host and prefix as the proxies saw them
        n = serve.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_prefix=n)  # type: ignore[method-assign]
    return app


def _limit_checks(app: Flask, rate: str) -> None:
    """One shared per-client limit over every door that may fetch. An answer from the cache is not
    counted (it costs nothing), nor is a bare form."""
    # Its own headers are off: they would put a Retry-After on every answer, and lengthen a 503's to the
    # rate-limit window. The 429 says Retry-After itself (_on_http_error).
    limiter = Limiter(get_remote_address, app=app, storage_uri="memory://", headers_enabled=False, default_limits=[])
    app.extensions["cc-syndicate-limiter"] = limiter
    limit = limiter.shared_limit(
        rate, scope="checks",
        exempt_when=lambda: request.method == "GET" and not any(request.args.get(k, "").strip() for k in ("url", "original")),
        deduct_when=lambda response: not g.get("cached", False),
    )
    for endpoint in CHECK_ENDPOINTS:
        app.view_functions[endpoint] = limit(app.view_functions[endpoint])  # type: ignore[assignment]


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"  # never tell a checked site who looked at it
    return response


# ---------------------------------------------------------------------------------------------
# Errors: JSON under /api/, a page with the form everywhere else
# ---------------------------------------------------------------------------------------------


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def respond(problem: Problem, language: str) -> ResponseReturnValue:
    if _wants_json():
        response = jsonify(error=problem.message)
        response.status_code = problem.status
    else:
        republishing = request.endpoint == "public.republish"  # its error page offers its own form again
        response = make_response(render_template(
            "error.html", w=words_for(language), lang=language, publisher=site().publisher, message=problem.message,
            form=form_values(), republishing=republishing), problem.status)
    if problem.retry_after:
        response.headers["Retry-After"] = str(problem.retry_after)
    response.headers["Cache-Control"] = "no-store"
    return response


def _language() -> str:
    return "en" if _wants_json() else site().language


def _on_error(exc: CCSyndicateError) -> ResponseReturnValue:
    problem = explain(exc, words_for(_language()), site().publisher)
    if problem is None:
        log.exception("could not check %s", request.full_path)
        problem = Problem(500, words_for(_language())["internal"])
    else:
        log.info("%s %s: %s", problem.status, request.full_path, problem.message)
    return respond(problem, _language())


def _on_http_error(exc: HTTPException) -> ResponseReturnValue:
    w = words_for(_language())
    status = exc.code or 500
    if status == 429:
        return respond(Problem(429, w["rate_limited"].format(seconds=_retry_after()), _retry_after()), _language())
    messages = {404: w["not_found"], 405: w["bad_method"], 413: w["too_large"]}
    if _wants_json():
        messages[400] = w["not-json"].format()
    message = messages.get(status, w["internal"])
    return respond(Problem(status, message), _language())


def _retry_after() -> int:
    current = site_limiter().current_limit
    return max(1, math.ceil(current.reset_at - time.time())) if current is not None else 60


def site_limiter() -> Limiter:
    return site_limiter_of(current_app)


def site_limiter_of(app: Flask) -> Limiter:
    limiter: Limiter = app.extensions["cc-syndicate-limiter"]
    return limiter
