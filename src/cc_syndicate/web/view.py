"""What the check page shows, built from a check's result in the publisher's language (pure).

Everything here is plain text: the templates escape it, and :func:`printable` (the templates'
``finalize``) removes what no page of ours should ever print from a stranger's page: control
characters, bidirectional overrides and lone surrogates.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from ..attribution import credited_license, language_of
from ..checks import POLICY_REQUIREMENTS
from ..errors import (
    BadURL,
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HostDeferred,
    HTTPStatusError,
    NoOriginalFound,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
)
from ..models import Change, CheckResult, RequirementOutcome
from ..present import compared
from ..urls import is_http
from .inputs import BadInput
from .service import Busy, NotOurs
from .words import Words, words_for

MAX_CHANGES = 30
# C0 controls but tab and newline, DEL and C1, bidirectional embeddings, overrides, isolates and marks,
# line and paragraph separators, and lone surrogates (JSON-LD can carry them; they cannot be encoded).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(value: Any) -> Any:
    """``value`` without control characters; markup stays markup (the templates' finalize)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return Markup(_UNPRINTABLE.sub("", str(value)))
    if isinstance(value, str):
        return _UNPRINTABLE.sub("", value)
    return value


@dataclass(frozen=True)
class Row:
    """One requirement as the page lists it."""

    label: str
    status: str      # met, missing, hidden, not-applicable, warning: the CSS class
    status_word: str
    detail: str
    fix: str
    code: str


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool


@dataclass(frozen=True)
class ChangeView:
    kind: str
    kind_word: str
    original: tuple[Piece, ...]
    page: tuple[Piece, ...]


@dataclass(frozen=True)
class ResultView:
    language: str
    words: Words
    verdict: str             # compliant, violation, not-a-reproduction, blocked, exempt: the CSS class
    sentence: str
    compared: str            # how much of the original is on the page, in words
    publisher: str
    page_url: str
    page_title: str
    original_url: str
    original_title: str
    original_by: str
    original_terms: str
    rows: tuple[Row, ...]    # the licence's requirements that apply
    policy_rows: tuple[Row, ...]  # what the publisher asks beyond the licence ([policy]), listed apart
    not_required: str        # the ones these rules do not ask for, in one sentence
    notes: tuple[str, ...]   # findings that belong to no requirement (blocked by robots)
    changes: tuple[ChangeView, ...]
    more_changes: int
    credit_html: str
    credit_text: str
    checked_at: str


def result_view(result: CheckResult, checked_at: float) -> ResultView:
    lang = language_of(result.rules)
    w = words_for(lang)
    publisher = result.rules.publisher.name
    license = credited_license(result.original, result.rules)
    original = result.original
    judged = _verdict_class(result) not in {"blocked", "exempt"}
    changes = result.match.changes
    show_credit = result.match.kind != "none" and bool(result.suggested_attribution.text)
    return ResultView(
        language=lang,
        words=w,
        verdict=_verdict_class(result),
        sentence=verdict_sentence(result, w),
        compared=compared(result.match, lang) if judged else "",
        publisher=publisher,
        page_url=result.page.url,
        page_title=result.page.title,
        original_url=original.identity,
        original_title=original.title,
        original_by=w["by"].format(author=", ".join(original.authors)) if original.authors else "",
        original_terms=w["published_by"].format(publisher=publisher, license=license.short_name) if publisher else "",
        rows=tuple(_row(o, w) for o in result.outcomes if o.status != "not-applicable" and o.name not in POLICY_REQUIREMENTS),
        policy_rows=tuple(_row(o, w) for o in result.outcomes if o.status != "not-applicable" and o.name in POLICY_REQUIREMENTS),
        not_required=_not_required(result, w),
        notes=tuple(f.message for f in result.findings if not result.outcomes),
        changes=tuple(change_view(c, w) for c in changes[:MAX_CHANGES]),
        more_changes=max(len(changes) - MAX_CHANGES, 0),
        credit_html=result.suggested_attribution.html if show_credit else "",
        credit_text=result.suggested_attribution.text if show_credit else "",
        checked_at=datetime.fromtimestamp(checked_at, UTC).strftime("%H:%M"),
    )


def _verdict_class(result: CheckResult) -> str:
    if any(f.code == "blocked-by-robots" for f in result.findings):
        return "blocked"
    if result.exemption is not None:
        return "exempt"
    return result.verdict


def verdict_sentence(result: CheckResult, w: Words) -> str:
    """The verdict in one sentence a republisher understands."""
    match, rules = result.match, result.rules
    title = result.original.title or result.original.identity
    kind = _verdict_class(result)
    if kind == "blocked":
        return w["blocked"]
    if kind == "exempt" and result.exemption is not None:
        return w["exempt"].format(host=result.exemption.host, publisher=rules.publisher.name, reason=result.exemption.reason)
    if match.kind == "none":
        return w["none"].format(title=title)
    subject = w["reproduces" if match.kind == "reproduction" else "quotes"].format(title=title)
    license = credited_license(result.original, rules).short_name
    broken = sum(1 for f in result.findings if f.severity == "violation")
    if broken == 0:
        ending = w["ok"].format(license=license)
    elif broken == 1:
        ending = w["bad_one"].format(license=license)
    else:
        ending = w["bad_many"].format(n=broken, license=license)
    return f"{subject} {ending}"


def _row(outcome: RequirementOutcome, w: Words) -> Row:
    warning = outcome.finding is not None and outcome.finding.severity == "warning"
    status = "warning" if warning else outcome.status
    shows_fix = status in {"missing", "hidden", "warning"}
    return Row(
        label=_capital(outcome.requirement),
        status=status,
        status_word=_capital(w.status(status)),
        detail=_capital(outcome.detail),
        fix=outcome.fix if shows_fix else "",
        code=outcome.finding.code if outcome.finding is not None and status != "met" else "",
    )


def _not_required(result: CheckResult, w: Words) -> str:
    names = [o.requirement for o in result.outcomes if o.status == "not-applicable"]
    return w["not_required"].format(names=", ".join(names)) if names else ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def change_view(change: Change, w: Words) -> ChangeView:
    """A changed sentence as two texts, the words that differ marked on each side."""
    original, page = word_diff(change.original, change.page)
    return ChangeView(change.kind, w[change.kind], original, page)


def word_diff(before: str, after: str) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    a, b = before.split(), after.split()
    left: list[Piece] = []
    right: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            left.append(Piece(" ".join(a[i1:i2]), op != "equal"))
        if j2 > j1:
            right.append(Piece(" ".join(b[j1:j2]), op != "equal"))
    return tuple(left), tuple(right)


def safe_link(url: str) -> str | None:
    """``url`` when it may be a link on our page (http or https), else None: it is shown as text."""
    return url if url and is_http(url) else None


# ---------------------------------------------------------------------------------------------
# Errors, in words
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    status: int
    message: str
    retry_after: int | None = None


def explain(exc: Exception, w: Words, publisher: str) -> Problem | None:
    """The HTTP status and the sentence for a check that could not be made; None for a failure of
    ours, which the visitor cannot fix."""
    if isinstance(exc, BadInput):
        field = w["field_original" if exc.field == "original" else "field_url"]
        return Problem(400, w["missing_value" if exc.reason == "missing" else exc.reason].format(field=field))
    if isinstance(exc, Busy):
        return Problem(503, w["busy"].format(seconds=exc.retry_after), exc.retry_after)
    if isinstance(exc, BlockedAddress):
        return Problem(400, w["refused"].format(value=urlsplit(exc.url).netloc or exc.url))  # the hop refused may be robots.txt
    if isinstance(exc, BadURL):
        return Problem(400, w["not-web"].format(field=exc.url))
    if isinstance(exc, NotOurs):
        return Problem(400, w["not_ours"].format(value=exc.url, publisher=publisher))
    if isinstance(exc, NoOriginalFound):
        return Problem(400, w["no_original"].format(publisher=publisher))
    if isinstance(exc, FetchError):
        return Problem(502, w["unreachable"].format(value=_asked(exc.url), reason=_reason(exc, w)))
    return None


def _asked(url: str) -> str:
    """The URL to name: a site whose robots.txt could not be read is named by its address, not by the
    robots.txt the visitor never asked for."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.path == "/robots.txt" else url


def _reason(exc: FetchError, w: Words) -> str:
    if isinstance(exc, HTTPStatusError):
        return w["reason_status"].format(status=exc.status)
    for kind, key in ((FetchTimeout, "reason_timeout"), (TooLarge, "reason_large"), (TooManyRedirects, "reason_redirects"),
                      (HostDeferred, "reason_deferred"), (RobotsDisallowed, "reason_robots")):
        if isinstance(exc, kind):
            return w[key]
    return w["reason_connect"]
