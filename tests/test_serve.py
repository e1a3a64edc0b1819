"""`cc-syndicate serve` through Flask's test client: the check page, the JSON API, errors in words, and the
service under load and attack. Pages and originals are served on loopback."""

from __future__ import annotations

import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from flask import Flask
from flask.testing import FlaskClient
from helpers import AUTHOR, compliant_page, credit, page, paragraphs
from serve_sites import Sites, make_app

from cc_syndicate.attribution import republish_block
from cc_syndicate.check import fetch_original
from cc_syndicate.cli import main
from cc_syndicate.fetch import Fetcher
from cc_syndicate.index import fingerprint
from cc_syndicate.models import Policy, Settings
from cc_syndicate.store import Store
from cc_syndicate.urls import article_key
from cc_syndicate.web import build_app

PHOTO_CREDIT = "<p>Fonte foto in evidenza: Agenzia Fotolago</p>"
REWORDED = (paragraphs()[:4] + ["Il sindaco ha detto grazie ai volontari e promesso venti nuovi cestini sulle rive."]
            + paragraphs()[5:])


@pytest.fixture(scope="module")
def loopback() -> Iterator[Sites]:
    with Sites() as s:
        yield s


@pytest.fixture
def sites(loopback: Sites) -> Iterator[Sites]:
    yield loopback
    loopback.reset()


@pytest.fixture
def app(sites: Sites) -> Flask:
    return make_app(sites)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def html_of(response: object) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(response.get_data(as_text=True))  # type: ignore[attr-defined]


def text_of(doc: lxml.html.HtmlElement, xpath: str) -> str:
    return " ".join(" ".join(e.text_content().split()) for e in doc.xpath(xpath))


# ---------------------------------------------------------------------------------------------
# The check page
# ---------------------------------------------------------------------------------------------


def test_the_form_speaks_the_publishers_language(client: FlaskClient, sites: Sites) -> None:
    response = client.get("/?original=" + sites.original)
    doc = html_of(response)
    assert response.status_code == 200 and doc.get("lang") == "it"
    assert "Hai ripubblicato un articolo di L'Eco del Lago?" in text_of(doc, "//p[@class='intro']")
    form = doc.xpath("//form[@class='check']")[0]
    assert (form.get("action"), form.get("method")) == ("/check", "get")
    assert doc.xpath("//input[@name='original']/@value") == [sites.original]  # the link under every article


def test_a_compliant_copy(client: FlaskClient, sites: Sites) -> None:
    url = sites.copy("/ok", compliant_page())
    response = client.get("/check", query_string={"url": url, "original": sites.original})
    doc = html_of(response)
    assert response.status_code == 200
    verdict = text_of(doc, "//p[@id='verdict']")
    assert verdict == ("Questa pagina riprende «Volontari al lavoro per ripulire le rive del lago» e rispetta le "
                       "condizioni della licenza (CC BY 4.0).")
    assert text_of(doc, "//p[@class='compared']").startswith("Testo dell'articolo originale presente sulla pagina: ")
    assert doc.xpath("//section[contains(@class, 'verdict-compliant')]")
    statuses = [text_of(li, "span[@class='status']") for li in doc.xpath("//li[contains(@class, 'req ')]")]
    assert statuses and set(statuses) == {"Rispettato"}
    assert text_of(doc, "//p[@class='not-required']").startswith("Non richiesto da queste regole:")
    credit_text = doc.xpath("//textarea[@id='credit-text']")[0].text_content()
    assert f"di {AUTHOR}" in credit_text and "CC BY 4.0" in credit_text and sites.original in credit_text
    assert "<a " in doc.xpath("//textarea[@id='credit-html']")[0].text_content()  # the HTML, as text to copy
    assert doc.xpath("//button[@data-copy='credit-html'][@hidden]")  # shown by our script only
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]


def test_a_violation_says_what_is_missing_where_and_the_fix(client: FlaskClient, sites: Sites) -> None:
    url = sites.copy("/nothing", page(after=PHOTO_CREDIT))
    doc = html_of(client.get("/check", query_string={"url": url, "original": sites.original}))
    assert text_of(doc, "//p[@id='verdict']").endswith("ma 4 condizioni della licenza (CC BY 4.0) non sono rispettate.")
    missing = {li.get("data-code"): li for li in doc.xpath("//li[contains(@class, 'req-missing')]")}
    assert set(missing) == {"source-missing", "source-link-missing", "author-missing", "license-missing"}
    for li in missing.values():
        assert text_of(li, "span[@class='status']") == "Mancante"
        assert text_of(li, ".//p[@class='detail']") and text_of(li, ".//p[@class='fix']").startswith("Come rimediare:")
    assert AUTHOR in text_of(missing["author-missing"], ".")


def test_the_publishers_policy_is_listed_apart_from_the_licence(sites: Sites) -> None:
    asking = replace(sites.rules[0], policy=Policy(credit_position="top", pixel="?republication-pixel=true&post="))
    client = build_app(Settings(host_delay=0.0), [asking], None, allow_private=True).test_client()
    url = sites.copy("/policy", compliant_page())
    doc = html_of(client.get("/check", query_string={"url": url, "original": sites.original}))
    assert text_of(doc, "//p[@id='verdict']").endswith("e rispetta le condizioni della licenza (CC BY 4.0).")
    licence = doc.xpath("//section[@aria-labelledby='requirements']//li")
    assert licence and not any(li.get("data-code", "").startswith("policy-") for li in licence)
    assert text_of(doc, "//h2[@id='policy']") == "Cosa chiede inoltre L'Eco del Lago, oltre la licenza"
    asked = doc.xpath("//section[@aria-labelledby='policy']//li/@data-code")
    assert asked == ["policy-credit-position", "policy-pixel-missing"]
    plain = html_of(make_app(sites).test_client().get("/check", query_string={"url": url, "original": sites.original}))
    assert not plain.xpath("//h2[@id='policy']")  # rules that ask nothing beyond the licence


def test_changed_sentences_side_by_side(client: FlaskClient, sites: Sites) -> None:
    url = sites.copy("/reworded", page(REWORDED, after=credit() + PHOTO_CREDIT))
    doc = html_of(client.get("/check", query_string={"url": url, "original": sites.original}))
    changes = doc.xpath("//div[contains(@class, 'change ')]")
    assert changes, "the reworded sentence is shown"
    shown = " ".join(text_of(c, ".") for c in changes)
    assert "venti nuovi cestini" in shown
    assert any(c.xpath(".//ins") for c in changes) and any(c.xpath(".//del") for c in changes)
    assert doc.xpath("//li[@data-code='modified-unmarked']")
    assert "Testo modificato rispetto all'originale" in doc.xpath("//textarea[@id='credit-text']")[0].text_content()


def test_the_original_is_found_from_the_pages_links(client: FlaskClient, sites: Sites) -> None:
    url = sites.copy("/linked", compliant_page())
    doc = html_of(client.get("/check", query_string={"url": url}))
    assert "rispetta le condizioni" in text_of(doc, "//p[@id='verdict']")
    assert sites.original in doc.xpath("//section[@class='card']//a/@href")


def test_the_original_is_found_in_the_database(sites: Sites, tmp_path: Path) -> None:
    with Fetcher(Settings(host_delay=0), allow_private=True) as fetcher:
        original = fetch_original(fetcher, sites.original)
    with Store(tmp_path / "cc.db") as store, store.transaction():
        store.add_original(original, "L'Eco del Lago", [article_key(sites.original)], fingerprint(original.text))
    url = sites.copy("/unlinked", page(after=PHOTO_CREDIT))
    client = make_app(sites, db=tmp_path / "cc.db").test_client()
    result = client.post("/api/check", json={"url": url}).get_json()
    assert result["original"]["url"] == sites.original and result["verdict"] == "violation"


def test_no_original_found_asks_for_it(client: FlaskClient, sites: Sites) -> None:
    url = sites.copy("/orphan", page())
    response = client.get("/check", query_string={"url": url})
    assert response.status_code == 400
    assert "aggiungi l'indirizzo dell'articolo originale" in text_of(html_of(response), "//p[@id='verdict']")
    assert html_of(response).xpath("//input[@name='url']/@value") == [url]  # the form keeps what was typed
    response = client.post("/api/check", json={"url": url})
    assert response.status_code == 400 and "add the address of the original article" in response.get_json()["error"]


def test_a_page_that_robots_txt_forbids(client: FlaskClient, sites: Sites) -> None:
    url = sites.copy("/private/copy", compliant_page())
    doc = html_of(client.get("/check", query_string={"url": url, "original": sites.original}))
    assert "robots.txt" in text_of(doc, "//p[@id='verdict']") and doc.xpath("//section[contains(@class, 'verdict-blocked')]")
    assert sites.count("/private/copy") == 0


def test_a_page_that_cannot_be_read(client: FlaskClient, sites: Sites) -> None:
    url = f"http://127.0.0.1:{sites.server.port}/gone"
    response = client.get("/check", query_string={"url": url, "original": sites.original})
    assert response.status_code == 502
    assert "il server ha risposto con l'errore 404" in text_of(html_of(response), "//p[@id='verdict']")
    api = client.post("/api/check", json={"url": url})
    assert api.status_code == 502 and api.get_json() == {
        "error": f"{url} could not be read: the server answered with error 404."}


# ---------------------------------------------------------------------------------------------
# The JSON API
# ---------------------------------------------------------------------------------------------


def test_the_api_answers_the_contract_of_check(client: FlaskClient, sites: Sites, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    url = sites.copy("/api", page(REWORDED, after=credit(author="") + PHOTO_CREDIT))
    response = client.post("/api/check", json={"url": url, "original": sites.original})
    assert response.status_code == 200 and response.content_type == "application/json"
    answer = response.get_json()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\n", encoding="utf-8")
    out = io.StringIO()
    status = main(["check", url, "--original", sites.original, "--rules", str(sites.write_rules(tmp_path / "rules")),
                   "--allow-private", "--format", "json"], stdout=out)
    assert status == 1 and answer == json.loads(out.getvalue())  # the command line's contract, to the byte
    assert {f["code"] for f in answer["findings"]} == {"author-missing", "modified-unmarked"}


@pytest.mark.parametrize("body, words", [
    (None, "Send a JSON object"),
    (b"url=https://example.org/", "Send a JSON object"),
    ([1, 2], "Send a JSON object"),
    ({}, "The address of your page is missing."),
    ({"url": "  "}, "The address of your page is missing."),
    ({"url": 42}, "must be text"),
    ({"url": "ftp://example.org/article"}, "only http and https addresses can be checked"),
    ({"url": "javascript:alert(1)"}, "only http and https addresses can be checked"),
    ({"url": "file:///etc/passwd"}, "only http and https addresses can be checked"),
    ({"url": "https://example.org/" + "a" * 3000}, "is too long"),
    ({"url": "https://user:secret@example.org/"}, "user name or password"),
    ({"url": "https://exa\u202emple.org/"}, "characters that web addresses do not have"),
    ({"url": "https://example.org/a b"}, "characters that web addresses do not have"),
    ({"url": "not an address"}, "characters that web addresses do not have"),
    ({"url": "nonsense"}, "is not a web address"),
    ({"url": "https://example.org:port/"}, "is not a web address"),
    ({"url": "https://example.org/", "original": "gopher://example.org/"},
     "The address of the original article is not a web page"),
], ids=lambda v: repr(v)[:40])
def test_bad_input_answers_400_in_words(client: FlaskClient, body: object, words: str) -> None:
    if isinstance(body, bytes):
        response = client.post("/api/check", data=body, content_type="application/x-www-form-urlencoded")
    elif body is None:
        response = client.post("/api/check")
    else:
        response = client.post("/api/check", json=body)
    assert response.status_code == 400
    assert set(response.get_json()) == {"error"} and words in response.get_json()["error"]


def test_wrong_methods_and_paths_answer_in_json_under_api(client: FlaskClient) -> None:
    response = client.get("/api/check")
    assert response.status_code == 405 and response.get_json() == {"error": "This address does not answer that kind of request."}
    assert client.get("/api/nothing").status_code == 404 and "error" in client.get("/api/nothing").get_json()
    response = client.post("/api/check", data=b"{" + b" " * 20_000 + b"}", content_type="application/json")
    assert response.status_code == 413 and response.get_json() == {"error": "The request is too large."}
    missing = client.get("/nothing")
    assert missing.status_code == 404 and text_of(html_of(missing), "//p[@id='verdict']") == "A questo indirizzo non c'è niente."


def test_a_bare_address_gets_https(client: FlaskClient, sites: Sites) -> None:
    url = sites.copy("/bare", compliant_page())
    response = client.post("/api/check", json={"url": url.removeprefix("http://"), "original": sites.original})
    # https:// was added: the loopback server speaks plain HTTP, so the check fails to connect, but it tried
    port = sites.server.port
    assert response.status_code == 502 and response.get_json()["error"].startswith(f"https://127.0.0.1:{port}/ could not be read")


def test_healthz_and_robots(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok", "checks_running": 0, "checks_waiting": 0}
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert "Disallow: /check" in robots and "Disallow: /api/" in robots


# ---------------------------------------------------------------------------------------------
# The republish page
# ---------------------------------------------------------------------------------------------


def test_the_republish_page_gives_the_credit_before_republishing(client: FlaskClient, sites: Sites) -> None:
    response = client.get("/republish", query_string={"original": sites.original})
    doc = html_of(response)
    assert response.status_code == 200 and text_of(doc, "//h1") == "Ripubblica questo articolo"
    assert text_of(doc, "//p[@id='republish-intro']").startswith(
        "L'Eco del Lago pubblica questo articolo con licenza CC BY 4.0: puoi ripubblicarlo")
    credit_text = doc.xpath("//textarea[@id='credit-text']")[0].text_content()
    assert credit_text.startswith(f"«Volontari al lavoro per ripulire le rive del lago» di {AUTHOR}, pubblicato "
                                  "originariamente da L'Eco del Lago, ripubblicato con licenza CC BY 4.0.")
    assert doc.xpath("//a[@rel='license noopener noreferrer']/@href") == ["https://creativecommons.org/licenses/by/4.0/deed.it"]
    assert "Agenzia Fotolago" in text_of(doc, "//ul[@class='media']")  # the photo the licence does not cover
    assert not doc.xpath("//ul[@class='forbidden']") and not doc.xpath("//textarea[@id='head-html']")
    assert doc.xpath("//form[@action='/check']//input[@name='original']/@value") == [sites.original]


def test_what_the_rules_forbid_and_the_head_tag(sites: Sites) -> None:
    client = make_app(sites, rules_with={"license_id": "CC BY-ND 4.0", "canonical": True, "followed_links": True}).test_client()
    doc = html_of(client.get("/republish", query_string={"original": sites.original}))
    assert doc.xpath("//ul[@class='forbidden']/li/@data-what") == ["changes", "nofollow"]
    assert "CC BY-ND 4.0 non consente opere derivate" in text_of(doc, "//ul[@class='forbidden']")
    assert doc.xpath("//textarea[@id='head-html']")[0].text_content() == f'<link rel="canonical" href="{sites.original}">'


def test_the_republish_api_answers_the_block(client: FlaskClient, sites: Sites) -> None:
    response = client.get("/api/republish", query_string={"original": sites.original})
    with Fetcher(Settings(host_delay=0), allow_private=True) as fetcher:
        expected = republish_block(fetch_original(fetcher, sites.original), sites.rules[0]).to_json()
    assert response.status_code == 200 and response.get_json() == expected
    assert expected["license"] == {"name": "CC BY 4.0", "deed_url": "https://creativecommons.org/licenses/by/4.0/deed.it"}


def test_the_republish_page_serves_only_the_publishers_articles(client: FlaskClient, sites: Sites) -> None:
    elsewhere = sites.copy("/not-ours", compliant_page())
    response = client.get("/api/republish", query_string={"original": elsewhere})
    assert response.status_code == 400 and response.get_json() == {
        "error": f"{elsewhere} is not an article of L'Eco del Lago: this page gives the credit for L'Eco del Lago's "
                 "articles only."}
    assert sites.hits == []  # refused before anything was fetched
    page_response = client.get("/republish")
    doc = html_of(page_response)
    assert page_response.status_code == 400 and text_of(doc, "//h1") == "Nessuna attribuzione per questo indirizzo"
    assert doc.xpath("//form/@action") == ["/republish"]


def test_the_republish_block_comes_from_the_database_without_a_fetch(sites: Sites, tmp_path: Path) -> None:
    with Fetcher(Settings(host_delay=0), allow_private=True) as fetcher:
        original = fetch_original(fetcher, sites.original)
    with Store(tmp_path / "cc.db") as store, store.transaction():
        store.add_original(original, "L'Eco del Lago", [article_key(sites.original)], fingerprint(original.text))
    sites.reset()
    client = make_app(sites, db=tmp_path / "cc.db", rate_limit="1/minute").test_client()
    for _ in range(3):  # from the database: nothing fetched, nothing counted against the limit
        response = client.get("/api/republish", query_string={"original": sites.original + "?utm_source=x"})
        assert response.status_code == 200 and response.get_json()["original"]["url"] == sites.original
    assert sites.hits == []


# ---------------------------------------------------------------------------------------------
# Refused addresses: 400, and not a packet sent
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "[::1]:{port}", "localhost:{port}", "10.0.0.1", "192.168.1.1",
                                  "169.254.169.254", "100.64.0.1", "0.0.0.0:{port}", "2130706433:{port}",
                                  "[::ffff:127.0.0.1]:{port}"])
def test_a_private_address_is_refused_without_a_packet(sites: Sites, host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    connects: list[object] = []
    real = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: (connects.append(address), real(self, address))[1])
    client = make_app(sites, allow_private=False).test_client()
    url = "http://" + host.format(port=sites.server.port) + "/copy"
    response = client.post("/api/check", json={"url": url})
    assert response.status_code == 400
    if host.startswith("2130706433"):  # a browser's spelling of 127.0.0.1: refused before, as not an address
        assert "is not a web address" in response.get_json()["error"]
    else:
        assert "private or local network address" in response.get_json()["error"]
    page_response = client.get("/check", query_string={"url": url})
    assert page_response.status_code == 400
    assert connects == [] and sites.hits == []


# ---------------------------------------------------------------------------------------------
# Under load: rate limit, cap on checks at once, cache
# ---------------------------------------------------------------------------------------------


def test_the_rate_limit_answers_429_with_retry_after(sites: Sites) -> None:
    client = make_app(sites, rate_limit="3/minute").test_client()
    for i in range(3):
        url = sites.copy(f"/rate/{i}", compliant_page())
        assert client.get("/check", query_string={"url": url, "original": sites.original}).status_code == 200
    response = client.post("/api/check", json={"url": url + "again", "original": sites.original})
    assert response.status_code == 429 and 1 <= int(response.headers["Retry-After"]) <= 61
    assert "many checks in a short time" in response.get_json()["error"]
    page_response = client.get("/check", query_string={"url": url + "again"})
    assert page_response.status_code == 429 and "Riprova tra" in page_response.get_data(as_text=True)
    other = client.get("/check", query_string={"url": url}, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 200  # another client has its own allowance (and this answer was cached)
    assert client.get("/").status_code == 200 and client.get("/healthz").status_code == 200  # never limited


def test_cached_answers_do_not_count_against_the_limit(sites: Sites) -> None:
    client = make_app(sites, rate_limit="2/minute").test_client()
    url = sites.copy("/popular", compliant_page())
    answers = [client.post("/api/check", json={"url": url, "original": sites.original}) for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 6
    assert sites.count("/popular") == 1 and answers[0].get_json() == answers[5].get_json()
    client.get("/check", query_string={"url": url, "original": sites.original, "fresh": "1"})
    assert sites.count("/popular") == 2  # "check again now" fetches afresh, and counts
    assert client.post("/api/check", json={"url": url + "x", "original": sites.original}).status_code == 429


def test_behind_a_trusted_proxy_each_visitor_has_a_limit(sites: Sites) -> None:
    url = sites.copy("/proxied", compliant_page())
    body = {"url": url, "original": sites.original, "fresh": True}
    trusting = make_app(sites, rate_limit="1/minute", trusted_proxies=1).test_client()
    for visitor in ("203.0.113.1", "203.0.113.2"):
        response = trusting.post("/api/check", json=body, headers={"X-Forwarded-For": visitor})
        assert response.status_code == 200
    assert trusting.post("/api/check", json=body, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 429
    # Without trusted proxies a forged header changes nothing
    direct = make_app(sites, rate_limit="1/minute").test_client()
    assert direct.post("/api/check", json=body, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 200
    assert direct.post("/api/check", json=body, headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 429


def start(client: FlaskClient, url: str, original: str, answers: list) -> threading.Thread:
    thread = threading.Thread(target=lambda: answers.append(client.post("/api/check", json={"url": url, "original": original})))
    thread.start()
    return thread


def wait_for(condition: object, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_checks_beyond_the_slots_and_the_queue_answer_503(sites: Sites) -> None:
    app = make_app(sites, concurrent_checks=1, queue=1, queue_wait=10, rate_limit="100/minute")
    client, gate = app.test_client(), app.extensions["cc-syndicate"].service.gate
    slow, queued, refused = (sites.copy(f"/busy/{n}", compliant_page()) for n in ("slow", "queued", "refused"))
    sites.gates["/busy/slow"] = threading.Event()
    answers: list = []
    first = start(client, slow, sites.original, answers)
    wait_for(lambda: sites.count("/busy/slow") == 1)
    second = start(client, queued, sites.original, answers)
    wait_for(lambda: gate.waiting == 1)
    response = client.post("/api/check", json={"url": refused, "original": sites.original})
    assert response.status_code == 503 and response.headers["Retry-After"] == "10"
    assert "Many checks are running right now" in response.get_json()["error"]
    page_response = client.get("/check", query_string={"url": refused, "original": sites.original})
    assert page_response.status_code == 503 and "Riprova tra 10 secondi" in page_response.get_data(as_text=True)
    assert client.get("/healthz").get_json() == {"status": "ok", "checks_running": 1, "checks_waiting": 1}
    sites.gates["/busy/slow"].set()
    first.join(10), second.join(10)
    assert sorted(a.status_code for a in answers) == [200, 200] and sites.count("/busy/refused") == 0


def test_a_turn_that_does_not_come_in_time_answers_503(sites: Sites) -> None:
    app = make_app(sites, concurrent_checks=1, queue=4, queue_wait=0.2, rate_limit="100/minute")
    client = app.test_client()
    slow = sites.copy("/wait/slow", compliant_page())
    sites.gates["/wait/slow"] = threading.Event()
    answers: list = []
    first = start(client, slow, sites.original, answers)
    wait_for(lambda: sites.count("/wait/slow") == 1)
    response = client.post("/api/check", json={"url": sites.copy("/wait/other", compliant_page()), "original": sites.original})
    assert response.status_code == 503 and response.headers["Retry-After"] == "1"
    sites.gates["/wait/slow"].set()
    first.join(10)


def test_the_same_check_asked_twice_at_once_is_made_once(sites: Sites) -> None:
    app = make_app(sites, rate_limit="100/minute")
    client, gate = app.test_client(), app.extensions["cc-syndicate"].service.gate
    url = sites.copy("/twice", compliant_page())
    sites.gates["/twice"] = threading.Event()
    answers: list = []
    threads = [start(client, url, sites.original, answers)]
    wait_for(lambda: sites.count("/twice") == 1)
    threads.append(start(client, url, sites.original, answers))
    wait_for(lambda: gate.waiting == 1)  # the second waits for the first's result, without a slot
    sites.gates["/twice"].set()
    for t in threads:
        t.join(10)
    assert [a.status_code for a in answers] == [200, 200] and sites.count("/twice") == 1
    assert answers[0].get_json() == answers[1].get_json()


def test_the_original_is_fetched_once_for_many_copies(sites: Sites) -> None:
    client = make_app(sites, rate_limit="100/minute").test_client()
    from helpers import ORIGINAL_PATH

    for i in range(3):
        url = sites.copy(f"/many/{i}", compliant_page())
        assert client.post("/api/check", json={"url": url, "original": sites.original}).status_code == 200
    assert sites.count(ORIGINAL_PATH) == 1 and sites.count("/many/2") == 1


def test_results_expire(sites: Sites) -> None:
    app = make_app(sites, cache_minutes=0.001, rate_limit="100/minute")  # 60 ms
    client = app.test_client()
    url = sites.copy("/expires", compliant_page())
    client.post("/api/check", json={"url": url, "original": sites.original})
    time.sleep(0.1)
    client.post("/api/check", json={"url": url, "original": sites.original})
    assert sites.count("/expires") == 2


# ---------------------------------------------------------------------------------------------
# Attack: hostile pages, cookies, headers, the prefix behind a proxy
# ---------------------------------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script>\u202egnp.exe\x07\x1b[31m\u0085\ud800"


def test_a_hostile_page_is_never_echoed(client: FlaskClient, sites: Sites) -> None:
    evil = (f'<p class="credit">Fonte: L’Eco del Lago {HOSTILE.replace("<", "&lt;").replace(chr(0xd800), "&#xd800;")} '
            '&lt;img src=x onerror=alert(1)&gt;</p>')
    body = page(REWORDED, after=evil + PHOTO_CREDIT).replace("<title>Copia Quotidiana</title>",
                                                            "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\u202e\x07</title>")
    url = sites.copy("/evil", body)
    response = client.get("/check", query_string={"url": url, "original": sites.original})
    raw = response.get_data(as_text=True)
    assert response.status_code == 200
    for forbidden in ("\u202e", "\x07", "\x1b", "\u0085", "<script>alert", "<img", "onerror=alert"):
        assert forbidden not in raw, repr(forbidden)
    doc = html_of(response)
    assert [s.get("src") for s in doc.xpath("//script")] == ["/static/copy.js"]
    assert not doc.xpath("//img | //iframe | //object | //*[@*[starts-with(name(), 'on')]]")
    assert "&lt;script&gt;alert" in raw  # shown as text, escaped
    api = client.post("/api/check", json={"url": url, "original": sites.original})
    assert "\u202e" not in api.get_data(as_text=True)  # JSON escapes everything beyond ASCII


def test_public_answers_set_no_cookie_and_a_strict_policy(client: FlaskClient, sites: Sites) -> None:
    url = sites.copy("/headers", compliant_page())
    answers = [client.get("/"), client.get("/check", query_string={"url": url, "original": sites.original}),
               client.get("/check", query_string={"url": "ftp://x.example/"}), client.get("/healthz"),
               client.post("/api/check", json={"url": url, "original": sites.original}),
               client.get("/static/style.css"), client.get("/static/copy.js"), client.get("/nothing"),
               client.get("/republish", query_string={"original": sites.original}),
               client.get("/api/republish", query_string={"original": sites.original})]
    for response in answers:
        assert "Set-Cookie" not in response.headers, response.request.path
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert answers[5].status_code == 200 and answers[6].status_code == 200


def test_inline_scripts_and_styles_are_absent(client: FlaskClient, sites: Sites) -> None:
    url = sites.copy("/inline", page(after=PHOTO_CREDIT))
    for response in (client.get("/"), client.get("/check", query_string={"url": url, "original": sites.original})):
        doc = html_of(response)
        assert all(s.get("src") for s in doc.xpath("//script")) and not doc.xpath("//style | //*[@style]")


def test_a_url_prefix_behind_a_proxy(sites: Sites) -> None:
    client = make_app(sites, base_path="/verifica").test_client()
    doc = html_of(client.get("/verifica/"))
    assert doc.xpath("//form/@action") == ["/verifica/check"]
    assert doc.xpath("//link[@rel='stylesheet']/@href") == ["/verifica/static/style.css"]
    assert client.get("/verifica/static/copy.js").status_code == 200
    assert client.get("/").status_code == 404 and client.get("/check").status_code == 404
    url = sites.copy("/prefixed", compliant_page())
    result = html_of(client.get("/verifica/check", query_string={"url": url, "original": sites.original}))
    assert result.xpath("//p[@class='when']/a/@href")[0].startswith("/verifica/check?")
    # nginx that strips the prefix and says so in X-Forwarded-Prefix
    proxied = make_app(sites, trusted_proxies=1).test_client()
    doc = html_of(proxied.get("/", headers={"X-Forwarded-Prefix": "/verifica", "X-Forwarded-Proto": "https"}))
    assert doc.xpath("//form/@action") == ["/verifica/check"]
