"""`cc-syndicate audit`: the publisher's own notices judged, literally, on the seed article, on six
publishers' real layouts, and end to end over loopback; the notice it proposes audits clean."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import layouts
import pytest
from conftest import corpus_path
from editors_app import editors_app, log_in
from pytest_httpserver import HTTPServer

from cc_syndicate.audit import CODES, FeedStatement, audit_article, exact_license, feed_statements
from cc_syndicate.checks import SEVERITY
from cc_syndicate.cli import main
from cc_syndicate.config import load_rules
from cc_syndicate.feeds import parse_feed
from cc_syndicate.licenses import parse as parse_license
from cc_syndicate.models import License, Publisher, Rules
from cc_syndicate.notices import suggested_notice
from cc_syndicate.phrases import LANGUAGES

PROJECT = Path(__file__).resolve().parent.parent
URL = "https://www.vocidicitta.it/putin-in-corea-del-nord/"
PHOTO = "https://www.vocidicitta.it/wp-content/uploads/2024/06/putin-kim-jong-un.jpg"
BODY = ("<p>Il consiglio comunale ha approvato ieri sera il nuovo piano per le piste ciclabili del centro storico.</p>"
        "<p>I lavori cominceranno in primavera e dureranno circa otto mesi, secondo l'assessore alla mobilità.</p>"
        "<p>Le associazioni dei commercianti hanno chiesto di non chiudere le strade durante le feste natalizie.</p>")
BY_40 = '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>'


def rules(license_id: str = "CC BY 4.0", language: str = "it") -> Rules:
    return Rules(Publisher("Voci di Città", ("vocidicitta.it",), ("vocidicitta.it",), language=language),
                 parse_license(license_id))  # type: ignore[arg-type]


def article(after: str = "", head: str = '<link rel="canonical" href="' + URL + '">', body: str = BODY,
            byline: str = '<p class="byline">di Valentina Contarino</p>') -> str:
    return (f'<html lang="it"><head><title>Piste ciclabili</title>{head}<meta name="author" content="Valentina Contarino">'
            f"</head><body><article><h1>Piste ciclabili</h1>{byline}{body}{after}</article>"
            "<footer><p>© 2026 Voci di Città. Tutti i diritti riservati.</p></footer></body></html>")


def codes(html_text: str, feed: tuple[FeedStatement, ...] = (), license_id: str = "CC BY 4.0") -> set[str]:
    return {f.code for f in audit_article(html_text, URL, rules(license_id), feed).findings}


COMPLETE = f"<p>Questo articolo è pubblicato con licenza {BY_40}.</p>"


# ---------------------------------------------------------------------------------------------
# Each code, literally
# ---------------------------------------------------------------------------------------------


def test_a_complete_notice_is_clean() -> None:
    assert codes(article(COMPLETE)) == set()


def test_no_notice() -> None:
    found = audit_article(article(), URL, rules()).findings
    assert [f.code for f in found] == ["notice-missing", "notice-not-machine-readable"]
    assert found[0].severity == "violation" and found[1].severity == "warning"
    assert found[0].message.startswith("La pagina non mostra un'indicazione della licenza")
    hidden = '<div class="republish-modal" style="display:none"><p>Ripubblica con licenza CC BY 4.0.</p></div>'
    (missing,) = [f for f in audit_article(article(hidden), URL, rules()).findings if f.code == "notice-missing"]
    assert "solo dove i lettori non possono vederla" in missing.message and missing.evidence["found"]


@pytest.mark.parametrize(
    ("notice", "found"),
    [
        ("<p>Articoli di proprietà di Voci di Città, rilasciati sotto licenza Creative Commons.</p>", {"notice-no-version"}),
        ("<p>Licenza CC BY.</p>", {"notice-no-version"}),
        ("<p>Licenza CC BY 4.0.</p>", set()),
        ('<p>Licenza <a href="https://creativecommons.org/licenses/by/4.0/deed.it">Creative Commons</a>.</p>', set()),
    ],
)
def test_a_notice_without_licence_or_version(notice: str, found: set[str]) -> None:
    head = f'<link rel="canonical" href="{URL}"><link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
    assert codes(article(notice, head=head)) == found


@pytest.mark.parametrize(
    ("extra", "found"),
    [
        ("<p>Questo articolo è pubblicato con licenza CC BY-NC-ND 4.0.</p>", {"notice-mismatch"}),
        # the Republication Tracker Tool's modal hard-codes BY-ND whatever the licence
        ('<div id="republication-tracker-tool-modal-content" style="display:none"><p>This article first appeared on '
         "Voci di Città and is republished here under a Creative Commons Attribution-NoDerivatives 4.0 International "
         "License.</p></div>", {"notice-mismatch"}),
        ('<figure><img src="/a.jpg"><figcaption>Foto di Mario Rossi, CC BY-SA 2.0</figcaption></figure>', set()),
        ("<p>Testi con licenza CC BY 4.0; le foto di Wikimedia sono CC BY-SA 4.0.</p>", set()),
        ("<!-- vecchia licenza: CC BY-NC 3.0 -->", set()),
    ],
)
def test_a_notice_that_disagrees_with_the_rules(extra: str, found: set[str]) -> None:
    assert codes(article(COMPLETE + extra)) == found


def test_an_article_about_licences_is_not_a_notice() -> None:
    body = BODY + ("<p>La fotografia, pubblicata su Wikimedia con licenza CC BY-SA 2.0, è stata ripresa da molti "
                   "giornali senza citarne l'autore.</p>")
    assert codes(article(COMPLETE, body=body)) == set()


def test_the_feed_disagrees() -> None:
    feed = feed_statements("https://www.vocidicitta.it/feed/", ["http://creativecommons.org/licenses/by-nc/1.0"], "")
    (finding,) = audit_article(article(COMPLETE), URL, rules(), feed).findings
    assert finding.code == "notice-mismatch" and "il feed https://www.vocidicitta.it/feed/" in finding.message


@pytest.mark.parametrize(
    ("head", "feed", "readable"),
    [
        ("", (), False),
        ('<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">', (), True),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "license": '
         '"https://creativecommons.org/licenses/by/4.0/"}</script>', (), True),
        ('<meta name="dcterms.license" content="https://creativecommons.org/licenses/by/4.0/">', (), True),
        ("", feed_statements("f", ["https://creativecommons.org/licenses/by/4.0/"], ""), True),
        ("", feed_statements("f", [], "", item_rights="CC BY 4.0"), True),
        ("", feed_statements("f", [], "Creative Commons"), False),
    ],
)
def test_a_licence_machines_read(head: str, feed: tuple[FeedStatement, ...], readable: bool) -> None:
    notice = "<p>Questo articolo è pubblicato con licenza CC BY 4.0.</p>"
    found = codes(article(notice, head=f'<link rel="canonical" href="{URL}">' + head), feed)
    assert ("notice-not-machine-readable" not in found) is readable


@pytest.mark.parametrize(
    ("extra", "feed", "reserved"),
    [
        ("<p>© RIPRODUZIONE RISERVATA</p>", (), True),
        ("<p>Tutti i diritti riservati.</p>", (), True),
        ('<figure><img src="/a.jpg"><figcaption>© Adnkronos, tutti i diritti riservati</figcaption></figure>', (), False),
        ("", feed_statements("f", [], "© 2026 Voci di Città. All rights reserved."), True),
        ("", (), False),  # the site's footer says "Tutti i diritti riservati": site-wide, not on the article
        ("<p>Il sito della società riporta la formula «tutti i diritti riservati», ma secondo il giudice i testi "
         "erano stati copiati da un archivio pubblico.</p>", (), False),
    ],
)
def test_a_reservation_on_a_cc_article(extra: str, feed: tuple[FeedStatement, ...], reserved: bool) -> None:
    assert ("notice-reservation" in codes(article(COMPLETE + extra), feed)) is reserved


AGENCY = f'<figure><img src="{PHOTO}" alt=""></figure><p>Fonte foto in evidenza: Adnkronos</p>'


@pytest.mark.parametrize(
    ("extra", "excluded"),
    [
        (AGENCY, False),
        (AGENCY + "<p>Licenza CC BY 4.0, salvo dove diversamente indicato.</p>", True),
        (AGENCY + "<p>Le foto di agenzia sono escluse dalla licenza.</p>", True),
        (f'<figure><img src="{PHOTO}"><figcaption>© Adnkronos, riproduzione riservata</figcaption></figure>', True),
        (f'<figure><img src="{PHOTO}"><figcaption>Foto di Valentina Contarino</figcaption></figure>', True),
        (f'<figure><img src="{PHOTO}"><figcaption>Foto: Voci di Città</figcaption></figure>', True),
    ],
)
def test_media_credited_to_others(extra: str, excluded: bool) -> None:
    assert ("media-not-excluded" not in codes(article(COMPLETE + extra))) is excluded


def test_the_byline() -> None:
    assert "byline-missing" not in codes(article(COMPLETE))
    joined = '<div class="contributor-name"><span>Geschrieben von</span><a href="/a/">Valentina Contarino</a></div>'
    assert "byline-missing" not in codes(article(COMPLETE, byline=joined))
    only_meta = audit_article(article(COMPLETE, byline=""), URL, rules()).findings
    assert [f.code for f in only_meta] == ["byline-missing"] and "solo nei metadati" in only_meta[0].message
    anonymous = article(COMPLETE, byline="").replace('<meta name="author" content="Valentina Contarino">', "")
    assert [f.message for f in audit_article(anonymous, URL, rules()).findings] == ["L'articolo non indica un autore."]


def test_the_canonical_url() -> None:
    found = audit_article(article(COMPLETE, head=""), URL, rules()).findings
    assert [(f.code, f.severity) for f in found] == [("canonical-missing-on-original", "warning")]
    assert found[0].evidence["fix"].startswith("Aggiungere <link rel=\"canonical\"")


def test_every_code_has_words_and_a_severity() -> None:
    assert set(CODES) == {"notice-missing", "notice-no-version", "notice-mismatch", "notice-not-machine-readable",
                          "notice-reservation", "media-not-excluded", "byline-missing", "canonical-missing-on-original"}
    assert not set(CODES) & set(SEVERITY)
    assert {c for c, s in CODES.items() if s == "violation"} == {
        "notice-missing", "notice-no-version", "notice-mismatch", "notice-reservation", "media-not-excluded"}


# ---------------------------------------------------------------------------------------------
# The seed article, and the notice proposed for it
# ---------------------------------------------------------------------------------------------


def seed_page() -> str:
    lines = [line for line in corpus_path("seed", "vocidicitta-putin-corea-del-nord.txt").read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")]
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (f'<html lang="it"><head><title>Putin in Corea del Nord</title><link rel="canonical" href="{URL}">'
            f'<meta property="og:image" content="{PHOTO}"><meta name="author" content="Valentina Contarino"></head>'
            f'<body><article><h1>Putin in Corea del Nord</h1><img src="{PHOTO}" alt="">{paragraphs}</article>'
            "</body></html>")


def test_the_seed_article() -> None:
    (voci,) = load_rules(PROJECT / "rules")
    found = {f.code: f for f in audit_article(seed_page(), URL, voci).findings}
    assert set(found) == {"notice-no-version", "notice-reservation", "media-not-excluded", "notice-not-machine-readable"}
    assert "Articoli di proprietà di Voci di Città, rilasciati sotto licenza Creative Commons." in \
        found["notice-no-version"].message
    assert found["notice-reservation"].message.startswith('"© RIPRODUZIONE RISERVATA"')
    assert "(Adnkronos)" in found["media-not-excluded"].message
    assert found["notice-no-version"].evidence["fix"] == (
        "Indicare la licenza e la sua versione, con il link al testo: CC BY 4.0 "
        "(https://creativecommons.org/licenses/by/4.0/deed.it).")


def test_the_notice_proposed_for_the_seed_is_correct() -> None:
    (voci,) = load_rules(PROJECT / "rules")
    license = exact_license(voci, [License(None)])
    assert license == License("by", "4.0")
    block = suggested_notice(voci, license)
    assert block.html.startswith('<p class="cc-license-notice" lang="it">Questo articolo è pubblicato con licenza '
                                 '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/deed.it">CC BY 4.0</a>.')
    assert "citando l'autore e Voci di Città" in block.html and "RISERVATA" not in block.html.upper()
    assert "Foto, video e altri contenuti attribuiti ad altri (agenzie, fotografi) sono esclusi dalla licenza" in block.html
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', block.html)
    assert json.loads(script) == {"@context": "https://schema.org", "@type": "NewsArticle",
                                  "license": "https://creativecommons.org/licenses/by/4.0/"}
    assert block.text.startswith("Questo articolo è pubblicato con licenza CC BY 4.0 "
                                 "(https://creativecommons.org/licenses/by/4.0/deed.it).")
    # Put in place of the notice and the reservation, it leaves nothing to report.
    fixed = re.sub(r"<p>© RIPRODUZIONE RISERVATA</p><p>Articoli.*?</p><p>Sei libero.*?</p>", block.html, seed_page())
    assert fixed != seed_page()
    assert audit_article(fixed, URL, voci).findings == ()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notice_in_every_language_audits_clean(language: str) -> None:
    for license_id in ("CC BY 4.0", "CC BY-NC-ND 3.0", "CC BY-SA 4.0"):
        rule = rules(license_id, language)
        block = suggested_notice(rule, rule.license)
        page_html = article(block.html + AGENCY, head=f'<link rel="canonical" href="{URL}">')
        assert audit_article(page_html, URL, rule).findings == (), (language, license_id)


def test_a_version_for_rules_that_give_none() -> None:
    open_version = rules("CC BY")
    assert exact_license(open_version) == License("by", "4.0")
    assert exact_license(open_version, [License(None), License("by", "3.0", "it")]) == License("by", "3.0", "it")
    assert exact_license(open_version, [License("by-nd", "3.0")]) == License("by", "4.0")
    assert exact_license(rules("CC BY-SA 3.0")) == License("by-sa", "3.0")


# ---------------------------------------------------------------------------------------------
# Six publishers, made the way the real ones make their articles
# ---------------------------------------------------------------------------------------------

EXPECTED = {
    # The Conversation: rel=license CC BY-ND 4.0; an AP photo credited in the caption, nothing excluding it
    "conversation": {"media-not-excluded"},
    "propublica": {"media-not-excluded"},
    # "Screenshot from a video by Kloop, used with permission": the credit marks it as someone else's
    "globalvoices": set(),
    "calmatters": {"media-not-excluded"},
    "agency": {"media-not-excluded"},
    "voci": {"notice-no-version", "notice-reservation", "media-not-excluded", "notice-not-machine-readable"},
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_six_publishers(key: str) -> None:
    corpus = corpus_path("pages-zyte").parent
    style = next(s for s in layouts.STYLES if s.key == key)
    text = {"it": layouts.seed_article(corpus), "es": layouts.SPANISH}.get(style.language) or \
        layouts.corpus_articles(corpus)[0][1]
    found = audit_article(style.original(text, "2026/11/audit"), style.url("2026/11/audit"), style.rules()).findings
    assert {f.code for f in found} == EXPECTED[key], [f.message for f in found]


def test_the_tracker_tools_hard_coded_licence_is_caught() -> None:
    """CalMatters' republish modal says BY-ND 4.0 whatever the site's licence: under CC BY rules, that is
    the notice disagreeing with the licence."""
    corpus = corpus_path("pages-zyte").parent
    style = next(s for s in layouts.STYLES if s.key == "calmatters")
    page_html = style.original(layouts.corpus_articles(corpus)[0][1], "x").replace(
        "licenses/by-nd/4.0/\">CC BY-ND 4.0", "licenses/by/4.0/\">CC BY 4.0")
    found = {f.code: f for f in audit_article(page_html, style.url("x"), rules("CC BY 4.0", "en")).findings}
    assert "notice-mismatch" in found
    assert found["notice-mismatch"].evidence["conflicts"][0]["found"] == "CC BY-ND 4.0"


# ---------------------------------------------------------------------------------------------
# The feed's own licence statements
# ---------------------------------------------------------------------------------------------


def test_the_feed_licence_is_captured() -> None:
    rss = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:creativeCommons="http://backend.userland.com/creativeCommonsRssModule"
     xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Voci</title><link>https://v.test/</link>
<creativeCommons:license>https://creativecommons.org/licenses/by/4.0/</creativeCommons:license>
<copyright>&#169; 2026 Voci di Citt&#224;</copyright>
<item><title>a</title><link>https://v.test/a/</link><dc:rights>CC BY-SA 4.0</dc:rights>
<creativeCommons:license>https://creativecommons.org/licenses/by-sa/4.0/</creativeCommons:license></item>
<item><title>b</title><link>https://v.test/b/</link></item></channel></rss>"""
    feed = parse_feed(rss, "application/rss+xml", "https://v.test/feed/")
    assert feed.license_urls == ("https://creativecommons.org/licenses/by/4.0/",)
    assert feed.rights == "© 2026 Voci di Città"
    first, second = feed.entries
    assert first.license_urls == ("https://creativecommons.org/licenses/by-sa/4.0/",) and first.rights == "CC BY-SA 4.0"
    assert second.license_urls == () and second.rights == ""
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<rights>All rights reserved</rights><link rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/"/>
<entry><title>a</title><id>1</id><link href="https://v.test/a/"/></entry></feed>"""
    feed = parse_feed(atom, "application/atom+xml", "https://v.test/atom")
    assert (feed.license_urls, feed.rights) == (("https://creativecommons.org/licenses/by-nd/4.0/",), "All rights reserved")


# ---------------------------------------------------------------------------------------------
# The command, over loopback
# ---------------------------------------------------------------------------------------------


class Publisher_:
    """A publisher on loopback: a feed with its licence, and three articles made like the seed."""

    def __init__(self, server: HTTPServer, tmp: Path, notice: str = "", feed_license: str = "") -> None:
        self.base = f"http://localhost:{server.port}"
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
        self.urls = [f"{self.base}/2026/11/articolo-{i}/" for i in range(3)]
        items = "".join(f"<item><title>Articolo {i}</title><link>{u}</link><guid>{u}</guid></item>"
                        for i, u in enumerate(self.urls))
        cc = f"<creativeCommons:license>{feed_license}</creativeCommons:license>" if feed_license else ""
        server.expect_request("/feed/").respond_with_data(
            '<?xml version="1.0"?><rss version="2.0" xmlns:creativeCommons="http://backend.userland.com/'
            f'creativeCommonsRssModule"><channel><title>Voci</title><link>{self.base}/</link>{cc}{items}</channel></rss>',
            content_type="application/rss+xml")
        tail = notice or ('<p>Fonte foto in evidenza: Adnkronos</p><p>© RIPRODUZIONE RISERVATA</p><p>Articoli di '
                          "proprietà di Voci di Città, rilasciati sotto licenza Creative Commons.</p>")
        for i, url in enumerate(self.urls):
            body = BODY.replace("piste ciclabili", f"piste ciclabili numero {i}")
            page_html = article(f'<img src="{self.base}/foto-{i}.jpg" alt="">' + tail, body=body,
                                head=f'<link rel="canonical" href="{url}">')
            server.expect_request(url[len(self.base):]).respond_with_data(page_html, content_type="text/html; charset=utf-8")
        self.rules = tmp / "rules"
        self.rules.mkdir(exist_ok=True)
        (self.rules / "voci.toml").write_text(
            f'[publisher]\nname = "Voci di Città"\ndomains = ["localhost:{server.port}"]\nfeeds = ["{self.base}/feed/"]\n'
            'language = "it"\n[license]\nid = "CC BY"\n', encoding="utf-8")


@pytest.fixture
def site(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Publisher_:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\n", encoding="utf-8")
    return Publisher_(httpserver, tmp_path)


def audit(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["audit", "--allow-private", *args], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_the_audit_json_is_the_contract(site: Publisher_) -> None:
    status, out, _ = audit("--rules", str(site.rules), "--format", "json")
    assert status == 1
    result = json.loads(out)
    assert {"articles", "suggested_notice"} <= set(result) and set(result["suggested_notice"]) == {"html", "text"}
    assert [a["url"] for a in result["articles"]] == site.urls
    for item in result["articles"]:
        assert {"url", "title", "findings"} <= set(item)
        assert [f["code"] for f in item["findings"]] == ["notice-no-version", "notice-not-machine-readable",
                                                         "notice-reservation", "media-not-excluded"]
        for f in item["findings"]:
            assert set(f) == {"code", "severity", "message", "evidence"} and f["severity"] == CODES[f["code"]]
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.it">CC BY 4.0</a>' in result["suggested_notice"]["html"]
    (publisher,) = result["publishers"]
    assert publisher["source"] == "feeds" and publisher["counts"]["notice-reservation"] == 3


def test_the_audit_text(site: Publisher_) -> None:
    status, out, _ = audit("--rules", str(site.rules))
    assert status == 1
    assert out.startswith("Audit of the publishers' own notices: 3 article(s), 12 finding(s)")
    assert "Voci di Città (CC BY, it): 3 article(s) from the feeds" in out
    assert f"  {site.urls[0]}  \"Piste ciclabili\"" in out
    assert "    VIOLATION notice-reservation" in out and out.count("fix: Togliere la riserva") == 1
    assert "    notice-no-version              3 of 3 article(s)" in out
    assert "Notice for the article template (CC BY 4.0, it): HTML" in out
    assert 'Set license.id = "CC BY 4.0" in the rules' in out


def test_a_clean_publisher_exits_0(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\n", encoding="utf-8")
    block = suggested_notice(rules("CC BY 4.0"), License("by", "4.0"))
    clean = Publisher_(httpserver, tmp_path, notice="<p>Fonte foto in evidenza: Adnkronos</p>" + block.html,
                       feed_license="https://creativecommons.org/licenses/by/4.0/")
    status, out, _ = audit("--rules", str(clean.rules), "--format", "json")
    assert status == 0, out
    assert all(a["findings"] == [] for a in json.loads(out)["articles"])


def test_a_page_past_its_budget_is_a_problem_and_the_others_are_audited(
        httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\n[judge]\ntimeout = 1\n", encoding="utf-8")
    huge = "<html><body><article>" + "<p>parola parola parola</p>" * 150_000 + "</article></body></html>"
    httpserver.expect_request("/2026/11/articolo-1/").respond_with_data(huge, content_type="text/html")  # first one wins
    site = Publisher_(httpserver, tmp_path)
    status, out, _ = audit("--rules", str(site.rules), "--format", "json")
    assert status == 1
    result = json.loads(out)
    assert [a["url"] for a in result["articles"]] == [site.urls[0], site.urls[2]]
    (publisher,) = result["publishers"]
    (problem,) = publisher["problems"]
    assert problem["url"] == site.urls[1] and "took longer than its time budget (1 s)" in problem["error"]


def test_bad_usage_exits_2(site: Publisher_, tmp_path: Path) -> None:
    status, out, err = audit("--rules", str(site.rules), "--db", str(tmp_path / "nowhere.db"))
    assert (status, out) == (2, "") and "nowhere.db does not exist" in err
    status, _, err = audit("--rules", str(tmp_path / "no-rules"))
    assert status == 2 and "no-rules" in err and "does not exist" in err
    (tmp_path / "empty").mkdir()
    status, _, err = audit("--rules", str(tmp_path / "empty"))
    assert status == 2 and "no rule file" in err
    (tmp_path / "nofeeds").mkdir()
    (tmp_path / "nofeeds" / "x.toml").write_text('[publisher]\nname = "X"\n[license]\nid = "CC BY 4.0"\n', encoding="utf-8")
    status, _, err = audit("--rules", str(tmp_path / "nofeeds"))
    assert status == 2 and "no article could be audited" in err
    status, _, _ = audit("--rules", str(site.rules), "--limit", "-1")
    assert status == 2


def test_the_stored_originals_are_audited_and_the_report_shows_it(site: Publisher_, tmp_path: Path) -> None:
    db = str(tmp_path / "cc.db")
    assert main(["originals", "--rules", str(site.rules), "--db", db, "--allow-private"], stdout=io.StringIO()) == 0
    assert main(["report", "--db", db, "--report", str(tmp_path / "before")], stdout=io.StringIO()) == 0
    before = (tmp_path / "before" / "index.html").read_text(encoding="utf-8")
    assert "Our own notices" in before and "No audit yet" in before
    status, out, _ = audit("--rules", str(site.rules), "--db", db, "--limit", "2", "--format", "json")
    result = json.loads(out)
    assert status == 1 and result["publishers"][0]["source"] == "database" and result["publishers"][0]["stored"] == 3
    assert [a["url"] for a in result["articles"]] == site.urls[:0:-1]  # the latest two, newest first
    assert "Voci di Città (CC BY, it): 2 article(s) from the database (the latest of 3 stored)" in \
        audit("--rules", str(site.rules), "--db", db, "--limit", "2")[1]
    assert main(["report", "--db", db, "--report", str(tmp_path / "after")], stdout=io.StringIO()) == 0
    after = (tmp_path / "after" / "index.html").read_text(encoding="utf-8")
    section = after.split('id="own-notices"')[1].split('id="reproductions"')[0]
    assert "Voci di Città" in section and "2 articles from the database" in section
    assert '<span class="problem" title="notice-reservation">Rights reserved beside the licence</span>: 2 of 2 articles' \
        in section  # in plain words, the code in a tooltip
    assert '<span class="problem" title="notice-not-machine-readable">No licence machines can read</span> ' \
        '<small class="muted">(warning)</small>: 2 of 2 articles' in section
    assert "Togliere la riserva" in section and "&lt;a rel=&#34;license&#34;" in section
    assert "<script type=\"application/ld" not in section  # the notice is shown, never run
    # The editors' live report renders the same section from the same view, in the publisher's Italian.
    app = editors_app(Path(db), language="it")
    client = app.test_client()
    assert log_in(client).status_code == 303
    live = client.get("/editors/").get_data(as_text=True).split('id="own-notices"')[1].split('id="health"')[0]
    assert ">Le nostre indicazioni di licenza</h2>" in live and "2 articoli dal database" in live
    assert '<span class="problem" title="notice-reservation">Diritti riservati accanto alla licenza</span>: 2 su 2 articoli' in live
    assert "<script type=\"application/ld" not in live
