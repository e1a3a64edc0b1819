"""The report's interface speaks English and Italian: every message of the templates and the code has an
Italian translation with the same placeholders, and the report renders in the language asked."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cc_syndicate.i18n import LANGUAGES, report_language, supported, translations

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def messages() -> dict[str, tuple[str, ...]]:
    """Every message `pybabel extract -F babel.cfg` finds, as (singular[, plural])."""
    found: dict[str, tuple[str, ...]] = {}
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map=_method_map(), options_map=_options_map(),
                                               keywords=KEYWORDS):
        ids = message if isinstance(message, tuple) else (message,)
        found[ids[0]] = ids
    return found


def _method_map() -> list[tuple[str, str]]:
    return [("src/cc_syndicate/views.py", "python"), ("src/cc_syndicate/report.py", "python"),
            ("src/cc_syndicate/templates/**.html", "jinja2"), ("src/cc_syndicate/web/templates/editors/**.html", "jinja2")]


def _options_map() -> dict[str, dict[str, str]]:
    jinja = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}
    return {"src/cc_syndicate/templates/**.html": jinja, "src/cc_syndicate/web/templates/editors/**.html": jinja}


def italian() -> dict[str, object]:
    source = resources.files("cc_syndicate") / "locale" / "it" / "LC_MESSAGES" / "messages.po"
    with source.open("rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(fh) if m.id}  # type: ignore[misc]


def test_the_babel_config_names_what_the_test_extracts() -> None:
    config = (ROOT / "babel.cfg").read_text(encoding="utf-8")
    for pattern, method in _method_map():
        assert f"[{method}: {pattern}]" in config


def test_every_message_has_an_italian_translation() -> None:
    found, catalog = messages(), italian()
    assert len(found) > 100
    missing = [m for m in found if m not in catalog or not catalog[m].string or catalog[m].fuzzy]  # type: ignore[attr-defined]
    assert not missing, f"add these to locale/it/LC_MESSAGES/messages.po (README, Translating the report): {missing}"
    for message, ids in found.items():
        translated = catalog[message].string  # type: ignore[attr-defined]
        forms = translated if isinstance(translated, tuple) else (translated,)
        assert all(forms), message
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(ids[-1])), (message, form)


def test_languages_and_fallbacks() -> None:
    assert LANGUAGES == ("en", "it")
    assert supported("it-IT") == "it" and supported("pt_BR") == "en" and supported(None) == "en"
    assert report_language(None, ["it", "it"]) == "it"
    assert report_language(None, ["it", "en"]) == "en", "publishers of several languages: English"
    assert report_language("en", ["it"]) == "en"
    assert translations("it").gettext("Open cases") == "Casi aperti"
    assert translations("it").ngettext("%(num)d day", "%(num)d days", 3) == "%(num)d giorni"
    assert translations("en").gettext("Open cases") == "Open cases"


@pytest.mark.parametrize("language, heading", [("en", "Open cases"), ("it", "Casi aperti")])
def test_the_report_renders_in_the_language_asked(language: str, heading: str) -> None:
    from cc_syndicate.render import StaticLinks, inline_assets, render
    from cc_syndicate.views import ReportView, Totals

    data = ReportView("2026-11-20T09:00:00+00:00", language, Totals(0, 0, 0, 0, 0, 0, 0, 0, 0), (), (), ())
    page = render("index.html", language=language, links=StaticLinks(), assets=inline_assets(), data=data)
    assert f'<html lang="{language}">' in page and f">{heading}</h2>" in page
    assert '<time datetime="2026-11-20T09:00:00+00:00" data-kind="moment">2026-11-20 09:00 UTC</time>' in page
