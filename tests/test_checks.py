"""The judgement without a server: HTML in, findings out. For every finding code, a page that raises
it and a near-identical page that does not."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import corpus_path
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

from cc_syndicate.checks import (
    PAGE_CODES,
    REQUIREMENTS,
    SEVERITY,
    Case,
    Requirement,
    find_phrases,
    hidden,
    is_change_notice,
    requirement_labels,
    status_label,
)
from cc_syndicate.checks import judge as checks_judge
from cc_syndicate.judgement import judge_page
from cc_syndicate.models import (
    Change,
    Exemption,
    License,
    LicenseSignal,
    Link,
    Match,
    Original,
    PageView,
    Publisher,
    Rules,
    TextBlock,
    Visibility,
)
from cc_syndicate.originals import extract_original
from cc_syndicate.pages import parse_page
from cc_syndicate.text import split_sentences

ORIGINAL = extract_original(original_html(), ORIGINAL_URL)
PHOTO_CREDIT = "<p>Fonte foto in evidenza: Agenzia Fotolago</p>"
REAL_DATELINE_PAGE = "5fa3154ec031ab35411a457d78eb5aa92c0e803c5329bd05c001e6d64009e206.html"


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
    assert "solo al sito dell'editore" in finding.message  # the rules are Italian, and so is the message
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
        "https://amp.eco-del-lago.test/2026/11/volontari-rive-lago/",
        "HTTP://ECO-DEL-LAGO.TEST/2026/11/volontari-rive-lago",
        "https://user@eco-del-lago.test:443/2026/11/volontari-rive-lago",
        "https:eco-del-lago.test/2026/11/volontari-rive-lago/",  # no host: the path holds it, as urlsplit reads it
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
    assert {f.code for f in changed.findings} == {"modified-nd", "modified-unmarked"}  # changed, and not said
    marked = judge(page(reworded_paragraphs(), after=nd_credit + "<p>Testo adattato dall'originale.</p>" + PHOTO_CREDIT), **nd)
    assert {f.code for f in marked.findings} == {"modified-nd"}  # saying so does not make a change allowed
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
    assert "source_name" in evidence["requirements"]
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
    assert [o.name for o in result.outcomes] == ["source_name", "source_link", "followed_links"]


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


# --- each requirement declared once -----------------------------------------------------------


def test_the_table_declares_every_code_once_with_its_severity() -> None:
    declared = {code for r in REQUIREMENTS for code in r.codes} | set(PAGE_CODES)
    assert declared == set(SEVERITY)
    assert {c for c, s in SEVERITY.items() if s == "warning"} == {"third-party-media", "blocked-by-robots"}
    assert [r.name for r in REQUIREMENTS if r.for_excerpts and not r.is_policy] == [
        "source_name", "source_link", "followed_links"]
    assert {c for c, s in SEVERITY.items() if s == "policy"} == {
        "policy-credit-position", "policy-pixel-missing", "policy-edits", "policy-images", "policy-paywall"}
    assert all(r.is_policy == r.name.startswith("policy_") for r in REQUIREMENTS)
    assert len({r.name for r in REQUIREMENTS}) == len(REQUIREMENTS)


def test_a_check_cannot_raise_a_code_its_requirement_does_not_declare() -> None:
    rogue = Requirement("source_name", {"source-missing": "violation"}, True,
                        lambda case: hidden("somewhere", "show it", []))
    with pytest.raises(KeyError):
        rogue.judge(Case(view([TextBlock("text", "p")]), ENGLISH_ORIGINAL, ENGLISH_RULES, Match("reproduction", 1.0)))


def test_labels_for_a_web_page_in_plain_words() -> None:
    assert requirement_labels("en")["source_name"] == "source name"
    assert requirement_labels("it")["source_name"] == "nome della fonte"
    assert list(requirement_labels("pt")) == [r.name for r in REQUIREMENTS]
    assert requirement_labels("pt")["author"] == "author"  # Portuguese says only the republisher's part
    assert status_label("hidden", "it") == "nascosto ai lettori" and status_label("met", "en") == "met"


# --- hand-built pages: the decisions read Visibility, never the wording of a reason ----------

ENGLISH_ORIGINAL = Original(
    "https://ledger.test/2026/city-budget/", None, "City budget approved", ("Daniel Reyes",), None, License("by", "4.0"),
    "The council approved the budget on Tuesday. The ordinance’s text was modified in committee before the vote. "
    "Taxes will not rise next year.",
)
ENGLISH_RULES = Rules(Publisher("Ledger Watch", domains=("ledger.test",), language="en"), License("by", "4.0"))
ARTICLE = "The council approved the budget on Tuesday. The ordinance’s text was modified in committee before the vote."
FULL_CREDIT = [
    TextBlock("By Daniel Reyes for Ledger Watch, licensed under CC BY 4.0.", "p.credit"),
]
FULL_LINKS = (Link("https://ledger.test/2026/city-budget/", "Ledger Watch", where="p.credit > a"),)
REWORDED_MATCH = Match("reproduction", 0.9, (Change("changed", "Taxes will not rise next year.", "Taxes stay."),),
                       span=(0, 0), reproduced=((0, 0, len(ARTICLE.split())),))


def view(blocks, hidden_blocks=(), links=FULL_LINKS, signals=(), images=()):  # type: ignore[no-untyped-def]
    """A page as pages.py would hand it over, built by hand."""
    return PageView("https://copy.test/budget/", "Budget", "en", None, tuple(blocks), tuple(hidden_blocks),
                    tuple(links), tuple(images), tuple(signals))


def judged(page_view, match=REWORDED_MATCH, rules_=ENGLISH_RULES):  # type: ignore[no-untyped-def]
    outcomes, findings = checks_judge(page_view, ENGLISH_ORIGINAL, rules_, match)
    return {o.name: o for o in outcomes}, {f.code: f for f in findings}


def credit_signal(**kwargs):  # type: ignore[no-untyped-def]
    return LicenseSignal("text", License("by", "4.0"), FULL_CREDIT[0].text, "p.credit", **kwargs)


@pytest.mark.parametrize("visibility", [Visibility.JSON_LD, Visibility.HEAD_LINK, Visibility.META])
def test_a_page_level_statement_of_another_licence_is_a_mismatch(visibility: Visibility) -> None:
    other = LicenseSignal("rel-license", License("by-nc", "4.0"), "https://creativecommons.org/licenses/by-nc/4.0/",
                          "head", hidden="for machines", visibility=visibility)
    _, findings = judged(view([TextBlock(ARTICLE, "p"), *FULL_CREDIT], signals=[credit_signal(), other]),
                         Match("reproduction", 1.0, span=(0, 0), reproduced=((0, 0, len(ARTICLE.split())),)))
    assert set(findings) == {"license-mismatch"}


@pytest.mark.parametrize("visibility", [Visibility.STYLESHEET, Visibility.COMMENT, Visibility.COLLAPSED])
def test_another_licence_hidden_from_readers_is_no_mismatch(visibility: Visibility) -> None:
    other = LicenseSignal("text", License("by-nc", "4.0"), "CC BY-NC 4.0", "p.old", hidden="x", visibility=visibility)
    _, findings = judged(view([TextBlock(ARTICLE, "p"), *FULL_CREDIT], signals=[credit_signal(), other]),
                         Match("reproduction", 1.0, span=(0, 0), reproduced=((0, 0, len(ARTICLE.split())),)))
    assert findings == {}


def test_a_credit_in_a_closed_details_is_hidden_and_said_so_in_the_rules_language() -> None:
    collapsed = TextBlock("Source: Ledger Watch", "details > p", hidden="whatever the parser says",
                          visibility=Visibility.COLLAPSED)
    italian = replace(ENGLISH_RULES, publisher=replace(ENGLISH_RULES.publisher, language="it"))
    outcomes, findings = judged(view([TextBlock(ARTICLE, "p"), TextBlock("By Daniel Reyes, CC BY 4.0", "p")],
                                     [collapsed], signals=[credit_signal()]),
                                Match("reproduction", 1.0, span=(0, 0), reproduced=((0, 0, len(ARTICLE.split())),)),
                                italian)
    assert set(findings) == {"attribution-hidden"}
    assert outcomes["source_name"].status == "hidden" and "dentro un <details> chiuso" in outcomes["source_name"].detail
    assert findings["attribution-hidden"].evidence["found"][0]["visibility"] == "collapsed"


# --- point 4: a dateline is not a notice of changes ---------------------------------------------

DATELINES = ["Last modified on Mon 18 Nov 2019 18.56 GMT", "Updated: 18 Nov 2019", "Article modified on 18 Nov 2019",
             "Ultima modifica: 18 novembre 2019", "Modificato il 18 novembre 2019", "Articolo modificato il 3 marzo",
             "Actualizado el 18 de noviembre", "Texto modificado el 18 de noviembre", "Modifié le 18 novembre 2019",
             "Zuletzt geändert am 18.11.2019", "Atualizado em 18/11/2019", "Texto modificado em 18/11/2019",
             "Edited by: Louis Jacobson", "Image adapted from Flickr User Aranami."]
NOTICES = ["This article has been adapted from its original source.", "Edited for length.", "Republished with minor edits.",
           "Testo adattato dall’originale.", "Articolo modificato rispetto all'originale.", "Con alcune modifiche.",
           "Texto adaptado del original.", "Texte modifié par rapport à l’original.", "Der Text wurde gekürzt.",
           "Aus dem Englischen übersetzt.", "Texto modificado em relação ao original.", "Translated from Spanish by Ana Ruiz."]


@pytest.mark.parametrize("dateline", DATELINES)
def test_a_dateline_is_neither_a_notice_nor_a_hidden_one(dateline: str) -> None:
    blocks = [TextBlock(ARTICLE, "p"), *FULL_CREDIT]
    _, shown = judged(view([*blocks, TextBlock(dateline, "p.date")], signals=[credit_signal()]))
    _, hidden_ = judged(view(blocks, [TextBlock(dateline, "p.date", "css", visibility=Visibility.STYLESHEET)],
                             signals=[credit_signal()]))
    assert set(shown) == set(hidden_) == {"modified-unmarked"}


@pytest.mark.parametrize("notice", NOTICES)
def test_a_notice_of_changes_in_six_languages(notice: str) -> None:
    blocks = [TextBlock(ARTICLE, "p"), *FULL_CREDIT]
    outcomes, shown = judged(view([*blocks, TextBlock(notice, "p.note")], signals=[credit_signal()]))
    assert shown == {} and outcomes["changes_marked"].status == "met"
    _, hidden_ = judged(view(blocks, [TextBlock(notice, "p.note", "css", visibility=Visibility.STYLESHEET)],
                             signals=[credit_signal()]))
    assert set(hidden_) == {"attribution-hidden"}


def test_the_real_last_modified_line_hidden_by_a_stylesheet_is_no_notice() -> None:
    real = parse_page(corpus_path("pages-zyte", "html", REAL_DATELINE_PAGE).read_text(encoding="utf-8"), PAGE_URL)
    lines = [b for b in (*real.blocks, *real.hidden_blocks) if "Last modified on" in b.text]
    assert lines and not any(is_change_notice(s) for b in lines for s in split_sentences(b.text))
    _, findings = judged(view([TextBlock(ARTICLE, "p"), *FULL_CREDIT], lines, signals=[credit_signal()]))
    assert set(findings) == {"modified-unmarked"}


# --- point 8: notices count only outside the reproduced text ------------------------------------


def test_the_articles_own_words_about_a_change_are_not_a_notice() -> None:
    # "The ordinance’s text was modified in committee" is the story, inside the copied run
    _, findings = judged(view([TextBlock(ARTICLE, "p"), *FULL_CREDIT], signals=[credit_signal()]))
    assert set(findings) == {"modified-unmarked"}
    # and still the story when the copied runs are not known (the original says it)
    _, findings = judged(view([TextBlock(ARTICLE, "p"), *FULL_CREDIT], signals=[credit_signal()]),
                         replace(REWORDED_MATCH, reproduced=()))
    assert set(findings) == {"modified-unmarked"}
    # the same words as the republisher's own line under the article are a notice
    outcomes, findings = judged(view([TextBlock(ARTICLE, "p"), *FULL_CREDIT, TextBlock("The text was modified.", "p")],
                                     signals=[credit_signal()]))
    assert findings == {} and outcomes["changes_marked"].status == "met"


# --- points 5 and 9: ND ---------------------------------------------------------------------------

ND_RULES = replace(ENGLISH_RULES, license=License("by-nd", "4.0"))


def test_nd_changed_and_unmarked_reports_both_and_every_fix_restores_the_text() -> None:
    nd_signal = LicenseSignal("text", License("by-nd", "4.0"), "CC BY-ND 4.0", "p.credit")
    outcomes, findings = judged(view([TextBlock(ARTICLE, "p"), TextBlock("By Daniel Reyes for Ledger Watch, CC BY-ND 4.0",
                                                                         "p.credit")], signals=[nd_signal]),
                                rules_=ND_RULES)
    assert set(findings) == {"modified-nd", "modified-unmarked"}
    for name in ("unchanged", "changes_marked"):
        assert outcomes[name].fix.startswith("Republish the text as the original has it")
        assert "edited from the original" not in outcomes[name].fix


def test_the_suggested_credit_never_marks_edits_under_nd() -> None:
    result = judge(page(reworded_paragraphs(), after=credit() + PHOTO_CREDIT), license_id="CC BY-ND 4.0")
    assert result.match.modified
    assert "modificato" not in result.suggested_attribution.text.lower()
    assert all("Dichiarare" not in o.fix for o in result.outcomes)
    by = judge(page(reworded_paragraphs(), after=credit() + PHOTO_CREDIT))
    assert "Testo modificato rispetto all'originale." in by.suggested_attribution.text


@pytest.mark.parametrize("text,found", [
    ("Source: THE PUBLISHER.", True), ("Fonte: The Publisher’s desk", True), ("Via The&nbsp;Publisher", True),
    ("Source: the-publisher", True), ("Thé Publisher", True), ("The Publishers' Guild", False),
    ("Publisher: The Times", False), ("via publisher.example/news", True), ("via publisher.examples", False),
])
def test_a_name_is_found_in_any_spelling_of_its_words(text: str, found: bool) -> None:
    assert find_phrases([TextBlock(text, "p")], ["The Publisher", "publisher.example"]) == ([TextBlock(text, "p")] if found else [])
