"""HTML into a :class:`PageView`: what a reader sees, kept apart from what is hidden (pure).

Attribution is judged on the raw DOM, never on extracted article text: main-text extractors delete
credit boxes (``aside``, ``footer``, ``.byline``...), which is exactly where credits live.
"""

from __future__ import annotations

import codecs
import json
import re
from types import MappingProxyType
from typing import Any, Iterator
from urllib.parse import urljoin

import lxml.etree
import lxml.html
from cssselect import SelectorError
from lxml.cssselect import CSSSelector

from . import licenses
from .models import Image, LicenseSignal, Link, PageView, TextBlock

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre "
    "table thead tbody tfoot tr td th caption figure figcaption form fieldset address details summary hr "
    "center body html".split()
)
NOT_RENDERED = frozenset({"script", "style", "template", "head", "title", "meta", "link", "base", "iframe", "object"})
SCREEN_READER_CLASSES = frozenset(
    {"sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "hidden", "d-none", "is-hidden", "hide"}
)
MAX_CSS_RULES = 2000
MAX_JSON_LD_BYTES = 1_000_000

_HIDING_DECLARATION = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0(?:\.0*)?(?:px|em|rem|pt|%)?\s*(?:;|!|$)"
    r"|opacity\s*:\s*0(?:\.0*)?\s*(?:;|!|$)|(?:left|top|text-indent|margin-left)\s*:\s*-\d{3,}"
    r"|clip\s*:\s*rect\(\s*0|clip-path\s*:\s*inset\(\s*50%",
    re.I,
)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_CHROME_CLASS = re.compile(
    r"(?:^|[-_\s])(?:ads?|adv|advert\w*|banner|related|share\w*|social|newsletter|sponsor\w*|promo\w*|correlat\w*"
    r"|widget\w*|sidebar|comments?|cookie\w*|subscribe|breadcrumbs?|menu|nav\w*|leggi-?anche|read-?also"
    r"|see-?also|potrebbe|recommend\w*|outbrain|taboola)(?:$|[-_\s])",
    re.I,
)
_CHROME_TEXT = re.compile(
    r"^\s*(?:leggi anche|leggi pure|potrebbe interessarti|ti potrebbe interessare|read (?:also|more)|see also"
    r"|related|advertisement|pubblicit[aà]|annuncio|sponsored|condividi|share(?: this)?|lee tambi[eé]n"
    r"|lire aussi|voir aussi|lesen sie auch|mehr zum thema|anzeige|leia tamb[eé]m|publicidad|publicit[eé])\b",
    re.I,
)
_FOOTER_CLASS = re.compile(r"footer|colophon|contentinfo|site-info", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")

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
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
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


def parse_document(html: str) -> lxml.html.HtmlElement | None:
    """An lxml tree of the page, or None for a page with no markup at all."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def parse_page(html: str, url: str) -> PageView:
    """Read one HTML page as the checker needs it."""
    root = parse_document(html)
    if root is None:
        return PageView(url, "", None, None, (), (), (), (), ())
    base = _base_url(root, url)
    reader = _Reader(root, base)
    reader.read()
    json_ld = list(_json_ld_objects(root))
    meta = _metadata(root, json_ld)
    hidden = [*reader.hidden, *_meta_blocks(root, json_ld)]
    signals = _license_signals(root, base, reader, hidden, json_ld)
    canonical = _canonical(root, base)
    title = meta.get("title") or next((b.text for b in reader.blocks if b.where.endswith("h1")), "")
    return PageView(
        url=url,
        title=title,
        language=(root.get("lang") or meta.get("language") or None),
        canonical=canonical,
        blocks=tuple(reader.blocks),
        hidden_blocks=tuple(hidden),
        links=tuple(reader.links),
        images=tuple(reader.images),
        license_signals=tuple(signals),
        meta=MappingProxyType(meta),
        authors=tuple(_authors(root, json_ld)),
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
    base = _base_url(root, url)
    found = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in _ALTERNATE_TYPES and link.get("href"):
            found.append(urljoin(base, link.get("href", "").strip()))
    return found


# ---------------------------------------------------------------------------------------------
# The DOM walk: text blocks in document order, each visible or hidden with the reason
# ---------------------------------------------------------------------------------------------


def label(el: lxml.html.HtmlElement) -> str:
    """``tag#id.class`` for evidence, e.g. ``div.credit``."""
    out = el.tag if isinstance(el.tag, str) else "comment"
    if el.get("id"):
        out += "#" + el.get("id", "").split()[0][:40]
    classes = (el.get("class") or "").split()
    if classes:
        out += "." + classes[0][:40]
    return out


def where(el: lxml.html.HtmlElement) -> str:
    """A short path to ``el`` for evidence: its two nearest ancestors and itself."""
    chain = [label(el)]
    for parent in el.iterancestors():
        if parent.tag in {"body", "html"} or len(chain) == 3:
            break
        chain.append(label(parent))
    return " > ".join(reversed(chain))


def _class_and_id(el: lxml.html.HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


class _Reader:
    """Walks the body once, collecting text blocks, links, images and what hides what."""

    def __init__(self, root: lxml.html.HtmlElement, base: str) -> None:
        self.root = root
        self.base = base
        self.blocks: list[TextBlock] = []
        self.hidden: list[TextBlock] = []
        self.links: list[Link] = []
        self.images: list[Image] = []
        self.css_hidden = _elements_hidden_by_css(root)
        self._buffer: list[str] = []
        self._link_chars = 0
        # The open block elements, innermost last, with whether they are chrome and footer.
        self._stack: list[tuple[lxml.html.HtmlElement, bool, bool]] = []

    def read(self) -> None:
        body = self.root.find("body")
        for comment in self.root.iter(lxml.etree.Comment):
            text = " ".join((comment.text or "").split())
            if text:
                self.hidden.append(TextBlock(text, where(comment.getparent()) + " (comment)", "HTML comment"))
        self._walk(body if body is not None else self.root, None, False, False)
        self._flush()

    def _walk(self, el: lxml.html.HtmlElement, hidden: str | None, chrome: bool, footer: bool) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in NOT_RENDERED:
            return
        own = self._hidden_reason(el)
        if own and not hidden:
            self._add_hidden_block(el, own)
        hidden = hidden or own
        chrome = chrome or tag in {"nav", "aside"} or bool(_CHROME_CLASS.search(_class_and_id(el)))
        footer = footer or tag == "footer" or el.get("role") == "contentinfo" or bool(
            _FOOTER_CLASS.search(_class_and_id(el))
        )
        is_block = tag in BLOCK_TAGS
        if is_block and not hidden:
            self._flush()
            self._stack.append((el, chrome, footer))
        if tag == "a" and el.get("href") is not None:
            self._add_link(el, hidden, footer)
        elif tag == "img":
            self._add_image(el, hidden, footer)
        elif tag == "br" and not hidden:
            self._buffer.append("\n")
        if el.text and not hidden:
            self._buffer.append(el.text)
        for child in el:
            self._walk(child, hidden, chrome, footer)
            if child.tail and not hidden:
                self._buffer.append(child.tail)
        if is_block and not hidden:
            self._flush()
            self._stack.pop()

    def _flush(self) -> None:
        text = "\n".join(line.strip() for line in _SPACES.sub(" ", "".join(self._buffer)).split("\n"))
        text = re.sub(r"\n{2,}", "\n", text).strip()
        link_chars, self._buffer, self._link_chars = self._link_chars, [], 0
        if not text or not self._stack:
            return
        el, chrome, footer = self._stack[-1]
        chrome = chrome or bool(_CHROME_TEXT.match(text)) or _is_link_list(text, link_chars)
        self.blocks.append(TextBlock(text, where(el), None, chrome, footer))

    def _hidden_reason(self, el: lxml.html.HtmlElement) -> str | None:
        if el.tag == "noscript":
            return "inside <noscript>"
        if el.get("hidden") is not None:
            return "hidden attribute"
        style = el.get("style") or ""
        m = _HIDING_DECLARATION.search(style)
        if m:
            return f"inline style {m.group(0).strip(' ;!')}"
        if el in self.css_hidden:
            return f"hidden by the page's CSS rule {self.css_hidden[el]}"
        hidden_classes = SCREEN_READER_CLASSES.intersection((el.get("class") or "").lower().split())
        if hidden_classes:
            return f"class {sorted(hidden_classes)[0]} hides it"
        return None

    def _add_hidden_block(self, el: lxml.html.HtmlElement, reason: str) -> None:
        text = " ".join(" ".join(_visible_strings(el)).split())
        if text:
            self.hidden.append(TextBlock(text, where(el), reason))

    def _add_link(self, el: lxml.html.HtmlElement, hidden: str | None, footer: bool) -> None:
        href = urljoin(self.base, (el.get("href") or "").strip())
        text = " ".join(" ".join(_visible_strings(el)).split())
        has_image = any(True for _ in el.iter("img", "svg", "picture"))
        rel = frozenset((el.get("rel") or "").lower().split())
        if not hidden:
            self._link_chars += len(text)
        self.links.append(Link(href, text, rel, where(el), hidden, has_image, footer))

    def _add_image(self, el: lxml.html.HtmlElement, hidden: str | None, footer: bool) -> None:
        src = el.get("src") or el.get("data-src") or el.get("data-lazy-src") or ""
        if src.strip().lower().startswith("data:"):  # a lazy loader's placeholder: the real image waits aside
            src = el.get("data-src") or el.get("data-lazy-src") or src
        if not src and el.get("srcset"):
            src = el.get("srcset", "").split(",")[0].split()[0]
        if not src.strip():
            return
        figure = next((a for a in el.iterancestors() if a.tag == "figure"), None)
        caption = ""
        if figure is not None:
            cap = figure.find(".//figcaption")
            caption = " ".join(cap.text_content().split()) if cap is not None else ""
        alt = " ".join((el.get("alt") or "").split())
        self.images.append(Image(urljoin(self.base, src.strip()), alt, caption, where(el), hidden, footer))
        for attr, reason in (("alt", "alt text"), ("title", "title attribute")):
            value = " ".join((el.get(attr) or "").split())
            if value:
                self.hidden.append(TextBlock(value, where(el), reason))


def _is_link_list(text: str, link_chars: int) -> bool:
    """A short block that is mostly link text: a menu, a "read also" box, a tag list."""
    return link_chars >= 0.6 * len(text) and len(text.split()) < 40


def _visible_strings(el: lxml.html.HtmlElement) -> Iterator[str]:
    """Text of a subtree without script, style or comments; image alt text for link labels."""
    if el.tag == "img" and el.get("alt"):
        yield el.get("alt", "")
    if el.text and isinstance(el.tag, str) and el.tag not in NOT_RENDERED:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and child.tag not in NOT_RENDERED:
            yield from _visible_strings(child)
        if child.tail:
            yield child.tail


def _elements_hidden_by_css(root: lxml.html.HtmlElement) -> dict[Any, str]:
    """Elements that a ``<style>`` rule of the page hides, with the selector that does it.

    Rules inside @media and other at-blocks are skipped: they hide things only on some screens.
    """
    hidden: dict[Any, str] = {}
    rules = 0
    for style in root.iter("style"):
        css = _CSS_COMMENT.sub("", style.text or "")
        css = _strip_at_blocks(css)
        for selectors, declarations in _CSS_RULE.findall(css):
            rules += 1
            if rules > MAX_CSS_RULES:
                return hidden
            if not _HIDING_DECLARATION.search(declarations):
                continue
            for selector in selectors.split(","):
                selector = selector.strip()
                try:
                    matched = CSSSelector(selector, translator="html")(root)
                except (SelectorError, lxml.etree.XPathError, ValueError):
                    continue
                for el in matched:
                    hidden.setdefault(el, f"'{selector}'")
    return hidden


def _strip_at_blocks(css: str) -> str:
    """Remove ``@media ... { ... }`` and other nested at-rule blocks."""
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(css):
        if depth == 0 and css.startswith("@", i):
            end_simple = css.find(";", i)
            open_brace = css.find("{", i)
            if open_brace == -1 or (end_simple != -1 and end_simple < open_brace):
                i = end_simple + 1 if end_simple != -1 else len(css)
                continue
            depth, i = 1, open_brace + 1
            continue
        ch = css[i]
        if depth:
            depth += {"{": 1, "}": -1}.get(ch, 0)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Head, metadata and JSON-LD
# ---------------------------------------------------------------------------------------------


def _base_url(root: lxml.html.HtmlElement, url: str) -> str:
    base = root.find(".//base[@href]")
    return urljoin(url, base.get("href", "").strip()) if base is not None else url


def _canonical(root: lxml.html.HtmlElement, base: str) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return urljoin(base, link.get("href", "").strip())
    return None


def _json_ld_objects(root: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "")[:MAX_JSON_LD_BYTES]
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


def _meta_blocks(root: lxml.html.HtmlElement, json_ld: list[dict[str, Any]]) -> list[TextBlock]:
    """Credits that exist only for machines: meta tags and JSON-LD."""
    blocks: list[TextBlock] = []
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip()
        content = " ".join((meta.get("content") or "").split())
        if name and content:
            blocks.append(TextBlock(content, f"meta {name}", "meta tag"))
    for obj in json_ld:
        for key in _CREDIT_KEYS:
            value = obj.get(key)
            texts = json_ld_names(value) or ([value.get("url") or value.get("@id")] if isinstance(value, dict) else [])
            for text in texts:
                if isinstance(text, str) and text.strip():
                    blocks.append(TextBlock(text.strip(), f"JSON-LD {key}", "JSON-LD only"))
    return blocks


def _metadata(root: lxml.html.HtmlElement, json_ld: list[dict[str, Any]]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for el in root.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = " ".join((el.get("content") or "").split())
        if name and content:
            meta.setdefault(name, content)
    title_el = root.find(".//title")
    out = {
        "title": meta.get("og:title") or (" ".join(title_el.text_content().split()) if title_el is not None else ""),
        "site_name": meta.get("og:site_name", ""),
        "description": meta.get("og:description") or meta.get("description", ""),
        "image": meta.get("og:image", ""),
        "published": meta.get("article:published_time") or meta.get("date") or meta.get("dc.date", ""),
        "language": meta.get("og:locale", "")[:2],
    }
    for obj in json_ld:
        out["title"] = out["title"] or (obj.get("headline") if isinstance(obj.get("headline"), str) else "")
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


def _authors(root: lxml.html.HtmlElement, json_ld: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for el in root.iter("meta"):
        if (el.get("name") or el.get("property") or "").lower() in {"author", "article:author", "dc.creator"}:
            content = (el.get("content") or "").strip()
            if content and not content.startswith("http"):
                found.append(content)
    for obj in json_ld:
        if _types(obj) & {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "OpinionNewsArticle"}:
            found += json_ld_names(obj.get("author"))
    for a in root.iter("a"):
        if "author" in (a.get("rel") or "").lower().split():
            found.append(" ".join(a.text_content().split()))
    seen: dict[str, None] = {}
    for name in found:
        if name and len(name) < 120:
            seen.setdefault(name, None)
    return list(seen)


# ---------------------------------------------------------------------------------------------
# Licence signals
# ---------------------------------------------------------------------------------------------


def _license_signals(
    root: lxml.html.HtmlElement,
    base: str,
    reader: _Reader,
    hidden_blocks: list[TextBlock],
    json_ld: list[dict[str, Any]],
) -> list[LicenseSignal]:
    signals: list[LicenseSignal] = []
    for link in reader.links:
        if "license" in link.rel:
            lic = licenses.from_url(link.href)
            signals.append(LicenseSignal("rel-license", lic, link.href, link.where, link.hidden, link.in_footer))
        elif licenses.from_url(link.href):
            lic = licenses.from_url(link.href)
            signals.append(LicenseSignal("cc-link", lic, link.href, link.where, link.hidden, link.in_footer))
    for el in root.iter("link"):
        if "license" in (el.get("rel") or "").lower().split() and el.get("href"):
            href = urljoin(base, el.get("href", "").strip())
            signals.append(LicenseSignal("rel-license", licenses.from_url(href), href, "head > link", "<link> in head"))
    for image in reader.images:
        lic = licenses.from_url(image.src)
        if lic:
            signals.append(LicenseSignal("badge", lic, image.src, image.where, image.hidden, image.in_footer))
    for obj in json_ld:
        for value in _license_values(obj.get("license")):
            lic = licenses.parse(value)
            signals.append(LicenseSignal("json-ld", lic, value, "JSON-LD license", "JSON-LD only"))
    for block in reader.blocks:
        for mention in licenses.find_in_text(block.text):
            signals.append(LicenseSignal("text", mention.license, block.text, block.where, None, block.in_footer))
    for block in hidden_blocks:
        if block.where == "JSON-LD license":
            continue
        for mention in licenses.find_in_text(block.text):
            signals.append(LicenseSignal("text", mention.license, block.text, block.where, block.hidden))
    return signals


def _license_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        url = value.get("url") or value.get("@id") or value.get("name")
        return [url] if isinstance(url, str) else []
    if isinstance(value, list):
        return [v for item in value[:20] for v in _license_values(item)]
    return []
