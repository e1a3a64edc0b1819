"""Real layouts for the judgement, built at test time from the corpus.

Copies: real news pages (the corpus's ``pages-zyte``) with a republished article swapped into their
article area. The page's own article paragraphs (found through the corpus's ground truth) are taken out
and the republished paragraphs put where the first of them stood; everything else stays as the site
laid it out: headline, bylines, datelines, captions, ads, "read more" boxes, sidebars, comments, footer
and whatever the page's own article leaves behind.

Originals: articles made the way real Creative Commons publishers make them, each with its apparatus
(republishing notices and modals, the Republication Tracker Tool's pixel, photo credits in the forms
real captions use, licence links and reservations), under rules that follow that publisher.

Variants of each copy: unchanged and fully credited (must be compliant), a sentence reworded, a sentence
cut, a sentence inserted (must be caught), and uncredited.

Used by tests/test_real_layouts.py and benchmarks/accuracy.py; needs only lxml and cc_syndicate.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lxml.etree
import lxml.html

from cc_syndicate.licenses import parse as parse_license
from cc_syndicate.models import Publisher, Requirements, Rules
from cc_syndicate.text import key

MIN_ARTICLE_BLOCKS = 3
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "td", "div", "section", "span")


# ---------------------------------------------------------------------------------------------
# Articles to republish
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    title: str
    author: str
    paragraphs: tuple[str, ...]
    language: str


SPANISH = Article(
    title="La sequía obliga a restringir el riego en la cuenca del Segura",
    author="Lucía Martínez Ortega",
    language="es",
    paragraphs=(
        "La Confederación Hidrográfica del Segura aprobó este martes nuevas restricciones al riego agrícola "
        "tras un otoño con lluvias muy por debajo de la media histórica.",
        "Según los datos del organismo, los embalses de la cuenca se encuentran al 18 por ciento de su capacidad, "
        "el nivel más bajo registrado en noviembre desde que existen series comparables.",
        "Las comunidades de regantes tendrán que reducir un 30 por ciento su consumo durante los próximos tres "
        "meses, una medida que afecta sobre todo a los cultivos de hortalizas de invierno.",
        "El presidente de la confederación explicó en rueda de prensa que la decisión se revisará en febrero si "
        "las precipitaciones permiten recuperar parte de las reservas.",
        "Los agricultores de la Vega Baja han mostrado su preocupación por el impacto económico de la medida, que "
        "llega en plena campaña de la alcachofa y el brócoli.",
        "La asociación de productores calcula que las pérdidas podrían superar los cuarenta millones de euros si "
        "las restricciones se prolongan hasta la primavera.",
        "Desde el Ministerio para la Transición Ecológica recordaron que el plan especial de sequía prevé ayudas "
        "para las explotaciones que acrediten una caída significativa de la producción.",
        "Los expertos consultados coinciden en que la modernización de los regadíos ha reducido el consumo por "
        "hectárea, pero advierten de que la superficie cultivada no ha dejado de crecer.",
        "Mientras tanto, varios ayuntamientos de la comarca han pedido a los vecinos que limiten el uso de agua en "
        "jardines y piscinas privadas hasta nuevo aviso.",
        "La próxima reunión de la junta de gobierno está prevista para la segunda semana de diciembre, cuando se "
        "analizarán los datos actualizados de las reservas.",
    ),
)


def corpus_articles(corpus: Path) -> list[tuple[str, Article]]:
    """English articles of the corpus with 8-40 paragraphs of 300-2,000 words, by page id."""
    truth = json.loads((corpus / "pages-zyte" / "ground-truth.json").read_text(encoding="utf-8"))
    found = []
    for page_id, item in sorted(truth.items()):
        body = item["articleBody"]
        paragraphs = tuple(p.strip() for p in re.split(r"\n+", body) if len(p.split()) >= 5)
        ascii_share = sum(c.isascii() for c in body) / max(len(body), 1)
        if ascii_share > 0.97 and 8 <= len(paragraphs) <= 40 and 300 <= len(body.split()) <= 2000:
            title = " ".join(paragraphs[0].split()[:8]).rstrip(",;:—-")
            article = Article(title, _AUTHORS[len(found) % len(_AUTHORS)], paragraphs, "en")
            if _editable(article):
                found.append((page_id, article))
    return found


def _editable(article: Article) -> bool:
    """Whether the article has a sentence in its middle long enough to reword, cut or follow."""
    try:
        _middle_sentence(article)
    except ValueError:
        return False
    return True


_AUTHORS = ("Daniel Reyes", "Maria Okafor", "Tom Lindqvist", "Aisha Rahman", "Chen Wei", "Laura Bianchi")


def seed_article(corpus: Path) -> Article:
    """The Voci di Città article of the brief, without its notices (they belong to the original's page)."""
    lines = [line for line in (corpus / "seed" / "vocidicitta-putin-corea-del-nord.txt").read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")]
    body = lines[: next(i for i, line in enumerate(lines) if line.startswith("Fonte foto"))]
    return Article("Putin in Corea del Nord, la visita ufficiale", "Valentina Contarino", tuple(body), "it")


# ---------------------------------------------------------------------------------------------
# Publishers: how each builds its article pages, and the rules that follow it
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublisherStyle:
    """A Creative Commons publisher: its rules, and how it lays out an original with its apparatus."""

    key: str
    name: str
    domain: str
    license_id: str
    language: str
    render: Callable[[PublisherStyle, Article, str], str]

    def url(self, slug: str) -> str:
        return f"https://{self.domain}/{slug}/"

    @property
    def license(self):  # type: ignore[no-untyped-def]
        return parse_license(self.license_id)

    def rules(self, **requirements: object) -> Rules:
        return Rules(
            publisher=Publisher(self.name, aliases=(self.domain,), domains=(self.domain,), language=self.language),
            license=self.license,
            requirements=Requirements(**requirements),  # type: ignore[arg-type]
        )

    def original(self, article: Article, slug: str) -> str:
        return self.render(self, article, self.url(slug))


def _head(style: PublisherStyle, article: Article, url: str, image: str, extra: str = "") -> str:
    return (f'<!doctype html><html lang="{style.language}"><head><meta charset="utf-8">'
            f"<title>{html.escape(article.title)} | {html.escape(style.name)}</title>"
            f'<link rel="canonical" href="{url}"><meta property="og:image" content="{image}">'
            f'<meta property="og:site_name" content="{html.escape(style.name)}">'
            f'<meta name="author" content="{html.escape(article.author)}">{extra}</head>')


def _paragraphs(article: Article) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)


def _middle(article: Article) -> int:
    return max(2, len(article.paragraphs) // 2)


def _conversation(style: PublisherStyle, article: Article, url: str) -> str:
    """The Conversation: a "Republish this article" box with its guidelines and the article's HTML in a
    textarea, credits in figcaptions after the caption, a disclosure statement, CC BY-ND."""
    image = f"https://images.{style.domain}/files/{abs(hash(url)) % 10**6}/original/protest-1024x683.jpg"
    body = _paragraphs(article).split("\n")
    figure = (f'<figure class="align-center"><img src="{image}" alt="Protesters"><figcaption>'
              f'<span class="caption">Protesters gathered outside the state capitol on Tuesday.</span> '
              f'<span class="attribution"><span class="source">Steve Helber/AP Photo</span></span></figcaption></figure>')
    body.insert(_middle(article), figure)
    republish = (
        '<div class="republish-widget" id="republish"><h2>Republish this article</h2>'
        "<p>Republish our articles for free, online or in print, under a Creative Commons license.</p>"
        '<div class="modal" id="republish-modal" hidden><h3>Republishing guidelines</h3><ul>'
        "<li>You have to credit our authors.</li><li>You have to credit The Conversation.</li>"
        "<li>You can't edit the material, except to shorten it.</li>"
        "<li>You can't sell our articles separately.</li></ul>"
        f'<textarea readonly>&lt;p&gt;{html.escape(article.paragraphs[0])}&lt;/p&gt; '
        f'This article is republished from &lt;a href="{url}"&gt;The Conversation&lt;/a&gt; under a Creative '
        "Commons license.</textarea></div></div>"
    )
    return (_head(style, article, url, image) + "<body class='article-page'>"
            f'<header><nav class="site-nav"><a href="https://{style.domain}/">Home</a> '
            f'<a href="https://{style.domain}/politics">Politics</a></nav></header>'
            f"<main><article><h1>{html.escape(article.title)}</h1>"
            f'<div class="content-authors-group"><p><span class="fn author-name">{html.escape(article.author)}</span>, '
            f"Associate Professor of Political Science, University of Chester</p></div>"
            f'<div class="grid-ten content-body">{"".join(body)}</div>'
            '<aside class="disclosure"><h2>Disclosure statement</h2><p>The author does not work for, consult, own '
            "shares in or receive funding from any company that would benefit from this article.</p></aside>"
            f'{republish}<p class="license"><a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">'
            f"CC BY-ND 4.0</a></p></article></main>"
            f"<footer><p>Copyright © 2010–2026, The Conversation US, Inc.</p></footer></body></html>")


def _propublica(style: PublisherStyle, article: Article, url: str) -> str:
    """ProPublica: "Republish This Story" with the Republication Tracker Tool's modal and pixel,
    agency credits at the end of captions in parentheses, CC BY-NC-ND 3.0."""
    image = f"https://img.{style.domain}/images/articles/plant-workers.jpg?w=1200&q=75"
    body = _paragraphs(article).split("\n")
    body.insert(1, f'<figure><img src="{image}" alt=""><figcaption>Workers leave the plant at the end of a shift '
                   "in Decatur, Illinois. (AP Photo/Evan Vucci)</figcaption></figure>")
    pixel = (f'<img id="republication-tracker-tool-source" src="https://{style.domain}/?republication-pixel=true&amp;post=48213"'
             ' width="1" height="1">')
    modal = (
        '<div id="republication-tracker-tool-modal" class="republication-tracker-tool-modal" style="display:none">'
        "<h2>Republish This Story</h2><p>You may republish this article for free under a Creative Commons "
        "license. Do not edit our stories, except to reflect relative changes in time, location and editorial "
        "style. Include the author's byline and credit ProPublica.</p>"
        f"<textarea>{html.escape(_paragraphs(article))}{html.escape(pixel)}</textarea></div>"
    )
    return (_head(style, article, url, image) + "<body class='single single-post'>"
            '<div class="site-header"><ul class="menu"><li><a href="/topics">Topics</a></li></ul></div>'
            f"<article class='story'><header><h1>{html.escape(article.title)}</h1>"
            f'<p class="byline">by <a rel="author" href="https://{style.domain}/people/x">{html.escape(article.author)}</a></p>'
            '<time datetime="2026-11-02">Nov. 2, 2026, 5 a.m. EST</time></header>'
            f'<button class="republish-button">Republish This Story</button>{modal}'
            f'<div class="article-body">{"".join(body)}</div>{pixel}'
            '<p class="license-notice">This work is licensed under <a rel="license noopener noreferrer" '
            'href="https://creativecommons.org/licenses/by-nc-nd/3.0/?ref=chooser-v1">CC BY-NC-ND 3.0</a>.</p>'
            "</article><footer>© Copyright 2026 Pro Publica Inc.</footer></body></html>")


def _global_voices(style: PublisherStyle, article: Article, url: str) -> str:
    """Global Voices: credits such as "Screenshot from a video by Kloop, used with permission", and the
    licence only in a footer block, CC BY 3.0."""
    image = f"https://{style.domain}/wp-content/uploads/2026/11/kloop-screenshot-800x450.png"
    body = _paragraphs(article).split("\n")
    body.insert(_middle(article), f'<p><img src="{image}" alt="Screenshot"><br><em>Screenshot from a video by Kloop, '
                                  "used with permission.</em></p>")
    return (_head(style, article, url, image) + "<body class='post-template'>"
            f"<div class='page'><h1 class='entry-title'>{html.escape(article.title)}</h1>"
            f"<div class='post-meta'>Written by <a href='https://{style.domain}/author/x/'>{html.escape(article.author)}</a>"
            " · Posted 2 November 2026</div>"
            f'<div class="entry">{"".join(body)}</div></div>'
            '<div class="footer-license">Global Voices content is licensed under a <a rel="license" '
            'href="https://creativecommons.org/licenses/by/3.0/">Creative Commons Attribution 3.0</a> license.</div>'
            "</body></html>")


def _calmatters(style: PublisherStyle, article: Article, url: str) -> str:
    """CalMatters: the Republication Tracker Tool's "Republish" button and modal (with its hard-coded
    BY-ND notice), credits in `span.credit` without a label, CC BY-ND 4.0."""
    image = f"https://{style.domain}/wp-content/uploads/2026/11/capitol-1024x683.jpg"
    body = _paragraphs(article).split("\n")
    body.insert(2, f'<figure class="wp-block-image"><img src="{image}" alt=""><figcaption>The state Capitol in '
                   'Sacramento on Nov. 1, 2026. <span class="credit">Photo by Rich Pedroncelli, AP Photo</span>'
                   "</figcaption></figure>")
    body.insert(_middle(article) + 1, f'<figure><img src="https://{style.domain}/wp-content/uploads/2026/11/chart.png'
                                      '?resize=800" alt=""><span class="credit">Getty Images</span></figure>')
    modal = (
        '<div id="republication-tracker-tool-modal-content" style="display:none"><h2>Republish our articles for free</h2>'
        "<p>We want our journalism to reach as many people as possible. You can republish it for free.</p>"
        "<p>This article first appeared on CalMatters and is republished here under a Creative Commons "
        "Attribution-NoDerivatives 4.0 International License.</p></div>"
    )
    return (_head(style, article, url, image) + "<body class='single has-sidebar'>"
            f"<div class='site'><main id='main'><h1>{html.escape(article.title)}</h1>"
            f'<div class="byline">By {html.escape(article.author)}, CalMatters · November 2, 2026</div>'
            f'<div class="entry-content">{"".join(body)}</div>'
            '<div class="widget republication-tracker-tool"><button>Republish</button></div>'
            f'{modal}<p>This article is licensed <a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">'
            "CC BY-ND 4.0</a>.</p></main><aside class='sidebar'><h2>Most read</h2></aside></div></body></html>")


def _agency(style: PublisherStyle, article: Article, url: str) -> str:
    """A Spanish news agency: captions that end with the agency's name, a licence notice in Spanish,
    CC BY 4.0."""
    image = f"https://{style.domain}/fotos/embalse-segura-1200x800.jpg"
    body = _paragraphs(article).split("\n")
    body.insert(1, f'<figure><img src="{image}" alt="Embalse"><figcaption>Vista del embalse de la Fuensanta, '
                   "este martes. Europa Press</figcaption></figure>")
    return (_head(style, article, url, image) + "<body>"
            f"<div class='noticia'><h1>{html.escape(article.title)}</h1>"
            f'<p class="firma">{html.escape(article.author)} · Murcia · 2 de noviembre de 2026</p>'
            f'<div class="cuerpo">{"".join(body)}</div>'
            '<p class="licencia">Este contenido se publica bajo licencia <a rel="license" '
            'href="https://creativecommons.org/licenses/by/4.0/deed.es">Creative Commons Reconocimiento 4.0 '
            "Internacional</a>. Puede reproducirse citando a Agencia Sur.</p></div></body></html>")


def _voci(style: PublisherStyle, article: Article, url: str) -> str:
    """Voci di Città, as the brief quotes it: the featured photo credited to an agency, the author's
    name alone on a line, "© RIPRODUZIONE RISERVATA" above a Creative Commons grant of no version."""
    image = f"https://{style.domain}/wp-content/uploads/2024/06/putin-kim-jong-un.jpg"
    tail = ("<p>Fonte foto in evidenza: Adnkronos</p>"
            f'<p class="author-name">{html.escape(article.author)}</p><p>© RIPRODUZIONE RISERVATA</p>'
            "<p>Articoli di proprietà di Voci di Città, rilasciati sotto licenza Creative Commons.<br>"
            "Sei libero di ridistribuirli e riprodurli, citando la fonte.</p>"
            "<div class='redazione'><p>Ti piacerebbe entrare nella redazione di Voci di Città? Invia un articolo "
            "di prova, a tema libero, all’indirizzo e-mail della redazione.</p></div>")
    return (_head(style, article, url, image) + "<body class='post-template-default single'>"
            f"<article><h1>{html.escape(article.title)}</h1><img src='{image}' alt=''>"
            f'<div class="td-post-content">{_paragraphs(article)}{tail}</div></article></body></html>')


STYLES = (
    PublisherStyle("conversation", "The Conversation", "theconversation.test", "CC BY-ND 4.0", "en", _conversation),
    PublisherStyle("propublica", "ProPublica", "propublica.test", "CC BY-NC-ND 3.0", "en", _propublica),
    PublisherStyle("globalvoices", "Global Voices", "globalvoices.test", "CC BY 3.0", "en", _global_voices),
    PublisherStyle("calmatters", "CalMatters", "calmatters.test", "CC BY-ND 4.0", "en", _calmatters),
    PublisherStyle("agency", "Agencia Sur", "agenciasur.test", "CC BY 4.0", "es", _agency),
    PublisherStyle("voci", "Voci di Città", "vocidicitta.test", "CC BY 4.0", "it", _voci),
)


# ---------------------------------------------------------------------------------------------
# Copies: a real page's article area with the republished article swapped in
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """A real page whose article paragraphs can be replaced."""

    page_id: str
    url: str
    html: str
    truth_key: str  # the page's own article body, as a comparison key
    shows_a_cc_licence: bool = False  # the site itself shows a Creative Commons licence (in its footer...)

    def render(self, paragraphs: list[str], before: str = "", after: str = "") -> str:
        """The page with its article paragraphs replaced by ``paragraphs`` (HTML), ``before`` and
        ``after`` (HTML) around them."""
        root = lxml.html.document_fromstring(self.html, parser=_PARSER)
        marked = _article_elements(root, self.truth_key)
        first = marked[0]
        new = lxml.html.fragments_fromstring(before + "".join(paragraphs) + after, parser=_PARSER)
        for element in new:
            if isinstance(element, str):
                continue
            first.addprevious(element)
        for element in marked:
            element.drop_tree()
        return lxml.html.tostring(root, encoding="unicode", doctype="<!doctype html>")


_PARSER = lxml.html.HTMLParser(huge_tree=True, remove_comments=False)


@cache
def _truth(corpus: Path) -> dict[str, dict[str, str]]:
    return json.loads((corpus / "pages-zyte" / "ground-truth.json").read_text(encoding="utf-8"))


def _article_elements(root: lxml.html.HtmlElement, truth_key: str) -> list[lxml.html.HtmlElement]:
    """The outermost elements whose text is a run of the page's own article body, in document order."""
    body = f" {truth_key} "
    found: list[lxml.html.HtmlElement] = []
    inside: set[lxml.html.HtmlElement] = set()
    for element in root.iter(*_BLOCKS):
        if any(a in inside for a in element.iterancestors()):
            continue
        text = key(element.text_content())
        if len(text.split()) >= 4 and f" {text} " in body and len(text) < 0.6 * len(truth_key) + 200:
            if element.tag in {"div", "section", "span"} and len(element) and any(
                    isinstance(c.tag, str) and c.tag in _BLOCKS for c in element):
                continue  # a wrapper: its paragraphs are marked one by one
            found.append(element)
            inside.add(element)
    return found


def _shows_a_cc_licence(root: lxml.html.HtmlElement) -> bool:
    """Whether the site shows a Creative Commons licence of its own (a visible link to a deed), which
    satisfies the licence notice of an otherwise uncredited copy."""
    return any("creativecommons.org/licenses" in (a.get("href") or "") and not _hidden(a) for a in root.iter("a")) or \
        "licensed under a creative commons" in " ".join(root.text_content().lower().split())


def _hidden(element: lxml.html.HtmlElement) -> bool:
    """Whether the page hides an element from readers until a script shows it."""
    for node in (element, *element.iterancestors()):
        style = (node.get("style") or "").replace(" ", "").lower()
        if node.get("hidden") is not None or "display:none" in style or node.tag in {"noscript", "template"}:
            return True
    return False


def layouts(corpus: Path, limit: int | None = None) -> Iterator[Layout]:
    """Corpus pages whose article paragraphs can be found (at least three, holding half the body)."""
    truth = _truth(corpus)
    count = 0
    for page_id, item in sorted(truth.items()):
        path = corpus / "pages-zyte" / "html" / f"{page_id}.html"
        if not path.exists():
            continue
        page_html = path.read_text(encoding="utf-8", errors="replace")
        truth_key = key(item["articleBody"])
        try:
            root = lxml.html.document_fromstring(page_html, parser=_PARSER)
        except (lxml.etree.ParserError, ValueError):
            continue
        marked = _article_elements(root, truth_key)
        covered = sum(len(key(e.text_content()).split()) for e in marked)
        if len(marked) < MIN_ARTICLE_BLOCKS or covered < 0.5 * len(truth_key.split()) or _hidden(marked[0]):
            continue  # the article cannot be found, or the page shows it only through scripts
        yield Layout(page_id, item["url"], page_html, truth_key, _shows_a_cc_licence(root))
        count += 1
        if limit and count >= limit:
            return


# ---------------------------------------------------------------------------------------------
# Credits, and the variants of a copy
# ---------------------------------------------------------------------------------------------

_CREDIT = {
    "en": ('<p class="republished">This article by {author} was originally published by <a href="{url}">{name}</a> '
           'and is republished under a <a rel="license" href="{deed}">{license}</a> license.</p>'),
    "it": ('<p class="fonte">Questo articolo di {author} è stato pubblicato originariamente da '
           '<a href="{url}">{name}</a> ed è ripubblicato con licenza <a href="{deed}">{license}</a>.</p>'),
    "es": ('<p class="fuente">Este artículo de {author} fue publicado originalmente por <a href="{url}">{name}</a> '
           'y se reproduce bajo licencia <a href="{deed}">{license}</a>.</p>'),
}

INSERTED = {
    "en": "Critics, however, say the official figures tell only part of a much larger story.",
    "it": "Secondo alcuni osservatori, tuttavia, i numeri ufficiali raccontano solo una parte della storia.",
    "es": "Algunos críticos, sin embargo, sostienen que las cifras oficiales cuentan solo una parte de la historia.",
}
REWORDING = {"en": "according to people familiar with the matter", "it": "secondo fonti vicine al dossier",
             "es": "según fuentes cercanas al caso"}


def credit(style: PublisherStyle, article: Article, url: str) -> str:
    lic = style.license
    return _CREDIT[article.language].format(author=html.escape(article.author), url=url, name=html.escape(style.name),
                                            deed=lic.deed_url, license=lic.short_name)


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý“\"¿])", paragraph) if s]


def _middle_sentence(article: Article) -> tuple[int, int, list[str]]:
    """A paragraph in the middle of the article and one of its sentences long enough to change."""
    order = sorted(range(1, len(article.paragraphs) - 1), key=lambda i: abs(i - len(article.paragraphs) / 2))
    for index in order:
        sentences = _sentences(article.paragraphs[index])
        for position, sentence in enumerate(sentences):
            if len(key(sentence).split()) >= 10 and sentence.rstrip()[-1:] in ".!?”\"":
                return index, position, sentences
    raise ValueError("no sentence of ten words in the middle of the article")  # a list of dates, a table


def variant(article: Article, kind: str) -> list[str]:
    """The article's paragraphs as HTML, unchanged or with one change a reader would call an edit."""
    paragraphs = list(article.paragraphs)
    if kind != "unchanged":
        index, position, sentences = _middle_sentence(article)
        if kind == "reworded":
            words = sentences[position].split()
            words[3:6] = REWORDING[article.language].split()
            sentences[position] = " ".join(words)
        elif kind == "cut":
            del sentences[position]
        elif kind == "inserted":
            sentences.insert(position + 1, INSERTED[article.language])
        else:
            raise ValueError(kind)
        paragraphs[index] = " ".join(sentences)
    return [f"<p>{html.escape(p)}</p>" for p in paragraphs]


@dataclass(frozen=True)
class Case:
    """One copy to judge: which layout, which publisher and article, which variant."""

    layout: Layout
    style: PublisherStyle
    article: Article
    slug: str
    kind: str  # unchanged, reworded, cut, inserted, uncredited
    credit_at: str  # before, after

    @property
    def original_url(self) -> str:
        return self.style.url(self.slug)

    @property
    def page_url(self) -> str:
        return self.layout.url

    def original_html(self) -> str:
        return self.style.original(self.article, self.slug)

    def page_html(self) -> str:
        paragraphs = variant(self.article, "unchanged" if self.kind == "uncredited" else self.kind)
        line = "" if self.kind == "uncredited" else credit(self.style, self.article, self.original_url)
        if self.credit_at == "before":
            return self.layout.render(paragraphs, before=line)
        return self.layout.render(paragraphs, after=line)

    @property
    def expected(self) -> set[str]:
        """The finding codes a correct judgement gives."""
        if self.kind == "unchanged":
            return set()
        if self.kind == "uncredited":
            codes = {"source-missing", "source-link-missing", "author-missing", "license-missing"}
            return codes - {"license-missing"} if self.layout.shows_a_cc_licence else codes
        codes = {"modified-unmarked"}
        if self.style.license.is_no_derivatives:
            codes.add("modified-nd")
        return codes


KINDS = ("unchanged", "reworded", "cut", "inserted", "uncredited")


def cases(corpus: Path, layout_limit: int | None = None, kinds: tuple[str, ...] = KINDS) -> Iterator[Case]:
    """Every layout with one publisher and article in turn (never the layout's own article), every kind."""
    articles = [a for _, a in corpus_articles(corpus)]
    italian, pool = seed_article(corpus), iter(range(10**9))
    for number, layout in enumerate(layouts(corpus, layout_limit)):
        style = STYLES[number % len(STYLES)]
        if style.language == "it":
            article = italian
        elif style.language == "es":
            article = SPANISH
        else:
            article = articles[next(pool) % len(articles)]
            if key(article.paragraphs[0]) in layout.truth_key:
                article = articles[next(pool) % len(articles)]
        for kind in kinds:
            yield Case(layout, style, article, f"2026/11/story-{number}", kind, "before" if number % 3 == 2 else "after")
