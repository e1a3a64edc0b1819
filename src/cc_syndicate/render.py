"""The report's templates, rendered for the static report folder or for a web application.

The templates (``templates/``) take views (:mod:`.views`), a ``links`` object that makes every URL
(:class:`Links`: relative files in the report folder, absolute ones under ``base_url``, or a web
application's routes) and ``assets`` (the stylesheet and script: inline, under a Content-Security-Policy
of their hashes, in the static report; linked files on a web server). Words go through gettext
(Jinja's i18n extension) in the report's language.

A web application renders the same pages with :func:`render`, its own :class:`Links` and
:func:`linked_assets`; its own templates (``extra``) may extend ours and fill the blocks left for them
(``nav``, ``case_actions``, ``republisher_actions``).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Protocol
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .cases import CURE_DAYS
from .i18n import translations
from .urls import is_http
from .views import CaseView

TEMPLATES = resources.files("cc_syndicate") / "templates"


class Links(Protocol):
    """Every URL a page of the report shows; a web application gives its own routes."""

    def index(self) -> str: ...
    def case(self, case: CaseView) -> str: ...
    def republisher(self, name: str) -> str: ...
    def download(self, name: str) -> str: ...  # violations.csv, violations.json, violations.atom


@dataclass(frozen=True)
class StaticLinks:
    """Links between the files of the report folder: relative (``root`` is the way back to the folder
    from the page: "" or "../"), or absolute under ``base_url``."""

    root: str = ""
    base_url: str = ""

    def _to(self, path: str) -> str:
        return (self.base_url or self.root) + path

    def index(self) -> str:
        return self._to("index.html")

    def case(self, case: CaseView) -> str:
        return self._to(case.path)

    def republisher(self, name: str) -> str:
        return self._to("index.html") + "#republisher=" + quote(name, safe="")

    def download(self, name: str) -> str:
        return self._to(name)


@dataclass(frozen=True)
class Assets:
    """The stylesheet and script: inline (with the CSP that allows exactly them) or linked."""

    style: str = ""
    script: str = ""
    csp: str = ""
    style_url: str = ""
    script_url: str = ""

    @property
    def inline(self) -> bool:
        return not self.style_url


def asset_text(name: str) -> str:
    """``report.css`` or ``report.js``, for a web application to serve as static files."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def inline_assets() -> Assets:
    style, script = asset_text("report.css"), asset_text("report.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return Assets(style=style, script=script, csp=csp)


def linked_assets(style_url: str, script_url: str) -> Assets:
    return Assets(style_url=style_url, script_url=script_url)


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


@cache
def environment(language: str, extra: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """The templates in ``language``; ``extra`` (a web application's loader) is searched first."""
    ours = jinja2.FileSystemLoader(str(TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([extra, ours]) if extra is not None else ours,
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # as babel.cfg extracts them
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["http"] = is_http
    env.filters["day"] = lambda value: (value or "")[:10]
    env.filters["percent"] = lambda value: f"{value:.0%}"
    env.filters["json"] = lambda value: Markup(json.dumps(value))
    env.globals.update(cure_days=CURE_DAYS, time=_time, lang=language)
    env.globals["m"] = env.get_template("_macros.html").make_module()  # the macros every page uses
    return env


def render(template: str, *, language: str, links: Links, assets: Assets, extra: jinja2.BaseLoader | None = None,
           **context: Any) -> str:
    """One page of the report, in ``language``."""
    env = environment(language, extra)
    return env.get_template(template).render(links=links, assets=assets, **context)


def _time(value: str | None, day_only: bool = False) -> Markup:
    """A UTC moment as ``<time>``: the text reads right without script (UTC), the script shows it in the
    reader's own time zone."""
    if not value:
        return Markup("")
    text = value[:10] if day_only or len(value) <= 10 else f"{value[:16].replace('T', ' ')} UTC"
    kind = "day" if day_only or len(value) <= 10 else "moment"
    return Markup('<time datetime="{}" data-kind="{}">{}</time>').format(value, kind, text)
