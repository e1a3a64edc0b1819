"""Judging on every core and on many machines: the same violations wherever pages are judged, a budget
for each page, the settings that choose where, and the host loops that keep fetching polite."""

from __future__ import annotations

import io
import json
import pickle
import random
import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sites import LoopbackSites

from cc_syndicate import cluster
from cc_syndicate.cli import main
from cc_syndicate.demo import DEMO_CASES
from cc_syndicate.errors import BudgetExceeded
from cc_syndicate.index import fingerprint
from cc_syndicate.judging import MIN_REFRESH, open_judges
from cc_syndicate.models import Finding, FrozenMap, Settings
from cc_syndicate.pages import parse_page
from cc_syndicate.run import HostLoops

EXPECTED = sorted((case.page, code) for case in DEMO_CASES for code in case.expected)
FESTA = "http://cronache-lombarde.test/articoli/festa-olive.html"
# A legal page that is slow and large to read: 150,000 paragraphs (4 MB, under the crawler's size cap).
HUGE = "<html><body><article>" + "<p>parola parola parola</p>" * 150_000 + "</article></body></html>"


@pytest.fixture(scope="module")
def sites():  # type: ignore[no-untyped-def]
    with LoopbackSites() as served:
        yield served


@pytest.fixture(autouse=True)
def fresh_sites(sites: LoopbackSites) -> None:
    sites.overrides.clear()


def run_in(folder: Path, sites: LoopbackSites, settings: str = "", *extra: str, policy: str = "") -> tuple[int, str, str]:
    folder.mkdir(exist_ok=True)
    sites.write_config(folder)
    if policy:  # the publisher of the demo's originals asks more than the licence
        eco = next((folder / "rules").glob("eco*.toml"))
        eco.write_text(eco.read_text(encoding="utf-8") + policy, encoding="utf-8")
    with (folder / "cc-syndicate.toml").open("a", encoding="utf-8") as toml:
        toml.write(settings)
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        status = main(["run", "--allow-private", "--json", *extra], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def stored(folder: Path) -> list[tuple[object, ...]]:
    """Every violation the run stored, as a user sees it in violations.json (without the times)."""
    rows = json.loads((folder / "report" / "violations.json").read_text(encoding="utf-8"))["violations"]
    return sorted((v["page_url"], v["original_url"], v["republisher"], v["code"], v["severity"], v["message"],
                   json.dumps(v["evidence"], sort_keys=True)) for v in rows)


def as_demo(rows: list[tuple[object, ...]], sites: LoopbackSites) -> list[tuple[str, str]]:
    back = {sites.base(h): f"http://{h}" for h in sites.hosts}
    found = []
    for row in rows:
        url = str(row[0])
        for local, demo in back.items():
            url = url.replace(local, demo)
        found.append((url, str(row[3])))
    return sorted(found)


# -- the same violations wherever the pages are judged ------------------------------------------------


# Every rule of [policy]: its breaches must come out of the judgement the same wherever it runs.
POLICY = ('\n[policy]\ncredit_position = "top"\npixel = "?republication-pixel=true&post="\nedits = "style-only"\n'
          'images = "excluded"\npaywall = false\n')


def test_threads_processes_and_a_dask_cluster_store_identical_violations(tmp_path: Path, sites: LoopbackSites) -> None:
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed: pip install 'cc-syndicate[dask]'")
    results = {}
    for name, settings in [("threads", "[judge]\nprocesses = 0\n"), ("processes", "[judge]\nprocesses = 2\n")]:
        status, out, err = run_in(tmp_path / name, sites, settings, policy=POLICY)
        assert (status, err) == (1, ""), err
        results[name] = stored(tmp_path / name)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=50) as cluster:
        status, out, err = run_in(tmp_path / "dask", sites, "", "--scheduler", cluster.scheduler_address, policy=POLICY)
    assert (status, err) == (1, ""), err
    results["dask"] = stored(tmp_path / "dask")
    licence = [row for row in results["threads"] if row[4] != "policy"]
    assert as_demo(licence, sites) == EXPECTED
    asked = {str(row[3]) for row in results["threads"] if row[4] == "policy"}
    assert {"policy-credit-position", "policy-pixel-missing", "policy-images", "policy-edits"} <= asked
    assert results["threads"] == results["processes"] == results["dask"]


# -- a budget for each page ---------------------------------------------------------------------------


@pytest.mark.parametrize(("settings", "reason"), [
    ("[judge]\ntimeout = 1\n", "took longer than its time budget (1 s)"),
    ("[judge]\nmemory_mb = 64\n", "needed more memory than its budget (64 MB)"),
])
def test_a_page_past_its_budget_is_recorded_unreadable_and_the_run_goes_on(
        tmp_path: Path, sites: LoopbackSites, settings: str, reason: str) -> None:
    sites.set("cronache-lombarde.test", "/articoli/festa-olive.html", HUGE)
    status, out, err = run_in(tmp_path, sites, settings)
    summary = json.loads(out)
    assert status == 1 and summary["failing_pages"] == 1
    assert as_demo(stored(tmp_path), sites) == [row for row in EXPECTED if row[0] != FESTA]
    row = sqlite3.connect(tmp_path / "cc-syndicate.db").execute(
        "SELECT status, error FROM pages WHERE url = ?", (sites.url(FESTA),)).fetchone()
    assert row[0] == "failed" and reason in row[1], row


# -- settings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("settings", "key"), [
    ("[judge]\nprocesses = -1\n", "[judge.processes]"),
    ("[judge]\nprocesses = 1.5\n", "[judge.processes]"),
    ("[judge]\ntimeout = 0\n", "[judge.timeout]"),
    ("[judge]\ntimeout = nan\n", "[judge.timeout]"),
    ("[judge]\nmemory_mb = 10\n", "[judge.memory_mb]"),
    ("[judge]\nscheduler = \"http://example.org/\"\n", "[judge.scheduler]"),
    ("[judge]\nworkers = 2\n", "[judge.workers]"),
])
def test_bad_judge_settings_name_the_file_key_and_fix(tmp_path: Path, sites: LoopbackSites, settings: str, key: str) -> None:
    status, out, err = run_in(tmp_path, sites, settings)
    assert status == 2 and out == ""
    assert "cc-syndicate.toml" in err and key in err and "Fix:" in err


def test_without_dask_the_scheduler_option_says_to_install_the_extra(tmp_path: Path, sites: LoopbackSites,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as where the extra is not installed
    status, out, err = run_in(tmp_path, sites, "", "--scheduler", "tcp://127.0.0.1:8786")
    assert status == 2 and out == ""
    assert "pip install 'cc-syndicate[dask]'" in err


def test_a_scheduler_that_cannot_be_reached_is_a_usage_error(tmp_path: Path, sites: LoopbackSites,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed", reason="dask[distributed] is not installed: pip install 'cc-syndicate[dask]'")
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    status, out, err = run_in(tmp_path, sites, "", "--scheduler", "tcp://127.0.0.1:9")
    assert status == 2 and out == ""
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err and "dask scheduler" in err


# -- what crosses to a process or a cluster -----------------------------------------------------------


def test_findings_and_pages_cross_to_other_processes_and_stay_read_only() -> None:
    finding = Finding("license-missing", "violation", "no licence", FrozenMap({"looked_for": ["CC BY"]}))
    page = parse_page('<html lang="it"><head><meta name="author" content="Ada"><title>T</title></head>'
                      "<body><p>Testo</p></body></html>", "https://example.org/a")
    assert pickle.loads(pickle.dumps(finding)) == finding
    assert pickle.loads(pickle.dumps(page)) == page
    with pytest.raises(TypeError):
        finding.evidence["looked_for"] = []  # type: ignore[index]
    with pytest.raises(TypeError):
        page.meta.update(author="Eve")  # type: ignore[attr-defined]


# -- one polite loop per host -------------------------------------------------------------------------


def test_each_host_is_fetched_by_one_loop_in_order_while_hosts_go_at_once() -> None:
    running: dict[str, int] = {}
    most: dict[str, int] = {}
    started: list[tuple[str, int]] = []
    lock = threading.Lock()
    side_by_side = threading.Barrier(3, timeout=10)  # the first item of each host waits for the other two

    def start(item: tuple[str, int]) -> tuple[str, int]:
        if item[1] == 0:
            side_by_side.wait()
        with lock:
            running[item[0]] = running.get(item[0], 0) + 1
            most[item[0]] = max(most.get(item[0], 0), running[item[0]])
            started.append(item)
        time.sleep(0.02)
        with lock:
            running[item[0]] -= 1
        return item

    items = [(host, n) for n in range(4) for host in ("a", "b", "c")]
    with HostLoops(workers=3) as loops:
        done = dict(loops.run(items, key=lambda item: item[0], start=start, finish=lambda item: item[1]))
    assert sorted(done) == sorted(items) and all(f.result() == item[1] for item, f in done.items())
    assert most == {"a": 1, "b": 1, "c": 1}  # never two requests of one host at once
    for host in "abc":
        assert [n for h, n in started if h == host] == [0, 1, 2, 3]  # each host in its own order


# -- check, inspect and serve judge under the same budget ---------------------------------------------


@pytest.mark.parametrize("command", ["check", "inspect"])
def test_check_and_inspect_stop_a_page_past_its_budget(httpserver: HTTPServer, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\n[judge]\ntimeout = 1\n", encoding="utf-8")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/huge").respond_with_data(HUGE, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/small").respond_with_data(
        "<html><body><article><p>Una pagina piccola.</p></article></body></html>", content_type="text/html")
    out, err = io.StringIO(), io.StringIO()
    status = main([command, httpserver.url_for("/huge"), "--allow-private", "--format", "json"], stdout=out, stderr=err)
    assert (status, out.getvalue()) == (2, "")
    assert "reading or judging the page took longer than its time budget (1 s)" in err.getvalue()
    out = io.StringIO()
    assert main(["inspect", httpserver.url_for("/small"), "--allow-private", "--format", "json"], stdout=out) == 0
    assert "Una pagina piccola." in out.getvalue()


def test_serve_checks_share_a_pool_that_outlives_a_page_past_its_budget(httpserver: HTTPServer) -> None:
    from cc_syndicate.web import build_service

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/huge").respond_with_data(HUGE, content_type="text/html; charset=utf-8")
    original = "<html><head><title>O</title></head><body><article>" + "".join(
        f"<p>Frase numero {n} del pezzo originale scritto per la prova del servizio.</p>" for n in range(12)) + \
        "</article></body></html>"
    httpserver.expect_request("/original").respond_with_data(original, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/copy").respond_with_data(original.replace("<title>O", "<title>C"), content_type="text/html")
    settings = Settings(host_delay=0, judge_timeout=1, judge_processes=2)
    service = build_service(settings, [], None, allow_private=True)
    try:
        assert service.judges is not None and service.judges.backend.processes == 2  # type: ignore[attr-defined]
        with pytest.raises(BudgetExceeded, match="time budget"):
            service.check(httpserver.url_for("/huge"), httpserver.url_for("/original"))
        checked = service.check(httpserver.url_for("/copy"), httpserver.url_for("/original"))
        assert checked.result.match.kind == "reproduction"
    finally:
        service.close()


def test_the_judging_processes_get_a_fresh_index_once_enough_originals_were_added() -> None:
    words = random.Random(7)
    texts = [" ".join(f"parola{words.randrange(5000)}" for _ in range(300)) + "." for _ in range(MIN_REFRESH)]
    copy = f"<html><body><article><p>{texts[7]}</p></article></body></html>".encode()
    with open_judges(Settings(judge_processes=1), []) as judges:
        assert judges.read(copy, "text/html", "https://copy.example/a").result().found == ()
        for original_id, text in enumerate(texts[:-1], 1):
            judges.added(original_id, fingerprint(text))
        assert judges.read(copy, "text/html", "https://copy.example/a").result().found == ()  # not shipped yet
        judges.added(len(texts), fingerprint(texts[-1]))
        assert judges.read(copy, "text/html", "https://copy.example/a").result().found == (8,)
