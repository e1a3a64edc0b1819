"""What the page's CSS hides from readers, read with a real CSS parser and a light cascade."""

from __future__ import annotations

import time

import pytest

from cc_syndicate import css, elements
from cc_syndicate.models import Visibility
from cc_syndicate.pages import parse_page

CREDIT = "Fonte: Eco del Lago"


def read(body: str, style: str = "", body_style: str = "background: #fff"):  # type: ignore[no-untyped-def]
    return parse_page(f"<html><head><style>{style}</style></head><body style='{body_style}'>"
                      f"<p>Il testo dell'articolo, visibile a tutti.</p>{body}</body></html>", "http://copia.test/a")


def credit_state(body: str, style: str = "") -> tuple[Visibility, str | None]:
    """How the credit reads: VISIBLE, or what hides it and why."""
    view = read(body, style)
    if any(CREDIT in b.text for b in view.blocks):
        return Visibility.VISIBLE, None
    found = [b for b in view.hidden_blocks if CREDIT in b.text]
    assert found, "the credit is neither visible nor hidden"
    return found[0].visibility, found[0].hidden


P = f'<p class="c">{CREDIT}</p>'


@pytest.mark.parametrize(
    ("body", "style"),
    [
        (P, "@media screen { .c { display: none } }"),
        (P, "@media all { .c { display: none } }"),
        (P, "@media only screen { .c { display: none } }"),
        (P, "@media screen, print { .c { display: none } }"),
        (P, "@supports (display: grid) { .c { display: none } }"),
        (P, "@media screen { @supports (color: red) { .c { display: none } } }"),
        (P, r".c { display: n\6f ne }"),
        (P, "/* } .c { display: block } */ .c { display: none; }"),
        (P, ".c { opacity: 0 }"),
        (P, ".c { opacity: .05 }"),
        (P, ".c { opacity: 5% }"),
        (f'<div class="a">{P}</div>', ".a { opacity: .3 } .c { opacity: .3 }"),
        (P, ".c { font-size: 0 }"),
        (P, ".c { font-size: 1px }"),
        (P, ".c { font-size: .1em }"),
        (P, ".c { font-size: .15rem }"),
        (P, ".c { font-size: 10% }"),
        (P, ".c { font: 0/0 a }"),
        (f'<div class="a">{P}</div>', ".a { font-size: 0 }"),
        (P, ".c { color: #fff }"),
        (P, ".c { color: white; background: #FFFFFF }"),
        (P, ".c { color: #fefefe }"),
        (f'<div class="dark">{P}</div>', ".dark { background-color: rgb(0, 0, 0) } .c { color: #000 }"),
        (P, ".c { color: transparent }"),
        (P, ".c { color: rgba(0, 0, 0, 0) }"),
        (P, ".c { clip-path: inset(50%) }"),
        (P, ".c { clip-path: inset(0 0 100% 0) }"),
        (P, ".c { clip-path: circle(0) }"),
        (P, ".c { clip-path: ellipse(0 0 at 50% 50%) }"),
        (P, ".c { clip-path: polygon(0 0, 0 0, 0 0) }"),
        (P, ".c { position: absolute; clip: rect(0 0 0 0) }"),
        (P, ".c { position: absolute; clip: rect(1px, 1px, 1px, 1px) }"),
        (P, ".c { height: 0; overflow: hidden }"),
        (P, ".c { max-height: 0; overflow-y: hidden }"),
        (f'<div class="a"><div>{P}</div></div>', ".a { max-height: 0; overflow: hidden }"),
        (P, ".c { position: absolute; width: 1px; height: 1px; overflow: hidden }"),
        (P, ".c { position: absolute; left: -9999px }"),
        (P, ".c { position: relative; top: -2000px }"),
        (P, ".c { text-indent: -9999px }"),
        (P, ".c { margin-left: -5000px }"),
        (P, ".c { margin: 0 0 0 -3000px }"),
        (P, ".c { transform: scale(0) }"),
        (P, ".c { transform: translateX(10px) scaleY(0) }"),
        (P, ".c { visibility: hidden }"),
        (P, ".c { visibility: collapse }"),
        (P, ".c { content-visibility: hidden }"),
        (P, ".c { display: block } @media print { .c { display: block } } .c { display: none }"),
        (P, "p.c { display: none } .c { display: block }"),
        (P, ".c { display: none !important } p.c { display: block }"),
        (P, ".c { display: none } @media (min-width: 600px) { .c { color: red } }"),
        (f'<p class="c" style="display: block">{CREDIT}</p>', ".c { display: none !important }"),
        (f'<p class="c" style="display: none">{CREDIT}</p>', "@media (min-width: 600px) { .c { display: block } }"),
    ],
)
def test_css_that_hides_a_credit(body: str, style: str) -> None:
    visibility, reason = credit_state(body, style)
    assert visibility in {Visibility.STYLESHEET, Visibility.INLINE_STYLE}
    assert reason is not None and (reason.startswith("hidden by the page's CSS rule '") or reason.startswith("inline style"))


@pytest.mark.parametrize(
    ("body", "style"),
    [
        (P, "@media print { .c { display: none } }"),
        (P, "@media speech { .c { display: none } }"),
        (P, "@media not screen { .c { display: none } }"),
        (P, "@media (max-width: 600px) { .c { display: none } }"),
        (P, "@media screen and (max-width: 600px) { .c { display: none } }"),
        # a credit shown on some screens only is visible: precision first
        (P, ".c { display: none } @media (max-width: 600px) { .c { display: block } }"),
        (P, ".c { opacity: 0 } @media (prefers-reduced-motion: reduce) { .c { opacity: 1 } }"),
        (f'<div class="m">{P}</div>', ".c { display: none } .m:hover .c { display: block }"),
        (P, ".c { display: none } p.c { display: block }"),
        (P, ".c { display: none } .c { display: block }"),
        (P, ".c::before { display: none }"),
        (P, ".c:hover { display: none }"),
        (P, ".c { opacity: .5 }"),
        (P, ".c { font-size: .5em }"),
        (f'<div class="r">{P}</div>', ".r { font-size: 0 } .c { font-size: 16px }"),
        (f'<div class="r">{P}</div>', ".r { visibility: hidden } .c { visibility: visible }"),
        (P, ".c { height: 0; overflow: hidden; padding-bottom: 56.25% }"),
        (P, ".c { height: 0 }"),
        (P, ".c { left: -9999px }"),
        (P, ".c { position: static; left: -9999px }"),
        (P, ".c { clip: rect(0 0 0 0) }"),
        (P, ".c { clip-path: inset(10%) }"),
        (P, ".c { transform: scale(1.2) }"),
        (P, ".c { display: var(--shown) }"),
        (P, ".c { font-size: calc(0px + 1em) }"),
        (P, ".c { color: #777; background: #000 }"),
        (P, ".c { color: transparent; -webkit-background-clip: text; background-image: linear-gradient(red, blue) }"),
        # the colour comes from outside the box that sets the background: a style sheet the page does
        # not show us may well colour the box's text
        (f'<div class="box">{P}</div>', "body { color: #fff } .box { background: #fff }"),
        (f'<p hidden class="c">{CREDIT}</p>', ".c { display: block }"),
        (f'<p class="d-none d-md-block">{CREDIT}</p>', ""),
        (f'<p class="hidden md:block">{CREDIT}</p>', ""),
        # the start of an entry animation that a script runs (AOS, animate.css)
        (f'<p class="c" data-aos="fade-up">{CREDIT}</p>',
         "[data-aos] { opacity: 0; transition-property: opacity, transform }"),
        (P, ".c { visibility: hidden; animation: fadeIn 1s }"),
        (f"<details open><summary>Crediti</summary><p>{CREDIT}</p></details>", ""),
        (f"<details><summary>{CREDIT}</summary><p>Altro</p></details>", ""),
    ],
)
def test_css_that_does_not_hide_a_credit(body: str, style: str) -> None:
    assert credit_state(body, style) == (Visibility.VISIBLE, None)


def test_a_link_keeps_its_own_colour_inside_invisible_text() -> None:
    view = read(f'<p class="c">Testo bianco <a href="https://www.eco.test/a">{CREDIT}</a></p>', ".c { color: #fff }")
    assert [b.text for b in view.hidden_blocks] == ["Testo bianco"]
    assert any(b.text == CREDIT for b in view.blocks)  # links are drawn in the browser's link colour
    link = next(link for link in view.links if link.href == "https://www.eco.test/a")
    assert link.visible and link.visibility is Visibility.VISIBLE


def test_html_that_hides_a_credit() -> None:
    assert credit_state(f"<details><summary>Crediti</summary><p>{CREDIT}</p></details>") == (
        Visibility.COLLAPSED, "inside a closed <details>")
    assert credit_state(f"<details><summary>Crediti</summary>{CREDIT}</details>")[0] is Visibility.COLLAPSED
    assert credit_state(f"<p hidden>{CREDIT}</p>") == (Visibility.ATTRIBUTE, "hidden attribute")
    assert credit_state(f'<p class="sr-only">{CREDIT}</p>') == (Visibility.CLASS, "class sr-only hides it")
    assert credit_state(f"<noscript><p>{CREDIT}</p></noscript>") == (Visibility.NOSCRIPT, "inside <noscript>")
    assert credit_state(f'<p style="font-size:0">{CREDIT}</p>') == (Visibility.INLINE_STYLE, "inline style font-size:0")


def test_a_style_inside_noscript_or_for_print_does_not_apply() -> None:
    assert credit_state(P + "<noscript><style>.c { display: none }</style></noscript>")[0] is Visibility.VISIBLE
    assert credit_state(P + '<style media="print">.c { display: none }</style>')[0] is Visibility.VISIBLE
    assert credit_state(P + '<style media="screen">.c { display: none }</style>')[0] is Visibility.STYLESHEET


def test_selectors_are_compiled_once_per_text() -> None:
    assert css.compile_selector("div.credit > p") is css.compile_selector("div.credit > p")
    assert css.compile_selector("p::after") is None and css.compile_selector("a[") is None
    hover = css.compile_selector(".menu:hover .c")
    assert hover is not None and hover.dynamic and hover.specificity == (0, 3, 0)


def test_a_plain_selector_matches_what_its_xpath_matches() -> None:
    # Plain selectors are answered from the page's index; the XPath they compile to is the reference,
    # on class attributes that Python and XPath split differently (a no-break space, a tab, repeats).
    root = css.lxml.etree.fromstring(
        '<html><body><div class="a\u00a0b">1</div><div class="a\tb">2</div><p class=" a  a ">3</p>'
        '<div id="x" class="b A">4</div><span class="ab">5</span></body></html>', css.lxml.etree.HTMLParser())
    # the index of a page (from its survey) and the index of a few elements alike
    for index in (css._survey_index(elements.survey(root)), css._index(root.iter(css.lxml.etree.Element))):
        for text in (".a", ".b", "div.a", "p.a", "#x.b", "div#x", ".A", ".a.b", "span"):
            selector = css.compile_selector(text)
            assert selector is not None and selector.plain, text
            expected = selector.in_document(root)
            assert sorted(map(id, css._select(root, selector, index, None))) == sorted(map(id, expected)), text
    assert not css.compile_selector(".a .b").plain and not css.compile_selector("[x]").plain  # type: ignore[union-attr]


def test_a_huge_style_without_braces_reads_in_linear_time() -> None:
    # The regular expressions this replaced took about six minutes on this input.
    style = "p.credit span " * 15_000  # 210 KB, no brace, no at-sign
    started = time.monotonic()
    view = read(P, style)
    elapsed = time.monotonic() - started
    assert any(CREDIT in b.text for b in view.blocks)
    print(f"200 KB of CSS without braces: {elapsed:.2f} s")


def test_a_huge_style_of_many_rules_is_read_up_to_the_budget() -> None:
    filler = "".join(f".r{i} > .x:not(.y) {{ color: red; display: block }}\n" for i in range(4_500))  # 200 KB
    assert len(filler) > 200_000
    started = time.monotonic()
    first = read(P, ".c { display: none }\n" + filler)
    beyond = read(P, filler + ".c { display: none }")
    elapsed = time.monotonic() - started
    assert credit_state(P, ".c { display: none }\n" + filler)[0] is Visibility.STYLESHEET
    assert not any(CREDIT in b.text for b in first.blocks)
    assert any(CREDIT in b.text for b in beyond.blocks)  # past the budget: not read, so nothing hidden by it
    print(f"two pages with 200 KB of CSS rules: {elapsed:.2f} s")


def test_inline_styles_go_through_the_declaration_parser() -> None:
    assert css.inline_declarations(r"color: red; DISPLAY : n\6f ne !important; x") == (
        css.Declaration("color", "red", False, "color: red"),
        css.Declaration("display", "none", True, "DISPLAY: none"),
    )
    long_style = "a:b;" * 50_000
    assert css.inline_declarations(long_style) == ()


@pytest.mark.parametrize(
    "style",
    [
        "@media screen {" * 5_000 + ".c { display: none }" + "}" * 5_000,
        ".c { width: " + "calc(" * 5_000 + "1px" + ")" * 5_000 + " }",
        ".c" + ":not(" * 3_000 + ".x" + ")" * 3_000 + " { display: none }",
        " ".join(["div"] * 1_000) + " .c { display: none }",
        "[" * 5_000 + "{ display: none }",
        ".c {" + "{" * 20_000 + "display: none" + "}" * 20_000 + "}",
        "@import url(x.css); @font-face { font-family: x } @keyframes k { from { opacity: 0 } } }}} {{",
    ],
)
def test_hostile_css_is_read_without_error(style: str) -> None:
    view = parse_page(f'<html><head><style>{style}</style></head><body><p class="c" style="width:{"calc(" * 5_000}">'
                      f"{CREDIT}</p></body></html>", "http://copia.test/a")
    assert [b.text for b in view.blocks] == [CREDIT]
