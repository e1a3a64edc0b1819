"""The values that cross module boundaries: small, frozen, named for what they hold."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, TypeVar

T = TypeVar("T")


class FrozenMap(dict):
    """A read-only mapping that pickles, so the values holding one can cross to a judging process or a
    Dask worker (``types.MappingProxyType`` cannot be pickled)."""

    __slots__ = ()

    def _read_only(self, *args: object, **kwargs: object) -> None:
        raise TypeError("this mapping is read-only")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type, tuple[dict[Any, Any]]]:
        return (FrozenMap, (dict(self),))


def _set_at_once(cls: type[T]) -> type[T]:
    """A frozen dataclass whose ``__init__`` sets the instance's fields in one step, its ``__dict__``,
    rather than with one ``object.__setattr__`` call per field as dataclasses does: a page makes
    hundreds of blocks and links, and that costs half of making each. The signature, the defaults and
    the order of the fields (so equality, hashing and pickles) are the dataclass's own. As dataclasses
    does, the ``__init__`` is written out as source and compiled once."""
    own = fields(cls)  # type: ignore[arg-type]
    if any(f.default_factory is not MISSING for f in own):
        raise TypeError(f"{cls.__name__}: a default factory needs the dataclass's own __init__")
    names = [f.name for f in own]
    defaults = {f.name: f.default for f in own if f.default is not MISSING}
    params = ", ".join(f"{name}=_default_{name}" if name in defaults else name for name in names)
    values = ", ".join(f"{name!r}: {name}" for name in names)
    source = f"def __init__(self, {params}):\n    _set(self, '__dict__', {{{values}}})\n"
    namespace: dict[str, Any] = {"_set": object.__setattr__, **{f"_default_{n}": v for n, v in defaults.items()}}
    exec(source, namespace)  # noqa: S102 - compiled from the field names alone, as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010 - a method replaced on the class
    return cls


# ---------------------------------------------------------------------------------------------
# Licences
# ---------------------------------------------------------------------------------------------

UNIT_TITLES = {
    "by": "BY",
    "by-sa": "BY-SA",
    "by-nd": "BY-ND",
    "by-nc": "BY-NC",
    "by-nc-sa": "BY-NC-SA",
    "by-nc-nd": "BY-NC-ND",
}


@dataclass(frozen=True)
class License:
    """A Creative Commons legal tool.

    ``unit`` is the URL path element (``by-nc-sa``, ``zero``, ``mark``); ``None`` means "some Creative
    Commons licence" (a notice that names none). ``version`` and ``jurisdiction`` are ``None`` when not
    stated: a rule without a version accepts any version.
    """

    unit: str | None
    version: str | None = None
    jurisdiction: str | None = None

    @property
    def short_name(self) -> str:
        if self.unit is None:
            return "Creative Commons"
        if self.unit == "zero":
            name = "CC0"
        elif self.unit == "mark":
            name = "Public Domain Mark"
        else:
            name = "CC " + self.unit.upper()
        parts = [name, self.version or "", (self.jurisdiction or "").upper()]
        return " ".join(p for p in parts if p)

    @property
    def is_no_derivatives(self) -> bool:
        return self.unit is not None and "nd" in self.unit.split("-")

    @property
    def deed_url(self) -> str | None:
        """The deed to link to; an unversioned licence links to the current (4.0) deed of its unit."""
        if self.unit is None:
            return None
        if self.unit == "mark":
            return "https://creativecommons.org/publicdomain/mark/1.0/"
        if self.unit == "zero":
            return "https://creativecommons.org/publicdomain/zero/1.0/"
        version = self.version or "4.0"
        port = f"{self.jurisdiction}/" if self.jurisdiction and self.version else ""
        return f"https://creativecommons.org/licenses/{self.unit}/{version}/{port}"


# ---------------------------------------------------------------------------------------------
# Rules (rules/<publisher>.toml)
# ---------------------------------------------------------------------------------------------

SourceLinkMode = Literal["article", "site", "none"]
MatchKind = Literal["reproduction", "excerpt", "none"]


@dataclass(frozen=True)
class Publisher:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    language: str = "en"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Requirements:
    source_name: bool = True
    source_link: SourceLinkMode = "article"
    author: bool = True
    license_notice: bool = True
    mark_modifications: bool = True
    followed_links: bool = False
    canonical: bool = False
    third_party_media: bool = True


@dataclass(frozen=True)
class Thresholds:
    reproduction: float = 0.5
    excerpt: float = 0.1


@dataclass(frozen=True)
class Exemption:
    host: str
    reason: str


CreditPosition = Literal["any", "top"]
EditsAllowed = Literal["any", "style-only"]
ImagesAllowed = Literal["allowed", "excluded"]


@dataclass(frozen=True)
class Policy:
    """What a publisher asks of republishers beyond the licence (``[policy]`` of a rule file). A breach is
    a finding of severity ``policy``: the publisher's request, never a licence violation.

    ``credit_position`` "top": the credit stands before the article's text; ``pixel``: a piece of a URL an
    image of the copy must hold (the Republication Tracker Tool's ``?republication-pixel=true&post=``);
    ``edits`` "style-only": only time, place and style edits; ``images`` "excluded": none of the
    original's images may be reused; ``paywall`` False: the copy must not sit behind a paywall."""

    credit_position: CreditPosition = "any"
    pixel: str | None = None
    edits: EditsAllowed = "any"
    images: ImagesAllowed = "allowed"
    paywall: bool = True

    @property
    def active(self) -> bool:
        return self != Policy()


@dataclass(frozen=True)
class Rules:
    """What one publisher requires of the sites that republish its articles."""

    publisher: Publisher
    license: License
    requirements: Requirements = Requirements()
    matching: Thresholds = Thresholds()
    exemptions: tuple[Exemption, ...] = ()
    source: Path | None = None
    policy: Policy = Policy()


@dataclass(frozen=True)
class FeedSpec:
    """One republisher's feed to watch (feeds/*.toml or *.opml)."""

    name: str
    url: str
    contact: str | None = None
    source: Path | None = None


@dataclass(frozen=True)
class ServeSettings:
    """The ``[serve]`` table of cc-syndicate.toml: the public check page under load."""

    threads: int = 16               # waitress worker threads (more than concurrent_checks + queue)
    rate_limit: str = "10/minute"   # checks per client address (Flask-Limiter notation)
    concurrent_checks: int = 4      # checks running at once
    queue: int = 8                  # checks waiting for a turn; beyond that, 503
    queue_wait: float = 10.0        # seconds a check may wait for a turn before 503
    cache_minutes: float = 5.0      # a result for the same page and original is kept this long
    base_path: str = ""             # the URL prefix the service is published under ("/verifica")
    trusted_proxies: int = 0        # reverse proxies in front whose X-Forwarded-* headers are believed


@dataclass(frozen=True)
class ReportSettings:
    """[report] of cc-syndicate.toml: where the report is published, and its language."""

    base_url: str = ""  # "https://example.org/cc-report/": links become absolute (the Atom feed needs them)
    language: str = ""  # "en", "it": default the publishers' language (English when they differ)


@dataclass(frozen=True)
class EditorsSettings:
    """The ``[editors]`` table of cc-syndicate.toml: the editors' pages under ``/editors/`` in ``serve``."""

    enabled: bool = True                     # false: serve keeps the database read-only and has no editors' pages
    login_rate_limit: str = "5/minute;20/hour"  # failed logins from one client address (Flask-Limiter notation)
    account_rate_limit: str = "10/hour"      # failed logins to one account, from anywhere
    session_hours: float = 12.0              # a session unused this long ends
    time_zone: str = "UTC"                   # dates shown when the browser does not say its own zone


@dataclass(frozen=True)
class Account:
    """An editor's account for the pages under ``/editors/`` (its password hash never leaves the store's
    :meth:`password_hash`)."""

    name: str
    created_at: str
    password_changed_at: str
    last_login_at: str | None
    session_epoch: int  # raised at logout and password change: sessions signed with an older one end


@dataclass(frozen=True)
class Settings:
    """How the crawler behaves and where things are kept: the defaults, then cc-syndicate.toml, then the
    command line (:func:`cc_syndicate.config.resolve_settings`)."""

    user_agent: str = "cc-syndicate/0.1 (+https://github.com/cc-syndicate/cc-syndicate)"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    host_delay: float = 1.0
    max_crawl_delay: float = 30.0
    workers: int = 4
    feed_parse_timeout: float = 20.0
    feed_parse_memory_mb: int = 512
    backfill_pages: int = 0
    feeds_path: str = "feeds"
    rules_path: str = "rules"
    db_path: str = "cc-syndicate.db"
    report_path: str = "report"
    keep_resolved_texts_days: int = 90  # a resolved case's page text is dropped this long after it was resolved
    judge_processes: int | None = None  # child processes that read and judge pages; None: one per core, 0: none
    judge_timeout: float = 30.0  # seconds to read and judge one page (or read one original), then it is unreadable
    judge_memory_mb: int = 1024  # memory a judging process may take beyond its start, then the page is unreadable
    scheduler: str | None = None  # a Dask scheduler's address (tcp://host:8786): judge on that cluster
    allow_private: bool = False  # the command line's --allow-private (never read from the file)
    serve: ServeSettings = ServeSettings()
    editors: EditorsSettings = EditorsSettings()
    report: ReportSettings = ReportSettings()
    source: Path | None = None


# ---------------------------------------------------------------------------------------------
# Fetching
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    """A response as the crawler kept it: the final URL after redirects, decoded to bytes, capped."""

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    elapsed: float = 0.0
    redirects: tuple[tuple[int, str], ...] = ()  # (status, location) of every hop followed

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


# ---------------------------------------------------------------------------------------------
# Feeds (feeds.py) and what the store remembers about them
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed. ``full_text`` is the article's text when the feed carries it whole."""

    guid: str | None
    link: str | None
    title: str
    authors: tuple[str, ...] = ()
    published: str | None = None
    summary: str = ""
    full_text: str = ""
    license_urls: tuple[str, ...] = ()  # the item's creativeCommons:license, cc:license, Atom link rel=license
    rights: str = ""  # the item's dc:rights or Atom rights


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    version: str
    entries: tuple[FeedEntry, ...]
    problem: str | None = None  # what the parser complained about, when it read the feed anyway
    license_urls: tuple[str, ...] = ()  # the channel's creativeCommons:license, cc:license, Atom link rel=license
    rights: str = ""  # the channel's dc:rights, <copyright> or Atom rights
    link: str | None = None  # the site the feed says it belongs to (its channel or feed link)


@dataclass(frozen=True)
class FeedState:
    """What the crawler remembers of a feed between runs."""

    url: str
    role: Literal["publisher", "republisher"]
    name: str = ""
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    checked_at: str | None = None
    status: str | None = None
    error: str | None = None
    next_try_at: str | None = None
    failures: int = 0
    moved_to: str | None = None
    moved_seen: int = 0
    retired_at: str | None = None
    feed_url: str | None = None  # the feed found at a home page, or where a feed moved for good
    contact: str | None = None
    failing_since: str | None = None  # the first failure of the current series
    reminded_at: str | None = None  # when a run last said that it fails (once a day while it lasts)

    @property
    def fetch_url(self) -> str:
        return self.feed_url or self.url


# ---------------------------------------------------------------------------------------------
# What a page holds (pages.py)
# ---------------------------------------------------------------------------------------------


class Visibility(enum.Enum):
    """Whether a reader can see something, and if not, what hides it. Decisions compare these values;
    the human reason (``hidden``, beside it) is only ever shown."""

    VISIBLE = "visible"
    STYLESHEET = "stylesheet"        # a rule of the page's CSS
    INLINE_STYLE = "inline-style"    # the element's style attribute
    ATTRIBUTE = "attribute"          # the hidden attribute
    CLASS = "class"                  # a screen-reader-only or hiding class
    COLLAPSED = "collapsed"          # inside a closed <details>
    NOSCRIPT = "noscript"
    COMMENT = "comment"
    ALT_TEXT = "alt-text"            # an image's alt or title text
    HEAD_LINK = "head-link"          # <link> in the head
    JSON_LD = "json-ld"
    META = "meta"                    # <meta> tags

    @property
    def page_level(self) -> bool:
        """Statements made for machines about the whole page, not text hidden from readers."""
        return self in {Visibility.HEAD_LINK, Visibility.JSON_LD, Visibility.META}


@_set_at_once
@dataclass(frozen=True)
class TextBlock:
    """A run of text as the page lays it out.

    ``hidden`` is the human reason a reader cannot see it (None when visible) and ``visibility`` what
    hides it. ``ancestry`` holds serial numbers of the block's element and its ancestors, outermost
    first, and ``chrome_at`` the positions in it of elements that look like page furniture (navigation,
    ads, related links...), so that a caller who knows where the article is can ignore furniture
    above it. ``chrome`` is the page-level verdict; ``boilerplate`` says the text itself reads as
    furniture (a "Read also" line, a list of links).
    """

    text: str
    where: str
    hidden: str | None = None
    chrome: bool = False
    in_footer: bool = False
    visibility: Visibility = Visibility.VISIBLE
    ancestry: tuple[int, ...] = ()
    chrome_at: tuple[int, ...] = ()
    boilerplate: bool = False
    tag: str = ""


@_set_at_once
@dataclass(frozen=True)
class Link:
    href: str
    text: str
    rel: frozenset[str] = frozenset()
    where: str = ""
    hidden: str | None = None
    has_image: bool = False
    in_footer: bool = False
    visibility: Visibility = Visibility.VISIBLE

    @property
    def visible(self) -> bool:
        return self.hidden is None and bool(self.text.strip() or self.has_image)


@_set_at_once
@dataclass(frozen=True)
class Image:
    src: str
    alt: str = ""
    caption: str = ""
    where: str = ""
    hidden: str | None = None
    in_footer: bool = False
    visibility: Visibility = Visibility.VISIBLE


@_set_at_once
@dataclass(frozen=True)
class LicenseSignal:
    """A place where the page states a licence: ``kind`` is how (rel-license, cc-link, badge, json-ld,
    meta, text), ``license`` what (None for a non-CC licence URL), ``hidden`` why a reader cannot see it."""

    kind: str
    license: License | None
    raw: str
    where: str
    hidden: str | None = None
    in_footer: bool = False
    visibility: Visibility = Visibility.VISIBLE


@dataclass(frozen=True)
class PageView:
    """Everything the checker reads on one HTML page, visible text apart from hidden text."""

    url: str
    title: str
    language: str | None
    canonical: str | None
    blocks: tuple[TextBlock, ...]
    hidden_blocks: tuple[TextBlock, ...]
    links: tuple[Link, ...]
    images: tuple[Image, ...]
    license_signals: tuple[LicenseSignal, ...]
    meta: Mapping[str, str] = field(default_factory=FrozenMap)
    authors: tuple[str, ...] = ()

    @cached_property
    def visible_text(self) -> str:
        """The blocks' texts, one after the other on lines of their own (kept: finding a page's original
        and matching it read it several times, and look up what was kept from it by it)."""
        return "\n".join(b.text for b in self.blocks)

    def __getstate__(self) -> dict[str, Any]:
        """The fields alone: a page pickled for a judging process does not carry its text twice."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


# ---------------------------------------------------------------------------------------------
# Originals, matches and findings
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MediaCredit:
    """Media the original credits to someone else, e.g. "Fonte foto in evidenza: Adnkronos"."""

    credit: str
    media_url: str | None
    statement: str


@dataclass(frozen=True)
class Original:
    url: str
    canonical_url: str | None
    title: str
    authors: tuple[str, ...]
    published: str | None
    license: License | None
    text: str
    site_name: str | None = None
    media_credits: tuple[MediaCredit, ...] = ()
    notices: tuple[str, ...] = ()  # the original page's own licence and reservation lines
    images: tuple[str, ...] = ()  # the article's own images (the featured one first), not logos or pixels

    @property
    def identity(self) -> str:
        return self.canonical_url or self.url


@dataclass(frozen=True)
class Change:
    kind: Literal["changed", "added", "removed"]
    original: str
    page: str


@dataclass(frozen=True)
class Match:
    """How much of an original a page holds, and where.

    ``span`` is the first and last page block holding reproduced text; ``reproduced`` the runs of the
    page's text copied from the original, as (block index, first token, end token) with tokens the
    white-space separated pieces of the block's text. Text outside those runs is the republisher's own
    (the frame, credits, furniture) and the only place a credit counts. ``article`` locates the element
    that holds every reproduced block. ``article_words`` is the size of
    the original's article text that was compared, ``words_found`` how much of it the page holds in order.
    """

    kind: MatchKind
    containment: float
    changes: tuple[Change, ...] = ()
    page_share: float = 0.0
    span: tuple[int, int] | None = None
    reproduced: tuple[tuple[int, int, int], ...] = ()
    article_words: int = 0
    words_found: int = 0
    article: tuple[int, ...] = ()  # the ancestry (TextBlock.ancestry) of the element holding all of it

    @property
    def modified(self) -> bool:
        return bool(self.changes)


# "policy": a breach of the publisher's [policy], never of the licence; counted apart, never a violation.
Severity = Literal["violation", "warning", "policy"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    evidence: Mapping[str, Any] = field(default_factory=FrozenMap)


@dataclass(frozen=True)
class RequirementOutcome:
    """One line of the terminal report: a requirement (``requirement`` its label in the rules' language,
    ``name`` its stable name, as :data:`cc_syndicate.checks.REQUIREMENTS` declares it), whether it is
    met, why, and the fix."""

    requirement: str
    status: Literal["met", "missing", "hidden", "not-applicable"]
    detail: str
    fix: str = ""
    finding: Finding | None = None
    name: str = ""


@dataclass(frozen=True)
class Attribution:
    """A ready credit for the republisher to paste."""

    html: str
    text: str


@dataclass(frozen=True)
class Restriction:
    """Something the rules forbid a republisher: ``what`` is stable ("changes", "nofollow"; a policy may
    add others), ``text`` says it in the publisher's language."""

    what: str
    text: str


@dataclass(frozen=True)
class RepublishBlock:
    """What a republisher needs before republishing one original, in the publisher's language: the
    credit to paste, the tag for the page's head when the rules ask for rel=canonical, the media the
    licence does not cover, and what the rules forbid."""

    original_url: str
    title: str
    language: str
    license: str
    deed_url: str | None
    credit: Attribution
    head: str = ""
    head_note: str = ""
    media: tuple[MediaCredit, ...] = ()
    media_note: str = ""
    forbidden: tuple[Restriction, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "original": {"url": self.original_url, "title": self.title},
            "language": self.language,
            "license": {"name": self.license, "deed_url": self.deed_url},
            "credit": {"html": self.credit.html, "text": self.credit.text},
            "head": {"html": self.head, "note": self.head_note} if self.head else None,
            "third_party_media": {
                "note": self.media_note,
                "media": [{"url": m.media_url, "credit": m.credit, "statement": m.statement} for m in self.media],
            } if self.media else None,
            "forbidden": [{"what": r.what, "text": r.text} for r in self.forbidden],
        }


@dataclass(frozen=True)
class Pixel:
    """A tracking pixel of the publisher on a copy: the Republication Tracker Tool's
    ``SITE/?republication-pixel=true&post=ID`` (or the rules' own pattern). Its presence shows the copy
    came through the publisher's republish button; ``post`` (when the URL names one) gives the original
    as WordPress knows it, ``SITE/?p=ID``."""

    src: str
    where: str
    post: str | None = None
    original_url: str | None = None


@dataclass(frozen=True)
class CheckResult:
    page: PageView
    original: Original
    rules: Rules
    match: Match
    outcomes: tuple[RequirementOutcome, ...]
    findings: tuple[Finding, ...]
    suggested_attribution: Attribution
    exemption: Exemption | None = None
    pixel: Pixel | None = None

    @property
    def policy_breaches(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "policy")

    @property
    def verdict(self) -> str:
        if self.match.kind == "none":
            return "not-a-reproduction"
        if any(f.severity == "violation" for f in self.findings):
            return "violation"
        return "compliant"

    def to_json(self) -> dict[str, Any]:
        """The contract's ``check`` JSON: what ``cc-syndicate check --format json`` prints."""
        from .present import check_json  # present renders models: imported when asked, not at import time

        return check_json(self)


# ---------------------------------------------------------------------------------------------
# What a run records (run.py -> store.py)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reproduction:
    """One page judged against one original, ready to store."""

    original_id: int | None
    kind: str
    containment: float
    page_share: float
    verdict: str
    findings: tuple[Finding, ...]
    result: Mapping[str, Any]  # the check's JSON, with the requirements, for the report


@dataclass(frozen=True)
class PageCheck:
    """What happened to one republished page in a run."""

    url: str
    republisher: str
    feed_url: str
    status: Literal["checked", "not-modified", "gone", "blocked", "failed", "excluded"]
    title: str = ""
    text: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    reproductions: tuple[Reproduction, ...] = ()
    trace: str | None = None  # the traceback of a bug met while reading or judging the page


@dataclass(frozen=True)
class FeedOutcome:
    """Everything one feed's crawl produced; stored in one transaction."""

    state: FeedState
    republisher: str
    entries: tuple[tuple[str, str | None], ...] = ()  # (entry key, page URL) seen for the first time
    pages: tuple[PageCheck, ...] = ()
    fetched: bool = False
    not_modified: bool = False
    failed: bool = False
    deferred: bool = False
    messages: tuple[str, ...] = ()  # what the rights manager should hear about

    @property
    def failing(self) -> bool:
        """Failed now, or left alone because of earlier failures (or retired)."""
        return self.state.status in ("failed", "retired")


@dataclass(frozen=True)
class FeedHealth:
    """A feed that cannot be read, for the report and ``run --json``."""

    url: str
    name: str
    role: str
    status: str  # failed, retired
    since: str | None
    failures: int
    error: str | None
    next_try_at: str | None


@dataclass(frozen=True)
class Announcement:
    """A violation a run announces (summary, exit 1, Atom): one not announced by any run before."""

    id: int
    page_url: str
    original_url: str | None
    republisher: str
    code: str
    message: str


@dataclass(frozen=True)
class PageHealth:
    """A republished page that cannot be read (403, timeouts, a bug met while judging it)."""

    url: str
    republisher: str
    since: str | None
    error: str | None
