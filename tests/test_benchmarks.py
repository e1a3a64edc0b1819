"""The benchmarks run in CI at a small size: they must keep working, and print their figures.
Their timings are never asserted; the crawler's politeness, which they also measure, is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import corpus_path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def run(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), *args, "--json"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    print("\n" + done.stdout)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_crawl_benchmark_at_ci_size() -> None:
    figures = run("crawl.py", "--feeds", "20", "--entries", "5", "--hosts", "4", "--originals", "30")
    assert figures["pages_checked"] == 100 and figures["second_run_new"] == 0
    assert figures["db_mb"] > 0 and abs(figures["db_mb_per_10k_pages"] - figures["db_mb"] * 100) < 1
    assert figures["max_requests_per_host_per_s"] <= figures["allowed_per_host_per_s"]
    assert figures["shortest_gap_s"] >= figures["host_delay_s"] * 0.98


def test_crawl_benchmark_on_real_pages_at_ci_size(corpus: Path) -> None:
    pytest.importorskip("distributed", reason="dask[distributed] is not installed: pip install 'cc-syndicate[dask]'")
    figures = run("crawl.py", "--real", "--feeds", "2", "--entries", "3", "--hosts", "2", "--originals", "5",
                  "--host-delay", "0", "--workers", "2")
    assert set(figures["runs"]) == {"1 process", "pool of 2", "Dask LocalCluster, 2 workers"}
    assert {r["pages"] for r in figures["runs"].values()} == {6}
    assert len({r["new"] for r in figures["runs"].values()}) == 1  # the same violations, wherever judged
    assert figures["polite_peer"]["pages"] == 6


def test_match_benchmark_at_ci_size() -> None:
    pytest.importorskip("datasketch", reason="datasketch (the peer the match benchmark compares with) is not installed")
    figures = run("match.py", "--originals", "2000", "--queries", "50")
    keys = {"originals", "build_s", "index_bytes_per_original", "query_p50_ms", "query_p99_ms", "match_p50_ms",
            "recall_full", "recall_edited", "recall_excerpt", "false_match_rate"}
    assert keys <= set(figures) and {f"datasketch_{k}" for k in keys - {"match_p50_ms"}} <= set(figures)
    assert figures["originals"] == 2000


def test_judge_benchmark_at_ci_size() -> None:
    corpus_path("pages-zyte")  # the benchmark reads the real pages; skipped with the reason without them
    figures = run("judge.py", "--pages", "8", "--repeat", "1")
    assert figures["pages"] == 8
    stages = ("parse", "find", "match", "checks", "judgement", "api", "trafilatura", "lxml")
    assert {f"{s}_{p}_ms" for s in stages for p in ("p50", "p90", "mean")} <= set(figures)
    assert {"judgement_vs_trafilatura_p50", "judgement_vs_trafilatura_p90", "judgement_vs_lxml_p50"} <= set(figures)
