"""Hostile addresses, XML and HTTP: each is refused or bounded, recorded, and the run goes on."""

from __future__ import annotations

import gzip
import io
import json
import socket
import sqlite3
import time
from pathlib import Path

import pytest
import requests_hardened.ip_filter_adapter as adapter
from pytest_httpserver import HTTPServer
from rawserver import RawServer, dribble, endless_chunks, reset_midway, respond
from sites import LoopbackSites

from cc_syndicate.cli import main
from cc_syndicate.config import load_feeds
from cc_syndicate.errors import BlockedAddress, ConfigError, FeedParseError
from cc_syndicate.fetch import Fetcher, refused_by_us
from cc_syndicate.models import Settings
from cc_syndicate.sandbox import FeedParser

# --- network safety ------------------------------------------------------------------------------

PRIVATE = [
    "http://127.0.0.1:{port}/", "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0:{port}/", "http://[::1]:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/", "http://2130706433:{port}/", "http://0x7f000001:{port}/",
    # loopback in every spelling: short, octal, hex per part, octal integer, full IPv6, IPv4-mapped in hex
    "http://127.1:{port}/", "http://0177.0.0.1:{port}/", "http://0x7f.0.0.1:{port}/", "http://017700000001:{port}/",
    "http://127.255.255.254:{port}/", "http://[0:0:0:0:0:0:0:1]:{port}/", "http://[::ffff:7f00:1]:{port}/",
    # IPv6 forms that embed an IPv4 address: compatible, translated, NAT64 (both prefixes), 6to4, Teredo
    "http://[::127.0.0.1]:{port}/", "http://[::ffff:0:127.0.0.1]:{port}/", "http://[::10.0.0.1]/",
    "http://[::8.8.8.8]/", "http://[64:ff9b::7f00:1]:{port}/", "http://[64:ff9b:1::a00:1]/",
    "http://[2002:7f00:1::1]:{port}/", "http://[2002:a00:1::1]/", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    # reserved, special-purpose and local ranges
    "http://0.1.2.3/", "http://198.18.0.1/", "http://224.0.0.1/", "http://255.255.255.255/", "http://240.0.0.1/",
    "http://[::]:{port}/", "http://[fec0::1]/", "http://[feff::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
    "http://[fe80::1]/", "http://[ff02::1]/",
]
NAMES = {"loopback.test": "127.0.0.1", "compatible.test": "::127.0.0.1", "site-local.test": "fec0::1"}


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every address a socket tries to connect to."""
    seen: list[object] = []
    real = socket.socket.connect

    def record(self: socket.socket, address: object) -> object:
        seen.append(address)
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", record)
    return seen


@pytest.mark.parametrize("template", PRIVATE + [f"http://{name}:{{port}}/" for name in NAMES])
def test_private_addresses_never_reach_a_socket(template: str, httpserver: HTTPServer, connects: list[object],
                                                fake_dns: dict[str, str]) -> None:
    fake_dns.update(NAMES)
    httpserver.expect_request("/").respond_with_data("secret")
    with Fetcher(Settings(host_delay=0), obey_robots=False) as fetcher, pytest.raises(BlockedAddress):
        fetcher.get(template.format(port=httpserver.port))
    assert connects == [] and httpserver.log == []


@pytest.mark.parametrize("template", PRIVATE)
def test_a_public_url_redirecting_to_a_private_address_is_refused(
    template: str, httpserver: HTTPServer, connects: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_filter = adapter.filter_host

    def public_test_is_public(hostname: str, port: int, *, allow_loopback: bool) -> str:
        # "public.test" stands for a public server: it passes the check and is pinned to our loopback server.
        return "127.0.0.1" if hostname == "public.test" else real_filter(hostname, port, allow_loopback=allow_loopback)

    monkeypatch.setattr(adapter, "filter_host", public_test_is_public)
    target = template.format(port=httpserver.port)
    httpserver.expect_request("/jump").respond_with_data("", status=302, headers={"Location": target})
    httpserver.expect_request("/").respond_with_data("secret")
    with Fetcher(Settings(host_delay=0), obey_robots=False) as fetcher, pytest.raises(BlockedAddress):
        fetcher.get(f"http://public.test:{httpserver.port}/jump")
    assert [r.path for r, _ in httpserver.log] == ["/jump"]
    assert len(connects) == 1  # the public hop only


def test_proxies_and_netrc_from_the_environment_are_ignored(httpserver: HTTPServer, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with RawServer({}) as proxy:
        for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
            monkeypatch.setenv(name, proxy.url(""))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        (tmp_path / ".netrc").write_text("machine 127.0.0.1 login spy password leaked\n", encoding="utf-8")
        (tmp_path / ".netrc").chmod(0o600)
        monkeypatch.setenv("HOME", str(tmp_path))
        httpserver.expect_request("/page").respond_with_data("ok")
        with Fetcher(Settings(host_delay=0), allow_private=True, obey_robots=False) as fetcher:
            assert fetcher.get(httpserver.url_for("/page")).body == b"ok"
        assert proxy.log == []
        request, _ = httpserver.log[-1]
        assert "Authorization" not in request.headers


# --- hostile XML ----------------------------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>http://127.0.0.1:1/x</link>'
    b"</item></channel></rss>"
)
# A "safe" entity, 1 KB, used 100,000 times: past expat's amplification limit feedparser's loose parser expands it.
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"a" * 1024 + b'">]><rss version="2.0"><channel><title>t'
    b"</title><item><title>" + b"&a;" * 100_000 + b"</title></item></channel></rss>"
)
LONG_AUTHOR = (b'<rss version="2.0"><channel><title>t</title><item><title>x</title><author>' + b"a" * 31_000
               + b"</author></item></channel></rss>")


def xxe(secret: Path) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]><rss version="2.0"><channel>'
            "<title>&xxe;</title><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>").encode()


@pytest.mark.parametrize("name", ["billion-laughs", "quadratic", "long-author", "xxe"])
def test_hostile_feeds_are_parsed_in_bounded_time_and_memory(name: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    body = {"billion-laughs": BILLION_LAUGHS, "quadratic": QUADRATIC, "long-author": LONG_AUTHOR, "xxe": xxe(secret)}[name]
    started = time.monotonic()
    with FeedParser(timeout=10, memory_mb=256) as parser:
        try:
            parsed = parser.parse(body, "application/rss+xml", "http://127.0.0.1/feed")
        except FeedParseError:
            parsed = None
    assert time.monotonic() - started < 15
    if parsed is not None:
        text = json.dumps([[e.title, e.summary, e.full_text, e.authors] for e in parsed.entries])
        assert "TOP-SECRET" not in text and "lollollol" not in text
        assert len(text) < 2 * len(body)  # nothing was expanded


def test_a_parser_that_runs_too_long_is_stopped() -> None:
    with FeedParser(timeout=0.5) as parser, pytest.raises(FeedParseError, match="stopped"):
        parser.parse(LONG_AUTHOR.replace(b"a" * 31_000, b"a" * 120_000), "application/rss+xml", "http://127.0.0.1/f")
    with FeedParser(timeout=5) as parser:  # and the pool keeps working afterwards
        assert parser.parse(b'<rss version="2.0"><channel><item><title>ok</title></item></channel></rss>',
                            "application/rss+xml", "http://127.0.0.1/f").entries[0].title == "ok"


def test_hostile_opml(tmp_path: Path) -> None:
    (tmp_path / "laughs.opml").write_bytes(BILLION_LAUGHS.replace(b"<rss", b"<opml").replace(b"</rss>", b"</opml>"))
    started = time.monotonic()
    try:
        feeds = load_feeds(tmp_path)
    except ConfigError as exc:
        assert "laughs.opml" in str(exc)
    else:
        assert feeds == []
    assert time.monotonic() - started < 5


# --- hostile feeds and HTTP in a run ------------------------------------------------------------------


def hostile_behaviours(secret: Path) -> dict[str, object]:
    bomb = gzip.compress(b"<rss>" + b"\0" * 200_000_000)
    double = gzip.compress(gzip.compress(b"<rss>" + b" " * 50_000_000))
    return {
        "/laughs": respond("200 OK", {"Content-Type": "application/rss+xml", "Content-Length": str(len(BILLION_LAUGHS))}, BILLION_LAUGHS),
        "/quadratic": respond("200 OK", {"Content-Type": "application/rss+xml", "Content-Length": str(len(QUADRATIC))}, QUADRATIC),
        "/xxe": respond("200 OK", {"Content-Type": "application/rss+xml", "Content-Length": str(len(xxe(secret)))}, xxe(secret)),
        "/author": respond("200 OK", {"Content-Type": "application/rss+xml", "Content-Length": str(len(LONG_AUTHOR))}, LONG_AUTHOR),
        "/bomb": respond("200 OK", {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip",
                                    "Content-Length": str(len(bomb))}, bomb),
        "/double": respond("200 OK", {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip, gzip",
                                      "Content-Length": str(len(double))}, double),
        "/huge-length": respond("200 OK", {"Content-Type": "application/rss+xml", "Content-Length": "99999999999"}, b"<rss>"),
        "/endless": endless_chunks(),
        "/dribble": dribble(0.2),
        "/path": respond("200 OK", {"Content-Type": "application/rss+xml", "Content-Length": str(len(str(secret)))},
                         str(secret).encode()),
        "/loop": respond("301 Moved Permanently", {"Location": "/loop", "Content-Length": "0"}),
        **{f"/hop{i}": respond("302 Found", {"Location": f"/hop{i + 1}", "Content-Length": "0"}) for i in range(21)},
        "/reset": reset_midway(),
        "/error": respond("500 Internal Server Error", {"Content-Length": "0"}),
    }


# A Retry-After holds off the whole host, so the busy feed has a host (a port) of its own.
BUSY = {"/busy": respond("429 Too Many Requests", {"Retry-After": "600", "Content-Length": "0"})}


HOSTILE_FEEDS = ["/laughs", "/quadratic", "/xxe", "/author", "/bomb", "/double", "/huge-length", "/endless", "/dribble",
                 "/path", "/loop", "/hop0", "/reset", "/error", "/busy"]


def test_a_run_survives_every_hostile_feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOP-SECRET", encoding="utf-8")
    with LoopbackSites() as sites, RawServer(hostile_behaviours(secret)) as raw, RawServer(BUSY) as busy:
        sites.write_config(tmp_path)
        (tmp_path / "cc-syndicate.toml").write_text(
            "[crawler]\nhost_delay = 0\nworkers = 4\ntotal_timeout = 3\nmax_bytes = 2000000\n"
            "[feeds]\nparse_timeout = 5\nparse_memory_mb = 256\n", encoding="utf-8")
        hostile = "".join(f'[[feed]]\nname = "hostile {p}"\nurl = "{(busy if p in BUSY else raw).url(p)}"\n'
                          for p in HOSTILE_FEEDS)
        (tmp_path / "feeds" / "0-hostile.toml").write_text(hostile, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        started = time.monotonic()
        out, err = io.StringIO(), io.StringIO()
        status = main(["run", "--allow-private", "--json"], stdout=out, stderr=err)
        elapsed = time.monotonic() - started
    summary = json.loads(out.getvalue())
    assert status == 1, err.getvalue()
    assert summary["feeds"] == len(HOSTILE_FEEDS) + 3 and summary["pages_checked"] >= 12  # the demo feeds still ran
    assert elapsed < 90
    db = sqlite3.connect(tmp_path / "cc-syndicate.db")
    states = dict(db.execute("SELECT url, IFNULL(error, status) FROM feeds WHERE name LIKE 'hostile%'").fetchall())
    errors = {url.rsplit("/", 1)[-1]: message for url, message in states.items()}
    assert "exceeds the cap" in errors["bomb"] and "exceeds the cap" in errors["double"]
    assert "Content-Length" in errors["huge-length"] and "exceeds" in errors["endless"]
    assert "time budget" in errors["dribble"]
    assert "loop" in errors["loop"] and "more than 5 redirects" in errors["hop0"]
    assert "HTTP 500" in errors["error"] and "HTTP 429" in errors["busy"]
    assert "not a feed" in errors["path"] and "reading" in errors["reset"]
    dump = "\n".join(db.iterdump())
    assert "TOP-SECRET" not in dump and "lollollol" not in dump
    next_try = db.execute("SELECT next_try_at FROM feeds WHERE url LIKE '%/busy'").fetchone()[0]
    assert next_try is not None


@pytest.mark.parametrize("address", ["8.8.8.8", "2a00:1450:4001:82b::200e", "[2606:4700:4700::1111]", "1.1.1.1"])
def test_public_addresses_pass_our_own_check(address: str) -> None:
    assert not refused_by_us(address)
