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
    assert shown == set(SEVERITY), "the demo shows every finding code"


def test_the_demo_command() -> None:
    out = io.StringIO()
    assert main(["demo"], stdout=out) == 0
    text = out.getvalue()
    assert text.count("VIOLATION") == sum(c.verdict == "violation" for c in DEMO_CASES)
    assert "COMPLIANT" in text and "NOT-A-REPRODUCTION" in text and "blocked-by-robots" in text
