"""HTML into a :class:`PageView`: what a reader sees, kept apart from what is hidden (pure).

Attribution is judged on the raw DOM, never on extracted article text: main-text extractors delete
credit boxes (``aside``, ``footer``, ``.byline``...), which is exactly where credits live. The page is
read as deep as a browser renders it, its CSS as a browser cascades it (see :mod:`css`), and a
malformed URL is skipped where it is read, never raised.
"""

from __future__ import annotations

import codecs
import json
import re
import threading
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from . import css, elements, licenses, urls
from .memo import by_short_text
from .models import FrozenMap, Image, License, LicenseSignal, Link, PageView, TextBlock, Visibility

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre "
    "table thead tbody tfoot tr td th caption figure figcaption form fieldset address details summary hr "
    "center body html dialog".split()
)
NOT_RENDERED = frozenset({"script", "style", "template", "head", "title", "meta", "link", "base", "iframe", "object"})
MAX_JSON_LD_BYTES = 1_000_000
# Chromium stops nesting elements at 512 and appends deeper ones there; a page nested deeper than
# libxml2 accepts is flattened to this depth so that its text is read, not dropped.
FLATTEN_DEPTH = 512
PROSE_WORDS = 12  # a block of this many words or more, not a link list, reads as prose

_CHROME_TEXT = re.compile(
    r"^\s*(?:leggi anche|leggi pure|potrebbe interessarti|ti potrebbe interessare|read (?:also|more)|see also"
    r"|related|advertisement|pubblicit[aà]|annuncio|sponsored|condividi|share(?: this)?|lee tambi[eé]n"
    r"|lire aussi|voir aussi|lesen sie auch|mehr zum thema|anzeige|leia tamb[eé]m|publicidad|publicit[eé])\b",
    re.I,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# Runs of white space but line breaks, each to one space: what the pattern replaces is all but the single
# spaces between words, which it leaves as they are (most blocks have nothing else).
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]{2,}|[\t\r\f\v\u00a0]")
_BEYOND_SINGLE_SPACES = re.compile(r"[\t\r\f\v\u00a0]| [ \t\r\f\v\u00a0]")
_BLANK_LINES = re.compile(r"\n{2,}")

# Browsers read these labels as windows-1252, and so must we.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}


def decode_html(body: bytes, content_type: str = "") -> str:
    """Bytes to text: the charset of the Content-Type header, a BOM, a meta tag, then UTF-8 or cp1252."""
    candidates: list[str] = []
    m = re.search(r"charset\s*=\s*[\"']?([\w:.-]+)", content_type, re.I)
    if m:
        candidates.append(m.group(1))
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            candidates.insert(0, name)
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for name in candidates:
        name = _CHARSET_ALIASES.get(name.lower(), name)
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


# ---------------------------------------------------------------------------------------------
# Parsing, as deep as a browser renders
# ---------------------------------------------------------------------------------------------

_PARSERS = threading.local()  # lxml parsers must not be shared between threads
_TAG_TEXT = re.compile(r"<[^>]*>")


def _parser(plain: bool) -> lxml.etree.HTMLParser:
    name = "plain" if plain else "html"
    parser = getattr(_PARSERS, name, None)
    if parser is None:
        # huge_tree lifts libxml2's depth limit from 256 to 2048 (and its text-node size limit; the
        # fetcher's size cap bounds the page).
        kind = lxml.etree.HTMLParser if plain else lxml.html.HTMLParser
        parser = kind(huge_tree=True, no_network=True)
        setattr(_PARSERS, name, parser)
    return parser


# The text of an element and all inside it (what lxml.html's ``text_content()`` computes), for the
# plain elements parse_page reads.
text_content = lxml.etree.XPath("string()", smart_strings=False)


def parse_document(html: str, plain: bool = False) -> lxml.html.HtmlElement | None:
    """An lxml tree of the page, or None for a page with no markup at all. ``plain``: lxml's own
    elements rather than lxml.html's (the same tree, without a Python class lookup for every element
    touched; read their text with :data:`text_content`)."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    root, truncated = _parse(html, plain)
    if truncated:
        root, _ = _parse(flatten(html, FLATTEN_DEPTH), plain)
    return root


def _parse(html: str, plain: bool) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The tree, and whether libxml2 dropped part of the page (it stops at a nesting depth silently)."""
    parser = _parser(plain)
    try:
        # as lxml.html.document_fromstring, whatever the parser's element classes
        root = lxml.etree.fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, False
    if root is None:
        return None, False
    if any("depth" in entry.message.lower() for entry in parser.error_log) or _DEEPER_THAN_A_BROWSER(root):
        return root, True
    # truncated: the parsed text is less than half the page's text outside tags, of over 1,000 characters
    return root, _text_longer_than(html, max(1000, 2 * len(text_content(root))))


def _text_longer_than(html: str, limit: int) -> bool:
    """Whether the text of ``html`` outside tags is longer than ``limit``. The tags are counted a piece of
    the page at a time, until they leave no more than that: most often after the first piece, or before
    any (the page is no longer). A piece ends just after a ``>``, which ends any tag it is in, so the tags
    of the pieces are those of the page."""
    room = len(html) - limit  # the characters of tags that leave no more than limit
    start = 0
    while room > 0:
        if start >= len(html):
            return True
        end = html.find(">", start + 4096)
        end = len(html) if end == -1 else end + 1
        piece = html[start:end]
        room -= len(piece) - len(_TAG_TEXT.sub("", piece))
        start = end
    return False


# Whether some element lies deeper than Chromium nests: libxml2 nests up to 2,048 levels, and a
# browser shows what lies past 512 as siblings, so such a page is flattened too.
_DEEPER_THAN_A_BROWSER = lxml.etree.XPath("boolean(/*" + "/*" * FLATTEN_DEPTH + ")")


_MARKUP = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:_-]*)|<!--|<!|<\?")
_RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"})
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr param keygen frame".split())
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})  # <li><li>: siblings


def flatten(html: str, max_depth: int) -> str:
    """``html`` with no element nested deeper than ``max_depth``: as in Chromium, an element that would
    open deeper becomes the next sibling of the deepest one, so its text (and its block) is kept. One
    pass, linear in the page's size."""
    out: list[str] = []
    open_tags: list[str] = []
    counts: dict[str, int] = {}  # open elements by name: an end tag with none open is dropped at once
    position = 0

    def pop() -> str:
        name = open_tags.pop()
        counts[name] -= 1
        return name

    while (m := _MARKUP.search(html, position)) is not None:
        if m.group(0) == "<!--":
            end = html.find("-->", m.end())
            end = len(html) if end == -1 else end + 3
            out.append(html[position:end])
            position = end
            continue
        close = html.find(">", m.end())
        end = len(html) if close == -1 else close + 1
        out.append(html[position : m.start()])
        position = end
        name = (m.group(2) or "").lower()
        if m.group(1):  # an end tag closes the nearest open element of its name and all inside it
            if counts.get(name):
                while pop() != name:
                    pass
                out.append(html[m.start() : end])
            continue
        if not name or name in _VOID_TAGS or html[end - 2 : end] == "/>":
            out.append(html[m.start() : end])
            continue
        if name in _SELF_CLOSING and open_tags and open_tags[-1] == name:
            pop()
        elif len(open_tags) >= max_depth:
            out.append(f"</{pop()}>")
        open_tags.append(name)
        counts[name] = counts.get(name, 0) + 1
        if name in _RAW_TEXT_TAGS:  # its text is not markup: jump to its end tag
            closing = re.compile(rf"</{name}\b", re.I).search(html, end)
            position = len(html) if closing is None else closing.start()
        out.append(html[m.start() : position if name in _RAW_TEXT_TAGS else end])
    out.append(html[position:])
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------


def parse_page(html: str, url: str) -> PageView:
    """Read one HTML page as the checker needs it."""
    root = parse_document(html, plain=True)
    if root is None:
        return PageView(url, "", None, None, (), (), (), (), ())
    head = _Head(root)
    base = _base_url(head, url)
    reader = _Reader(root, base)
    reader.read()
    json_ld = list(_json_ld_objects(head))
    meta = _metadata(head, json_ld)
    hidden = [*reader.hidden, *_meta_blocks(head, json_ld)]
    signals = _license_signals(head, base, reader, hidden, json_ld)
    title = meta.get("title") or next((b.text for b in reader.blocks if b.tag == "h1"), "")
    return PageView(
        url=url,
        title=title,
        language=(root.get("lang") or meta.get("language") or None),
        canonical=_canonical(head, base),
        blocks=tuple(reader.blocks),
        hidden_blocks=tuple(hidden),
        links=tuple(reader.links),
        images=tuple(reader.images),
        license_signals=tuple(signals),
        meta=FrozenMap(meta),
        authors=tuple(_authors(reader.anchors(), head, json_ld)),
    )


def text_of_html(fragment: str) -> str:
    """The visible text of an HTML fragment (a feed item's content), one block a line."""
    return parse_page(f"<html><body>{fragment}</body></html>", "about:blank").visible_text


_ALTERNATE_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}


def feed_links(html: str, url: str) -> list[str]:
    """Feeds a home page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    root = parse_document(html)
    if root is None:
        return []
    head = _Head(root)
    base = _base_url(head, url)
    found = []
    for link in head.links:
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in _ALTERNATE_TYPES and (href := resolve(base, link.get("href"))):
            found.append(href)
    return found


_PLAIN_ABSOLUTE = re.compile(r"https?://[^\s/?#\[\]:@]+(?:[/?#]|$)", re.I)
# A path from the root that urljoin copies as it is: no "." or ".." segment, no empty segment (which
# it drops), no ";" (its path parameters), and a query or fragment, when there is one, not empty (an
# empty one it drops too); only characters that urlsplit never strips or removes.
_URL_CHARS = r"[A-Za-z0-9\-._~!$&'()*+,=:@%]"
_PLAIN_ROOTED = re.compile(
    rf"/(?:(?!\.\.?(?:[/?#]|$)){_URL_CHARS}+(?:/|(?=[?#])|$))*(?:\?[{_URL_CHARS[1:-1]};/?]+)?(?:#[{_URL_CHARS[1:-1]};/?]+)?"
)


@lru_cache(maxsize=256)
def _origin(base: str) -> str | None:
    """``scheme://host`` of an http(s) base URL that resolves paths from the root (its port valid)."""
    try:
        parts = urlsplit(base)
        _ = parts.port
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def resolve(base: str, href: str | None) -> str | None:
    """``href`` made absolute against ``base``; None when either is malformed (``http://[oops/``, a port
    out of range), so that one bad attribute never stops the reading of a page."""
    if not href or not href.strip():
        return None
    href = href.strip()
    if _PLAIN_ABSOLUTE.match(href):
        return href  # the common case: absolute, no port, no IPv6 literal, nothing that can raise
    if href[0] == "/" and (origin := _origin(base)) and _PLAIN_ROOTED.fullmatch(href):
        return origin + href  # the next most common: what urljoin gives such a path, without parsing
    try:
        url = urljoin(base, href)
        _ = urlsplit(url).port  # raises ValueError on a bad port or IPv6 literal
    except ValueError:
        return None
    return url


# ---------------------------------------------------------------------------------------------
# Evidence labels
# ---------------------------------------------------------------------------------------------


_PAGE_TAGS = frozenset({"body", "html"})


class _Places:
    """Where an element is, for evidence: its label (``tag#id.class``, e.g. ``div.credit``) after those of
    its two nearest ancestors inside the body. Each element's label and place are computed once (a page's
    blocks, links and images share their elements and ancestors: the items of a menu share their list,
    and each link its item), and a label's id and class are read from the page's survey: once per
    distinct id or class list, however many elements carry it."""

    def __init__(self, survey: elements.Survey) -> None:
        self._places: dict[Any, str] = {}
        self._labels: dict[Any, str] = {}
        self._ids = _label_parts("#", survey.by_id)
        self._classes = _label_parts(".", survey.by_classes)

    def __call__(self, el: Any) -> str:
        found = self._places.get(el)
        if found is None:
            found = self._label(el)
            parent = el.getparent()
            if parent is not None and parent.tag not in _PAGE_TAGS:
                found = f"{self._label(parent)} > {found}"
                grandparent = parent.getparent()
                if grandparent is not None and grandparent.tag not in _PAGE_TAGS:
                    found = f"{self._label(grandparent)} > {found}"
            self._places[el] = found
        return found

    def _label(self, el: Any) -> str:
        found = self._labels.get(el)
        if found is None:
            tag = el.tag
            name = tag if isinstance(tag, str) else "comment"
            found = self._labels[el] = f"{name}{self._ids.get(el, '')}{self._classes.get(el, '')}"
        return found


def _label_parts(mark: str, groups: dict[str, list[Any]]) -> dict[Any, str]:
    """``mark`` and the first name of an id or class list, cut at 40 characters, for the elements of each
    group that has one (an id or class of white space alone names nothing)."""
    parts: dict[Any, str] = {}
    for value, group in groups.items():
        names = value.split()
        if names:
            parts.update(dict.fromkeys(group, mark + names[0][:40]))
    return parts


# ---------------------------------------------------------------------------------------------
# Page furniture: whole words of class and id, tags and roles
# ---------------------------------------------------------------------------------------------

_CHROME_WORDS = frozenset(
    "nav navbar navigation navi menu menus megamenu submenu sidebar sidebars masthead toolbar breadcrumb "
    "breadcrumbs pagination pager ad ads advert adverts advertisement advertisements advertising adsbygoogle "
    "adslot adunit dfp banner banners sponsor sponsors sponsored promo promos promotion promoted related "
    "correlati recommended recommendations recirculation recirc trending popular outbrain taboola share shares "
    "sharing sharebar sharethis addthis social socials newsletter newsletters subscribe subscription comment "
    "comments disqus cookie cookies consent gdpr modal popup leggianche readalso seealso".split()
)
_CHROME_PAIRS = frozenset({
    ("read", "also"), ("leggi", "anche"), ("see", "also"), ("read", "more"), ("more", "stories"),
    ("most", "read"), ("most", "popular"), ("piu", "letti"), ("più", "letti"), ("skip", "link"),
    ("may", "like"), ("also", "like"),
})
# "non-ad-column", "no-sidebar", "has-sidebar", "and-w-sidebar": words that describe a layout, not furniture.
_NEGATING = frozenset({"non", "no", "not", "without", "has", "with", "w", "hide"})
# Embedded posts and media (a tweet, an Instagram post, a video) and pull quotes are the article's own
# content: real pages' article text includes them, and so do the originals' extracted texts.
_CONTENT_WORDS = frozenset({"embed", "embedded", "tweet", "pullquote", "quote"})
_CHROME_TAGS = frozenset({"nav", "aside", "dialog"})
_CHROME_ROLES = frozenset({"navigation", "complementary", "banner", "dialog", "alertdialog", "search"})
_FOOTER_WORDS = frozenset({"footer", "colophon", "contentinfo"})
_WORD_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_]+")


@by_short_text(16384)
def _words(names: str) -> tuple[str, ...]:
    """Class and id names as lower-case words: split on spaces, ``-``, ``_`` and camelCase."""
    return tuple(w.lower() for w in _WORD_PARTS.findall(names))


@by_short_text(16384)
def _furniture(names: str) -> tuple[bool, bool]:
    """(chrome, footer) for a ``class id`` string, each name read as whole words."""
    chrome = footer = False
    for name in names.split():
        words = _words(name)
        if _CONTENT_WORDS.intersection(words):
            continue
        for i, word in enumerate(words):
            negated = i > 0 and words[i - 1] in _NEGATING
            if not negated and (word in _CHROME_WORDS or (i > 0 and (words[i - 1], word) in _CHROME_PAIRS)):
                chrome = True
            site_info = i > 0 and (words[i - 1], word) == ("site", "info")
            if not negated and (word in _FOOTER_WORDS or word.endswith("footer") or site_info):
                footer = True
    return chrome, footer


# What an element's class, id and role say of it, as bits (its tag is read by the walk).
_NAMED_CHROME, _NAMED_FOOTER, _ROLE_CHROME, _ROLE_FOOTER = 1, 2, 4, 8


def _furniture_marks(survey: elements.Survey) -> dict[Any, int]:
    """The elements whose class, id or role looks like furniture (chrome) or a footer, with the bits
    saying which. Each class list, id and role is read once per page, however many elements carry it
    (menus repeat theirs); an element's class list and id are read apart, and its bits are the union."""
    marks: dict[Any, int] = {}
    for groups in (survey.by_classes, survey.by_id):
        for names, group in groups.items():
            chrome, footer = _furniture(names)
            _mark(marks, group, (_NAMED_CHROME if chrome else 0) | (_NAMED_FOOTER if footer else 0))
    for written, group in survey.by_role.items():
        role = written.lower()  # a role is compared whole
        _mark(marks, group, (_ROLE_CHROME if role in _CHROME_ROLES else 0) | (_ROLE_FOOTER if role == "contentinfo" else 0))
    return marks


def _mark(marks: dict[Any, int], group: list[Any], bits: int) -> None:
    """Adds ``bits`` to the marks of the group's elements."""
    if bits:
        for el in group:
            marks[el] = marks.get(el, 0) | bits


def _looks_like(tag: str, marks: int) -> tuple[bool, int]:
    """Whether an element looks like furniture (chrome), by its tag and the marks of its role, class
    and id; and like a footer: 2 by its tag or role (always one), 1 by its class or id (unless it
    holds the page)."""
    chrome = bool(marks & (_NAMED_CHROME | _ROLE_CHROME)) or tag in _CHROME_TAGS
    return chrome, 2 if tag == "footer" or marks & _ROLE_FOOTER else int(bool(marks & _NAMED_FOOTER))


# ---------------------------------------------------------------------------------------------
# The DOM walk: text blocks in document order, each visible or hidden with the reason
# ---------------------------------------------------------------------------------------------

# What the walk does with a tag, looked up once per element.
_UNRENDERED, _BLOCK, _FURNITURE, _SPECIAL, _DOCUMENT = 1, 2, 4, 8, 16
_TAG_KINDS: dict[str, int] = {}
for _tags, _kind in ((NOT_RENDERED, _UNRENDERED), (BLOCK_TAGS, _BLOCK), (_CHROME_TAGS | {"footer"}, _FURNITURE),
                     ({"details", "figure", "a", "img", "br", "svg", "picture"}, _SPECIAL),
                     ({"html", "body"}, _DOCUMENT)):
    for _tag in _tags:
        _TAG_KINDS[_tag] = _TAG_KINDS.get(_tag, 0) | _kind

_NOSCRIPT = css.Hiding(Visibility.NOSCRIPT, "inside <noscript>")
_COLLAPSED = css.Hiding(Visibility.COLLAPSED, "inside a closed <details>")


@dataclass(slots=True)
class _LinkDraft:
    el: Any
    href: str
    hiding: css.Hiding | None
    footers: tuple[int, ...]
    texts: list[str] = field(default_factory=list)
    has_image: bool = False


@dataclass(slots=True)
class _HiddenDraft:
    el: Any
    hiding: css.Hiding
    ancestry: tuple[int, ...]
    texts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _BlockDraft:
    text: str
    el: Any
    ancestry: tuple[int, ...]
    chrome: tuple[int, ...]   # positions in ancestry of elements that look like furniture
    footer: tuple[int, ...]   # positions in ancestry of footer-like elements
    boilerplate: bool


@dataclass(slots=True)
class _Furniture:
    """An element that looks like furniture (chrome) or a footer, and the text it holds."""

    serial: int
    chrome: bool
    footer: int   # see _looks_like
    chars: int    # visible text inside it (while open: minus the page's visible text before it)
    prose: int = 0  # of which in blocks that read as prose (sentences, not link lists)


# What an open element passes to its children: (style, where its hidden text goes, the link it is
# in, the figure it is in, the style a <summary> child inherits when it is a closed <details>), and
# what its end undoes: (whether it is a visible block, its furniture record).
_Context = tuple[css.Computed, _HiddenDraft | None, _LinkDraft | None, Any, css.Computed | None]
_TAKES_TEXT = ("start", "end", "comment", "pi")  # every node whose text or tail is read
_IMAGE_TAGS = frozenset({"img", "svg", "picture"})


class _Reader:
    """Walks the body once, in document order, collecting text blocks, links, images and what hides what.

    The walk is the page's hottest loop (every element of a real page passes through it), so an
    element that declares nothing and is no link, block or furniture costs a few steps: it shares its
    parent's style and drafts, and only elements that may differ take the slower paths."""

    def __init__(self, root: lxml.html.HtmlElement, base: str) -> None:
        self.root = root
        self.base = base
        self.blocks: list[TextBlock] = []
        self.hidden: list[TextBlock] = []
        self.links: list[Link] = []
        self.images: list[Image] = []
        # Kept while the page is read: lxml makes a Python object for an element whenever one is asked
        # for and none is alive; the survey's stay alive, and the walk and every later look at an
        # element reuse them instead of making them all again.
        survey = self._survey = elements.survey(root)
        self._styles = css.PageStyles(root, survey)
        self._marks = _furniture_marks(survey)
        self._serials: list[int] = []        # of the open elements, outermost first
        self._block_depths: list[int] = []   # depths of the open visible block elements
        self._block_elements: list[Any] = []
        self._chrome_depths: list[int] = []
        self._footer_depths: list[int] = []
        self._footer_serials: list[int] = []
        self._open_furniture: list[tuple[int, _Furniture]] = []  # (depth, record), outermost first
        self._buffer: list[str] = []
        self._drafts: list[_BlockDraft] = []
        self._hidden_drafts: list[_HiddenDraft | TextBlock] = []
        self._link_drafts: list[_LinkDraft] = []
        self._image_drafts: list[tuple[dict[str, Any], tuple[int, ...]]] = []  # an Image's fields, open footers
        self._furniture: dict[int, _Furniture] = {}  # by serial, once closed
        self._captions: dict[Any, str] = {}
        self._total = (0, 0)  # the page's visible text, and its prose
        self._prose = 0
        self._where = _Places(survey)
        self._resolved: dict[str | None, str | None] = {}  # href -> absolute URL: menus repeat their links

    def read(self) -> None:
        for comment in self.root.iter(lxml.etree.Comment):
            text = " ".join((comment.text or "").split())
            parent = comment.getparent()
            if text and parent is not None:
                self._hidden_drafts.append(TextBlock(text, self._where(parent) + " (comment)", "HTML comment",
                                                     visibility=Visibility.COMMENT, tag="comment"))
        body = self.root.find("body")
        self._walk(body if body is not None else self.root)
        self._finish()

    def anchors(self) -> list[Any]:
        """Every ``<a>`` of the page, in document order (from the survey, as ``root.iter("a")``)."""
        return self._survey.by_tag.get("a", [])

    # -- the walk ------------------------------------------------------------------------------

    def _walk(self, start: lxml.html.HtmlElement) -> None:
        """Every element's start and end and every text and tail, in document order, as lxml's
        iterwalk gives them: an element's text is read at its start in its own context, its tail at its
        end in its parent's. The open elements' contexts are kept on a stack of tuples, and the page's
        running count of visible text gives each furniture element the text it holds."""
        if _TAG_KINDS.get(start.tag, 0) & _UNRENDERED:
            return
        styled, marks = self._styles.styled, self._marks
        serials, buffer = self._serials, self._buffer
        stack: list[tuple[_Context, bool, _Furniture | None]] = []
        # the innermost open element's context (its children inherit it), as a tuple and unpacked; most
        # elements change nothing in it and pass their parent's tuple on as it is
        style: css.Computed = css.ROOT
        hidden: _HiddenDraft | None = None
        link: _LinkDraft | None = None
        figure: Any = None
        summary: css.Computed | None = None
        context: _Context = (style, hidden, link, figure, summary)
        serial = chars = link_chars = 0
        filled = skipped = False  # filled: the buffer holds more than white space
        walker = lxml.etree.iterwalk(start, events=_TAKES_TEXT)
        for event, el in walker:
            if event == "start":
                tag = el.tag
                kind = _TAG_KINDS.get(tag, 0)
                if kind & _UNRENDERED:
                    walker.skip_subtree()  # its end comes next: only its tail is read
                    skipped = True
                    continue
                serial += 1
                depth = len(stack)
                parent = context
                own = False  # whether the element changes the context its children inherit
                hiding = style.hiding
                if summary is None and (hiding.sticky if hiding is not None else (
                        tag != "noscript" and el not in styled
                        and not (tag in css.UA_COLOUR and (style.colour is not None or style.background is not None)))):
                    pass  # most elements declare nothing, and nothing shows what a sticky hiding hides: they have their parent's state
                else:
                    style, hidden = self._visibility(el, tag, parent, depth, serial)
                    summary, own = None, True
                if kind & _SPECIAL and tag == "details" and hidden is None and el.get("open") is None:
                    # a closed <details>: everything in it but its summary is collapsed
                    summary, style = style, replace(style, hiding=_COLLAPSED)
                    hidden = _HiddenDraft(el, _COLLAPSED, (*serials, serial))
                    self._hidden_drafts.append(hidden)
                furniture = None
                if depth and not kind & _DOCUMENT and ((bits := marks.get(el, 0)) or kind & _FURNITURE):
                    furniture = self._open_furniture_at(depth, tag, bits, serial, chars)
                serials.append(serial)
                block = bool(kind & _BLOCK) and hidden is None
                if block:
                    if filled:
                        self._flush(link_chars)
                    buffer.clear()
                    filled, link_chars = False, 0
                    self._block_depths.append(depth)
                    self._block_elements.append(el)
                text = el.text
                if kind & _SPECIAL:
                    if tag == "figure":
                        figure = el
                    if tag == "a" and el.get("href") is not None:
                        link = self._start_link(el, hidden)
                    elif tag == "img":
                        self._add_image(el, link, hidden, figure)
                    elif tag == "br":
                        text = "\n" + (text or "")
                    if link is not None and tag in _IMAGE_TAGS:
                        link.has_image = True
                    own = True
                if own:
                    context = (style, hidden, link, figure, summary)
                stack.append((parent, block, furniture))
            else:
                if event == "end":
                    if skipped:
                        skipped = False
                    else:
                        parent, block, furniture = stack.pop()
                        if block:
                            if filled:
                                self._flush(link_chars)
                            buffer.clear()
                            filled, link_chars = False, 0
                            self._block_depths.pop()
                            self._block_elements.pop()
                        serials.pop()
                        if furniture is not None:
                            self._close_furniture(furniture, chars)
                        if not stack:
                            self._total = (chars, self._prose)
                            return  # the start element: its tail lies outside the walk
                        if parent is not context:
                            context = parent
                            style, hidden, link, figure, summary = context
                text = el.tail  # a comment's, a processing instruction's, an element's after its end
            if text:
                if link is not None:
                    link.texts.append(text)
                if hidden is not None:
                    hidden.texts.append(text)
                else:
                    buffer.append(text)
                    count = len(text.strip())
                    if count:
                        chars += count
                        filled = True
                    if link is not None:
                        link_chars += len(text)

    def _open_furniture_at(self, depth: int, tag: str, marks: int, serial: int, chars: int) -> _Furniture | None:
        """The record of an element that looks like furniture (None for one that does not), opened at
        ``depth`` when the page's visible text so far is ``chars``."""
        chrome, footer = _looks_like(tag, marks)
        if not chrome and not footer:
            return None
        furniture = _Furniture(serial, chrome, footer, -chars)
        self._open_furniture.append((depth, furniture))
        if chrome:
            self._chrome_depths.append(depth)
        if footer:
            self._footer_depths.append(depth)
            self._footer_serials.append(serial)
        return furniture

    def _close_furniture(self, furniture: _Furniture, chars: int) -> None:
        self._open_furniture.pop()
        furniture.chars += chars
        self._furniture[furniture.serial] = furniture
        if furniture.chrome:
            self._chrome_depths.pop()
        if furniture.footer:
            self._footer_depths.pop()
            self._footer_serials.pop()

    # -- what hides an element -----------------------------------------------------------------

    def _visibility(self, el: Any, tag: str, parent: _Context, depth: int, serial: int
                    ) -> tuple[css.Computed, _HiddenDraft | None]:
        """The element's computed style and, when a reader cannot see its text, where that text goes."""
        inherited, inherited_draft, _, _, summary_style = parent
        if summary_style is not None:
            if tag == "summary" and not any(s.tag == "summary" for s in el.itersiblings(preceding=True)):
                inherited, inherited_draft = summary_style, None  # a closed <details> shows its summary
        if inherited.hiding is not None and inherited.hiding.sticky:
            return inherited, inherited_draft
        if el in self._styles.styled or tag in css.UA_COLOUR and (inherited.colour is not None or inherited.background is not None):
            style = self._styles.compute(el, inherited, depth)
        else:
            style = inherited
        if tag == "noscript":
            style = replace(style, hiding=_NOSCRIPT)
        if style.hiding is None:
            return style, None
        if inherited_draft is not None and inherited_draft.hiding is style.hiding:
            return style, inherited_draft
        draft = _HiddenDraft(el, style.hiding, (*self._serials, serial))
        self._hidden_drafts.append(draft)
        return style, draft

    # -- blocks, links and images --------------------------------------------------------------

    def _flush(self, link_chars: int) -> None:
        """A visible block starts or ends after text: that text is a block."""
        if not self._block_depths:
            return
        raw = "".join(self._buffer)
        core = raw.strip()
        if "\n" in core:
            spaced = _SPACES.sub(" ", raw)
            text = _BLANK_LINES.sub("\n", "\n".join(line.strip() for line in spaced.split("\n"))).strip()
        else:  # one line between white space: what the line-by-line tidying gives
            text = _SPACES.sub(" ", core) if _BEYOND_SINGLE_SPACES.search(core) else core
        if not text:
            return
        depth = self._block_depths[-1]
        boilerplate = bool(_CHROME_TEXT.match(text)) or _is_link_list(text, link_chars)
        if not boilerplate and text.count(" ") >= PROSE_WORDS:
            self._prose += len(text)
            for at, furniture in self._open_furniture:
                if at <= depth:
                    furniture.prose += len(text)
        self._drafts.append(_BlockDraft(
            text, self._block_elements[-1], tuple(self._serials[: depth + 1]),
            _open_at(self._chrome_depths, depth), _open_at(self._footer_depths, depth), boilerplate))

    def _start_link(self, el: Any, hidden: _HiddenDraft | None) -> _LinkDraft | None:
        href = self._resolve(el.get("href"))
        if href is None:
            return None  # a malformed URL: its text is read, the link is not
        draft = _LinkDraft(el, href, hidden.hiding if hidden is not None else None, tuple(self._footer_serials))
        self._link_drafts.append(draft)
        return draft

    def _add_image(self, el: Any, link: _LinkDraft | None, hidden: _HiddenDraft | None, figure: Any) -> None:
        alt = " ".join((el.get("alt") or "").split())
        if link is not None and alt:
            link.texts.append(alt)
        if hidden is not None and alt:
            hidden.texts.append(alt)
        src = self._resolve(_image_source(el))
        if src is None:
            return
        hiding = hidden.hiding if hidden is not None else None
        image = {"src": src, "alt": alt, "caption": self._caption(figure), "where": self._where(el),
                 "hidden": hiding.reason if hiding else None,
                 "visibility": hiding.visibility if hiding else Visibility.VISIBLE}
        self._image_drafts.append((image, tuple(self._footer_serials)))
        for attr, reason in (("alt", "alt text"), ("title", "title attribute")):
            value = " ".join((el.get(attr) or "").split())
            if value:
                self._hidden_drafts.append(TextBlock(value, self._where(el), reason, visibility=Visibility.ALT_TEXT,
                                                     ancestry=tuple(self._serials), tag="img"))

    def _caption(self, figure: Any) -> str:
        if figure is None:
            return ""
        if figure not in self._captions:
            cap = figure.find(".//figcaption")
            self._captions[figure] = " ".join(text_content(cap).split()) if cap is not None else ""
        return self._captions[figure]

    def _resolve(self, href: str | None) -> str | None:
        if href in self._resolved:
            return self._resolved[href]
        url = self._resolved[href] = resolve(self.base, href)
        return url

    # -- after the walk: furniture is known once the page's text is counted -----------------------

    def _finish(self) -> None:
        chars, prose = self._total
        # An element that holds half of the page's text, or half of its prose, is the page or its
        # article, not furniture (WordPress and Drupal put "sidebar" and "menu" in the classes of
        # wrappers around the article). A footer is one unless it holds both: what is in a footer is
        # read as site-wide, never as a claim about the article, so a footer missed costs more.
        holds_text = {s for s, n in self._furniture.items() if n.chars >= chars / 2}
        holds_prose = {s for s, n in self._furniture.items() if n.prose and n.prose >= prose / 2}
        furniture = {s for s, n in self._furniture.items() if n.chrome} - holds_text - holds_prose
        holds_page = holds_text & holds_prose
        footers = {s for s, n in self._furniture.items() if n.footer == 2 or n.footer and s not in holds_page}
        for d in self._drafts:
            chrome_at = tuple(p for p in d.chrome if d.ancestry[p] in furniture) if d.chrome else ()
            footer = bool(d.footer) and any(d.ancestry[p] in footers for p in d.footer)
            self.blocks.append(TextBlock(d.text, self._where(d.el), None, bool(chrome_at) or d.boilerplate, footer,
                                         ancestry=d.ancestry, chrome_at=chrome_at, boilerplate=d.boilerplate,
                                         tag=d.el.tag))
        for h in self._hidden_drafts:
            if isinstance(h, TextBlock):
                self.hidden.append(h)
                continue
            text = " ".join(" ".join(h.texts).split())
            if text:
                self.hidden.append(TextBlock(text, self._where(h.el), h.hiding.reason, visibility=h.hiding.visibility,
                                             ancestry=h.ancestry, tag=h.el.tag))
        for link in self._link_drafts:
            rel = frozenset(written.lower().split()) if (written := link.el.get("rel")) else _NO_REL
            self.links.append(Link(
                link.href, " ".join(" ".join(link.texts).split()), rel,
                self._where(link.el), link.hiding.reason if link.hiding else None, link.has_image,
                not footers.isdisjoint(link.footers),
                link.hiding.visibility if link.hiding else Visibility.VISIBLE))
        for image, open_footers in self._image_drafts:
            self.images.append(Image(**image, in_footer=not footers.isdisjoint(open_footers)))


_NO_REL: frozenset[str] = frozenset()


def _open_at(depths: list[int], depth: int) -> tuple[int, ...]:
    """The depths, of those of open elements (increasing), at or above ``depth``: most often none."""
    return tuple(depths[: bisect_right(depths, depth)]) if depths else ()


def _image_source(el: Any) -> str | None:
    src = el.get("src") or el.get("data-src") or el.get("data-lazy-src") or ""
    if src.strip().lower().startswith("data:"):  # a lazy loader's placeholder: the real image waits aside
        src = el.get("data-src") or el.get("data-lazy-src") or src
    return src or _first_srcset(el)


def _first_srcset(el: Any) -> str | None:
    candidates = (el.get("srcset") or "").split(",")
    words = candidates[0].split() if candidates else []
    return words[0] if words else None


def _is_link_list(text: str, link_chars: int) -> bool:
    """A short block that is mostly link text: a menu, a "read also" box, a tag list."""
    return link_chars >= 0.6 * len(text) and len(text.split()) < 40


# ---------------------------------------------------------------------------------------------
# Head, metadata and JSON-LD
# ---------------------------------------------------------------------------------------------


class _Head:
    """The elements a page's metadata is read from, wherever they are (a ``<meta>`` in the body counts),
    found in one pass over the page: ``<meta>`` (its name, property, itemprop and content), ``<link>``,
    the first ``<base href>`` and ``<title>``, and the JSON-LD scripts."""

    def __init__(self, root: lxml.html.HtmlElement) -> None:
        self.metas: list[tuple[str | None, str | None, str | None, str | None]] = []
        self.links: list[Any] = []
        self.json_ld: list[str] = []
        self.base_href: str | None = None
        self.title: Any = None
        for el in root.iter("meta", "link", "script", "base", "title"):
            tag = el.tag
            if tag == "meta":
                self.metas.append((el.get("name"), el.get("property"), el.get("itemprop"), el.get("content")))
            elif tag == "link":
                self.links.append(el)
            elif tag == "script":
                if (el.get("type") or "").strip().lower() == "application/ld+json":
                    self.json_ld.append(el.text or "")
            elif tag == "base":
                if self.base_href is None:
                    self.base_href = el.get("href")
            elif self.title is None:
                self.title = el


def _base_url(head: _Head, url: str) -> str:
    return (resolve(url, head.base_href) or url) if head.base_href is not None else url


def _canonical(head: _Head, base: str) -> str | None:
    for link in head.links:
        if "canonical" in (link.get("rel") or "").lower().split() and (href := resolve(base, link.get("href"))):
            return href
    return None


def _json_ld_objects(head: _Head) -> Iterator[dict[str, Any]]:
    for text in head.json_ld:
        raw = text[:MAX_JSON_LD_BYTES]
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        yield from _flatten_json_ld(data, depth=0)


def _flatten_json_ld(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data[:200]:
            yield from _flatten_json_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _flatten_json_ld(data["@graph"], depth + 1)


def json_ld_names(value: Any) -> list[str]:
    """Names in a JSON-LD person/organisation value: a string, an object with ``name``, or a list."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        name = value.get("name")
        return [name.strip()] if isinstance(name, str) and name.strip() else []
    if isinstance(value, list):
        return [n for item in value[:50] for n in json_ld_names(item)]
    return []


_CREDIT_KEYS = ("author", "creator", "publisher", "creditText", "copyrightHolder", "sourceOrganization",
                "isBasedOn", "isBasedOnUrl", "citation", "copyrightNotice", "license")


def _meta_blocks(head: _Head, json_ld: list[dict[str, Any]]) -> list[TextBlock]:
    """Credits that exist only for machines: meta tags and JSON-LD."""
    blocks: list[TextBlock] = []
    for name_, property_, _, content_ in head.metas:
        name = (name_ or property_ or "").strip()
        content = " ".join((content_ or "").split())
        if name and content:
            blocks.append(TextBlock(content, f"meta {name}", "meta tag", visibility=Visibility.META, tag="meta"))
    for obj in json_ld:
        for key in _CREDIT_KEYS:
            value = obj.get(key)
            texts: list[Any] = json_ld_names(value) or ([value.get("url") or value.get("@id")] if isinstance(value, dict) else [])
            for text in texts:
                if isinstance(text, str) and text.strip():
                    blocks.append(TextBlock(text.strip(), f"JSON-LD {key}", "JSON-LD only",
                                            visibility=Visibility.JSON_LD, tag="script"))
    return blocks


def _metadata(head: _Head, json_ld: list[dict[str, Any]]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for name_, property_, itemprop, content_ in head.metas:
        name = (property_ or name_ or itemprop or "").strip().lower()
        content = " ".join((content_ or "").split())
        if name and content:
            meta.setdefault(name, content)
    title_el = head.title
    out = {
        "title": meta.get("og:title") or (" ".join(text_content(title_el).split()) if title_el is not None else ""),
        "site_name": meta.get("og:site_name", ""),
        "description": meta.get("og:description") or meta.get("description", ""),
        "image": meta.get("og:image", ""),
        "published": meta.get("article:published_time") or meta.get("date") or meta.get("dc.date", ""),
        "language": meta.get("og:locale", "")[:2],
    }
    for obj in json_ld:
        headline = obj.get("headline")
        out["title"] = out["title"] or (headline if isinstance(headline, str) else "")
        if isinstance(obj.get("datePublished"), str):
            out["published"] = out["published"] or obj["datePublished"]
        out["site_name"] = out["site_name"] or next(iter(json_ld_names(obj.get("publisher"))), "")
        out.update(_access(obj))
    return {k: v for k, v in out.items() if v}


_NOT_CONTENT = {"Product", "Offer", "AggregateOffer", "Event", "Course", "Organization", "Person"}


def _access(obj: dict[str, Any]) -> dict[str, str]:
    """Whether the page declares its content paid (schema.org ``isAccessibleForFree: false``, the markup
    search engines ask of paywalled articles), and the ``cssSelector`` of the part that is."""
    if _types(obj) & _NOT_CONTENT or not _is_false(obj.get("isAccessibleForFree")):
        return {}
    found = {"accessible_for_free": "false"}
    parts = obj.get("hasPart")
    for part in (parts if isinstance(parts, list) else [parts])[:20]:
        if isinstance(part, dict) and _is_false(part.get("isAccessibleForFree")):
            selector = part.get("cssSelector")
            if isinstance(selector, str) and selector.strip():
                found["paywalled_part"] = selector.strip()[:200]
    return found


def _is_false(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v for v in values if isinstance(v, str)}


def _authors(anchors: list[Any], head: _Head, json_ld: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for name, property_, _, content_ in head.metas:
        if (name or property_ or "").lower() in {"author", "article:author", "dc.creator"}:
            content = (content_ or "").strip()
            if content and not content.startswith("http"):
                found.append(content)
    for obj in json_ld:
        if _types(obj) & {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "OpinionNewsArticle"}:
            found += json_ld_names(obj.get("author"))
    for a in anchors:
        if "author" in (a.get("rel") or "").lower().split():
            found.append(" ".join(text_content(a).split()))
    seen: dict[str, None] = {}
    for name in found:
        if name and len(name) < 120:
            seen.setdefault(name, None)
    return list(seen)


# ---------------------------------------------------------------------------------------------
# Licence signals
# ---------------------------------------------------------------------------------------------


def _license_signals(
    head: _Head,
    base: str,
    reader: _Reader,
    hidden_blocks: list[TextBlock],
    json_ld: list[dict[str, Any]],
) -> list[LicenseSignal]:
    signals: list[LicenseSignal] = []
    for link in reader.links:
        lic = _cc_url(link.href)
        if "license" in link.rel or lic:
            kind = "rel-license" if "license" in link.rel else "cc-link"
            signals.append(LicenseSignal(kind, lic, link.href, link.where, link.hidden, link.in_footer,
                                         link.visibility))
    for el in head.links:
        if "license" in (el.get("rel") or "").lower().split() and (href := resolve(base, el.get("href"))):
            signals.append(LicenseSignal("rel-license", licenses.from_url(href), href, "head > link", "<link> in head",
                                         visibility=Visibility.HEAD_LINK))
    for image in reader.images:
        lic = _cc_url(image.src)
        if lic:
            signals.append(LicenseSignal("badge", lic, image.src, image.where, image.hidden, image.in_footer,
                                         image.visibility))
    for obj in json_ld:
        for value in _license_values(obj.get("license")):
            signals.append(LicenseSignal("json-ld", licenses.parse(value), value, "JSON-LD license", "JSON-LD only",
                                         visibility=Visibility.JSON_LD))
    for block in reader.blocks:
        for mention in licenses.find_in_text(block.text):
            signals.append(LicenseSignal("text", mention.license, block.text, block.where, None, block.in_footer))
    for block in hidden_blocks:
        if block.where == "JSON-LD license":
            continue
        for mention in licenses.find_in_text(block.text):
            signals.append(LicenseSignal("text", mention.license, block.text, block.where, block.hidden,
                                         visibility=block.visibility))
    return signals


def _cc_url(url: str) -> License | None:
    """:func:`licenses.from_url` of a URL the page resolved, skipping at once the many that cannot name a
    CC host (whose host is as written, and holds no CC name)."""
    lowered = url.lower()
    if "creativecommons" not in lowered and "licensebuttons" not in lowered and urls.host_as_written(url):
        return None
    return licenses.from_url(url)


def _license_values(value: Any) -> list[str]:
    """Licence names or URLs of a JSON-LD ``license``; a malformed URL is skipped."""
    if isinstance(value, str):
        is_url = value.strip().lower().startswith(("http://", "https://", "//"))
        return [value] if not is_url or resolve("https://example.invalid/", value) else []
    if isinstance(value, dict):
        url = value.get("url") or value.get("@id") or value.get("name")
        return _license_values(url) if isinstance(url, str) else []
    if isinstance(value, list):
        return [v for item in value[:20] for v in _license_values(item)]
    return []
