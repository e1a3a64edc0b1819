"""URL identity: hosts as the publisher's domains are compared."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from cc_syndicate.urls import host_in, host_of, may_any_be_in, may_be_in

TRICKY = [
    "https://example.org/a", "http://example.org", "HTTPS://WWW.Example.ORG/a?b#c", "https://www.example.org./a",
    "http://example.org:80/a", "https://example.org:443/", "http://example.org:443/", "https://example.org:8443#x",
    "https://example.org:/a", "https://example.org:00/a", "http://example.org:080/", "https://example.org:65536/a",
    "https://example.org:99999999999999999999/", "https://example.org:8x/", "https://user@example.org/",
    "https://user:pw@example.org:8080/", "https://example.org:80@evil.example/", "http://[::1]:8080/a",
    "http://[2001:db8::1]/", "http://[::1/", " https://example.org/a", "https://example.org /a",
    "https://exam\tple.org/a", "https://example.org\n", "https://example.org\\a", "https://ex%41mple.org/",
    "https://exämple.org/a", "https://example.org?q=1", "https://example.org#top", "http://127.0.0.1:3000/x",
    "http:///a", "http://", "https:example.org/a", "ftp://example.org/a", "//example.org/a", "mailto:a@example.org",
    "https://www./a", "https://WWW.EXAMPLE.ORG:8080", "https://amp.example.org/a/amp", "https://\u212aelvin.org/",
    "https://long\u017f.org/", "https://example.org:" + "0" * 5000 + "/a", "https://example.org:" + "9" * 5000,
]


def host_by_urlsplit(url: str) -> str:
    """The host as urlsplit reads it, the way host_of must read it whatever its shortcuts."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    try:
        port = parts.port
    except ValueError:
        port = None
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return f"{host}:{port}" if port and port != default else host


@pytest.mark.parametrize("url", TRICKY)
def test_the_host_is_what_urlsplit_reads(url: str) -> None:
    try:
        expected = host_by_urlsplit(url)
    except ValueError:
        with pytest.raises(ValueError):
            host_of(url)
        return
    assert host_of(url) == expected


DOMAINS = [("example.org",), ("WWW.Example.ORG.",), ("example.org:8080",), ("org",), ("other.example", "127.0.0.1"),
           ("kelvin.org", "longs.org"), ("",)]


@pytest.mark.parametrize("url", TRICKY)
def test_the_screen_never_turns_away_a_host_in_the_domains(url: str) -> None:
    for domains in DOMAINS:
        try:
            inside = host_in(host_of(url), domains)
        except ValueError:
            continue
        assert may_be_in(url, domains) or not inside, domains


def test_the_screen_turns_away_other_hosts() -> None:
    assert not may_be_in("https://news.other.example/a", ("example.org",))
    assert not may_be_in("https://example.com/example-org", ("example.org:8080",))
    assert may_be_in("https://News.Example.ORG:8080/a", ("example.org:8080",))


@pytest.mark.parametrize("url", TRICKY)
def test_the_screen_of_many_urls_never_turns_away_one_the_screen_of_each_lets_through(url: str) -> None:
    others = ["https://news.other.example/a", "http://example.com/example-org"]
    for domains in DOMAINS:
        for urls in ([url], [*others, url], [url, *others]):
            assert may_any_be_in(urls, domains) or not any(may_be_in(u, domains) for u in urls), (urls, domains)


def test_the_screen_of_many_urls_turns_away_a_page_linking_elsewhere() -> None:
    assert not may_any_be_in(["https://news.other.example/a", "https://example.com/example-org"], ("example.org",))
    assert not may_any_be_in([], ("example.org",))
    assert may_any_be_in(["https://news.other.example/a", "https://News.Example.ORG/a"], ("example.org",))
