"""The editors' pages through Flask's test client, over a database a real run filled from the demo sites:
the live report, a republisher's page and its combined notice, a case's page, and each triage action
writing the audit trail and changing what the report shows."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from babel.dates import format_date, format_time
from editors_app import demo_app, demo_database, log_in, token_of
from flask import Flask
from flask.testing import FlaskClient

from cc_syndicate.store import Store

Doc = lxml.html.HtmlElement


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("demo") / "run")


@pytest.fixture
def served(demo_db: Path, tmp_path: Path) -> tuple[Flask, Path]:
    return demo_app(demo_db, tmp_path / "copy")


@pytest.fixture
def client(served: tuple[Flask, Path]) -> Iterator[FlaskClient]:
    client = served[0].test_client()
    assert log_in(client).status_code == 303
    yield client


def doc_of(response: object) -> Doc:
    return lxml.html.document_fromstring(response.get_data(as_text=True))  # type: ignore[attr-defined]


def text(doc: Doc, xpath: str) -> str:
    return " ".join(" ".join(e.text_content().split()) for e in doc.xpath(xpath))


def rows(doc: Doc, table: str = "cases") -> dict[int, Doc]:
    """The rows of one of the report's tables (cases: the open ones), by case id."""
    return {int(tr.get("data-case")): tr for tr in doc.xpath(f"//table[@id='{table}']/tbody/tr[@data-case]")}


def card(doc: Doc, name: str) -> str:
    return text(doc, f"//li[@id='card-{name}']/strong")


def compliance(doc: Doc) -> dict[str, str]:
    """The compliance chart as read: republisher -> share (compliant/reproductions)."""
    chart = doc.xpath("//svg[@aria-labelledby='compliance']")[0]
    names = [t.text_content() for t in chart.xpath(".//a/text")]
    shares = [t.text_content() for t in chart.xpath("./text")]
    return dict(zip(names, shares))


def trail_of(doc: Doc) -> list[tuple[str, str]]:
    """The case's history as read, newest day first: (kind, what it says)."""
    return [(li.get("class").split()[-1], text(li, ".")) for li in doc.xpath("//ol[@class='timeline']//li[contains(@class, 'event')]")]


def cases(client: FlaskClient, **query: str) -> dict[int, dict]:
    return {c["id"]: c for c in client.get("/editors/api/cases", query_string=query).get_json()}


def case_of(client: FlaskClient, republisher: str, code: str) -> int:
    return next(i for i, c in cases(client).items() if c["republisher"] == republisher and code in c["codes"])


def act(client: FlaskClient, case_id: int, kind: str, **fields: str) -> object:
    token = token_of(client.get(f"/editors/cases/{case_id}"))
    return client.post(f"/editors/cases/{case_id}/{kind}", data={"csrf_token": token, **fields})


def trail(store_path: Path, case_id: int) -> list[tuple[str, str, str | None, str | None, str]]:
    with Store(store_path) as store:
        return [(a.kind, a.by, a.via, a.reason, a.note) for a in store.case_actions(case_id).get(case_id, [])]


# ---------------------------------------------------------------------------------------------
# The live report
# ---------------------------------------------------------------------------------------------


def test_the_live_report_has_one_row_per_open_case(client: FlaskClient) -> None:
    doc = doc_of(client.get("/editors/"))
    every = cases(client)
    current = {i for i, c in every.items() if c["status"] in ("new", "open")}
    assert set(rows(doc)) == current and len(current) == 9
    assert set(rows(doc, "compliant")) == {i for i, c in every.items() if c["status"] == "compliant"}
    battello = case_of(client, "Cronache Lombarde", "source-missing")
    assert len(every[battello]["codes"]) == 4  # four findings, one case, one row
    row = rows(doc)[battello]
    assert row.xpath(".//a/@href")[-1] == f"/editors/cases/{battello}"
    assert row.xpath(".//a[@class='republisher']/@href") == ["/editors/republishers/Cronache%20Lombarde"]
    problems = row.xpath(".//span[@class='problem']")
    assert sorted(p.get("title") for p in problems) == sorted(every[battello]["codes"])  # each code in a tooltip
    assert "{" not in text(row, ".") and "source-missing" not in text(row, ".")  # requirements in words
    assert (card(doc, "open"), card(doc, "new-day"), card(doc, "dismissed")) == ("8", "8", "0")
    assert compliance(doc) == {"Cronache Lombarde": "0% (0/3)", "Valle Oggi": "25% (1/4)", "Il Notiziario del Borgo": "50% (2/4)"}
    assert doc.xpath("//svg[@aria-labelledby='over-time']/rect")  # history by day
    downloads = doc.xpath("//header//a[contains(@href, 'violations.')]/@href")
    assert downloads == ["/editors/violations.csv", "/editors/violations.json", "/editors/violations.atom"]


@pytest.mark.parametrize("query, expected", [
    ({"republisher": "Valle Oggi"}, {"Valle Oggi"}),
    ({"status": "compliant"}, {"Valle Oggi", "Il Notiziario del Borgo"}),
    ({"republisher": "Valle Oggi", "status": "compliant"}, {"Valle Oggi"}),
    ({"status": "all"}, {"Valle Oggi", "Cronache Lombarde", "Il Notiziario del Borgo"}),
])
def test_the_table_is_filtered_by_republisher_and_status(client: FlaskClient, query: dict[str, str],
                                                         expected: set[str]) -> None:
    doc = doc_of(client.get("/editors/", query_string=query))
    shown = {**rows(doc), **rows(doc, "compliant"), **rows(doc, "dismissed-cases"), **rows(doc, "resolved-cases")}
    every = cases(client)
    wanted = {i for i, c in every.items() if query.get("republisher") in (None, c["republisher"])
              and query.get("status", "all") in ("all", c["status"])}
    assert set(shown) == wanted and {every[i]["republisher"] for i in shown} == expected
    assert doc.xpath("//form[@id='narrow']//select[@name='republisher']/option[@selected]/@value") == [query.get("republisher", "")]


def test_filters_the_report_does_not_know_are_ignored(client: FlaskClient) -> None:
    doc = doc_of(client.get("/editors/", query_string={"republisher": "<script>", "status": "x' onmouseover='1"}))
    assert len(rows(doc)) == 9 and "<script>" not in client.get("/editors/?republisher=<script>").get_data(as_text=True)
    assert doc.xpath("//form[@id='narrow']//select[@name='status']/option[@selected]/@value") == ["all"]


def test_the_cases_as_json_like_case_list(client: FlaskClient, served: tuple[Flask, Path]) -> None:
    listed = client.get("/editors/api/cases", query_string={"republisher": "Valle Oggi"}).get_json()
    assert {c["republisher"] for c in listed} == {"Valle Oggi"} and len(listed) == 4
    assert {"id", "page_url", "original_url", "republisher", "status", "codes", "notified_at"} <= set(listed[0])
    anonymous = served[0].test_client().get("/editors/api/cases")
    assert anonymous.status_code == 401 and anonymous.get_json() == {"error": "log in first: POST /editors/login"}


# ---------------------------------------------------------------------------------------------
# A case's page
# ---------------------------------------------------------------------------------------------


def test_a_case_page_says_what_is_wrong_in_words_with_the_notice(client: FlaskClient) -> None:
    case_id = case_of(client, "Cronache Lombarde", "source-missing")
    response = client.get(f"/editors/cases/{case_id}")
    doc = doc_of(response)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    findings = {a.xpath("string(h3/span/@title)"): a for a in doc.xpath("//section[@id='evidence']/article")}
    assert set(findings) == {"author-missing", "license-missing", "source-link-missing", "source-missing"}
    for article in findings.values():  # the code in a tooltip, evidence in sentences
        assert text(article, "ul[@class='evidence']/li") and "{" not in text(article, ".")
    letter = doc.xpath("//pre[@id='letter']")[0].text_content()
    assert not letter.startswith(("To:", "A:", "Subject:", "Oggetto:"))  # the letter copies without its header lines
    mailto = urlsplit(doc.xpath("//a[starts-with(@href, 'mailto:')]/@href")[0])
    assert mailto.path == "direttore@cronache-lombarde.test"
    assert parse_qs(mailto.query)["body"] == [letter]
    assert doc.xpath("//button[@id='copy-letter'][@hidden]")  # shown by the script
    forms = {f.get("id"): f for f in doc.xpath("//form[@class='action']")}
    assert set(forms) == {"notify", "dismiss", "note"}  # reopen only for a dismissed case
    for form in forms.values():
        assert form.get("method") == "post" and form.xpath("input[@name='csrf_token']/@value")


def test_an_unknown_case_or_action_is_404(client: FlaskClient) -> None:
    assert client.get("/editors/cases/9999").status_code == 404
    case_id = next(iter(cases(client)))
    assert act(client, case_id, "delete").status_code == 404
    assert act(client, 9999, "note", note="x").status_code == 404
    assert client.get("/editors/republishers/Nobody").status_code == 404


# ---------------------------------------------------------------------------------------------
# Actions: each writes the audit trail and changes what the report shows
# ---------------------------------------------------------------------------------------------


def test_notify_records_the_day_and_starts_the_cure_period(client: FlaskClient, served: tuple[Flask, Path]) -> None:
    case_id = case_of(client, "Valle Oggi", "license-missing")
    sent = (date.today() - timedelta(days=3)).isoformat()
    response = act(client, case_id, "notify", day=sent, via="phone", note="Spoke with the editor, Marta.")
    assert response.status_code == 303 and response.headers["Location"] == f"/editors/cases/{case_id}?done=notify#state"
    assert trail(served[1], case_id) == [("notified", "anna", "phone", None, "Spoke with the editor, Marta.")]
    assert cases(client)[case_id]["notified_at"] == sent
    assert cases(client)[case_id]["cure_deadline"] == (date.fromisoformat(sent) + timedelta(days=30)).isoformat()
    doc = doc_of(client.get(f"/editors/cases/{case_id}?done=notify"))
    assert text(doc, "//p[@id='done']") == "Recorded: the republisher was notified."
    deadline = date.fromisoformat(sent) + timedelta(days=30)
    assert text(doc, "//dd[@id='notified']") == (f"{format_date(date.fromisoformat(sent), 'medium', locale='en')} by phone "
                                                f"(3 days ago). The 30 days to cure end on "
                                                f"{format_date(deadline, 'medium', locale='en')}.")
    assert ("notified", "anna notified the republisher by phone Spoke with the editor, Marta.") in trail_of(doc)
    row = rows(doc_of(client.get("/editors/")))[case_id]
    assert "notified" in text(row, "td[5]") and "cure period ends" in text(row, "td[5]")
    assert "1 notified" in text(doc_of(client.get("/editors/")), "//li[@id='card-open']")


def test_dismiss_takes_the_case_out_of_the_open_list_and_the_figures(client: FlaskClient,
                                                                       served: tuple[Flask, Path]) -> None:
    case_id = case_of(client, "Valle Oggi", "attribution-hidden")
    before = doc_of(client.get("/editors/"))
    assert case_id in rows(before)
    response = act(client, case_id, "dismiss", reason="false-positive", note="The credit is in the print edition.")
    assert response.status_code == 303
    assert trail(served[1], case_id) == [("dismissed", "anna", None, "false-positive", "The credit is in the print edition.")]
    after = doc_of(client.get("/editors/"))
    assert case_id not in rows(after) and len(rows(after)) == len(rows(before)) - 1
    assert (card(after, "open"), card(after, "dismissed")) == ("7", "1")
    assert compliance(after)["Valle Oggi"] == "33% (1/3)"  # a dismissed case counts nowhere
    assert set(rows(after, "dismissed-cases")) == {case_id}
    assert set(rows(doc_of(client.get("/editors/?status=dismissed")), "dismissed-cases")) == {case_id}
    page = doc_of(client.get(f"/editors/cases/{case_id}"))
    assert {f.get("id") for f in page.xpath("//form[@class='action']")} == {"reopen", "note"}
    assert text(page, "//dd[@id='dismissed']").endswith("false positive — The credit is in the print edition.")
    assert not page.xpath("//pre[@id='letter']")  # nothing to ask of the republisher now


def test_reopen_brings_it_back(client: FlaskClient, served: tuple[Flask, Path]) -> None:
    case_id = case_of(client, "Cronache Lombarde", "license-mismatch")
    act(client, case_id, "dismiss", reason="permission", note="")
    assert act(client, case_id, "reopen", note="The permission was for another article.").status_code == 303
    assert [a[0] for a in trail(served[1], case_id)] == ["dismissed", "reopened"]
    assert case_id in rows(doc_of(client.get("/editors/")))
    kinds = [kind for kind, _ in trail_of(doc_of(client.get(f"/editors/cases/{case_id}")))]
    assert kinds[:2] == ["reopened", "dismissed"] and kinds.count("found") == 1  # newest first, even within a second


def test_a_note_joins_the_trail_escaped(client: FlaskClient, served: tuple[Flask, Path]) -> None:
    case_id = case_of(client, "Il Notiziario del Borgo", "modified-unmarked")
    note = "Called twice.\n<script>alert('x')</script>"
    assert act(client, case_id, "note", note=note).status_code == 303
    assert trail(served[1], case_id) == [("note", "anna", None, None, note)]
    response = client.get(f"/editors/cases/{case_id}")
    assert "<script>alert" not in response.get_data(as_text=True)
    assert doc_of(response).xpath("//li[contains(@class, 'event note')]/q")[0].text_content() == note


@pytest.mark.parametrize("kind, fields, problem", [
    ("dismiss", {"reason": "other", "note": "  "}, "say in the note why the case is dismissed"),
    ("dismiss", {"reason": "bored"}, "choose one of the options offered"),
    ("notify", {"via": "pigeon", "day": ""}, "choose one of the options offered"),
    ("notify", {"via": "email", "day": "2999-01-01"}, "the day of the notice is in the future"),
    ("notify", {"via": "email", "day": "01/02/2026"}, "as YYYY-MM-DD"),
    ("note", {"note": ""}, "the note is empty"),
    ("note", {"note": "x" * 5000}, "the note is too long"),
])
def test_a_form_that_cannot_be_used_changes_nothing(client: FlaskClient, served: tuple[Flask, Path], kind: str,
                                                    fields: dict[str, str], problem: str) -> None:
    case_id = case_of(client, "Valle Oggi", "license-missing")
    response = act(client, case_id, kind, **fields)
    assert response.status_code == 400 and problem in text(doc_of(response), "//p[@id='problem']")
    assert trail(served[1], case_id) == []
    if kind != "note" or fields["note"]:
        kept = doc_of(response).xpath(f"//form[@id='{kind}']//textarea")[0].text_content()
        assert kept == fields.get("note", "")  # what was typed is not lost


def test_actions_without_the_token_or_the_login_change_nothing(client: FlaskClient, served: tuple[Flask, Path]) -> None:
    case_id = case_of(client, "Valle Oggi", "license-missing")
    for data in ({"reason": "false-positive"}, {"reason": "false-positive", "csrf_token": "forged"}):
        response = client.post(f"/editors/cases/{case_id}/dismiss", data=data)
        assert response.status_code == 400 and "nothing was changed" in text(doc_of(response), "//p[@id='problem']")
    token = token_of(client.get(f"/editors/cases/{case_id}"))
    anonymous = served[0].test_client()
    response = anonymous.post(f"/editors/cases/{case_id}/dismiss", data={"reason": "false-positive", "csrf_token": token})
    assert response.status_code == 303 and urlsplit(response.headers["Location"]).path == "/editors/login"
    assert trail(served[1], case_id) == [] and cases(client)[case_id]["status"] == "new"


def test_an_action_on_a_case_changed_meanwhile_is_refused_with_the_case_as_it_is(client: FlaskClient,
                                                                                served: tuple[Flask, Path]) -> None:
    case_id = case_of(client, "Valle Oggi", "license-missing")
    stale = token_of(client.get(f"/editors/cases/{case_id}"))  # two tabs open on the case
    client.post(f"/editors/cases/{case_id}/dismiss", data={"csrf_token": stale, "reason": "permission"})
    response = client.post(f"/editors/cases/{case_id}/notify", data={"csrf_token": stale, "via": "email"})
    assert response.status_code == 409 and "the case changed meanwhile" in text(doc_of(response), "//p[@id='problem']")
    assert [a[0] for a in trail(served[1], case_id)] == ["dismissed"]


def test_the_command_line_and_the_page_write_one_trail(client: FlaskClient, served: tuple[Flask, Path]) -> None:
    from cc_syndicate import cases as lifecycle

    case_id = case_of(client, "Valle Oggi", "license-missing")
    with Store(served[1]) as store:  # what `cc-syndicate case note` does
        store.act(case_id, lifecycle.noted("bruno", datetime.now(UTC), "Sent by post."))
    act(client, case_id, "note", note="And by e-mail.")
    notes = [said for kind, said in trail_of(doc_of(client.get(f"/editors/cases/{case_id}"))) if kind == "note"]
    assert notes == ["anna wrote: And by e-mail.", "bruno wrote: Sent by post."]  # newest first


# ---------------------------------------------------------------------------------------------
# A republisher's page and its combined notice
# ---------------------------------------------------------------------------------------------


def test_a_republishers_page_has_all_its_cases_and_one_notice(client: FlaskClient) -> None:
    doc = doc_of(client.get("/editors/republishers/Cronache Lombarde"))
    listed = set(rows(doc))
    every = cases(client)
    assert listed == {i for i, c in every.items() if c["republisher"] == "Cronache Lombarde"} and len(listed) == 4
    letter = doc.xpath("//pre[@id='letter']")[0].text_content()
    violations = [c for c in every.values() if c["republisher"] == "Cronache Lombarde" and c["is_violation"]]
    assert len(violations) == 3
    for c in violations:
        assert c["page_url"] in letter  # every article that asks something, once
    assert len(re.findall(r"^\d\. ", letter, re.M)) == 3
    assert text(doc, "//dd[@id='notice-subject']") == "attribuzione di 3 articoli di L'Eco del Lago"  # the publisher's language
    href = doc.xpath("//a[starts-with(@href, 'mailto:')]/@href")[0]
    assert unquote(urlsplit(href).path) == "direttore@cronache-lombarde.test"


def test_a_republisher_without_a_contact_still_gets_the_letter(client: FlaskClient) -> None:
    doc = doc_of(client.get("/editors/republishers/Valle Oggi"))
    assert doc.xpath("//pre[@id='letter']") and not doc.xpath("//a[starts-with(@href, 'mailto:')]")
    assert "add contact = " in text(doc, "//dd[@id='notice-to']")


# ---------------------------------------------------------------------------------------------
# Language and time zone
# ---------------------------------------------------------------------------------------------


def test_dates_are_shown_in_the_readers_time_zone(served: tuple[Flask, Path]) -> None:
    app, db = served
    case_id = next(iter(cases(logged(app))))
    shown = {}
    for zone in ("Pacific/Auckland", "America/Los_Angeles"):
        doc = doc_of(logged(app, tz=zone).get(f"/editors/cases/{case_id}"))
        stamp = doc.xpath("//section[@id='state']//time[@data-kind='moment']")[0]
        moment = datetime.fromisoformat(stamp.get("datetime")).astimezone(ZoneInfo(zone))
        shown[zone] = stamp.text_content()
        assert shown[zone] == f"{format_date(moment, 'medium', locale='en')}, {format_time(moment, 'short', locale='en')}"
        assert text(doc, "//span[@id='zone']") == f"Dates in {zone}."
    assert len(set(shown.values())) == 2


def logged(app: Flask, **fields: str) -> FlaskClient:
    client = app.test_client()
    assert log_in(client, **fields).status_code == 303
    return client


def test_json_of_cases_is_valid_without_the_pages(client: FlaskClient) -> None:
    body = client.get("/editors/api/cases").get_data(as_text=True)
    assert json.loads(body) and "<" not in body.replace("\\u003c", "")


def test_the_pages_speak_the_publishers_language(demo_db: Path, tmp_path: Path) -> None:
    app, _ = demo_app(demo_db, tmp_path / "it", language="")  # the demo's rules are Italian
    client = app.test_client()
    login = doc_of(client.get("/editors/login"))
    assert login.get("lang") == "it" and text(login, "//h1") == "Redazione: accesso"
    assert log_in(client).status_code == 303
    case_id = case_of(client, "Valle Oggi", "license-missing")
    assert act(client, case_id, "dismiss", reason="other", note="").status_code == 400
    response = act(client, case_id, "dismiss", reason="other", note="Accordo verbale")
    doc = doc_of(client.get(response.headers["Location"]))
    assert text(doc, "//p[@id='done']") == "Registrato: il caso è archiviato."
    assert text(doc, "//form[@id='note']//button") == "Aggiungi la nota"
    assert text(doc, "//h2[@id='history']") == "Cronologia"
    stamp = doc.xpath("//dd[@id='dismissed']/time")[0]
    day = datetime.fromisoformat(stamp.get("datetime")).date()  # in UTC: the browser said no zone, the setting's default
    assert stamp.text_content() == format_date(day, "medium", locale="it")
