"""The report folder: ``index.html``, a page per case, ``violations.json``, ``.csv`` and ``.atom``.

Report data is built from the store first (:func:`build_report`, typed views from :mod:`.views`), then
rendered: HTML through the autoescaping templates of :mod:`.render` in the report's language, the feed
through lxml, the table through the csv module. Every file is written to a temporary name and renamed,
so a reader never sees half a report. Everything that comes from feeds and pages is escaped; only
http(s) URLs become links; file names are slugs with a hash. A manifest in the folder lists what the
report wrote: only those files are ever removed, symbolic links are never followed, and files get the
user's umask (a web server's user may read them).

``[report] base_url`` makes every link absolute (the Atom feed needs it: feed readers resolve relative
links against nothing); ``[report] language`` chooses the language (default: the publishers' own).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import chain
from pathlib import Path
from typing import Any

import lxml.etree

from .cases import parse_time
from .errors import UsageError
from .i18n import report_language, translations
from .models import ReportSettings
from .render import StaticLinks, inline_assets, render
from .store import Store
from .views import CaseView, ReportView, report_view, with_texts

FORMAT_VERSION = 2  # 2: status dismissed and gone, case_id, case_url, notified_at, cure_deadline, dismissed_reason
# Every finding carries its severity: violation, warning, or policy (a request of the publisher's own policy,
# never a licence violation: the figures of the report count them apart).
ATOM = "http://www.w3.org/2005/Atom"
ATOM_ENDED_DAYS = 7  # a resolved or gone case stays in the feed this long, so its readers see it end
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def build_report(store: Store, when: datetime | None = None, settings: ReportSettings | None = None) -> ReportView:
    """The report's data, in the language of the settings or of the publishers."""
    when = when or datetime.now(UTC)
    language = report_language((settings or ReportSettings()).language, store.result_languages())
    return report_view(store, when, language)


# ---------------------------------------------------------------------------------------------
# violations.json, .csv, .atom
# ---------------------------------------------------------------------------------------------


def _findings(data: ReportView) -> Iterator[tuple[CaseView, Any]]:
    for case in sorted(data.cases, key=lambda c: c.id):
        for finding in case.history:
            yield case, finding


def violations_json(data: ReportView, links: StaticLinks | None = None) -> str:
    """Every finding of every case, with the case's state (PRODUCT.md's contract, format 2)."""
    links = links or StaticLinks()
    items = [
        {"page_url": c.page_url, "original_url": c.original_url or None, "republisher": c.republisher, "code": f.code,
         "severity": f.severity, "status": f.status, "first_seen": f.first_seen, "last_seen": f.last_seen,
         "resolved_at": f.resolved_at, "message": f.message, "evidence": dict(f.details), "case_id": c.id,
         "case_url": links.case(c), "notified_at": c.notified_at, "cure_deadline": c.cure_deadline,
         "dismissed_reason": c.dismissed_reason}
        for c, f in _findings(data)
    ]
    return json.dumps({"format": FORMAT_VERSION, "generated_at": data.generated_at, "violations": items},
                      ensure_ascii=False, indent=2)


CSV_COLUMNS = ["case_id", "status", "republisher", "page_title", "page_url", "original_title", "original_url",
               "requirement", "code", "severity", "first_seen", "last_seen", "resolved_at", "notified_at",
               "cure_deadline", "dismissed_reason", "message", "case_link"]


def neutralise(cell: object) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA) else text


def violations_csv(data: ReportView, links: StaticLinks | None = None) -> str:
    """One row per finding, in UTF-8 with a byte order mark (without it Excel reads the accents wrong),
    with a link to each case's page."""
    links = links or StaticLinks()
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for c, f in _findings(data):
        row = {"case_id": c.id, "status": f.status, "republisher": c.republisher, "page_title": c.page_title,
               "page_url": c.page_url, "original_title": c.original_title, "original_url": c.original_url,
               "requirement": f.requirement, "code": f.code, "severity": f.severity, "first_seen": f.first_seen,
               "last_seen": f.last_seen, "resolved_at": f.resolved_at, "notified_at": c.notified_at,
               "cure_deadline": c.cure_deadline, "dismissed_reason": c.dismissed_reason, "message": f.message,
               "case_link": links.case(c)}
        writer.writerow([neutralise(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def atom_cases(data: ReportView) -> list[CaseView]:
    """The cases the feed carries: open ones, and for a week those that ended (a dismissed case leaves it)."""
    now = parse_time(data.generated_at)
    ended = now - timedelta(days=ATOM_ENDED_DAYS)
    return [c for c in data.cases if c.status in ("new", "open")
            or (c.status in ("resolved", "gone") and c.ended_at and parse_time(c.ended_at) >= ended)]


def violations_atom(data: ReportView, links: StaticLinks | None = None) -> bytes:
    """One entry per case; its ``updated`` moves only when the case changes (a finding appears or ends,
    someone acts on it), so a feed reader shows it again only then."""
    links = links or StaticLinks()
    _ = translations(data.language).gettext

    def element(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
        node = lxml.etree.SubElement(parent, f"{{{ATOM}}}{tag}", **attributes)
        if text is not None:
            node.text = _XML_INVALID.sub("", text)
        return node

    entries = atom_cases(data)
    feed = lxml.etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    element(feed, "title", _("Creative Commons republication report"))
    element(feed, "id", "urn:cc-syndicate:violations")
    element(feed, "updated", max((_atom_time(c.changed_at) for c in entries), default=_atom_time(data.generated_at)))
    element(feed, "link", rel="alternate", href=links.index())
    element(element(feed, "author"), "name", "cc-syndicate")
    for c in entries:
        entry = element(feed, "entry")
        element(entry, "id", f"urn:cc-syndicate:case:{c.id}")
        title = _("{republisher}: “{title}”").format(republisher=c.republisher, title=c.original_title or c.page_title)
        element(entry, "title", f"{title} – {_status_word(c.status, _)}{_only_word(c, _)}")
        element(entry, "published", _atom_time(c.opened_at))
        element(entry, "updated", _atom_time(c.changed_at))
        element(entry, "link", rel="alternate", type="text/html", href=links.case(c))
        if c.page_url.startswith(("http://", "https://")):
            element(entry, "link", rel="related", href=c.page_url)
        element(element(entry, "author"), "name", c.publisher or "cc-syndicate")
        element(entry, "summary", _atom_summary(c, _))
    return lxml.etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _status_word(status: str, _: Any) -> str:
    words = {"new": _("new"), "open": _("open"), "resolved": _("resolved"), "gone": _("page gone"),
             "dismissed": _("dismissed"), "compliant": _("compliant")}
    return words.get(status, status)


def _only_word(c: CaseView, _: Any) -> str:
    """For an open case that is no violation, what it is instead: never call a policy request a violation."""
    if c.status not in ("new", "open") or c.is_violation:
        return ""
    if c.severity == "policy":
        return " " + _("(publisher's requests only, not a licence violation)")
    return " " + _("(warnings only)") if c.severity == "warning" else ""


def _atom_summary(c: CaseView, _: Any) -> str:
    if c.original_url:
        lines = [_("{republisher} republished “{title}” by {publisher} at {page}.").format(
            republisher=c.republisher, title=c.original_title, publisher=c.publisher, page=c.page_url)]
    else:
        lines = [_("The page {page} could not be read to find which article it reproduces.").format(page=c.page_url)]
    if c.problems:
        lines.append(_("What is wrong: {problems}.").format(problems=", ".join(c.problems)))
    if c.asked:
        lines.append(_("Beyond the licence, {publisher} also asks for: {requests}.").format(
            publisher=c.publisher, requests=", ".join(c.asked)))
    if c.notified_at:
        lines.append(_("Notified on {day}; the cure period ends on {deadline}.").format(
            day=c.notified_at[:10], deadline=c.cure_deadline))
    return "\n".join(lines)


def _atom_time(value: str) -> str:
    return parse_time(value).isoformat()


# ---------------------------------------------------------------------------------------------
# The HTML pages
# ---------------------------------------------------------------------------------------------


def render_html(data: ReportView, store: Store, base_url: str = "") -> Iterator[tuple[str, str]]:
    """Every HTML file of the report, (path, HTML), one at a time: index.html, then the case pages with
    their texts read from the store as each is rendered (a report of many thousand cases stays small)."""
    assets = inline_assets()
    yield "index.html", render("index.html", language=data.language, links=StaticLinks("", base_url),
                               assets=assets, data=data)
    for case in data.cases:
        full = with_texts(store, case)
        yield case.path, render("case.html", language=data.language, links=StaticLinks("../", base_url),
                                assets=assets, data=data, case=full)


def write_report(store: Store, directory: Path | str, data: ReportView | None = None,
                 settings: ReportSettings | None = None) -> Path:
    """Write the whole report folder from the store (or from ``data`` already built from it); returns the
    path of index.html. Files an earlier report wrote and this one does not (a page retitled, a case gone)
    are removed; nothing else in the folder is ever touched."""
    folder = Path(directory)
    settings = settings or ReportSettings()
    data = data or build_report(store, settings=settings)
    links = StaticLinks("", settings.base_url)
    files: dict[str, str | bytes] = {
        "violations.json": violations_json(data, links),
        "violations.csv": violations_csv(data, links),
        "violations.atom": violations_atom(data, links),
    }
    planned = {*files, "index.html", *(case.path for case in data.cases)}
    with ReportFolder(folder) as out:
        previous = out.manifest()
        out.write_manifest(previous | planned)  # a report stopped halfway leaves nothing it wrote unlisted
        for name, content in chain(files.items(), render_html(data, store, settings.base_url)):
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
