"""The judgement: each requirement declared once and run from one table (pure).

A :class:`Requirement` names what the rules can ask of a page, the finding codes it can raise with
their severity, whether it applies to excerpts, and the function that checks it. The function reads
a :class:`Case` (the page, the original, the rules, the match) and returns an :class:`Assessment`:
met, missing (with its code), hidden (the credit exists only where readers cannot see it) or not
applicable; the table turns it into a :class:`~cc_syndicate.models.RequirementOutcome` with its label
and its finding. Hidden credits are gathered into a single ``attribution-hidden`` finding so that
each code appears at most once per page and original. Every phrase comes from :mod:`.phrases`, in the
language of the rules; no decision reads a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal

from . import licenses, phrases, policy
from .attribution import deed_link
from .match import outside_reproduction
from .models import (
    Change,
    Finding,
    FrozenMap,
    Image,
    LicenseSignal,
    Link,
    Match,
    Original,
    PageView,
    RequirementOutcome,
    Rules,
    Severity,
    TextBlock,
    Visibility,
)
from .text import excerpt, fold, key, may_hold, split_sentences
from .urls import article_key, host_in, host_of, is_http, may_any_be_in, same_article, same_media

NOFOLLOW = frozenset({"nofollow", "ugc", "sponsored"})
NEAR_ARTICLE = 3  # blocks before or after the reproduced span that still belong to the article

Status = Literal["met", "missing", "hidden", "not-applicable"]


@dataclass(frozen=True)
class Case:
    """What one check looks at."""

    page: PageView
    original: Original
    rules: Rules
    match: Match

    @property
    def original_urls(self) -> tuple[str, ...]:
        return tuple(u for u in (self.original.url, self.original.canonical_url) if u)

    @cached_property
    def credit_pieces(self) -> tuple[tuple[int, TextBlock], ...]:
        """The visible text outside the reproduced sentences, with the index of the block each piece is
        from: a name, an author or a licence counts as credit only there ("A Ledger Watch analysis
        found..." inside the copy credits nobody)."""
        return outside_reproduction(self.page, self.match)

    @property
    def credit_blocks(self) -> tuple[TextBlock, ...]:
        return tuple(block for _, block in self.credit_pieces)

    @cached_property
    def language(self) -> str:
        return phrases.language_of(self.rules.publisher.language)

    def say(self, phrase: str, **values: Any) -> str:
        return phrases.say(self.language, phrase, **values)

    @cached_property
    def changes(self) -> tuple[Change, ...]:
        """The changes the licence judges: all of the match's, but the time, place and style edits that a
        publisher allowing ``edits = "style-only"`` has agreed to in advance."""
        if self.rules.policy.edits != "style-only":
            return self.match.changes
        return tuple(c for c in self.match.changes if not policy.is_style_edit(c, self.language))

    @cached_property
    def source_keys(self) -> tuple[set[str], set[str], tuple[str, ...]]:
        """What tells a link to the source: the article keys of the original's URLs (keyed once, not once
        per link), their hosts, and the publisher's domains (else the original's hosts). An article key
        begins with its URL's host (no www., no amp.), up to a "/" or "?": a link to another host cannot
        be the article, and is never keyed."""
        keys = {article_key(u) for u in self.original_urls}
        hosts = {_KEY_HOST.match(k).group(0) for k in keys}  # type: ignore[union-attr]
        return keys, hosts, self.rules.publisher.domains or tuple(host_of(u) for u in self.original_urls)

    @cached_property
    def source_links(self) -> tuple[list[Link], list[Link], list[Link]]:
        """:func:`accepted_source_links`, found once for the two checks that read them."""
        return accepted_source_links(self)

    @cached_property
    def original_sentences(self) -> frozenset[str]:
        """The keys of the original's sentences: a page sentence among them is the original speaking."""
        return frozenset(key(s) for s in split_sentences(self.original.text))


# ---------------------------------------------------------------------------------------------
# What a check function returns, and the table that gives it a name and a severity
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    """One requirement judged on one page, before the table names it: ``code`` is the finding it
    raises (declared by the requirement), ``message`` the finding's sentence when it is not the detail."""

    status: Status
    detail: str
    fix: str = ""
    code: str | None = None
    message: str = ""
    evidence: Mapping[str, Any] = field(default_factory=FrozenMap)


def met(detail: str) -> Assessment:
    return Assessment("met", detail)


def not_applicable(detail: str) -> Assessment:
    return Assessment("not-applicable", detail)


def missing(code: str, detail: str, fix: str, message: str = "", **evidence: Any) -> Assessment:
    return Assessment("missing", detail, fix, code, message, FrozenMap(evidence))


def hidden(detail: str, fix: str, found: list[dict[str, str]]) -> Assessment:
    return Assessment("hidden", detail, fix, "attribution-hidden", "", FrozenMap({"found": found}))


HIDDEN: Mapping[str, Severity] = MappingProxyType({"attribution-hidden": "violation"})


def _always(rules: Rules) -> bool:
    return True


@dataclass(frozen=True)
class Requirement:
    """Something the rules can ask of a republished page, declared once. ``active`` says whether the
    rules ask it at all: a policy the rules do not set is not listed."""

    name: str  # stable, for machines and phrase keys: "source_name"
    codes: Mapping[str, Severity]  # every finding code the check can raise, with its severity
    for_excerpts: bool  # whether it applies to an excerpt as well as to a reproduction
    check: Callable[[Case], Assessment]
    active: Callable[[Rules], bool] = _always

    @property
    def is_policy(self) -> bool:
        """A publisher's request beyond the licence ([policy]), never a licence requirement."""
        return all(severity == "policy" for severity in self.codes.values())

    def label(self, language: str) -> str:
        """The requirement in plain words ("source name", "nome della fonte")."""
        return phrases.say(phrases.language_of(language), f"requirement.{self.name}")

    def judge(self, case: Case) -> RequirementOutcome:
        found = self.check(case)
        finding = None
        if found.code is not None:
            finding = Finding(found.code, self.codes[found.code], found.message or _sentence(found.detail),
                              found.evidence)
        return RequirementOutcome(self.label(case.language), found.status, found.detail, found.fix, finding,
                                  name=self.name)


# ---------------------------------------------------------------------------------------------
# One function per requirement
# ---------------------------------------------------------------------------------------------


def check_source_name(case: Case) -> Assessment:
    if not case.rules.requirements.source_name:
        return not_applicable(case.say("source_name.off"))
    publisher = case.rules.publisher
    names = [*publisher.names, *publisher.domains]
    visible = find_phrases(case.credit_blocks, names)
    if visible:
        return met(case.say("source_name.met", publisher=publisher.name, where=visible[0].where,
                            excerpt=excerpt(visible[0].text, 80)))
    fix = case.say("source_name.fix", publisher=publisher.name)
    unseen = find_phrases(case.page.hidden_blocks, names)
    if unseen:
        detail = case.say("source_name.hidden", publisher=publisher.name, reason=_reason(case, unseen[0]))
        return hidden(detail, fix, [_place(case, b) for b in unseen[:5]])
    aliases = ", ".join(publisher.aliases) or case.say("source_name.an_alias")
    detail = case.say("source_name.missing", publisher=publisher.name, aliases=aliases)
    return missing("source-missing", detail, fix, looked_for=names)


def _source_links(case: Case, links: Iterable[Link]) -> tuple[list[Link], list[Link]]:
    """Links to the original article, and links to any publisher domain."""
    to_article, to_site = [], []
    original_keys, original_hosts, domains = case.source_keys
    links = list(links)
    # Screened together first: when no URL holds the name of a publisher's domain or of the original's
    # host, which one that leads there holds as written (most pages), none is a source link.
    if not may_any_be_in([link.href for link in links], (*domains, *original_hosts)):
        return [], []
    for link in links:
        if not is_http(link.href):
            continue
        host = host_of(link.href)
        bare = host[4:] if host.startswith("amp.") else host
        if link.href and (not bare or bare in original_hosts) and article_key(link.href) in original_keys:
            to_article.append(link)
        elif host_in(host, domains):
            to_site.append(link)
    return to_article, to_site


_KEY_HOST = re.compile(r"[^/?]*")


def accepted_source_links(case: Case) -> tuple[list[Link], list[Link], list[Link]]:
    """(visible links that satisfy the rule, hidden ones that would, visible site links that do not)."""
    article, site = _source_links(case, case.page.links)
    wanted = article if case.rules.requirements.source_link == "article" else article + site
    visible = [link for link in wanted if _link_shown(link)]
    unseen = [link for link in wanted if not _link_shown(link)]
    site_only = [link for link in site if _link_shown(link)] if case.rules.requirements.source_link == "article" else []
    return visible, unseen, site_only


def check_source_link(case: Case) -> Assessment:
    mode = case.rules.requirements.source_link
    if mode == "none":
        return not_applicable(case.say("source_link.off"))
    visible, unseen_links, site_only = case.source_links
    target = case.original.identity if mode == "article" else case.say("list.or").join(case.rules.publisher.domains)
    fix = case.say("source_link.fix", url=case.original.identity, title=case.original.title or case.original.identity)
    if visible:
        return met(case.say("source_link.met", target=target, where=visible[0].where))
    if unseen_links:
        link = unseen_links[0]
        reason = _reason(case, link) if not _shown(link) else case.say("source_link.no_text")
        detail = case.say("source_link.hidden", target=target, reason=reason)
        return hidden(detail, fix, [_link_place(case, link) for link in unseen_links[:5]])
    unseen_urls = _hidden_source_urls(case)
    if unseen_urls:
        detail = case.say("source_link.unseen", target=target, reason=_reason(case, unseen_urls[0]))
        return hidden(detail, fix, [_place(case, b) for b in unseen_urls[:5]])
    detail = case.say("source_link.missing", target=target)
    if site_only:
        detail += "; " + case.say("source_link.site_only", href=site_only[0].href)
    looked_for = list(case.original_urls) if mode == "article" else list(case.rules.publisher.domains)
    return missing("source-link-missing", detail, fix, looked_for=looked_for,
                   site_links=[_link_place(case, link) for link in site_only[:5]])


_URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>]+")


def _hidden_source_urls(case: Case) -> list[TextBlock]:
    """Hidden text (comments, JSON-LD, meta) that holds a source URL without any link element."""
    article, site = _source_links(case, [Link(url, url) for b in case.page.hidden_blocks for url in _URL_IN_TEXT.findall(b.text)])
    wanted = {link.href for link in (article if case.rules.requirements.source_link == "article" else article + site)}
    if not wanted:
        return []
    return [b for b in case.page.hidden_blocks if wanted.intersection(_URL_IN_TEXT.findall(b.text))]


def check_followed_links(case: Case) -> Assessment:
    if not case.rules.requirements.followed_links or case.rules.requirements.source_link == "none":
        return not_applicable(case.say("followed_links.off"))
    visible, _, _ = case.source_links
    if not visible:
        return not_applicable(case.say("followed_links.no_link"))
    followed = [link for link in visible if not (link.rel & NOFOLLOW)]
    if followed:
        return met(case.say("followed_links.met", where=followed[0].where))
    rels = "/".join(sorted({r for link in visible for r in link.rel & NOFOLLOW}))
    return missing("source-link-nofollow", case.say("followed_links.missing", rels=rels), case.say("followed_links.fix"),
                   links=[_link_place(case, link) for link in visible[:5]])


def author_variants(name: str) -> list[str]:
    """Ways a credit may spell an author: "Valentina Contarino", "V. Contarino", "Contarino Valentina"."""
    parts = name.split()
    if len(parts) < 2:
        return [name]
    first, rest = parts[0], " ".join(parts[1:])
    return [name, f"{first[0]}. {rest}", f"{first[0]} {rest}", f"{rest} {first}", f"{rest}, {first}"]


def check_author(case: Case) -> Assessment:
    if not case.rules.requirements.author:
        return not_applicable(case.say("author.off"))
    publisher_keys = {key(n) for n in case.rules.publisher.names}
    authors = [a for a in case.original.authors if key(a) not in publisher_keys]
    if not authors:
        return not_applicable(case.say("author.none"))
    absent = [a for a in authors if not find_phrases(case.credit_blocks, author_variants(a))]
    if not absent:
        return met(case.say("author.met", authors=", ".join(authors)))
    fix = case.say("author.fix", authors=", ".join(authors))
    unseen = [b for a in absent for b in find_phrases(case.page.hidden_blocks, author_variants(a))]
    if unseen:
        detail = case.say("author.hidden", authors=", ".join(absent), reason=_reason(case, unseen[0]))
        return hidden(detail, fix, [_place(case, b) for b in unseen[:5]])
    return missing("author-missing", case.say("author.missing", authors=", ".join(absent)), fix, looked_for=absent)


def check_license_notice(case: Case) -> Assessment:
    if not case.rules.requirements.license_notice:
        return not_applicable(case.say("license_notice.off"))
    named = [s for s in _signals_outside_reproduction(case) if s.license is not None]
    visible = [s for s in named if _shown(s)]
    if visible:
        s = visible[0]
        return met(case.say("license_notice.met", license=s.license.short_name, kind=s.kind, where=s.where))  # type: ignore[union-attr]
    required = case.rules.license
    deed = deed_link(required, case.language)
    fix = (case.say("license_notice.fix", deed=deed, license=required.short_name) if deed
           else case.say("license_notice.fix_unlinked", license=required.short_name))
    # A hidden statement of another licence (an image's alt text: "[CC BY 2.0], via Wikimedia Commons")
    # speaks of something else; only the licence the rules grant, hidden, is a hidden licence notice.
    concealed = [s for s in named if licenses.accepts(required, s.license)]  # type: ignore[arg-type]
    if concealed:
        detail = case.say("license_notice.hidden", reason=_reason(case, concealed[0]))
        found = [{"where": s.where, "kind": s.kind, "hidden": s.hidden or _reason(case, s), "excerpt": excerpt(s.raw, 80)}
                 for s in concealed[:5]]
        return hidden(detail, fix, found)
    return missing("license-missing", case.say("license_notice.missing"), fix,
                   looked_for=[required.short_name, "Creative Commons", "creativecommons.org"])


def check_license_terms(case: Case) -> Assessment:
    """A different licence, version or "all rights reserved" applied to the article.

    Statements in the page's footer are site-wide and do not count; nor do the original's own notices
    carried over with the text ("© RIPRODUZIONE RISERVATA" above Voci di Città's CC grant). Statements
    made for machines about the whole page (rel=license in the head, JSON-LD) do count.
    """
    required = case.rules.license
    conflicts: list[dict[str, str]] = []
    for s in _signals_outside_reproduction(case):
        if s.in_footer or not (_shown(s) or _page_level(s)):
            continue
        if s.license is None and s.kind in {"rel-license", "json-ld"}:
            conflicts.append({"where": s.where, "kind": s.kind, "found": excerpt(s.raw, 100)})
        elif s.license is not None and not licenses.accepts(required, s.license) and not _from_original(case, s.raw):
            conflicts.append({"where": s.where, "kind": s.kind, "found": s.license.short_name, "excerpt": excerpt(s.raw, 100)})
    for index, block in case.credit_pieces:
        phrase = licenses.find_reservation(block.text)
        if phrase and _near_article(case, index) and not block.in_footer and not _from_original(case, block.text):
            conflicts.append({"where": block.where, "kind": "reservation", "found": phrase, "excerpt": excerpt(block.text, 100)})
    if not conflicts:
        return met(case.say("license_terms.met", license=required.short_name))
    detail = case.say("license_terms.missing", license=required.short_name, found=conflicts[0]["found"])
    return missing("license-mismatch", detail, case.say("license_terms.fix", license=required.short_name),
                   expected=required.short_name, conflicts=conflicts[:5])


def check_unchanged(case: Case) -> Assessment:
    """Under a no-derivatives licence the reproduced text must stay as it is."""
    changes, license = case.changes, case.rules.license
    if not changes:
        return met(case.say("unchanged.met"))
    if license.unit is None:
        return not_applicable(case.say("unchanged.unknown"))
    if not license.is_no_derivatives:
        return not_applicable(case.say("unchanged.allowed", license=license.short_name))
    detail = case.say("unchanged.missing", license=license.short_name, summary=_change_summary(case, changes))
    return missing("modified-nd", detail, case.say("unchanged.fix"), changes=_listed(changes))


def check_changes_marked(case: Case) -> Assessment:
    """A changed text says so, next to the credit. Under ND too (beside ``modified-nd``), but then the
    fix is to restore the text, never to mark the change."""
    changes = case.changes
    if not changes:
        return not_applicable(case.say("changes_marked.unchanged"))
    summary = _change_summary(case, changes)
    if not case.rules.requirements.mark_modifications:
        return not_applicable(case.say("changes_marked.off", summary=summary))
    notices = change_notices(case, case.credit_blocks)
    if notices:
        return met(case.say("changes_marked.met", summary=summary, where=notices[0].where))
    if case.rules.license.is_no_derivatives:
        fix = case.say("changes_marked.fix_nd", license=case.rules.license.short_name)
    else:
        fix = case.say("changes_marked.fix", notice=case.say("credit.modified"))
    unseen = change_notices(case, case.page.hidden_blocks)
    if unseen:
        return hidden(case.say("changes_marked.hidden", reason=_reason(case, unseen[0])), fix,
                      [_place(case, b) for b in unseen[:5]])
    return missing("modified-unmarked", case.say("changes_marked.missing", summary=summary), fix,
                   changes=_listed(changes))


def check_canonical(case: Case) -> Assessment:
    if not case.rules.requirements.canonical:
        return not_applicable(case.say("canonical.off"))
    if any(same_article(case.page.canonical, u) for u in case.original_urls):
        return met(case.say("canonical.met", url=case.page.canonical))
    if case.page.canonical:
        detail = case.say("canonical.missing", found=case.page.canonical)
    else:
        detail = case.say("canonical.none")
    return missing("canonical-missing", detail, case.say("canonical.fix", url=case.original.identity),
                   expected=case.original.identity, found=case.page.canonical)


def check_third_party_media(case: Case) -> Assessment:
    if not case.rules.requirements.third_party_media:
        return not_applicable(case.say("third_party_media.off"))
    own = {key(n) for n in (*case.rules.publisher.names, *case.original.authors)}
    credits = [c for c in case.original.media_credits if c.media_url and key(c.credit) not in own]
    reused = [(c, img) for c in credits for img in case.page.images if same_media(c.media_url, img.src)]
    uncredited = [(c, img) for c, img in reused if not find_phrases(case.page.blocks, [c.credit])]
    if not uncredited:
        return met(case.say("third_party_media.credited" if reused else "third_party_media.none"))
    credit, image = uncredited[0]
    detail = case.say("third_party_media.missing", credit=credit.credit, src=image.src)
    return missing(
        "third-party-media", detail, case.say("third_party_media.fix", statement=credit.statement),
        message=f"{_sentence(detail)} {case.say('third_party_media.not_covered')}",
        original_credit=credit.statement,
        media=[{"original": c.media_url, "page": img.src, "where": img.where} for c, img in uncredited[:5]],
    )


# ---------------------------------------------------------------------------------------------
# The publisher's policy ([policy]): requests beyond the licence, findings of severity "policy"
# ---------------------------------------------------------------------------------------------


def check_credit_position(case: Case) -> Assessment:
    """The credit (the publisher's name) stands before the article's first reproduced words."""
    publisher = case.rules.publisher
    names = [*publisher.names, *publisher.domains]
    top = find_phrases(policy.text_before_copy(case.page, case.match), names)
    if top:
        return met(case.say("policy_credit_position.met", where=top[0].where))
    below = find_phrases(case.credit_blocks, names)
    if not below:
        return not_applicable(case.say("policy_credit_position.no_credit"))
    block = below[0]
    # The message quotes the credit, as the licence's findings do; where it stands (a selector) is evidence.
    return missing("policy-credit-position", case.say("policy_credit_position.missing", excerpt=excerpt(block.text, 80)),
                   case.say("policy_credit_position.fix", publisher=publisher.name),
                   found={"where": block.where, "excerpt": excerpt(block.text, 100)})


def check_pixel(case: Case) -> Assessment:
    pattern = case.rules.policy.pixel or ""
    pixel = policy.find_pixel(case.page, pattern)
    if pixel is not None and pattern.lower() in pixel.src.lower():
        return met(case.say("policy_pixel.met", src=excerpt(pixel.src, 100)))
    return missing("policy-pixel-missing", case.say("policy_pixel.missing", pattern=pattern),
                   case.say("policy_pixel.fix"), looked_for=pattern, images=len(case.page.images))


def check_edits(case: Case) -> Assessment:
    """Only time, place and style edits. Under a no-derivatives licence every other change is already a
    licence violation (``modified-nd``), so the policy adds nothing there."""
    changes = case.changes
    if not changes:
        return met(case.say("policy_edits.style" if case.match.changes else "policy_edits.none"))
    if case.rules.license.is_no_derivatives:
        return not_applicable(case.say("policy_edits.nd", license=case.rules.license.short_name))
    summary = _change_summary(case, changes)
    return missing("policy-edits", case.say("policy_edits.missing", summary=summary), case.say("policy_edits.fix"),
                   changes=_listed(changes))


def check_images(case: Case) -> Assessment:
    reused = policy.reused_images(case.original, case.page)
    if not reused:
        return met(case.say("policy_images.met"))
    return missing("policy-images", case.say("policy_images.missing", src=reused[0][1].src),
                   case.say("policy_images.fix", publisher=case.rules.publisher.name),
                   images=[{"original": o, "page": i.src, "where": i.where} for o, i in reused[:5]])


def check_paywall(case: Case) -> Assessment:
    signs = policy.paywall_signs(case.page, case.match)
    if not signs:
        return met(case.say("policy_paywall.met"))
    return missing("policy-paywall", case.say("policy_paywall.missing", kind=signs[0]["kind"]),
                   case.say("policy_paywall.fix", publisher=case.rules.publisher.name), signs=signs)


# ---------------------------------------------------------------------------------------------
# The table, and running it
# ---------------------------------------------------------------------------------------------

REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("source_name", {"source-missing": "violation", **HIDDEN}, True, check_source_name),
    Requirement("source_link", {"source-link-missing": "violation", **HIDDEN}, True, check_source_link),
    Requirement("followed_links", {"source-link-nofollow": "violation"}, True, check_followed_links),
    Requirement("author", {"author-missing": "violation", **HIDDEN}, False, check_author),
    Requirement("license_notice", {"license-missing": "violation", **HIDDEN}, False, check_license_notice),
    Requirement("license_terms", {"license-mismatch": "violation"}, False, check_license_terms),
    Requirement("unchanged", {"modified-nd": "violation"}, False, check_unchanged),
    Requirement("changes_marked", {"modified-unmarked": "violation", **HIDDEN}, False, check_changes_marked),
    Requirement("canonical", {"canonical-missing": "violation"}, False, check_canonical),
    Requirement("third_party_media", {"third-party-media": "warning"}, False, check_third_party_media),
    Requirement("policy_credit_position", {"policy-credit-position": "policy"}, True, check_credit_position,
                lambda rules: rules.policy.credit_position == "top"),
    Requirement("policy_pixel", {"policy-pixel-missing": "policy"}, False, check_pixel,
                lambda rules: bool(rules.policy.pixel)),
    Requirement("policy_edits", {"policy-edits": "policy"}, False, check_edits,
                lambda rules: rules.policy.edits == "style-only"),
    Requirement("policy_images", {"policy-images": "policy"}, True, check_images,
                lambda rules: rules.policy.images == "excluded"),
    Requirement("policy_paywall", {"policy-paywall": "policy"}, True, check_paywall,
                lambda rules: not rules.policy.paywall),
)
POLICY_REQUIREMENTS = frozenset(r.name for r in REQUIREMENTS if r.is_policy)

# Codes about the page as a whole rather than one requirement.
PAGE_CODES: Mapping[str, Severity] = MappingProxyType({"blocked-by-robots": "warning"})


def _severities() -> Mapping[str, Severity]:
    severity: dict[str, Severity] = dict(PAGE_CODES)
    for requirement in REQUIREMENTS:
        for code, level in requirement.codes.items():
            if severity.setdefault(code, level) != level:
                raise ValueError(f"finding code {code} is declared with two severities")
    return MappingProxyType(severity)


SEVERITY: Mapping[str, Severity] = _severities()  # every finding code and its severity


def requirement_labels(language: str) -> dict[str, str]:
    """Every requirement's name and its label in ``language``, in the order a check reports them."""
    return {r.name: r.label(language) for r in REQUIREMENTS}


def status_label(status: str, language: str) -> str:
    """A requirement's status ("met", "missing", "hidden", "not-applicable") in plain words."""
    return phrases.say(phrases.language_of(language), f"status.{status}")


def judge(page: PageView, original: Original, rules: Rules, match: Match) -> tuple[list[RequirementOutcome], list[Finding]]:
    """Every requirement's outcome, and the findings: at most one per code."""
    if match.kind == "none":
        return [], []
    case = Case(page, original, rules, match)
    outcomes = [r.judge(case) for r in REQUIREMENTS
                if (match.kind == "reproduction" or r.for_excerpts) and r.active(rules)]
    return outcomes, merge_findings(outcomes, case.language)


def merge_findings(outcomes: list[RequirementOutcome], language: str = "en") -> list[Finding]:
    """The outcomes' findings, the hidden credits merged into one ``attribution-hidden``."""
    findings = [o.finding for o in outcomes if o.finding is not None and o.status == "missing"]
    unseen = [o for o in outcomes if o.status == "hidden"]
    if unseen:
        places = [p for o in unseen for p in o.finding.evidence.get("found", [])]  # type: ignore[union-attr]
        show = phrases.say(phrases.language_of(language), "hidden.one" if len(unseen) == 1 else "hidden.many")
        message = f"{_sentence('; '.join(o.detail for o in unseen))} {show}"
        findings.append(_finding("attribution-hidden", message, requirements=[o.name for o in unseen], found=places[:10]))
    return findings


def blocked_by_robots(url: str, language: str = "en") -> Finding:
    return _finding(
        "blocked-by-robots",
        phrases.say(phrases.language_of(language), "robots.message", url=url),
        url=url,
        robots=article_key(url).split("/")[0] + "/robots.txt",
    )


# ---------------------------------------------------------------------------------------------
# Notices of changes
# ---------------------------------------------------------------------------------------------

# A notice of changes says that the text was changed: a subject (the text, the article) with a verb of
# change, or a verb of change with what it was changed from or for ("adapted from", "edited for length").
# A dateline is not one ("Last modified on Mon 18 Nov 2019", "Updated:", "Ultima modifica", "modificato
# il 3 marzo", "Modifié le", "Zuletzt geändert am"): no bare "modified" or "updated", and no verb followed
# by a date. Matched on folded text (lower case, no accents, straight quotes).
_NOT_A_DATE = r"(?!\s*(?:[:\d]|(?:on|at|il|alle|le|el|am|um)\b|(?:em|en|de|a)\s+\d))"
_CHANGE_NOTICE_PATTERNS = {
    "en": [
        r"\b(?:text|article|story|piece|report|post|version|content)\s+(?:has\s+been\s+|have\s+been\s+|was\s+|were\s+"
        r"|is\s+|been\s+)?(?:lightly\s+|slightly\s+|substantially\s+|heavily\s+)?(?:edited|adapted|changed|modified"
        r"|shortened|abridged|condensed|translated|abbreviated|excerpted|trimmed)\b" + _NOT_A_DATE,
        r"\b(?:adapted|excerpted|condensed|abridged|translated|shortened|edited)\s+(?:from|for)\b",
        r"\b(?:adapted|translated)\s+by\b",
        r"\bwith\s+(?:minor\s+|some\s+|slight\s+|light\s+)?(?:edits|changes|modifications|cuts)\b",
        r"\b(?:changes|edits|modifications|cuts)\s+(?:were|have\s+been)\s+made\b",
        r"\b(?:adapted|edited|shortened|abridged|condensed|translated)\s+version\b",
        r"\b(?:lightly|slightly)\s+edited\b",
    ],
    "it": [
        r"\b(?:testo|articolo|versione|contenuto|pezzo|servizio)\s+(?:e\s+stat[oa]\s+|stat[oa]\s+)?(?:liberamente\s+"
        r"|parzialmente\s+|leggermente\s+|in\s+parte\s+)?(?:adattat|riadattat|modificat|ridott|rielaborat|tradott"
        r"|sintetizzat|accorciat|abbreviat|tagliat|rivist)[oaie]\b" + _NOT_A_DATE,
        r"\b(?:adattat|riadattat|tradott|rielaborat|liberamente\s+tratt)[oaie]\s+(?:da|dal|dalla|dall|dallo|dai"
        r"|dagli|dalle)\b",
        r"\badattamento\s+(?:di|da|dal|dall|dell|della|del)\b",
        r"\bcon\s+(?:alcune\s+|lievi\s+|piccole\s+|qualche\s+)?(?:modifiche|modifica|tagli|adattamenti)\b",
        r"\b(?:modificat|adattat|ridott|rielaborat)[oaie]\s+rispetto\s+(?:all|al|alla)\b",
    ],
    "es": [
        r"\b(?:texto|articulo|version|nota|contenido|reportaje)\s+(?:ha\s+sido\s+|fue\s+)?(?:ligeramente\s+"
        r"|parcialmente\s+)?(?:adaptad|modificad|editad|resumid|abreviad|traducid|acortad|recortad)[oa]s?\b" + _NOT_A_DATE,
        r"\b(?:adaptad|traducid|resumid)[oa]s?\s+(?:de|del|desde|por)\b",
        r"\badaptacion\s+(?:de|del)\b",
        r"\bcon\s+(?:algunas\s+|ligeras\s+|pequenas\s+)?(?:modificaciones|cambios|ediciones|adaptaciones)\b",
        r"\b(?:modificad|adaptad|editad)[oa]s?\s+(?:con\s+)?respecto\s+al\s+original\b",
    ],
    "fr": [
        r"\b(?:texte|article|version|contenu)\s+(?:a\s+ete\s+|est\s+)?(?:legerement\s+|partiellement\s+)?(?:adapte"
        r"|modifie|edite|raccourci|abrege|traduit|resume|remanie|reduit)e?s?\b" + _NOT_A_DATE,
        r"\b(?:adapte|traduit|abrege|resume)e?s?\s+(?:(?:de|du|des|par)\b|d')",
        r"\badaptation\s+(?:(?:de|du)\b|d')",
        r"\bavec\s+(?:quelques\s+|de\s+legeres\s+|des\s+)?(?:modifications|coupes|changements)\b",
        r"\b(?:modifie|adapte)e?s?\s+par\s+rapport\s+a\s+l'original\b",
    ],
    "de": [
        r"\b(?:text|artikel|beitrag|fassung|version)\s+(?:wurde\s+|ist\s+)?(?:leicht\s+|redaktionell\s+|stark\s+)?"
        r"(?:bearbeitet|gekurzt|geandert|angepasst|ubersetzt|redigiert|adaptiert|verandert)\b" + _NOT_A_DATE,
        r"\bgegenuber\s+(?:dem|der)\s+original\w*\s+(?:geandert|bearbeitet|gekurzt|verandert)\b",
        r"\b(?:bearbeitete|gekurzte|geanderte|ubersetzte|adaptierte)\s+(?:fassung|version)\b",
        r"\bmit\s+(?:geringfugigen\s+|kleinen\s+|leichten\s+)?(?:anderungen|kurzungen|bearbeitungen)\b",
        r"\b(?:ubersetzt|adaptiert)\s+(?:aus|von|nach)\b",
        r"\baus\s+dem\s+\w+\s+ubersetzt\b",
    ],
    "pt": [
        r"\b(?:texto|artigo|versao|materia|conteudo|reportagem)\s+(?:foi\s+)?(?:ligeiramente\s+|parcialmente\s+)?"
        r"(?:adaptad|modificad|editad|resumid|abreviad|traduzid|encurtad|alterad)[oa]s?\b" + _NOT_A_DATE,
        r"\b(?:adaptad|traduzid|resumid)[oa]s?\s+(?:de|do|da|por)\b",
        r"\bcom\s+(?:algumas\s+|pequenas\s+|ligeiras\s+)?(?:alteracoes|modificacoes|edicoes|adaptacoes|cortes)\b",
        r"\b(?:modificad|adaptad|alterad|editad)[oa]s?\s+em\s+relacao\s+ao\s+original\b",
    ],
}
_CHANGE_NOTICE = re.compile("|".join(p for patterns in _CHANGE_NOTICE_PATTERNS.values() for p in patterns))
# "Image adapted from Flickr user X", "Foto: tratta e adattata da...": a credit line about media, not the text.
_ABOUT_MEDIA = re.compile(
    r"^\W*(?:image|photo|picture|illustration|graphic|chart|map|video|cover|foto|immagine|illustrazione|grafico"
    r"|mappa|imagen|ilustracion|mapa|bild|grafik|karte|imagem|ilustracao)\b"
)


def is_change_notice(sentence: str) -> bool:
    """Whether ``sentence`` says that the text was changed, in any of six languages."""
    folded = fold(sentence)
    return bool(_CHANGE_NOTICE.search(folded)) and not _ABOUT_MEDIA.search(folded)


def change_notices(case: Case, blocks: Iterable[TextBlock]) -> list[TextBlock]:
    """Blocks holding a notice of changes of the republisher's own: a sentence of the original that
    speaks of a text being changed ("the text of the decree was modified in committee") is the story."""
    return [b for b in blocks
            if any(is_change_notice(s) and key(s) not in case.original_sentences for s in split_sentences(b.text))]


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def find_phrases(blocks: Iterable[TextBlock], names: Iterable[str]) -> list[TextBlock]:
    """Blocks whose words contain one of ``names`` (case, accents and typography folded)."""
    needles = [f" {key(n)} " for n in names if key(n)]  # each name and each block keyed once
    if not needles:
        return []
    # A block holding a needle holds each of its words: screened by the longest (the rarest, where the
    # first is often "the" or an initial's "v"), most blocks are never keyed.
    longest_words = re.compile("|".join(re.escape(max(needle.split(), key=len)) for needle in needles))
    found = []
    for block in blocks:
        if may_hold(block.text, longest_words) and any(needle in f" {key(block.text)} " for needle in needles):
            found.append(block)
    return found


def _finding(code: str, message: str, **evidence: Any) -> Finding:
    return Finding(code, SEVERITY[code], message, FrozenMap(evidence))


Seen = TextBlock | Link | Image | LicenseSignal


def _shown(item: Seen) -> bool:
    """Whether nothing hides ``item`` from readers."""
    return item.hidden is None and item.visibility is Visibility.VISIBLE


def _link_shown(link: Link) -> bool:
    return link.visible and link.visibility is Visibility.VISIBLE


def _page_level(signal: LicenseSignal) -> bool:
    """A statement made for machines about the whole page (a JSON-LD licence is one by its kind)."""
    return signal.visibility.page_level or signal.kind == "json-ld"


def _reason(case: Case, item: Seen) -> str:
    """What hides ``item``, in the rules' language when the page says which way it is hidden."""
    if item.visibility is not Visibility.VISIBLE:
        return case.say(f"visibility.{item.visibility.value}")
    return item.hidden or ""


def _place(case: Case, block: TextBlock) -> dict[str, str]:
    place = {"where": block.where, "excerpt": excerpt(block.text)}
    if not _shown(block):
        place["hidden"] = block.hidden or _reason(case, block)
    if block.visibility is not Visibility.VISIBLE:
        place["visibility"] = block.visibility.value
    return place


def _link_place(case: Case, link: Link) -> dict[str, str]:
    place = {"where": link.where, "href": link.href, "text": excerpt(link.text, 80)}
    if not _shown(link):
        place["hidden"] = link.hidden or _reason(case, link)
    if link.visibility is not Visibility.VISIBLE:
        place["visibility"] = link.visibility.value
    if link.rel:
        place["rel"] = " ".join(sorted(link.rel))
    return place


def _signals_outside_reproduction(case: Case) -> list[LicenseSignal]:
    """The page's licence signals, without licences merely named inside the reproduced sentences."""
    visible_text = [s for s in case.page.license_signals if s.kind == "text" and _shown(s)]
    if not visible_text:
        return list(case.page.license_signals)
    others = [s for s in case.page.license_signals if not (s.kind == "text" and _shown(s))]
    own = [LicenseSignal("text", m.license, b.text, b.where, None, b.in_footer)
           for b in case.credit_blocks for m in licenses.find_in_text(b.text)]
    return own + others


def _near_article(case: Case, index: int) -> bool:
    """Whether the block at ``index`` speaks for the article: a few blocks around the reproduced span, and
    inside the element around the one that holds the article (a copyright line of the page's own
    syndicated story in the next section speaks for that story)."""
    span, article = case.match.span, case.match.article
    if span is None or not span[0] - NEAR_ARTICLE <= index <= span[1] + NEAR_ARTICLE:
        return False
    ancestry = case.page.blocks[index].ancestry
    holder = article[:-1]
    return not (holder and ancestry) or ancestry[:len(holder)] == holder


def _from_original(case: Case, text: str) -> bool:
    """Whether a notice on the page is the original's own notice, carried over."""
    k = key(text)
    return bool(k) and any(k in key(source) for source in (case.original.text, *case.original.notices))


def _listed(changes: Iterable[Change]) -> list[dict[str, str]]:
    return [{"kind": c.kind, "original": excerpt(c.original, 120), "page": excerpt(c.page, 120)} for c in list(changes)[:10]]


def _change_summary(case: Case, changes: Iterable[Change]) -> str:
    counts: dict[str, int] = {}
    for c in changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    return ", ".join(case.say(f"changes.{kind}.{'one' if n == 1 else 'many'}", n=n) for kind, n in counts.items())


def _sentence(detail: str) -> str:
    return detail[0].upper() + detail[1:] + "."
