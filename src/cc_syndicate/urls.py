"""URL identity: when two URLs name the same article, and which hosts belong to a publisher (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from .memo import by_text

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ref|ref_src|source|amp|output|igshid|_ga)$")
_AMP_SUFFIX = re.compile(r"(?:/amp|\.amp|/amp\.html?)$")


@by_text(2_000_000)
def host_of(url: str) -> str:
    """The host (with a non-default port) in lower case, without ``www.``."""
    scheme, host, port = _plain_parts(url) or _parsed_parts(url)
    host = host.lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    default = {"http": 80, "https": 443}.get(scheme.lower())
    return f"{host}:{port}" if port and port != default else host


# An http(s) URL whose host is a plain name or IPv4 address, perhaps with a port of at most five digits
# (a longer one, which int() may refuse to read, is urlsplit's to judge): no user, no IPv6 literal, no
# white space or characters urlsplit strips, removes or checks. Most links of a page are such, and
# their parts are read here without splitting the whole URL.
_PLAIN_URL = re.compile(r"([hH][tT][tT][pP][sS]?)://([A-Za-z0-9.\-]+)(?::([0-9]{0,5}))?(?=[/?#]|\Z)")


def _plain_parts(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of a plain http(s) URL, as :func:`_parsed_parts` gives them; None for others."""
    plain = _PLAIN_URL.match(url) if url.isascii() else None
    if plain is None:
        return None
    scheme, host, port = plain.groups()
    number = int(port) if port else None
    return scheme, host, number if number is not None and number <= 65535 else None


def _parsed_parts(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) as urlsplit reads them; a port that is not one is None."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return parts.scheme, parts.hostname or "", port


@by_text(2_000_000)
def article_key(url: str) -> str:
    """A key equal for the same article reached by another scheme, ``www.``, trailing slash, tracking
    parameters, fragment or AMP suffix."""
    parts = urlsplit(url.strip())
    path = _AMP_SUFFIX.sub("", parts.path.rstrip("/")).rstrip("/")
    host = host_of(url)
    if host.startswith("amp."):
        host = host[4:]
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    return f"{host}{path or ''}{'?' + query if query else ''}"


def same_article(a: str | None, b: str | None) -> bool:
    return bool(a and b) and article_key(a) == article_key(b)  # type: ignore[arg-type]


def host_in(host: str, domains: tuple[str, ...] | list[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or a subdomain of one (ports must match when given)."""
    host = host.lower()
    with_port, bare, suffixes = _normalised(tuple(domains))
    bare_host = host.split(":")[0]
    return host in with_port or bare_host in bare or bare_host.endswith(suffixes)


@lru_cache(maxsize=1024)
def _normalised(domains: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """Domains as hosts are compared (lower case, no trailing dot, no ``www.``), once per list of domains:
    those with a port, which a host must equal; those without, which its name must equal or end with
    after a dot (the suffixes)."""
    out = []
    for domain in domains:
        domain = domain.lower().strip().rstrip(".")
        out.append(domain[4:] if domain.startswith("www.") else domain)
    bare = [domain for domain in out if ":" not in domain]
    return frozenset(d for d in out if ":" in d), frozenset(bare), tuple("." + domain for domain in bare)


def host_as_written(url: str) -> bool:
    """Whether the host of ``url`` is a piece of its lower case as written: an ASCII URL without control
    characters (URL parsing removes tabs and line breaks first, which could join a host's pieces). Such a
    URL cannot name a host that its text does not hold."""
    return url.isascii() and url.isprintable()


def may_be_in(url: str, domains: tuple[str, ...]) -> bool:
    """False only when ``host_in(host_of(url), domains)`` is, found without reading the URL's parts: every
    domain a host is in ends it (a URL whose host is not as written is let through). A screen for the
    many links of a page that lead elsewhere."""
    return may_any_be_in((url,), domains)


def may_any_be_in(urls: Sequence[str], domains: tuple[str, ...]) -> bool:
    """False only when :func:`may_be_in` is for every one of ``urls``: one look at all of them joined (the
    lower case of a URL is a piece of the lower case of them all, and a host name holds no space), for
    the links of a page that lead to none of a publisher's hosts, as most do."""
    joined = " ".join(urls)
    if not host_as_written(joined):
        return True  # some URL is not as written: each is looked at on its own
    lowered = joined.lower()
    return any(name in lowered for name in _names(domains))


@lru_cache(maxsize=1024)
def _names(domains: tuple[str, ...]) -> tuple[str, ...]:
    """The host names of normalised domains, without their ports (a host with a port holds the name)."""
    with_port, bare, _ = _normalised(domains)
    return tuple({domain.split(":")[0] for domain in with_port} | bare)


def is_http(url: str) -> bool:
    if url.startswith(("http://", "https://")) and url.isascii() and "[" not in url and "]" not in url:
        return True  # what urlsplit would find (such a URL cannot make it raise), cheaper than keeping it
    return _has_http_scheme(url)


@by_text(2_000_000)
def _has_http_scheme(url: str) -> bool:
    return urlsplit(url).scheme.lower() in {"http", "https"}


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_BAD_HOST_CHARS = re.compile(r"[\s<>\"'`{}|\\^]")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an http(s) URL that can be fetched ("it cannot be parsed: Invalid IPv6 URL"),
    or None when it is one. Never raises, whatever the text."""
    if _CONTROL.search(url):
        return "it contains control characters"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for a port out of range or not a number
    except ValueError as exc:
        return f"it cannot be parsed ({exc})"
    if parts.scheme.lower() not in {"http", "https"}:
        return "it is not an http(s) URL"
    host = parts.hostname or ""
    if not host:
        return "it has no host"
    if port == 0:
        return "port 0 cannot be reached"
    if _BAD_HOST_CHARS.search(host):
        return f"its host '{host}' contains characters a host name cannot hold"
    if ":" not in host:  # a name, not an IPv6 literal: each label 1 to 63 characters
        try:
            host.encode("idna")
        except UnicodeError:
            return f"its host '{host}' is not a valid host name"
    return None


_SIZE_SUFFIX = re.compile(r"(?:-\d{2,5}x\d{2,5}|-scaled|-e\d{10,})+$")


def media_key(url: str) -> str:
    """An image's file stem without the sizes a CMS adds (WordPress: ``-1024x683``, ``-scaled``) or the
    query string: ``photo-1024x683.jpg?w=800`` -> ``photo``."""
    name = url.split("#")[0].split("?")[0].rstrip("/").rsplit("/", 1)[-1].lower()
    stem = name.rsplit(".", 1)[0]
    return _SIZE_SUFFIX.sub("", stem)


def same_media(a: str | None, b: str | None) -> bool:
    """The same image file, perhaps re-hosted or resized."""
    if not a or not b:
        return False
    stem = media_key(a)
    return len(stem) >= 6 and stem == media_key(b)
