"""What a check compares and what it counts as credit, point by point (pure: HTML in, findings out).

The real-layout tests (test_real_layouts.py) show the whole judgement on real pages; these pin each
mechanism down: the original's apparatus stays out of the compared text, the republisher's frame is
never a change, a name inside the copied text credits nobody, and third-party media are recognised in
the ways real captions credit them.
"""

from __future__ import annotations

import html

import pytest
from helpers import AUTHOR, BY_40, ORIGINAL_URL, PAGE_URL, compliant_page, credit, original_html, page, paragraphs, rules

from cc_syndicate.judgement import judge_page
from cc_syndicate.originals import article_text, credit_in, extract_original
from cc_syndicate.pages import parse_page
from cc_syndicate.urls import media_key, same_media

PHOTO_CREDIT = "<p>Fonte foto in evidenza: Agenzia Fotolago</p>"


def codes(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in result.findings}


def original_with(before_notice: str) -> str:
    """The demo original with extra apparatus where its licence notice is."""
    return original_html().replace('<p class="license-notice">', before_notice + '<p class="license-notice">')


# --- the original's apparatus is not its text ---------------------------------------------------------


REPUBLISH_BOX = (
    '<div class="republish-widget"><h2>Republish this article</h2><p>Republish our articles for free, online or in '
    'print, under a Creative Commons license.</p></div>'
    '<div id="republication-tracker-tool-modal-content" style="display:none"><h2>Republish our articles for free</h2>'
    "<p>This article first appeared on L’Eco del Lago and is republished here under a Creative Commons "
    "Attribution-NoDerivatives 4.0 International License.</p><textarea>&lt;p&gt;Sabato mattina…&lt;/p&gt;</textarea></div>"
    "<p>© RIPRODUZIONE RISERVATA</p><p>Articoli di proprietà de L’Eco del Lago, rilasciati sotto licenza Creative "
    "Commons.<br>Sei libero di ridistribuirli e riprodurli, citando la fonte.</p>"
    "<p>Ti piacerebbe scrivere per noi? Invia un articolo di prova alla redazione, che lo leggerà con attenzione.</p>"
)


def test_the_originals_apparatus_stays_out_of_its_text() -> None:
    original = extract_original(original_with(REPUBLISH_BOX), ORIGINAL_URL)
    text = original.text.lower()
    for apparatus in ("republish", "creative commons", "riproduzione riservata", "fonte foto", "ti piacerebbe",
                      "volontari al lavoro per ripulire"):  # ... and the headline
        assert apparatus not in text, apparatus
    assert original.text.splitlines()[0] == paragraphs()[0]
    assert original.license is not None and original.license.short_name == "CC BY 4.0"  # still read


def test_a_faithful_nd_copy_that_swaps_the_apparatus_for_its_credit_is_compliant() -> None:
    """Before: containment 0.80-0.86 and modified-nd ("republish it as it is") on an unchanged copy."""
    original = extract_original(original_with(REPUBLISH_BOX), ORIGINAL_URL)
    by_nd = '<a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a>'
    copy = compliant_page(after=credit(license_html=by_nd) + PHOTO_CREDIT)
    result = judge_page(parse_page(copy, PAGE_URL), original, rules("CC BY-ND 4.0"))
    assert result.match.containment >= 0.97
    assert result.match.changes == () and result.verdict == "compliant"


def test_article_text_drops_notices_credits_and_what_trails_them() -> None:
    text = "\n".join(["Il titolo dell'articolo", *paragraphs(), "Fonte foto in evidenza: Adnkronos", AUTHOR,
                      "© RIPRODUZIONE RISERVATA", "Ti piacerebbe entrare nella redazione? Scrivici."])
    assert article_text(text, title="Il titolo dell'articolo | Il Sito", authors=[AUTHOR]).splitlines() == paragraphs()


def test_a_paragraph_that_only_quotes_a_licence_stays() -> None:
    quoting = ("Il consiglio comunale ha discusso a lungo se pubblicare i verbali con una licenza aperta, come "
               "chiedevano le associazioni, prima di rinviare la decisione alla prossima seduta di gennaio.")
    assert quoting in article_text("\n".join([paragraphs()[0], quoting, paragraphs()[1]]))


# --- the frame is not a change ------------------------------------------------------------------


@pytest.mark.parametrize("frame", [
    "<p>Posted by Marco Neri on 2 novembre 2026</p>",
    "<p>© 2026 Copia Quotidiana</p>",
    "<p><em>Leggi anche:</em> <a href='http://copia.test/x/'>Il derby finisce in parità</a></p>",
    "<p>Nello stesso giorno il comune ha rinnovato il contratto per la raccolta dei rifiuti, che scadeva a dicembre.</p>",
    "<p>Last modified on Mon 2 Nov 2026 12.05 GMT</p>",
])
def test_text_before_the_first_or_after_the_last_reproduced_sentence_is_the_frame(frame: str) -> None:
    original = extract_original(original_html(), ORIGINAL_URL)
    result = judge_page(parse_page(compliant_page(before=frame, after=frame + credit() + PHOTO_CREDIT), PAGE_URL),
                        original, rules())
    assert result.match.changes == () and result.verdict == "compliant"


@pytest.mark.parametrize("label", ["<p>Advertisement</p>", "<p>Sponsored</p>", "<p>Condividi su Facebook</p>",
                                   "<p>Aggiornato il 3 novembre 2026 alle 9:15</p>", "<p>di Marco Neri</p>"])
def test_labels_bylines_and_datelines_inside_the_article_are_not_changes(label: str) -> None:
    original = extract_original(original_html(), ORIGINAL_URL)
    result = judge_page(parse_page(compliant_page(between={2: label}), PAGE_URL), original, rules())
    assert result.match.changes == ()


def test_prose_inserted_between_reproduced_sentences_is_a_change() -> None:
    original = extract_original(original_html(), ORIGINAL_URL)
    inserted = "<p>Il comune, tuttavia, non ha ancora stanziato i fondi per i nuovi cestini promessi.</p>"
    result = judge_page(parse_page(compliant_page(between={2: inserted}), PAGE_URL), original, rules())
    assert [c.kind for c in result.match.changes] == ["added"]
    assert codes(result) == {"modified-unmarked"}


def test_a_headline_that_ends_with_the_articles_first_words_steals_nothing() -> None:
    """Both pairings of "dopo due anni di" are as long; the article's must win."""
    first = paragraphs()[0]
    headline = "<h2>Sabato mattina più di centoventi volontari</h2>"
    original = extract_original(original_html(), ORIGINAL_URL)
    result = judge_page(parse_page(compliant_page(before=headline), PAGE_URL), original, rules())
    assert first.startswith("Sabato mattina più di centoventi volontari")
    assert result.match.changes == ()


# --- a name inside the copied text credits nobody ----------------------------------------------------


def test_the_source_and_author_named_only_inside_the_copied_text_are_not_credit() -> None:
    """Before: "… ha scritto L’Eco del Lago" inside the copied story made an uncredited scrape pass."""
    mention = (f"<p>«Lo abbiamo raccontato più volte su L’Eco del Lago», ha ricordato {AUTHOR}, che segue il "
               "circolo da anni e ne ha scritto per prima.</p>")
    original = extract_original(original_html().replace("<p>Armati", mention + "<p>Armati"), ORIGINAL_URL)
    assert "L’Eco del Lago" in original.text
    copied = [*paragraphs()[:1], html.unescape(mention[3:-4]), *paragraphs()[1:]]
    result = judge_page(parse_page(page(copied, footer=""), PAGE_URL), original, rules())
    assert {"source-missing", "author-missing", "source-link-missing", "license-missing"} <= codes(result)


def test_a_credit_appended_to_the_last_copied_paragraph_counts() -> None:
    paras = paragraphs()
    paras[-1] += f" Fonte: L’Eco del Lago, di {AUTHOR}."
    result = judge_page(parse_page(page(paras, after=f'<p><a href="{ORIGINAL_URL}">Originale</a> · '
                                                     f'<a href="{BY_40}">CC BY 4.0</a></p>' + PHOTO_CREDIT),
                                   PAGE_URL), extract_original(original_html(), ORIGINAL_URL), rules())
    assert codes(result) == set()


# --- third-party media -----------------------------------------------------------------------


@pytest.mark.parametrize("caption,credited", [
    ("Vista del embalse de la Fuensanta, este martes. Europa Press", "Europa Press"),
    ("Photo: Steve Helber / Associated Press", "Steve Helber / Associated Press"),
    ("Workers leave the plant at the end of a shift. (AP Photo/Evan Vucci)", "AP Photo/Evan Vucci"),
    ("Screenshot from a video by Kloop, used with permission.", "Kloop"),
    ("Getty Images", "Getty Images"),
    ("Il sindaco durante la cerimonia. Foto ANSA", "ANSA"),
    ("Fonte foto in evidenza: Adnkronos", "Adnkronos"),
])
def test_credits_are_read_where_real_captions_put_them(caption: str, credited: str) -> None:
    assert credit_in(caption) == credited


@pytest.mark.parametrize("caption", ["The mayor speaks at the ceremony on Tuesday.", "Volontari al lavoro sul lago."])
def test_a_caption_without_a_credit_credits_nobody(caption: str) -> None:
    assert credit_in(caption) is None


ORIGINAL_PHOTO = "http://eco-del-lago.test/wp-content/uploads/2026/11/rive-lago.jpg?w=1200&q=75"


@pytest.mark.parametrize("figure", [
    f'<figure><img src="{ORIGINAL_PHOTO}"><figcaption>I volontari al pontile. (AP Photo/Evan Vucci)</figcaption></figure>',
    f'<figure><img src="{ORIGINAL_PHOTO}"><figcaption>I volontari al pontile. <span class="credit">Getty Images</span>'
    "</figcaption></figure>",
    f'<p><img src="{ORIGINAL_PHOTO}"><br><em>Screenshot from a video by Kloop, used with permission.</em></p>',
])
def test_reused_third_party_media_are_flagged_whatever_the_caption_form(figure: str) -> None:
    original = extract_original(original_html().replace("<p>Armati", figure + "<p>Armati"), ORIGINAL_URL)
    assert any(c.media_url == ORIGINAL_PHOTO for c in original.media_credits)
    reused = '<img src="http://copia.test/uploads/rive-lago-1024x683.jpg">'
    result = judge_page(parse_page(compliant_page(before=reused), PAGE_URL), original, rules())
    assert "third-party-media" in codes(result)
    not_reused = judge_page(parse_page(compliant_page(), PAGE_URL), original, rules())
    assert "third-party-media" not in codes(not_reused)


@pytest.mark.parametrize("a,b", [
    ("https://x.test/uploads/rive-lago.jpg?w=1200", "https://copia.test/img/rive-lago-1024x683.jpg"),
    ("https://x.test/uploads/rive-lago-scaled.jpg", "https://copia.test/rive-lago.jpg#top"),
])
def test_a_reused_image_is_known_by_its_file_name(a: str, b: str) -> None:
    assert media_key(a) == "rive-lago" and same_media(a, b)


def test_different_images_are_not_the_same_media() -> None:
    assert not same_media("https://x.test/rive-lago.jpg", "https://x.test/rive-mare.jpg")
    assert not same_media("https://x.test/a.jpg", "https://y.test/a.jpg")  # too short a name to tell
