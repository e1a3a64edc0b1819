"""Every phrase the tool writes, in the language of the publisher's rules (pure data and one lookup).

One table per language, keyed by what the phrase is for ("author.fix", "credit.with_author"). English
and Italian are complete; Spanish, French, German and Portuguese hold what a republisher reads (the
suggested credit, the republish block, the notice) and the licence notice ``audit`` proposes for the
publisher's own articles, and fall back to English for the rest. Each
translation keeps the English phrase's {placeholders}; the tests hold every table to that.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from . import de, en, es, fr, it, pt

TABLES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"en": en.PHRASES, "it": it.PHRASES, "es": es.PHRASES, "fr": fr.PHRASES, "de": de.PHRASES, "pt": pt.PHRASES}
)
LANGUAGES = tuple(TABLES)
COMPLETE = ("en", "it")  # every key; the others say the republisher's part and fall back to English
# What every language must say: what republishers read, the pages `serve` shows them, and the notice block
# a publisher puts on its own pages.
REPUBLISHER_KEYS = ("credit.", "republish.", "notice.", "page.", "own_notice.")


def language_of(code: str | None) -> str:
    """The table for a language code ("it", "pt-BR", "fr_CA"): its own when there is one, else English."""
    lang = (code or "en").lower()[:2]
    return lang if lang in TABLES else "en"


def say(language: str, key: str, **values: Any) -> str:
    """The phrase ``key`` in ``language`` (English where that language has none), filled with ``values``."""
    template = TABLES.get(language, en.PHRASES).get(key) or en.PHRASES[key]
    return template.format(**values)
