"""`cc-syndicate check` and `inspect` end to end: originals and copies served on loopback."""

from __future__ import annotations

import html
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import (
    AUTHOR,
    BY_40,
    ORIGINAL_HOST,
    ORIGINAL_PATH,
    compliant_page,
    credit,
    original_html,
    page,
    paragraphs,
)
from pytest_httpserver import HTTPServer

from cc_syndicate.cli import main

PHOTO_CREDIT = "<p>Fonte foto in evidenza: Agenzia Fotolago</p>"


class Sites:
    """The publisher at http://localhost:PORT, republished copies at http://127.0.0.1:PORT (one server,
    two hosts as far as links are concerned)."""

    def __init__(self, server: HTTPServer, tmp: Path) -> None:
        self.server = server
        self.port = server.port
        self.publisher = f"localhost:{self.port}"
        self.original = f"http://{self.publisher}{ORIGINAL_PATH}"
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
        server.expect_request(ORIGINAL_PATH).respond_with_data(
            original_html(self.publisher), content_type="text/html; charset=utf-8")
        self.rules = tmp / "rules"
        self.rules.mkdir()
        (self.rules / "eco.toml").write_text(
            f'[publisher]\nname = "L\'Eco del Lago"\naliases = ["Eco del Lago"]\ndomains = ["{self.publisher}"]\n'
            f'language = "it"\n[license]\nid = "CC BY 4.0"\n', encoding="utf-8")

    def rules_with(self, license_id: str = "CC BY 4.0", **requirements: bool) -> Path:
        folder = self.rules.parent / f"rules-{len(list(self.rules.parent.glob('rules-*')))}"
        folder.mkdir()
        extra = "".join(f"{k} = {str(v).lower()}\n" for k, v in requirements.items())
        (folder / "eco.toml").write_text(
            f'[publisher]\nname = "L\'Eco del Lago"\ndomains = ["{self.publisher}"]\nlanguage = "it"\n'
            f'[license]\nid = "{license_id}"\n[requirements]\n{extra}', encoding="utf-8")
        return folder

    def copy(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> str:
        old, new = f"http://{ORIGINAL_HOST}", f"http://{self.publisher}"
        body = body.replace(old.encode(), new.encode()) if isinstance(body, bytes) else body.replace(old, new)
        self.server.expect_request(path).respond_with_data(body, content_type=content_type)
        return f"http://127.0.0.1:{self.port}{path}"

    def check(self, url: str, *extra: str, original: bool = True) -> tuple[int, dict]:
        out = io.StringIO()
        args = ["check", url, "--rules", str(self.rules), "--allow-private", "--format", "json", *extra]
        if original:
            args += ["--original", self.original]
        status = main(args, stdout=out, stderr=io.StringIO())
        return status, json.loads(out.getvalue()) if out.getvalue() else {}


@pytest.fixture
def sites(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sites:
    # The tests' own settings file: no delay between two requests to one host.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cc-syndicate.toml").write_text("[crawler]\nhost_delay = 0\n", encoding="utf-8")
    return Sites(httpserver, tmp_path)


def codes(result: dict) -> set[str]:
    return {f["code"] for f in result["findings"]}


def test_a_compliant_copy(sites: Sites) -> None:
    status, result = sites.check(sites.copy("/ok", compliant_page()))
    assert status == 0
    assert set(result) >= {"page", "original", "match", "verdict", "findings", "suggested_attribution"}
    assert result["verdict"] == "compliant" and result["findings"] == []
    assert result["original"] == {
        "url": sites.original, "canonical_url": sites.original, "title": "Volontari al lavoro per ripulire le rive del lago",
        "author": AUTHOR, "publisher": "L'Eco del Lago", "license": "CC BY 4.0"}
    assert result["match"]["kind"] == "reproduction" and result["match"]["modified"] is False
    assert result["match"]["containment"] > 0.8
    assert result["page"]["url"].endswith("/ok")


def test_a_copy_with_no_credit(sites: Sites) -> None:
    status, result = sites.check(sites.copy("/nothing", page()))
    assert status == 1
    assert result["verdict"] == "violation"
    assert codes(result) == {"source-missing", "source-link-missing", "author-missing", "license-missing"}
    for f in result["findings"]:
        assert f["severity"] == "violation" and f["message"].endswith(".") and f["evidence"]
    assert "Giulia Ferraris" in result["suggested_attribution"]["text"]


REWORDED = paragraphs()[:4] + ["Il sindaco ha detto grazie ai volontari e promesso venti nuovi cestini sulle rive."] + paragraphs()[5:]
ND_LINK = '<a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a>'
CANONICAL = '<link rel="canonical" href="http://eco-del-lago.test/2026/11/volontari-rive-lago/">'
PAIRS = {
    # code: (page that raises it, near-identical page that does not, rule options)
    "source-missing": (page(after=credit().replace("L’Eco del Lago", "la fonte") + PHOTO_CREDIT), compliant_page(), {}),
    "source-link-missing": (page(after=credit(original_url="http://eco-del-lago.test/") + PHOTO_CREDIT), compliant_page(), {}),
    "source-link-nofollow": (page(after=credit(rel="nofollow") + PHOTO_CREDIT), compliant_page(), {"followed_links": True}),
    "author-missing": (page(after=credit(author="") + PHOTO_CREDIT), compliant_page(), {}),
    "license-missing": (page(after=credit(license_html="una licenza libera") + PHOTO_CREDIT), compliant_page(), {}),
    "license-mismatch": (page(after=credit(license_html="CC BY-NC 4.0") + PHOTO_CREDIT), compliant_page(), {}),
    "modified-unmarked": (page(REWORDED, after=credit() + PHOTO_CREDIT),
                          page(REWORDED, after=credit() + "<p>Testo adattato.</p>" + PHOTO_CREDIT), {}),
    # marked, so that only ND's own code is raised (unmarked, modified-unmarked comes beside it)
    "modified-nd": (page(REWORDED, after=credit(license_html=ND_LINK) + "<p>Testo adattato.</p>" + PHOTO_CREDIT),
                    page(after=credit(license_html=ND_LINK) + PHOTO_CREDIT), {"license_id": "CC BY-ND 4.0"}),
    "attribution-hidden": (page(after=credit().replace('class="credit"', 'class="credit" hidden') + PHOTO_CREDIT),
                           compliant_page(), {}),
    "canonical-missing": (compliant_page(), compliant_page(head=CANONICAL), {"canonical": True}),
    "third-party-media": (page(before='<img src="/up/volontari-rive-lago-600x400.jpg">', after=credit()),
                          page(before='<img src="/up/volontari-rive-lago-600x400.jpg">', after=credit() + PHOTO_CREDIT), {}),
}


@pytest.mark.parametrize("code", sorted(PAIRS))
def test_each_code_raised_and_not_raised(sites: Sites, code: str) -> None:
    raising, clean, options = PAIRS[code]
    rules = sites.rules_with(**options)
    _, result = sites.check(sites.copy(f"/{code}/yes", raising), "--rules", str(rules))
    assert codes(result) == {code}
    _, result = sites.check(sites.copy(f"/{code}/no", clean), "--rules", str(rules))
    assert codes(result) == set()


def test_typography_variants_and_entities_are_not_changes(sites: Sites) -> None:
    straight = [p.replace("’", "'").replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"')
                for p in paragraphs()]
    entities = [html.escape(p).encode("ascii", "xmlcharrefreplace").decode().replace("&#8217;", "&rsquo;")
                for p in paragraphs()]
    for path, paras, escape in (("/straight", straight, True), ("/entities", entities, False)):
        status, result = sites.check(sites.copy(path, compliant_page(paras=paras, escape=escape)))
        assert (status, result["match"]["changes"], codes(result)) == (0, [], set()), path


def test_a_latin_1_page(sites: Sites) -> None:
    body = compliant_page(charset="iso-8859-1").replace("’", "'").replace("“", '"').replace("”", '"')
    body = body.replace("«", '"').replace("»", '"').replace("–", "-").replace("·", "-")
    url = sites.copy("/latin1", body.encode("iso-8859-1"), content_type="text/html; charset=iso-8859-1")
    status, result = sites.check(url)
    assert status == 0 and result["match"]["changes"] == [] and result["findings"] == []


def test_ad_boxes_between_paragraphs(sites: Sites) -> None:
    ads = dict.fromkeys(range(5), '<div class="advertisement"><p>Pubblicità</p><p>Scopri il nuovo conto online!</p></div>')
    status, result = sites.check(sites.copy("/ads", compliant_page(between=ads)))
    assert status == 0 and result["match"]["modified"] is False


def test_an_excerpt_with_a_read_more_link(sites: Sites) -> None:
    more = f'<p><a href="{sites.original}">Leggi tutto su L’Eco del Lago</a></p>'
    status, result = sites.check(sites.copy("/excerpt", page(paragraphs()[:2], after=more)))
    assert status == 0
    assert result["match"]["kind"] == "excerpt" and result["verdict"] == "compliant"


def test_english_credit_and_cc_badge(sites: Sites) -> None:
    credit_en = (f'<p>This story by {AUTHOR} was originally published by <a href="{sites.original}">L\'Eco del Lago</a>. '
                 f'<a rel="license" href="{BY_40}"><img src="https://i.creativecommons.org/l/by/4.0/88x31.png" '
                 f'alt="Creative Commons License"></a></p><p>Photo: Agenzia Fotolago</p>')
    status, result = sites.check(sites.copy("/english", page(after=credit_en)))
    assert status == 0 and result["findings"] == []


@pytest.mark.parametrize(
    "hidden_credit",
    [
        credit().replace('<p class="credit">', '<p class="credit" style="display:none">'),
        "<style>.credit{display:none}</style>" + credit(),
        "<!--" + credit() + "-->",
        '<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Giulia Ferraris"},'
        '"sourceOrganization":"L\'Eco del Lago","isBasedOn":"http://eco-del-lago.test/2026/11/volontari-rive-lago/",'
        f'"license":"{BY_40}"}}</script>',
    ],
    ids=["inline-style", "style-rule", "comment", "json-ld-only"],
)
def test_hidden_credits(sites: Sites, hidden_credit: str) -> None:
    status, result = sites.check(sites.copy("/hidden", page(after=hidden_credit + PHOTO_CREDIT)))
    assert status == 1
    assert codes(result) == {"attribution-hidden"}


def test_a_rewritten_paragraph_with_and_without_a_notice(sites: Sites) -> None:
    paras = paragraphs()
    paras[4] = ("Il primo cittadino ha detto grazie a chi ha partecipato e ha promesso venti cestini per la "
                "differenziata sulle rive, in arrivo a primavera.")
    status, result = sites.check(sites.copy("/rewritten", page(paras, after=credit() + PHOTO_CREDIT)))
    assert status == 1 and codes(result) == {"modified-unmarked"}
    change = next(c for c in result["match"]["changes"] if c["kind"] == "changed")
    assert "primo cittadino" in change["page"] and "sindaco" in change["original"]
    status, result = sites.check(sites.copy("/rewritten-noted", page(
        paras, after=credit() + "<p><em>Testo modificato rispetto all’originale.</em></p>" + PHOTO_CREDIT)))
    assert status == 0 and result["match"]["modified"] is True and codes(result) == set()


def test_a_reused_third_party_photo(sites: Sites) -> None:
    photo = '<img src="http://127.0.0.1/uploads/volontari-rive-lago-scaled.jpg" alt="">'
    status, result = sites.check(sites.copy("/photo", page(before=photo, after=credit())))
    assert status == 0  # a warning is not a violation
    assert [(f["code"], f["severity"]) for f in result["findings"]] == [("third-party-media", "warning")]
    status, result = sites.check(sites.copy("/photo-credited", page(before=photo, after=credit() + "<p>Foto: Agenzia Fotolago</p>")))
    assert status == 0 and result["findings"] == []


@pytest.mark.parametrize("path", ["/same-news", "/unrelated"])
def test_pages_that_are_not_reproductions(sites: Sites, path: str) -> None:
    from test_checks import SAME_NEWS, UNRELATED

    status, result = sites.check(sites.copy(path, page(SAME_NEWS if path == "/same-news" else UNRELATED)))
    assert status == 0
    assert result["verdict"] == "not-a-reproduction" and result["match"]["kind"] == "none"


def test_blocked_by_robots(sites: Sites, httpserver: HTTPServer) -> None:
    url = sites.copy("/private/copy", compliant_page())
    status, result = sites.check(url)
    assert status == 0
    assert [(f["code"], f["severity"]) for f in result["findings"]] == [("blocked-by-robots", "warning")]
    assert not any(req.path == "/private/copy" for req, _ in httpserver.log)
    assert result["original"]["publisher"] == "L'Eco del Lago" and result["original"]["license"] == "CC BY 4.0"
    assert "L'Eco del Lago" in result["suggested_attribution"]["text"]


def test_blocked_by_robots_without_an_original_invents_nothing(sites: Sites) -> None:
    url = sites.copy("/private/copy", compliant_page())
    status, result = sites.check(url, original=False)
    assert status == 0
    assert set(result["original"].values()) == {None}
    assert result["suggested_attribution"] == {"html": "", "text": ""}
    out = io.StringIO()
    main(["check", url, "--rules", str(sites.rules), "--allow-private"], stdout=out, stderr=io.StringIO())
    assert "Original  not known" in out.getvalue() and "blocked-by-robots" in out.getvalue()


def test_the_original_is_found_from_the_page(sites: Sites) -> None:
    status, result = sites.check(sites.copy("/found", page(after=credit(author=""))), original=False)
    assert status == 1
    assert result["original"]["url"] == sites.original
    assert codes(result) == {"author-missing", "third-party-media"} - {"third-party-media"}


def test_no_original_to_be_found(sites: Sites) -> None:
    err = io.StringIO()
    url = sites.copy("/orphan", page())
    status = main(["check", url, "--rules", str(sites.rules), "--allow-private"], stdout=io.StringIO(), stderr=err)
    assert status == 2
    assert "--original" in err.getvalue()


def test_loopback_is_refused_without_allow_private(sites: Sites, httpserver: HTTPServer) -> None:
    url = sites.copy("/ok", compliant_page())
    err = io.StringIO()
    status = main(["check", url, "--original", sites.original, "--rules", str(sites.rules)], stdout=io.StringIO(), stderr=err)
    assert status == 2
    assert "private or reserved address" in err.getvalue() and "--allow-private" in err.getvalue()
    assert httpserver.log == []


def test_a_refused_address_is_one_line_on_stderr(sites: Sites, httpserver: HTTPServer) -> None:
    # What cron mails: our one line with the fix, not a library's log line repeating it.
    url = sites.copy("/ok", compliant_page())
    done = subprocess.run([sys.executable, "-m", "cc_syndicate", "check", url, "--original", sites.original,
                           "--rules", str(sites.rules)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("cc-syndicate: error:"), done.stderr
    assert httpserver.log == []


def test_fetch_errors_exit_2(sites: Sites, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/missing").respond_with_data("gone", status=404)
    err = io.StringIO()
    status = main(["check", f"http://127.0.0.1:{sites.port}/missing", "--original", sites.original, "--allow-private",
                   "--rules", str(sites.rules)], stdout=io.StringIO(), stderr=err)
    assert status == 2 and "HTTP 404" in err.getvalue()


def test_text_report(sites: Sites) -> None:
    out = io.StringIO()
    url = sites.copy("/text", page(after=credit(author="") + PHOTO_CREDIT))
    status = main(["check", url, "--original", sites.original, "--rules", str(sites.rules), "--allow-private"], stdout=out)
    text = out.getvalue()
    assert status == 1
    assert "Verdict   VIOLATION" in text
    assert "MISSING  autore" in text and "[author-missing]" in text and "fix: Indicare l'autore" in text
    assert "ok       link alla fonte" in text  # the rules are Italian: so are the requirements' words
    assert "Suggested credit" in text and "di Giulia Ferraris" in text


def test_inspect(sites: Sites) -> None:
    url = sites.copy("/inspect", page(after="<style>.credit{display:none}</style>" + credit()))
    out = io.StringIO()
    assert main(["inspect", url, "--allow-private"], stdout=out) == 0
    text = out.getvalue()
    assert "Visible text" in text and "Hidden text" in text and "Licence signals" in text
    assert "hidden by the page's CSS rule '.credit'" in text
    out = io.StringIO()
    assert main(["inspect", url, "--allow-private", "--format", "json"], stdout=out) == 0
    data = json.loads(out.getvalue())
    assert {"visible_blocks", "hidden_blocks", "links", "license_signals", "canonical", "metadata"} <= set(data)
    assert any(s["hidden"] for s in data["license_signals"])


def test_bad_rules_exit_2_with_file_key_and_fix(sites: Sites, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[publisher]\nname = "X"\n[license]\nid = "CC BY 9.9 XYZ"\n', encoding="utf-8")
    err = io.StringIO()
    status = main(["check", "http://127.0.0.1:1/x", "--rules", str(bad), "--allow-private"], stdout=io.StringIO(), stderr=err)
    assert status == 2
    assert str(bad) in err.getvalue() and "[license.id]" in err.getvalue() and "Fix:" in err.getvalue()
