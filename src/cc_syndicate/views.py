"""Typed views of cases for people: the static report and the editors' live pages render these, through
the same templates (:mod:`.render`).

Everything here is data in words: requirements in plain words (the code kept beside, for a tooltip),
evidence as sentences (never JSON or CSS selectors), statuses and dates ready for the templates. Views
are built from the store's :class:`~cc_syndicate.cases.CaseFacts` and the stored check results, read
through :func:`read_result` whatever their format version, in the report's language (:mod:`.i18n`).

Entry points (the API the report and the editors' pages share):

- :func:`report_view` — everything the report shows (totals, republishers, history by day, cases, the
  last audit of the publishers' own notices);
- :func:`case_view` — one case by id, with its texts side by side, for its own page;
- :func:`republisher_view` — one republisher's cases, from a report view;
- :func:`case_json` — a case as ``case list --json`` prints it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from . import cases as lifecycle
from . import phrases
from .attribution import notice as compose_notice
from .cases import CaseAction, CaseFacts, FindingRecord, parse_time
from .checks import POLICY_REQUIREMENTS, REQUIREMENTS
from .i18n import translations
from .models import Attribution, FeedHealth, PageHealth
from .text import excerpt, key, split_sentences

RESULT_FORMAT = 2  # the stored check result: 1 had no "format"; 2 adds it and each requirement's "name"
# An open case's gravest finding decides how it is shown: a licence violation, a warning, or only a request
# of the publisher's policy (severity policy: never a violation, counted apart everywhere).
SEVERITIES = ("violation", "warning", "policy")
HISTORY_DAYS = 60
_EMAIL = re.compile(r"[^@\s<>\"'(),;:\\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,}")
_CODE_REQUIREMENT = {code: r.name for r in REQUIREMENTS for code in r.codes if code != "attribution-hidden"}

Gettext = Callable[[str], str]


# ---------------------------------------------------------------------------------------------
# The stored check result, of any format version
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredRequirement:
    name: str  # "source_name"; "" in results stored before format 2
    label: str  # as the check named it, in the rules' language
    status: str  # met, missing, hidden, not-applicable
    detail: str
    fix: str
    code: str | None


@dataclass(frozen=True)
class StoredChange:
    kind: str  # changed, added, removed
    original: str
    page: str


@dataclass(frozen=True)
class StoredResult:
    """What a run stored of a check: the parts the views read."""

    format: int
    verdict: str
    match_kind: str
    containment: float
    modified: bool
    compared: str
    changes: tuple[StoredChange, ...]
    requirements: tuple[StoredRequirement, ...]
    language: str
    author: str
    license: str
    credit_text: str
    credit_html: str


def read_result(data: Mapping[str, Any] | None) -> StoredResult:
    """A stored result of any format version (1: no ``format`` key, no requirement names) as one type."""
    data = data or {}
    match = data.get("match") or {}
    original = data.get("original") or {}
    credit = data.get("suggested_attribution") or {}
    return StoredResult(
        format=int(data.get("format", 1)),
        verdict=str(data.get("verdict", "")),
        match_kind=str(match.get("kind", "")),
        containment=float(match.get("containment") or 0.0),
        modified=bool(match.get("modified")),
        compared=str(match.get("compared") or ""),
        changes=tuple(StoredChange(c.get("kind", ""), c.get("original") or "", c.get("page") or "")
                      for c in match.get("changes") or []),
        requirements=tuple(StoredRequirement(r.get("name", ""), r.get("requirement", ""), r.get("status", ""),
                                             r.get("detail", ""), r.get("fix", ""), r.get("code"))
                           for r in data.get("requirements") or []),
        language=str(data.get("language") or "en"),
        author=str(original.get("author") or ""),
        license=str(original.get("license") or ""),
        credit_text=str(credit.get("text") or ""),
        credit_html=str(credit.get("html") or ""),
    )


# ---------------------------------------------------------------------------------------------
# The views
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingView:
    id: int
    code: str  # for the tooltip and for machines
    severity: str
    requirement: str  # in plain words
    message: str
    evidence: tuple[str, ...]  # sentences
    status: str  # new, open, resolved, gone, dismissed
    first_seen: str
    last_seen: str
    resolved_at: str | None
    details: Mapping[str, Any] = field(default_factory=dict)  # the evidence as data, for machines (violations.json)


@dataclass(frozen=True)
class RequirementView:
    label: str
    status: str  # met, missing, hidden, not-applicable, warning: also the CSS class
    detail: str  # what is wrong (empty when met: the details of a met requirement name page elements)
    fix: str
    code: str
    policy: bool = False  # a request of the publisher's policy ([policy]), not a condition of the licence


@dataclass(frozen=True)
class ActionView:
    kind: str  # notified, dismissed, reopened, note
    at: str
    by: str
    via: str | None
    reason: str | None
    note: str
    day: str | None
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    """One line of a case's history, which the case page shows by day."""

    at: str
    kind: str  # found, resolved, gone (a finding); notified, dismissed, reopened, note (an action)
    what: str  # the requirement in plain words (a finding); how, or why (an action)
    code: str
    by: str
    note: str

    @property
    def day(self) -> str:
        return parse_time(self.at).date().isoformat()


@dataclass(frozen=True)
class NoticeView:
    """The letter to the republisher: its header lines apart, so the letter copies without them."""

    to: str | None
    subject: str
    letter: str
    mailto: str | None  # a mailto: URL when the contact is an e-mail address


@dataclass(frozen=True)
class Sentence:
    text: str
    mark: str  # "", "changed", "added", "removed"


@dataclass(frozen=True)
class CaseView:
    id: int
    path: str  # the case's page in the static report, relative to its folder ("cases/<slug>-<hash>.html")
    status: str  # new, open, resolved, gone, dismissed, compliant
    is_violation: bool  # counts as a violation today (open, not dismissed, some finding of severity violation)
    severity: str  # the gravest open finding's: violation, warning or policy; "" when none is open
    age: str  # "day" (first seen in the last 24 hours), "week" (7 days), "older"
    page_url: str
    page_title: str
    republisher: str
    contact: str | None
    original_id: int | None
    original_url: str
    original_title: str
    publisher: str
    license: str
    verdict: str
    compared: str
    codes: tuple[str, ...]  # open codes
    problems: tuple[str, ...]  # the licence's requirements the open findings break, in plain words
    asked: tuple[str, ...]  # the publisher's policy requests the page does not follow (severity policy)
    findings: tuple[FindingView, ...]  # the open findings, or the last ones when none is open
    history: tuple[FindingView, ...]  # every finding, oldest first
    opened_at: str
    since: str
    days_open: int
    last_seen: str
    ended_at: str | None  # when the last finding ended, for a resolved or gone case
    changed_at: str
    notified_at: str | None
    notified_via: str | None
    cure_deadline: str | None
    days_since_notice: int | None
    past_deadline: bool
    dismissed_at: str | None
    dismissed_reason: str | None
    dismissed_note: str
    actions: tuple[ActionView, ...]
    timeline: tuple[Event, ...]  # findings and actions, newest first
    requirements: tuple[RequirementView, ...]
    changes: tuple[StoredChange, ...]
    notice: NoticeView | None  # None when there is nothing to ask
    credit_text: str
    credit_html: str
    original_text: tuple[tuple[Sentence, ...], ...] = ()  # filled by with_texts, for the case's own page
    page_text: tuple[tuple[Sentence, ...], ...] = ()


@dataclass(frozen=True)
class RepublisherView:
    name: str
    contact: str | None
    cases: tuple[CaseView, ...]
    reproductions: int  # cases with a reproduction, dismissed ones left out
    compliant: int  # of those, how many are not violations today
    policy: int = 0  # its open cases where the publisher's policy is not followed (not violations)

    @property
    def share(self) -> float:
        return self.compliant / self.reproductions if self.reproductions else 1.0

    @property
    def current(self) -> tuple[CaseView, ...]:
        return tuple(c for c in self.cases if c.status in ("new", "open"))


@dataclass(frozen=True)
class Totals:
    open: int  # cases that are violations today
    new_day: int  # of those, first seen in the last 24 hours
    new_week: int  # ... in the last 7 days
    notified: int
    past_deadline: int
    warnings: int  # open cases with warnings and no violation
    resolved: int
    gone: int
    dismissed: int
    policy: int = 0  # requests of the publishers' policy not followed, in open cases: never violations
    policy_cases: int = 0  # the open cases that have them


@dataclass(frozen=True)
class DayCount:
    day: str  # ISO date (UTC)
    open: int  # cases that were violations at the end of that day


@dataclass(frozen=True)
class OwnFinding:
    code: str  # for the tooltip and for machines
    severity: str  # violation (a republisher cannot tell what the licence allows) or warning
    problem: str  # in plain words
    message: str  # as the audit wrote it, in the publisher's language
    fix: str


@dataclass(frozen=True)
class OwnCount:
    code: str
    severity: str
    problem: str
    articles: int


@dataclass(frozen=True)
class OwnArticle:
    url: str
    title: str
    findings: tuple[OwnFinding, ...]


@dataclass(frozen=True)
class OwnPublisher:
    """One publisher's part of an audit of its own notices."""

    name: str
    license: str  # as the rules name it
    source: str  # "database" or "feeds": where the articles audited came from
    articles: tuple[OwnArticle, ...]
    counts: tuple[OwnCount, ...]  # each problem found, on how many of the articles
    notice_license: str  # the licence the proposed notice names
    notice_html: str  # the notice to put in the article template
    notice_text: str
    unread: tuple[str, ...]  # pages and feeds that could not be read (never findings)


@dataclass(frozen=True)
class OwnNotices:
    """The last ``cc-syndicate audit``: the report's "Our own notices"."""

    audited_at: str
    publishers: tuple[OwnPublisher, ...]


@dataclass(frozen=True)
class ReportView:
    generated_at: str
    language: str
    totals: Totals
    cases: tuple[CaseView, ...]  # every case, most urgent first
    republishers: tuple[RepublisherView, ...]  # least compliant first
    history: tuple[DayCount, ...]
    failing_feeds: tuple[FeedHealth, ...] = ()
    failing_pages: tuple[PageHealth, ...] = ()
    own_notices: OwnNotices | None = None  # the last audit of the publishers' own notices, if there was one

    @property
    def current(self) -> tuple[CaseView, ...]:
        return tuple(c for c in self.cases if c.status in ("new", "open"))

    def case(self, case_id: int) -> CaseView | None:
        return next((c for c in self.cases if c.id == case_id), None)


# ---------------------------------------------------------------------------------------------
# Building them from the store
# ---------------------------------------------------------------------------------------------


def report_view(store: Any, now: datetime, language: str) -> ReportView:
    """Everything the report shows, from the store (a :class:`~cc_syndicate.store.Store`)."""
    facts = store.case_facts()
    results = store.case_results()
    trail = store.case_actions()
    contacts = store.feed_contacts()
    views = [build_case(f, now, language, result=results.get((f.page_url, f.original_id or 0)),
                        actions=trail.get(f.id, ()), contact=_contact(contacts.get(f.feed_url), f.republisher))
             for f in facts]
    reproduced = {f.id for f in facts if (f.page_url, f.original_id or 0) in results}
    views.sort(key=_urgency)
    last_run = store.last_run()
    audit = store.last_audit()
    return ReportView(
        generated_at=_iso(now),
        language=language,
        totals=_totals(views),
        cases=tuple(views),
        republishers=tuple(_republishers(views, reproduced)),
        history=tuple(history(facts, now)),
        failing_feeds=tuple(store.failing_feeds(last_run or 0)),
        failing_pages=tuple(store.failing_pages()),
        own_notices=own_notices(audit[0], audit[1], language) if audit else None,
    )


def case_view(store: Any, case_id: int, now: datetime, language: str) -> CaseView | None:
    """One case for its own page: with its trail, notice and both texts side by side."""
    found = store.case_facts([case_id])
    if not found:
        return None
    facts = found[0]
    contacts = store.feed_contacts()
    view = build_case(facts, now, language, result=store.case_result(facts.page_url, facts.original_id),
                      actions=store.case_actions(case_id).get(case_id, ()),
                      contact=_contact(contacts.get(facts.feed_url), facts.republisher))
    return with_texts(store, view)


def republisher_view(report: ReportView, name: str) -> RepublisherView | None:
    return next((r for r in report.republishers if r.name == name), None)


def own_notices(audited_at: str, result: Mapping[str, Any], language: str) -> OwnNotices:
    """The last audit of the publishers' own notices, from what ``audit`` stored (the JSON it prints)."""
    publishers = []
    for p in result.get("publishers") or []:
        name = str(p.get("name") or "")
        articles = tuple(OwnArticle(str(a.get("url") or ""), str(a.get("title") or a.get("url") or ""),
                                    tuple(_own_finding(f, language) for f in a.get("findings") or []))
                         for a in result.get("articles") or [] if a.get("publisher", name) == name)
        notice = p.get("suggested_notice") or {}
        publishers.append(OwnPublisher(
            name=name, license=str(p.get("license") or ""), source=str(p.get("source") or ""), articles=articles,
            counts=_own_counts(articles), notice_license=str(p.get("notice_license") or ""),
            notice_html=str(notice.get("html") or ""), notice_text=str(notice.get("text") or ""),
            unread=tuple(_unread(str(u.get("url") or ""), str(u.get("error") or "")) for u in p.get("problems") or []),
        ))
    return OwnNotices(audited_at, tuple(publishers))


def _own_finding(f: Mapping[str, Any], language: str) -> OwnFinding:
    code = str(f.get("code") or "")
    evidence = f.get("evidence")
    fix = evidence.get("fix") if isinstance(evidence, Mapping) else None
    return OwnFinding(code, str(f.get("severity") or ""), own_problem(code, language), str(f.get("message") or ""),
                      str(fix or ""))


def _unread(url: str, error: str) -> str:
    """A page or feed the audit could not read, and why (the error names the URL most of the time)."""
    return error if not url or error.startswith(url) else f"{url}: {error}"


def _own_counts(articles: Iterable[OwnArticle]) -> tuple[OwnCount, ...]:
    """Each problem, in the order first found, with how many articles have it."""
    found: dict[str, tuple[OwnFinding, int]] = {}
    for article in articles:
        for f in {f.code: f for f in article.findings}.values():
            first, count = found.get(f.code, (f, 0))
            found[f.code] = (first, count + 1)
    return tuple(OwnCount(f.code, f.severity, f.problem, n) for f, n in found.values())


def own_problem(code: str, language: str) -> str:
    """What an audit's finding code says is wrong with a publisher's own notice, in plain words."""
    _ = translations(language).gettext
    words = {
        "notice-missing": _("no licence notice"),
        "notice-no-version": _("the licence named without its version"),
        "notice-mismatch": _("the notice names another licence than the rules"),
        "notice-not-machine-readable": _("no licence machines can read"),
        "notice-reservation": _("rights reserved beside the licence"),
        "media-not-excluded": _("media credited to others not excluded from the licence"),
        "byline-missing": _("no author byline"),
        "canonical-missing-on-original": _("no canonical URL"),
    }
    return words.get(code, code)


def with_texts(store: Any, view: CaseView) -> CaseView:
    """The case with both texts split into sentences, each marked with the change it took part in."""
    if view.original_id is None:
        return view
    page_text, original_text = store.case_texts(view.page_url, view.original_id)
    return replace(view, original_text=marked(original_text, view.changes, "original", {"changed", "removed"}),
                   page_text=marked(page_text, view.changes, "page", {"changed", "added"}))


def marked(text: str, changes: Iterable[StoredChange], side: str, kinds: set[str]) -> tuple[tuple[Sentence, ...], ...]:
    marks = {key(getattr(c, side)): c.kind for c in changes if c.kind in kinds and getattr(c, side)}
    return tuple(tuple(Sentence(s, marks.get(key(s), "")) for s in split_sentences(paragraph))
                 for paragraph in (text or "").splitlines() if paragraph.strip())


def build_case(facts: CaseFacts, now: datetime, language: str, *, result: Mapping[str, Any] | None = None,
               actions: Iterable[CaseAction] = (), contact: str | None = None) -> CaseView:
    """A case in words (pure): ``result`` is its stored check result, ``actions`` its trail."""
    stored = read_result(result)
    trail = tuple(actions)
    status = lifecycle.status(facts, now)
    history_views = tuple(_finding_view(f, facts, now, language) for f in facts.findings)
    current = tuple(v for v in history_views if v.resolved_at is None) or _last_findings(history_views)
    since = lifecycle.since(facts)
    triage = facts.triage
    deadline = triage.cure_deadline
    open_now = status in ("new", "open")
    ended = max((f.resolved_at for f in facts.findings if f.resolved_at), default=None) if not facts.open_findings else None
    return CaseView(
        id=facts.id,
        path=case_path(facts.page_url, facts.original_id, facts.republisher, facts.page_title),
        status=status,
        is_violation=lifecycle.counts_as_violation(facts, now),
        severity=gravest(f.severity for f in facts.open_findings),
        age=_age(since, now) if open_now else "older",
        page_url=facts.page_url,
        page_title=facts.page_title or facts.page_url,
        republisher=facts.republisher,
        contact=contact,
        original_id=facts.original_id,
        original_url=facts.original_url,
        original_title=facts.original_title or facts.original_url,
        publisher=facts.publisher,
        license=stored.license,
        verdict=stored.verdict,
        compared=stored.compared,
        codes=facts.open_codes,
        problems=tuple(dict.fromkeys(v.requirement for v in history_views if v.resolved_at is None and v.severity != "policy")),
        asked=tuple(dict.fromkeys(v.requirement for v in history_views if v.resolved_at is None and v.severity == "policy")),
        findings=current,
        history=history_views,
        opened_at=facts.opened_at,
        since=since,
        days_open=lifecycle.days_between(since, parse_time(ended) if ended else now),
        last_seen=max((f.last_seen for f in facts.findings), default=facts.opened_at),
        ended_at=ended,
        changed_at=lifecycle.changed_at(facts, trail),
        notified_at=triage.notified_at,
        notified_via=triage.notified_via,
        cure_deadline=deadline,
        days_since_notice=lifecycle.days_since_notice(triage, now),
        past_deadline=bool(open_now and deadline and deadline < now.date().isoformat()),
        dismissed_at=triage.dismissed_at,
        dismissed_reason=triage.dismissed_reason,
        dismissed_note=triage.dismissed_note,
        actions=tuple(ActionView(a.kind, a.at, a.by, a.via, a.reason, a.note, a.day, a.codes) for a in trail),
        timeline=_timeline(history_views, trail),
        requirements=tuple(_requirement_view(r, language) for r in stored.requirements if r.status != "not-applicable"),
        changes=stored.changes,
        notice=_notice(facts, stored, contact) if open_now else None,
        credit_text=stored.credit_text,
        credit_html=stored.credit_html,
    )


def case_json(view: CaseView) -> dict[str, Any]:
    """A case as ``case list --json`` prints it."""
    return {
        "id": view.id, "page_url": view.page_url, "original_url": view.original_url or None,
        "republisher": view.republisher, "status": view.status, "codes": list(view.codes),
        "notified_at": view.notified_at, "cure_deadline": view.cure_deadline,
        "dismissed_reason": view.dismissed_reason, "page_title": view.page_title,
        "original_title": view.original_title, "publisher": view.publisher, "since": view.since,
        "last_seen": view.last_seen, "days_open": view.days_open, "is_violation": view.is_violation,
        "severity": view.severity or None,
    }


def case_path(page_url: str, original_id: int | None, republisher: str, title: str | None) -> str:
    """``cases/<slug>-<hash>.html``: readable, unique, and safe whatever the site calls itself."""
    ascii_text = unicodedata.normalize("NFKD", f"{republisher} {title or ''}").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-") or "page"
    digest = hashlib.sha1(f"{page_url}\n{original_id}".encode()).hexdigest()[:10]
    return f"cases/{slug}-{digest}.html"


def mailto(address: str | None, subject: str, body: str) -> str | None:
    """A ``mailto:`` URL for a plain e-mail address (anything else, e.g. a contact form's URL, gets none)."""
    if not address or not _EMAIL.fullmatch(address.strip()):
        return None
    return f"mailto:{quote(address.strip(), safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def _contact(feed: tuple[str, str | None] | None, republisher: str) -> str | None:
    """The feed's contact, for a page charged to that feed's republisher (not for a third party's page in it)."""
    return feed[1] if feed is not None and feed[0] == republisher else None


def _notice(facts: CaseFacts, stored: StoredResult, contact: str | None) -> NoticeView | None:
    codes = [c for c in facts.open_codes if c != "blocked-by-robots"]
    if not codes or facts.original_id is None:
        return None
    text = compose_notice(
        language=stored.language, codes=codes, republisher=facts.republisher, contact=contact,
        page_title=facts.page_title, page_url=facts.page_url, original_title=facts.original_title,
        original_url=facts.original_url, author=stored.author, publisher=facts.publisher, license=stored.license,
        suggestion=Attribution(stored.credit_html, stored.credit_text),
    )
    head, _, letter = text.partition("\n\n")
    headers = head.splitlines()
    subject = headers[-1].split(":", 1)[-1].strip()
    return NoticeView(to=contact, subject=subject, letter=letter, mailto=mailto(contact, subject, letter))


def _finding_view(f: FindingRecord, facts: CaseFacts, now: datetime, language: str) -> FindingView:
    if f.open:
        recent = lifecycle.is_recent(f.first_seen, now, hours=lifecycle.NEW_HOURS)
        status = "dismissed" if facts.triage.dismissed else "new" if recent else "open"
    else:
        status = "gone" if f.gone else "resolved"
    return FindingView(f.id, f.code, f.severity, requirement_label(f.code, language), f.message,
                       evidence_sentences(f.code, f.evidence, language), status, f.first_seen, f.last_seen, f.resolved_at,
                       f.evidence)


def _timeline(findings: Iterable[FindingView], actions: Iterable[CaseAction]) -> tuple[Event, ...]:
    events = []
    for f in findings:
        events.append(Event(f.first_seen, "found", f.requirement, f.code, "", ""))
        if f.resolved_at:
            events.append(Event(f.resolved_at, "gone" if f.status == "gone" else "resolved", f.requirement, f.code, "", ""))
    for a in actions:
        events.append(Event(a.day or a.at, a.kind, a.via or a.reason or "", ", ".join(a.codes), a.by, a.note))
    # newest first, and two events of the same second in the reverse of the order they were recorded
    ordered = sorted(enumerate(events), key=lambda pair: (parse_time(pair[1].at), pair[0]))
    return tuple(event for _, event in reversed(ordered))


def _last_findings(views: tuple[FindingView, ...]) -> tuple[FindingView, ...]:
    if not views:
        return ()
    last = max(v.resolved_at or "" for v in views)
    return tuple(v for v in views if v.resolved_at == last)


def _requirement_view(r: StoredRequirement, language: str) -> RequirementView:
    label = phrases.say(phrases.language_of(language), f"requirement.{r.name}") if r.name else r.label
    status = "warning" if r.code == "third-party-media" and r.status == "missing" else r.status
    met = r.status == "met"
    return RequirementView(label=label, status=status, detail="" if met else _capital(r.detail),
                           fix="" if met else r.fix, code=r.code or "", policy=r.name in POLICY_REQUIREMENTS)


def requirement_label(code: str, language: str) -> str:
    """The requirement a finding code breaks, in plain words."""
    _ = translations(language).gettext
    if code == "attribution-hidden":
        return _("credit visible to readers")
    if code == "blocked-by-robots":
        return _("page open to the checker")
    name = _CODE_REQUIREMENT.get(code)
    return phrases.say(phrases.language_of(language), f"requirement.{name}") if name else code


def _urgency(view: CaseView) -> tuple[int, int, str]:
    order = {"new": 0, "open": 0, "dismissed": 2, "resolved": 3, "gone": 3, "compliant": 4}
    return (order.get(view.status, 5) + (0 if view.is_violation else 1), -view.days_open, view.republisher)


def _age(since: str, now: datetime) -> str:
    if lifecycle.is_recent(since, now, hours=lifecycle.NEW_HOURS):
        return "day"
    return "week" if lifecycle.is_recent(since, now, days=lifecycle.WEEK_DAYS) else "older"


def gravest(severities: Iterable[str]) -> str:
    """The gravest of some findings' severities (violation, warning, policy), "" for none."""
    found = set(severities)
    return next((s for s in SEVERITIES if s in found), "")


def _policy_breaches(view: CaseView) -> int:
    """How many of the publisher's policy requests an open case does not follow."""
    if view.status not in ("new", "open"):
        return 0
    return sum(f.severity == "policy" for f in view.findings if f.resolved_at is None)


def _totals(views: list[CaseView]) -> Totals:
    violations = [v for v in views if v.is_violation]
    had_violation = [v for v in views if any(f.severity == "violation" for f in v.history)]
    asked = [_policy_breaches(v) for v in views]
    return Totals(
        open=len(violations),
        new_day=sum(v.age == "day" for v in violations),
        new_week=sum(v.age in ("day", "week") for v in violations),
        notified=sum(v.notified_at is not None for v in violations),
        past_deadline=sum(v.past_deadline for v in violations),
        warnings=sum(v.status in ("new", "open") and v.severity == "warning" for v in views),
        resolved=sum(v.status == "resolved" for v in had_violation),
        gone=sum(v.status == "gone" for v in had_violation),
        dismissed=sum(v.status == "dismissed" for v in views),
        policy=sum(asked),
        policy_cases=sum(n > 0 for n in asked),
    )


def _republishers(views: list[CaseView], reproduced: set[int]) -> list[RepublisherView]:
    """Per republisher: its cases, and how many of its reproductions are not violations (dismissed
    cases are left out of the figures: they count nowhere)."""
    grouped: dict[str, list[CaseView]] = {}
    for v in views:
        grouped.setdefault(v.republisher, []).append(v)
    out = []
    for name, cases in grouped.items():
        counted = [c for c in cases if c.id in reproduced and c.status != "dismissed"]
        contact = next((c.contact for c in cases if c.contact), None)
        out.append(RepublisherView(name, contact, tuple(cases), len(counted), sum(not c.is_violation for c in counted),
                                   sum(_policy_breaches(c) > 0 for c in cases)))
    return sorted(out, key=lambda r: (r.share, r.name))


def history(facts: Iterable[CaseFacts], now: datetime, days: int = HISTORY_DAYS) -> list[DayCount]:
    """Cases that were violations at the end of each day (UTC), over the last ``days`` days since the first
    finding; a case dismissed today is left out of every day, like everywhere else."""
    changes: dict[str, int] = {}
    first: str | None = None
    for case in facts:
        if case.triage.dismissed:
            continue
        for start, end in _violation_spans(case):
            first = min(first or start, start)
            changes[start] = changes.get(start, 0) + 1
            if end is not None:
                changes[end] = changes.get(end, 0) - 1
    if first is None:
        return []
    today = now.date()
    day = max(parse_time(first).date(), today - timedelta(days=days - 1))
    running = sum(delta for d, delta in changes.items() if d < day.isoformat())
    points = []
    while day <= today:
        running += changes.get(day.isoformat(), 0)
        points.append(DayCount(day.isoformat(), running))
        day += timedelta(days=1)
    return points


def _violation_spans(case: CaseFacts) -> list[tuple[str, str | None]]:
    """The days (start, end or None while open) during which a case had a finding of severity violation;
    overlapping findings merge into one span, a finding resolved on the day it appeared counts on no day."""
    spans = sorted((parse_time(f.first_seen).date().isoformat(),
                    parse_time(f.resolved_at).date().isoformat() if f.resolved_at else None)
                   for f in case.findings if f.severity == "violation")
    merged: list[tuple[str, str | None]] = []
    for start, end in spans:
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, None if last_end is None or end is None else max(last_end, end))
        else:
            merged.append((start, end))
    return [(s, e) for s, e in merged if s != e]


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# Evidence as sentences
# ---------------------------------------------------------------------------------------------


def evidence_sentences(code: str, evidence: Mapping[str, Any], language: str) -> tuple[str, ...]:
    """What was found, in sentences a person reads: never the evidence's JSON or a CSS selector.
    A code this module does not know (a later one) shows its message alone."""
    _ = translations(language).gettext
    write = _EVIDENCE.get(code)
    if write is None or not isinstance(evidence, Mapping):
        return ()
    try:
        return tuple(dict.fromkeys(s for s in write(_, evidence, language) if s))
    except (KeyError, TypeError, AttributeError, ValueError):
        return ()  # evidence of another shape (stored by another version): the message says enough


def _names(values: Iterable[Any]) -> str:
    return ", ".join(f"“{v}”" for v in values if v)


# What hides something, from the reason the page reader wrote when the evidence does not name its kind
# (evidence stored before findings carried ``visibility``): the reason names CSS rules, the kind does not.
_HIDDEN_KINDS = (("hidden by the page's css", "stylesheet"), ("inline style", "inline-style"),
                 ("hidden attribute", "attribute"), ("class ", "class"), ("inside <noscript>", "noscript"),
                 ("html comment", "comment"), ("inside a closed <details>", "collapsed"))


def _hidden_why(item: Mapping[str, Any], language: str) -> str:
    """Why readers cannot see ``item``, in plain words: never the CSS rule or selector."""
    kind = item.get("visibility")
    if not kind:
        reason = str(item.get("hidden") or "").lower()
        kind = next((k for prefix, k in _HIDDEN_KINDS if reason.startswith(prefix)), None)
    if kind:
        return phrases.say(phrases.language_of(language), f"visibility.{kind}")
    return str(item.get("hidden") or "")


def _ev_hidden(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    out = []
    for item in list(e.get("found") or [])[:5]:
        why = _hidden_why(item, language)
        if item.get("href"):
            out.append(_("The link “{text}” to {href} is not visible to readers: {why}.").format(
                text=excerpt(item.get("text") or "", 80), href=item["href"], why=why))
        else:
            out.append(_("The credit “{text}” is not visible to readers: {why}.").format(
                text=excerpt(item.get("excerpt") or "", 120), why=why))
    return out


def _ev_source(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    return [_("The page shows none of these names where readers can see them: {names}.").format(
        names=_names(e.get("looked_for") or []))]


def _ev_link(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    out = [_("No visible link on the page points to {targets}.").format(targets=" / ".join(e.get("looked_for") or []))]
    out += [_("The page links to {href} (“{text}”), the publisher's site but not the article.").format(
        href=s["href"], text=excerpt(s.get("text") or "", 80)) for s in list(e.get("site_links") or [])[:3]]
    return out


def _ev_nofollow(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    return [_("The link to {href} carries rel=“{rel}”, which tells search engines not to follow it.").format(
        href=link["href"], rel=link.get("rel", "nofollow")) for link in list(e.get("links") or [])[:3]]


def _ev_author(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    return [_("The page does not name {names} anywhere readers can see.").format(names=_names(e.get("looked_for") or []))]


def _ev_license(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    return [_("No visible text or link on the page names {names}.").format(names=_names(e.get("looked_for") or []))]


def _ev_mismatch(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    out = []
    for c in list(e.get("conflicts") or [])[:3]:
        if c.get("kind") == "reservation":
            out.append(_("The page reserves the rights to the article: “{text}”.").format(text=c.get("excerpt") or c.get("found")))
        elif c.get("excerpt"):
            out.append(_("The page applies {found} to the article (“{text}”), not {expected}.").format(
                found=c.get("found"), text=c["excerpt"], expected=e.get("expected", "")))
        else:
            out.append(_("The page declares {found} for the article, not {expected}.").format(
                found=c.get("found"), expected=e.get("expected", "")))
    return out


def _ev_changes(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    out = []
    for c in list(e.get("changes") or [])[:5]:
        if c.get("kind") == "changed":
            out.append(_("The original's “{original}” reads “{page}” on the page.").format(original=c["original"], page=c["page"]))
        elif c.get("kind") == "added":
            out.append(_("The page adds “{page}”, which the original does not have.").format(page=c["page"]))
        elif c.get("kind") == "removed":
            out.append(_("The page leaves out the original's “{original}”.").format(original=c["original"]))
    return out


def _ev_canonical(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    if e.get("found"):
        return [_("The page's rel=canonical points to {found}, not to the original {expected}.").format(
            found=e["found"], expected=e.get("expected", ""))]
    return [_("The page has no rel=canonical; it should point to {expected}.").format(expected=e.get("expected", ""))]


def _ev_media(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    return [_("The image {page} is the original's {original}, which the original credits “{credit}”; the page "
              "does not.").format(page=m["page"], original=m["original"], credit=e.get("original_credit", ""))
            for m in list(e.get("media") or [])[:3]]


def _ev_robots(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    return [_("{robots} forbids crawlers to read {url}, so the page could not be checked.").format(
        robots=e.get("robots", "robots.txt"), url=e.get("url", ""))]


def _ev_credit_position(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    return [_("The credit “{text}” comes after the article's first words, not before them.").format(
        text=excerpt((e.get("found") or {}).get("excerpt") or "", 120))]


def _ev_pixel(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    return [_("None of the page's images holds “{pattern}”: the publisher's tracking pixel was left out.").format(
        pattern=e.get("looked_for", ""))]


def _ev_images(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    return [_("The image {page} is the original's {original}.").format(page=i["page"], original=i["original"])
            for i in list(e.get("images") or [])[:3]]


def _ev_paywall(_: Gettext, e: Mapping[str, Any], language: str) -> list[str]:
    out = []
    for sign in list(e.get("signs") or [])[:3]:
        if sign.get("kind") == "json-ld":
            out.append(_("The page declares itself not free to read ({found}).").format(found=sign.get("found", "")))
        elif sign.get("kind") == "message":
            out.append(_("The page shows a paywall message next to the article: “{text}”.").format(
                text=excerpt(sign.get("found") or "", 120)))
        else:
            out.append(_("The article sits inside the page's paywall markup."))
    return out


_EVIDENCE: dict[str, Callable[[Gettext, Mapping[str, Any], str], list[str]]] = {
    "attribution-hidden": _ev_hidden,
    "source-missing": _ev_source,
    "source-link-missing": _ev_link,
    "source-link-nofollow": _ev_nofollow,
    "author-missing": _ev_author,
    "license-missing": _ev_license,
    "license-mismatch": _ev_mismatch,
    "modified-unmarked": _ev_changes,
    "modified-nd": _ev_changes,
    "canonical-missing": _ev_canonical,
    "third-party-media": _ev_media,
    "blocked-by-robots": _ev_robots,
    "policy-credit-position": _ev_credit_position,
    "policy-pixel-missing": _ev_pixel,
    "policy-edits": _ev_changes,
    "policy-images": _ev_images,
    "policy-paywall": _ev_paywall,
}


# ---------------------------------------------------------------------------------------------
# Cases as terminal text (cc-syndicate case list / show)
# ---------------------------------------------------------------------------------------------


def cases_text(views: Iterable[CaseView]) -> str:
    """One line per case: ID, status, days, republisher, page, what is wrong (codes)."""
    lines = []
    for v in views:
        notice = f" notified {v.notified_at[:10]}" if v.notified_at else ""
        why = f" ({v.dismissed_reason})" if v.dismissed_reason else f" ({_ONLY[v.severity]})" if _only(v) else ""
        lines.append(f"#{v.id:<5} {v.status + why:<24} {v.days_open:>4}d  {excerpt(v.republisher, 24):<24} "
                     f"{v.page_url}  [{', '.join(v.codes) or '-'}]{notice}")
    return "\n".join(lines) if lines else "No case matches."


_ONLY = {"warning": "warnings", "policy": "policy"}


def _only(v: CaseView) -> bool:
    """An open case that is no violation: only warnings, or only requests of the publisher's policy."""
    return v.status in ("new", "open") and not v.is_violation and v.severity in _ONLY


def case_text(v: CaseView) -> str:
    """Everything about one case, for the terminal; the notice last, ready to copy."""
    only = f" ({_ONLY[v.severity]} only: not a licence violation)" if _only(v) else ""
    lines = [f"Case #{v.id}  {v.status.upper()}{only}",
             f"Page        {v.page_url}  \"{excerpt(v.page_title, 70)}\"", f"Republisher {v.republisher}"
             + (f" <{v.contact}>" if v.contact else "")]
    if v.original_url:
        lines.append(f"Original    {v.original_url}  \"{excerpt(v.original_title, 70)}\" ({v.publisher})")
    if v.status in ("new", "open"):
        lines.append(f"Open since  {v.since[:10]} ({v.days_open} days)")
    elif v.ended_at:
        lines.append(f"Ended       {v.ended_at[:10]} ({v.status})")
    if v.notified_at:
        state = "PAST" if v.past_deadline else "ends"
        lines.append(f"Notified    {v.notified_at[:10]} by {v.notified_via} ({v.days_since_notice} days ago); "
                     f"the cure period {state} {v.cure_deadline}")
    if v.dismissed_at:
        lines.append(f"Dismissed   {v.dismissed_at[:10]}: {v.dismissed_reason}" + (f" - {v.dismissed_note}" if v.dismissed_note else ""))
    if v.findings:
        lines += ["", "What is wrong" if v.status in ("new", "open", "dismissed") else "What was wrong"]
        for f in v.findings:
            lines.append(f"  {f.requirement} [{f.code}, {f.severity}]: {f.message}")
            lines += [f"    - {sentence}" for sentence in f.evidence]
    if v.timeline:
        lines += ["", "History"]
        for e in reversed(v.timeline):
            who = f" by {e.by}" if e.by else ""
            what = f" {e.what}" if e.what else ""
            codes = f" [{e.code}]" if e.code else ""
            note = f": {e.note}" if e.note else ""
            lines.append(f"  {e.at[:16].replace('T', ' ')}  {e.kind}{what}{codes}{who}{note}")
    if v.notice:
        lines += ["", "Notice to send", f"To: {v.notice.to or '(no contact in the feed list)'}",
                  f"Subject: {v.notice.subject}", "", v.notice.letter]
    return "\n".join(lines)
