"""The audits of the publishers' own notices, kept for the report's "Our own notices"."""

from __future__ import annotations

import json
from typing import Any

from .database import Database, now


class AuditStore(Database):
    def save_audit(self, result: dict[str, Any]) -> None:
        with self.transaction():
            self.execute("INSERT INTO audits (finished_at, result) VALUES (?, ?)",
                         (now(), json.dumps(result, ensure_ascii=False)))

    def last_audit(self) -> tuple[str, dict[str, Any]] | None:
        """(when, the result) of the latest audit, if there was one."""
        rows = self.query("SELECT finished_at, result FROM audits ORDER BY id DESC LIMIT 1")
        return (rows[0]["finished_at"], json.loads(rows[0]["result"])) if rows else None
