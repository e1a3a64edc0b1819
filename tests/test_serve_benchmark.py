"""The serve benchmark runs in CI at a small size: it must keep working and print its figures. Its
timings are never asserted; that every answer was a check or a 503 (never an error) is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "serve.py"


def test_serve_benchmark_at_ci_size() -> None:
    done = subprocess.run([sys.executable, str(BENCHMARK), "--quick", "--json"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    print("\n" + done.stdout)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"fresh_p50_ms", "fresh_p99_ms", "cached_p50_ms", "cached_p99_ms", "held_per_s", "cli_p50_ms",
            "library_p50_ms"} <= set(figures)
    assert [step["offered_per_s"] for step in figures["ramp"]] == [5.0, 20.0]
    assert all(step["other_errors"] == 0 for step in figures["ramp"])
