"""An original article: its text, metadata, declared licence and third-party media credits (pure).

The text compared with copies is the article alone. The publisher's own apparatus is read (as the
original's licence, notices and media credits) but kept out of it: republishing boxes and modals (the
Republication Tracker Tool's among them), licence and reservation notices ("© RIPRODUZIONE RISERVATA",
"Articoli di proprietà di … rilasciati sotto licenza Creative Commons", "You may republish this article
for free…"), photo captions and credits, the author's name on a line of its own, the headline. A
faithful copy that swaps them for its own credit is not a modified copy.

The main text comes from trafilatura (which falls back to its readability and jusText ports on its
own), run on the page without its apparatus, or from a full-content feed item when the caller has one.
"""

from __future__ import annotations

import copy
import re

import lxml.html
import trafilatura
from trafilatura.settings import Document

from .frame import is_frame_line
from .licenses import find_in_text, find_reservation, is_notice_line
from .match import is_prose
from .models import Image, License, LicenseSignal, MediaCredit, Original, PageView
from .pages import parse_document, parse_page
from .text import fold, key
from .urls import media_key

# "Fonte foto in evidenza: Adnkronos", "Foto: ANSA", "Photo credit: Reuters", "Crédit photo : AFP"...
_MEDIA_CREDIT = re.compile(
    r"^\s*(?P<label>fonte (?:della )?foto(?: in evidenza)?|foto(?: in evidenza| di copertina)?|immagine(?: di copertina)?"
    r"|credit[io] fotografic[oi]|ph\.|photo(?: credit)?s?|image(?: credit)?s?|featured image|cover image|credits?"
    r"|foto de portada|fuente de la (?:foto|imagen)|credit photo|photo de une|bildquelle|foto|bild"
    r"|fonte da (?:foto|imagem)|imagem|illustration|video)\s*(?::|©|\bby\b|\bdi\b|\bde\b|\bvon\b)\s*(?P<credit>[^\n]{2,80})$",
    re.I,
)
# Credits real captions put last: "(AP Photo/Evan Vucci)", "… este martes. Europa Press",
# "Screenshot from a video by Kloop, used with permission", "Photo by Rich Pedroncelli, AP Photo".
_PARENTHESISED_CREDIT = re.compile(r"\((?P<credit>[^()]{2,80}?(?:photo|foto|images?|press|agency|/)[^()]{0,60})\)\s*\.?\s*$", re.I)
_BY_CREDIT = re.compile(
    r"\b(?:screenshot|photo(?:graph)?|image|picture|video|illustration|foto|immagine|imagen|bild)s?\b[^.]{0,40}?"
    r"\b(?:by|di|de|von|par|por)\s+(?P<credit>[^,.;()]{2,60})",
    re.I,
)
_LAST_WORDS_CREDIT = re.compile(r"[.!?]\s+(?P<credit>(?:[A-Z0-9À-Ý][\w&'’./-]*\s*){1,5})\s*$")
_LEADING_LABEL = re.compile(r"^(?:photo|foto|image|imagen|imagem|bild|immagine|cr[ée]dit)s?\s+(?=\S)", re.I)
_CREDIT_CLASS = re.compile(r"(?:^|[\s_-])(?:credit|credits|attribution|copyright|source|photographer|byline-photo)(?:$|[\s_-])", re.I)
_FEATURED = re.compile(r"in evidenza|featured|copertina|cover|portada|de une", re.I)
_SIGNAL_PRIORITY = {"rel-license": 0, "json-ld": 1, "cc-link": 2, "badge": 2, "meta": 3, "text": 4}

# The publisher's apparatus in the DOM: republishing boxes and modals, licence and credit blocks.
_APPARATUS_CLASS = re.compile(
    r"(?:^|[\s_-])(?:republish\w*|republication\w*|syndicat\w*|licen[cs]\w*|copyright|credits?|captions?"
    r"|attribution|disclosure|modal|share\w*|social|related|newsletter|author-?bio|tags?)(?:$|[\s_-])",
    re.I,
)
_APPARATUS_TAGS = ("figcaption", "figure", "textarea", "dialog", "template", "button", "form", "aside", "noscript")
TRAILING_SHARE = 0.25  # after a notice near the end, at most this share of the words is still apparatus


def extract_original(html: str, url: str, feed_text: str | None = None) -> Original:
    """Read an original article page; ``feed_text`` (a full-content feed item) wins over extraction."""
    page = parse_page(html, url)
    root = parse_document(html)
    doc: Document | None = None
    if root is not None:
        doc = trafilatura.bare_extraction(  # a Document, as_dict being off
            _without_apparatus(root), url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False,
        )  # type: ignore[assignment]
    authors = page.authors or _split_authors(doc.author if doc is not None else None)
    title = page.title or (doc.title if doc is not None and doc.title else "")
    credits = media_credits(page, root)
    raw = feed_text or (doc.text if doc is not None and doc.text else "") or _fallback_text(page)
    return Original(
        url=url,
        canonical_url=page.canonical,
        title=title,
        authors=tuple(authors),
        published=page.meta.get("published") or (doc.date if doc is not None else None),
        license=declared_license(page.license_signals),
        text=article_text(raw, title=title, authors=authors, credits=credits),
        site_name=page.meta.get("site_name") or (doc.sitename if doc is not None else None),
        media_credits=tuple(credits),
        notices=tuple(b.text for b in page.blocks if find_reservation(b.text) or find_in_text(b.text)),
        images=article_images(page),
    )


_NOT_ARTICLE = re.compile(r"(?:^|[\s>])(?:aside|nav|header|footer)\b")


def article_images(page: PageView) -> tuple[str, ...]:
    """The article's own images: the featured one (og:image) first, then the content images shown outside
    navigation, sidebars, headers and footers; no logos, avatars, badges or pixels."""
    found = [page.meta["image"]] if page.meta.get("image") else []
    found += [i.src for i in page.images
              if _is_content_image(i) and not i.in_footer and not _NOT_ARTICLE.search(i.where)]
    return tuple(dict.fromkeys(src for src in found if not src.lower().startswith("data:")))


def _without_apparatus(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the page without republishing boxes, modals, captions, licence and credit blocks, and
    hidden elements; never an element that holds most of the page's text (a wrapper's class says
    nothing about the article)."""
    tree = copy.deepcopy(root)
    total = len(tree.text_content())
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in {"html", "body"}:
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        hidden = element.get("hidden") is not None or re.search(r"display\s*:\s*none", element.get("style") or "", re.I)
        if element.tag in _APPARATUS_TAGS or hidden or _APPARATUS_CLASS.search(names):
            if len(element.text_content()) < 0.5 * total:
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return tree


def article_text(text: str, *, title: str = "", authors: list[str] | tuple[str, ...] = (),
                 credits: list[MediaCredit] | tuple[MediaCredit, ...] = ()) -> str:
    """The article's paragraphs without the publisher's apparatus: the headline, notices, republishing
    statements, media credits, the author's name on a line of its own, and whatever trails a notice at
    the end (a "join our newsroom" box)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and _is_headline(lines[0], title):
        lines = lines[1:]
    names = {key(a) for a in authors} | {key(f"by {a}") for a in authors} | {key(f"di {a}") for a in authors}
    statements = {key(c.statement) for c in credits}
    flags = [_is_apparatus(line, names, statements) for line in lines]
    words = [len(line.split()) for line in lines]
    total = sum(words) or 1
    for index, flag in enumerate(flags):
        if flag and sum(words[index:]) <= TRAILING_SHARE * total and is_notice_line(lines[index]):
            flags[index:] = [True] * (len(flags) - index)
            break
    return "\n".join(line for line, flag in zip(lines, flags) if not flag)


def _is_headline(line: str, title: str) -> bool:
    """The headline repeated as the text's first line (the page title may add " | Site")."""
    line_key, title_key = key(line), key(title)
    return bool(line_key) and (title_key == line_key or title_key.startswith(line_key + " "))


def _is_apparatus(line: str, names: set[str], statements: set[str]) -> bool:
    k = key(line)
    if not k or k in names or k in statements or _MEDIA_CREDIT.match(line):
        return True
    if not is_prose(line) and (is_frame_line(line) or any(f" {n} " in f" {k} " for n in names)):
        return True  # a byline or dateline: "Lucía Martínez Ortega · Murcia · 2 de noviembre de 2026"
    return is_notice_line(line)


def declared_license(signals: tuple[LicenseSignal, ...]) -> License | None:
    """The licence the original declares: rel=license first, a bare "Creative Commons" last."""
    ranked = sorted(
        (s for s in signals if s.license is not None),
        key=lambda s: (s.license.unit is None, _SIGNAL_PRIORITY.get(s.kind, 9)),  # type: ignore[union-attr]
    )
    return ranked[0].license if ranked else None


# ---------------------------------------------------------------------------------------------
# Third-party media
# ---------------------------------------------------------------------------------------------


def media_credits(page: PageView, root: lxml.html.HtmlElement | None = None) -> list[MediaCredit]:
    """Media that the page credits to someone: each content image's caption or credit element, and
    credit lines ("Fonte foto in evidenza: Adnkronos") with the image they speak of."""
    credits: list[MediaCredit] = []
    captions = _captions(root, page.url) if root is not None else {}
    for image in page.images:
        if image.hidden or not _is_content_image(image):
            continue
        statement = captions.get(media_key(image.src)) or image.caption
        credit = credit_in(statement) if statement else None
        if credit:
            credits.append(MediaCredit(credit, image.src, statement))
    stated = {fold(c.statement) for c in credits}
    for block in page.blocks:
        for line in block.text.splitlines():
            m = _MEDIA_CREDIT.match(line)
            if m and not any(fold(line) in s for s in stated):
                media = _featured_image(page) if _FEATURED.search(m["label"]) else _first_image(page)
                credits.append(MediaCredit(m["credit"].strip(" .;"), media, line.strip()))
    return credits


def is_credit_line(line: str) -> bool:
    """A line that credits media: "Fonte foto in evidenza: Adnkronos", "Photo: ANSA"."""
    return bool(_MEDIA_CREDIT.match(line))


def credit_in(caption: str) -> str | None:
    """Who a caption credits: a labelled credit ("Photo: X"), a credit in parentheses at the end ("(AP
    Photo/Evan Vucci)"), "… by X", or a short name after the last sentence ("… este martes. Europa Press")."""
    caption = " ".join(caption.split())
    for pattern in (_MEDIA_CREDIT, _PARENTHESISED_CREDIT, _BY_CREDIT, _LAST_WORDS_CREDIT):
        m = pattern.search(caption)
        if m and not (pattern is _LAST_WORDS_CREDIT and caption[-1:] in ".!?"):
            return _LEADING_LABEL.sub("", m["credit"]).strip(" .;:,") or None
    words = caption.split()
    if 0 < len(words) <= 6 and caption[:1].isupper() and caption[-1:] not in ".!?":
        return caption.strip(" .;:,")  # a credit element alone: "Getty Images", "Steve Helber/AP Photo"
    return None


def _captions(root: lxml.html.HtmlElement, url: str) -> dict[str, str]:
    """For each image (by file key): the credit element near it, else its figcaption, else the text of
    the paragraph it sits in."""
    found: dict[str, str] = {}
    for img in root.iter("img"):
        src = img.get("src") or img.get("data-src") or ""
        if not src.strip():
            continue
        holder = next((a for a in img.iterancestors() if a.tag in {"figure", "p", "div"}), None)
        if holder is None:
            continue
        credit = next((e for e in holder.iter() if e is not img and isinstance(e.tag, str)
                       and _CREDIT_CLASS.search(e.get("class") or "")), None)
        caption = holder.find(".//figcaption")
        if credit is not None:
            text = credit.text_content()
        elif caption is not None:
            text = caption.text_content()
        elif holder.tag == "p" or holder.tag == "figure":
            text = holder.text_content()
        else:
            continue
        text = " ".join(text.split())
        if text:
            found.setdefault(media_key(src), text)
    return found


def _featured_image(page: PageView) -> str | None:
    return page.meta.get("image") or _first_image(page)


def _first_image(page: PageView) -> str | None:
    return next((i.src for i in page.images if _is_content_image(i)), None) or page.meta.get("image")


def _is_content_image(image: Image) -> bool:
    src = image.src.lower()
    return not image.hidden and not any(s in src for s in ("creativecommons", "licensebuttons", "logo", "avatar",
                                                           "pixel", "republication-tracker"))


def _fallback_text(page: PageView) -> str:
    return "\n".join(b.text for b in page.blocks if not b.chrome and not b.in_footer)


def _split_authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in re.split(r";|\band\b|\be\b|,", value) if a.strip()]

