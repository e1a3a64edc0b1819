"""The publisher's policy beside the licence ([policy]): each rule kept and broken, literally and on real
layouts; breaches have severity "policy", are counted apart and never make a violation."""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import layouts
import pytest
from conftest import corpus_path
from helpers import ORIGINAL_URL, PAGE_URL, credit, original_html, page, paragraphs, rules

from cc_syndicate.attribution import NoticeArticle, combined_notice, notice, republish_block
from cc_syndicate.cli import main
from cc_syndicate.config import load_rules
from cc_syndicate.errors import ConfigError
from cc_syndicate.judgement import candidate_originals, judge_page
from cc_syndicate.models import Attribution, Change, Match, Original, Policy, TextBlock
from cc_syndicate.originals import extract_original
from cc_syndicate.pages import parse_page
from cc_syndicate.policy import find_pixel, is_style_edit, paywall_signs, text_before_copy
from cc_syndicate.present import check_json, check_text

PHOTO_CREDIT = "<p>Fonte foto in evidenza: Agenzia Fotolago</p>"
RTT = "?republication-pixel=true&post="
PIXEL = ('<img id="republication-tracker-tool-source" src="http://eco-del-lago.test/?republication-pixel=true&amp;post=7" '
         'width="1" height="1">')
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "layouts"
SKELETONS = sorted(p.name for p in FIXTURES.glob("*.html"))


@cache
def the_original() -> Original:
    return extract_original(original_html(), ORIGINAL_URL)


def with_policy(license_id: str = "CC BY 4.0", **policy: object):  # type: ignore[no-untyped-def]
    return replace(rules(license_id), policy=Policy(**policy))  # type: ignore[arg-type]


def judge(page_html: str, **policy: object):  # type: ignore[no-untyped-def]
    license_id = str(policy.pop("license_id", "CC BY 4.0"))
    return judge_page(parse_page(page_html, PAGE_URL), the_original(), with_policy(license_id, **policy))


def codes(result, severity: str | None = None) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in result.findings if severity is None or f.severity == severity}


# ---------------------------------------------------------------------------------------------
# Style-only edits, literally
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "copy", "language", "style"),
    [
        ("The council will vote on Tuesday.", "The council will vote last week.", "en", True),
        ("The council voted yesterday.", "The council voted last week.", "en", True),
        ("Officials met here to discuss the plan.", "Officials met in Portland to discuss the plan.", "en", True),
        ("The plant in Portland, Ore., closed.", "The plant in Portland closed.", "en", True),
        ("The mayor approved the plan on Nov. 2.", "The mayor approved the plan last week.", "en", True),
        ("Sales rose 10 percent in 2024.", "Sales rose 10% last year.", "en", True),
        ("The color of the water changed.", "The colour of the water changed.", "en", True),
        ("Ten people were hurt.", "10 people were hurt.", "en", True),
        ("The U.S. Senate voted.", "The US Senate voted.", "en", True),
        ("Dr. Smith said so.", "Doctor Smith said so.", "en", True),
        ("The agency said it would recieve funds.", "The agency said it would receive funds.", "en", True),
        ("Il consiglio si è riunito ieri in municipio.", "Il consiglio si è riunito la settimana scorsa in municipio.",
         "it", True),
        ("12 people were hurt.", "20 people were hurt.", "en", False),
        ("Twelve people were hurt.", "Twenty people were hurt.", "en", False),
        ("The mayor did not approve the plan.", "The mayor did approve the plan.", "en", False),
        ("The meeting was illegal.", "The meeting was legal.", "en", False),
        ("Russia and Ukraine signed.", "Russia signed.", "en", False),
        ("Paris, London and Rome agreed.", "Paris and Rome agreed.", "en", False),
        ("Il sindaco non ha mai firmato.", "Il sindaco ha firmato.", "it", False),
        # "mai" is May in French: only the publisher's language counts
        ("Le maire n'a jamais signé en mai.", "Le maire n'a jamais signé.", "it", False),
    ],
)
def test_style_edits(original: str, copy: str, language: str, style: bool) -> None:
    assert is_style_edit(Change("changed", original, copy), language) is style


def test_a_sentence_added_or_removed_is_never_a_style_edit() -> None:
    assert not is_style_edit(Change("added", "", "Last week the council met."))
    assert not is_style_edit(Change("removed", "The council met yesterday.", ""))


# ---------------------------------------------------------------------------------------------
# The pixel, credit position and paywalls, literally
# ---------------------------------------------------------------------------------------------


def test_the_tracker_pixel_names_its_post() -> None:
    view = parse_page(f"<html><body><p>Text.</p>{PIXEL}</body></html>", PAGE_URL)
    pixel = find_pixel(view)
    assert pixel is not None and pixel.post == "7"
    assert pixel.src == "http://eco-del-lago.test/?republication-pixel=true&post=7"
    assert pixel.original_url == "http://eco-del-lago.test/?p=7"
    assert find_pixel(view, hosts=("eco-del-lago.test",)) == pixel
    assert find_pixel(view, hosts=("another.test",)) is None  # someone else's pixel
    assert find_pixel(parse_page("<html><body><img src='/logo.png'></body></html>", PAGE_URL)) is None


def test_a_lazy_loaded_pixel_is_found() -> None:
    lazy = ('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
            'data-src="https://news.test/blog/?republication-pixel=true&amp;post=12&amp;ga=x">')
    pixel = find_pixel(parse_page(f"<html><body>{lazy}</body></html>", PAGE_URL))
    assert pixel is not None and pixel.original_url == "https://news.test/blog/?p=12"


def test_a_pixel_address_is_read_with_its_entities_and_in_any_case() -> None:
    # The mark spelled with an entity in the address itself, or in capitals, is the pixel all the same.
    escaped = '<img src="https://news.test/?Republication-Pixel&amp;#61;TRUE&amp;post=12">'
    pixel = find_pixel(parse_page(f"<html><body><img src='/logo.png'>{escaped}</body></html>", PAGE_URL))
    assert pixel is not None and pixel.src == "https://news.test/?Republication-Pixel=TRUE&post=12"
    shouted = parse_page('<html><body><img src="HTTPS://NEWS.TEST/?REPUBLICATION-PIXEL=TRUE"></body></html>', PAGE_URL)
    assert find_pixel(shouted) is not None
    assert find_pixel(shouted, "news.test/?republication") is not None


def test_the_rules_own_pattern_is_a_pixel() -> None:
    conversation = ('<img src="https://counter.theconversation.test/content/221/count.gif?distributor=republish-lightbox" '
                    'width="1" height="1">')
    view = parse_page(f"<html><body>{conversation}</body></html>", PAGE_URL)
    pixel = find_pixel(view, "counter.theconversation.test/content/", ("theconversation.test",))
    assert pixel is not None and pixel.post is None and pixel.original_url is None


def test_text_before_the_copy() -> None:
    blocks = (TextBlock("Originally published by Eco del Lago", "p"), TextBlock("Headline words here", "h1"),
              TextBlock("Dateline. First copied sentence of the story goes on.", "p"), TextBlock("More.", "p"))
    view = parse_page("<html></html>", PAGE_URL)
    view = replace(view, blocks=blocks)
    match = Match("reproduction", 1.0, span=(2, 3), reproduced=((2, 1, 8), (3, 0, 1)))
    before = text_before_copy(view, match)
    assert [b.text for b in before] == ["Originally published by Eco del Lago", "Headline words here", "Dateline."]


@pytest.mark.parametrize(
    ("extra", "kinds"),
    [
        ('<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": "False", "hasPart": '
         '{"@type": "WebPageElement", "isAccessibleForFree": false, "cssSelector": ".paywall"}}</script>', ["json-ld"]),
        ('<p>Subscribe to continue reading: our journalism depends on you.</p>', ["message"]),
        ('<p>Abbonati per continuare a leggere.</p>', ["message"]),
        ('<script type="application/ld+json">{"@type": "Product", "isAccessibleForFree": false}</script>', []),
        ('<p>Subscribe to our newsletter for the best of the week.</p>', []),
        ('<aside class="sidebar"><p>Premium: questo articolo è riservato agli abbonati</p></aside>', []),
    ],
)
def test_paywall_signs(extra: str, kinds: list[str]) -> None:
    in_head = extra.startswith("<script")
    view = parse_page(page(head=extra if in_head else "", after=credit() + ("" if in_head else extra)), PAGE_URL)
    result = judge_page(view, the_original(), rules())
    assert [s["kind"] for s in paywall_signs(view, result.match)] == kinds


def test_paywall_markup_around_the_copy() -> None:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs())
    page_html = f"<html><body><h1>Volontari</h1><div class='paywall'>{paras}</div>{credit()}</body></html>"
    view = parse_page(page_html, PAGE_URL)
    signs = paywall_signs(view, judge_page(view, the_original(), rules()).match)
    assert signs and signs[0] == {"kind": "markup", "where": "div.paywall > p"}



@pytest.mark.parametrize(("name", "paywalled"), [
    ("paywall", True), ("premium-content", True), ("no-paywall", False), ("paywall-free", False),
    ("paywall_off", False), ("article-body", False)])
def test_paywall_markup_says_what_it_says(name: str, paywalled: bool) -> None:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs())
    page_html = f"<html><body><h1>Volontari</h1><div class='{name}'>{paras}</div>{credit()}</body></html>"
    view = parse_page(page_html, PAGE_URL)
    signs = paywall_signs(view, judge_page(view, the_original(), rules()).match)
    assert bool(signs) is paywalled, signs

# ---------------------------------------------------------------------------------------------
# The rules file
# ---------------------------------------------------------------------------------------------

RULE = '[publisher]\nname = "Eco"\ndomains = ["eco.test"]\n[license]\nid = "CC BY 4.0"\n'


def test_a_policy_loads(tmp_path: Path) -> None:
    (tmp_path / "eco.toml").write_text(RULE + '[policy]\ncredit_position = "top"\npixel = "?republication-pixel=true&post="\n'
                                       'edits = "style-only"\nimages = "excluded"\npaywall = false\n', encoding="utf-8")
    (rule,) = load_rules(tmp_path)
    assert rule.policy == Policy("top", RTT, "style-only", "excluded", False)
    (tmp_path / "eco.toml").write_text(RULE, encoding="utf-8")
    assert load_rules(tmp_path)[0].policy == Policy() and not Policy().active


@pytest.mark.parametrize(
    ("table", "key", "fix"),
    [
        ('credit_position = "bottom"', "policy.credit_position", 'credit_position = "top"'),
        ('edits = "light"', "policy.edits", 'edits = "style-only"'),
        ('images = false', "policy.images", 'images = "excluded"'),
        ('paywall = "no"', "policy.paywall", "(no quotes)"),
        ('pixel = "a b c d e f"', "policy.pixel", "republication-pixel"),
        ('pixel = 3', "policy.pixel", 'pixel = "..."'),
        ('pixels = "?republication-pixel=true"', "policy.pixels", "did you mean 'pixel'?"),
    ],
)
def test_policy_errors_name_file_key_and_fix(tmp_path: Path, table: str, key: str, fix: str) -> None:
    path = tmp_path / "eco.toml"
    path.write_text(f"{RULE}[policy]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_rules(tmp_path)
    assert (err.value.file, err.value.key) == (str(path), key) and fix in str(err.value)
    out, errors = io.StringIO(), io.StringIO()
    assert main(["check", "http://127.0.0.1:9/x", "--rules", str(tmp_path)], stdout=out, stderr=errors) == 2
    assert key in errors.getvalue() and str(path) in errors.getvalue() and out.getvalue() == ""


# ---------------------------------------------------------------------------------------------
# Each rule kept and broken, on the demo article
# ---------------------------------------------------------------------------------------------


def test_credit_at_the_top() -> None:
    top = judge(page(before=credit(), after=PHOTO_CREDIT), credit_position="top")
    assert top.findings == () and top.verdict == "compliant"
    below = judge(page(after=credit() + PHOTO_CREDIT), credit_position="top")
    assert codes(below) == {"policy-credit-position"} and below.verdict == "compliant"
    (finding,) = below.findings
    assert finding.severity == "policy" and finding.evidence["found"]["where"].endswith("p.credit")
    # with no credit at all the licence speaks (source-missing...), not the policy
    assert "policy-credit-position" not in codes(judge(page(), credit_position="top"))
    assert judge(page(after=credit()), credit_position="any").outcomes[-1].name == "third_party_media"


def test_the_pixel_kept() -> None:
    kept = judge(page(after=credit() + PHOTO_CREDIT + PIXEL), pixel=RTT)
    assert kept.findings == () and kept.pixel is not None and kept.pixel.post == "7"
    lost = judge(page(after=credit() + PHOTO_CREDIT), pixel=RTT)
    assert codes(lost) == {"policy-pixel-missing"} and lost.verdict == "compliant" and lost.pixel is None
    assert lost.findings[0].evidence["looked_for"] == RTT


def test_another_publishers_tracker_first_never_hides_ours() -> None:
    theirs = '<img src="https://propublica.test/?republication-pixel=true&amp;post=99" width="1" height="1">'
    ours = '<img src="https://counter.eco-del-lago.test/track/7.gif" width="1" height="1">'
    kept = judge(page(after=credit() + PHOTO_CREDIT + theirs + ours), pixel="counter.eco-del-lago.test/track/")
    assert kept.findings == () and kept.pixel is not None and "counter.eco-del-lago.test" in kept.pixel.src


STYLE = ("In quattro ore sono stati raccolti", "In quattro ore, sabato scorso, sono stati raccolti")
SUBSTANCE = ("oltre ottocento chili di rifiuti", "oltre mille chili di rifiuti")


def edited(change: tuple[str, str]) -> list[str]:
    return [p.replace(*change) for p in paragraphs()]


def test_style_only_edits() -> None:
    style = judge(page(edited(STYLE), after=credit() + PHOTO_CREDIT), edits="style-only")
    assert [c.kind for c in style.match.changes] == ["changed"]
    assert style.findings == (), "an allowed edit needs no notice of changes either"
    marked = page(edited(SUBSTANCE), after=credit() + "<p>Testo adattato dall'originale.</p>" + PHOTO_CREDIT)
    substance = judge(marked, edits="style-only")
    assert codes(substance) == {"policy-edits"} and substance.verdict == "compliant"
    assert "oltre mille chili di rifiuti" in substance.findings[0].evidence["changes"][0]["page"]
    # without the policy, a style edit is a change like any other
    assert codes(judge(page(edited(STYLE), after=credit() + PHOTO_CREDIT))) == {"modified-unmarked"}


def test_style_edits_allowed_under_a_no_derivatives_licence() -> None:
    """ProPublica: CC BY-NC-ND, and "you can't edit our material, except to reflect relative changes in time,
    location and editorial style": such an edit is no modified-nd; any other still is, and the policy adds
    nothing to it."""
    nd = '<a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a>'
    style = judge(page(edited(STYLE), after=credit(license_html=nd) + PHOTO_CREDIT), edits="style-only",
                  license_id="CC BY-ND 4.0")
    assert style.findings == ()
    substance = judge(page(edited(SUBSTANCE), after=credit(license_html=nd) + PHOTO_CREDIT), edits="style-only",
                      license_id="CC BY-ND 4.0")
    assert codes(substance) == {"modified-nd", "modified-unmarked"}
    assert [o.status for o in substance.outcomes if o.name == "policy_edits"] == ["not-applicable"]


IMAGE = '<figure><img src="http://copia.test/uploads/volontari-rive-lago-1024x683.jpg" alt=""></figure>'


def test_images_excluded() -> None:
    assert the_original().images == ("http://eco-del-lago.test/media/volontari-rive-lago.jpg",)
    reused = judge(page(between={0: IMAGE}, after=credit() + PHOTO_CREDIT), images="excluded")
    assert codes(reused) == {"policy-images"} and reused.verdict == "compliant"
    assert reused.findings[0].evidence["images"][0]["page"].endswith("volontari-rive-lago-1024x683.jpg")
    assert judge(page(after=credit() + PHOTO_CREDIT), images="excluded").findings == ()
    assert codes(judge(page(between={0: IMAGE}, after=credit() + PHOTO_CREDIT))) == set()


def test_a_database_of_an_earlier_version_keeps_its_originals(tmp_path: Path) -> None:
    """Migration 7 adds the originals' images: those stored before (here by a database with cases and accounts,
    schema 6) read back with none, new ones with theirs."""
    import sqlite3

    import numpy as np

    from cc_syndicate.store import SCHEMA, Store
    from cc_syndicate.store.database import _statements

    db = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    for number, script in enumerate(SCHEMA[:6], start=1):
        for statement in _statements(script):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute("INSERT INTO originals (publisher, url, text, fingerprint, added_at) VALUES ('Eco', 'http://e.test/a/', "
               "'Testo.', x'', '2026-01-01')")
    db.close()
    with Store(tmp_path / "old.db") as store:
        assert store.schema_version == len(SCHEMA)
        assert store.originals([1])[1][1].images == ()
        with store.transaction():
            new_id = store.add_original(the_original(), "Eco", ["eco/b"], np.zeros(1, dtype="<u4"))
        assert store.originals([new_id])[new_id][1].images == the_original().images


PAID = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"isAccessibleForFree": false}</script>')


def test_no_paywall() -> None:
    paid = judge(page(head=PAID, after=credit() + PHOTO_CREDIT), paywall=False)
    assert codes(paid) == {"policy-paywall"} and paid.verdict == "compliant"
    assert paid.findings[0].evidence["signs"] == [{"kind": "json-ld", "found": "isAccessibleForFree: false"}]
    assert judge(page(after=credit() + PHOTO_CREDIT), paywall=False).findings == ()
    assert judge(page(head=PAID, after=credit() + PHOTO_CREDIT)).findings == ()  # paywall = true (the default)


def test_the_report_says_each_breach_in_sentences_never_selectors() -> None:
    """As for the licence's findings, the case page shows a policy breach's message and its evidence as
    sentences a person reads: the credit quoted, the image named, never the CSS path of an element."""
    from cc_syndicate.views import evidence_sentences

    breaches = judge(page(between={0: IMAGE}, head=PAID, after=credit() + PHOTO_CREDIT), **ALL).findings
    breaches += judge(page(between={1: "<p>Un paragrafo che l'originale non ha, scritto dalla redazione.</p>"},
                           after=credit() + PHOTO_CREDIT), edits="style-only").findings
    said = {f.code: (f.message, evidence_sentences(f.code, f.evidence, "en")) for f in breaches if f.severity == "policy"}
    assert set(said) == {"policy-credit-position", "policy-pixel-missing", "policy-images", "policy-paywall", "policy-edits"}
    for code, (message, sentences) in said.items():
        assert sentences, code
        for text in (message, *sentences):
            assert not re.search(r"[a-z]\.[a-z-]+ >|> [a-z]|\{", text), (code, text)
    assert said["policy-credit-position"][0].startswith("La fonte è citata (\"Questo articolo di Giulia Ferraris")
    assert said["policy-credit-position"][1][0].startswith("The credit “Questo articolo di Giulia Ferraris")
    assert said["policy-images"][1] == ("The image http://copia.test/uploads/volontari-rive-lago-1024x683.jpg is the "
                                        "original's http://eco-del-lago.test/media/volontari-rive-lago.jpg.",)
    assert said["policy-paywall"][1] == ("The page declares itself not free to read (isAccessibleForFree: false).",)
    assert said["policy-pixel-missing"][1] == (f"None of the page's images holds “{RTT}”: the publisher's tracking "
                                               "pixel was left out.",)
    assert said["policy-edits"][1][0].startswith("The page adds “Un paragrafo")


def test_breaches_beside_violations_are_counted_apart() -> None:
    result = judge(page(between={0: IMAGE}, after=credit(author="") + PHOTO_CREDIT), credit_position="top",
                   images="excluded")
    assert codes(result, "violation") == {"author-missing"} and result.verdict == "violation"
    assert codes(result, "policy") == {"policy-credit-position", "policy-images"}
    text = check_text(result)
    assert "Verdict   licence: VIOLATION; policy: 2 breaches" in text
    licence_part, policy_part = text.split("The publisher's policy (its requests beyond the licence)")
    assert "[author-missing]" in licence_part and "policy-" not in licence_part
    assert "BREACH" in policy_part and "[policy-images]" in policy_part
    data = check_json(result)
    assert data["verdict"] == "violation"
    assert {f["code"]: f["severity"] for f in data["findings"]} == {
        "author-missing": "violation", "policy-credit-position": "policy", "policy-images": "policy"}


def test_a_policy_kept_is_said_so() -> None:
    result = judge(page(before=credit(), after=PHOTO_CREDIT), credit_position="top")
    assert "Verdict   licence: COMPLIANT; policy: respected" in check_text(result)
    assert "Verdict   COMPLIANT" in check_text(judge(page(before=credit(), after=PHOTO_CREDIT)))


# ---------------------------------------------------------------------------------------------
# What republishers are told
# ---------------------------------------------------------------------------------------------


def test_the_republish_block_says_what_the_policy_forbids() -> None:
    block = republish_block(the_original(), with_policy(credit_position="top", pixel=RTT, edits="style-only",
                                                        images="excluded", paywall=False))
    said = {r.what: r.text for r in block.forbidden}
    assert list(said) == ["credit-position", "pixel", "edits", "images", "paywall"]
    assert said["images"] == "Non riutilizzare le immagini dell'articolo: L'Eco del Lago non lo consente."
    assert block.to_json()["forbidden"][3] == {"what": "images", "text": said["images"]}
    assert republish_block(the_original(), rules()).forbidden == ()


def notice_for(codes_: list[str], language: str = "it") -> str:
    return notice(language=language, codes=codes_, republisher="Copia", contact=None, page_title="Volontari",
                  page_url=PAGE_URL, original_title="Volontari al lavoro", original_url=ORIGINAL_URL,
                  author="Giulia Ferraris", publisher="L'Eco del Lago", license="CC BY 4.0",
                  suggestion=Attribution("<p>credit</p>", "credit"))


def test_the_notice_asks_for_the_policy_and_never_calls_it_a_breach() -> None:
    asked = notice_for(["policy-credit-position", "policy-images"])
    assert "e rispetta la licenza: grazie" in asked
    assert "- vi chiediamo di citare la fonte in apertura, prima del testo;" in asked
    assert "- vi chiediamo di non riutilizzare le nostre immagini;" in asked
    assert "30 giorni" not in asked and "non risultano rispettate" not in asked
    both = notice_for(["author-missing", "policy-images"], "en")
    intro, policy_part = both.split("Beyond the licence, L'Eco del Lago asks republishers for a few things")
    assert "- the author (Giulia Ferraris) is not credited;" in intro and "images" not in intro
    assert "- please do not reuse our images;" in policy_part and "within 30 days" in policy_part


def test_a_combined_notice_asks_for_the_policy_apart_too() -> None:
    """One letter about several pages: a page's policy requests are asked for apart from its licence
    breaches, and a letter about policy requests alone thanks the republisher and speaks of no cure."""
    def article(number: int, *codes_: str) -> NoticeArticle:
        return NoticeArticle(codes_, f"Pagina {number}", f"{PAGE_URL}{number}", f"Originale {number}",
                             f"{ORIGINAL_URL}{number}", "Giulia Ferraris", "CC BY 4.0", Attribution("<p>credit</p>", "credit"))

    def letter(*articles: NoticeArticle) -> str:
        return combined_notice(language="en", republisher="Copia", contact=None, publisher="L'Eco del Lago",
                               articles=articles)

    mixed = letter(article(1, "author-missing", "policy-images"), article(2, "policy-credit-position"))
    first, second = mixed.split("2. “Pagina 2”")
    assert "do not meet today" in first and "within 30 days" in second
    licence, asked = first.split("Beyond the licence, L'Eco del Lago asks republishers for a few things")
    assert "- the author (Giulia Ferraris) is not credited;" in licence and "images" not in licence
    assert "- please do not reuse our images;" in asked
    assert "Beyond the licence, L'Eco del Lago asks republishers for a few things, and the page does not follow these " \
        "requests yet:\n- please put the credit at the top of the article, before the text;" in second
    only = letter(article(1, "policy-images"), article(2, "policy-credit-position"))
    assert "and meet the licence: thank you" in only and "do not meet today" not in only
    assert "30 days" not in only and "Beyond the licence" not in only


# ---------------------------------------------------------------------------------------------
# Real layouts: skeletons always, the corpus's pages with publishers' real policies
# ---------------------------------------------------------------------------------------------


def skeleton(name: str, paras: list[str] | None = None, before: str = "", credit_html: str = "", image: str = "") -> str:
    escaped = [f"<p>{html.escape(p, quote=False)}</p>" for p in (paras or paragraphs())]
    article = before + "\n".join(escaped[:1] + [image] + escaped[1:])
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{{ARTICLE}}", article).replace(
        "{{CREDIT}}", credit_html or credit() + PHOTO_CREDIT)


ALL = {"credit_position": "top", "pixel": RTT, "edits": "style-only", "images": "excluded", "paywall": False}


@pytest.mark.parametrize("name", SKELETONS)
def test_every_policy_kept_in_every_layout(name: str) -> None:
    kept = skeleton(name, edited(STYLE), before=credit(), credit_html=PHOTO_CREDIT + PIXEL)
    result = judge(kept, **ALL)
    assert result.findings == (), [f.message for f in result.findings]
    assert result.pixel is not None and result.verdict == "compliant"


@pytest.mark.parametrize("name", SKELETONS)
def test_every_policy_broken_in_every_layout(name: str) -> None:
    broken = skeleton(name, edited(SUBSTANCE), credit_html=credit() + "<p>Testo adattato.</p>" + PHOTO_CREDIT + PAID,
                      image=IMAGE)
    result = judge(broken, **ALL)
    assert codes(result, "violation") == set(), [f.message for f in result.findings]
    assert codes(result, "policy") == {"policy-credit-position", "policy-pixel-missing", "policy-edits",
                                       "policy-images", "policy-paywall"}


@pytest.fixture(scope="module")
def real_layouts() -> list[layouts.Layout]:
    corpus = corpus_path("pages-zyte").parent
    found = list(layouts.layouts(corpus, 12))
    assert len(found) == 12
    return found


def styled(key: str) -> layouts.PublisherStyle:
    return next(s for s in layouts.STYLES if s.key == key)


@cache
def real_original(key: str) -> tuple[str, Original, layouts.Article]:
    corpus = corpus_path("pages-zyte").parent
    style = styled(key)
    article = {"it": layouts.seed_article(corpus), "es": layouts.SPANISH}.get(style.language) or \
        layouts.corpus_articles(corpus)[3][1]
    html_text = style.original(article, "2026/11/policy")
    return html_text, extract_original(html_text, style.url("2026/11/policy")), article


# The publishers' own words (their republishing guidelines) as rules.
REAL_POLICIES = {
    # "At the top of the text of your story, include a line that reads: 'This story was originally
    # published by ProPublica.'" "You can't edit our material, except to reflect relative changes in time,
    # location and editorial style." "...as well as our PixelPing tag." "You cannot republish our photographs"
    "propublica": Policy(credit_position="top", pixel=RTT, edits="style-only", images="excluded"),
    # CalMatters: "Add a line at the top of the story saying 'This story was originally published by'";
    # "Stories obtained using the 'Republish This Story' button include a tracking pixel"
    "calmatters": Policy(credit_position="top", pixel=RTT),
    # a news agency that lets anyone republish, but not behind a paywall; edits limited to style
    "agency": Policy(edits="style-only", paywall=False),
}


def real_judge(key: str, layout: layouts.Layout, paras: list[str], before: str = "", after: str = ""):  # type: ignore[no-untyped-def]
    _, original, _ = real_original(key)
    style = styled(key)
    rules_ = replace(style.rules(), policy=REAL_POLICIES[key])
    return judge_page(parse_page(layout.render(paras, before, after), layout.url), original, rules_)


def real_credit(key: str) -> str:
    _, original, article = real_original(key)
    return layouts.credit(styled(key), article, original.identity)


def pixel_of(key: str) -> str:
    return f'<img src="https://{styled(key).domain}/?republication-pixel=true&amp;post=48213" width="1" height="1">'


@pytest.mark.parametrize("key", ["propublica", "calmatters"])
def test_real_layouts_credit_at_top_and_pixel(real_layouts: list[layouts.Layout], key: str) -> None:
    _, _, article = real_original(key)
    paras = layouts.variant(article, "unchanged")
    for layout in real_layouts:
        kept = real_judge(key, layout, paras, before=real_credit(key), after=pixel_of(key))
        assert kept.findings == (), (layout.url, [f.message for f in kept.findings])
        assert kept.pixel is not None and kept.pixel.post == "48213"
        broken = real_judge(key, layout, paras, after=real_credit(key))
        assert codes(broken) == {"policy-credit-position", "policy-pixel-missing"}, (layout.url, codes(broken))
        assert broken.verdict == "compliant"


def test_real_layouts_images_excluded(real_layouts: list[layouts.Layout]) -> None:
    html_text, original, article = real_original("propublica")
    (image,) = [src for src in original.images if "plant-workers" in src]
    paras = layouts.variant(article, "unchanged")
    reused = [f'<figure><img src="{image.replace("?w=1200&q=75", "")}" alt=""><figcaption>Workers leave the plant. '
              "(AP Photo/Evan Vucci)</figcaption></figure>", *paras]
    for layout in real_layouts:
        result = real_judge("propublica", layout, reused, before=real_credit("propublica"), after=pixel_of("propublica"))
        assert codes(result) == {"policy-images"}, (layout.url, [f.message for f in result.findings])


def test_real_layouts_style_edits(real_layouts: list[layouts.Layout]) -> None:
    """The agency (CC BY) allows only style edits: "en febrero" -> "el próximo febrero" is one, a changed
    figure is not (and, marked as a change, it is no licence violation)."""
    _, _, article = real_original("agency")
    style_edit = [p.replace("se revisará en febrero", "se revisará el próximo febrero") for p in article.paragraphs]
    figures = [p.replace("al 18 por ciento", "al 25 por ciento") for p in article.paragraphs]
    assert style_edit != list(article.paragraphs) and figures != list(article.paragraphs)
    marked = real_credit("agency") + "<p>Texto adaptado del original.</p>"
    for layout in real_layouts:
        kept = real_judge("agency", layout, [f"<p>{html.escape(p)}</p>" for p in style_edit], after=real_credit("agency"))
        assert kept.match.changes and kept.findings == (), (layout.url, [f.message for f in kept.findings])
        broken = real_judge("agency", layout, [f"<p>{html.escape(p)}</p>" for p in figures], after=marked)
        assert codes(broken) == {"policy-edits"}, (layout.url, [f.message for f in broken.findings])


def test_real_layouts_paywall(real_layouts: list[layouts.Layout]) -> None:
    _, _, article = real_original("agency")
    paras = layouts.variant(article, "unchanged")
    paywalled = real_credit("agency") + "<p>Suscríbete para seguir leyendo todas nuestras noticias.</p>"
    for layout in real_layouts:
        assert real_judge("agency", layout, paras, after=real_credit("agency")).findings == ()
        result = real_judge("agency", layout, paras[:3], after=paywalled)
        assert codes(result) == {"policy-paywall"}, (layout.url, [f.message for f in result.findings])
        assert result.match.kind in {"reproduction", "excerpt"}


# ---------------------------------------------------------------------------------------------
# The pixel as evidence: the original found from it, even when the text was edited
# ---------------------------------------------------------------------------------------------


def test_the_pixel_points_to_the_original() -> None:
    view = parse_page(page(edited(SUBSTANCE), after=PIXEL), PAGE_URL)
    assert candidate_originals(view, [rules()]) == ["http://eco-del-lago.test/?p=7"]
    other = PIXEL.replace("eco-del-lago.test", "someone-else.test")
    assert candidate_originals(parse_page(page(after=other), PAGE_URL), [rules()]) == []


def test_check_finds_the_original_from_the_pixel(httpserver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\n", encoding="utf-8")
    publisher = f"localhost:{httpserver.port}"
    article = f"http://{publisher}/2026/11/volontari-rive-lago/"
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/2026/11/volontari-rive-lago/").respond_with_data(
        original_html(publisher), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/", query_string="p=7").respond_with_data(
        "", status=301, headers={"Location": article})
    pixel = PIXEL.replace("eco-del-lago.test", publisher)
    httpserver.expect_request("/copia").respond_with_data(
        page(edited(SUBSTANCE), after=pixel), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/senza-pixel").respond_with_data(
        page(edited(SUBSTANCE)), content_type="text/html; charset=utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "eco.toml").write_text(
        f'[publisher]\nname = "L\'Eco del Lago"\ndomains = ["{publisher}"]\nlanguage = "it"\n[license]\nid = "CC BY 4.0"\n'
        f'[policy]\npixel = "{RTT}"\n', encoding="utf-8")
    copy_url = f"http://127.0.0.1:{httpserver.port}/copia"
    out = io.StringIO()
    assert main(["check", copy_url, "--rules", "rules", "--allow-private", "--format", "json"], stdout=out) == 1
    result = json.loads(out.getvalue())
    assert result["original"]["url"] == article and result["match"]["modified"] is True
    assert result["pixel"] == {"src": f"http://{publisher}/?republication-pixel=true&post=7", "post": "7",
                               "original_url": f"http://{publisher}/?p=7", "where": result["pixel"]["where"]}
    assert "policy-pixel-missing" not in {f["code"] for f in result["findings"]}
    out = io.StringIO()
    main(["check", copy_url, "--rules", "rules", "--allow-private"], stdout=out)
    assert f"Pixel     http://{publisher}/?republication-pixel=true&post=7: the publisher's tracking pixel for post 7" \
        in out.getvalue()
    errors = io.StringIO()
    assert main(["check", f"http://127.0.0.1:{httpserver.port}/senza-pixel", "--rules", "rules", "--allow-private"],
                stdout=io.StringIO(), stderr=errors) == 2
    assert "could not tell which original" in errors.getvalue()


# ---------------------------------------------------------------------------------------------
# A run: breaches stored with their severity, counted apart, never announced as violations
# ---------------------------------------------------------------------------------------------


def test_a_run_keeps_policy_breaches_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Everywhere cases are counted, a breach of the publisher's policy stays apart from licence violations:
    the run's summary, case list, the report's cards and compliance, violations.json/.csv/.atom, the editors'
    pages; a case with nothing but policy breaches is not a violation case."""
    import csv

    import lxml.etree
    import lxml.html
    from editors_app import demo_app, log_in
    from sites import LoopbackSites

    from cc_syndicate.demo import DEMO_CASES

    with LoopbackSites() as sites:
        sites.write_config(tmp_path)
        monkeypatch.chdir(tmp_path)
        eco = next((tmp_path / "rules").glob("eco*.toml"))
        eco.write_text(eco.read_text(encoding="utf-8") + '\n[policy]\ncredit_position = "top"\n', encoding="utf-8")
        eco_site = sites.base("eco-del-lago.test")
        out = io.StringIO()
        assert main(["run", "--allow-private", "--json"], stdout=out, stderr=io.StringIO()) == 1
    summary = json.loads(out.getvalue())
    violations = sum(1 for case in DEMO_CASES for code in case.expected if code not in {"third-party-media",
                                                                                       "blocked-by-robots"})
    assert summary["new"] == violations, "breaches of the policy are never new violations"
    rows = json.loads((tmp_path / "report" / "violations.json").read_text(encoding="utf-8"))["violations"]
    breaches = [r for r in rows if r["code"] == "policy-credit-position"]
    assert breaches and all(r["severity"] == "policy" for r in breaches)
    assert all(r["original_url"].startswith(eco_site) for r in breaches), "only the publisher with the policy"
    with open(tmp_path / "report" / "violations.csv", encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert sorted(r["severity"] for r in table if r["code"] == "policy-credit-position") == ["policy"] * len(breaches)

    out = io.StringIO()
    assert main(["case", "list", "--json"], stdout=out) == 0
    listed = json.loads(out.getvalue())
    only_policy = [c for c in listed if c["codes"] == ["policy-credit-position"]]
    assert only_policy, "a compliant copy with its credit at the bottom breaks the policy alone"
    assert all(c["severity"] == "policy" and not c["is_violation"] and c["status"] == "new" for c in only_policy)
    assert all(c["severity"] == "violation" for c in listed if c["is_violation"])
    out = io.StringIO()
    main(["case", "list"], stdout=out)
    assert all(f"#{c['id']:<5} new (policy) " in out.getvalue() for c in only_policy)
    out = io.StringIO()
    main(["case", "show", str(only_policy[0]["id"])], stdout=out)
    assert out.getvalue().startswith(f"Case #{only_policy[0]['id']}  NEW (policy only: not a licence violation)")

    index = lxml.html.document_fromstring((tmp_path / "report" / "index.html").read_text(encoding="utf-8"))
    card = {li.get("id"): " ".join(" ".join(li.itertext()).split()) for li in index.xpath("//ul[@class='cards']/li[@id]")}
    violation_cases = sum(c["is_violation"] for c in listed)
    with_breaches = sum("policy-credit-position" in c["codes"] for c in listed)
    assert card["card-open"].startswith(f"{violation_cases} ")  # the report speaks the publishers' Italian
    assert card["card-policy"] == (f"{len(breaches)} richieste dell'editore non rispettate su {with_breaches} pagine; "
                                   "non sono violazioni della licenza")
    badges = {int(tr.get("data-case")): tr.xpath("string(td[1])").split() for tr in index.xpath("//table[@id='cases']/tbody/tr")}
    assert all(badges[c["id"]] == ["nuovo", "richiesta", "dell'editore"] for c in only_policy)
    shares = dict(zip(index.xpath("//svg[@aria-labelledby='compliance']//a/text/text()"),
                      index.xpath("//svg[@aria-labelledby='compliance']/text/text()")))
    for name in shares:  # a page that breaks only the policy still meets the licence
        mine = [c for c in listed if c["republisher"] == name and c["original_url"]]
        compliant = [c for c in mine if not c["is_violation"]]
        out = io.StringIO()
        main(["case", "list", "--status", "compliant", "--republisher", name, "--json"], stdout=out)
        extra = len(json.loads(out.getvalue()))
        assert shares[name].endswith(f"({len(compliant) + extra}/{len(mine) + extra})"), name
    assert index.xpath("//p[@id='policy-per-republisher']/a/text()")

    atom = lxml.etree.parse(str(tmp_path / "report" / "violations.atom"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = {e.findtext("a:id", namespaces=ns): e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)}
    for c in only_policy:
        assert titles[f"urn:cc-syndicate:case:{c['id']}"].endswith(
            "– nuovo (solo richieste dell'editore, non una violazione della licenza)")

    app, _ = demo_app(tmp_path / "cc-syndicate.db", tmp_path / "editors")
    client = app.test_client()
    assert log_in(client).status_code == 303
    live = lxml.html.document_fromstring(client.get("/editors/").get_data(as_text=True))
    assert " ".join(" ".join(live.xpath("//li[@id='card-policy']")[0].itertext()).split()) == (
        f"{len(breaches)} publisher's requests not followed on {with_breaches} pages; not licence violations")
    case_page = lxml.html.document_fromstring(client.get(f"/editors/cases/{only_policy[0]['id']}").get_data(as_text=True))
    assert not case_page.xpath("//section[@id='evidence']")  # nothing of the licence is wrong
    assert case_page.xpath("string(//section[@id='policy']/h2)") == "What the publisher also asks, beyond the licence"
    assert case_page.xpath("//section[@id='policy']/article/h3/span/@title") == ["policy-credit-position"]
    letter = case_page.xpath("string(//pre[@id='letter'])")
    assert "rispetta la licenza: grazie" in letter and "30 giorni" not in letter  # asked for, not a breach to cure
    name = only_policy[0]["republisher"]
    page = lxml.html.document_fromstring(client.get(f"/editors/republishers/{name}").get_data(as_text=True))
    mine = sum(name == c["republisher"] and "policy-credit-position" in c["codes"] for c in listed)
    assert " ".join(page.xpath("string(//span[@id='republisher-policy'])").split()) == (
        f"{mine} pages do not follow the publisher's requests beyond the licence (not violations).")


def test_a_policy_added_later_never_reopens_a_dismissed_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor dismissed a case (permission granted); the publisher then adds a [policy] that the page
    breaks. The new request is recorded, but the case stays dismissed and its violations count nowhere."""
    from sites import LoopbackSites

    def listed(*args: str) -> list[dict[str, object]]:
        out = io.StringIO()
        assert main(["case", "list", "--json", *args], stdout=out) == 0
        return json.loads(out.getvalue())  # type: ignore[no-any-return]

    path = "/articoli/biblioteca-civica.html"
    with LoopbackSites() as sites:
        sites.write_config(tmp_path)
        monkeypatch.chdir(tmp_path)
        assert main(["run", "--allow-private"], stdout=io.StringIO(), stderr=io.StringIO()) == 1
        case = next(c for c in listed() if str(c["page_url"]).endswith(path))
        assert case["is_violation"] and case["codes"] == ["license-mismatch"]
        assert main(["case", "dismiss", str(case["id"]), "--reason", "permission", "--by", "anna"], stdout=io.StringIO()) == 0
        eco = next((tmp_path / "rules").glob("eco*.toml"))
        eco.write_text(eco.read_text(encoding="utf-8") + '\n[policy]\ncredit_position = "top"\n', encoding="utf-8")
        host = "cronache-lombarde.test"
        sites.set(host, path, sites.page(host, path).replace("</body>", "<!-- corretto un refuso -->\n</body>"))
        assert main(["run", "--allow-private"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    (after,) = [c for c in listed("--status", "dismissed") if c["id"] == case["id"]]
    assert after["codes"] == ["license-mismatch", "policy-credit-position"] and not after["is_violation"]
    out = io.StringIO()
    main(["case", "show", str(case["id"])], stdout=out)
    assert "reopened" not in out.getvalue()


def test_real_layouts_paywall_signs_come_from_the_page_itself() -> None:
    """On real pages the only paywall sign of an unchanged, credited copy is the page's own declaration
    (WSJ, Wired, Barron's say isAccessibleForFree: false): no login widget, newsletter box or teaser is one."""
    corpus = corpus_path("pages-zyte").parent
    _, _, article = real_original("agency")
    paras = layouts.variant(article, "unchanged")
    seen = 0
    for layout in layouts.layouts(corpus, 40):
        result = real_judge("agency", layout, paras, after=real_credit("agency"))
        declared = result.page.meta.get("accessible_for_free") == "false"
        assert ("policy-paywall" in codes(result)) is declared, (layout.url, [f.evidence for f in result.findings])
        assert codes(result) <= {"policy-paywall"}, (layout.url, [f.message for f in result.findings])
        seen += 1
    assert seen == 40
