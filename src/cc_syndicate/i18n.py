"""The language of the report and the editors' pages: Babel catalogs shipped in the package.

The interface's words (headings, labels, evidence sentences) are gettext messages: English in the code
and the templates, translations in ``locale/<lang>/LC_MESSAGES/messages.po``. The catalogs are compiled
in memory when first used, so the shipped ``.po`` is the only copy and can never be out of step with a
compiled file. The judgement's own sentences (findings, fixes, the notice) come from :mod:`.phrases`.

``babel.cfg`` at the top of the project tells ``pybabel extract`` where the messages are; README,
"Translating the report", says how to add a language.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"


def catalog_languages() -> tuple[str, ...]:
    """English and every language with a catalog in the package."""
    folder = resources.files("cc_syndicate") / "locale"
    found = sorted(p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())
    return (SOURCE_LANGUAGE, *found)


LANGUAGES = catalog_languages()


@cache
def translations(language: str) -> NullTranslations:
    """The gettext translations of ``language`` (English, the messages themselves, for any other)."""
    lang = supported(language)
    if lang == SOURCE_LANGUAGE:
        return NullTranslations()
    source = resources.files("cc_syndicate") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with source.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def supported(language: str | None) -> str:
    """``language`` ("it", "it-IT", "pt_BR") if the interface speaks it, else English."""
    lang = (language or SOURCE_LANGUAGE).lower().replace("_", "-").split("-")[0]
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


def report_language(setting: str | None, publisher_languages: Iterable[str | None]) -> str:
    """The report's language: the setting's, else the publishers' one language, else English."""
    if setting:
        return supported(setting)
    found = {supported(lang) for lang in publisher_languages if lang}
    return found.pop() if len(found) == 1 else SOURCE_LANGUAGE
