"""`cc-syndicate serve` from the command line: its settings, its errors, and the real server (waitress)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import assert_serve_refuses, compliant_page
from serve_sites import Sites

from cc_syndicate.cli import main
from cc_syndicate.config import load_settings
from cc_syndicate.models import ServeSettings


@pytest.fixture
def sites() -> Iterator[Sites]:
    with Sites() as s:
        yield s


def test_serve_settings_are_read(tmp_path: Path) -> None:
    (tmp_path / "cc-syndicate.toml").write_text(
        '[serve]\nthreads = 24\nrate_limit = "30/hour"\nconcurrent_checks = 6\nqueue = 12\nqueue_wait = 5\n'
        'cache_minutes = 2.5\nbase_path = "/verifica/"\ntrusted_proxies = 1\n', encoding="utf-8")
    assert load_settings(tmp_path).serve == ServeSettings(
        threads=24, rate_limit="30/hour", concurrent_checks=6, queue=12, queue_wait=5.0, cache_minutes=2.5,
        base_path="/verifica", trusted_proxies=1)
    assert load_settings(tmp_path / "none").serve == ServeSettings()


@pytest.mark.parametrize("text, key, fix", [
    ('[serve]\nrate_limit = "lots"\n', "serve.rate_limit", 'rate_limit = "10/minute"'),
    ('[serve]\nrate_limit = 10\n', "serve.rate_limit", 'rate_limit = "10/minute"'),
    ('[serve]\nthreads = 8\nconcurrent_checks = 4\nqueue = 8\n', "serve.threads", "threads = 16"),
    ('[serve]\nconcurrent_checks = 0\n', "serve.concurrent_checks", "concurrent_checks = 4"),
    ('[serve]\ncache_minutes = -1\n', "serve.cache_minutes", "cache_minutes = 5.0"),
    ('[serve]\ntrusted_proxies = 1.5\n', "serve.trusted_proxies", "trusted_proxies = 0"),
    ('[serve]\nbase_path = "verifica?x=1"\n', "serve.base_path", 'base_path = "/verifica"'),
    ('[serve]\nratelimit = "10/minute"\n', "serve.ratelimit", "did you mean 'rate_limit'?"),
    ('serve = 3\n', "serve", "[serve]"),
])
def test_bad_serve_settings_name_the_file_the_key_and_the_fix(tmp_path: Path, text: str, key: str, fix: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert_serve_refuses(tmp_path, text, key, fix, monkeypatch)


def test_serve_needs_rules_and_an_existing_database(tmp_path: Path, sites: Sites, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    assert main(["serve", "--port", "0"], stdout=io.StringIO(), stderr=err) == 2
    assert "rules: does not exist" in err.getvalue()
    rules = sites.write_rules(tmp_path / "rules")
    err = io.StringIO()
    assert main(["serve", "--port", "0", "--rules", str(rules), "--db", "missing.db"], stdout=io.StringIO(), stderr=err) == 2
    assert "missing.db does not exist" in err.getvalue()


def get(url: str, data: dict | None = None) -> tuple[int, dict[str, str], bytes]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"} if body else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_server_answers_on_loopback(tmp_path: Path, sites: Sites) -> None:
    """The real thing: `cc-syndicate serve` in a child process, waitress answering over a socket."""
    (tmp_path / "cc-syndicate.toml").write_text(
        '[crawler]\nhost_delay = 0\n[serve]\nthreads = 6\nconcurrent_checks = 2\nqueue = 2\nbase_path = "/verifica"\n',
        encoding="utf-8")
    rules = sites.write_rules(tmp_path / "rules")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "cc_syndicate", "serve", "--port", "0", "--rules", str(rules), "--allow-private"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = child.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("Serving on http://127.0.0.1:") and "/verifica/ (6 threads, 2 checks at once" in line, line
        base = line.split()[2]
        status, headers, body = get(base + "healthz")
        assert status == 200 and json.loads(body)["status"] == "ok" and headers["Server"] == "cc-syndicate"
        status, _, body = get(base)
        assert status == 200 and b'action="/verifica/check"' in body
        url = sites.copy("/served", compliant_page())
        status, _, body = get(base + "api/check", {"url": url, "original": sites.original})
        assert status == 200 and json.loads(body)["verdict"] == "compliant"
    finally:
        child.terminate()
        _, err = child.communicate(timeout=10)
    assert "no database at cc-syndicate.db" in err and "checked " + url in err  # one log line per check
