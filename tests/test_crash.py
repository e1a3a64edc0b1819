"""A run killed at random points over a few hundred pages: the database stays consistent and the next
run reaches the state an uninterrupted run reaches. A reader is never blocked by a run."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bigsite import BigSite

from cc_syndicate.report import build_report
from cc_syndicate.store import Store

COMMAND = [sys.executable, "-m", "cc_syndicate", "run", "--allow-private"]
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}


def final_state(db: Path) -> tuple[list, list, list]:
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    violations = connection.execute(
        "SELECT page_url, o.url, code, resolved_at IS NULL FROM violations v LEFT JOIN originals o ON o.id = v.original_id"
        " ORDER BY 1, 2, 3").fetchall()
    pages = connection.execute("SELECT url FROM pages ORDER BY url").fetchall()
    originals = connection.execute("SELECT url FROM originals ORDER BY url").fetchall()
    assert len(set(violations)) == len(violations) and len(set(pages)) == len(pages)
    assert len(set(originals)) == len(originals)
    return violations, pages, originals


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with BigSite() as big:
        reference = tmp_path_factory.mktemp("reference")
        big.write_config(reference)
        started = time.monotonic()
        done = subprocess.run(COMMAND, cwd=reference, env=ENV, capture_output=True, text=True, timeout=300)
        assert done.returncode == 1, done.stderr
        yield big, final_state(reference / "cc-syndicate.db"), time.monotonic() - started


def test_the_reference_run_checks_a_few_hundred_pages(site) -> None:  # type: ignore[no-untyped-def]
    _, (violations, pages, originals), _ = site
    assert len(pages) == 200 and len(originals) == 40
    assert {code for _, _, code, _ in violations} == {"source-missing", "source-link-missing", "author-missing",
                                                      "license-missing"}


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_sigkill_at_a_random_point(site, tmp_path: Path, seed: int) -> None:  # type: ignore[no-untyped-def]
    big, reference, duration = site
    big.write_config(tmp_path)
    delay = random.Random(seed).uniform(0.5, max(duration * 0.9, 0.6))
    process = subprocess.Popen(COMMAND, cwd=tmp_path, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    db = tmp_path / "cc-syndicate.db"
    stored = 0
    if db.exists():
        final_state(db)  # consistent right after the kill
        stored = unannounced(db)
    finished = subprocess.run(COMMAND, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=300)
    assert finished.returncode in (0, 1), finished.stderr
    assert final_state(db) == reference
    # What the killed run stored was never announced: the next run announces it (exit 1, named), and all is said.
    if stored:
        assert finished.returncode == 1 and "new violation(s)" in finished.stdout
    assert unannounced(db) == 0


def unannounced(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT COUNT(*) FROM violations WHERE announced_run IS NULL AND resolved_at IS NULL"
                                  " AND severity = 'violation'").fetchone()[0]
    except sqlite3.OperationalError:  # killed before the schema was made
        return 0
    finally:
        connection.close()


def test_a_reader_is_not_blocked_by_a_run(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big, _, _ = site
    big.write_config(tmp_path)
    db = tmp_path / "cc-syndicate.db"
    process = subprocess.Popen(COMMAND, cwd=tmp_path, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reads = 0
    try:
        while process.poll() is None:
            try:
                store = Store(db, readonly=True)
            except Exception:  # noqa: BLE001 - not created or not migrated yet
                time.sleep(0.05)
                continue
            with store:
                started = time.monotonic()
                build_report(store)
                assert time.monotonic() - started < 5, "the report waited for the run"
            reads += 1
    finally:
        process.wait(timeout=300)
    assert process.returncode == 1 and reads >= 3
