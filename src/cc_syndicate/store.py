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

import json
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from .errors import StoreError
from .index import OriginalsIndex
from .models import FeedState, License, MediaCredit, Original

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
]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """One SQLite database; open it once per command and close it (or use ``with``)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = NORMAL")
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
                for statement in script.split(";\n"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it lands, or none of it."""
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
        try:
            cursor = self.db.execute("SELECT id, fingerprint FROM originals WHERE id > ? ORDER BY id", (after_id,))
            for original_id, blob in cursor:
                yield int(original_id), np.frombuffer(blob, dtype="<u4")
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"cannot read the fingerprints ({exc})") from None

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
