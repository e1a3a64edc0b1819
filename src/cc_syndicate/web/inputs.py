"""The addresses people type into the form or send to the API, read before anything is fetched (pure)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import CCSyndicateError

MAX_URL = 2048
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


class BadInput(CCSyndicateError):
    """A value from a visitor that cannot be used; ``reason`` names which problem (see words.py)."""

    def __init__(self, reason: str, field: str, value: str = "") -> None:
        super().__init__(f"{field}: {reason}")
        self.reason, self.field, self.value = reason, field, value


def optional_web_address(value: object, field: str) -> str | None:
    """:func:`web_address`, or None when nothing was given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return web_address(value, field)


def web_address(value: object, field: str) -> str:
    """An http(s) URL with a host, from what a person pasted: spaces trimmed, ``https://`` added to a
    bare ``example.org/page``. Other schemes, credentials in the URL and stray characters are refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BadInput("missing", field)
    if not isinstance(value, str):
        raise BadInput("not-text", field)
    url = value.strip()
    if len(url) > MAX_URL:
        raise BadInput("too-long", field, url[:80])
    if _FORBIDDEN.search(url):
        raise BadInput("bad-characters", field, _FORBIDDEN.sub("", url))
    if not _SCHEME.match(url) or (url.split(":", 1)[0].lower() not in {"http", "https"} and "." in url.split(":", 1)[0]):
        url = "https://" + url.lstrip("/")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise BadInput("not-a-url", field, url) from None
    if parts.scheme.lower() not in {"http", "https"}:
        raise BadInput("not-web", field, url)
    host = parts.hostname or ""
    if not host or ("." not in host and ":" not in host and host != "localhost"):  # a typo, not a site
        raise BadInput("not-a-url", field, url)
    if parts.username is not None or parts.password is not None:
        raise BadInput("credentials", field, url)
    return url
