"""The fetcher's budgets and policies, against servers on loopback."""

from __future__ import annotations

import gzip
import socket
import time

import pytest
from pytest_httpserver import HTTPServer
from rawserver import Behaviour, RawServer, respond
from werkzeug import Response

from cc_syndicate.errors import (
    BadURL,
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
)
from cc_syndicate.fetch import Fetcher
from cc_syndicate.models import Settings

FAST = Settings(host_delay=0.0, total_timeout=2.0, read_timeout=2.0, max_bytes=1_000_000,
                user_agent="cc-syndicate/0.1 (+https://rights.example/bot)")


@pytest.fixture
def fetcher() -> Fetcher:
    return Fetcher(FAST, allow_private=True)


@pytest.fixture(autouse=True)
def robots(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")


def test_a_plain_page(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/a").respond_with_data("<p>ciao</p>", content_type="text/html; charset=utf-8",
                                                      headers={"ETag": '"v1"'})
    fetched = fetcher.get(httpserver.url_for("/a"))
    assert (fetched.status, fetched.body, fetched.etag) == (200, b"<p>ciao</p>", '"v1"')
    request, _ = httpserver.log[-1]
    assert request.headers["User-Agent"] == FAST.user_agent


def test_conditional_get(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/c", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    assert fetcher.get(httpserver.url_for("/c"), etag='"v1"').not_modified


def test_size_cap(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * 2_000_000)
    with pytest.raises(TooLarge):
        fetcher.get(httpserver.url_for("/big"))


def test_size_cap_counts_decompressed_bytes(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLarge, match="after decompression"):
        fetcher.get(httpserver.url_for("/bomb"))


def test_a_dribbling_server_is_cut_off(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    def dribble():  # type: ignore[no-untyped-def]
        for _ in range(100):
            time.sleep(0.2)
            yield b"x"

    httpserver.expect_request("/slow").respond_with_response(Response(dribble(), content_type="text/html"))
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetcher.get(httpserver.url_for("/slow"))
    assert time.monotonic() - started < FAST.total_timeout + 1.0


def test_redirects(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    for i in range(7):
        httpserver.expect_request(f"/r{i}").respond_with_data("", status=302, headers={"Location": f"/r{i + 1}"})
    httpserver.expect_request("/r7").respond_with_data("end")
    fetched = fetcher.get(httpserver.url_for("/r2"))
    assert fetched.body == b"end" and fetched.final_url.endswith("/r7") and len(fetched.redirects) == 5
    with pytest.raises(TooManyRedirects):
        fetcher.get(httpserver.url_for("/r1"))


def test_redirect_loop(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/loop-a").respond_with_data("", status=301, headers={"Location": "/loop-b"})
    httpserver.expect_request("/loop-b").respond_with_data("", status=301, headers={"Location": "/loop-a"})
    with pytest.raises(TooManyRedirects, match="loop"):
        fetcher.get(httpserver.url_for("/loop-a"))


def test_retry_after_is_reported_not_slept(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/busy").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    started = time.monotonic()
    with pytest.raises(HTTPStatusError) as err:
        fetcher.get(httpserver.url_for("/busy"))
    assert (err.value.status, err.value.retry_after) == (429, 3600.0)
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "data:text/html,hi"])
def test_only_http(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(BadURL):
        fetcher.get(url)


def test_private_addresses_are_refused_by_default(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("x")
    with Fetcher(FAST) as guarded, pytest.raises(BlockedAddress, match="--allow-private"):
        guarded.get(httpserver.url_for("/a"))
    assert httpserver.log == []


def test_robots_txt(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/private/x").respond_with_data("secret")
    with pytest.raises(RobotsDisallowed):
        fetcher.get(httpserver.url_for("/private/x"))
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt"]


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (500, False), (503, False)])
def test_robots_txt_status(status: int, allowed: bool) -> None:
    with HTTPServer(port=0) as server:
        server.expect_request("/robots.txt").respond_with_data("", status=status)
        server.expect_request("/page").respond_with_data("ok")
        with Fetcher(FAST, allow_private=True) as fetcher:
            assert fetcher.robots_allows(server.url_for("/page")) is allowed


def dribbled_head(interval: float) -> Behaviour:
    """A status line and headers sent one byte at a time: every read returns, so no socket timeout fires."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"p" * 60 + b"\r\nContent-Length: 2\r\n\r\nok"

    def behave(conn: socket.socket) -> None:
        for byte in head:
            conn.sendall(bytes([byte]))
            time.sleep(interval)
    return behave


def test_the_deadline_covers_a_dribbled_status_line_and_headers() -> None:
    interval = 0.2
    settings = Settings(host_delay=0.0, total_timeout=1.0, read_timeout=2.0, connect_timeout=2.0)
    with RawServer({"/slow-head": dribbled_head(interval)}) as server, \
            Fetcher(settings, allow_private=True, obey_robots=False) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match="time budget"):
            fetcher.get(server.url("/slow-head"))
        elapsed = time.monotonic() - started
    dribble_length = 110 * interval  # the whole head would take about 22 s to arrive
    assert elapsed < dribble_length / 4  # cut off at the budget, not when the server stopped


def test_the_same_fetcher_works_after_a_deadline_cut_a_connection(httpserver: HTTPServer) -> None:
    settings = Settings(host_delay=0.0, total_timeout=1.0, read_timeout=2.0)
    httpserver.expect_request("/after").respond_with_data("fine")
    with RawServer({"/slow-head": dribbled_head(0.2)}) as server, Fetcher(settings, allow_private=True) as fetcher:
        with pytest.raises(FetchTimeout):
            fetcher.get(server.url("/slow-head"))
        assert fetcher.get(httpserver.url_for("/after")).body == b"fine"


@pytest.mark.parametrize("location", ["http://[oops/", "http://a.example:99999/", "http://[::1/x"])
def test_a_malformed_redirect_fails_that_url_only(location: str) -> None:
    jump = respond("302 Found", {"Location": location, "Content-Length": "0"})
    with RawServer({"/jump": jump}) as server, Fetcher(FAST, allow_private=True) as fetcher:
        with pytest.raises(FetchError, match="malformed|cannot be parsed") as err:
            fetcher.get(server.url("/jump"))
    assert not isinstance(err.value, FetchTimeout)


def test_a_robots_txt_redirecting_to_a_malformed_url_is_a_fetch_error() -> None:
    jump = respond("301 Moved Permanently", {"Location": "http://[oops/", "Content-Length": "0"})
    with RawServer({"/robots.txt": jump}) as server, Fetcher(FAST, allow_private=True) as fetcher:
        with pytest.raises(FetchError, match="malformed"):
            fetcher.get(server.url("/page"))
    assert server.log == ["/robots.txt"]


@pytest.mark.parametrize("url", ["http://[oops/", "http://a.example:99999/", "http://a..b/", "http://:80/",
                                 "http://exa mple.test/", "http://a.example/\x1b[2J"])
def test_a_malformed_url_is_a_bad_url(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(BadURL):
        fetcher.get(url)


def test_the_body_of_a_redirect_is_never_read() -> None:
    def endless_redirect(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: /end\r\nContent-Length: 100000000\r\n\r\n")
        while True:  # a body that never ends, slowly: reading it would last until the budget runs out
            conn.sendall(b"x")
            time.sleep(0.05)

    end = respond("200 OK", {"Content-Length": "3"}, b"end")
    with RawServer({"/jump": endless_redirect, "/end": end}) as server, Fetcher(FAST, allow_private=True) as fetcher:
        started = time.monotonic()
        fetched = fetcher.get(server.url("/jump"))
        elapsed = time.monotonic() - started
    assert fetched.body == b"end" and fetched.redirects == ((302, server.url("/end")),)
    assert elapsed < FAST.total_timeout  # followed at once, not after reading until the budget ran out
