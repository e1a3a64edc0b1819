"""Editors' cases: one per republished page and original, the actions people took, and the reading of
cases with their findings for the command line, the report and the editors' pages.

A case is made the first time a run records a reproduction or a finding for its page and original
(:meth:`CaseStore.case_id`, inside the run's transaction); findings carry its id. An action is checked
against the case's triage by :func:`cc_syndicate.cases.apply` and stored with the new triage in one
transaction, so the trail and the state never disagree. A run that records a finding of a new code on a
dismissed case reopens it, as ``cc-syndicate``, in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from .. import cases as lifecycle
from ..cases import CaseAction, CaseFacts, FindingRecord, Triage
from ..errors import UsageError
from ..urls import article_key
from .database import Database, Row


class CaseStore(Database):
    # -- made by runs ----------------------------------------------------------------------------

    def case_id(self, page_url: str, original_id: int | None, when: str) -> int:
        """The case of a page and an original, made now if there is none (call inside a transaction)."""
        rows = self.query("SELECT id FROM cases WHERE page_url = ? AND IFNULL(original_id, 0) = IFNULL(?, 0)",
                          (page_url, original_id))
        if rows:
            return int(rows[0][0])
        cursor = self.execute("INSERT INTO cases (page_url, original_id, opened_at) VALUES (?, ?, ?)",
                              (page_url, original_id, when))
        return int(cursor.lastrowid or 0)

    def reopen_on_new_codes(self, case_id: int, when: str) -> tuple[str, ...]:
        """Reopen a dismissed case whose page now shows a finding of a code it was not dismissed with
        (call inside a transaction, after the findings are recorded); returns those codes."""
        triage = self._triage(case_id)
        rows = self.query("SELECT DISTINCT code, severity FROM violations WHERE case_id = ? AND resolved_at IS NULL",
                          (case_id,))
        new = lifecycle.reopens(triage, [r[0] for r in rows], [r[0] for r in rows if r[1] == "policy"])
        if new:
            action = lifecycle.reopened(lifecycle.SYSTEM_ACTOR, datetime.fromisoformat(when), codes=new,
                                        note="new findings: " + ", ".join(new))
            self._save_action(case_id, action, lifecycle.apply(triage, action))
        return new

    # -- actions ---------------------------------------------------------------------------------

    def act(self, case_id: int, action: CaseAction) -> Triage:
        """Record ``action`` on the case and its effect, as one unit; an action that does not fit the
        case's state is refused (:class:`UsageError`) and nothing is written. A dismissal records the
        codes open at that moment (read in the same transaction): only another code reopens the case."""
        with self.transaction():
            if action.kind == "dismissed":
                action = replace(action, codes=self._open_codes(case_id))
            triage = lifecycle.apply(self._triage(case_id), action)
            self._save_action(case_id, action, triage)
        return triage

    def _open_codes(self, case_id: int) -> tuple[str, ...]:
        rows = self.query("SELECT DISTINCT code FROM violations WHERE case_id = ? AND resolved_at IS NULL ORDER BY code",
                          (case_id,))
        return tuple(r[0] for r in rows)

    def _save_action(self, case_id: int, action: CaseAction, triage: Triage) -> None:
        self.execute("INSERT INTO case_actions (case_id, kind, at, by, via, reason, note, day, codes) VALUES (?,?,?,?,?,?,?,?,?)",
                     (case_id, action.kind, action.at, action.by, action.via, action.reason, action.note, action.day,
                      json.dumps(list(action.codes))))
        self.execute("UPDATE cases SET notified_at = ?, notified_via = ?, dismissed_at = ?, dismissed_reason = ?,"
                     " dismissed_note = ?, dismissed_codes = ? WHERE id = ?",
                     (triage.notified_at, triage.notified_via, triage.dismissed_at, triage.dismissed_reason,
                      triage.dismissed_note, json.dumps(list(triage.dismissed_codes)), case_id))

    def _triage(self, case_id: int) -> Triage:
        rows = self.query("SELECT * FROM cases WHERE id = ?", (case_id,))
        if not rows:
            raise UsageError(f"there is no case {case_id}: `cc-syndicate case list` shows the cases and their IDs")
        return _triage(rows[0])

    def case_actions(self, case_id: int | None = None) -> dict[int, list[CaseAction]]:
        """The audit trail, oldest first, by case (of one case, or of all)."""
        where, params = ("WHERE case_id = ?", (case_id,)) if case_id is not None else ("", ())
        trail: dict[int, list[CaseAction]] = {}
        for row in self.query(f"SELECT * FROM case_actions {where} ORDER BY id", params):
            trail.setdefault(int(row["case_id"]), []).append(CaseAction(
                row["kind"], row["at"], row["by"], via=row["via"], reason=row["reason"], note=row["note"],
                day=row["day"], codes=tuple(json.loads(row["codes"]))))
        return trail

    # -- reading ---------------------------------------------------------------------------------

    def case_facts(self, case_ids: Sequence[int] | None = None) -> list[CaseFacts]:
        """Cases with their page, original, triage and findings (of ``case_ids``, or all), by id."""
        with self._lock:
            where, params = _ids(case_ids, "c.id")
            rows = self.query(CASES + where + " ORDER BY c.id", params)
            where, params = _ids(case_ids, "case_id")
            findings: dict[int, list[FindingRecord]] = {}
            for f in self.query(FINDINGS + (where and where.replace("WHERE", "AND")) + " ORDER BY id", params):
                findings.setdefault(int(f["case_id"]), []).append(_finding(f))
        return [_facts(row, tuple(findings.get(int(row["id"]), ()))) for row in rows]

    def find_cases(self, reference: str) -> list[CaseFacts]:
        """The cases ``reference`` names: an ID (``12`` or ``#12``) or a republished page's URL (in any
        spelling of that article: scheme, ``www.``, tracking parameters aside)."""
        text = reference.strip()
        if text.lstrip("#").isdigit():
            return self.case_facts([int(text.lstrip("#"))])
        wanted = article_key(text)
        rows = self.query("SELECT id, page_url FROM cases ORDER BY id")
        return self.case_facts([int(r["id"]) for r in rows if r["page_url"] == text or article_key(r["page_url"]) == wanted])

    def one_case(self, reference: str) -> CaseFacts:
        """The one case ``reference`` names; none, or several (one page against several originals), is
        refused with what to do."""
        found = self.find_cases(reference)
        if len(found) == 1:
            return found[0]
        if not found:
            raise UsageError(f"no case is known as {reference!r}: `cc-syndicate case list` shows the cases, their IDs "
                             "and pages")
        listed = "; ".join(f"#{c.id} against {c.original_url or 'an unknown original'}" for c in found)
        raise UsageError(f"{reference} has {len(found)} cases, one per original it reproduces ({listed}): "
                         "pass the case's ID instead of the URL")

    def case_result(self, page_url: str, original_id: int | None) -> dict[str, Any] | None:
        """The stored check result of a case's reproduction (any format version), if it has one."""
        rows = self.query("SELECT result FROM reproductions WHERE page_url = ? AND original_id = ?", (page_url, original_id))
        return json.loads(rows[0][0]) if rows else None

    def case_results(self) -> dict[tuple[str, int], dict[str, Any]]:
        """Every stored check result, by (page URL, original id)."""
        return {(r["page_url"], int(r["original_id"])): json.loads(r["result"])
                for r in self.query("SELECT page_url, original_id, result FROM reproductions")}

    def result_languages(self) -> set[str]:
        """The publishers' languages, as the stored check results name them."""
        rows = self.query("SELECT DISTINCT json_extract(result, '$.language') FROM reproductions")
        return {str(r[0]) for r in rows if r[0]}

    def feed_contacts(self) -> dict[str, tuple[str, str | None]]:
        """(feed name, contact) by feed URL: who to write to about a page found in that feed."""
        return {row["url"]: (row["name"], row["contact"]) for row in self.query("SELECT url, name, contact FROM feeds")}


def _ids(case_ids: Sequence[int] | None, column: str) -> tuple[str, list[int]]:
    if case_ids is None:
        return "", []
    ids = list(case_ids)
    return f" WHERE {column} IN ({','.join('?' * len(ids)) or 'NULL'})", ids


def _triage(row: Row) -> Triage:
    return Triage(notified_at=row["notified_at"], notified_via=row["notified_via"], dismissed_at=row["dismissed_at"],
                  dismissed_reason=row["dismissed_reason"], dismissed_note=row["dismissed_note"],
                  dismissed_codes=tuple(json.loads(row["dismissed_codes"])))


def _finding(row: Row) -> FindingRecord:
    return FindingRecord(int(row["id"]), row["code"], row["severity"], row["message"], json.loads(row["evidence"]),
                         row["first_seen"], row["last_seen"], row["resolved_at"], bool(row["gone"]))


def _facts(row: Row, findings: tuple[FindingRecord, ...]) -> CaseFacts:
    return CaseFacts(
        id=int(row["id"]), page_url=row["page_url"], original_id=row["original_id"],
        republisher=row["republisher"] or "", feed_url=row["feed_url"] or "", page_title=row["page_title"] or "",
        page_status=row["page_status"] or "", original_url=row["original_canonical"] or row["original_url"] or "",
        original_title=row["original_title"] or "", publisher=row["publisher"] or "", opened_at=row["opened_at"],
        triage=_triage(row), findings=findings,
    )


CASES = """
SELECT c.*, p.republisher, p.feed_url, p.title AS page_title, p.status AS page_status, o.url AS original_url,
       o.canonical_url AS original_canonical, o.title AS original_title, o.publisher
FROM cases c LEFT JOIN pages p ON p.url = c.page_url LEFT JOIN originals o ON o.id = c.original_id"""
FINDINGS = "SELECT * FROM violations WHERE case_id IS NOT NULL"
