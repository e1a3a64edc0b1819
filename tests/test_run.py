"""`cc-syndicate run`: the rights manager's scheduled job, over the demo sites served on loopback."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from readonly import read_only
from sites import LoopbackSites

from cc_syndicate import judging
from cc_syndicate import run as crawl_run
from cc_syndicate.cli import main
from cc_syndicate.demo import DEMO_CASES
from cc_syndicate.report import write_report
from cc_syndicate.store import RunLock

EXPECTED = sorted((case.page, code) for case in DEMO_CASES for code in case.expected)


@pytest.fixture(scope="module")
def served():  # type: ignore[no-untyped-def]
    with LoopbackSites() as sites:
        yield sites


@pytest.fixture
def sites(served: LoopbackSites) -> LoopbackSites:
    """The module's demo sites, as the demo ships them: what the last test changed is forgotten."""
    served.reset()
    return served


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
    # announced by the first run; still "new" to editors, who count a day, not a run
    assert {v["status"] for v in violations(workdir)} == {"new"}
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


def test_a_page_that_took_the_copy_down_is_resolved(workdir: Path, sites: LoopbackSites) -> None:
    run()
    takedown = "<html><body><article><p>Abbiamo rimosso questo articolo su richiesta dell'editore.</p></article></body></html>"
    sites.set("valle-oggi.test", "/notizie/battello-orari/", takedown)  # no copied text, no link to the publisher
    status, out, err = run()
    assert (status, out, err) == (0, "", "")
    resolved = [v["code"] for v in violations(workdir) if v["status"] == "resolved"]
    assert resolved == ["license-missing"]
    assert not [p for p, _ in found(workdir, sites) if p.endswith("/notizie/battello-orari/")]


def test_a_page_that_disappears_is_gone_not_resolved(workdir: Path, sites: LoopbackSites) -> None:
    run()
    sites.set("cronache-lombarde.test", "/articoli/battello.html", "gone", status=410)
    assert run()[0] == 0
    gone = [v for v in violations(workdir) if v["page_url"].endswith("/articoli/battello.html")]
    assert gone and all(v["status"] == "gone" and v["resolved_at"] for v in gone)


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


def test_the_readme_shows_every_key_of_run_json() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("`--json` prints it as JSON:")[1].split("```json")[1].split("```")[0]
    shown = set(re.findall(r'"(\w+)":', example))
    assert set(crawl_run.RunSummary().as_dict()) <= shown
    assert set(asdict(crawl_run.Announcement(0, "", None, "", "", ""))) <= shown


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
    after = {(v["page_url"], v["code"]): (v["status"], v["resolved_at"]) for v in violations(workdir)}
    assert all(after[key] == ("new", None) for key in before), after
    assert "blocked-by-robots" in {code for (url, code), (state, _) in after.items()
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


# -- one bad page never fails a feed --------------------------------------------------------------

FESTA = "http://cronache-lombarde.test/articoli/festa-olive.html"
UNCREDITED = "http://cronache-lombarde.test/articoli/battello.html"


def test_a_bug_met_on_one_page_fails_that_page_only(workdir: Path, sites: LoopbackSites,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # The second entry of Cronache Lombarde's feed makes the judging raise; the uncredited copy after it is
    # still judged and reported, and the page is recorded as unreadable, with the traceback said. (Judged in
    # this process, where the judgement can be replaced.)
    with (workdir / "cc-syndicate.toml").open("a", encoding="utf-8") as settings:
        settings.write("[judge]\nprocesses = 0\n")
    real = judging.judgement

    def judge(page, original, rules):  # type: ignore[no-untyped-def]
        if page.url == sites.url(FESTA):
            raise ZeroDivisionError("a bug met on this page")
        return real(page, original, rules)

    monkeypatch.setattr(judging, "judgement", judge)
    status, out, err = run("--json")
    summary = json.loads(out)
    assert status == 1
    assert found(workdir, sites) == [row for row in EXPECTED if row[0] != FESTA]
    assert (UNCREDITED, "source-missing") in found(workdir, sites)
    assert f"page {sites.url(FESTA)} hit an internal error" in err and "ZeroDivisionError: a bug met on this page" in err
    assert "Traceback" in err
    assert (summary["feeds_failed"], summary["feeds_failing"], summary["failing_pages"]) == (0, 0, 1)
    row = sqlite3.connect(workdir / "cc-syndicate.db").execute(
        "SELECT status, error FROM pages WHERE url = ?", (sites.url(FESTA),)).fetchone()
    assert row[0] == "failed" and "ZeroDivisionError: a bug met on this page" in row[1]
    assert sites.url(FESTA) in health_section(workdir)

    monkeypatch.setattr(judging, "judgement", real)  # the bug fixed: the next run judges the page
    status, out, _ = run()
    assert status == 1 and "source-link-nofollow" in out
    assert found(workdir, sites) == EXPECTED
    assert "could not be read" not in health_section(workdir)


def health_section(folder: Path) -> str:
    html = (folder / "report" / "index.html").read_text(encoding="utf-8")
    return html[html.index('id="health"'):html.index('id="reproductions"')]


# -- nothing announced is lost ----------------------------------------------------------------------

ANNOUNCED = sorted((page, code) for page, code in EXPECTED if code not in {"third-party-media", "blocked-by-robots"})


def named(out: str, sites: LoopbackSites) -> list[tuple[str, str]]:
    """(page, code) of every violation the summary names."""
    lines = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    pairs = [(line.split(" ", 1)[1].rsplit(" (", 1)[0], line.split(":", 1)[0]) for line in lines]
    back = {sites.base(h): f"http://{h}" for h in sites.hosts}
    return sorted((next((url.replace(k, v) for k, v in back.items() if url.startswith(k)), url), code) for url, code in pairs)


def test_violations_stored_by_a_run_stopped_before_announcing_are_announced_by_the_next(
        workdir: Path, sites: LoopbackSites, monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # stopped between storing the violations and announcing them

    monkeypatch.setattr("cc_syndicate.cli.write_report", killed)
    status, out, _ = run()
    assert status == 130 and out == ""
    monkeypatch.setattr("cc_syndicate.cli.write_report", write_report)
    status, out, err = run()
    assert status == 1, err
    assert out.startswith(f"{len(ANNOUNCED)} new violation(s)")
    assert named(out, sites) == ANNOUNCED
    atom = (workdir / "report" / "violations.atom").read_text(encoding="utf-8")
    assert atom.count("<entry>") == len({page for page, _ in EXPECTED})  # one entry per case
    assert {v["status"] for v in violations(workdir)} == {"new"}
    assert run() == (0, "", "")  # announced once, not again


def test_a_report_folder_made_read_only_after_the_check_loses_no_announcement(
        workdir: Path, sites: LoopbackSites, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / "report").mkdir()
    locked = ExitStack()
    real = crawl_run.run

    def run_then_lock_the_report(*args: object, **kwargs: object) -> crawl_run.RunSummary:
        summary = real(*args, **kwargs)  # type: ignore[arg-type]
        locked.enter_context(read_only(workdir / "report"))
        return summary

    monkeypatch.setattr("cc_syndicate.cli.run", run_then_lock_the_report)
    with locked:
        status, out, err = run()
    assert status == 2 and out == ""
    assert "cannot write the report into report" in err and "make the folder writable" in err
    assert f"the {len(ANNOUNCED)} new violation(s) will be announced by the next run" in err
    monkeypatch.setattr("cc_syndicate.cli.run", real)
    status, out, _ = run()
    assert status == 1 and named(out, sites) == ANNOUNCED


def test_a_report_folder_that_cannot_be_written_exits_2_before_any_request(workdir: Path, sites: LoopbackSites) -> None:
    (workdir / "report").mkdir()
    with read_only(workdir / "report"):
        status, out, err = run()
    assert status == 2 and out == ""
    assert "cannot write into the report folder" in err and "--report" in err
    assert sites.requests() == [] and not (workdir / "cc-syndicate.db").exists()


# -- failures stay visible -------------------------------------------------------------------------


def test_a_failing_feed_and_a_forbidden_page_stay_visible(workdir: Path, sites: LoopbackSites) -> None:
    sites.set("cronache-lombarde.test", "/rss.xml", "forbidden", status=403)
    sites.set("valle-oggi.test", "/notizie/battello-orari/", "forbidden", status=403)
    status, out, err = run("--json")
    first = json.loads(out)
    assert status == 1
    assert err.count("feed failed: Cronache Lombarde") == 1 and "HTTP 403" in err
    assert "1 republished page(s) could not be read" in err
    assert (first["feeds_failed"], first["feeds_failing"], first["failing_pages"]) == (1, 1, 1)
    (feed,) = first["failing_feeds"]
    assert (feed["name"], feed["role"], feed["status"], feed["failures"]) == ("Cronache Lombarde", "republisher", "failed", 1)
    assert "HTTP 403" in feed["error"] and feed["since"] and feed["next_try_at"]

    status, out, err = run("--json")  # the feed is left alone (back-off): still failing, said nowhere else
    second = json.loads(out)
    assert (status, err) == (0, "")
    assert (second["feeds_failed"], second["feeds_deferred"], second["feeds_failing"], second["failing_pages"]) == (0, 1, 1, 1)
    health = health_section(workdir)
    assert "Cronache Lombarde" in health and "HTTP 403" in health and feed["since"][:10] in health
    assert sites.url("http://valle-oggi.test/notizie/battello-orari/") in health

    db = sqlite3.connect(workdir / "cc-syndicate.db")
    with db:  # a day has passed since they were said
        db.execute("UPDATE feeds SET reminded_at = '2020-01-01T00:00:00+00:00' WHERE reminded_at IS NOT NULL")
        db.execute("UPDATE reminders SET said_at = '2020-01-01T00:00:00+00:00'")
    status, out, err = run()
    assert "feed still failing: Cronache Lombarde" in err and "1 republished page(s) could not be read" in err
    assert "Valle Oggi" not in err.split("could not be read")[0]
    assert run()[2] == ""  # and not again the same day


def test_a_run_that_could_read_no_feed_exits_69(workdir: Path, sites: LoopbackSites) -> None:
    for host, path in [("notizie-del-borgo.test", "/feed.xml"), ("valle-oggi.test", "/"), ("cronache-lombarde.test", "/rss.xml")]:
        sites.set(host, path, "down", status=503)
    status, out, err = run()
    assert status == 69 and out == "" and err.count("feed failed") == 3
    status, out, err = run("--json")  # all left alone for failing: still nothing read
    summary = json.loads(out)
    assert status == 69 and err == "" and (summary["feeds_deferred"], summary["feeds_failing"]) == (3, 3)
    sites.overrides.clear()
    db = sqlite3.connect(workdir / "cc-syndicate.db")
    with db:
        db.execute("UPDATE feeds SET next_try_at = NULL")  # the back-off has run out
    assert run()[0] == 1


# -- entries that are not the republisher's ----------------------------------------------------------


def test_entries_that_are_not_the_republishers_are_not_charged_to_it(workdir: Path, sites: LoopbackSites,
                                                                     httpserver: HTTPServer) -> None:
    original = "http://eco-del-lago.test/2026/11/orari-battello-inverno/"
    copy = sites.page("cronache-lombarde.test", "/articoli/battello.html")  # an uncredited copy
    sites.set("valle-oggi.test", "/altro/copia/", copy)  # on a host feeds/ lists (Valle Oggi)
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    httpserver.expect_request("/copia.html").respond_with_data(sites.rewrite(copy), content_type="text/html")
    stranger = f"http://127.0.0.1:{httpserver.port}/copia.html"  # on a host no feed lists
    feed = sites.page("cronache-lombarde.test", "/rss.xml")
    items = "".join(f"<item><title>{n}</title><link>{url}</link><guid>{url}</guid><description>{n}</description></item>"
                    for n, url in [("The publisher's own", sites.url(original)),
                                   ("A partner", sites.url("http://valle-oggi.test/altro/copia/")), ("Elsewhere", stranger)])
    sites.set("cronache-lombarde.test", "/rss.xml", feed.replace("</channel>", items + "</channel>"),
              headers={"Content-Type": "application/rss+xml"})
    assert run()[0] == 1
    charged = {(v["page_url"], v["republisher"]) for v in violations(workdir) if v["code"] == "source-missing"}
    assert (sites.url("http://valle-oggi.test/altro/copia/"), "Valle Oggi") in charged
    assert (stranger, f"127.0.0.1:{httpserver.port}") in charged
    assert (sites.url(UNCREDITED), "Cronache Lombarde") in charged
    assert not [v for v in violations(workdir) if v["page_url"] == sites.url(original)]
    pages = sqlite3.connect(workdir / "cc-syndicate.db").execute("SELECT url FROM pages").fetchall()
    assert (sites.url(original),) not in pages


# -- storage stays bounded ---------------------------------------------------------------------------


def test_only_reproductions_keep_their_text(workdir: Path, sites: LoopbackSites) -> None:
    run()
    db = sqlite3.connect(workdir / "cc-syndicate.db")
    texts = dict(db.execute("SELECT url, text FROM pages").fetchall())
    hashes = dict(db.execute("SELECT url, text_hash FROM pages").fetchall())
    own_article = sites.url("http://cronache-lombarde.test/articoli/lago-pulito.html")  # same news, not a copy
    assert texts[own_article] == "" and len(hashes[own_article]) == 64
    assert "Dal primo dicembre cambiano gli orari" in texts[sites.url(UNCREDITED)]  # a copy: kept for its case page
    assert all(len(h) == 64 for url, h in hashes.items() if texts[url])


def test_resolved_cases_lose_their_texts_after_the_retention(workdir: Path, sites: LoopbackSites) -> None:
    settings = workdir / "cc-syndicate.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "[store]\nkeep_resolved_texts_days = 365\n", encoding="utf-8")
    page = "http://valle-oggi.test/notizie/battello-orari/"
    run()
    fixed = sites.page("valle-oggi.test", "/notizie/battello-orari/index.html").replace(
        "fonte: <a", 'licenza <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>, fonte: <a')
    sites.set("valle-oggi.test", "/notizie/battello-orari/", fixed)
    run()  # resolved now
    db = sqlite3.connect(workdir / "cc-syndicate.db")
    long_ago = (datetime.now(UTC) - timedelta(days=200)).isoformat(timespec="seconds")
    with db:
        db.execute("UPDATE violations SET resolved_at = ? WHERE resolved_at IS NOT NULL", (long_ago,))
    text = "SELECT text FROM pages WHERE url = ?"
    assert run()[0] == 0 and db.execute(text, (sites.url(page),)).fetchone()[0]  # within 365 days: kept
    settings.write_text(settings.read_text(encoding="utf-8").replace("365", "90"), encoding="utf-8")
    assert run()[0] == 0
    assert db.execute(text, (sites.url(page),)).fetchone()[0] == ""
    assert db.execute(text, (sites.url(UNCREDITED),)).fetchone()[0]  # open cases keep theirs
    resolved = [v for v in violations(workdir) if v["page_url"] == sites.url(page)]
    assert [(v["code"], v["status"]) for v in resolved] == [("license-missing", "resolved")]  # the case stays
    case = next((workdir / "report" / "cases").glob("valle-oggi-*battello*.html"))
    assert 'id="text-dropped"' in case.read_text(encoding="utf-8")  # "no longer kept", in the publishers' Italian


def test_a_bad_retention_setting_exits_2(workdir: Path, sites: LoopbackSites) -> None:
    settings = workdir / "cc-syndicate.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "[store]\nkeep_resolved_texts_days = -1\n", encoding="utf-8")
    status, _, err = run()
    assert status == 2 and "cc-syndicate.toml" in err and "store.keep_resolved_texts_days" in err
    assert sites.requests() == []


# -- damaged files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", [lambda data: data[: len(data) // 2], lambda data: b"PK\x03\x04" + b"\x00garbage" * 50],
                         ids=["truncated", "garbage-starting-with-PK"])
def test_a_damaged_index_is_rebuilt_with_one_line(workdir: Path, damage: Callable[[bytes], bytes]) -> None:
    assert run()[0] == 1
    index = workdir / "cc-syndicate.db-index.npz"
    index.write_bytes(damage(index.read_bytes()))
    status, out, err = run()
    assert (status, out) == (0, "")
    assert len(err.splitlines()) == 1 and "originals index" in err and "rebuilt it from the database" in err
    assert run() == (0, "", "")  # saved again: said once
