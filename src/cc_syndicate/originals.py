"""An original article: its main text, metadata, declared licence and third-party media credits (pure).

The main text comes from trafilatura (which falls back to its readability and jusText ports on its
own), or from a full-content feed item when the caller has one. Everything else is read from the DOM.
"""

from __future__ import annotations

import re

import trafilatura

from .licenses import find_in_text, find_reservation
from .models import Image, License, LicenseSignal, MediaCredit, Original, PageView
from .pages import parse_page
from .text import fold

# "Fonte foto in evidenza: Adnkronos", "Foto: ANSA", "Photo credit: Reuters", "Crédit photo : AFP"...
_MEDIA_CREDIT = re.compile(
    r"^\s*(?P<label>fonte (?:della )?foto(?: in evidenza)?|foto(?: in evidenza| di copertina)?|immagine(?: di copertina)?"
    r"|credit[io] fotografic[oi]|ph\.|photo(?: credit)?s?|image(?: credit)?s?|featured image|cover image|credits?"
    r"|foto de portada|fuente de la (?:foto|imagen)|credit photo|photo de une|bildquelle|foto|bild"
    r"|fonte da (?:foto|imagem)|imagem)\s*(?::|©|\bby\b|\bdi\b|\bde\b)\s*(?P<credit>[^\n]{2,80})$",
    re.I,
)
_FEATURED = re.compile(r"in evidenza|featured|copertina|cover|portada|de une", re.I)
_SIGNAL_PRIORITY = {"rel-license": 0, "json-ld": 1, "cc-link": 2, "badge": 2, "meta": 3, "text": 4}


def extract_original(html: str, url: str, feed_text: str | None = None) -> Original:
    """Read an original article page; ``feed_text`` (a full-content feed item) wins over extraction."""
    page = parse_page(html, url)
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    text = feed_text or (doc.text if doc is not None and doc.text else "") or _fallback_text(page)
    authors = page.authors or _split_authors(doc.author if doc is not None else None)
    title = page.title or (doc.title if doc is not None and doc.title else "")
    return Original(
        url=url,
        canonical_url=page.canonical,
        title=title,
        authors=tuple(authors),
        published=page.meta.get("published") or (doc.date if doc is not None else None),
        license=declared_license(page.license_signals),
        text=text,
        site_name=page.meta.get("site_name") or (doc.sitename if doc is not None else None),
        media_credits=tuple(media_credits(page)),
        notices=tuple(b.text for b in page.blocks if find_reservation(b.text) or find_in_text(b.text)),
    )


def declared_license(signals: tuple[LicenseSignal, ...]) -> License | None:
    """The licence the original declares: rel=license first, a bare "Creative Commons" last."""
    ranked = sorted(
        (s for s in signals if s.license is not None),
        key=lambda s: (s.license.unit is None, _SIGNAL_PRIORITY.get(s.kind, 9)),  # type: ignore[union-attr]
    )
    return ranked[0].license if ranked else None


def media_credits(page: PageView) -> list[MediaCredit]:
    """Media that the page credits to someone: a caption or a credit line, with the image it belongs to."""
    credits: list[MediaCredit] = []
    for image in page.images:
        m = _MEDIA_CREDIT.match(image.caption) if image.caption else None
        if m and not image.hidden:
            credits.append(MediaCredit(m["credit"].strip(" .;"), image.src, image.caption))
    captioned = {fold(c.statement) for c in credits}
    for block in page.blocks:
        for line in block.text.splitlines():
            m = _MEDIA_CREDIT.match(line)
            if m and fold(line) not in captioned:
                media = _featured_image(page) if _FEATURED.search(m["label"]) else _first_image(page)
                credits.append(MediaCredit(m["credit"].strip(" .;"), media, line.strip()))
    return credits


def _featured_image(page: PageView) -> str | None:
    return page.meta.get("image") or _first_image(page)


def _first_image(page: PageView) -> str | None:
    return next((i.src for i in page.images if _is_content_image(i)), None) or page.meta.get("image")


def _is_content_image(image: Image) -> bool:
    src = image.src.lower()
    return not image.hidden and not any(s in src for s in ("creativecommons", "licensebuttons", "logo", "avatar", "pixel"))


def _fallback_text(page: PageView) -> str:
    return "\n".join(b.text for b in page.blocks if not b.chrome and not b.in_footer)


def _split_authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in re.split(r";|\band\b|\be\b|,", value) if a.strip()]
