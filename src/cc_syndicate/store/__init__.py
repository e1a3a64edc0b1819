"""SQLite: the only module that touches the database.

WAL mode lets the report read while a run writes. Every write happens in a ``BEGIN IMMEDIATE``
transaction (a deferred one that reads then writes fails at once with "database is locked", whatever
the busy timeout). The schema carries its version in ``PRAGMA user_version`` and grows by numbered
migrations. sqlite3 errors become :class:`StoreError`.

The originals index is derived data kept beside the database (``<db>-index.npz``, written to a temporary
file and renamed); it records the last original it holds and is brought up to date from the
``fingerprint`` column, or rebuilt when it is missing or unreadable.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from .errors import LockHeld, StoreError
from .index import OriginalsIndex
from .models import FeedOutcome, FeedState, Finding, License, MediaCredit, Original, PageCheck
from .present import plain

SCHEMA: list[str] = [
    # 1: originals, the URLs they are known by, and what the crawler remembers of each feed.
    """
    CREATE TABLE originals (
        id            INTEGER PRIMARY KEY,
        publisher     TEXT NOT NULL,              -- the rule's publisher name
        url           TEXT NOT NULL,              -- where it was fetched (after redirects)
        canonical_url TEXT,                       -- what the page declares, if anything
        title         TEXT NOT NULL DEFAULT '',
        authors       TEXT NOT NULL DEFAULT '[]', -- JSON list of names
        published     TEXT,
        license       TEXT,                       -- JSON [unit, version, jurisdiction], NULL if none declared
        site_name     TEXT,
        media_credits TEXT NOT NULL DEFAULT '[]', -- JSON list of [credit, media URL, statement]
        notices       TEXT NOT NULL DEFAULT '[]', -- the page's own licence and rights lines
        text          TEXT NOT NULL,              -- the article's main text
        fingerprint   BLOB NOT NULL,              -- sampled shingle keys (uint32, little-endian) for the index
        added_at      TEXT NOT NULL
    );
    -- Every URL an original is known by (fetched, canonical, feed link), as urls.article_key() writes it.
    CREATE TABLE original_urls (
        key         TEXT PRIMARY KEY,
        original_id INTEGER NOT NULL REFERENCES originals(id) ON DELETE CASCADE
    );
    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        role          TEXT NOT NULL CHECK (role IN ('publisher', 'republisher')),
        name          TEXT NOT NULL DEFAULT '',
        etag          TEXT,                       -- validators, saved from 2xx responses only
        last_modified TEXT,
        body_hash     TEXT,                       -- an unchanged body counts as not modified
        checked_at    TEXT,
        status        TEXT,                       -- ok, not-modified, failed, retired
        error         TEXT,
        next_try_at   TEXT,                       -- Retry-After and back-off, honoured across runs
        failures      INTEGER NOT NULL DEFAULT 0,
        moved_to      TEXT,                       -- a permanent redirect seen ...
        moved_seen    INTEGER NOT NULL DEFAULT 0, -- ... on this many runs in a row
        retired_at    TEXT                        -- 410 Gone
    );
    """,
    # 2: runs, republished pages, what each reproduces, and violations over time.
    """
    ALTER TABLE feeds ADD COLUMN feed_url TEXT;   -- the feed found at a home page, or where it moved for good
    ALTER TABLE feeds ADD COLUMN contact TEXT;    -- from feeds/*.toml, for the notices
    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        finished_at TEXT,                         -- NULL: the run was interrupted
        summary     TEXT                          -- JSON, as `run --json` prints it
    );
    -- Feed entries already handled, by guid, else link, else a hash of their content.
    CREATE TABLE entries (
        feed_url TEXT NOT NULL,
        key      TEXT NOT NULL,
        page_url TEXT,
        seen_at  TEXT NOT NULL,
        PRIMARY KEY (feed_url, key)
    );
    CREATE TABLE pages (
        url           TEXT PRIMARY KEY,
        feed_url      TEXT NOT NULL,
        republisher   TEXT NOT NULL,
        title         TEXT NOT NULL DEFAULT '',
        text          TEXT NOT NULL DEFAULT '',   -- the page's visible article text, for the report
        etag          TEXT,
        last_modified TEXT,
        status        TEXT NOT NULL,              -- checked, not-modified, gone, blocked, failed, exempt
        error         TEXT,
        first_seen    TEXT NOT NULL,
        checked_at    TEXT NOT NULL,
        checked_run   INTEGER
    );
    -- A page judged against an original: the latest verdict and the check's JSON.
    CREATE TABLE reproductions (
        page_url    TEXT NOT NULL REFERENCES pages(url) ON DELETE CASCADE,
        original_id INTEGER NOT NULL REFERENCES originals(id),
        kind        TEXT NOT NULL,
        containment REAL NOT NULL,
        page_share  REAL NOT NULL,
        verdict     TEXT NOT NULL,
        result      TEXT NOT NULL,
        checked_at  TEXT NOT NULL,
        PRIMARY KEY (page_url, original_id)
    );
    -- One row per (page, original, code) while it lasts; a violation that comes back after being
    -- resolved is a new row, so every row's first_seen says since when that breach has run.
    CREATE TABLE violations (
        id          INTEGER PRIMARY KEY,
        page_url    TEXT NOT NULL,
        original_id INTEGER REFERENCES originals(id),  -- NULL when the page could not be read at all
        code        TEXT NOT NULL,
        severity    TEXT NOT NULL,
        message     TEXT NOT NULL,
        evidence    TEXT NOT NULL,                     -- JSON
        first_seen  TEXT NOT NULL,
        last_seen   TEXT NOT NULL,
        resolved_at TEXT,
        first_run   INTEGER NOT NULL,
        last_run    INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX violations_open ON violations (page_url, IFNULL(original_id, 0), code) WHERE resolved_at IS NULL;
    CREATE INDEX violations_page ON violations (page_url)
    """,
    """
    -- Hosts that answered 429/503 with Retry-After: not asked again before ``until`` (Unix time).
    CREATE TABLE host_waits (
        host  TEXT PRIMARY KEY,
        until REAL NOT NULL
    )
    """,
]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """One SQLite database; open it once per command and close it (or use ``with``)."""

    def __init__(self, path: Path | str, readonly: bool = False) -> None:
        """Open (and create or migrate) the database; ``readonly`` opens an existing one for reading only,
        which never waits for a run that is writing (WAL)."""
        self.path = Path(path)
        self._lock = threading.RLock()  # crawler threads read while the main thread writes
        try:
            if readonly:
                self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30.0,
                                          isolation_level=None, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode = WAL")
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = NORMAL")
            if readonly and self.schema_version != len(SCHEMA):
                raise StoreError(self.path, f"schema version {self.schema_version}, expected {len(SCHEMA)}: "
                                            "run `cc-syndicate run` once with this version to upgrade it")
            if not readonly:
                self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(self.path, f"cannot open the database ({exc}); check the path and its permissions") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema and transactions ----------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(SCHEMA):
            raise StoreError(self.path, f"the database has schema version {version}, newer than this cc-syndicate "
                                        f"knows ({len(SCHEMA)}); upgrade cc-syndicate")
        for number, script in enumerate(SCHEMA[version:], start=version + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it lands, or none of it."""
        with self._lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(self.path, f"cannot start a write ({exc})") from None
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            else:
                try:
                    self.db.execute("COMMIT")
                except sqlite3.Error as exc:
                    self.db.execute("ROLLBACK")
                    raise StoreError(self.path, f"cannot save ({exc})") from None

    def _query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[sqlite3.Row]:
        try:
            with self._lock:
                return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"cannot read ({exc})") from None

    # -- originals ------------------------------------------------------------------------------

    def original_id(self, url_key: str) -> int | None:
        rows = self._query("SELECT original_id FROM original_urls WHERE key = ?", (url_key,))
        return int(rows[0][0]) if rows else None

    def add_original(self, original: Original, publisher: str, keys: list[str], fingerprint: np.ndarray) -> int:
        """Save an original under every URL key it is known by (call inside a transaction)."""
        cursor = self.db.execute(
            "INSERT INTO originals (publisher, url, canonical_url, title, authors, published, license, site_name,"
            " media_credits, notices, text, fingerprint, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                publisher, original.url, original.canonical_url, original.title, json.dumps(list(original.authors)),
                original.published,
                json.dumps([original.license.unit, original.license.version, original.license.jurisdiction])
                if original.license else None,
                original.site_name,
                json.dumps([[c.credit, c.media_url, c.statement] for c in original.media_credits]),
                json.dumps(list(original.notices)),
                original.text,
                fingerprint.astype("<u4").tobytes(),
                now(),
            ),
        )
        original_id = int(cursor.lastrowid or 0)
        self.db.executemany("INSERT OR IGNORE INTO original_urls (key, original_id) VALUES (?, ?)",
                            [(k, original_id) for k in keys])
        return original_id

    def originals(self, ids: list[int]) -> dict[int, tuple[str, Original]]:
        """(publisher, original) by id."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._query(f"SELECT * FROM originals WHERE id IN ({marks})", list(ids))
        return {int(row["id"]): (row["publisher"], _original(row)) for row in rows}

    def original_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM originals")[0][0])

    def fingerprints(self, after_id: int = 0) -> Iterator[tuple[int, np.ndarray]]:
        rows = self._query("SELECT id, fingerprint FROM originals WHERE id > ? ORDER BY id", (after_id,))
        for original_id, blob in rows:
            yield int(original_id), np.frombuffer(blob, dtype="<u4")

    # -- the index beside the database ------------------------------------------------------------

    @property
    def index_path(self) -> Path:
        return self.path.with_name(self.path.name + "-index.npz")

    def load_index(self) -> OriginalsIndex:
        """The saved index brought up to date with the originals added since it was saved."""
        index = OriginalsIndex()
        if self.index_path.exists():
            try:
                index = OriginalsIndex.from_bytes(self.index_path.read_bytes())
            except (ValueError, OSError):
                index = OriginalsIndex()  # unreadable: rebuild from the fingerprints
        newest = self._query("SELECT COALESCE(MAX(id), 0) FROM originals")[0][0]
        if index.watermark > newest:
            index = OriginalsIndex()  # the database was replaced by an older one
        added = 0
        for original_id, keys in self.fingerprints(after_id=index.watermark):
            index.add(original_id, keys)
            added += 1
        if added > max(1000, len(index) // 10):
            self.save_index(index)
        return index

    def save_index(self, index: OriginalsIndex) -> None:
        data = index.to_bytes()
        fd, tmp = tempfile.mkstemp(prefix=self.index_path.name, dir=self.index_path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.index_path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise StoreError(self.index_path, f"cannot save the index ({exc})") from None

    # -- feeds ----------------------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState | None:
        rows = self._query("SELECT * FROM feeds WHERE url = ?", (url,))
        if not rows:
            return None
        return FeedState(**{f.name: rows[0][f.name] for f in fields(FeedState)})

    def save_feed_state(self, state: FeedState) -> None:
        """Insert or replace what is known of a feed (call inside a transaction)."""
        values = asdict(state)
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        self.db.execute(f"INSERT OR REPLACE INTO feeds ({columns}) VALUES ({marks})", list(values.values()))

    # -- hosts that asked to wait -----------------------------------------------------------------

    def host_waits(self) -> dict[str, float]:
        """Hosts that asked to be left alone, and until when (Unix time)."""
        rows = self._query("SELECT host, until FROM host_waits WHERE until > ?", (time.time(),))
        return {row["host"]: float(row["until"]) for row in rows}

    def save_host_waits(self, waits: dict[str, float]) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM host_waits")
            self.db.executemany("INSERT INTO host_waits (host, until) VALUES (?, ?)",
                                [(host, until) for host, until in waits.items() if until > time.time()])

    # -- runs -----------------------------------------------------------------------------------

    def start_run(self) -> int:
        with self.transaction():
            return int(self.db.execute("INSERT INTO runs (started_at) VALUES (?)", (now(),)).lastrowid or 0)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.transaction():
            self.db.execute("UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?",
                            (now(), json.dumps(summary), run_id))

    def last_run(self) -> int | None:
        rows = self._query("SELECT MAX(id) FROM runs WHERE finished_at IS NOT NULL")
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    # -- what a crawl remembers ------------------------------------------------------------------

    def entry_seen(self, feed_url: str, key: str, page_url: str | None) -> bool:
        rows = self._query("SELECT 1 FROM entries WHERE feed_url = ? AND key = ?", (feed_url, key))
        if not rows and page_url:
            rows = self._query("SELECT 1 FROM pages WHERE url = ? AND status != 'failed'", (page_url,))
        return bool(rows)

    def page_validators(self, url: str) -> tuple[str | None, str | None]:
        rows = self._query("SELECT etag, last_modified FROM pages WHERE url = ?", (url,))
        return (rows[0]["etag"], rows[0]["last_modified"]) if rows else (None, None)

    def pages_to_recheck(self, not_checked_in_run: int) -> list[sqlite3.Row]:
        """Pages with open violations, and pages that could not be fetched last time."""
        return self._query(
            "SELECT url, feed_url, republisher FROM pages WHERE (status = 'failed' OR url IN "
            "(SELECT page_url FROM violations WHERE resolved_at IS NULL)) AND IFNULL(checked_run, 0) != ? ORDER BY url",
            (not_checked_in_run,),
        )

    def reproduced_by(self, page_url: str) -> list[int]:
        """Originals a page was found to reproduce, or has open violations against."""
        rows = self._query(
            "SELECT original_id FROM reproductions WHERE page_url = ? UNION "
            "SELECT original_id FROM violations WHERE page_url = ? AND resolved_at IS NULL AND original_id IS NOT NULL",
            (page_url, page_url),
        )
        return [int(r[0]) for r in rows]

    def record_feed(self, outcome: FeedOutcome, run_id: int) -> int:
        """Store one feed's results as a unit; returns how many new violations it brought."""
        with self.transaction():
            self.save_feed_state(outcome.state)
            self.db.executemany(
                "INSERT OR IGNORE INTO entries (feed_url, key, page_url, seen_at) VALUES (?, ?, ?, ?)",
                [(outcome.state.url, key, page, now()) for key, page in outcome.entries],
            )
            return sum(self._record_page(page, run_id) for page in outcome.pages)

    def record_page(self, page: PageCheck, run_id: int) -> int:
        with self.transaction():
            return self._record_page(page, run_id)

    def _record_page(self, page: PageCheck, run_id: int) -> int:
        when = now()
        self.db.execute(
            "INSERT INTO pages (url, feed_url, republisher, title, text, etag, last_modified, status, error, first_seen,"
            " checked_at, checked_run) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET"
            " title = CASE WHEN excluded.status = 'checked' THEN excluded.title ELSE pages.title END,"
            " text = CASE WHEN excluded.status = 'checked' THEN excluded.text ELSE pages.text END,"
            " etag = COALESCE(excluded.etag, pages.etag), last_modified = COALESCE(excluded.last_modified, pages.last_modified),"
            " status = excluded.status, error = excluded.error, checked_at = excluded.checked_at,"
            " checked_run = excluded.checked_run",
            (page.url, page.feed_url, page.republisher, page.title, page.text, page.etag, page.last_modified,
             page.status, page.error, when, when, run_id),
        )
        if page.status == "not-modified":
            self.db.execute("UPDATE violations SET last_seen = ?, last_run = ? WHERE page_url = ? AND resolved_at IS NULL",
                            (when, run_id, page.url))
            return 0
        if page.status == "gone":
            self.db.execute("UPDATE violations SET resolved_at = ?, last_run = ? WHERE page_url = ? AND resolved_at IS NULL",
                            (when, run_id, page.url))
            return 0
        if page.status == "blocked":
            # robots.txt forbids reading the page (or could not be read): what was wrong with it is not
            # known to be gone, so its violations stay open beside the warning.
            return sum(self._update_violations(page.url, rep.original_id, rep.findings, run_id, when, resolve=False)
                       for rep in page.reproductions)
        new = 0
        for rep in page.reproductions:
            if rep.original_id is not None and rep.kind != "none":
                self.db.execute(
                    "INSERT OR REPLACE INTO reproductions (page_url, original_id, kind, containment, page_share, verdict,"
                    " result, checked_at) VALUES (?,?,?,?,?,?,?,?)",
                    (page.url, rep.original_id, rep.kind, rep.containment, rep.page_share, rep.verdict,
                     json.dumps(rep.result, ensure_ascii=False), when),
                )
            elif rep.original_id is not None:
                self.db.execute("DELETE FROM reproductions WHERE page_url = ? AND original_id = ?", (page.url, rep.original_id))
            new += self._update_violations(page.url, rep.original_id, rep.findings, run_id, when)
        return new

    def _update_violations(self, page_url: str, original_id: int | None, findings: tuple[Finding, ...], run_id: int,
                           when: str, resolve: bool = True) -> int:
        """Open what is new, refresh what is still there, resolve what is gone (if ``resolve``)."""
        open_rows = {row["code"]: row["id"] for row in self.db.execute(
            "SELECT id, code FROM violations WHERE page_url = ? AND IFNULL(original_id, 0) = IFNULL(?, 0)"
            " AND resolved_at IS NULL", (page_url, original_id))}
        new = 0
        for f in findings:
            evidence = json.dumps(plain(f.evidence), ensure_ascii=False)
            if f.code in open_rows:
                self.db.execute("UPDATE violations SET last_seen = ?, last_run = ?, message = ?, evidence = ?,"
                                " severity = ? WHERE id = ?", (when, run_id, f.message, evidence, f.severity, open_rows.pop(f.code)))
            else:
                self.db.execute(
                    "INSERT INTO violations (page_url, original_id, code, severity, message, evidence, first_seen,"
                    " last_seen, first_run, last_run) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (page_url, original_id, f.code, f.severity, f.message, evidence, when, when, run_id, run_id))
                new += f.severity == "violation"
        for violation_id in open_rows.values() if resolve else ():
            self.db.execute("UPDATE violations SET resolved_at = ?, last_run = ? WHERE id = ?", (when, run_id, violation_id))
        return new

    def report_rows(self) -> tuple[list[sqlite3.Row], list[sqlite3.Row], list[sqlite3.Row], dict[str, str | None]]:
        """(violations, reproductions, finished runs, feed contacts by URL) for the report."""
        with self._lock:
            violations = self._query(REPORT_VIOLATIONS)
            reproductions = self._query(REPORT_REPRODUCTIONS)
            runs = self._query("SELECT id, started_at, finished_at FROM runs WHERE finished_at IS NOT NULL ORDER BY id")
            feeds = {row["url"]: row["contact"] for row in self._query("SELECT url, contact FROM feeds")}
        return violations, reproductions, runs, feeds

    def case_texts(self, page_url: str, original_id: int) -> tuple[str, str]:
        """(the page's article text, the original's text) for one case page of the report."""
        rows = self._query("SELECT p.text, o.text FROM pages p, originals o WHERE p.url = ? AND o.id = ?",
                           (page_url, original_id))
        return (rows[0][0], rows[0][1]) if rows else ("", "")

    def violation_counts(self, run_id: int) -> dict[str, int]:
        """new (first seen in the run), open (seen before, still there), resolved (in the run)."""
        rows = self._query(
            "SELECT SUM(resolved_at IS NULL AND first_run = ?), SUM(resolved_at IS NULL AND first_run != ?),"
            " SUM(resolved_at IS NOT NULL AND last_run = ?) FROM violations WHERE severity = 'violation'",
            (run_id, run_id, run_id))
        new, still, resolved = (int(v or 0) for v in rows[0])
        return {"new": new, "open": still, "resolved": resolved}


class RunLock:
    """An flock on ``<db>.lock``, held for the whole run. The kernel releases it if the process dies,
    so a killed run never blocks the next one; the file is never removed (that would race)."""

    def __init__(self, db_path: Path | str) -> None:
        self.path = Path(str(db_path) + ".lock")
        self._file: Any = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "a+", encoding="ascii")
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._file.close()
            raise LockHeld(f"another run holds {self.path}; this one stops without doing anything") from None
        self._file.seek(0)
        self._file.truncate()
        self._file.write(f"{os.getpid()}\n")
        self._file.flush()
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration, one by one (executescript would commit on its own)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


def _original(row: sqlite3.Row) -> Original:
    license = json.loads(row["license"]) if row["license"] else None
    return Original(
        url=row["url"],
        canonical_url=row["canonical_url"],
        title=row["title"],
        authors=tuple(json.loads(row["authors"])),
        published=row["published"],
        license=License(*license) if license else None,
        text=row["text"],
        site_name=row["site_name"],
        media_credits=tuple(MediaCredit(*c) for c in json.loads(row["media_credits"])),
        notices=tuple(json.loads(row["notices"])),
    )


# Queries for the report (read-only).
REPORT_VIOLATIONS = """
SELECT v.id, v.page_url, v.original_id, v.code, v.severity, v.message, v.evidence, v.first_seen, v.last_seen,
       v.resolved_at, v.first_run, v.last_run, p.title AS page_title, p.republisher, p.feed_url,
       o.url AS original_url, o.canonical_url AS original_canonical, o.title AS original_title, o.publisher
FROM violations v JOIN pages p ON p.url = v.page_url LEFT JOIN originals o ON o.id = v.original_id
ORDER BY v.first_seen, v.id
"""
REPORT_REPRODUCTIONS = """
SELECT r.page_url, r.original_id, r.kind, r.containment, r.verdict, r.result, r.checked_at, p.title AS page_title,
       p.republisher, p.feed_url, o.url AS original_url, o.canonical_url AS original_canonical,
       o.title AS original_title, o.publisher
FROM reproductions r JOIN pages p ON p.url = r.page_url JOIN originals o ON o.id = r.original_id
ORDER BY p.republisher, r.page_url
"""
