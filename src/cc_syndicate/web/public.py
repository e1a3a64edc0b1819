"""The public pages: the form, a check's result, the service's health and its robots.txt."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    g,
    jsonify,
    make_response,
    render_template,
    request,
)
from flask.typing import ResponseReturnValue

from .context import form_values, site
from .inputs import optional_web_address, web_address
from .view import result_view, safe_link
from .words import words_for

bp = Blueprint("public", __name__)


@bp.get("/")
def form() -> ResponseReturnValue:
    """The form; ``?original=URL`` fills in the original (the link a publisher puts under each article)."""
    here = site()
    return render_template("form.html", w=words_for(here.language), lang=here.language, publisher=here.publisher,
                           form=form_values())


@bp.get("/check")
def check() -> ResponseReturnValue:
    url = web_address(request.args.get("url"), "url")
    original = optional_web_address(request.args.get("original"), "original")
    checked = site().service.check(url, original, fresh=request.args.get("fresh") == "1")
    g.cached = checked.cached
    view = result_view(checked.result, checked.checked_at)
    page = render_template("check.html", v=view, w=view.words, lang=view.language, publisher=view.publisher,
                           form={"url": url, "original": original or ""}, link=safe_link, noindex=True)
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/republish")
def republish() -> ResponseReturnValue:
    """The credit and licence block for one of the publisher's articles, before republishing it."""
    url = web_address(request.args.get("original"), "original")
    republished = site().service.republish(url)
    g.cached = republished.cached
    block = republished.block
    return render_template("republish.html", b=block, w=words_for(block.language), lang=block.language,
                           publisher=site().publisher, form={"url": "", "original": block.original_url}, link=safe_link)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    gate = site().service.gate
    return jsonify(status="ok", checks_running=gate.running, checks_waiting=gate.waiting)


@bp.get("/robots.txt")
def robots() -> ResponseReturnValue:
    """Crawlers that follow a shared result link must not start checks."""
    root = request.script_root
    return Response(f"User-agent: *\nDisallow: {root}/check\nDisallow: {root}/api/\n", mimetype="text/plain")
