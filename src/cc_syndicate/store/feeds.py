"""What the crawler remembers of each feed (publishers' and republishers'), of the entries it handled,
and of the hosts that asked it to wait."""

from __future__ import annotations

import time
from dataclasses import asdict, fields

from ..models import FeedHealth, FeedState
from .database import Database, now


class FeedStore(Database):
    def feed_state(self, url: str) -> FeedState | None:
        rows = self.query("SELECT * FROM feeds WHERE url = ?", (url,))
        if not rows:
            return None
        return FeedState(**{f.name: rows[0][f.name] for f in fields(FeedState)})

    def save_feed_state(self, state: FeedState) -> None:
        """Insert or update what is known of a feed (call inside a transaction)."""
        values = asdict(state)
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        updates = ", ".join(f"{c} = excluded.{c}" for c in values if c != "url")
        self.execute(f"INSERT INTO feeds ({columns}) VALUES ({marks}) ON CONFLICT(url) DO UPDATE SET {updates}",
                     list(values.values()))

    def mark_listed(self, urls: list[str], run_id: int) -> None:
        """The feeds this run's rules and feeds/ list: only they count in the feed health."""
        with self.transaction():
            self.executemany("UPDATE feeds SET listed_run = ? WHERE url = ?", [(run_id, url) for url in urls])

    def failing_feeds(self, run_id: int | None = None) -> list[FeedHealth]:
        """Feeds that fail or were retired, among those the run ``run_id`` (default: the last finished) listed."""
        if run_id is None:
            rows = self.query("SELECT MAX(id) FROM runs WHERE finished_at IS NOT NULL")
            run_id = rows[0][0] if rows and rows[0][0] is not None else 0
        rows = self.query(
            "SELECT url, name, role, status, failing_since, failures, error, next_try_at FROM feeds"
            " WHERE listed_run = ? AND status IN ('failed', 'retired') ORDER BY failing_since, url", (run_id,))
        return [FeedHealth(r["url"], r["name"], r["role"], r["status"], r["failing_since"], int(r["failures"]),
                           r["error"], r["next_try_at"]) for r in rows]

    # -- entries --------------------------------------------------------------------------------

    def entry_seen(self, feed_url: str, key: str, page_url: str | None) -> bool:
        rows = self.query("SELECT 1 FROM entries WHERE feed_url = ? AND key = ?", (feed_url, key))
        if not rows and page_url:
            rows = self.query("SELECT 1 FROM pages WHERE url = ? AND status != 'failed'", (page_url,))
        return bool(rows)

    def save_entries(self, feed_url: str, entries: tuple[tuple[str, str | None], ...]) -> None:
        """Entries handled, by key and page URL (call inside a transaction)."""
        self.executemany("INSERT OR IGNORE INTO entries (feed_url, key, page_url, seen_at) VALUES (?, ?, ?, ?)",
                         [(feed_url, key, page, now()) for key, page in entries])

    # -- hosts that asked to wait -----------------------------------------------------------------

    def host_waits(self) -> dict[str, float]:
        """Hosts that asked to be left alone, and until when (Unix time)."""
        rows = self.query("SELECT host, until FROM host_waits WHERE until > ?", (time.time(),))
        return {row["host"]: float(row["until"]) for row in rows}

    def save_host_waits(self, waits: dict[str, float]) -> None:
        with self.transaction():
            self.execute("DELETE FROM host_waits")
            self.executemany("INSERT INTO host_waits (host, until) VALUES (?, ?)",
                             [(host, until) for host, until in waits.items() if until > time.time()])
