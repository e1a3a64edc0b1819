"""The licence notice a publisher puts in its own article template, in its language (pure).

What CC's guidance asks of a licensor's notice, and what ``audit`` checks: the licence named with its
version and linked to its deed (``rel="license"``, which machines read too), the same licence in the
article's JSON-LD, what a republisher must do, and a sentence that takes media credited to others out
of the grant. No reservation of rights: a Creative Commons article must not carry one.
"""

from __future__ import annotations

import json
from html import escape

from . import phrases
from .attribution import deed_link
from .models import Attribution, License, Rules


def suggested_notice(rules: Rules, license: License) -> Attribution:
    """The notice block for the article template: HTML (visible paragraph and JSON-LD) and plain text."""
    lang = phrases.language_of(rules.publisher.language)
    deed = deed_link(license, lang) or ""
    name = license.short_name

    def sentences(licence_words: str) -> list[str]:
        said = [phrases.say(lang, "own_notice.grant", license=licence_words),
                phrases.say(lang, "own_notice.terms", publisher=rules.publisher.name)]
        parts = (license.unit or "").split("-")
        said += [phrases.say(lang, f"own_notice.{condition}")
                 for condition, code in (("no_changes", "nd"), ("non_commercial", "nc"), ("share_alike", "sa"))
                 if code in parts]
        return [*said, phrases.say(lang, "own_notice.media")]

    link = f'<a rel="license" href="{escape(deed)}">{escape(name)}</a>' if deed else escape(name)
    # The licence's place is marked, the sentences escaped, then the link put in its place.
    visible = " ".join(escape(s, quote=False) for s in sentences("\x00")).replace("\x00", link)
    json_ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "license": license.deed_url or name},
                         ensure_ascii=False).replace("</", "<\\/")
    html = (f'<p class="cc-license-notice" lang="{lang}">{visible}</p>\n'
            f'<script type="application/ld+json">{json_ld}</script>')
    text = " ".join(sentences(f"{name} ({deed})" if deed else name))
    return Attribution(html=html, text=text)
