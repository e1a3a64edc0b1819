"""The JSON API: ``POST /api/check`` answers the ``check`` JSON of the command line's contract;
``GET /api/republish?original=URL`` the republish block of one of the publisher's articles."""

from __future__ import annotations

from flask import Blueprint, g, jsonify, request
from flask.typing import ResponseReturnValue

from ..present import check_json
from .context import site
from .inputs import BadInput, optional_web_address, web_address

bp = Blueprint("api", __name__)


@bp.post("/check")
def check() -> ResponseReturnValue:
    data = request.get_json(force=True, silent=True)
    if not isinstance(data, dict):
        raise BadInput("not-json", "body")
    url = web_address(data.get("url"), "url")
    original = optional_web_address(data.get("original"), "original")
    checked = site().service.check(url, original, fresh=data.get("fresh") is True)
    g.cached = checked.cached
    response = jsonify(check_json(checked.result))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/republish")
def republish() -> ResponseReturnValue:
    url = web_address(request.args.get("original"), "original")
    republished = site().service.republish(url)
    g.cached = republished.cached
    return jsonify(republished.block.to_json())
