"""One SQLite connection behind the one error boundary of the store.

Every statement goes through :meth:`Database.execute`, :meth:`Database.query` or a
:meth:`Database.transaction`, and every ``sqlite3.Error`` becomes a :class:`StoreError` in
:meth:`Database.errors`, with a message that says what to do (a read-only file, a full disk, a damaged
database). The connection itself is private, so nothing can step around the boundary.

WAL mode lets readers run beside the writer. Every write happens in a ``BEGIN IMMEDIATE`` transaction (a
deferred one that reads then writes fails at once with "database is locked", whatever the busy timeout).

A read-only store (``report``, ``check --db``) opens with ``mode=ro`` and creates nothing beside the
database: SQLite would create the ``-wal`` and ``-shm`` files of a WAL database for a reader and leave
them behind, so when there is no ``-wal`` (no run is writing, none was killed) the file is complete and
is opened ``immutable``, which needs neither. (A run that starts during such a read writes into its own
``-wal``; only a checkpoint in the middle of the read could change the file under it, and SQLite then
reports it damaged: the message says to try again.)
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .schema import SCHEMA

Row = sqlite3.Row
Params = Sequence[Any]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Database:
    """The connection, its transactions and migrations; the store's concerns are mixins over it."""

    def __init__(self, path: Path | str, readonly: bool = False) -> None:
        """Open (and create or migrate) the database; ``readonly`` opens an existing one for reading only,
        never waits for a run that is writing, and writes nothing."""
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()  # crawler threads read while the main thread writes
        self.notices: list[str] = []  # what had to be repaired on the way, for the command to say once
        with self.errors("cannot open the database"):
            self._db = self._connect()
            try:
                self._db.row_factory = sqlite3.Row
                self._db.execute("PRAGMA foreign_keys = ON")
                if readonly:
                    self._check_version()
                else:
                    self._db.execute("PRAGMA journal_mode = WAL")
                    self._db.execute("PRAGMA synchronous = NORMAL")
                    self._migrate()
            except BaseException:
                self._db.close()
                raise

    def _connect(self) -> sqlite3.Connection:
        options: dict[str, Any] = {"timeout": 30.0, "isolation_level": None, "check_same_thread": False}
        if not self.readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(self.path, f"cannot make the database's folder ({exc.strerror or exc}): "
                                            "pass --db with a path in a folder you can write to") from None
            return sqlite3.connect(self.path, **options)
        if not self.path.is_file():
            raise StoreError(self.path, "no database here: run `cc-syndicate run` first, or pass --db")
        wal = self.path.with_name(self.path.name + "-wal")
        mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?{mode}", uri=True, **options)

    def close(self) -> None:
        with self.errors("cannot close the database"):
            self._db.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the error boundary ---------------------------------------------------------------------

    @contextmanager
    def errors(self, doing: str) -> Iterator[None]:
        """Translate every sqlite3 error raised inside into a StoreError that says what to do."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"{doing} ({exc}): {_fix(exc, self.path)}") from None

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        with self.errors("cannot read or write the database"), self._lock:
            return self._db.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        with self.errors("cannot write the database"), self._lock:
            self._db.executemany(sql, rows)

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        with self.errors("cannot read the database"), self._lock:
            return self._db.execute(sql, params).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction: all of it lands, or none of it."""
        with self._lock:
            with self.errors("cannot start a write"):
                self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            try:
                with self.errors("cannot save"):
                    self._db.execute("COMMIT")
            except StoreError:
                self._rollback()
                raise

    def _rollback(self) -> None:
        try:
            self._db.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the transaction is already gone (SQLite rolls back on some errors itself)

    # -- schema ---------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.query("PRAGMA user_version")[0][0])

    def _check_version(self) -> None:
        if self.schema_version != len(SCHEMA):
            raise StoreError(self.path, f"schema version {self.schema_version}, expected {len(SCHEMA)}: "
                                        "run `cc-syndicate run` once with this version to upgrade it")

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(SCHEMA):
            raise StoreError(self.path, f"the database has schema version {version}, newer than this cc-syndicate "
                                        f"knows ({len(SCHEMA)}); upgrade cc-syndicate")
        for number, script in enumerate(SCHEMA[version:], start=version + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.execute(statement)
                self.execute(f"PRAGMA user_version = {number}")


def _fix(exc: sqlite3.Error, path: Path) -> str:
    """What the user can do about a database error, from SQLite's own error code."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_READONLY"):
        return (f"the database or its folder is read-only for this user: give the user that runs cc-syndicate write "
                f"access to {path} and to {path.absolute().parent} (SQLite writes its journal beside the file), or pass --db")
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")):
        return f"the disk refused the write (full, or a size limit): free space on the disk that holds {path.absolute().parent}"
    if name.startswith("SQLITE_CANTOPEN"):
        return "check that the path is right and that this user may read (and, for a run, write) it and its folder"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "another process kept the database locked for 30 s: wait for it to finish and try again"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return ("the file is damaged or is not a cc-syndicate database (a report read while a run rewrote it: try again): "
                "restore it from a backup, or move it away to start afresh")
    return "check the database file, its folder and the disk"


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
