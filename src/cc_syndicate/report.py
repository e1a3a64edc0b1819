"""The report folder: ``index.html``, a page per reproduction, ``violations.json``, ``.csv`` and ``.atom``.

Report data is built from the store first (:func:`build_report`), then rendered: HTML through
autoescaping jinja2 templates, the feed through lxml, the table through the csv module. Every file is
written to a temporary name and renamed, so a reader never sees half a report. Everything that comes
from feeds and pages is escaped; only http(s) URLs become links; file names are slugs with a hash. A
manifest in the folder lists what the report wrote: only those files are ever removed, symbolic links are
never followed, and files get the user's umask (a web server's user may read them).
"""

from __future__ import annotations

import base64
import contextlib
import csv
import hashlib
import io
import json
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any, Iterator

import jinja2
import lxml.etree
from markupsafe import Markup

from .attribution import notice
from .errors import UsageError
from .models import Attribution, FeedHealth, PageHealth
from .store import Store
from .text import key, split_sentences
from .urls import is_http

FORMAT_VERSION = 1
ATOM = "http://www.w3.org/2005/Atom"
CURE_DAYS = 30  # CC 4.0 §6(b): a licence is reinstated if the breach is cured within 30 days of discovery
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ViolationView:
    id: int
    page_url: str
    page_title: str
    republisher: str
    original_url: str
    original_title: str
    publisher: str
    code: str
    severity: str
    status: str  # new, open, resolved
    first_seen: str
    last_seen: str
    resolved_at: str | None
    message: str
    evidence: dict[str, Any]
    days_open: int
    case: str  # the case page, relative to the report folder ("" when the page was never read)


@dataclass(frozen=True)
class Sentence:
    text: str
    mark: str  # "", "changed", "added", "removed"


@dataclass(frozen=True)
class CaseView:
    path: str
    page_url: str
    page_title: str
    republisher: str
    contact: str | None
    original_url: str
    original_title: str
    publisher: str
    original_id: int
    result: dict[str, Any]
    history: list[ViolationView]
    notice: str
    # The texts side by side, read from the store only when the case page is rendered.
    original_text: list[list[Sentence]] = field(default_factory=list)
    page_text: list[list[Sentence]] = field(default_factory=list)

    @property
    def open_codes(self) -> list[str]:
        return [v.code for v in self.history if v.status != "resolved"]


@dataclass(frozen=True)
class RepublisherShare:
    name: str
    reproductions: int
    compliant: int

    @property
    def share(self) -> float:
        return self.compliant / self.reproductions if self.reproductions else 1.0


@dataclass(frozen=True)
class OwnArticleView:
    url: str
    title: str
    findings: list[dict[str, Any]]  # code, severity, message, evidence (with the fix)


@dataclass(frozen=True)
class OwnNoticesView:
    """One publisher's part of the last audit of its own notices ("Our own notices")."""

    publisher: str
    license: str
    notice_license: str
    source: str
    counts: dict[str, int]
    articles: list[OwnArticleView]
    notice_html: str
    notice_text: str


@dataclass(frozen=True)
class ReportData:
    generated_at: str
    totals: dict[str, int]
    republishers: list[RepublisherShare]
    history: list[tuple[str, int]]  # (run date, violations open after it)
    violations: list[ViolationView]
    cases: list[CaseView] = field(default_factory=list)
    policy_totals: dict[str, int] = field(default_factory=dict)  # the publisher's policy, counted apart
    audited_at: str | None = None  # the last audit of the publishers' own notices, if any
    own_notices: list[OwnNoticesView] = field(default_factory=list)
    failing_feeds: list[FeedHealth] = field(default_factory=list)  # feeds the last run listed that cannot be read
    failing_pages: list[PageHealth] = field(default_factory=list)  # pages whose last fetch failed

    @property
    def current(self) -> list[ViolationView]:
        return [v for v in self.violations if v.status != "resolved"]


# ---------------------------------------------------------------------------------------------
# Building the data
# ---------------------------------------------------------------------------------------------


def build_report(store: Store, when: datetime | None = None) -> ReportData:
    when = when or datetime.now(timezone.utc)
    violation_rows, reproduction_rows, runs, feeds = store.report_rows()
    last_run = runs[-1]["id"] if runs else 0
    paths = {(r["page_url"], r["original_id"]): case_path(r["page_url"], r["original_id"], r["republisher"], r["page_title"])
             for r in reproduction_rows}
    violations = [_violation(row, last_run, when, paths.get((row["page_url"], row["original_id"]), ""))
                  for row in violation_rows]
    by_case: dict[str, list[ViolationView]] = {}
    for v in violations:
        by_case.setdefault(v.case, []).append(v)
    cases = []
    for row in reproduction_rows:
        path = paths[(row["page_url"], row["original_id"])]
        cases.append(_case(row, path, by_case.get(path, []), _contact(feeds.get(row["feed_url"]), row["republisher"])))
    counted = [v for v in violations if v.severity == "violation"]
    totals = {s: sum(v.status == s for v in counted) for s in ("new", "open", "resolved")}
    asked = [v for v in violations if v.severity == "policy"]
    audit = store.last_audit()
    return ReportData(
        generated_at=when.isoformat(timespec="seconds"),
        totals=totals,
        republishers=_shares(reproduction_rows, counted),
        history=_history(runs, violation_rows),
        violations=violations,
        cases=cases,
        policy_totals={s: sum(v.status == s for v in asked) for s in ("new", "open", "resolved")},
        audited_at=audit[0] if audit else None,
        own_notices=_own_notices(audit[1]) if audit else [],
        failing_feeds=store.failing_feeds(last_run),
        failing_pages=store.failing_pages(),
    )


def _own_notices(result: dict[str, Any]) -> list[OwnNoticesView]:
    """The last audit, per publisher, from what ``audit`` stored (the JSON it prints)."""
    views = []
    for p in result.get("publishers", []):
        articles = [OwnArticleView(a["url"], a.get("title", ""), a.get("findings", []))
                    for a in result.get("articles", []) if a.get("publisher", p["name"]) == p["name"]]
        notice = p.get("suggested_notice", {})
        views.append(OwnNoticesView(p["name"], p.get("license", ""), p.get("notice_license", ""), p.get("source", ""),
                                    p.get("counts", {}), articles, notice.get("html", ""), notice.get("text", "")))
    return views


def _contact(feed: tuple[str, str | None] | None, republisher: str) -> str | None:
    """The feed's contact, for a page charged to that feed's republisher (not for a third party's page in it)."""
    return feed[1] if feed is not None and feed[0] == republisher else None


def case_path(page_url: str, original_id: int | None, republisher: str, title: str | None) -> str:
    """``cases/<slug>-<hash>.html``: readable, unique, and safe whatever the site calls itself."""
    ascii_text = unicodedata.normalize("NFKD", f"{republisher} {title or ''}").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-") or "page"
    digest = hashlib.sha1(f"{page_url}\n{original_id}".encode()).hexdigest()[:10]
    return f"cases/{slug}-{digest}.html"


def _violation(row: Any, last_run: int, when: datetime, case: str) -> ViolationView:
    # new: not announced yet, or announced by the last run (whose report this is, or follows)
    announced = row["announced_run"]
    status = "resolved" if row["resolved_at"] else "new" if announced is None or announced == last_run else "open"
    end = _parse_time(row["resolved_at"]) if row["resolved_at"] else when
    return ViolationView(
        id=row["id"], page_url=row["page_url"], page_title=row["page_title"] or row["page_url"],
        republisher=row["republisher"], original_url=row["original_canonical"] or row["original_url"] or "",
        original_title=row["original_title"] or "", publisher=row["publisher"] or "", code=row["code"],
        severity=row["severity"], status=status, first_seen=row["first_seen"], last_seen=row["last_seen"],
        resolved_at=row["resolved_at"], message=row["message"], evidence=json.loads(row["evidence"]),
        days_open=max((end - _parse_time(row["first_seen"])).days, 0),
        case=case,
    )


def _case(row: Any, path: str, history: list[ViolationView], contact: str | None) -> CaseView:
    result = json.loads(row["result"])
    original = result.get("original", {})
    codes = [v.code for v in history if v.status != "resolved" and v.code != "blocked-by-robots"]
    suggestion = result.get("suggested_attribution", {"html": "", "text": ""})
    identity = row["original_canonical"] or row["original_url"]
    message = notice(
        language=result.get("language", "en"), codes=codes, republisher=row["republisher"], contact=contact,
        page_title=row["page_title"], page_url=row["page_url"], original_title=row["original_title"],
        original_url=identity, author=original.get("author") or "", publisher=row["publisher"],
        license=original.get("license", ""), suggestion=Attribution(suggestion["html"], suggestion["text"]),
    )
    return CaseView(
        path=path,
        page_url=row["page_url"], page_title=row["page_title"] or row["page_url"], republisher=row["republisher"],
        contact=contact, original_url=identity, original_title=row["original_title"] or identity,
        publisher=row["publisher"], original_id=row["original_id"], result=result, history=history, notice=message,
    )


def with_texts(case: CaseView, page_text: str, original_text: str) -> CaseView:
    """The case with both texts split into sentences, each marked with the change it took part in."""
    changes = case.result.get("match", {}).get("changes", [])
    return replace(case, original_text=_marked(original_text, changes, "original", {"changed", "removed"}),
                   page_text=_marked(page_text, changes, "page", {"changed", "added"}))


def _marked(text: str, changes: list[dict[str, str]], side: str, kinds: set[str]) -> list[list[Sentence]]:
    """Paragraphs of sentences, each marked with the change it took part in."""
    marks = {key(c[side]): c["kind"] for c in changes if c["kind"] in kinds and c.get(side)}
    return [[Sentence(s, marks.get(key(s), "")) for s in split_sentences(paragraph)]
            for paragraph in (text or "").splitlines() if paragraph.strip()]


def _shares(reproductions: list[Any], violations: list[ViolationView]) -> list[RepublisherShare]:
    """Per republisher: reproductions, and how many have no open violation."""
    failing = {(v.page_url, v.original_url) for v in violations if v.status != "resolved"}
    counts: dict[str, list[int]] = {}
    for row in reproductions:
        identity = row["original_canonical"] or row["original_url"]
        tally = counts.setdefault(row["republisher"], [0, 0])
        tally[0] += 1
        tally[1] += (row["page_url"], identity) not in failing
    return sorted((RepublisherShare(name, n, ok) for name, (n, ok) in counts.items()), key=lambda r: (r.share, r.name))


def _history(runs: list[Any], rows: list[Any]) -> list[tuple[str, int]]:
    """Violations open after each run (a resolved one was last open in the run before it was resolved)."""
    points = []
    for run in runs[-60:]:
        open_after = sum(
            1 for r in rows if r["severity"] == "violation" and r["first_run"] <= run["id"]
            and (r["resolved_at"] is None or run["id"] < r["last_run"])
        )
        points.append((run["finished_at"][:10], open_after))
    return points


def _parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------


def violations_json(data: ReportData) -> str:
    items = [
        {"page_url": v.page_url, "original_url": v.original_url, "republisher": v.republisher, "code": v.code,
         "severity": v.severity, "status": v.status, "first_seen": v.first_seen, "last_seen": v.last_seen,
         "resolved_at": v.resolved_at, "message": v.message, "evidence": v.evidence}
        for v in data.violations
    ]
    return json.dumps({"format": FORMAT_VERSION, "generated_at": data.generated_at, "violations": items},
                      ensure_ascii=False, indent=2)


CSV_COLUMNS = ["status", "code", "severity", "republisher", "page_url", "page_title", "original_url", "original_title",
               "first_seen", "last_seen", "resolved_at", "days_open", "message"]


def neutralise(cell: object) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA) else text


def violations_csv(data: ReportData) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for v in data.violations:
        writer.writerow([neutralise(getattr(v, column)) for column in CSV_COLUMNS])
    return buffer.getvalue()


def violations_atom(data: ReportData) -> bytes:
    """One entry per new or open violation, for editors who follow the report in a feed reader."""
    def element(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
        node = lxml.etree.SubElement(parent, f"{{{ATOM}}}{tag}", **attributes)
        if text is not None:
            node.text = _XML_INVALID.sub("", text)
        return node

    feed = lxml.etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    element(feed, "title", "cc-syndicate: violations")
    element(feed, "id", "urn:cc-syndicate:violations")
    element(feed, "updated", data.generated_at)
    element(element(feed, "author"), "name", "cc-syndicate")
    for v in data.current:
        entry = element(feed, "entry")
        element(entry, "id", f"urn:cc-syndicate:violation:{v.id}")
        element(entry, "title", f"{v.code}: {v.republisher} – {v.original_title or v.original_url}")
        element(entry, "published", _parse_time(v.first_seen).isoformat())
        element(entry, "updated", _parse_time(v.last_seen).isoformat())
        if is_http(v.page_url):
            element(entry, "link", rel="alternate", href=v.page_url)
        element(entry, "summary", f"{v.message}\nPage: {v.page_url}\nOriginal: {v.original_url}\n"
                                  f"Open for {v.days_open} days ({v.status}).")
    return lxml.etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("cc_syndicate") / "templates")),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["http"] = is_http
    env.filters["day"] = lambda value: (value or "")[:10]
    env.filters["percent"] = lambda value: f"{value:.0%}"
    env.filters["pretty"] = lambda value: json.dumps(value, ensure_ascii=False, indent=2)
    return env


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def render_html(data: ReportData, store: Store) -> Iterator[tuple[str, str]]:
    """Every HTML file of the report, (path, HTML), one at a time: index.html, then the case pages with
    their texts read from the store as each is rendered (a report of many thousand cases stays small)."""
    env = _environment()
    style = (resources.files("cc_syndicate") / "templates" / "report.css").read_text(encoding="utf-8")
    script = (resources.files("cc_syndicate") / "templates" / "report.js").read_text(encoding="utf-8")
    csp = (f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    shared = {"csp": csp, "style": Markup(style), "script": Markup(script), "data": data, "cure_days": CURE_DAYS}
    yield "index.html", env.get_template("index.html").render(**shared, root="")
    template = env.get_template("case.html")
    for case in data.cases:
        page_text, original_text = store.case_texts(case.page_url, case.original_id)
        yield case.path, template.render(**shared, case=with_texts(case, page_text, original_text), root="../")


def write_report(store: Store, directory: Path | str, data: ReportData | None = None) -> Path:
    """Write the whole report folder from the store (or from ``data`` already built from it); returns the
    path of index.html. Files an earlier report wrote and this one does not (a page retitled, a case gone)
    are removed; nothing else in the folder is ever touched."""
    folder = Path(directory)
    data = data or build_report(store)
    files: dict[str, str | bytes] = {
        "violations.json": violations_json(data),
        "violations.csv": violations_csv(data),
        "violations.atom": violations_atom(data),
    }
    planned = {*files, "index.html", *(case.path for case in data.cases)}
    with ReportFolder(folder) as out:
        previous = out.manifest()
        out.write_manifest(previous | planned)  # a report stopped halfway leaves nothing it wrote unlisted
        for name, content in chain(files.items(), render_html(data, store)):
            out.write(name, content)
        for name in sorted(previous - planned):
            out.remove(name)
        out.write_manifest(planned)
    return folder / "index.html"


MANIFEST = ".cc-syndicate-manifest.json"
_OWN_NAME = re.compile(r"(?:cases/)?[A-Za-z0-9][A-Za-z0-9_.-]*")  # one level of folder at most, no "..", no "/"
_NOFOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC


class ReportFolder:
    """The report folder as the report may touch it: files are written and removed through folder
    descriptors, never through a symbolic link (a ``cases`` that is one is refused, a file that is one
    is replaced, not written through), with the user's umask; only names listed in the manifest of an
    earlier report are ever removed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fds: dict[str, int] = {}

    def __enter__(self) -> ReportFolder:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._fds[""] = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in self._fds.values():
            os.close(fd)

    def manifest(self) -> set[str]:
        """The files the previous report wrote (none when there is no readable manifest)."""
        try:
            fd = os.open(MANIFEST, os.O_RDONLY | _NOFOLLOW, dir_fd=self._fds[""])
            with os.fdopen(fd, "rb") as fh:
                listed = json.loads(fh.read(64 * 1024 * 1024)).get("files", [])
        except (OSError, ValueError, AttributeError):
            return set()
        return {name for name in listed if isinstance(name, str) and _OWN_NAME.fullmatch(name) and ".." not in name}

    def write_manifest(self, names: set[str]) -> None:
        self.write(MANIFEST, json.dumps({"format": 1, "files": sorted(names)}, indent=0))

    def write(self, name: str, content: str | bytes) -> None:
        """``name`` replaced at once by ``content``: written to a new file, then renamed over it."""
        fd_dir, base = self._place(name)
        tmp = f".tmp-{secrets.token_hex(8)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=fd_dir)  # 0o666 less the umask
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            os.replace(tmp, base, src_dir_fd=fd_dir, dst_dir_fd=fd_dir)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=fd_dir)
            raise

    def remove(self, name: str) -> None:
        fd_dir, base = self._place(name)
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            os.unlink(base, dir_fd=fd_dir)  # a symbolic link is removed itself, never followed

    def _place(self, name: str) -> tuple[int, str]:
        """(descriptor of the folder holding ``name``, its base name)."""
        if name != MANIFEST and (not _OWN_NAME.fullmatch(name) or ".." in name):
            raise ValueError(f"refusing to write outside the report folder: {name}")
        sub, _, base = name.rpartition("/")
        if sub not in self._fds:
            self._fds[sub] = self._subfolder(sub)
        return self._fds[sub], base

    def _subfolder(self, name: str) -> int:
        with contextlib.suppress(FileExistsError):
            os.mkdir(name, 0o777, dir_fd=self._fds[""])  # 0o777 less the umask
        try:
            return os.open(name, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW, dir_fd=self._fds[""])
        except OSError:  # ELOOP: a symbolic link; ENOTDIR: a file
            raise UsageError(f"{self.folder / name} is a symbolic link or not a folder: the report writes only "
                             f"into a folder of its own there; remove {self.folder / name}, or pass another --report") from None
