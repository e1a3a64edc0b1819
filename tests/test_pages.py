"""What the checker reads on a page: visible text apart from hidden text, links, licence signals."""

from __future__ import annotations

import json

import pytest
from conftest import corpus_path

from cc_syndicate.models import License
from cc_syndicate.pages import decode_html, parse_page

URL = "http://copia.test/a/b.html"


def read(body: str, head: str = ""):
    return parse_page(f"<html><head>{head}</head><body>{body}</body></html>", URL)


def hidden_reasons(view) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {b.text: b.hidden for b in view.hidden_blocks}


def test_visible_blocks_in_document_order() -> None:
    view = read("<article><h1>Titolo</h1><p>Uno <b>due</b> tre.</p><div>Quattro<p>cinque</p>sei</div></article>")
    assert [b.text for b in view.blocks] == ["Titolo", "Uno due tre.", "Quattro", "cinque", "sei"]
    assert view.blocks[1].where == "article > p"


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ('<p style="display: none">X credit</p>', "inline style display: none"),
        ('<p style="visibility:hidden">X credit</p>', "inline style visibility:hidden"),
        ('<p style="position:absolute; left:-9999px">X credit</p>', "inline style left:-9999"),
        ("<p hidden>X credit</p>", "hidden attribute"),
        ('<p class="sr-only">X credit</p>', "class sr-only hides it"),
        ("<noscript><p>X credit</p></noscript>", "inside <noscript>"),
        ("<!-- X credit -->", "HTML comment"),
    ],
)
def test_hidden_text_and_why(markup: str, reason: str) -> None:
    view = read(f"<p>Visibile.</p>{markup}")
    assert [b.text for b in view.blocks] == ["Visibile."]
    assert hidden_reasons(view)["X credit"].startswith(reason)


def test_a_class_hidden_by_the_pages_stylesheet() -> None:
    view = read('<div class="box credit"><p>X credit</p></div>', head="<style>/* c */ div.credit > p { display:none }</style>")
    assert view.blocks == ()
    assert hidden_reasons(view)["X credit"] == "hidden by the page's CSS rule 'div.credit > p'"


def test_unparseable_css_is_ignored() -> None:
    view = read('<p class="a">Testo</p>', head="<style>.a:hover::before { display:none } }}} {{ @import x;</style>")
    assert [b.text for b in view.blocks] == ["Testo"]


def test_meta_json_ld_alt_and_title_are_hidden() -> None:
    json_ld = json.dumps({"@graph": [{"@type": "NewsArticle", "author": [{"name": "Ada Rossi"}], "creditText": "Fonte X"}]})
    view = read('<img src="/f.jpg" alt="Foto di Ada" title="Credit Y">',
                head=f'<meta name="author" content="Ada Rossi"><script type="application/ld+json">{json_ld}</script>')
    reasons = {(b.text, b.hidden) for b in view.hidden_blocks}
    assert {("Ada Rossi", "meta tag"), ("Ada Rossi", "JSON-LD only"), ("Fonte X", "JSON-LD only"),
            ("Foto di Ada", "alt text"), ("Credit Y", "title attribute")} <= reasons
    assert view.authors == ("Ada Rossi",)


def test_broken_json_ld_is_skipped() -> None:
    view = read("<p>Testo</p>", head='<script type="application/ld+json">{"@type": [[[[</script>')
    assert [b.text for b in view.blocks] == ["Testo"]


def test_links_with_rel_tokens_resolved_against_base() -> None:
    view = read('<a href="../x/" rel="Nofollow  UGC">Fonte</a><a href="#top"></a><a href="/img"><img src="/b.png"></a>',
                head='<base href="http://copia.test/base/">')
    first, empty, image = view.links
    assert first.href == "http://copia.test/x/" and first.rel == {"nofollow", "ugc"} and first.visible
    assert not empty.visible
    assert image.has_image and image.visible


def test_licence_signals_of_every_kind() -> None:
    json_ld = json.dumps({"@type": "Article", "license": {"url": "https://creativecommons.org/licenses/by-sa/4.0/"}})
    view = read(
        '<a rel="license noopener noreferrer" href="https://creativecommons.org/licenses/by/4.0/?ref=chooser-v1">CC BY 4.0</a>'
        '<img src="https://i.creativecommons.org/l/by-nc/3.0/it/88x31.png">'
        '<p>Licenza Creative Commons Attribuzione - Non commerciale 3.0 Italia</p>'
        '<footer><a href="https://creativecommons.org/publicdomain/zero/1.0/deed.it">CC0</a></footer>',
        head=f'<link rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/legalcode">'
             f'<script type="application/ld+json">{json_ld}</script>',
    )
    found = {(s.kind, s.license, s.hidden, s.in_footer) for s in view.license_signals}
    assert ("rel-license", License("by", "4.0"), None, False) in found
    assert ("badge", License("by-nc", "3.0", "it"), None, False) in found
    assert ("text", License("by-nc", "3.0", "it"), None, False) in found
    assert ("cc-link", License("zero", "1.0"), None, True) in found
    assert ("rel-license", License("by-nd", "4.0"), "<link> in head", False) in found
    assert ("json-ld", License("by-sa", "4.0"), "JSON-LD only", False) in found


def test_canonical_title_and_language() -> None:
    view = read("<h1>Uno</h1>", head='<title>T</title><link rel="canonical" href="/orig">'
                                     '<meta property="og:title" content="Titolo vero">')
    assert view.canonical == "http://copia.test/orig" and view.title == "Titolo vero"
    assert parse_page('<html lang="it"><body>x</body></html>', URL).language == "it"


def test_page_furniture_is_marked() -> None:
    view = read('<nav><a href="/">Home</a></nav><div class="ad-slot">Compra</div><p>Leggi anche: altro</p>'
                '<ul><li><a href="/1">Uno</a> <a href="/2">Due</a></li></ul><p>Testo vero dell’articolo.</p>')
    assert [b.chrome for b in view.blocks] == [True, True, True, True, False]


@pytest.mark.parametrize(
    ("body", "content_type", "text"),
    [
        ("<p>Città è così</p>".encode("latin-1"), "text/html; charset=ISO-8859-1", "Città è così"),
        ('<meta charset="windows-1252"><p>“Città”</p>'.encode("cp1252"), "text/html", "“Città”"),
        ("<p>Città</p>".encode("utf-8"), "text/html", "Città"),
        ("<p>Città</p>".encode("latin-1"), "", "Città"),
        ("<p>Citt&agrave; &ldquo;s&igrave;&rdquo;</p>".encode(), "text/html", "Città “sì”"),
        (b'<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>', "application/xhtml+xml", "x"),
    ],
)
def test_encodings_and_entities(body: bytes, content_type: str, text: str) -> None:
    view = parse_page(decode_html(body, content_type), URL)
    assert view.blocks[-1].text == text


def test_empty_and_garbage_pages() -> None:
    assert parse_page("", URL).blocks == ()
    assert parse_page("\x00\x01 not html <<<>>>", URL).title == ""


def test_deeply_nested_markup_does_not_crash() -> None:
    view = parse_page("<div>" * 5000 + "fondo" + "</div>" * 5000, URL)
    assert view.url == URL


def test_every_real_page_of_the_corpus_reads() -> None:
    pages = sorted(corpus_path("pages-zyte", "html").glob("*.html"))
    assert len(pages) == 181
    with_text = sum(1 for p in pages if parse_page(p.read_text(encoding="utf-8"), "https://example.org/").blocks)
    assert with_text == len(pages)


def test_real_republication_credits() -> None:
    salon = parse_page(corpus_path("republished", "salon.com_grist-republished.html").read_text(encoding="utf-8"),
                       "https://www.salon.com/x")
    assert any("originally appeared on Grist" in b.text for b in salon.blocks)
    gv = parse_page(corpus_path("republished", "de.globalvoices.org_cc-by-translation.html").read_text(encoding="utf-8"),
                    "https://de.globalvoices.org/x")
    assert any(s.license == License("by", "3.0") and s.hidden is None for s in gv.license_signals)
