"""The originals index: ingest from feeds served on loopback, then find which original a page holds."""

from __future__ import annotations

import html
import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest
from pytest_httpserver import HTTPServer

from cc_syndicate.check import originals_in
from cc_syndicate.cli import main
from cc_syndicate.context import RunContext
from cc_syndicate.fetch import Fetcher
from cc_syndicate.index import FORMAT_VERSION, OriginalsIndex, fingerprint
from cc_syndicate.ingest import ingest_originals, paged_url
from cc_syndicate.licenses import parse as parse_license
from cc_syndicate.models import Publisher, Rules, Settings
from cc_syndicate.sandbox import FeedParser
from cc_syndicate.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from helpers import paragraphs as lake_paragraphs  # noqa: E402
from test_checks import SAME_NEWS, UNRELATED  # noqa: E402
from textgen import TextGenerator  # noqa: E402

FAST = Settings(host_delay=0.0)
FULL_ARTICLES = 22  # the full-content feed: 10 a page, as WordPress does, over three pages
SUMMARY_ARTICLES = 4


def article_page(title: str, author: str, paras: list[str], url: str) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (f'<html lang="it"><head><title>{html.escape(title)}</title><link rel="canonical" href="{url}">'
            f'<meta name="author" content="{author}"></head><body><nav><a href="/">Home</a></nav><article>'
            f"<h1>{html.escape(title)}</h1>{body}<p>Licenza CC BY 4.0</p></article></body></html>")


def rss(items: list[tuple[str, str, str, list[str]]]) -> str:
    parts = [f"<item><title>{html.escape(t)}</title><link>{u}</link><guid>{u}</guid><dc:creator>{a}</dc:creator>"
             f"<description>{html.escape(p[0][:120])}</description>"
             f"<content:encoded><![CDATA[{''.join(f'<p>{x}</p>' for x in p)}]]></content:encoded></item>"
             for t, u, a, p in items]
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
            'content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Full</title>'
            f"{''.join(parts)}</channel></rss>")


def atom(items: list[tuple[str, str, str, list[str]]]) -> str:
    entries = [f'<entry><title>{html.escape(t)}</title><link href="{u}"/><id>{u}</id><updated>2026-11-01T10:00:00Z'
               f"</updated><author><name>{a}</name></author><summary>{html.escape(p[0][:150])}</summary></entry>"
               for t, u, a, p in items]
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>S</title>{"".join(entries)}</feed>'


class Publishers:
    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        generator = TextGenerator(seed=7)
        base = server.url_for("").rstrip("/")
        self.full = [(f"Notizia {i}", f"{base}/full/{i}/", f"Autore {i}", generator.article(450)) for i in range(FULL_ARTICLES)]
        self.summary = [(f"Sommario {i}", f"{base}/summary/{i}/", f"Firma {i}", generator.article(400))
                        for i in range(SUMMARY_ARTICLES - 1)]
        self.summary.append(("Volontari al lavoro", f"{base}/summary/lago/", "Giulia Ferraris", lake_paragraphs()))
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
        for title, url, author, paras in self.full + self.summary:
            path = url.removeprefix(base)
            server.expect_request(path).respond_with_data(article_page(title, author, paras, url), content_type="text/html")
        pages = [self.full[i:i + 10] for i in range(0, FULL_ARTICLES, 10)]
        self.feed_bodies = {"": rss(pages[0])} | {f"paged={n + 1}": rss(p) for n, p in enumerate(pages) if n}
        for query, body in self.feed_bodies.items():
            server.expect_request("/full/feed/", query_string=query).respond_with_data(
                body, content_type="application/rss+xml", headers={"ETag": f'"{hash(body) & 0xffff}"'})
        server.expect_request("/full/feed/", query_string=f"paged={len(pages) + 1}").respond_with_data("", status=404)
        server.expect_request("/summary/atom.xml").respond_with_data(atom(self.summary), content_type="application/atom+xml",
                                                                     headers={"Last-Modified": "Sun, 01 Nov 2026 10:00:00 GMT"})
        self.rules = [
            Rules(Publisher("Full News", domains=(f"localhost:{server.port}",), feeds=(f"{base}/full/feed/",), language="it"),
                  parse_license("CC BY 4.0")),  # type: ignore[arg-type]
            Rules(Publisher("Summary Daily", feeds=(f"{base}/summary/atom.xml",), language="it"),
                  parse_license("CC BY 4.0")),  # type: ignore[arg-type]
        ]

    def text(self, i: int) -> list[str]:
        return self.full[i][3]


@pytest.fixture
def publishers(httpserver: HTTPServer) -> Publishers:
    return Publishers(httpserver)


@pytest.fixture
def store(tmp_path: Path, publishers: Publishers):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "cc.db") as store, Fetcher(FAST, allow_private=True) as fetcher, FeedParser() as parser:
        report = ingest_originals(RunContext(store, fetcher, parser, tuple(publishers.rules)), backfill=5)
        assert report.problems == [] and report.feeds_failed == 0
        yield store


def page_with(paras: list[str]) -> str:
    chrome = "Home Cronaca Sport Meteo. " * 20
    return chrome + "\n" + "\n".join(paras) + "\n" + "Pubblicità. Iscriviti alla newsletter. Tutti i diritti riservati. " * 10


def found(store: Store, text: str) -> list[str]:
    return [r.original.title for r in originals_in(text, store, store.load_index(), [])]


def test_ingest_reads_full_content_summaries_and_older_pages(store: Store, publishers: Publishers) -> None:
    assert store.original_count() == FULL_ARTICLES + SUMMARY_ARTICLES
    assert store.index_path.exists()
    (publisher, lake), = store.originals([store.original_id(f"localhost:{publishers.server.port}/summary/lago")]).values()
    assert publisher == "Summary Daily" and lake.authors == ("Giulia Ferraris",)
    assert "centoventi volontari" in lake.text  # the page's text: the Atom feed has summaries only


def test_a_second_ingest_is_conditional_and_adds_nothing(store: Store, publishers: Publishers, httpserver: HTTPServer) -> None:
    httpserver.clear_log()
    httpserver.expect_request("/full/feed/", query_string="", headers={"If-None-Match": f'"{hash(publishers.feed_bodies[""]) & 0xffff}"'}
                              ).respond_with_data("", status=304)
    with Fetcher(FAST, allow_private=True) as fetcher, FeedParser() as parser:
        report = ingest_originals(RunContext(store, fetcher, parser, tuple(publishers.rules)), backfill=5)
    assert report.originals_added == 0 and report.feeds_not_modified == 2
    feed_requests = [r for r, _ in httpserver.log if r.path != "/robots.txt"]
    assert [r.path for r in feed_requests] == ["/full/feed/", "/summary/atom.xml"]
    assert feed_requests[0].headers.get("If-None-Match")
    assert feed_requests[1].headers.get("If-Modified-Since") == "Sun, 01 Nov 2026 10:00:00 GMT"
    assert store.original_count() == FULL_ARTICLES + SUMMARY_ARTICLES


def test_a_full_copy_is_found(store: Store, publishers: Publishers) -> None:
    assert found(store, page_with(publishers.text(3))) == ["Notizia 3"]


def test_an_older_original_from_a_backfilled_page_is_found(store: Store, publishers: Publishers) -> None:
    assert found(store, page_with(publishers.text(FULL_ARTICLES - 1))) == [f"Notizia {FULL_ARTICLES - 1}"]


def test_an_edited_copy_is_found(store: Store, publishers: Publishers) -> None:
    paras = list(publishers.text(5))
    paras[1] = "Questo paragrafo è stato riscritto da capo dalla redazione che ha ripreso la notizia."
    paras[3] = paras[3].upper()
    (result,) = originals_in(page_with(paras), store, store.load_index(), [])
    assert result.original.title == "Notizia 5" and 0.5 < result.containment < 0.95


def test_an_excerpt_is_found(store: Store, publishers: Publishers) -> None:
    words = " ".join(publishers.text(8)).split()
    excerpt = " ".join(words[: len(words) * 15 // 100])
    (result,) = originals_in(page_with([excerpt]), store, store.load_index(), [])
    assert result.original.title == "Notizia 8" and 0.1 <= result.containment < 0.3


def test_a_round_up_reproduces_two_originals(store: Store, publishers: Publishers) -> None:
    text = page_with(publishers.text(2)[:3] + ["E ora un altro articolo."] + publishers.text(11)[:3])
    assert sorted(found(store, text)) == ["Notizia 11", "Notizia 2"]


@pytest.mark.parametrize("paras", [UNRELATED, SAME_NEWS, TextGenerator(seed=99).article(500)],
                         ids=["unrelated", "same-news", "same-vocabulary"])
def test_nothing_for_pages_that_reproduce_nothing(store: Store, paras: list[str]) -> None:
    assert found(store, page_with(paras)) == []


def test_the_index_is_kept_and_grows(store: Store, publishers: Publishers) -> None:
    index = store.load_index()
    assert index.watermark == store.original_count() and len(index) == store.original_count()
    store.index_path.write_bytes(b"not an index")
    assert store.load_index().watermark == store.original_count()  # rebuilt from the fingerprints


def test_check_finds_the_original_in_the_database(store: Store, publishers: Publishers, httpserver: HTTPServer,
                                                  tmp_path: Path) -> None:
    copy = "".join(f"<p>{html.escape(p)}</p>" for p in publishers.text(4))
    httpserver.expect_request("/copy").respond_with_data(f"<html><body><article>{copy}</article></body></html>",
                                                         content_type="text/html")
    out = io.StringIO()
    status = main(["check", f"http://127.0.0.1:{httpserver.port}/copy", "--db", str(store.path), "--allow-private",
                   "--format", "json", "--rules", str(tmp_path / "none")], stdout=out, stderr=io.StringIO())
    assert status == 2  # --rules points nowhere
    status = main(["check", f"http://127.0.0.1:{httpserver.port}/copy", "--db", str(store.path), "--allow-private",
                   "--format", "json"], stdout=out)
    result = json.loads(out.getvalue())
    assert status == 1 and result["original"]["title"] == "Notizia 4"
    assert {f["code"] for f in result["findings"]} >= {"source-missing", "source-link-missing", "author-missing"}


def test_the_originals_command(publishers: Publishers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    feed = publishers.rules[1].publisher.feeds[0]
    (tmp_path / "rules" / "s.toml").write_text(
        f'[publisher]\nname = "Summary Daily"\nfeeds = ["{feed}"]\n[license]\nid = "CC BY 4.0"\n', encoding="utf-8")
    out = io.StringIO()
    assert main(["originals", "--allow-private", "--json"], stdout=out) == 0
    summary = json.loads(out.getvalue())
    assert (summary["originals_added"], summary["originals_total"], summary["feeds_failed"]) == (4, 4, 0)
    out = io.StringIO()
    assert main(["originals", "--allow-private"], stdout=out) == 0
    assert "0 added, 4 in the database" in out.getvalue()


def test_paged_url() -> None:
    assert paged_url("https://x.example/feed/", 2) == "https://x.example/feed/?paged=2"
    assert paged_url("https://x.example/?feed=rss2&paged=9", 3) == "https://x.example/?feed=rss2&paged=3"


def test_asking_for_the_archive_walks_it_even_when_the_feed_is_unchanged(store: Store, publishers: Publishers,
                                                                       httpserver: HTTPServer) -> None:
    # `originals --backfill N` on an up-to-date database: the first page answers 304, the archive is still read.
    httpserver.clear_log()
    httpserver.expect_request("/full/feed/", query_string="", headers={"If-None-Match": f'"{hash(publishers.feed_bodies[""]) & 0xffff}"'}
                              ).respond_with_data("", status=304)
    with Fetcher(FAST, allow_private=True) as fetcher, FeedParser() as parser:
        report = ingest_originals(RunContext(store, fetcher, parser, tuple(publishers.rules)), backfill=2,
                                  walk_unchanged=True)
    assert report.feeds_not_modified == 2 and report.problems == []
    paged = [r.query_string.decode() for r, _ in httpserver.log if r.path == "/full/feed/" and r.query_string]
    assert paged == ["paged=2", "paged=3"]


def test_check_with_a_mistyped_db_exits_2_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "cc.db"
    err = io.StringIO()
    status = main(["check", "http://127.0.0.1:9/page", "--db", str(missing), "--allow-private"],
                  stdout=io.StringIO(), stderr=err)
    assert status == 2 and "does not exist" in err.getvalue()
    assert not missing.parent.exists()


@pytest.mark.parametrize("damage", ["truncated", "zip-garbage", "arrays-that-do-not-fit"])
def test_a_damaged_index_file_is_refused_not_trusted(damage: str) -> None:
    index = OriginalsIndex()
    for original_id, paras in enumerate([UNRELATED, SAME_NEWS], start=1):
        index.add(original_id, fingerprint(" ".join(paras)))
    data = index.to_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "zip-garbage":
        data = b"PK\x03\x04" + bytes(range(256)) * 4
    else:  # a well-formed file whose postings point past the originals it knows
        buffer = io.BytesIO()
        np.savez(buffer, version=np.array([FORMAT_VERSION, 2]), keys=index.keys, starts=index.starts,
                 docs=index.docs + 5, sizes=index.sizes[:3])
        data = buffer.getvalue()
    with pytest.raises(ValueError, match="not a saved index"):
        OriginalsIndex.from_bytes(data)
    assert len(OriginalsIndex.from_bytes(index.to_bytes())) == 2
