"""Republished pages, what each reproduces, and the violations over time.

A page's article text is kept only while the report can show it beside an original: for a page that
reproduces one (and until its case has been resolved for ``keep_resolved_texts_days``); of every other
page only a hash and the metadata are kept, so a feed of large unrelated pages does not grow the database.
Every reproduction and every finding belongs to an editors' case (:mod:`.cases`), made as they are recorded.
"""

from __future__ import annotations

import hashlib
import json

from ..models import FeedOutcome, Finding, PageCheck, PageHealth
from ..present import plain
from .cases import CaseStore
from .database import Row, now
from .feeds import FeedStore


class PageStore(FeedStore, CaseStore):
    def page_validators(self, url: str) -> tuple[str | None, str | None]:
        rows = self.query("SELECT etag, last_modified FROM pages WHERE url = ?", (url,))
        return (rows[0]["etag"], rows[0]["last_modified"]) if rows else (None, None)

    def pages_to_recheck(self, not_checked_in_run: int) -> list[Row]:
        """Pages with open violations, and pages that could not be fetched last time."""
        return self.query(
            "SELECT url, feed_url, republisher FROM pages WHERE (status = 'failed' OR url IN "
            "(SELECT page_url FROM violations WHERE resolved_at IS NULL)) AND IFNULL(checked_run, 0) != ? ORDER BY url",
            (not_checked_in_run,),
        )

    def reproduced_by(self, page_url: str) -> list[int]:
        """Originals a page was found to reproduce, or has open violations against."""
        rows = self.query(
            "SELECT original_id FROM reproductions WHERE page_url = ? UNION "
            "SELECT original_id FROM violations WHERE page_url = ? AND resolved_at IS NULL AND original_id IS NOT NULL",
            (page_url, page_url),
        )
        return [int(r[0]) for r in rows]

    def failing_pages(self) -> list[PageHealth]:
        """Pages whose last fetch failed (they are tried again on every run), the longest failing first."""
        rows = self.query("SELECT url, republisher, failing_since, error FROM pages WHERE status = 'failed'"
                          " ORDER BY failing_since, url")
        return [PageHealth(r["url"], r["republisher"], r["failing_since"], r["error"]) for r in rows]

    # -- recording a run's results ---------------------------------------------------------------

    def record_feed(self, outcome: FeedOutcome, run_id: int) -> int:
        """Store one feed's results as a unit; returns how many new violations it brought."""
        with self.transaction():
            self.save_feed_state(outcome.state)
            self.save_entries(outcome.state.url, outcome.entries)
            return sum(self._record_page(page, run_id) for page in outcome.pages)

    def record_page(self, page: PageCheck, run_id: int) -> int:
        with self.transaction():
            return self._record_page(page, run_id)

    def _record_page(self, page: PageCheck, run_id: int) -> int:
        when = now()
        reproduces = any(rep.original_id is not None and rep.kind != "none" for rep in page.reproductions)
        checked = page.status == "checked"
        self.execute(
            "INSERT INTO pages (url, feed_url, republisher, title, text, text_hash, etag, last_modified, status, error,"
            " first_seen, checked_at, checked_run, failing_since) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(url) DO UPDATE SET"
            " title = CASE WHEN excluded.status = 'checked' THEN excluded.title ELSE pages.title END,"
            " text = CASE WHEN excluded.status = 'checked' THEN excluded.text ELSE pages.text END,"
            " text_hash = COALESCE(excluded.text_hash, pages.text_hash),"
            " etag = COALESCE(excluded.etag, pages.etag), last_modified = COALESCE(excluded.last_modified, pages.last_modified),"
            " status = excluded.status, error = excluded.error, checked_at = excluded.checked_at,"
            " checked_run = excluded.checked_run,"
            " failing_since = CASE WHEN excluded.status = 'failed' THEN COALESCE(pages.failing_since, excluded.failing_since) END",
            (page.url, page.feed_url, page.republisher, page.title, page.text if reproduces else "",
             hashlib.sha256(page.text.encode()).hexdigest() if checked else None, page.etag, page.last_modified,
             page.status, page.error, when, when, run_id, when if page.status == "failed" else None),
        )
        if page.status == "not-modified":
            self.execute("UPDATE violations SET last_seen = ?, last_run = ? WHERE page_url = ? AND resolved_at IS NULL",
                         (when, run_id, page.url))
            return 0
        if page.status in ("gone", "excluded"):
            self.execute("UPDATE violations SET resolved_at = ?, last_run = ?, gone = ? WHERE page_url = ? AND resolved_at IS NULL",
                         (when, run_id, int(page.status == "gone"), page.url))
            return 0
        if page.status == "blocked":
            # robots.txt forbids reading the page (or could not be read): what was wrong with it is not
            # known to be gone, so its violations stay open beside the warning.
            return sum(self._update_violations(page.url, rep.original_id, rep.findings, run_id, when, resolve=False)
                       for rep in page.reproductions)
        new = 0
        for rep in page.reproductions:
            if rep.original_id is not None and rep.kind != "none":
                self.case_id(page.url, rep.original_id, when)
                self.execute(
                    "INSERT OR REPLACE INTO reproductions (page_url, original_id, kind, containment, page_share, verdict,"
                    " result, checked_at) VALUES (?,?,?,?,?,?,?,?)",
                    (page.url, rep.original_id, rep.kind, rep.containment, rep.page_share, rep.verdict,
                     json.dumps(rep.result, ensure_ascii=False), when),
                )
            elif rep.original_id is not None:
                self.execute("DELETE FROM reproductions WHERE page_url = ? AND original_id = ?", (page.url, rep.original_id))
            new += self._update_violations(page.url, rep.original_id, rep.findings, run_id, when)
        return new

    def _update_violations(self, page_url: str, original_id: int | None, findings: tuple[Finding, ...], run_id: int,
                           when: str, resolve: bool = True) -> int:
        """Open what is new, refresh what is still there, resolve what is gone (if ``resolve``)."""
        open_rows = {row["code"]: row["id"] for row in self.query(
            "SELECT id, code FROM violations WHERE page_url = ? AND IFNULL(original_id, 0) = IFNULL(?, 0)"
            " AND resolved_at IS NULL", (page_url, original_id))}
        new = 0
        case_id = None
        for f in findings:
            evidence = json.dumps(plain(f.evidence), ensure_ascii=False)
            if f.code in open_rows:
                self.execute("UPDATE violations SET last_seen = ?, last_run = ?, message = ?, evidence = ?,"
                             " severity = ? WHERE id = ?", (when, run_id, f.message, evidence, f.severity, open_rows.pop(f.code)))
            else:
                case_id = case_id or self.case_id(page_url, original_id, when)
                self.execute(
                    "INSERT INTO violations (page_url, original_id, code, severity, message, evidence, first_seen,"
                    " last_seen, first_run, last_run, case_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (page_url, original_id, f.code, f.severity, f.message, evidence, when, when, run_id, run_id, case_id))
                new += f.severity == "violation"
        for violation_id in open_rows.values() if resolve else ():
            self.execute("UPDATE violations SET resolved_at = ?, last_run = ? WHERE id = ?", (when, run_id, violation_id))
        if case_id is not None:
            self.reopen_on_new_codes(case_id, when)
        return new

    # -- retention ------------------------------------------------------------------------------

    def drop_resolved_texts(self, resolved_before: str) -> int:
        """Drop the page texts of cases whose every violation was resolved before ``resolved_before``
        (ISO time): the case, its findings and history stay. Returns how many texts were dropped."""
        with self.transaction():
            cursor = self.execute(
                "UPDATE pages SET text = '' WHERE text != '' AND url IN (SELECT page_url FROM violations"
                " GROUP BY page_url HAVING SUM(resolved_at IS NULL) = 0 AND MAX(resolved_at) < ?)", (resolved_before,))
            return cursor.rowcount

    # -- the report ------------------------------------------------------------------------------

    def case_texts(self, page_url: str, original_id: int) -> tuple[str, str]:
        """(the page's article text, the original's text) for one case page of the report; the page's
        text is empty once retention has dropped it."""
        rows = self.query("SELECT p.text, o.text FROM pages p, originals o WHERE p.url = ? AND o.id = ?",
                          (page_url, original_id))
        return (rows[0][0], rows[0][1]) if rows else ("", "")
