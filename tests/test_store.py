"""The store: migrations from the previous release, the one error boundary (a refused write is a clear
error, exit 2, never an internal error), and a report that writes nothing beside the database."""

from __future__ import annotations

import io
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from readonly import read_only
from sites import LoopbackSites

from cc_syndicate.cli import main
from cc_syndicate.errors import StoreError
from cc_syndicate.store import SCHEMA, Store
from cc_syndicate.store.database import _statements

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}


@pytest.fixture(scope="module")
def sites():  # type: ignore[no-untyped-def]
    with LoopbackSites() as served:
        yield served


@pytest.fixture(scope="module")
def filled(sites: LoopbackSites, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where one run over the demo sites has filled the database."""
    folder = tmp_path_factory.mktemp("filled")
    sites.write_config(folder)
    done = subprocess.run([sys.executable, "-m", "cc_syndicate", "run", "--allow-private"], cwd=folder, env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    return folder


def run_in(folder: Path, *extra: str, **popen: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cc_syndicate", "run", "--allow-private", *extra], cwd=folder,
                          env=ENV, capture_output=True, text=True, timeout=120, **popen)  # type: ignore[call-overload]


def copy_of(filled: Path, to: Path) -> Path:
    """The filled folder's settings, rules, feeds and database, elsewhere."""
    for name in ("rules", "feeds"):
        shutil.copytree(filled / name, to / name)
    for name in ("cc-syndicate.toml", "cc-syndicate.db", "cc-syndicate.db-index.npz"):
        shutil.copy(filled / name, to / name)
    return to


# -- migrations -----------------------------------------------------------------------------------


def test_a_database_of_the_previous_release_opens_and_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(SCHEMA[:3], start=1):
        for statement in _statements(script):
            old.execute(statement)
        old.execute(f"PRAGMA user_version = {number}")
    old.executescript("""
        INSERT INTO runs (id, started_at, finished_at) VALUES (1, '2026-11-01T08:00:00+00:00', '2026-11-01T08:05:00+00:00');
        INSERT INTO runs (id, started_at) VALUES (2, '2026-11-02T08:00:00+00:00');  -- killed before announcing
        INSERT INTO pages (url, feed_url, republisher, text, status, first_seen, checked_at)
            VALUES ('https://a.example/copy', 'https://a.example/feed', 'A', 'copied text', 'checked', '2026-11-01', '2026-11-01'),
                   ('https://a.example/other', 'https://a.example/feed', 'A', 'unrelated text', 'checked', '2026-11-01', '2026-11-01'),
                   ('https://a.example/403', 'https://a.example/feed', 'A', '', 'failed', '2026-11-01', '2026-11-02');
        INSERT INTO originals (id, publisher, url, text, fingerprint, added_at)
            VALUES (1, 'P', 'https://p.example/o', 'original text', x'', '2026-11-01');
        INSERT INTO reproductions VALUES ('https://a.example/copy', 1, 'reproduction', 0.9, 0.9, 'violation', '{}', '2026-11-01');
        INSERT INTO violations (page_url, original_id, code, severity, message, evidence, first_seen, last_seen, first_run, last_run)
            VALUES ('https://a.example/copy', 1, 'license-missing', 'violation', 'm', '{}', '2026-11-01', '2026-11-01', 1, 1),
                   ('https://a.example/copy', 1, 'author-missing', 'violation', 'm', '{}', '2026-11-02', '2026-11-02', 2, 2);
        INSERT INTO feeds (url, role, name, status, checked_at, failures, error)
            VALUES ('https://a.example/feed', 'republisher', 'A', 'failed', '2026-11-02T08:00:00+00:00', 3, 'HTTP 500');
    """)
    old.close()
    with Store(path) as store:
        assert store.schema_version == len(SCHEMA) == 8
        (case,) = store.case_facts()  # the reproduction and its findings became one case
        assert (case.page_url, case.original_id, case.opened_at) == ("https://a.example/copy", 1, "2026-11-01")
        assert case.open_codes == ("author-missing", "license-missing") and not case.triage.dismissed
        assert store.originals([1])[1][1].images == () and store.last_audit() is None
        assert [(a.code, a.page_url) for a in store.unannounced()] == [("author-missing", "https://a.example/copy")]
        assert store.case_texts("https://a.example/copy", 1) == ("copied text", "original text")
        state = store.feed_state("https://a.example/feed")
        assert state is not None and state.failing_since == "2026-11-02T08:00:00+00:00"
        assert [p.url for p in store.failing_pages()] == ["https://a.example/403"]
    texts = dict(sqlite3.connect(path).execute("SELECT url, text FROM pages").fetchall())
    assert texts["https://a.example/other"] == ""  # the text of a page that reproduces nothing is let go


def old_database(path: Path, version: int) -> sqlite3.Connection:
    """A database as the release of that schema version left it (migrations 1 to ``version`` applied)."""
    old = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(SCHEMA[:version], start=1):
        for statement in _statements(script):
            old.execute(statement)
        old.execute(f"PRAGMA user_version = {number}")
    return old


AUDIT = {"articles": [{"url": "https://p.example/o", "title": "Titolo", "findings": []}],
         "suggested_notice": {"html": "<p>CC BY 4.0</p>", "text": "CC BY 4.0"}}


def test_a_database_of_schema_4_migrates_and_keeps_audits(tmp_path: Path) -> None:
    """Migrations 5 to 8 (cases, accounts, the originals' images, the audits) over the release before cases."""
    path = tmp_path / "v4.db"
    old = old_database(path, 4)
    old.executescript("""
        INSERT INTO originals (id, publisher, url, text, fingerprint, added_at)
            VALUES (1, 'P', 'https://p.example/o', 'original text', x'', '2026-11-01');
        INSERT INTO pages (url, feed_url, republisher, status, first_seen, checked_at)
            VALUES ('https://a.example/copy', 'https://a.example/feed', 'A', 'checked', '2026-11-01', '2026-11-01');
        INSERT INTO reproductions VALUES ('https://a.example/copy', 1, 'reproduction', 0.9, 0.9, 'compliant', '{}', '2026-11-01');
        INSERT INTO violations (page_url, original_id, code, severity, message, evidence, first_seen, last_seen, first_run, last_run)
            VALUES ('https://a.example/copy', 1, 'policy-pixel', 'policy', 'm', '{}', '2026-11-01', '2026-11-01', 1, 1);
    """)
    old.close()
    with pytest.raises(StoreError, match="schema version 4, expected 8"):
        Store(path, readonly=True)  # a report waits for a run to migrate it
    with Store(path) as store:
        assert store.schema_version == 8
        assert store.latest_originals("P") == (1, [store.originals([1])[1][1]])
        assert store.originals([1])[1][1].images == ()
        (case,) = store.case_facts()
        assert case.open_codes == ("policy-pixel",) and case.findings[0].severity == "policy"
        store.save_audit(AUDIT)
    with Store(path, readonly=True) as store:
        when, kept = store.last_audit() or ("", {})
        assert kept == AUDIT and when.startswith("20")


def test_a_database_of_schema_6_keeps_its_cases_and_accounts(tmp_path: Path) -> None:
    """Migrations 7 and 8 over a database with editors' cases, their trail and accounts."""
    path = tmp_path / "v6.db"
    old = old_database(path, 6)
    old.executescript("""
        INSERT INTO originals (id, publisher, url, text, fingerprint, added_at)
            VALUES (1, 'P', 'https://p.example/o', 'original text', x'', '2026-11-01');
        INSERT INTO cases (id, page_url, original_id, opened_at, dismissed_at, dismissed_reason, dismissed_codes)
            VALUES (7, 'https://a.example/copy', 1, '2026-11-01', '2026-11-03', 'permission', '["author-missing"]');
        INSERT INTO case_actions (case_id, kind, at, by, reason, codes)
            VALUES (7, 'dismissed', '2026-11-03T09:00:00+00:00', 'anna', 'permission', '["author-missing"]');
        INSERT INTO violations (page_url, original_id, code, severity, message, evidence, first_seen, last_seen,
                                first_run, last_run, case_id)
            VALUES ('https://a.example/copy', 1, 'author-missing', 'violation', 'm', '{}', '2026-11-01', '2026-11-01', 1, 1, 7);
        INSERT INTO users (name, password_hash, created_at, password_changed_at)
            VALUES ('anna', 'scrypt:32768:8:1$salt$hash', '2026-11-01', '2026-11-01');
    """)
    old.close()
    with Store(path) as store:
        assert store.schema_version == 8
        (case,) = store.case_facts()
        assert (case.id, case.triage.dismissed, case.triage.dismissed_reason) == (7, True, "permission")
        assert [a.by for a in store.case_actions(7)[7]] == ["anna"]
        assert [a.name for a in store.accounts()] == ["anna"]
        assert store.originals([1])[1][1].images == () and store.last_audit() is None


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {len(SCHEMA) + 1}")
    with pytest.raises(StoreError, match="newer than this cc-syndicate knows"):
        Store(path)


# -- the error boundary ----------------------------------------------------------------------------


def test_a_damaged_database_exits_2_with_the_fix(tmp_path: Path, sites: LoopbackSites, monkeypatch: pytest.MonkeyPatch) -> None:
    sites.write_config(tmp_path)
    (tmp_path / "cc-syndicate.db").write_bytes(b"this is not a database, whatever its name says" * 100)
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    status = main(["run", "--allow-private"], stdout=io.StringIO(), stderr=err)
    assert status == 2
    assert "cc-syndicate.db" in err.getvalue() and "restore it from a backup" in err.getvalue()
    assert "internal error" not in err.getvalue()


def test_a_read_only_database_exits_2_with_the_path_and_the_fix(filled: Path, tmp_path: Path) -> None:
    folder = copy_of(filled, tmp_path)
    with read_only(folder / "cc-syndicate.db"):
        done = run_in(folder)
    assert done.returncode == 2, done.stderr
    assert "cc-syndicate.db" in done.stderr and "read-only for this user" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_a_full_disk_exits_2_with_the_path_and_the_fix(sites: LoopbackSites, tmp_path: Path) -> None:
    # A 64 KB limit on the size of the files the run writes: storing the first originals needs more, and the
    # kernel refuses the write in the middle of the run as a full disk would.
    sites.write_config(tmp_path)

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))

    done = run_in(tmp_path, preexec_fn=small_disk)
    assert done.returncode == 2, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "cc-syndicate.db" in done.stderr and "the disk refused the write" in done.stderr
    assert f"free space on the disk that holds {tmp_path}" in done.stderr


# -- a report that writes nothing beside the database ------------------------------------------------


def test_report_works_for_a_user_who_can_only_read_the_database(filled: Path, tmp_path: Path) -> None:
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    shutil.copy(filled / "cc-syndicate.db", shelf / "cc.db")
    before = {p.name: p.read_bytes() for p in shelf.iterdir()}
    out = io.StringIO()
    with read_only(shelf / "cc.db", shelf):
        status = main(["report", "--db", str(shelf / "cc.db"), "--report", str(tmp_path / "report")], stdout=out,
                      stderr=io.StringIO())
    assert status == 0 and "Report written" in out.getvalue()
    assert {p.name: p.read_bytes() for p in shelf.iterdir()} == before  # no -wal, -shm, index or lock beside it
    assert "license-missing" in (tmp_path / "report" / "violations.json").read_text(encoding="utf-8")


def test_a_read_only_store_refuses_to_write(filled: Path, tmp_path: Path) -> None:
    shutil.copy(filled / "cc-syndicate.db", tmp_path / "cc.db")
    with Store(tmp_path / "cc.db", readonly=True) as store, pytest.raises(StoreError, match="read-only"):
        store.mark_announced(1, 10**9)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cc.db"]
