"""Text from pages and servers never drives the terminal: every command's output, text or JSON, escapes
control, C1 and bidi characters, and the JSON still parses to what the page held."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from helpers import ORIGINAL_HOST, ORIGINAL_PATH, original_html, page
from pytest_httpserver import HTTPServer
from rawserver import RawServer, respond

from cc_syndicate.cli import main
from cc_syndicate.terminal import terminal_safe

# Clears the screen, writes the clipboard (OSC 52), rings the bell, returns to the line start to overprint
# a verdict, and reverses the text that follows: each would act on a terminal printed raw.
HOSTILE = "\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m\rVerdict   COMPLIANT\u202eTCAXE\u2066\u200f"
# What must never reach a terminal: C0 but newline and tab, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def held_by(text: str) -> bool:
    """Whether JSON gave back the page's own characters (whitespace aside, which the page parser folds)."""
    return all(part in text for part in ("\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m", "COMPLIANT\u202eTCAXE\u2066\u200f"))


def assert_safe(*texts: str) -> None:
    for text in texts:
        assert not UNSAFE.search(text), repr(UNSAFE.search(text))


class Workdir:
    """A publisher at http://localhost:PORT and a hostile copy of its article at http://127.0.0.1:PORT."""

    def __init__(self, server: HTTPServer, tmp: Path) -> None:
        self.publisher = f"localhost:{server.port}"
        self.original = f"http://{self.publisher}{ORIGINAL_PATH}"
        server.expect_request("/robots.txt").respond_with_data("")
        server.expect_request(ORIGINAL_PATH).respond_with_data(original_html(self.publisher),
                                                               content_type="text/html; charset=utf-8")
        hostile_page = page(head=f"<title>{HOSTILE}</title>",
                            after=f'<p><a href="http://{self.publisher}/">{HOSTILE}</a> {HOSTILE}</p>')
        hostile_page = hostile_page.replace("<title>Copia Quotidiana</title>", "")
        server.expect_request("/copy/").respond_with_data(hostile_page.replace(f"http://{ORIGINAL_HOST}", self.original),
                                                          content_type="text/html; charset=utf-8")
        self.copy = f"http://127.0.0.1:{server.port}/copy/"
        self.rules = tmp / "rules"
        self.rules.mkdir()
        (self.rules / "eco.toml").write_text(
            f'[publisher]\nname = "L\'Eco del Lago"\ndomains = ["{self.publisher}"]\nfeeds = []\n'
            f'language = "it"\n[license]\nid = "CC BY 4.0"\n', encoding="utf-8")
        (tmp / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\ntotal_timeout = 5\n", encoding="utf-8")


@pytest.fixture
def work(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workdir:
    monkeypatch.chdir(tmp_path)
    return Workdir(httpserver, tmp_path)


def test_terminal_safe_escapes_controls_and_keeps_layout() -> None:
    assert terminal_safe("a\tb\nc") == "a\tb\nc"
    assert terminal_safe("\x1b[2J\r\x07\x7f\x85\u202e\u2066\u200f\ud800ok") == (
        "\\u001b[2J\\u000d\\u0007\\u007f\\u0085\\u202e\\u2066\\u200f\\ud800ok")
    assert terminal_safe("città «x» — 東京 ✓") == "città «x» — 東京 ✓"


def test_check_text_output_is_escaped(work: Workdir) -> None:
    status, out, err = run_cli("check", work.copy, "--original", work.original, "--rules", str(work.rules),
                               "--allow-private")
    assert status == 1, err
    assert_safe(out, err)
    assert "Verdict   VIOLATION" in out
    assert "\\u001b[2J\\u001b]52;c;ZXZpbA==\\u0007\\u009b31m Verdict COMPLIANT\\u202e" in out  # (the page's
    # parser folded the carriage return into a space)


def test_check_json_is_valid_and_holds_what_the_page_held(work: Workdir) -> None:
    status, out, err = run_cli("check", work.copy, "--original", work.original, "--rules", str(work.rules),
                               "--allow-private", "--format", "json")
    assert status == 1, err
    assert_safe(out, err)
    result = json.loads(out)
    assert result["verdict"] == "violation" and held_by(result["page"]["title"])


def test_inspect_text_and_json_are_escaped(work: Workdir) -> None:
    status, out, err = run_cli("inspect", work.copy, "--allow-private")
    assert status == 0, err
    assert_safe(out, err)
    assert "Title      \\u001b[2J" in out
    status, out, err = run_cli("inspect", work.copy, "--allow-private", "--format", "json")
    assert_safe(out, err)
    seen = json.loads(out)
    assert held_by(seen["title"]) and any(held_by(link["text"]) for link in seen["links"])


# A redirect whose Location holds control characters: the URL it makes reaches error messages.
EVIL_LOCATION = "/\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b"


def test_errors_printed_by_main_are_escaped(work: Workdir) -> None:
    with RawServer({"/jump": respond("302 Found", {"Location": EVIL_LOCATION, "Content-Length": "0"})}) as raw:
        status, out, err = run_cli("check", raw.url("/jump"), "--original", work.original, "--rules", str(work.rules),
                                   "--allow-private")
    assert status == 2
    assert_safe(out, err)
    assert err.startswith("cc-syndicate: error: ") and "\\u001b]52;c;ZXZpbA==\\u0007" in err


def test_run_messages_are_escaped(work: Workdir, tmp_path: Path) -> None:
    with RawServer({"/feed": respond("302 Found", {"Location": EVIL_LOCATION, "Content-Length": "0"})}) as raw:
        (tmp_path / "feeds").mkdir()
        (tmp_path / "feeds" / "f.toml").write_text(f'[[feed]]\nname = "Hostile"\nurl = "{raw.url("/feed")}"\n',
                                                   encoding="utf-8")
        status, out, err = run_cli("run", "--allow-private", "--json")
    assert_safe(out, err)
    assert "\\u001b]52;c;ZXZpbA==\\u0007" in err
    json.loads(out)


def test_originals_problems_are_escaped(work: Workdir) -> None:
    with RawServer({"/feed": respond("302 Found", {"Location": EVIL_LOCATION, "Content-Length": "0"})}) as raw:
        rule = work.rules / "eco.toml"
        rule.write_text(rule.read_text(encoding="utf-8").replace("feeds = []", f'feeds = ["{raw.url("/feed")}"]'),
                        encoding="utf-8")
        status, out, err = run_cli("originals", "--rules", str(work.rules), "--allow-private")
    assert status == 0
    assert_safe(out, err)
    assert "problem:" in err and "\\u001b]52;c;ZXZpbA==\\u0007" in err


def test_report_messages_are_escaped(work: Workdir, tmp_path: Path) -> None:
    status, _, err = run_cli("check", work.copy, "--original", work.original, "--rules", str(work.rules),
                             "--allow-private")
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "f.toml").write_text(f'[[feed]]\nname = "Copy"\nurl = "{work.copy}"\n', encoding="utf-8")
    run_cli("run", "--allow-private")
    folder = "report\x1b]0;pwned\x07"
    status, out, err = run_cli("report", "--report", folder)
    assert status == 0, err
    assert_safe(out, err)
    assert "report\\u001b]0;pwned\\u0007" in out


def test_audit_text_and_json_are_escaped(work: Workdir, httpserver: HTTPServer) -> None:
    article = f"http://{work.publisher}/2026/11/ostile/"
    hostile = re.sub(r"<title>.*?</title>", f"<title>{HOSTILE}</title>", original_html(work.publisher))
    hostile = re.sub(r'<meta property="og:title"[^>]*>', "", hostile)
    httpserver.expect_request("/2026/11/ostile/").respond_with_data(hostile, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/feed/").respond_with_data(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Eco</title><link>http://{work.publisher}/</link>'
        f"<item><title>Ostile</title><link>{article}</link></item></channel></rss>", content_type="application/rss+xml")
    rule = work.rules / "eco.toml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("feeds = []", f'feeds = ["http://{work.publisher}/feed/"]'),
                    encoding="utf-8")
    status, out, err = run_cli("audit", "--rules", str(work.rules), "--allow-private")
    assert status == 1, err  # the agency's photo is not excluded from the grant
    assert_safe(out, err)
    assert '  "\\u001b[2J\\u001b]52;c;ZXZpbA==\\u0007\\u009b31m Verdict COMPLIANT\\u202e' in out
    status, out, err = run_cli("audit", "--rules", str(work.rules), "--allow-private", "--format", "json")
    assert_safe(out, err)
    assert held_by(json.loads(out)["articles"][0]["title"])
