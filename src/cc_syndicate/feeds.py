"""Feed bytes into entries (pure; run it in a sandbox, see :mod:`cc_syndicate.sandbox`).

feedparser is handed the bytes wrapped in a stream (given bytes or a str it first tries them as a file
path) with the response's Content-Type and URL (without them every feed is "bozo" and relative links
stay relative). The DOCTYPE is removed first: feedparser's fallback parser expands internal entities,
so a billion-laughs feed would otherwise become gigabytes.
"""

from __future__ import annotations

import io
import re
from typing import Any

import feedparser

from .errors import FeedParseError
from .models import FeedEntry, ParsedFeed
from .pages import text_of_html

FULL_TEXT_WORDS = 150  # a feed item with at least this many words of content carries the article whole
_DOCTYPE = re.compile(rb"<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.I | re.S)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY[^>]*>", re.I)


def strip_doctype(body: bytes) -> bytes:
    """Remove the DOCTYPE (and any stray ENTITY declaration) so that no entity can be defined."""
    body = _DOCTYPE.sub(b"", body, count=1)
    return _ENTITY_DECLARATION.sub(b"", body)


def parse_feed(body: bytes, content_type: str, url: str) -> ParsedFeed:
    """Entries of an RSS, Atom, RDF or JSON feed; raises FeedParseError when nothing is readable."""
    result = feedparser.parse(
        io.BytesIO(strip_doctype(body)),
        response_headers={"content-type": content_type or "application/xml", "content-location": url},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if not result.get("version") and not result.get("entries"):
        problem = result.get("bozo_exception")
        raise FeedParseError(url, f"not a feed ({_describe(problem) if problem else 'no entries and no feed version'})")
    entries = tuple(_entry(e) for e in result.entries[:2000])
    problem = _describe(result.get("bozo_exception")) if result.get("bozo") else None
    return ParsedFeed(title=result.feed.get("title", ""), version=result.get("version", ""), entries=entries,
                      problem=problem, link=result.feed.get("link") or None,
                      license_urls=_license_urls(result.feed), rights=_rights(result.feed))


def _entry(raw: Any) -> FeedEntry:
    summary = text_of_html(raw.get("summary", "") or "")
    contents = [c.get("value", "") for c in raw.get("content", []) or [] if isinstance(c, dict)]
    content = max((text_of_html(c) for c in contents), key=len, default="")
    longest = max((content, summary), key=len)
    authors = tuple(a.get("name", "").strip() for a in raw.get("authors", []) or [] if isinstance(a, dict) and a.get("name"))
    if not authors and raw.get("author"):
        authors = (str(raw.get("author")).strip(),)
    return FeedEntry(
        guid=(raw.get("id") or None),
        link=(raw.get("link") or None),
        title=raw.get("title", "") or "",
        authors=authors,
        published=raw.get("published") or raw.get("updated") or None,
        summary=summary,
        full_text=longest if len(longest.split()) >= FULL_TEXT_WORDS else "",
        license_urls=_license_urls(raw),
        rights=_rights(raw),
    )


def _license_urls(raw: Any) -> tuple[str, ...]:
    """The licence links of a channel or an item: feedparser gives creativeCommons:license, cc:license
    and Atom's link rel=license as links with rel "license"."""
    links = raw.get("links", []) or []
    return tuple(str(link["href"])[:500] for link in links[:50]
                 if isinstance(link, dict) and link.get("rel") == "license" and link.get("href"))


def _rights(raw: Any) -> str:
    """dc:rights, RSS <copyright> or Atom rights (feedparser keeps one of them under "rights")."""
    return text_of_html(str(raw.get("rights", "") or ""))[:500]


def _describe(problem: object) -> str:
    text = f"{type(problem).__name__}: {problem}"
    return text if len(text) < 200 else text[:197] + "..."
