"""The publishers' originals, the URLs they are known by, and the originals index beside the database.

The index is derived data (``<db>-index.npz``, written to a temporary file and renamed); it records the
last original it holds and is brought up to date from the ``fingerprint`` column, or rebuilt from it when
it is missing or damaged (truncated, not an index at all): a damaged file costs a rebuild and one line
in :attr:`OriginalsStore.notices`, never a failed run. A read-only store never saves it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ..errors import StoreError
from ..index import OriginalsIndex
from ..models import License, MediaCredit, Original
from .database import Database, Row, now


class OriginalsStore(Database):
    def original_id(self, url_key: str) -> int | None:
        rows = self.query("SELECT original_id FROM original_urls WHERE key = ?", (url_key,))
        return int(rows[0][0]) if rows else None

    def add_original(self, original: Original, publisher: str, keys: list[str], fingerprint: np.ndarray) -> int:
        """Save an original under every URL key it is known by (call inside a transaction)."""
        cursor = self.execute(
            "INSERT INTO originals (publisher, url, canonical_url, title, authors, published, license, site_name,"
            " media_credits, notices, text, fingerprint, added_at, images) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                json.dumps(list(original.images)),
            ),
        )
        original_id = int(cursor.lastrowid or 0)
        self.executemany("INSERT OR IGNORE INTO original_urls (key, original_id) VALUES (?, ?)",
                         [(k, original_id) for k in keys])
        return original_id

    def originals(self, ids: list[int]) -> dict[int, tuple[str, Original]]:
        """(publisher, original) by id."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.query(f"SELECT * FROM originals WHERE id IN ({marks})", list(ids))
        return {int(row["id"]): (row["publisher"], _original(row)) for row in rows}

    def original_count(self) -> int:
        return int(self.query("SELECT COUNT(*) FROM originals")[0][0])

    def latest_originals(self, publisher: str, limit: int = 0) -> tuple[int, list[Original]]:
        """(how many originals the publisher has, the latest ``limit`` of them, newest first; all if 0)."""
        total = int(self.query("SELECT COUNT(*) FROM originals WHERE publisher = ?", (publisher,))[0][0])
        rows = self.query("SELECT * FROM originals WHERE publisher = ? ORDER BY id DESC LIMIT ?",
                          (publisher, limit or -1))
        return total, [_original(row) for row in rows]

    def fingerprints(self, after_id: int = 0) -> Iterator[tuple[int, np.ndarray]]:
        rows = self.query("SELECT id, fingerprint FROM originals WHERE id > ? ORDER BY id", (after_id,))
        for original_id, blob in rows:
            yield int(original_id), np.frombuffer(blob, dtype="<u4")

    # -- the index beside the database ------------------------------------------------------------

    @property
    def index_path(self) -> Path:
        return self.path.with_name(self.path.name + "-index.npz")

    def load_index(self) -> OriginalsIndex:
        """The saved index brought up to date with the originals added since it was saved."""
        index, damaged = self._saved_index()
        newest = self.query("SELECT COALESCE(MAX(id), 0) FROM originals")[0][0]
        if index.watermark > newest:
            index = OriginalsIndex()  # the database was replaced by an older one
        added = 0
        for original_id, keys in self.fingerprints(after_id=index.watermark):
            index.add(original_id, keys)
            added += 1
        if not self.readonly and (damaged or added > max(1000, len(index) // 10)):
            self.save_index(index)
        return index

    def _saved_index(self) -> tuple[OriginalsIndex, bool]:
        """The index as saved, and whether a damaged file had to be set aside."""
        try:
            return OriginalsIndex.from_bytes(self.index_path.read_bytes()), False
        except FileNotFoundError:
            return OriginalsIndex(), False
        except (ValueError, OSError) as exc:
            what = "rebuilt it from the database" if not self.readonly else "rebuilding it in memory (read-only)"
            self.notices.append(f"the originals index {self.index_path} was unreadable ({exc}); {what}")
            return OriginalsIndex(), True

    def save_index(self, index: OriginalsIndex) -> None:
        data = index.to_bytes()
        try:
            fd, tmp = tempfile.mkstemp(prefix=self.index_path.name, dir=self.index_path.parent)
        except OSError as exc:
            raise StoreError(self.index_path, f"cannot save the index ({exc.strerror or exc}): the database's "
                                              "folder must be writable by the user that runs cc-syndicate") from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.index_path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise StoreError(self.index_path, f"cannot save the index ({exc.strerror or exc}): free space on its "
                                              "disk, or make its folder writable") from None


def _original(row: Row) -> Original:
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
        images=tuple(json.loads(row["images"])),
    )
