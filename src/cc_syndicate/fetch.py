"""The only module that speaks HTTP.

Every request goes through :meth:`Fetcher.get`, which applies the crawler's policies in order:
the URL must be http(s); robots.txt must allow it; the host gets one request at a time and a delay
between requests; the address is checked after DNS and pinned for the connection (requests-hardened,
plus the address forms it lets through), again on every redirect hop; the body is read against a size cap
(counted after decompression); connecting, the headers and the body together stay within a total time
budget (a server dribbling a byte at a time is cut off). Retry-After is reported, never slept.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urljoin, urlsplit

import protego
import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

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
from .urls import host_of, url_problem

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
    session = _Session(
        Config(
            ip_filter_enable=False,  # our adapters below do it: requests-hardened's, plus the deadline
            ip_filter_allow_loopback_ips=False,
            never_redirect=True,
            default_timeout=(settings.connect_timeout, settings.read_timeout),
            user_agent_override=settings.user_agent,
        )
    )
    for scheme in ("http://", "https://"):
        session.mount(scheme, _DeadlineAdapter() if allow_private
                      else _GuardedAdapter(is_https_proto=scheme == "https://", allow_loopback=False))  # type: ignore[call-arg]
    session.trust_env = False
    return session


class _Session(HTTPSession):
    def get_redirect_target(self, resp: requests.Response) -> None:
        """None: redirects are followed by :meth:`Fetcher.get`, one checked hop at a time. Left to itself,
        requests would prepare the next hop even with ``allow_redirects=False``, reading the whole body of
        the redirect (no size cap) and choking on a Location it cannot parse."""
        return None


# -- the total deadline ---------------------------------------------------------------------------
#
# Socket timeouts bound each read, not the exchange: a server sending its status line one byte a second
# never trips them. So each exchange gets a deadline whose watchdog shuts down the connection's socket when
# it passes, whatever the exchange is doing then (TLS, headers or body). The connection is found where
# urllib3 hands it out (``_get_conn``) and handed to the deadline of the thread asking for it.

_current = threading.local()


class _Deadline:
    """The time budget of one exchange; ``expired`` tells a failure it caused from any other."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._connections: list[Any] = []
        self._done = threading.Event()

    def __enter__(self) -> _Deadline:
        _current.deadline = self
        threading.Thread(target=self._watch, name="cc-syndicate-deadline", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        _current.deadline = None
        self._done.set()

    def watch(self, connection: Any) -> None:
        self._connections.append(connection)

    def _watch(self) -> None:
        if self._done.wait(max(self.at - time.monotonic(), 0.0)):
            return
        self.expired = True
        while True:  # again until the exchange gives up: a socket still connecting has nothing to shut yet
            for connection in self._connections:
                _shutdown(getattr(connection, "sock", None))
            if self._done.wait(0.05):
                return


class _WatchedPool:
    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)  # type: ignore[misc]
        deadline = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.watch(connection)
        return connection


class _WatchedHTTPPool(_WatchedPool, HTTPConnectionPool):
    pass


class _WatchedHTTPSPool(_WatchedPool, HTTPSConnectionPool):
    pass


class _DeadlineAdapter(HTTPAdapter):
    """Connections the current exchange's deadline can shut down."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


# -- the address guard ----------------------------------------------------------------------------
#
# requests-hardened resolves the host once, refuses private, loopback, link-local, multicast, CGNAT,
# NAT64, 6to4, Teredo and IPv4-mapped addresses, and pins the connection to the address it checked. It
# lets through the deprecated IPv6 forms that embed an IPv4 address without being "mapped" (IPv4-
# compatible ::a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d) and site-local fec0::/10; no public server
# lives there, and a host may route them to itself. Those are refused here, on the address it pinned.


def refused_by_us(address: str) -> bool:
    """Whether a resolved address falls in the IPv6 space requests-hardened does not refuse but we do:
    reserved (::/8 holds the IPv4-compatible and -translated forms) and site-local."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%")[0])
    except ValueError:
        return True
    return ip.version == 6 and (ip.is_reserved or ip.is_site_local)


class _GuardedAdapter(_DeadlineAdapter, IPFilterAdapter):
    def build_connection_pool_key_attributes(self, request: Any, verify: Any, cert: Any = None) -> Any:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        if refused_by_us(host_params["host"]):
            raise InvalidIPAddress(host_params["host"].strip("[]"))
        return host_params, pool_kwargs


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
        current, seen = url, {url}
        redirects: list[tuple[int, str]] = []
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
        # Waiting for the host is not the server's time: the deadline starts inside the slot.
        with self.pacer.slot(host), _Deadline(self.settings.total_timeout) as deadline:
            response = self._send(url, headers, deadline)
            with response:
                status = response.status_code
                response_headers = {k.lower(): v for k, v in response.headers.items()}
                if status in _REDIRECTS and "location" in response_headers:
                    return status, response_headers, b"", _location(url, response_headers["location"])
                if status == 304:
                    return status, response_headers, b"", None
                if status >= 400:
                    retry_after = _retry_after(response_headers.get("retry-after"))
                    if retry_after and status in _BUSY:
                        self.host_waits[host] = time.time() + min(retry_after, MAX_HOST_WAIT)
                    raise HTTPStatusError(url, status, retry_after)
                body = _read_body(url, response, max_bytes, deadline)
        return status, response_headers, body, None

    def _send(self, url: str, headers: dict[str, str], deadline: _Deadline) -> requests.Response:
        """The response's status and headers, the library's errors translated into ours."""
        timeouts = (min(self.settings.connect_timeout, deadline.seconds), min(self.settings.read_timeout, deadline.seconds))
        try:
            return self.session.get(url, headers=headers, stream=True, allow_redirects=False, timeout=timeouts)
        except InvalidIPAddress as exc:
            raise BlockedAddress(url, f"refused: {host_of(url)} resolves to a private or reserved address "
                                      f"({exc}); pass --allow-private to reach it") from None
        except (requests.RequestException, urllib3.exceptions.HTTPError, ValueError, OSError) as exc:
            if deadline.expired:
                raise FetchTimeout(url, _over_budget(deadline)) from None
            if isinstance(exc, requests.Timeout):
                raise FetchTimeout(url, f"no answer in time ({type(exc).__name__})") from None
            raise FetchError(url, f"could not connect: {_reason(exc)}") from None


def _location(url: str, location: str) -> str:
    """The absolute URL a redirect points to; one that cannot even be parsed fails this URL."""
    try:
        return urljoin(url, location.strip())
    except ValueError:
        raise BadURL(url, f"the server redirected to a malformed URL ({location.strip()[:200]!r})") from None


def _over_budget(deadline: _Deadline) -> str:
    return f"the response took longer than its time budget ({deadline.seconds:g} s for connecting, headers and body)"


def _read_body(url: str, response: requests.Response, max_bytes: int, deadline: _Deadline) -> bytes:
    """Read the decoded body within ``max_bytes`` and before the deadline (whose watchdog shuts the socket
    down, so that a read blocked on a silent server returns)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(url, f"Content-Length {declared} exceeds the cap of {max_bytes} bytes")
    body = bytearray()
    try:
        while True:
            if time.monotonic() > deadline.at:
                raise FetchTimeout(url, _over_budget(deadline))
            chunk = response.raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            body += chunk
            if len(body) > max_bytes:
                raise TooLarge(url, f"the body exceeds the cap of {max_bytes} bytes (after decompression)")
    except (urllib3.exceptions.HTTPError, requests.RequestException, OSError, ValueError) as exc:
        if deadline.expired or time.monotonic() >= deadline.at:
            raise FetchTimeout(url, _over_budget(deadline)) from None
        raise FetchError(url, f"the connection failed while reading: {_reason(exc)}") from None
    return bytes(body)


def _shutdown(sock: socket.socket | None) -> None:
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
    problem = url_problem(url)
    if problem:
        raise BadURL(url, f"cannot be fetched: {problem} (only http and https URLs with a host can be)")


_ERRNO = re.compile(r"\[Errno -?\d+\] [^'\")\]]+")


def _reason(exc: BaseException) -> str:
    """The useful part of a library's error ("[Errno 111] Connection refused"), not its repr chain."""
    text = str(exc) or type(exc).__name__
    m = _ERRNO.search(text)
    if m:
        return m.group(0).strip()
    return text if len(text) < 200 else text[:197] + "..."
