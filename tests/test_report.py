"""The editors' report, rendered from a database filled by real runs over loopback sites."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
from collections import Counter
from importlib import resources
from pathlib import Path

import feedparser
import lxml.html
import pytest
from browser import CHROMIUM
from conftest import corpus_path
from helpers import original_html, paragraphs
from pytest_httpserver import HTTPServer
from sites import LoopbackSites

from cc_syndicate.cli import main
from cc_syndicate.demo import DEMO_CASES
from cc_syndicate.report import neutralise

REPORT_JS = (resources.files("cc_syndicate") / "templates" / "report.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two runs over the demo sites; between them one republisher adds the missing licence."""
    folder = tmp_path_factory.mktemp("report")
    with LoopbackSites() as sites, pytest.MonkeyPatch.context() as patch:
        sites.write_config(folder)
        patch.chdir(folder)
        assert main(["run", "--allow-private"], stdout=io.StringIO()) == 1
        page = sites.page("valle-oggi.test", "/notizie/battello-orari/index.html")
        sites.set("valle-oggi.test", "/notizie/battello-orari/",
                  page.replace("fonte: <a", "licenza CC BY 4.0, fonte: <a"))
        assert main(["run", "--allow-private"], stdout=io.StringIO()) == 0
        (folder / "ports.json").write_text(json.dumps({h: sites.base(h) for h in sites.hosts}), encoding="utf-8")
    return folder


def report_json(folder: Path) -> list[dict]:
    data = json.loads((folder / "report" / "violations.json").read_text(encoding="utf-8"))
    assert set(data) == {"format", "generated_at", "violations"} and data["format"] == 2
    return data["violations"]


def index_doc(folder: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((folder / "report" / "index.html").read_text(encoding="utf-8"))


def test_violations_json_follows_the_contract(demo_report: Path) -> None:
    rows = report_json(demo_report)
    keys = {"page_url", "original_url", "republisher", "code", "severity", "status", "first_seen", "last_seen",
            "resolved_at", "message", "evidence", "case_id", "case_url", "notified_at", "cure_deadline", "dismissed_reason"}
    assert all(set(r) == keys for r in rows)
    expected = sum(len(c.expected) for c in DEMO_CASES)
    assert len(rows) == expected
    # both runs were today: what is still there is new to editors (first seen in the last 24 hours)
    assert Counter(r["status"] for r in rows) == {"new": expected - 1, "resolved": 1}
    (resolved,) = [r for r in rows if r["status"] == "resolved"]
    assert resolved["code"] == "license-missing" and resolved["resolved_at"]
    assert all(isinstance(r["evidence"], dict) and r["case_url"].startswith("cases/") for r in rows)
    by_page = {}
    for r in rows:
        by_page.setdefault(r["page_url"], set()).add(r["case_id"])
    assert all(len(ids) == 1 for ids in by_page.values()), "one case per page and original"


def test_one_row_per_case_on_the_index_page(demo_report: Path) -> None:
    doc = index_doc(demo_report)
    rows = doc.xpath("//table[@id='cases']/tbody/tr")
    current = [r for r in report_json(demo_report) if r["status"] != "resolved"]
    assert len(rows) == len({r["case_id"] for r in current}) < len(current)
    for row in rows:
        case = [r for r in current if str(r["case_id"]) == row.get("data-case")]
        assert case and all(r["republisher"] in row.xpath("string(td[3])") for r in case)
        problems = {span.get("title") for span in row.xpath(".//span[@class='problem']")}
        assert problems == {r["code"] for r in case}, "every requirement in plain words, its code in the tooltip"
        assert not any(r["code"] in row.xpath("string(td[4])") for r in case), "codes only in tooltips"
        assert row.xpath(".//a[starts-with(@href, 'cases/')]")
    violations = {r["case_id"] for r in current if r["severity"] == "violation"}
    assert doc.xpath("string(//li[@id='card-new-day']/strong)") == str(len(violations))
    assert doc.xpath("string(//li[@id='card-open']/strong)") == str(len(violations))
    assert doc.xpath("string(//li[@id='card-resolved']/strong)") == "1"  # the page that added its licence


def test_compliance_per_republisher(demo_report: Path) -> None:
    doc = index_doc(demo_report)
    shares = [t.text for t in doc.xpath("//svg[@aria-labelledby='compliance']//text") if t.text and "%" in t.text]
    expected: dict[str, list[int]] = {}
    for case in DEMO_CASES:
        if case.verdict == "not-a-reproduction":
            continue
        host = case.page.split("/")[2]
        fixed = case.page.endswith("/battello-orari/")  # the licence was added before the second run
        tally = expected.setdefault(host, [0, 0])
        tally[0] += 1
        tally[1] += case.verdict == "compliant" or fixed
    assert sorted(shares) == sorted(f"{ok / n:.0%} ({ok}/{n})" for n, ok in expected.values())


def test_the_atom_feed_has_an_entry_per_case(demo_report: Path) -> None:
    parsed = feedparser.parse(io.BytesIO((demo_report / "report" / "violations.atom").read_bytes()),
                              response_headers={"content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    cases = {r["case_id"]: r for r in report_json(demo_report)}
    assert {e.id for e in parsed.entries} == {f"urn:cc-syndicate:case:{i}" for i in cases}
    for entry in parsed.entries:
        case = cases[int(entry.id.rsplit(":", 1)[1])]
        assert entry.link.endswith(case["case_url"]), (entry.link, case["case_url"])
        if case["original_url"]:
            assert entry.author and entry.author != "cc-syndicate", "the entry names the publisher"
        assert case["republisher"] in entry.title


def test_the_csv_opens_in_excel_and_round_trips(demo_report: Path) -> None:
    raw = (demo_report / "report" / "violations.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()), "UTF-8 with a byte order mark, or Excel reads accents wrong"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [(r["page_url"], r["code"], r["status"]) for r in rows] == [
        (v["page_url"], v["code"], v["status"]) for v in report_json(demo_report)]
    assert all(r["case_link"].startswith("cases/") and r["requirement"] for r in rows)
    assert any("Città" in r["page_title"] + r["message"] + r["original_title"] or "più" in r["page_title"] for r in rows)


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx"])
def test_csv_cells_cannot_be_formulas(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("plain") == "plain"


def case_page(folder: Path, name: str) -> lxml.html.HtmlElement:
    page = next(p for p in sorted((folder / "report" / "cases").iterdir()) if name in p.name)
    return lxml.html.fromstring(page.read_text(encoding="utf-8"))


def test_a_case_page(demo_report: Path) -> None:
    cases = sorted((demo_report / "report" / "cases").iterdir())
    assert cases and all(re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{10}\.html", p.name) for p in cases)
    doc = case_page(demo_report, "notiziario-del-borgo-nuovi-orari")
    assert doc.get("lang") == "it"
    assert doc.xpath("//mark[@class='changed']"), "changed sentences are marked side by side"
    assert doc.xpath("//table[@aria-labelledby='requirements']//th[@title='modified-unmarked']")
    # the notice comes first, its header lines apart from the letter that the button copies
    assert doc.xpath("//main/section")[0].get("id") == "notice"
    assert doc.xpath("string(//dd[@id='notice-to'])") == "redazione@notizie-del-borgo.test"
    mailto = doc.xpath("//dd[@id='notice-to']/a/@href")[0]
    assert mailto.startswith("mailto:redazione@notizie-del-borgo.test?subject=") and "&body=Gentile" in mailto
    letter = doc.xpath("string(//pre[@id='letter'])")
    assert letter.startswith("Gentile redazione di Il Notiziario del Borgo")
    assert "A:" not in letter.splitlines()[0] and "Oggetto" not in letter
    assert "testo è stato modificato" in letter and "Marco Bellandi" in letter
    assert "Testo modificato rispetto all'originale" in letter
    assert doc.xpath("//button[@id='copy-letter']")
    evidence = doc.xpath("//section[@id='evidence']//ul[@class='evidence']/li/text()")
    assert evidence and all("{" not in e and " > " not in e for e in evidence), evidence
    history = [li.text_content() for li in doc.xpath("//ol[@class='timeline']//li[contains(@class, 'event')]")]
    assert len(history) == 1 and "found" in history[0].lower() or "trovato" in history[0].lower()


def test_evidence_reads_as_sentences_not_selectors(demo_report: Path) -> None:
    doc = case_page(demo_report, "valle-oggi-la-raccolta")
    sentences = doc.xpath("//section[@id='evidence']//ul[@class='evidence']/li/text()")
    assert len(sentences) == len(set(sentences)) >= 2
    assert "«Articolo di Luca Moretti pubblicato da L’Eco del Lago" in sentences[0]
    assert all("foglio di stile" in s for s in sentences), sentences  # the page's CSS, in the publisher's language
    assert not any(".syndication-credit" in s or " > " in s for s in sentences)


def test_the_history_is_by_day_not_by_run(demo_report: Path) -> None:
    doc = index_doc(demo_report)
    bars = doc.xpath("//svg[@aria-labelledby='over-time']//rect")
    assert len(bars) == 1, "two runs on one day are one day"


def test_the_report_command(demo_report: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["report", "--db", str(demo_report / "cc-syndicate.db"), "--report", str(tmp_path / "again")], stdout=out) == 0
    assert (tmp_path / "again" / "index.html").exists() and "index.html" in out.getvalue()
    cases = sorted(p.name for p in (tmp_path / "again" / "cases").iterdir())
    (tmp_path / "again" / "cases" / "a-page-since-retitled-0123456789.html").write_text("old", encoding="utf-8")
    (tmp_path / "again" / "cases" / "notes.html").write_text("the editors' own", encoding="utf-8")
    manifest = tmp_path / "again" / ".cc-syndicate-manifest.json"  # as if an earlier report had written the first
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    listed["files"].append("cases/a-page-since-retitled-0123456789.html")
    manifest.write_text(json.dumps(listed), encoding="utf-8")
    assert main(["report", "--db", str(demo_report / "cc-syndicate.db"), "--report", str(tmp_path / "again")],
                stdout=io.StringIO()) == 0
    # the stale page is gone; a file the report never wrote stays
    assert sorted(p.name for p in (tmp_path / "again" / "cases").iterdir()) == sorted([*cases, "notes.html"])
    assert main(["report", "--db", str(tmp_path / "missing.db")], stdout=io.StringIO(), stderr=io.StringIO()) == 2


# --- hostile content ------------------------------------------------------------------------------

PAYLOADS = [
    '<script>alert("title")</script>',
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "' onmouseover='alert(1)' x='",
    "</textarea><script>alert('notice')</script>",
    '<svg onload="alert(1)"><a xlink:href="javascript:alert(2)">x</a></svg>',
    "<iframe src='http://127.0.0.1:9/'></iframe><meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
]


def sanitize_payloads() -> list[str]:
    """What feedparser's 745 sanitisation cases put inside feed elements, as raw HTML."""
    folder = corpus_path("feeds-feedparser", "wellformed", "sanitize")
    found = []
    element = re.compile(r"<(content|summary|title|description|subtitle|tagline|info|rights|copyright)\b[^>]*>(.*?)</\1>", re.S)
    files = sorted(folder.glob("*.xml"))
    assert len(files) == 745
    for path in files:
        source = path.read_text(encoding="utf-8", errors="replace").split("-->", 1)[-1]
        values = [v for _, v in element.findall(source)] or [source]  # no known element: the whole feed
        found += [html.unescape(v.replace("<![CDATA[", "").replace("]]>", "")) for v in values]
    return found


class HostileSites:
    """A publisher whose metadata is hostile, and a republisher whose copies carry payloads."""

    def __init__(self, server: HTTPServer, folder: Path, payloads: list[str], beacon: str) -> None:
        port = server.port
        publisher, copies = f"http://localhost:{port}", f"http://127.0.0.1:{port}"
        original = original_html(f"localhost:{port}").replace(
            '<meta name="author" content="Giulia Ferraris">',
            f'<meta name="author" content="{html.escape(PAYLOADS[1])}">'
        ).replace("<title>", f"<title>{html.escape(PAYLOADS[0])} ").replace(
            f'<link rel="canonical" href="{publisher}/2026/11/volontari-rive-lago/">',
            f'<link rel="canonical" href="{publisher}/2026/11/volontari-rive-lago/"><meta property="og:title" '
            f'content="{html.escape(PAYLOADS[4])}">')
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
        server.expect_request("/2026/11/volontari-rive-lago/").respond_with_data(original, content_type="text/html")
        items = []
        groups = [payloads[i:i + 40] for i in range(0, len(payloads), 40)]
        for n, group in enumerate(groups):
            path = f"/copies/{n}.html"
            title = group[0][:300]
            injected = "".join(f"<p>{html.escape(p)}</p>" for p in group)
            raw = "".join(group)  # the payloads as markup of the page itself
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs()[:3]) + injected + \
                f'<div>{raw}</div><img src="{beacon}"><a href="javascript:alert(1)">{html.escape(PAYLOADS[6])}</a>'
            server.expect_request(path).respond_with_data(
                f'<html><head><title>{html.escape(title)}</title><meta property="og:title" content="{html.escape(title)}">'
                f"</head><body><article>{body}</article></body></html>", content_type="text/html")
            items.append(f"<item><title>{html.escape(title)}</title><link>{copies}{path}</link>"
                         f"<description>{html.escape(group[-1][:500])}</description></item>")
        server.expect_request("/pub/feed").respond_with_data(
            f'<rss version="2.0"><channel><title>p</title><item><title>x</title><link>{publisher}/2026/11/volontari-rive-lago/'
            "</link></item></channel></rss>", content_type="application/rss+xml")
        server.expect_request("/rep/feed").respond_with_data(
            f'<rss version="2.0"><channel><title>{html.escape(PAYLOADS[0])}</title>{"".join(items)}</channel></rss>',
            content_type="application/rss+xml")
        (folder / "rules").mkdir()
        (folder / "feeds").mkdir()
        (folder / "rules" / "evil.toml").write_text(
            f'[publisher]\nname = "Evil <b>Pub</b>"\ndomains = ["localhost:{port}"]\nfeeds = ["{publisher}/pub/feed"]\n'
            '[license]\nid = "CC BY 4.0"\n', encoding="utf-8")
        (folder / "feeds" / "evil.toml").write_text(
            f'[[feed]]\nname = "{PAYLOADS[0].replace(chr(34), "")}"\nurl = "{copies}/rep/feed"\n'
            f'contact = "{PAYLOADS[4]}"\n', encoding="utf-8")
        (folder / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, HTTPServer]:
    folder = tmp_path_factory.mktemp("hostile")
    with HTTPServer(host="127.0.0.1", port=0, threaded=True) as server, HTTPServer(port=0) as beacon, \
            pytest.MonkeyPatch.context() as patch:
        beacon.expect_request(re.compile(".*")).respond_with_data("")
        HostileSites(server, folder, PAYLOADS + sanitize_payloads(), beacon.url_for("/beacon.png"))
        patch.chdir(folder)
        err = io.StringIO()
        status = main(["run", "--allow-private"], stdout=io.StringIO(), stderr=err)
        assert status == 1, err.getvalue()
        assert beacon.log == []
        yield folder, beacon


ALLOWED_TAGS_WITH_URLS = {"a"}


def assert_nothing_executable(page: str, path: Path) -> None:
    doc = lxml.html.fromstring(page)
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and scripts[0].text == REPORT_JS and not scripts[0].get("src"), path
    for tag in ("iframe", "object", "embed", "base", "form", "link", "frame", "img"):
        assert not doc.xpath(f"//{tag}"), (path, tag)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (path, el.tag, name)
            assert name.lower() not in {"style", "srcdoc", "formaction"}, (path, el.tag, name)
            if name.lower() in {"href", "src", "xlink:href", "action"}:
                assert value.startswith(("http://", "https://", "#", "mailto:")) or not re.match(r"^\s*[a-z][a-z0-9+.-]*:", value, re.I), \
                    (path, el.tag, value)
        if el.tag == "meta" and el.get("http-equiv", "").lower() == "refresh":
            raise AssertionError(f"{path}: meta refresh")
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and "default-src 'none'" in csp[0] and "unsafe-inline" not in csp[0]
    for a in doc.xpath("//a[starts-with(@href, 'http')]"):
        assert set(a.get("rel", "").split()) >= {"noopener", "noreferrer", "nofollow"}, a.get("href")


def test_hostile_content_never_becomes_markup(hostile_report: tuple[Path, HTTPServer]) -> None:
    folder, _ = hostile_report
    report = folder / "report"
    pages = [report / "index.html", *sorted((report / "cases").iterdir())]
    assert len(pages) > 10
    for path in pages:
        assert_nothing_executable(path.read_text(encoding="utf-8"), path)
    text = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in text or "&lt;script&gt;alert(" in text
    assert all(p.resolve().parent in {report.resolve(), (report / "cases").resolve()} for p in report.rglob("*.html"))
    parsed = feedparser.parse(io.BytesIO((report / "violations.atom").read_bytes()),
                              response_headers={"content-type": "application/atom+xml"})
    assert not parsed.bozo and parsed.entries
    with (report / "violations.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


# --- in a real browser --------------------------------------------------------------------------------


def chromium(*args: str, url: str, profile: Path) -> str:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", *args, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    return done.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (Debian package chromium)")
def test_the_report_in_headless_chromium(demo_report: Path, hostile_report: tuple[Path, HTTPServer],
                                         tmp_path: Path) -> None:
    index = (demo_report / "report" / "index.html").resolve()
    dom = chromium("--virtual-time-budget=3000", "--dump-dom", url=index.as_uri() + "#republisher=Valle%20Oggi",
                   profile=tmp_path / "p1")
    doc = lxml.html.fromstring(dom)
    assert doc.get("class") == "js", "the report's own script ran under its Content-Security-Policy"
    shown = [tr for tr in doc.xpath("//table[@id='cases']/tbody/tr") if tr.get("hidden") is None]
    assert shown and all(tr.get("data-republisher") == "Valle Oggi" for tr in shown)
    assert len(shown) < len(doc.xpath("//table[@id='cases']/tbody/tr"))
    assert doc.xpath("string(//span[@id='shown'])") == str(len(shown))
    case = next(p for p in sorted((demo_report / "report" / "cases").iterdir()) if "notiziario-del-borgo-nuovi" in p.name).resolve()
    case_dom = lxml.html.fromstring(chromium("--virtual-time-budget=3000", "--dump-dom", url=case.as_uri(),
                                             profile=tmp_path / "p2"))
    assert case_dom.xpath("//h2[@id='requirements']") and case_dom.xpath("//section[@aria-labelledby='original-text']")
    screenshot = tmp_path / "report.png"
    chromium("--window-size=1280,1600", f"--screenshot={screenshot}", url=index.as_uri(), profile=tmp_path / "p3")
    assert screenshot.exists() and screenshot.stat().st_size > 10_000
    folder, beacon = hostile_report
    for page in [folder / "report" / "index.html", *sorted((folder / "report" / "cases").iterdir())[:3]]:
        chromium("--virtual-time-budget=3000", "--dump-dom", url=page.resolve().as_uri(), profile=tmp_path / "p4")
    assert beacon.log == [], "opening the report fetched something"
