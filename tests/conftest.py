"""Shared fixtures: the corpus setting, a guard against leaving the machine, loopback sites."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
# One setting for every corpus-based test: CC_SYNDICATE_CORPUS, default ../shared/corpus.
CORPUS = Path(os.environ.get("CC_SYNDICATE_CORPUS", PROJECT.parent / "shared" / "corpus"))


def corpus_path(*parts: str) -> Path:
    """A path inside the corpus, or a skip with the reason when the corpus is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus not found at {path} (set CC_SYNDICATE_CORPUS to use it)")
    return path


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _is_local(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX
        return True
    host = address[0] if isinstance(address, tuple) else address
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return str(host) in LOCAL_NAMES


def _guarded_connect(self: socket.socket, address: object) -> object:
    if not _is_local(address):
        raise AssertionError(f"a test tried to connect to {address!r}: tests must never leave the machine")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> object:
    if not _is_local(address):
        raise AssertionError(f"a test tried to connect to {address!r}: tests must never leave the machine")
    return _real_connect_ex(self, address)


# Tests that feed the crawler real-world material (whose links point anywhere) switch this to True: names
# then fail to resolve, as on a machine without a network, instead of failing the test.
OFFLINE_DNS = {"on": False}
FAKE_DNS: dict[str, str] = {}  # name -> address, for tests that need a name to resolve to this machine


def _numeric_ipv4(name: str) -> bool:
    """127.1, 0177.0.0.1, 0x7f.1, 2130706433: spellings the resolver reads as numbers, never asking DNS."""
    try:
        socket.inet_aton(name)
    except OSError:
        return False
    return True


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    name = host.decode() if isinstance(host, bytes) else str(host) if host is not None else ""
    if name in FAKE_DNS:
        return _real_getaddrinfo(FAKE_DNS[name], *args, **kwargs)
    try:
        ipaddress.ip_address(name.strip("[]").split("%")[0])
    except ValueError:
        if name and name not in LOCAL_NAMES and not _numeric_ipv4(name):
            if OFFLINE_DNS["on"]:
                raise socket.gaierror(socket.EAI_NONAME, f"{name}: no DNS in tests") from None
            raise AssertionError(f"a test tried to resolve {name!r}: tests must never use DNS") from None
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def never_leave_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that opens a connection to, or looks up, anything but this machine."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)


@pytest.fixture
def offline_dns() -> object:
    OFFLINE_DNS["on"] = True
    yield
    OFFLINE_DNS["on"] = False


@pytest.fixture
def fake_dns() -> dict[str, str]:
    yield FAKE_DNS
    FAKE_DNS.clear()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS} (set CC_SYNDICATE_CORPUS to use it)")
    return CORPUS
