"""Editors' cases: the lifecycle (pure), `cc-syndicate case ...` through main(), and a dismissed case over
real runs of the demo sites served on loopback."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
from sites import LoopbackSites

from cc_syndicate import cases as lifecycle
from cc_syndicate.cases import CaseFacts, FindingRecord, Triage
from cc_syndicate.cli import main
from cc_syndicate.errors import UsageError
from cc_syndicate.store import Store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def finding(code: str, first_seen: str, resolved_at: str | None = None, severity: str = "violation",
            gone: bool = False) -> FindingRecord:
    return FindingRecord(1, code, severity, "m", {}, first_seen, first_seen, resolved_at, gone)


def facts(*findings: FindingRecord, triage: Triage | None = None, page_status: str = "checked") -> CaseFacts:
    return CaseFacts(1, "https://r.example/copy", 1, "R", "https://r.example/feed", "Copy", page_status,
                     "https://p.example/o", "Original", "P", "2026-11-01T08:00:00+00:00", triage or Triage(), tuple(findings))


# -- the lifecycle ---------------------------------------------------------------------------------


def test_new_means_first_seen_in_the_last_24_hours_not_in_the_last_run() -> None:
    assert lifecycle.status(facts(finding("license-missing", "2026-11-19T10:00:00+00:00")), NOW) == "new"
    assert lifecycle.status(facts(finding("license-missing", "2026-11-19T08:59:00+00:00")), NOW) == "open"
    # an old finding keeps the case open even when a new one joins it: since = the oldest open one
    both = facts(finding("license-missing", "2026-11-02T08:00:00+00:00"), finding("author-missing", "2026-11-20T08:00:00+00:00"))
    assert lifecycle.status(both, NOW) == "open" and lifecycle.since(both) == "2026-11-02T08:00:00+00:00"


def test_resolved_gone_compliant_and_dismissed() -> None:
    ended = finding("license-missing", "2026-11-02T08:00:00+00:00", "2026-11-10T08:00:00+00:00")
    assert lifecycle.status(facts(ended), NOW) == "resolved"
    assert lifecycle.status(facts(ended, page_status="gone"), NOW) == "gone"
    assert lifecycle.status(facts(), NOW) == "compliant"
    dismissed = Triage(dismissed_at="2026-11-03T08:00:00+00:00", dismissed_reason="permission")
    case = facts(finding("license-missing", "2026-11-02T08:00:00+00:00"), triage=dismissed)
    assert lifecycle.status(case, NOW) == "dismissed" and not lifecycle.counts_as_violation(case, NOW)


def test_warnings_alone_are_open_but_not_a_violation() -> None:
    case = facts(finding("third-party-media", "2026-11-02T08:00:00+00:00", severity="warning"))
    assert lifecycle.status(case, NOW) == "open" and not lifecycle.counts_as_violation(case, NOW)


def test_the_cure_deadline_runs_30_days_from_the_first_notice() -> None:
    first = lifecycle.notified("anna", NOW, via="phone", on="2026-11-18")
    triage = lifecycle.apply(Triage(), first)
    assert (triage.notified_at, triage.notified_via, triage.cure_deadline) == ("2026-11-18", "phone", "2026-12-18")
    again = lifecycle.apply(triage, lifecycle.notified("anna", NOW + timedelta(days=5)))
    assert again.cure_deadline == "2026-12-18", "a reminder does not move the deadline"
    assert lifecycle.days_since_notice(triage, NOW) == 2


@pytest.mark.parametrize("make, problem", [
    (lambda: lifecycle.notified("anna", NOW, via="pigeon"), "--via 'pigeon' is not a way"),
    (lambda: lifecycle.notified("anna", NOW, on="20/11/2026"), "write it as YYYY-MM-DD"),
    (lambda: lifecycle.notified("anna", NOW, on="2026-12-01"), "is in the future"),
    (lambda: lifecycle.dismissed("anna", NOW, reason="boring"), "not a reason to dismiss"),
    (lambda: lifecycle.dismissed("anna", NOW, reason="other"), "needs a --note"),
    (lambda: lifecycle.noted("anna", NOW, "  "), "a note needs some text"),
    (lambda: lifecycle.noted("\x1b\x07 ", NOW, "x"), "pass --by NAME"),
    (lambda: lifecycle.noted("anna", NOW, "x" * 5000), "too long"),
])
def test_bad_actions_are_refused_with_the_fix(make, problem: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match=problem.replace("(", r"\(").replace("'", ".")):
        make()


def test_transitions_that_make_no_sense_are_refused() -> None:
    dismissed = lifecycle.apply(Triage(), lifecycle.dismissed("anna", NOW, reason="permission", codes=["license-missing"]))
    assert dismissed.dismissed_codes == ("license-missing",)
    with pytest.raises(UsageError, match="already dismissed"):
        lifecycle.apply(dismissed, lifecycle.dismissed("bo", NOW, reason="not-ours"))
    with pytest.raises(UsageError, match="reopen it first"):
        lifecycle.apply(dismissed, lifecycle.notified("bo", NOW))
    with pytest.raises(UsageError, match="nothing to reopen"):
        lifecycle.apply(Triage(), lifecycle.reopened("bo", NOW))
    assert not lifecycle.apply(dismissed, lifecycle.reopened("bo", NOW)).dismissed


def test_only_a_code_it_was_not_dismissed_with_reopens_a_case() -> None:
    dismissed = lifecycle.apply(Triage(), lifecycle.dismissed("anna", NOW, reason="permission", codes=["license-missing"]))
    assert lifecycle.reopens(dismissed, ["license-missing"]) == ()
    assert lifecycle.reopens(dismissed, ["license-missing", "author-missing"]) == ("author-missing",)
    assert lifecycle.reopens(Triage(), ["author-missing"]) == ()
    # a request of the publisher's policy is no violation: it never brings a dismissed case back
    assert lifecycle.reopens(dismissed, ["license-missing", "policy-pixel-missing"], ["policy-pixel-missing"]) == ()


def test_a_note_keeps_newlines_and_loses_control_characters() -> None:
    assert lifecycle.clean_note(" called them\r\nno answer\x07 \u202e") == "called them\nno answer"


# -- the command line over real runs -----------------------------------------------------------------


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def run() -> tuple[int, str, str]:
    return cli("run", "--allow-private")


def case_list(*extra: str) -> list[dict]:
    status, out, err = cli("case", "list", "--json", *extra)
    assert status == 0, err
    return json.loads(out)


def the_case(page: str) -> dict:
    (case,) = [c for c in case_list() if c["page_url"].endswith(page)]
    return case


def report(folder: Path) -> list[dict]:
    return json.loads((folder / "report" / "violations.json").read_text(encoding="utf-8"))["violations"]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with LoopbackSites() as sites:
        sites.write_config(tmp_path)
        monkeypatch.chdir(tmp_path)
        assert run()[0] == 1
        yield tmp_path, sites


def test_case_list_json_is_the_contract(workdir: tuple[Path, LoopbackSites]) -> None:
    cases = case_list()
    assert cases and all({"id", "page_url", "original_url", "republisher", "status", "codes", "notified_at"} <= set(c)
                         for c in cases)
    by_page = {c["page_url"]: c for c in cases}
    assert len(by_page) == len(cases), "one case per page and original"
    findings = report(workdir[0])
    assert {(f["page_url"], f["code"]) for f in findings} == {(c["page_url"], code) for c in cases for code in c["codes"]}
    assert {c["status"] for c in cases} == {"new"}
    assert {c["id"] for c in case_list("--republisher", "Valle Oggi")} == {c["id"] for c in cases if c["republisher"] == "Valle Oggi"}
    assert case_list("--status", "dismissed") == []
    status, out, _ = cli("case", "list")
    assert status == 0 and f"#{cases[0]['id']}" in out


def test_notify_writes_the_audit_trail_and_starts_the_cure_period(workdir: tuple[Path, LoopbackSites]) -> None:
    folder, _ = workdir
    case = the_case("/notizie/battello-orari/")
    status, out, err = cli("case", "notify", str(case["id"]), "--via", "phone", "--note", "spoke to the editor", "--by", "anna")
    today = datetime.now(UTC).date()
    deadline = (today + timedelta(days=30)).isoformat()
    assert status == 0, err
    assert f"Case #{case['id']}: notified on {today}" in out and deadline in out
    trail = sqlite3.connect(folder / "cc-syndicate.db").execute("SELECT kind, by, via, note FROM case_actions").fetchall()
    assert trail == [("notified", "anna", "phone", "spoke to the editor")]
    assert the_case("/notizie/battello-orari/")["notified_at"].startswith(str(today))
    status, out, _ = cli("case", "show", case["page_url"])
    assert status == 0 and f"the cure period ends {deadline}" in out and "by anna: spoke to the editor" in out
    assert "Subject: " in out and "To: redazione@valle-oggi.test" not in out  # Valle Oggi's feed gives no contact
    assert cli("report")[0] == 0
    rows = [r for r in report(folder) if r["case_id"] == case["id"]]
    assert rows and all(r["cure_deadline"] == deadline and r["notified_at"] for r in rows)
    page = (folder / "report" / rows[0]["case_url"]).read_text(encoding="utf-8")
    assert "notified" in lxml.html.fromstring(page).xpath("string(//ol[@class='timeline'])").lower() \
        or "anna" in lxml.html.fromstring(page).xpath("string(//ol[@class='timeline'])")


def test_errors_exit_2_with_the_fix(workdir: tuple[Path, LoopbackSites]) -> None:
    case = case_list()[0]
    status, _, err = cli("case", "reopen", str(case["id"]))
    assert status == 2 and "not dismissed" in err
    status, _, err = cli("case", "show", "9999")
    assert status == 2 and "case list" in err
    status, _, err = cli("case", "dismiss", str(case["id"]), "--reason", "other")
    assert status == 2 and "--note" in err
    status, _, err = cli("case", "list", "--db", "missing.db")
    assert status == 2 and "run` first" in err
    with pytest.raises(SystemExit) as done:
        cli("case", "dismiss", str(case["id"]), "--reason", "boring")
    assert done.value.code == 2
    assert sqlite3.connect(workdir[0] / "cc-syndicate.db").execute("SELECT COUNT(*) FROM case_actions").fetchone() == (0,)


def test_a_url_with_several_cases_asks_for_the_id(workdir: tuple[Path, LoopbackSites]) -> None:
    case = the_case("/notizie/pulizia-lago/")
    with Store("cc-syndicate.db") as store, store.transaction():
        other = store.execute("SELECT id FROM originals WHERE id != ? LIMIT 1",
                              (store.case_facts([case["id"]])[0].original_id,)).fetchone()[0]
        second = store.case_id(case["page_url"], other, "2026-11-20T08:00:00+00:00")
    status, _, err = cli("case", "note", case["page_url"], "called")
    assert status == 2 and f"#{case['id']}" in err and f"#{second}" in err and "pass the case's ID" in err
    status, out, _ = cli("case", "note", f"#{case['id']}", "called")
    assert status == 0 and "note added" in out


def test_a_dismissed_case_stays_dismissed_over_runs_and_counts_nowhere(workdir: tuple[Path, LoopbackSites]) -> None:
    folder, sites = workdir
    case = the_case("/notizie/festa-olive/")
    before = json.loads(run_json())
    status, out, err = cli("case", "dismiss", str(case["id"]), "--reason", "permission", "--note", "contract signed")
    assert status == 0, err
    for _ in range(2):  # two further runs: nothing new, nothing announced, still dismissed
        assert run() == (0, "", "")
        assert the_case("/notizie/festa-olive/")["status"] == "dismissed"
    summary = json.loads(run_json())
    assert summary["open"] + summary["new"] == before["open"] + before["new"] - 1
    rows = [r for r in report(folder) if r["case_id"] == case["id"]]
    assert rows and all(r["status"] == "dismissed" and r["dismissed_reason"] == "permission" for r in rows)
    index = lxml.html.fromstring((folder / "report" / "index.html").read_text(encoding="utf-8"))
    assert not index.xpath(f"//table[@id='cases']//tr[@data-case='{case['id']}']")
    assert index.xpath(f"//table[@id='dismissed-cases']//tr[@data-case='{case['id']}']")
    shares = [t.text for t in index.xpath("//svg[@aria-labelledby='compliance']//text") if t.text and "%" in t.text]
    assert "33% (1/3)" in shares, "Valle Oggi: the dismissed case leaves the figures (1 of 3, not 1 of 4)"
    atom = (folder / "report" / "violations.atom").read_text(encoding="utf-8")
    assert f"urn:cc-syndicate:case:{case['id']}<" not in atom
    csv_rows = (folder / "report" / "violations.csv").read_text(encoding="utf-8-sig").splitlines()
    assert all(",dismissed," in line for line in csv_rows if line.startswith(f"{case['id']},"))

    # the page changes and shows something new that is wrong: the case comes back, and the run says so
    page = sites.page("valle-oggi.test", "/notizie/festa-olive/index.html")
    sites.set("valle-oggi.test", "/notizie/festa-olive/", page.replace(
        '<div class="syndication-credit">', "<p>© Riproduzione riservata.</p>\n<div class=\"syndication-credit\">"))
    status, out, _ = run()
    assert status == 1 and "license-mismatch" in out and "festa-olive" in out
    reopened = the_case("/notizie/festa-olive/")
    assert reopened["status"] == "new" and "license-mismatch" in reopened["codes"]
    status, out, _ = cli("case", "show", str(case["id"]))
    assert "reopened [license-mismatch] by cc-syndicate: new findings: license-mismatch" in out
    assert "dismissed permission [attribution-hidden] by " in out


def run_json() -> str:
    status, out, err = cli("run", "--allow-private", "--json")
    assert status in (0, 1), err
    return out


# -- the same templates for a web application ----------------------------------------------------------


class RouteLinks:
    """What a web application gives: its own routes."""

    def index(self) -> str:
        return "/editors/"

    def case(self, case) -> str:  # type: ignore[no-untyped-def]
        return f"/editors/cases/{case.id}"

    def republisher(self, name: str) -> str:
        return f"/editors/republishers/{name}"

    def download(self, name: str) -> str:
        return f"/editors/files/{name}"


def test_a_web_application_renders_the_same_pages_with_its_routes_and_forms(workdir: tuple[Path, LoopbackSites]) -> None:
    import jinja2

    from cc_syndicate.render import linked_assets, render
    from cc_syndicate.views import case_view, report_view

    now = datetime.now(UTC)
    with Store("cc-syndicate.db", readonly=True) as store:
        data = report_view(store, now, "en")
        case = case_view(store, the_case("/notizie/festa-olive/")["id"], now, "en")
    assert case is not None and case.page_text and case.notice is not None
    assets = linked_assets("/static/report.css", "/static/report.js")
    index = lxml.html.fromstring(render("index.html", language="en", links=RouteLinks(), assets=assets, data=data))
    assert index.xpath("//link[@rel='stylesheet']/@href") == ["/static/report.css"]
    assert index.xpath("//script/@src") == ["/static/report.js"] and not index.xpath("//meta[@http-equiv]")
    hrefs = index.xpath("//table[@id='cases']//a/@href")
    assert f"/editors/cases/{case.id}" in hrefs and "/editors/republishers/Valle Oggi" in hrefs
    # the application's own template fills the block left for its forms
    ours = jinja2.DictLoader({"editors/case.html": '{% extends "case.html" %}{% block case_actions %}'
                                                   '<form method="post" id="dismiss"></form>{% endblock %}'})
    page = lxml.html.fromstring(render("editors/case.html", language="en", links=RouteLinks(), assets=assets,
                                       extra=ours, data=data, case=case))
    assert page.xpath("//form[@id='dismiss']") and not page.xpath("//pre[@class='commands']")
    assert page.xpath("//a[text()='← All cases']/@href") == ["/editors/"]
