"""Benchmark: how often does the judgement accuse a copy that did nothing wrong, and how often does it
miss what a copy did wrong, on real layouts?

Copies are the corpus's real news pages (pages-zyte) with a republished article swapped into their
article area; originals are made the way six real Creative Commons publishers make them (The
Conversation, ProPublica, Global Voices, CalMatters, a Spanish agency, Voci di Città), with their
republishing notices, modals, pixels and photo credits (tests/layouts.py builds both). Each copy comes
unchanged and fully credited, with a sentence reworded, cut or inserted, and without a credit.

Printed per finding code, over every variant:

    false accusations   the code was reported on a copy that did not earn it (the figure to watch: 0)
    misses              the code was expected and not reported

and, for unchanged copies, the lowest and median containment (share of the original's text found on
the page). The peer is the first release's judgement (git revision 4b079e6, before this judgement was
rebuilt), run on the same cases in the same run: its source is taken from git into a temporary folder
and this script runs again there in a subprocess (skipped when git or the revision is not at hand).

Run from the repository root (a few minutes for the whole corpus):

    python benchmarks/accuracy.py
    python benchmarks/accuracy.py --layouts 30 --json   # last line: one JSON object
    python benchmarks/accuracy.py --no-peer -v          # ours only, listing the cases judged wrong
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(os.environ.get("CC_SYNDICATE_SOURCE", ROOT / "src"))  # the peer run points it elsewhere
PEER_REVISION = "4b079e6"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(SOURCE))

import layouts  # noqa: E402

try:
    from cc_syndicate.judgement import judge_page
except ImportError:  # the peer's release named the module pipeline
    from cc_syndicate.pipeline import judge_page  # type: ignore[no-redef]
from cc_syndicate.originals import extract_original  # noqa: E402
from cc_syndicate.pages import parse_page  # noqa: E402

CORPUS = Path(os.environ.get("CC_SYNDICATE_CORPUS", ROOT.parent / "shared" / "corpus"))


@lru_cache(maxsize=8)
def original_of(style: layouts.PublisherStyle, article: layouts.Article, slug: str):  # type: ignore[no-untyped-def]
    """The original, read once for the five variants of its copy."""
    return extract_original(style.original(article, slug), style.url(slug))


def judge(case: layouts.Case):  # type: ignore[no-untyped-def]
    page = parse_page(case.page_html(), case.page_url)
    return judge_page(page, original_of(case.style, case.article, case.slug), case.style.rules())


def measure(layout_limit: int | None, verbose: bool) -> dict[str, object]:
    false: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    wrong_kind: Counter[str] = Counter()
    containments: list[float] = []
    examples: list[str] = []
    started = time.monotonic()
    for case in layouts.cases(CORPUS, layout_limit):
        result = judge(case)
        found = {f.code for f in result.findings}
        by_kind[case.kind] += 1
        if case.kind == "unchanged":
            containments.append(result.match.containment)
        extra, lacking = found - case.expected, case.expected - found
        false.update(extra)
        missed.update(lacking)
        if extra or lacking:
            wrong_kind[case.kind] += 1
            if len(examples) < 400:
                examples.append(f"{case.kind:<10} {case.style.key:<12} {case.layout.page_id[:12]} "
                                f"{case.layout.url[:60]}  false={sorted(extra)} missed={sorted(lacking)}")
    figures = {
        "layouts": by_kind["unchanged"],
        "cases": sum(by_kind.values()),
        "false_accusations": sum(false.values()),
        "misses": sum(missed.values()),
        "false_by_code": dict(sorted(false.items())),
        "missed_by_code": dict(sorted(missed.items())),
        "wrong_cases_by_kind": dict(sorted(wrong_kind.items())),
        "unchanged_containment_min": round(min(containments), 4) if containments else None,
        "unchanged_containment_median": round(statistics.median(containments), 4) if containments else None,
        "unchanged_below_0_97": sum(c < 0.97 for c in containments),
        "seconds": round(time.monotonic() - started, 1),
    }
    if verbose:
        figures["examples"] = examples
    return figures


def peer_figures(layout_limit: int | None) -> dict[str, object] | None:
    """The same measure run by the first release's code (its src/ from git), or None if unavailable."""
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "src.tar"
        done = subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), PEER_REVISION, "src"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(f"peer skipped: git revision {PEER_REVISION} not available ({done.stderr.strip()})", file=sys.stderr)
            return None
        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
        command = [sys.executable, __file__, "--no-peer", "--json"]
        if layout_limit:
            command += ["--layouts", str(layout_limit)]
        env = {**os.environ, "CC_SYNDICATE_SOURCE": str(Path(folder) / "src"), "PYTHONPATH": str(Path(folder) / "src")}
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            print(f"peer failed: {done.stderr.strip()[-500:]}", file=sys.stderr)
            return None
        return json.loads(done.stdout.strip().splitlines()[-1])


def report(name: str, figures: dict[str, object]) -> None:
    print(f"{name}: false accusations {figures['false_accusations']} {figures['false_by_code']}")
    print(f"{' ' * len(name)}  misses {figures['misses']} {figures['missed_by_code']}")
    print(f"{' ' * len(name)}  unchanged copies: containment min {figures['unchanged_containment_min']}, median "
          f"{figures['unchanged_containment_median']}, {figures['unchanged_below_0_97']} below 0.97")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--layouts", type=int, default=None, help="use only the first N layouts")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line at the end")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the cases judged wrong")
    parser.add_argument("--no-peer", action="store_true", help="do not run the first release's judgement beside")
    args = parser.parse_args()
    if not (CORPUS / "pages-zyte").exists():
        print(f"corpus not found at {CORPUS} (set CC_SYNDICATE_CORPUS)", file=sys.stderr)
        return 2
    figures = measure(args.layouts, args.verbose)
    print(f"{figures['layouts']} real layouts, {figures['cases']} copies judged in {figures['seconds']} s")
    report("ours", figures)
    print(f"      wrong cases by kind: {figures['wrong_cases_by_kind']}")
    for line in figures.get("examples", []):  # type: ignore[union-attr]
        print("  " + line)
    if not args.no_peer:
        peer = peer_figures(args.layouts)
        if peer is not None:
            report(f"peer (first release, {PEER_REVISION})", peer)
            figures["peer"] = peer
    if args.json:
        figures.pop("examples", None)
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
