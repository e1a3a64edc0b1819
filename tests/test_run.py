"""`cc-syndicate run`: the rights manager's scheduled job, over the demo sites served on loopback."""

from __future__ import annotations

import io
import json
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest
from sites import LoopbackSites

from cc_syndicate.cli import main
from cc_syndicate.crawl import taking_turns
from cc_syndicate.demo import DEMO_CASES
from cc_syndicate.store import RunLock
from cc_syndicate.urls import host_of

EXPECTED = sorted((case.page, code) for case in DEMO_CASES for code in case.expected)


@pytest.fixture
def sites():  # type: ignore[no-untyped-def]
    with LoopbackSites() as served:
        yield served


@pytest.fixture
def workdir(tmp_path: Path, sites: LoopbackSites, monkeypatch: pytest.MonkeyPatch) -> Path:
    sites.write_config(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*extra: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["run", "--allow-private", *extra], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def violations(folder: Path) -> list[dict]:
    return json.loads((folder / "report" / "violations.json").read_text(encoding="utf-8"))["violations"]


def found(folder: Path, sites: LoopbackSites, statuses: tuple[str, ...] = ("new", "open")) -> list[tuple[str, str]]:
    rows = [(v["page_url"], v["code"]) for v in violations(folder) if v["status"] in statuses]
    back = {sites.base(h): f"http://{h}" for h in sites.hosts}
    for local, demo in back.items():
        rows = [(url.replace(local, demo), code) for url, code in rows]
    return sorted(rows)


def test_first_run_finds_exactly_the_expected_violations(workdir: Path, sites: LoopbackSites) -> None:
    status, out, err = run()
    assert status == 1
    assert found(workdir, sites) == EXPECTED
    assert all(v["status"] == "new" for v in violations(workdir))
    assert "new violation(s)" in out and "index.html" in out
    assert err == ""
    report = workdir / "report"
    assert {p.name for p in report.iterdir()} >= {"index.html", "violations.json", "violations.csv", "violations.atom", "cases"}


def test_each_feed_kind_is_read(workdir: Path, sites: LoopbackSites) -> None:
    status, out, _ = run("--json")
    summary = json.loads(out)
    assert status == 1
    assert (summary["feeds"], summary["feeds_fetched"], summary["feeds_failed"]) == (3, 3, 0)
    assert summary["originals_added"] == 5
    paths = Counter((h.host, h.path) for h in sites.requests())
    # the RSS feed with full content: the unrelated entry's page is never fetched
    assert ("notizie-del-borgo.test", "/2026/11/mercatino-natale.html") not in paths
    assert ("notizie-del-borgo.test", "/2026/11/volontari-al-lago.html") in paths
    # the Atom feed with summaries, found from the home page: every page fetched
    assert ("valle-oggi.test", "/atom.xml") in paths and ("valle-oggi.test", "/notizie/festa-olive/") in paths
    # the RSS feed with summaries, robots.txt obeyed
    assert ("cronache-lombarde.test", "/articoli/lago-pulito.html") in paths
    assert not any(path.startswith("/riservato/") for _, path in paths)


def test_a_second_run_is_conditional_quiet_and_finds_nothing_new(workdir: Path, sites: LoopbackSites) -> None:
    assert run()[0] == 1
    before = time.monotonic()
    status, out, err = run()
    assert (status, out, err) == (0, "", "")
    second = [h for h in sites.requests(since=before) if h.path != "/robots.txt"]
    assert second, "the second run re-checks feeds and pages with open violations"
    assert all(h.headers.get("If-None-Match") for h in second), [h.path for h in second if not h.headers.get("If-None-Match")]
    assert {v["status"] for v in violations(workdir)} == {"open"}
    assert found(workdir, sites) == EXPECTED


def test_fixed_pages_are_resolved(workdir: Path, sites: LoopbackSites) -> None:
    run()
    page = sites.page("valle-oggi.test", "/notizie/battello-orari/index.html")
    licensed = page.replace("fonte: <a", 'licenza <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
                                          "CC BY 4.0</a>, fonte: <a")
    assert licensed != page
    sites.set("valle-oggi.test", "/notizie/battello-orari/", licensed)
    status, out, _ = run()
    assert status == 0 and out == ""
    resolved = [(v["code"], v["resolved_at"] is not None) for v in violations(workdir) if v["status"] == "resolved"]
    assert resolved == [("license-missing", True)]
    assert ("http://valle-oggi.test/notizie/battello-orari/", "license-missing") not in found(workdir, sites)


def test_a_page_that_disappears_resolves_its_violations(workdir: Path, sites: LoopbackSites) -> None:
    run()
    sites.set("cronache-lombarde.test", "/articoli/battello.html", "gone", status=410)
    assert run()[0] == 0
    gone = [v for v in violations(workdir) if v["page_url"].endswith("/articoli/battello.html")]
    assert gone and all(v["status"] == "resolved" for v in gone)


def test_polite_per_host_delay_and_one_request_at_a_time(tmp_path: Path, sites: LoopbackSites,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    sites.write_config(tmp_path, host_delay=0.25)
    monkeypatch.chdir(tmp_path)
    run()
    by_host: dict[str, list] = {}
    for hit in sites.requests():
        by_host.setdefault(hit.host, []).append(hit)
    for host, hits in by_host.items():
        hits.sort(key=lambda h: h.started)
        for earlier, later in zip(hits, hits[1:]):
            assert later.started >= earlier.ended, f"two requests at once to {host}"
            assert later.started - earlier.started >= 0.24, f"{host}: {later.path} came too soon after {earlier.path}"
        assert hits[0].path == "/robots.txt"


def test_crawl_delay_from_robots_txt(tmp_path: Path, sites: LoopbackSites, monkeypatch: pytest.MonkeyPatch) -> None:
    sites.set("cronache-lombarde.test", "/robots.txt", "User-agent: *\nCrawl-delay: 0.5\nDisallow: /riservato/\n",
              headers={"Content-Type": "text/plain"})
    sites.write_config(tmp_path)
    monkeypatch.chdir(tmp_path)
    run()
    hits = sorted((h for h in sites.requests() if h.host == "cronache-lombarde.test"), key=lambda h: h.started)
    assert len(hits) > 3
    assert all(b.started - a.started >= 0.49 for a, b in zip(hits[1:], hits[2:]))


def test_retry_after_is_stored_and_respected(workdir: Path, sites: LoopbackSites) -> None:
    sites.set("cronache-lombarde.test", "/rss.xml", "busy", status=429, headers={"Retry-After": "7200"})
    status, _, err = run()
    assert "feed failed: Cronache Lombarde" in err and "429" in err
    before = time.monotonic()
    status, _, err = run()
    assert err == ""  # said once, not on every run
    assert not any(h.path == "/rss.xml" for h in sites.requests(since=before))
    row = sqlite3.connect(workdir / "cc-syndicate.db").execute(
        "SELECT next_try_at, failures FROM feeds WHERE url LIKE '%rss.xml'").fetchone()
    assert row[0] and row[1] == 1


def test_a_gone_feed_is_retired(workdir: Path, sites: LoopbackSites) -> None:
    sites.set("cronache-lombarde.test", "/rss.xml", "gone", status=410)
    _, _, err = run()
    assert "feed retired: Cronache Lombarde" in err
    before = time.monotonic()
    run()
    assert not any(h.path == "/rss.xml" for h in sites.requests(since=before))


def test_a_permanent_redirect_seen_on_several_runs_moves_the_feed(workdir: Path, sites: LoopbackSites) -> None:
    feed = sites.page("cronache-lombarde.test", "/rss.xml")
    sites.set("cronache-lombarde.test", "/feed/", feed, headers={"Content-Type": "application/rss+xml"})
    sites.set("cronache-lombarde.test", "/rss.xml", "", status=301, headers={"Location": "/feed/"})
    messages = [run()[2] for _ in range(3)]
    assert "feed moved: Cronache Lombarde" in messages[2] and "/feed/" in messages[2]
    before = time.monotonic()
    run()
    paths = [h.path for h in sites.requests(since=before) if h.host == "cronache-lombarde.test"]
    assert "/feed/" in paths and "/rss.xml" not in paths


def test_entries_are_deduplicated(workdir: Path, sites: LoopbackSites) -> None:
    feed = sites.page("cronache-lombarde.test", "/rss.xml")
    item = feed[feed.index("<item>"): feed.index("</item>") + 7]
    sites.set("cronache-lombarde.test", "/rss.xml", feed.replace("</channel>", item + item + "</channel>"),
              headers={"Content-Type": "application/rss+xml"})
    run()
    fetched = Counter(h.path for h in sites.requests() if h.host == "cronache-lombarde.test")
    assert fetched["/articoli/biblioteca-civica.html"] == 1


def test_exemptions_are_honoured(workdir: Path, sites: LoopbackSites) -> None:
    rules = workdir / "rules" / "eco-del-lago.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + f'\n[[exemptions]]\nhost = "{sites.base("cronache-lombarde.test")[7:]}"'
                     '\nreason = "syndication contract 2024"\n', encoding="utf-8")
    run()
    eco_pages = [url for url, code in found(workdir, sites) if url.startswith("http://cronache-lombarde.test/articoli/")]
    assert eco_pages == []


def test_a_second_concurrent_run_exits_75(workdir: Path) -> None:
    with RunLock(workdir / "cc-syndicate.db"):
        status, out, err = run()
    assert status == 75 and "another run holds" in err and out == ""


def test_bad_configuration_exits_2(workdir: Path) -> None:
    (workdir / "feeds" / "broken.toml").write_text('[[feed]]\nname = "X"\nurl = "nope"\n', encoding="utf-8")
    status, _, err = run()
    assert status == 2 and "broken.toml" in err and "feed[0].url" in err
    assert not (workdir / "cc-syndicate.db").exists()


def test_a_page_that_fails_is_tried_again_next_run(workdir: Path, sites: LoopbackSites) -> None:
    sites.set("valle-oggi.test", "/notizie/battello-orari/", "overloaded", status=503)
    run()
    assert ("http://valle-oggi.test/notizie/battello-orari/", "license-missing") not in found(workdir, sites)
    del sites.overrides[("valle-oggi.test", "/notizie/battello-orari/")]
    assert run()[0] == 1
    assert ("http://valle-oggi.test/notizie/battello-orari/", "license-missing") in found(workdir, sites)


def test_rechecks_take_turns_between_hosts() -> None:
    # Sorted by URL, every worker would queue behind one host's delay while the others sit idle.
    urls = [f"https://{host}.test/{n}" for host in "abc" for n in range(3)] + ["https://d.test/0"]
    order = taking_turns(urls, key=host_of)
    assert sorted(order) == sorted(urls)
    assert [host_of(u) for u in order[:4]] == ["a.test", "b.test", "c.test", "d.test"]
    assert [host_of(u) for u in order[4:]] == ["a.test", "b.test", "c.test"] * 2
    assert [u for u in order if u.startswith("https://a.")] == [f"https://a.test/{n}" for n in range(3)]


@pytest.mark.parametrize("robots", [("User-agent: *\nDisallow: /\n", 200), ("down for maintenance", 503)])
def test_a_page_robots_txt_now_forbids_keeps_its_violations_open(workdir: Path, sites: LoopbackSites,
                                                                 robots: tuple[str, int]) -> None:
    # Not being allowed to read a page says nothing about whether it was fixed.
    run()
    before = {(v["page_url"], v["code"]) for v in violations(workdir) if v["page_url"].startswith(sites.base("valle-oggi.test"))}
    assert before
    sites.set("valle-oggi.test", "/robots.txt", robots[0], status=robots[1])
    status, _, err = run()
    assert status == 0
    after = {(v["page_url"], v["code"]): v["status"] for v in violations(workdir)}
    assert all(after[key] == "open" for key in before), after
    assert "blocked-by-robots" in {code for (url, code), state in after.items()
                                   if url.startswith(sites.base("valle-oggi.test")) and state == "new"}


def test_a_report_folder_that_cannot_be_made_exits_2_before_any_request(workdir: Path, sites: LoopbackSites) -> None:
    (workdir / "a-file").write_text("not a folder", encoding="utf-8")
    status, out, err = run("--report", str(workdir / "a-file" / "report"))
    assert status == 2
    assert "cannot make the report folder" in err and "--report" in err
    assert sites.requests() == [] and not (workdir / "cc-syndicate.db").exists()


def test_an_internal_error_exits_70_with_its_traceback_not_1(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 1 means "new violations" to cron and to the systemd unit of the README; a crash must not look like it.
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("cc_syndicate.cli.run", broken)
    status, _, err = run()
    assert status == 70
    assert "internal error" in err and "ZeroDivisionError: a bug" in err


def test_a_refused_private_address_is_not_backed_off(workdir: Path, sites: LoopbackSites) -> None:
    # The fix the error names (--allow-private, or another URL) must work on the very next run.
    out, err = io.StringIO(), io.StringIO()
    assert main(["run", "--json"], stdout=out, stderr=err) == 69  # no feed at all could be read
    refused = json.loads(out.getvalue())
    assert refused["feeds_failed"] == 3 and "--allow-private" in err.getvalue()
    assert sites.requests() == []
    status, out_text, _ = run("--json")
    summary = json.loads(out_text)
    assert status == 1 and summary["feeds_deferred"] == 0 and summary["feeds_fetched"] == 3


def test_a_failing_publisher_feed_is_named_once_not_on_every_retry(workdir: Path, sites: LoopbackSites) -> None:
    sites.set("gazzetta-dei-monti.test", "/feed/", "broken", status=500)
    _, _, err = run()
    assert err.count("publisher feed failed") == 1 and "500" in err
    db = sqlite3.connect(workdir / "cc-syndicate.db")
    with db:
        db.execute("UPDATE feeds SET next_try_at = NULL")  # the back-off has run out
    before = time.monotonic()
    _, _, err = run()
    assert any(h.path == "/feed/" and h.host == "gazzetta-dei-monti.test" for h in sites.requests(since=before))
    assert "publisher feed failed" not in err


def test_a_page_retry_after_holds_off_its_whole_host_across_runs(workdir: Path, sites: LoopbackSites) -> None:
    sites.set("valle-oggi.test", "/notizie/battello-orari/", "busy", status=429, headers={"Retry-After": "3600"})
    run()
    hits = sorted((h for h in sites.requests() if h.host == "valle-oggi.test"), key=lambda h: h.started)
    busy = next(i for i, h in enumerate(hits) if h.path == "/notizie/battello-orari/")
    assert hits[busy + 1:] == []  # nothing more asked of the host in this run
    before = time.monotonic()
    run()
    assert not any(h.host == "valle-oggi.test" for h in sites.requests(since=before))  # nor in the next
    until = sqlite3.connect(workdir / "cc-syndicate.db").execute(
        "SELECT until FROM host_waits WHERE host LIKE '127.0.0.1:%'").fetchone()[0]
    assert 3500 < until - time.time() <= 3600
