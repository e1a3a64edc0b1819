"""The judgement on real layouts: no false accusation of an unchanged copy, every edit caught.

Two sets. Always on: skeletons of real news layouts (tests/fixtures/layouts/, see its README) with the
demo article swapped in. With the corpus: its real news pages with an article of one of six publishers
made the way real Creative Commons publishers make theirs (tests/layouts.py), in at least 30 layouts.
"""

from __future__ import annotations

import html
from functools import cache, lru_cache
from pathlib import Path

import layouts
import pytest
from conftest import corpus_path
from helpers import AUTHOR, BY_40, ORIGINAL_URL, PAGE_URL, original_html, paragraphs, rules

from cc_syndicate.judgement import judge_page
from cc_syndicate.models import Original
from cc_syndicate.originals import extract_original
from cc_syndicate.pages import parse_page

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "layouts"
SKELETONS = sorted(p.name for p in FIXTURES.glob("*.html"))
CORPUS_LAYOUTS = 36  # six publishers in six layouts each
CREDIT = (f'<p class="fonte">Questo articolo di {AUTHOR} è stato pubblicato originariamente da '
          f'<a href="{ORIGINAL_URL}">L’Eco del Lago</a> ed è ripubblicato con licenza '
          f'<a rel="license" href="{BY_40}">CC BY 4.0</a>.</p>')
REWORDED = ("In quattro ore sono stati raccolti oltre ottocento chili di rifiuti.",
            "In appena quattro ore i volontari hanno raccolto più di ottocento chili di rifiuti.")
CUT = "In quattro ore sono stati raccolti oltre ottocento chili di rifiuti."
INSERTED = ("Tra gli oggetti recuperati ci sono bottiglie di vetro",
            "Il circolo ha ringraziato le aziende che hanno offerto i sacchi. Tra gli oggetti recuperati ci sono "
            "bottiglie di vetro")


@cache
def the_original() -> Original:
    return extract_original(original_html(), ORIGINAL_URL)


def skeleton(name: str, paras: list[str] | None = None, credit: str = CREDIT) -> str:
    article = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in (paras or paragraphs()))
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{{ARTICLE}}", article).replace("{{CREDIT}}", credit)


def edited(kind: str) -> list[str]:
    paras = paragraphs()
    if kind == "reworded":
        return [p.replace(*REWORDED) for p in paras]
    if kind == "cut":
        return [p.replace(" " + CUT, "") for p in paras]
    return [p.replace(*INSERTED) for p in paras]


def judge(page_html: str, **rule_options: object):  # type: ignore[no-untyped-def]
    return judge_page(parse_page(page_html, PAGE_URL), the_original(), rules(**rule_options))  # type: ignore[arg-type]


def codes(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in result.findings if f.severity == "violation"}


# ---------------------------------------------------------------------------------------------
# Always on: skeletons of real layouts
# ---------------------------------------------------------------------------------------------


def test_the_edits_really_change_the_article() -> None:
    for kind in ("reworded", "cut", "inserted"):
        assert edited(kind) != paragraphs(), kind


@pytest.mark.parametrize("name", SKELETONS)
def test_an_unchanged_credited_copy_is_compliant_in_every_layout(name: str) -> None:
    result = judge(skeleton(name))
    assert result.match.kind == "reproduction"
    assert result.match.containment >= 0.97
    assert result.match.changes == (), result.match.changes
    assert codes(result) == set(), [f.message for f in result.findings]
    assert result.verdict == "compliant"


@pytest.mark.parametrize("kind", ["reworded", "cut", "inserted"])
@pytest.mark.parametrize("name", SKELETONS)
def test_an_edit_is_caught_in_every_layout(name: str, kind: str) -> None:
    result = judge(skeleton(name, edited(kind)))
    assert codes(result) == {"modified-unmarked"}, list(result.match.changes)
    expected = {"reworded": "changed", "cut": "removed", "inserted": "added"}[kind]
    assert [c.kind for c in result.match.changes] == [expected]


@pytest.mark.parametrize("name", SKELETONS)
def test_an_uncredited_copy_is_caught_in_every_layout(name: str) -> None:
    result = judge(skeleton(name, credit=""))
    assert codes(result) == {"source-missing", "source-link-missing", "author-missing", "license-missing"}


def test_the_frame_is_never_a_change() -> None:
    """A byline with a date, a rights line under the headline, a teaser of another article, an ad label
    and a "read more" line around and inside the article are the republisher's frame."""
    result = judge(skeleton("hosted-wire-frame.html"))
    assert result.match.changes == () and result.verdict == "compliant"
    inside = {2: '<p class="dateline">Aggiornato il 3 novembre 2026 alle 9:15</p>',
              4: "<p>Condividi su Facebook</p>", 5: '<p class="adv">Sponsored</p>'}
    paras = [f"<p>{html.escape(p)}</p>" + inside.get(i, "") for i, p in enumerate(paragraphs())]
    page_html = (FIXTURES / "drupal-one-sidebar.html").read_text(encoding="utf-8").replace(
        "{{ARTICLE}}", "\n".join(paras)).replace("{{CREDIT}}", CREDIT)
    result = judge(page_html)
    assert result.match.changes == () and result.verdict == "compliant"


def test_a_reservation_written_under_the_article_is_seen() -> None:
    """The article is found whatever the body's classes, so the page's own reservation right under it
    is read as a claim on the article."""
    result = judge(skeleton("drupal-one-sidebar.html", credit=CREDIT + "<p>© RIPRODUZIONE RISERVATA</p>"))
    assert codes(result) == {"license-mismatch"}


def test_the_span_says_where_the_article_is() -> None:
    """Page-wide wrappers whose classes look like furniture (sidebar, ad, menu, cookie) never hide the
    article: an edit inside it is seen."""
    for name in ("drupal-one-sidebar.html", "brightspot-page-ad-margins.html", "tachyons-non-ad-column.html",
                 "wordpress-cookies-not-set.html"):
        result = judge(skeleton(name, edited("inserted")))
        assert [c.kind for c in result.match.changes] == ["added"], name
        assert "Il circolo ha ringraziato le aziende che hanno offerto i sacchi." in result.match.changes[0].page


# ---------------------------------------------------------------------------------------------
# With the corpus: its real news pages and six publishers' originals
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_cases() -> list[layouts.Case]:
    corpus = corpus_path("pages-zyte").parent
    found = list(layouts.cases(corpus, CORPUS_LAYOUTS))
    assert len({c.layout.page_id for c in found}) >= 30
    return found


@lru_cache(maxsize=64)
def corpus_original(style: layouts.PublisherStyle, article: layouts.Article, slug: str) -> Original:
    return extract_original(style.original(article, slug), style.url(slug))


def judge_case(case: layouts.Case):  # type: ignore[no-untyped-def]
    original = corpus_original(case.style, case.article, case.slug)
    return judge_page(parse_page(case.page_html(), case.page_url), original, case.style.rules())


def wrong(cases: list[layouts.Case]) -> list[str]:
    """Every case judged otherwise than a careful editor would, with what was found."""
    found = []
    for case in cases:
        result = judge_case(case)
        got = codes(result)
        if got != case.expected or (case.kind == "unchanged" and result.match.containment < 0.97):
            found.append(f"{case.kind} {case.style.key} in {case.layout.url}: expected {sorted(case.expected)}, "
                         f"got {sorted(got)} (containment {result.match.containment}, changes "
                         f"{[(c.kind, c.original[:60], c.page[:60]) for c in result.match.changes]})")
    return found


def test_real_layouts_unchanged_copies_are_compliant(corpus_cases: list[layouts.Case]) -> None:
    assert wrong([c for c in corpus_cases if c.kind == "unchanged"]) == []


@pytest.mark.parametrize("kind", ["reworded", "cut", "inserted"])
def test_real_layouts_edits_are_caught(corpus_cases: list[layouts.Case], kind: str) -> None:
    assert wrong([c for c in corpus_cases if c.kind == kind]) == []


def test_real_layouts_uncredited_copies_are_caught(corpus_cases: list[layouts.Case]) -> None:
    assert wrong([c for c in corpus_cases if c.kind == "uncredited"]) == []


def test_the_publishers_originals_are_read_without_their_apparatus(corpus_cases: list[layouts.Case]) -> None:
    """Republishing notices, modals, pixels, photo credits and reservations stay out of the text
    compared, and are still read as the original's licence and credits."""
    seen = set()
    for case in corpus_cases:
        if case.style.key in seen:
            continue
        seen.add(case.style.key)
        original = corpus_original(case.style, case.article, case.slug)
        text = original.text.lower()
        for apparatus in ("republish", "creative commons", "riproduzione riservata", "ap photo", "europa press",
                          "used with permission", "getty images", "disclosure", "licencia"):
            assert apparatus not in text, (case.style.key, apparatus)
        assert original.license is not None, case.style.key
        assert original.text.splitlines()[0] == case.article.paragraphs[0], case.style.key
