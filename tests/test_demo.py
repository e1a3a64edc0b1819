"""The bundled demo shows every finding code, and `cc-syndicate demo` prints it."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from cc_syndicate.checks import SEVERITY
from cc_syndicate.cli import main
from cc_syndicate.config import load_rules
from cc_syndicate.demo import DEMO_CASES, DemoSites, check_demo_pages


def test_every_demo_page_gets_its_expected_findings() -> None:
    with DemoSites() as sites, tempfile.TemporaryDirectory() as tmp:
        results = check_demo_pages(sites, load_rules(sites.rules_dir(Path(tmp))))
    for case, result in results:
        assert (result["verdict"], sorted(f["code"] for f in result["findings"])) == (case.verdict, sorted(case.expected)), case.page
    shown = {code for case in DEMO_CASES for code in case.expected}
    assert shown == {c for c, s in SEVERITY.items() if s != "policy"}, "the demo shows every licence finding code"


def test_the_demo_command_runs_the_whole_job(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["demo", "--dir", str(tmp_path)], stdout=out) == 0
    text = out.getvalue()
    expected_new = sum(1 for case in DEMO_CASES for code in case.expected if SEVERITY[code] == "violation")
    assert f"{expected_new} violations found" in text
    assert "read 5 originals" in text and "crawled 3 republisher feeds" in text
    for code, severity in SEVERITY.items():
        assert code in text or severity == "policy"  # the demo's publishers set no [policy]
    assert str((tmp_path / "report" / "index.html").resolve()) in text
    assert (tmp_path / "report" / "violations.atom").exists()
