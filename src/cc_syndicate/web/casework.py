"""The editors' live pages: the report from the database, a page per republisher with one combined notice,
a page per case with its triage actions, and the downloads.

They render the static report's templates and typed views (:mod:`cc_syndicate.render`,
:mod:`cc_syndicate.views`) with the web's links and linked assets; our own templates (``editors/``)
extend them and fill the blocks left for a web application (``nav``, ``case_actions``). Actions go
through the store's :meth:`act` with the case actions the command line builds; the logged-in editor is
the one who acts. Dates are written in the reader's time zone (and the report's script keeps them so).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, cast

import jinja2
from flask import Blueprint, Response, abort, g, jsonify, make_response, redirect, request, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from .. import attribution, render, report, views
from .. import cases as lifecycle
from ..attribution import NoticeArticle
from ..errors import UsageError
from ..models import Attribution
from . import triage
from .desk import editors, now, page_context, zone
from .zones import day_text, moment_text

STATUS_FILTERS = ("all", "current", *lifecycle.STATUSES)  # current: new and open, what needs an editor
OURS = jinja2.PrefixLoader({"editors": jinja2.FileSystemLoader(str(Path(__file__).parent / "templates" / "editors"))})
DOWNLOADS = {"violations.csv": "text/csv; charset=utf-8", "violations.json": "application/json",
             "violations.atom": "application/atom+xml"}
ASSETS = {"editors.css": ("report.css", "text/css; charset=utf-8"), "editors.js": ("report.js", "text/javascript")}


def routes(bp: Blueprint) -> None:
    bp.add_url_rule("/", view_func=index)
    bp.add_url_rule("/api/cases", view_func=cases_json)
    bp.add_url_rule("/republishers/<path:name>", view_func=republisher)
    bp.add_url_rule("/cases/<int:case_id>", view_func=case)
    bp.add_url_rule("/cases/<int:case_id>/<kind>", view_func=act, methods=["POST"])
    bp.add_url_rule("/<any(" + ", ".join(f'"{n}"' for n in DOWNLOADS) + "):name>", view_func=download)
    bp.add_url_rule("/assets/<name>", view_func=asset)


@dataclass(frozen=True)
class WebLinks:
    """The report's links as the editors' routes (absolute ones for downloads read elsewhere)."""

    external: bool = False

    def index(self) -> str:
        return url_for("editors.index", _external=self.external)

    def case(self, case: views.CaseView) -> str:
        return url_for("editors.case", case_id=case.id, _external=self.external)

    def republisher(self, name: str) -> str:
        return url_for("editors.republisher", name=name, _external=self.external)

    def download(self, name: str) -> str:
        return url_for("editors.download", name=name, _external=self.external)


@dataclass(frozen=True)
class Generated:
    generated_at: str  # the only thing the report's frame reads of a page that is not the report


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


def index() -> ResponseReturnValue:
    """The live report; ``?republisher=`` and ``?status=`` narrow every table of it."""
    data = _report()
    chosen = _filters(data)
    shown = replace(data, cases=tuple(_filtered(data.cases, **chosen)))
    return _page("editors/report.html", data=shown, filters=chosen, status_filters=STATUS_FILTERS,
                 republishers=sorted(r.name for r in data.republishers))


def cases_json() -> ResponseReturnValue:
    """The cases as ``cc-syndicate case list --json`` prints them, narrowed as the report is."""
    data = _report()
    return jsonify([views.case_json(c) for c in _filtered(data.cases, **_filters(data))])


def republisher(name: str) -> ResponseReturnValue:
    data = _report()
    found = views.republisher_view(data, name)
    if found is None:
        abort(404)
    return _page("editors/republisher.html", data=replace(data, cases=found.cases), r=found,
                 notice=combined_notice(found))


def case(case_id: int) -> ResponseReturnValue:
    return _case_page(case_id, 200, done=request.args.get("done", ""))


def act(case_id: int, kind: str) -> ResponseReturnValue:
    """A triage action, taken by the logged-in editor, through the same store call as ``cc-syndicate case``."""
    store = editors().store
    if kind not in triage.KINDS or not store.case_facts([case_id]):
        abort(404)
    try:
        store.act(case_id, triage.action_from(kind, request.form, by=g.editor.name, now=now()))
    except triage.FormProblem as problem:
        return _case_page(case_id, 400, problem=problem.key, kind=kind)
    except UsageError:  # the case changed meanwhile (another editor, or a run): show it as it is now
        return _case_page(case_id, 409, problem="changed", kind=kind)
    return redirect(url_for("editors.case", case_id=case_id, done=kind, _anchor="state"), 303)


def download(name: str) -> ResponseReturnValue:
    """The report's files, made now from the database, with links to the live pages."""
    data, links = _report(), cast(render.StaticLinks, WebLinks(external=True))
    made = {"violations.csv": report.violations_csv, "violations.json": report.violations_json,
            "violations.atom": report.violations_atom}[name](data, links)
    response = make_response(made)
    response.headers["Content-Type"] = DOWNLOADS[name]
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def asset(name: str) -> ResponseReturnValue:
    """The report's stylesheet and script, with the editors' own after them (public: nothing private)."""
    if name not in ASSETS:
        abort(404)
    response = make_response(_asset(name))
    response.headers["Content-Type"] = ASSETS[name][1]
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@cache
def _asset(name: str) -> str:
    ours = (Path(__file__).parent / "static" / name).read_text(encoding="utf-8")
    return render.asset_text(ASSETS[name][0]) + "\n" + ours


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------


def _report() -> views.ReportView:
    return views.report_view(editors().store, now(), editors().language)


def _case_page(case_id: int, status: int, problem: str = "", kind: str = "", done: str = "") -> Response:
    view = views.case_view(editors().store, case_id, now(), editors().language)
    if view is None:
        abort(404)
    return _page("editors/case.html", status, case=view, data=Generated(now().isoformat(timespec="seconds")),
                 problem=problem, kind=kind, done=done, today=now().date().isoformat(), vias=lifecycle.VIAS,
                 reasons=lifecycle.REASONS, form=request.form)


def _page(template: str, status: int = 200, **context: Any) -> Response:
    language = editors().language
    page = render.render(template, language=language, links=WebLinks(), extra=OURS,
                         assets=render.linked_assets(url_for("editors.asset", name="editors.css"),
                                                     url_for("editors.asset", name="editors.js")),
                         url_for=url_for, time=_time, **page_context(), **context)
    return make_response(page, status)


def _time(value: str | None, day_only: bool = False) -> Markup:
    """A moment as ``<time>``, written in the reader's zone and language (the report's script, where it
    runs, writes it in the browser's own, which is the same zone unless the setting stood in for it)."""
    if not value:
        return Markup("")
    kind = "day" if day_only or len(value) <= 10 else "moment"
    language = editors().language
    text = day_text(value, zone(), language) if kind == "day" else moment_text(value, zone(), language)
    return Markup('<time datetime="{}" data-kind="{}">{}</time>').format(value, kind, text)


# ---------------------------------------------------------------------------------------------
# Filters and the combined notice
# ---------------------------------------------------------------------------------------------


def _filters(report_view: views.ReportView) -> dict[str, str]:
    """The republisher and status asked for in the query, when they are ones the report has."""
    names = {r.name for r in report_view.republishers}
    wanted, status = request.args.get("republisher", ""), request.args.get("status", "all")
    return {"republisher": wanted if wanted in names else "", "status": status if status in STATUS_FILTERS else "all"}


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
