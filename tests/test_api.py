"""The Python API (cc_syndicate.load_rules, read_original, judge): the README's example run as written,
every demo page judged through it as the command line judges it over HTTP, and its promises (pure,
light to import, bytes or text)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import DEMO

import cc_syndicate
from cc_syndicate.demo import DEMO_CASES, site_files
from cc_syndicate.errors import ConfigError
from cc_syndicate.models import CheckResult
from cc_syndicate.present import check_json

PROJECT = Path(__file__).resolve().parent.parent


def demo_html(url: str) -> str:
    """A demo page's HTML, by its demo URL (http://host/path)."""
    host, path = url.removeprefix("http://").split("/", 1)
    return site_files(host)["/" + path].read_text(encoding="utf-8")


def readme_example() -> str:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Embedding the check: the Python API", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```python\n(.*?)```", section, re.S)
    return block


def test_the_readme_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules").mkdir()
    for rule in (DEMO / "rules").iterdir():
        (tmp_path / "rules" / rule.name).write_text(rule.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    names = {"original_html": demo_html("http://eco-del-lago.test/2026/11/orari-battello-inverno/index.html"),
             "copy_html": demo_html("http://valle-oggi.test/notizie/battello-orari/index.html")}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_example(), "README.md", "exec"), names)  # noqa: S102 - the README's own code
    lines = out.getvalue().splitlines()
    assert lines[0] == "violation"
    assert lines[1].startswith("license-missing - ") and len(lines) == 3
    assert lines[2].startswith("Paste under the article: ") and "creativecommons.org/licenses/by/4.0" in lines[2]
    assert names["data"]["verdict"] == "violation"
    assert [f["code"] for f in names["data"]["findings"]] == ["license-missing"]


@pytest.mark.parametrize("case", [c for c in DEMO_CASES if c.verdict != "not-a-reproduction" or not c.expected],
                         ids=lambda c: c.page.rsplit("/", 2)[-2] + "/" + c.page.rsplit("/", 1)[-1])
def test_every_demo_page_is_judged_as_the_command_line_judges_it(case) -> None:  # type: ignore[no-untyped-def]
    rules = cc_syndicate.load_rules(str(DEMO / "rules"))
    original = cc_syndicate.read_original(demo_html(_file(case.original)), case.original)
    result = cc_syndicate.judge(demo_html(_file(case.page)), case.page, [original], rules)
    assert result.verdict == case.verdict
    assert sorted(f.code for f in result.findings) == sorted(case.expected)


def _file(url: str) -> str:
    return url + "index.html" if url.endswith("/") else url


def test_the_best_matching_original_is_judged_and_none_is_not_a_reproduction() -> None:
    rules = cc_syndicate.load_rules(DEMO / "rules")
    lake = "http://eco-del-lago.test/2026/11/volontari-rive-lago/"
    ferry = "http://eco-del-lago.test/2026/11/orari-battello-inverno/"
    originals = [cc_syndicate.read_original(demo_html(_file(u)), u) for u in (lake, ferry)]
    copy_url = "http://valle-oggi.test/notizie/battello-orari/"
    copy = demo_html(_file(copy_url))
    result = cc_syndicate.judge(copy, copy_url, originals, rules)
    assert result.original.url == ferry and result.verdict == "violation"
    assert cc_syndicate.judge(copy, copy_url, originals[:1], rules).verdict == "not-a-reproduction"
    nothing = cc_syndicate.judge(copy, copy_url, [], rules)
    assert nothing.verdict == "not-a-reproduction" and nothing.findings == ()
    assert nothing.to_json()["page"]["url"] == copy_url and nothing.to_json()["original"]["url"] is None


def test_bytes_are_decoded_and_one_original_or_one_rule_will_do() -> None:
    (rule,) = [r for r in cc_syndicate.load_rules(DEMO / "rules") if "eco-del-lago.test" in r.publisher.domains]
    url = "http://eco-del-lago.test/2026/11/orari-battello-inverno/"
    raw = demo_html(_file(url)).encode("utf-8")
    original = cc_syndicate.read_original(raw, url)
    assert original == cc_syndicate.read_original(raw.decode("utf-8"), url)
    copy_url = "http://valle-oggi.test/notizie/battello-orari/"
    result = cc_syndicate.judge(demo_html(_file(copy_url)).encode("utf-8"), copy_url, original, rule)
    assert isinstance(result, CheckResult) and [f.code for f in result.findings] == ["license-missing"]
    assert result.to_json() == check_json(result)
    json.dumps(result.to_json())  # plain JSON, as the contract says


def test_the_feed_text_wins_over_the_page_text() -> None:
    url = "http://eco-del-lago.test/2026/11/orari-battello-inverno/"
    original = cc_syndicate.read_original(demo_html(_file(url)), url, feed_text="Il testo del feed, e solo quello.")
    assert original.text == "Il testo del feed, e solo quello." and original.title


def test_hostile_addresses_and_attributes_change_nothing_in_the_judgement() -> None:
    # A port too long for int() in the original's address (a hostile feed can give one) and in a link,
    # and megabyte-long class, id and style values: the fast paths for plain URLs and the caches of
    # attribute values must hand them to the slow path, not raise or keep them. With no domains in the
    # rules, the publisher's host is read from the original's address.
    (rule,) = [r for r in cc_syndicate.load_rules(DEMO / "rules") if "eco-del-lago.test" in r.publisher.domains]
    rule = replace(rule, publisher=replace(rule.publisher, domains=()))
    url = "http://eco-del-lago.test/2026/11/orari-battello-inverno/"
    copy_url = "http://valle-oggi.test/notizie/battello-orari/"
    page = demo_html(_file(copy_url))
    long = "x" * 1_000_000
    hostile = page.replace("</body>", f'<p><a href="https://eco-del-lago.test:{"0" * 5000}/a/">link</a>'
                                      f'<span class="{long} footer" id="{long}" style="color: #{long}">more</span></p></body>')
    assert hostile != page
    plain = cc_syndicate.judge(page, copy_url, cc_syndicate.read_original(demo_html(_file(url)), url), rule)
    far = url.replace(".test/", f".test:{'0' * 5000}/")
    judged = cc_syndicate.judge(hostile, copy_url, cc_syndicate.read_original(demo_html(_file(url)), far), rule)
    assert [f.code for f in judged.findings] == [f.code for f in plain.findings] == ["license-missing"]
    assert judged.to_json()["verdict"] == "violation"


def test_judging_never_opens_a_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the API opened a socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    test_bytes_are_decoded_and_one_original_or_one_rule_will_do()


def test_a_broken_rule_file_names_the_file_and_the_key(tmp_path: Path) -> None:
    (tmp_path / "voci.toml").write_text('[publisher]\nname = "Voci"\n[license]\nid = "CC BY 9.9"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"voci\.toml.*license\.id"):
        cc_syndicate.load_rules(tmp_path / "voci.toml")


def test_importing_the_package_stays_light() -> None:
    code = ("import sys, cc_syndicate; heavy = {'lxml', 'trafilatura', 'numpy', 'rapidfuzz', 'requests'} & set(sys.modules); "
            "print(sorted(heavy)); print(callable(cc_syndicate.judge), sorted(cc_syndicate.__all__))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "True ['judge', 'load_rules', 'read_original']"]
