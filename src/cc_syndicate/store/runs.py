"""Runs, what they announced, and what they repeat once a day.

A violation is announced by the run that prints it, exits 1 for it and writes it into the Atom feed;
:meth:`RunStore.mark_announced` is called only after that, so a run killed (or unable to write its report)
before announcing leaves its violations for the next run to announce.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import Announcement
from .database import Database, now


class RunStore(Database):
    def start_run(self) -> int:
        with self.transaction():
            return int(self.execute("INSERT INTO runs (started_at) VALUES (?)", (now(),)).lastrowid or 0)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.transaction():
            self.execute("UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?", (now(), json.dumps(summary), run_id))

    def last_run(self) -> int | None:
        rows = self.query("SELECT MAX(id) FROM runs WHERE finished_at IS NOT NULL")
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    def violation_counts(self, run_id: int) -> dict[str, int]:
        """new (not announced yet), open (announced, still there), resolved (in the run); a dismissed case's
        findings count nowhere."""
        rows = self.query(
            "SELECT SUM(resolved_at IS NULL AND announced_run IS NULL), SUM(resolved_at IS NULL AND announced_run IS NOT NULL),"
            " SUM(resolved_at IS NOT NULL AND last_run = ?) FROM violations v WHERE severity = 'violation' AND " + NOT_DISMISSED,
            (run_id,))
        new, still, resolved = (int(v or 0) for v in rows[0])
        return {"new": new, "open": still, "resolved": resolved}

    def unannounced(self) -> list[Announcement]:
        """Open violations no run has announced yet (this run's, and those of runs that did not finish
        announcing), but those of dismissed cases."""
        rows = self.query(
            "SELECT v.id, v.page_url, COALESCE(o.canonical_url, o.url) AS original_url, p.republisher, v.code, v.message"
            " FROM violations v JOIN pages p ON p.url = v.page_url LEFT JOIN originals o ON o.id = v.original_id"
            " WHERE v.announced_run IS NULL AND v.resolved_at IS NULL AND v.severity = 'violation' AND " + NOT_DISMISSED +
            " ORDER BY v.id")
        return [Announcement(int(r["id"]), r["page_url"], r["original_url"], r["republisher"], r["code"], r["message"])
                for r in rows]

    def mark_announced(self, run_id: int, up_to_id: int) -> None:
        """Everything not yet announced, up to violation ``up_to_id``, was announced by ``run_id``."""
        with self.transaction():
            self.execute("UPDATE violations SET announced_run = ? WHERE announced_run IS NULL AND id <= ?",
                         (run_id, up_to_id))

    def newest_violation(self) -> int:
        return int(self.query("SELECT COALESCE(MAX(id), 0) FROM violations")[0][0])

    # -- things said once a day while they last ---------------------------------------------------

    def reminded_at(self, topic: str) -> str | None:
        rows = self.query("SELECT said_at FROM reminders WHERE topic = ?", (topic,))
        return rows[0][0] if rows else None

    def save_reminder(self, topic: str, said_at: str | None) -> None:
        """When ``topic`` was last said; None forgets it (the condition is over)."""
        with self.transaction():
            if said_at is None:
                self.execute("DELETE FROM reminders WHERE topic = ?", (topic,))
            else:
                self.execute("INSERT INTO reminders (topic, said_at) VALUES (?, ?) ON CONFLICT(topic) DO UPDATE SET"
                             " said_at = excluded.said_at", (topic, said_at))


# A violation ``v`` whose case an editor has not dismissed.
NOT_DISMISSED = "NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = v.case_id AND c.dismissed_at IS NOT NULL)"
