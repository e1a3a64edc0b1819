"""The only module that speaks HTTP.

Every request goes through :meth:`Fetcher.get`, which applies the crawler's policies in order:
the URL must be http(s); robots.txt must allow it; the host gets one request at a time and a delay
between requests; the address is checked after DNS and pinned for the connection (requests-hardened),
again on every redirect hop; the body is read against a size cap (counted after decompression) and a
total time budget (a server dribbling a byte at a time is cut off). Retry-After is reported, never slept.
"""

from __future__ import annotations

import email.utils
import logging
import re
import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urljoin, urlsplit

import protego
import requests
import urllib3
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress

from .errors import (
    BadURL,
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HostDeferred,
    HTTPStatusError,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
)
from .models import Fetched, Settings
from .urls import host_of

ROBOTS_AGENT = "cc-syndicate"
ROBOTS_MAX_BYTES = 512 * 1024
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
_REDIRECTS = {301, 302, 303, 307, 308}
_BUSY = {429, 503}
MAX_HOST_WAIT = 2 * 86400.0  # a Retry-After longer than two days is taken as two days
_CHUNK = 65536

# requests-hardened logs every refused address as a warning of its own; the BlockedAddress we raise says
# the same in one line, with the fix, so its log would only repeat it (in every cron mail).
logging.getLogger("requests_hardened").addHandler(logging.NullHandler())
logging.getLogger("requests_hardened").propagate = False


def make_session(settings: Settings, allow_private: bool) -> requests.Session:
    """A session that refuses private addresses unless asked, and ignores proxies and .netrc."""
    session = HTTPSession(
        Config(
            ip_filter_enable=not allow_private,
            ip_filter_allow_loopback_ips=False,
            never_redirect=True,
            default_timeout=(settings.connect_timeout, settings.read_timeout),
            user_agent_override=settings.user_agent,
        )
    )
    session.trust_env = False
    return session


class HostPacer:
    """One request at a time per host, and at least ``delay`` seconds between two of them."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay: float) -> None:
        self._delays[host] = max(delay, self.delay)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._next.get(host, 0.0) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._next[host] = time.monotonic() + self._delays.get(host, self.delay)


class Fetcher:
    """Fetches URLs politely and safely; share one per run (it caches robots.txt and paces hosts)."""

    def __init__(self, settings: Settings, *, allow_private: bool = False, obey_robots: bool = True) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self.obey_robots = obey_robots
        self.session = make_session(settings, allow_private)
        self.pacer = HostPacer(settings.host_delay)
        self._robots: dict[str, protego.Protego | bool] = {}
        self._robots_lock = threading.Lock()
        # host -> when (Unix time) it may be asked again: a 429/503 Retry-After, for the whole host, kept
        # across runs by whoever stores it.
        self.host_waits: dict[str, float] = {}

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the public door ------------------------------------------------------------------------

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, accept: str = HTML_ACCEPT
    ) -> Fetched:
        """Fetch ``url`` following up to ``max_redirects`` redirects; 304 comes back as a response."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        current, seen, redirects = url, {url}, []
        for _ in range(self.settings.max_redirects + 1):
            _require_http(current)
            if self.obey_robots and not self.robots_allows(current):
                raise RobotsDisallowed(current, "robots.txt forbids crawlers to fetch this URL")
            status, response_headers, body, location = self._request(current, headers)
            if location is None:
                return Fetched(url, current, status, response_headers, body, time.monotonic() - started,
                               tuple(redirects))
            redirects.append((status, location))
            if location in seen:
                raise TooManyRedirects(url, f"redirect loop at {location}")
            seen.add(location)
            current = location
        raise TooManyRedirects(url, f"more than {self.settings.max_redirects} redirects")

    # -- robots.txt ----------------------------------------------------------------------------

    def robots_allows(self, url: str) -> bool:
        rules = self._robots_for(url)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(url, ROBOTS_AGENT)

    def _robots_for(self, url: str) -> protego.Protego | bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin in self._robots:
                return self._robots[origin]
        rules = self._load_robots(origin)
        if isinstance(rules, protego.Protego):
            delay = rules.crawl_delay(ROBOTS_AGENT)
            if delay:
                self.pacer.set_delay(host_of(url), min(float(delay), self.settings.max_crawl_delay))
        with self._robots_lock:
            self._robots[origin] = rules
        return rules

    def _load_robots(self, origin: str) -> protego.Protego | bool:
        """RFC 9309: a 4xx robots.txt allows everything, a 5xx forbids everything. A host that cannot
        be reached at all raises, so the caller reports the connection error itself."""
        current = origin + "/robots.txt"
        try:
            for _ in range(self.settings.max_redirects + 1):
                status, _, body, location = self._request(current, {"Accept": "text/plain"}, max_bytes=ROBOTS_MAX_BYTES)
                if location is None:
                    return protego.Protego.parse(body.decode("utf-8", errors="replace"))
                current = location
                _require_http(current)
        except HTTPStatusError as exc:
            return 400 <= exc.status < 500 and exc.status != 429
        except TooLarge:
            return False
        return False  # a redirect chain too long: treat as unreachable

    # -- one HTTP exchange ---------------------------------------------------------------------

    def _request(
        self, url: str, headers: dict[str, str], max_bytes: int | None = None
    ) -> tuple[int, dict[str, str], bytes, str | None]:
        """(status, headers, body, redirect location or None) for one request, within the budgets."""
        max_bytes = max_bytes or self.settings.max_bytes
        host = host_of(url)
        wait = self.host_waits.get(host, 0.0) - time.time()
        if wait > 0:
            raise HostDeferred(url, wait)
        with self.pacer.slot(host):
            deadline = time.monotonic() + self.settings.total_timeout  # waiting for the host is not the server's time
            try:
                response = self.session.get(url, headers=headers, stream=True, allow_redirects=False)
            except InvalidIPAddress as exc:
                raise BlockedAddress(url, f"refused: {host_of(url)} resolves to a private or reserved address "
                                          f"({exc}); pass --allow-private to reach it") from None
            except requests.Timeout as exc:
                raise FetchTimeout(url, f"no answer in time ({type(exc).__name__})") from None
            except (requests.RequestException, urllib3.exceptions.HTTPError, ValueError, OSError) as exc:
                raise FetchError(url, f"could not connect: {_reason(exc)}") from None
            with response:
                status = response.status_code
                response_headers = {k.lower(): v for k, v in response.headers.items()}
                if status in _REDIRECTS and "location" in response_headers:
                    return status, response_headers, b"", urljoin(url, response_headers["location"].strip())
                if status == 304:
                    return status, response_headers, b"", None
                if status >= 400:
                    retry_after = _retry_after(response_headers.get("retry-after"))
                    if retry_after and status in _BUSY:
                        self.host_waits[host] = time.time() + min(retry_after, MAX_HOST_WAIT)
                    raise HTTPStatusError(url, status, retry_after)
                body = _read_body(url, response, max_bytes, deadline)
        return status, response_headers, body, None


def _read_body(url: str, response: requests.Response, max_bytes: int, deadline: float) -> bytes:
    """Read the decoded body within ``max_bytes`` and before ``deadline``; a watchdog closes the socket
    at the deadline so that a read blocked on a silent server returns."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(url, f"Content-Length {declared} exceeds the cap of {max_bytes} bytes")
    watchdog = threading.Timer(max(deadline - time.monotonic(), 0.0), _shutdown, (response,))
    watchdog.daemon = True
    watchdog.start()
    body = bytearray()
    try:
        while True:
            if time.monotonic() > deadline:
                raise FetchTimeout(url, "the response took longer than its time budget")
            chunk = response.raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            body += chunk
            if len(body) > max_bytes:
                raise TooLarge(url, f"the body exceeds the cap of {max_bytes} bytes (after decompression)")
    except (urllib3.exceptions.HTTPError, requests.RequestException, OSError, ValueError) as exc:
        if time.monotonic() >= deadline:
            raise FetchTimeout(url, "the response took longer than its time budget") from None
        raise FetchError(url, f"the connection failed while reading: {_reason(exc)}") from None
    finally:
        watchdog.cancel()
    return bytes(body)


def _shutdown(response: requests.Response) -> None:
    sock = getattr(getattr(response.raw, "connection", None), "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds, from a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _require_http(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise BadURL(url, "only http and https URLs with a host can be fetched")


_ERRNO = re.compile(r"\[Errno -?\d+\] [^'\")\]]+")


def _reason(exc: BaseException) -> str:
    """The useful part of a library's error ("[Errno 111] Connection refused"), not its repr chain."""
    text = str(exc) or type(exc).__name__
    m = _ERRNO.search(text)
    if m:
        return m.group(0).strip()
    return text if len(text) < 200 else text[:197] + "..."
