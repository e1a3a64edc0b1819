"""The judgement without a server: HTML in, findings out. For every finding code, a page that raises
it and a near-identical page that does not."""

from __future__ import annotations

import json

import pytest
from helpers import (
    AUTHOR,
    BY_40,
    ORIGINAL_URL,
    PAGE_URL,
    compliant_page,
    credit,
    original_html,
    page,
    paragraphs,
    rules,
)

from cc_syndicate.models import Exemption
from cc_syndicate.originals import extract_original
from cc_syndicate.pages import parse_page
from cc_syndicate.pipeline import judge_page

ORIGINAL = extract_original(original_html(), ORIGINAL_URL)
PHOTO_CREDIT = "<p>Fonte foto in evidenza: Agenzia Fotolago</p>"


def judge(html: str, **rule_options: object):
    return judge_page(parse_page(html, PAGE_URL), ORIGINAL, rules(**rule_options))  # type: ignore[arg-type]


def codes(html: str, **rule_options: object) -> set[str]:
    return {f.code for f in judge(html, **rule_options).findings}


def test_the_original_is_read_completely() -> None:
    assert ORIGINAL.title == "Volontari al lavoro per ripulire le rive del lago"
    assert ORIGINAL.authors == (AUTHOR,)
    assert ORIGINAL.license is not None and ORIGINAL.license.short_name == "CC BY 4.0"
    assert ORIGINAL.canonical_url == ORIGINAL_URL
    assert [c.credit for c in ORIGINAL.media_credits] == ["Agenzia Fotolago"]
    assert ORIGINAL.media_credits[0].media_url.endswith("/media/volontari-rive-lago.jpg")
    assert "centoventi volontari" in ORIGINAL.text


def test_a_full_credit_is_compliant() -> None:
    result = judge(compliant_page())
    assert result.match.kind == "reproduction"
    assert result.match.containment > 0.8
    assert result.findings == ()
    assert result.verdict == "compliant"


# --- source-missing ---------------------------------------------------------------------------


def test_source_missing_when_the_publisher_is_not_named() -> None:
    html = page(after=f'<p>Di {AUTHOR}, <a href="{ORIGINAL_URL}">articolo originale</a>, licenza '
                      f'<a rel="license" href="{BY_40}">CC BY 4.0</a>.</p>' + PHOTO_CREDIT)
    assert codes(html) == {"source-missing"}


@pytest.mark.parametrize("name", ["L'Eco del Lago", "ECO DEL LAGO", "L’Éco del Lago", "Eco del Lago'"])
def test_source_named_in_any_spelling(name: str) -> None:
    html = page(after=f'<p>Fonte: {name}. Di {AUTHOR}, <a href="{ORIGINAL_URL}">articolo originale</a>, licenza '
                      f'<a rel="license" href="{BY_40}">CC BY 4.0</a>.</p>' + PHOTO_CREDIT)
    assert codes(html) == set()


# --- source-link-missing ----------------------------------------------------------------------


def test_source_link_missing_when_only_the_home_page_is_linked() -> None:
    html = page(after=credit(original_url="http://eco-del-lago.test/") + PHOTO_CREDIT)
    result = judge(html)
    assert {f.code for f in result.findings} == {"source-link-missing"}
    finding = result.findings[0]
    assert "only to the publisher's site" in finding.message
    assert finding.evidence["site_links"][0]["href"] == "http://eco-del-lago.test/"


def test_a_site_link_is_enough_when_the_rule_says_site() -> None:
    html = page(after=credit(original_url="http://www.eco-del-lago.test/") + PHOTO_CREDIT)
    assert codes(html, source_link="site") == set()


@pytest.mark.parametrize(
    "variant",
    [
        "https://eco-del-lago.test/2026/11/volontari-rive-lago/",
        "http://www.eco-del-lago.test/2026/11/volontari-rive-lago",
        "http://eco-del-lago.test/2026/11/volontari-rive-lago/?utm_source=feed&utm_medium=rss",
        "http://eco-del-lago.test/2026/11/volontari-rive-lago/amp/",
        "http://eco-del-lago.test/2026/11/volontari-rive-lago/#commenti",
    ],
)
def test_links_to_the_article_in_any_form_count(variant: str) -> None:
    assert codes(page(after=credit(original_url=variant) + PHOTO_CREDIT)) == set()


# --- source-link-nofollow ---------------------------------------------------------------------


def test_nofollow_source_link_is_a_violation_when_followed_links_are_required() -> None:
    html = page(after=credit(rel="nofollow noopener") + PHOTO_CREDIT)
    assert codes(html, followed_links=True) == {"source-link-nofollow"}
    assert codes(page(after=credit() + PHOTO_CREDIT), followed_links=True) == set()
    assert codes(html) == set()  # the default accepts nofollow


def test_one_followed_link_is_enough() -> None:
    html = page(after=credit(rel="ugc") + credit() + PHOTO_CREDIT)
    assert codes(html, followed_links=True) == set()


# --- author-missing ---------------------------------------------------------------------------


def test_author_missing() -> None:
    result = judge(page(after=credit(author="") + PHOTO_CREDIT))
    assert {f.code for f in result.findings} == {"author-missing"}
    assert result.findings[0].evidence["looked_for"] == [AUTHOR]


@pytest.mark.parametrize("spelling", ["G. Ferraris", "GIULIA FERRARIS", "Ferraris Giulia", "Giulia Ferràris"])
def test_author_credited_in_any_spelling(spelling: str) -> None:
    assert codes(page(after=credit(author=spelling) + PHOTO_CREDIT)) == set()


# --- license-missing --------------------------------------------------------------------------


def test_license_missing() -> None:
    html = page(after=f'<p>Di {AUTHOR}, fonte: <a href="{ORIGINAL_URL}">L’Eco del Lago</a>.</p>' + PHOTO_CREDIT)
    assert codes(html) == {"license-missing"}


@pytest.mark.parametrize(
    "notice",
    [
        "rilasciato sotto licenza Creative Commons",
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.it?ref=chooser-v1">Attribuzione 4.0 Internazionale</a>',
        '<a href="https://creativecommons.org/licenses/by/4.0/"><img src="https://i.creativecommons.org/l/by/4.0/88x31.png" alt=""></a>',
        '<img src="https://licensebuttons.net/l/by/4.0/88x31.png" alt="CC BY">',
        "licensed under CC BY 4.0",
    ],
)
def test_license_notice_in_text_link_or_badge(notice: str) -> None:
    html = page(after=f'<p>Di {AUTHOR}, fonte: <a href="{ORIGINAL_URL}">L’Eco del Lago</a>, {notice}.</p>' + PHOTO_CREDIT)
    assert codes(html) == set()


# --- license-mismatch -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "conflict",
    [
        credit(license_html="CC BY-NC-ND 4.0"),
        credit(license_html='<a rel="license noopener noreferrer" href="https://creativecommons.org/licenses/by-nc/4.0/">una licenza</a>'),
        credit(license_html="CC BY 3.0"),
        credit() + "<p><strong>© Copia Quotidiana – riproduzione riservata</strong></p>",
    ],
    ids=["other-licence", "other-rel-license", "other-version", "all-rights-reserved"],
)
def test_license_mismatch(conflict: str) -> None:
    result = judge(page(after=conflict + PHOTO_CREDIT))
    assert {f.code for f in result.findings} == {"license-mismatch"}
    assert result.findings[0].evidence["expected"] == "CC BY 4.0"


def test_license_mismatch_from_json_ld() -> None:
    json_ld = json.dumps({"@type": "NewsArticle", "license": "https://creativecommons.org/licenses/by-sa/4.0/"})
    html = compliant_page(head=f'<script type="application/ld+json">{json_ld}</script>')
    assert codes(html) == {"license-mismatch"}


def test_a_site_wide_copyright_footer_is_not_a_mismatch() -> None:
    html = compliant_page(footer="<p>© 2026 Copia Quotidiana – Tutti i diritti riservati – All rights reserved</p>")
    assert codes(html) == set()


def test_the_originals_own_reservation_carried_over_is_not_a_mismatch() -> None:
    notice = ("<p>© RIPRODUZIONE RISERVATA</p><p>Articoli di proprietà de L’Eco del Lago, rilasciati sotto licenza "
              "Creative Commons Attribuzione 4.0 Internazionale.</p>")
    original = extract_original(original_html().replace('<p class="license-notice">', notice + '<p class="license-notice">'),
                                ORIGINAL_URL)
    result = judge_page(parse_page(compliant_page(after=credit() + PHOTO_CREDIT + notice), PAGE_URL), original, rules())
    assert result.findings == ()


def test_an_unversioned_rule_accepts_any_version() -> None:
    assert codes(page(after=credit(license_html="CC BY 3.0") + PHOTO_CREDIT), license_id="CC BY") == set()


# --- modified-unmarked and modified-nd ----------------------------------------------------------

REWORDED = (
    "Tra le cose ripescate ci sono vetri, vecchie reti, copertoni e persino una bici. Secondo la presidente "
    "Anna Rigamonti la plastica leggera diminuisce, ma aumentano i rifiuti grandi."
)


def reworded_paragraphs() -> list[str]:
    paras = paragraphs()
    paras[2] = REWORDED
    return paras


def test_a_rewritten_paragraph_without_a_notice() -> None:
    result = judge(page(reworded_paragraphs(), after=credit() + PHOTO_CREDIT))
    assert {f.code for f in result.findings} == {"modified-unmarked"}
    assert result.match.modified
    kinds = [c.kind for c in result.match.changes]
    assert "changed" in kinds or ("added" in kinds and "removed" in kinds)
    assert any("Anna Rigamonti" in c.page for c in result.match.changes)


@pytest.mark.parametrize("notice", ["Testo adattato dall’originale.", "Articolo modificato rispetto all'originale.",
                                    "Adapted from the original.", "Edited for length."])
def test_a_rewritten_paragraph_with_a_notice(notice: str) -> None:
    result = judge(page(reworded_paragraphs(), after=credit() + f"<p><em>{notice}</em></p>" + PHOTO_CREDIT))
    assert result.findings == ()
    assert result.match.modified


def test_a_sentence_removed_in_the_middle_is_a_change() -> None:
    paras = paragraphs()
    del paras[3]
    result = judge(page(paras, after=credit() + PHOTO_CREDIT))
    assert {f.code for f in result.findings} == {"modified-unmarked"}
    assert {c.kind for c in result.match.changes} == {"removed"}


def test_a_truncated_copy_is_not_a_modification() -> None:
    result = judge(page(paragraphs()[:4], after=credit() + PHOTO_CREDIT))
    assert result.match.kind == "reproduction"
    assert not result.match.modified
    assert result.findings == ()


def test_typography_and_page_furniture_are_not_changes() -> None:
    curly_to_straight = [p.replace("’", "'").replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"')
                         for p in paragraphs()]
    chrome = {
        0: '<div class="ad-slot"><p>Pubblicità</p><p>Offerte speciali del caseificio!</p></div>',
        2: '<p>Leggi anche: <a href="http://copia.test/y/">Il nuovo parcheggio in centro</a></p>',
        3: '<div class="share-bar"><a href="#">Condividi su Facebook</a> <a href="#">Twitter</a></div>',
    }
    result = judge(page(curly_to_straight, between=chrome, after=credit() + PHOTO_CREDIT))
    assert result.match.changes == ()
    assert result.findings == ()


def test_modified_nd() -> None:
    nd = {"license_id": "CC BY-ND 4.0"}
    nd_credit = credit(license_html='<a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a>')
    changed = judge(page(reworded_paragraphs(), after=nd_credit + PHOTO_CREDIT), **nd)
    assert {f.code for f in changed.findings} == {"modified-nd"}
    unchanged = judge(page(after=nd_credit + PHOTO_CREDIT), **nd)
    assert unchanged.findings == ()


# --- attribution-hidden -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "hide",
    [
        lambda c: c.replace('<p class="credit">', '<p class="credit" style="display:none">'),
        lambda c: c.replace('<p class="credit">', '<p class="credit" hidden>'),
        lambda c: "<style>.credit { visibility: hidden }</style>" + c,
        lambda c: "<!-- " + c + " -->",
        lambda c: '<script type="application/ld+json">' + json.dumps({
            "@type": "NewsArticle", "author": {"@type": "Person", "name": AUTHOR},
            "isBasedOn": ORIGINAL_URL, "sourceOrganization": {"name": "L'Eco del Lago"},
            "license": BY_40}) + "</script>",
    ],
    ids=["inline-style", "hidden-attribute", "style-rule", "comment", "json-ld-only"],
)
def test_hidden_credits(hide) -> None:  # type: ignore[no-untyped-def]
    result = judge(page(after=hide(credit()) + PHOTO_CREDIT))
    assert {f.code for f in result.findings} == {"attribution-hidden"}
    evidence = result.findings[0].evidence
    assert "source name" in evidence["requirements"]
    assert all(place.get("hidden") for place in evidence["found"])


def test_a_style_rule_inside_a_media_query_does_not_hide() -> None:
    html = page(after="<style>@media print { .credit { display: none } }</style>" + credit() + PHOTO_CREDIT)
    assert codes(html) == set()


# --- canonical-missing ------------------------------------------------------------------------


def test_canonical_missing() -> None:
    assert codes(compliant_page(), canonical=True) == {"canonical-missing"}
    elsewhere = compliant_page(head='<link rel="canonical" href="http://copia.test/2026/11/lago/">')
    assert codes(elsewhere, canonical=True) == {"canonical-missing"}
    to_original = compliant_page(head='<link rel="canonical" href="https://www.eco-del-lago.test/2026/11/volontari-rive-lago">')
    assert codes(to_original, canonical=True) == set()


# --- third-party-media ------------------------------------------------------------------------

REUSED_PHOTO = '<figure><img src="http://copia.test/wp-content/uploads/volontari-rive-lago-1024x683.jpg" alt=""></figure>'


def test_a_reused_agency_photo_without_its_credit_is_a_warning() -> None:
    result = judge(page(before=REUSED_PHOTO, after=credit()))
    assert {(f.code, f.severity) for f in result.findings} == {("third-party-media", "warning")}
    assert result.verdict == "compliant"  # a warning alone is not a violation
    assert result.findings[0].evidence["original_credit"] == "Fonte foto in evidenza: Agenzia Fotolago"


def test_a_reused_agency_photo_with_its_credit() -> None:
    html = page(before=REUSED_PHOTO.replace("</figure>", "<figcaption>Foto: Agenzia Fotolago</figcaption></figure>"),
                after=credit())
    assert codes(html) == set()


def test_another_photo_is_not_third_party_media() -> None:
    html = page(before='<img src="http://copia.test/img/lago-al-tramonto.jpg" alt="">', after=credit())
    assert codes(html) == set()


# --- excerpts and pages that are not reproductions --------------------------------------------


def test_an_excerpt_needs_only_source_name_and_link() -> None:
    read_more = f'<p>Leggi l’articolo completo su <a href="{ORIGINAL_URL}">L’Eco del Lago</a></p>'
    result = judge(page(paragraphs()[:1], after=read_more))
    assert result.match.kind == "excerpt"
    assert result.findings == ()
    assert [o.requirement for o in result.outcomes] == ["source name", "source link", "followed source link"]


def test_an_excerpt_without_its_source() -> None:
    result = judge(page(paragraphs()[:1]))
    assert result.match.kind == "excerpt"
    assert {f.code for f in result.findings} == {"source-missing", "source-link-missing"}


SAME_NEWS = [
    "Una mattinata di lavoro e ottocento chili di rifiuti in meno: è il bilancio della giornata ecologica che sabato "
    "ha portato sulle sponde del lago decine di famiglie, studenti e pensionati.",
    "L’appuntamento, giunto alla quarta edizione, è stato promosso da un’associazione ambientalista locale. Tra i "
    "materiali raccolti spiccano reti da pesca, copertoni e vetro, mentre calano i sacchetti di plastica.",
    "Il Comune ha promesso nuovi contenitori per la differenziata lungo la passeggiata a lago.",
]
UNRELATED = [
    "Dal primo fine settimana di dicembre la piazza del municipio ospiterà di nuovo il mercatino di Natale, con "
    "quaranta casette di legno dedicate all’artigianato e ai prodotti tipici della zona.",
    "Il mercatino resterà aperto fino all’Epifania, tutti i giorni dalle dieci alle venti.",
]


@pytest.mark.parametrize("paras", [SAME_NEWS, UNRELATED], ids=["same-news", "unrelated"])
def test_not_a_reproduction(paras: list[str]) -> None:
    result = judge(page(paras))
    assert result.match.kind == "none"
    assert result.match.containment < 0.1
    assert result.verdict == "not-a-reproduction"
    assert result.findings == ()


def test_an_english_credit_is_understood() -> None:
    english = (f'<p>This article by {AUTHOR} first appeared on <a href="{ORIGINAL_URL}">L\'Eco del Lago</a> and is '
               f"republished here under a Creative Commons license.</p><p>Photo: Agenzia Fotolago</p>")
    assert codes(page(after=english)) == set()


def test_an_exempt_host_is_not_judged() -> None:
    result = judge(page(), exemptions=(Exemption("copia.test", "syndication contract 2024"),))
    assert result.findings == ()
    assert result.exemption is not None and result.verdict == "compliant"


def test_suggested_attribution_is_italian_with_every_element() -> None:
    result = judge(page())
    text, html = result.suggested_attribution.text, result.suggested_attribution.html
    assert "pubblicato originariamente da L'Eco del Lago" in text
    assert AUTHOR in text and ORIGINAL_URL in text and "CC BY 4.0" in text
    assert f'href="{ORIGINAL_URL}"' in html and 'rel="license"' in html and "deed.it" in html


def test_every_requirement_gives_at_most_one_finding_per_code() -> None:
    result = judge(page(reworded_paragraphs(), before=REUSED_PHOTO), followed_links=True, canonical=True)
    found = [f.code for f in result.findings]
    assert len(found) == len(set(found))
    assert set(found) == {"source-missing", "source-link-missing", "author-missing", "license-missing",
                          "modified-unmarked", "canonical-missing", "third-party-media"}
