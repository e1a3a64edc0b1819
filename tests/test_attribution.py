"""What a republisher is given: the suggested credit, the republish block and the notice, in the
publisher's language, and never an offer to mark edits where the licence forbids them."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from helpers import AUTHOR, ORIGINAL_URL, original_html, rules

from cc_syndicate import phrases
from cc_syndicate.attribution import notice, republish_block, suggest
from cc_syndicate.licenses import parse as parse_license
from cc_syndicate.models import Attribution, MediaCredit
from cc_syndicate.originals import extract_original

ORIGINAL = extract_original(original_html(), ORIGINAL_URL)
TITLE = "Volontari al lavoro per ripulire le rive del lago"


def in_language(lang: str, license_id: str = "CC BY 4.0", **requirements: object):  # type: ignore[no-untyped-def]
    base = rules(license_id, **requirements)
    return replace(base, publisher=replace(base.publisher, language=lang))


CREDITS = {
    "it": f"«{TITLE}» di {AUTHOR}, pubblicato originariamente da L'Eco del Lago, ripubblicato con licenza CC BY 4.0.",
    "en": f"“{TITLE}” by {AUTHOR}, originally published by L'Eco del Lago, republished under CC BY 4.0.",
    "es": f"«{TITLE}», de {AUTHOR}, publicado originalmente por L'Eco del Lago, reproducido bajo licencia CC BY 4.0.",
    "fr": f"«\u00a0{TITLE}\u00a0» de {AUTHOR}, publié initialement par L'Eco del Lago, republié sous licence CC BY 4.0.",
    "de": f"„{TITLE}“ von {AUTHOR}, zuerst veröffentlicht von L'Eco del Lago, übernommen unter der Lizenz CC BY 4.0.",
    "pt": f"«{TITLE}», de {AUTHOR}, publicado originalmente por L'Eco del Lago, republicado sob a licença CC BY 4.0.",
}


@pytest.mark.parametrize("lang", sorted(CREDITS))
def test_the_credit_in_each_language(lang: str) -> None:
    credit = suggest(ORIGINAL, in_language(lang))
    deed = "https://creativecommons.org/licenses/by/4.0/" + ("" if lang == "en" else f"deed.{lang}")
    assert credit.text == f"{CREDITS[lang]} {ORIGINAL_URL} — {deed}"
    assert f'<a href="{ORIGINAL_URL}">{TITLE}</a>' in credit.html
    assert f'<a rel="license" href="{deed}">CC BY 4.0</a>' in credit.html


@pytest.mark.parametrize("lang", sorted(CREDITS))
def test_a_changed_text_is_marked_in_the_credit_but_never_under_nd(lang: str) -> None:
    marked = phrases.say(lang, "credit.modified")
    assert marked in suggest(ORIGINAL, in_language(lang), modified=True).text
    nd = suggest(ORIGINAL, in_language(lang, "CC BY-ND 4.0"), modified=True)
    assert marked not in nd.text and marked not in nd.html and "BY-ND 4.0" in nd.text


def test_an_unversioned_rule_credits_the_version_the_original_declares() -> None:
    credit = suggest(ORIGINAL, rules("CC BY"))
    assert "CC BY 4.0" in credit.text and "/licenses/by/4.0/deed.it" in credit.html
    other = replace(ORIGINAL, license=parse_license("CC BY-SA 4.0"))
    assert "ripubblicato con licenza CC BY." in suggest(other, rules("CC BY")).text  # not the rules' licence: keep it


# --- the republish block ------------------------------------------------------------------------


def test_the_republish_block_for_an_attribution_licence() -> None:
    block = republish_block(ORIGINAL, rules())
    assert block.language == "it" and block.license == "CC BY 4.0"
    assert block.deed_url == "https://creativecommons.org/licenses/by/4.0/deed.it"
    assert block.credit == suggest(ORIGINAL, rules())
    assert [m.credit for m in block.media] == ["Agenzia Fotolago"] and "Non coperti dalla licenza" in block.media_note
    assert block.forbidden == () and block.head == ""


def test_the_republish_block_says_what_nd_and_the_rules_forbid() -> None:
    block = republish_block(ORIGINAL, in_language("en", "CC BY-ND 4.0", canonical=True, followed_links=True))
    assert [r.what for r in block.forbidden] == ["changes", "nofollow"]
    assert block.forbidden[0].text.startswith("Do not change the text: CC BY-ND 4.0 allows no adaptations")
    assert block.head == f'<link rel="canonical" href="{ORIGINAL_URL}">' and block.head_note
    assert "edited" not in block.credit.text


def test_the_republish_block_leaves_out_the_publishers_own_media() -> None:
    own = replace(ORIGINAL, media_credits=(MediaCredit("L'Eco del Lago", "http://x.test/a.jpg", "Foto: L'Eco del Lago"),
                                           MediaCredit(AUTHOR, "http://x.test/b.jpg", f"Foto di {AUTHOR}")))
    block = republish_block(own, rules())
    assert block.media == () and block.media_note == ""
    assert block.to_json()["third_party_media"] is None


@pytest.mark.parametrize("lang", phrases.LANGUAGES)
def test_the_republish_block_in_each_language(lang: str) -> None:
    block = republish_block(ORIGINAL, in_language(lang, "CC BY-ND 4.0"))
    assert block.media_note == phrases.say(lang, "republish.media")
    assert block.forbidden[0].text == phrases.say(lang, "republish.forbid.changes", license="CC BY-ND 4.0")


def test_the_republish_block_as_json() -> None:
    data = json.loads(json.dumps(republish_block(ORIGINAL, rules(canonical=True)).to_json()))
    assert data == {
        "original": {"url": ORIGINAL_URL, "title": TITLE},
        "language": "it",
        "license": {"name": "CC BY 4.0", "deed_url": "https://creativecommons.org/licenses/by/4.0/deed.it"},
        "credit": {"html": data["credit"]["html"], "text": data["credit"]["text"]},
        "head": {"html": f'<link rel="canonical" href="{ORIGINAL_URL}">', "note": "Aggiungere questo nell'head della pagina:"},
        "third_party_media": {"note": data["third_party_media"]["note"], "media": [
            {"url": ORIGINAL.media_credits[0].media_url, "credit": "Agenzia Fotolago",
             "statement": "Fonte foto in evidenza: Agenzia Fotolago"}]},
        "forbidden": [],
    }
    assert data["credit"]["text"].startswith(f"«{TITLE}» di {AUTHOR}")


# --- the notice ------------------------------------------------------------------------------------


def letter(lang: str, codes: list[str], contact: str | None = "redazione@copia.test") -> str:
    return notice(language=lang, codes=codes, republisher="Copia Quotidiana", contact=contact, page_title="Lago pulito",
                  page_url="http://copia.test/lago/", original_title=TITLE, original_url=ORIGINAL_URL, author=AUTHOR,
                  publisher="L'Eco del Lago", license="CC BY-ND 4.0", suggestion=Attribution("<p>credit</p>", "credit"))


@pytest.mark.parametrize("lang", phrases.LANGUAGES)
def test_the_notice_in_each_language(lang: str) -> None:
    text = letter(lang, ["author-missing", "modified-nd", "modified-unmarked"])
    say = lambda k: phrases.say(lang, k, contact="redazione@copia.test", republisher="Copia Quotidiana",  # noqa: E731
                                original_title=TITLE, license="CC BY-ND 4.0", author_name=f" ({AUTHOR})",
                                publisher="L'Eco del Lago")
    assert text.startswith(say("notice.to") + "\n" + say("notice.subject"))
    assert say("notice.greeting") in text and say("notice.cure") in text and say("notice.closing") in text
    assert f"- {say('notice.code.author-missing')}" in text and f"- {say('notice.code.modified-nd')}" in text
    # under ND the one thing to ask is the text as it was: no second line asking to mark the change
    assert say("notice.code.modified-unmarked") not in text
    assert text.count("\n- ") == 2


def test_the_notice_without_a_contact_or_an_author() -> None:
    text = notice(language="it", codes=["license-missing"], republisher="Copia", contact=None, page_title="",
                  page_url="http://copia.test/x/", original_title=TITLE, original_url=ORIGINAL_URL, author="",
                  publisher="L'Eco del Lago", license="CC BY 4.0", suggestion=Attribution("<p>c</p>", "c"))
    assert text.startswith("Oggetto:") and f"«{TITLE}», pubblicato da" in text and "«http://copia.test/x/»" in text
