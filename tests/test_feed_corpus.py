"""All 2,107 feeds of feedparser's test suite, served with their own headers, through a real run."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import corpus_path
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cc_syndicate.cli import main

HEADER = re.compile(rb"^Header:\s*([\w-]+):\s*(.*?)\s*$", re.M)


def served(files: list[Path], root: Path):  # type: ignore[no-untyped-def]
    def handler(request: Request) -> Response:
        path = root / request.path.lstrip("/")
        if request.path == "/robots.txt" or not path.is_file():
            return Response("", status=404)
        body = path.read_bytes()
        head = body.split(b"-->", 1)[0] if body.lstrip().startswith(b"<!--") else b""
        headers = {k.decode(): v.decode("latin-1") for k, v in HEADER.findall(head)}
        headers.setdefault("Content-Type", "application/xml")
        return Response(body, status=200, headers=headers)
    return handler


def test_every_feed_of_the_corpus_goes_through_a_run(httpserver: HTTPServer, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, offline_dns: object) -> None:
    root = corpus_path("feeds-feedparser")
    files = sorted(p for p in root.rglob("*") if p.suffix in {".xml", ".json", ".rdf", ".atom", ".rss"} and p.is_file())
    assert len(files) == 2107
    httpserver.expect_request(re.compile(".*")).respond_with_handler(served(files, root))
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "publisher.toml").write_text(  # a run needs a rule; no corpus feed links to this publisher
        '[publisher]\nname = "Publisher"\ndomains = ["publisher.test"]\n[license]\nid = "CC BY 4.0"\n', encoding="utf-8")
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "corpus.toml").write_text("".join(
        f'[[feed]]\nname = "{p.relative_to(root)}"\nurl = "{httpserver.url_for("/" + p.relative_to(root).as_posix())}"\n'
        for p in files), encoding="utf-8")
    (tmp_path / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\nworkers = 4\ntotal_timeout = 10\n"
                                                "[feeds]\nparse_timeout = 10\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    status = main(["run", "--allow-private", "--json"], stdout=out, stderr=err)
    summary = json.loads(out.getvalue())
    assert status == 0, err.getvalue()
    assert "internal error" not in err.getvalue()
    assert summary["feeds"] == 2107 and summary["feeds_fetched"] + summary["feeds_failed"] == 2107
    db = sqlite3.connect(tmp_path / "cc-syndicate.db")
    with_entries = db.execute("SELECT COUNT(DISTINCT feed_url) FROM entries").fetchone()[0]
    failures = db.execute("SELECT COUNT(*) FROM feeds WHERE status = 'failed'").fetchone()[0]
    print(f"\n{len(files)} corpus feeds: {with_entries} gave entries, {summary['feeds_fetched']} parsed, "
          f"{failures} refused as unreadable")
    assert with_entries > 1000
