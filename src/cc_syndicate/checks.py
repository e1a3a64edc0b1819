"""The judgement: one small function per requirement, run from one table (pure).

Each function reads a page, the original and the publisher's rules and returns one
:class:`RequirementOutcome`: met, missing (with the finding of its code), hidden (the credit exists
only where readers cannot see it) or not applicable. Hidden credits are gathered into a single
``attribution-hidden`` finding so that each code appears at most once per page and original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any, Callable, Iterable

from . import licenses
from .models import (
    Finding,
    LicenseSignal,
    Link,
    Match,
    Original,
    PageView,
    RequirementOutcome,
    Rules,
    TextBlock,
)
from .text import contains_phrase, excerpt, fold, key
from .match import outside_reproduction
from .urls import article_key, host_in, host_of, is_http, same_article, same_media

NOFOLLOW = frozenset({"nofollow", "ugc", "sponsored"})
NEAR_ARTICLE = 3  # blocks before or after the reproduced span that still belong to the article

SEVERITY = {
    "source-missing": "violation",
    "source-link-missing": "violation",
    "source-link-nofollow": "violation",
    "author-missing": "violation",
    "license-missing": "violation",
    "license-mismatch": "violation",
    "modified-unmarked": "violation",
    "modified-nd": "violation",
    "attribution-hidden": "violation",
    "canonical-missing": "violation",
    "third-party-media": "warning",
    "blocked-by-robots": "warning",
}

# "Testo modificato", "adattato da", "adapted from", "edited for length"... (matched on folded text)
_MODIFICATION_NOTICE = re.compile(
    r"\b(?:(?:testo|articolo|versione) (?:adattat|modificat|ridott|rielaborat|tradott|sintetizzat)\w*"
    r"|adattat[oa]|modificat[oa] (?:da|rispetto)|con modifiche|rielaborat[oa]|adattamento"
    r"|adapted|edited (?:for|by)|excerpted|condensed|abridged|with (?:minor )?(?:edits|changes)|has been (?:edited|modified|shortened|adapted|updated)"
    r"|changes (?:were|have been) made|modified"
    r"|adaptado|editado|modificado|con modificaciones|texto adaptado"
    r"|adapte|modifie|avec modifications|texte adapte"
    r"|bearbeitet|geandert|gekurzt|angepasst|mit anderungen"
    r"|com alteracoes|alterado)\b"
)


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


def finding(code: str, message: str, **evidence: Any) -> Finding:
    return Finding(code, SEVERITY[code], message, MappingProxyType(evidence))  # type: ignore[arg-type]


def _met(requirement: str, detail: str) -> RequirementOutcome:
    return RequirementOutcome(requirement, "met", detail)


def _missing(requirement: str, detail: str, fix: str, found: Finding) -> RequirementOutcome:
    return RequirementOutcome(requirement, "missing", detail, fix, found)


def _hidden(requirement: str, detail: str, fix: str, where: list[dict[str, str]]) -> RequirementOutcome:
    return RequirementOutcome(requirement, "hidden", detail, fix, finding("attribution-hidden", detail, found=where))


def _skip(requirement: str, detail: str) -> RequirementOutcome:
    return RequirementOutcome(requirement, "not-applicable", detail)


def _place(block: TextBlock) -> dict[str, str]:
    place = {"where": block.where, "excerpt": excerpt(block.text)}
    if block.hidden:
        place["hidden"] = block.hidden
    return place


def _link_place(link: Link) -> dict[str, str]:
    place = {"where": link.where, "href": link.href, "text": excerpt(link.text, 80)}
    if link.hidden:
        place["hidden"] = link.hidden
    if link.rel:
        place["rel"] = " ".join(sorted(link.rel))
    return place


def find_phrases(blocks: Iterable[TextBlock], phrases: Iterable[str]) -> list[TextBlock]:
    """Blocks whose words contain one of ``phrases`` (case, accents and typography folded)."""
    phrases = [p for p in phrases if key(p)]
    return [b for b in blocks if any(contains_phrase(key(b.text), p) for p in phrases)]


# ---------------------------------------------------------------------------------------------
# One function per requirement
# ---------------------------------------------------------------------------------------------


def check_source_name(case: Case) -> RequirementOutcome:
    if not case.rules.requirements.source_name:
        return _skip("source name", "the rules do not require the source name")
    publisher = case.rules.publisher
    names = [*publisher.names, *publisher.domains]
    visible = find_phrases(case.credit_blocks, names)
    if visible:
        return _met("source name", f"'{publisher.name}' is named in {visible[0].where}: \"{excerpt(visible[0].text, 80)}\"")
    fix = f"Name the source visibly, e.g. \"Fonte: {publisher.name}\" next to the article."
    hidden = find_phrases(case.page.hidden_blocks, names)
    if hidden:
        detail = f"'{publisher.name}' is named only where readers cannot see it ({hidden[0].hidden})"
        return _hidden("source name", detail, fix, [_place(b) for b in hidden[:5]])
    detail = f"the page does not name the publisher '{publisher.name}' (or {', '.join(publisher.aliases) or 'an alias'})"
    return _missing("source name", detail, fix, finding("source-missing", _sentence(detail), looked_for=names))


def _source_links(case: Case, links: Iterable[Link]) -> tuple[list[Link], list[Link]]:
    """Links to the original article, and links to any publisher domain."""
    to_article, to_site = [], []
    for link in links:
        if not is_http(link.href):
            continue
        if any(same_article(link.href, u) for u in case.original_urls):
            to_article.append(link)
        elif host_in(host_of(link.href), case.rules.publisher.domains or tuple(host_of(u) for u in case.original_urls)):
            to_site.append(link)
    return to_article, to_site


def accepted_source_links(case: Case) -> tuple[list[Link], list[Link], list[Link]]:
    """(visible links that satisfy the rule, hidden ones that would, visible site links that do not)."""
    article, site = _source_links(case, case.page.links)
    wanted = article if case.rules.requirements.source_link == "article" else article + site
    visible = [link for link in wanted if link.visible]
    hidden = [link for link in wanted if not link.visible]
    site_only = [link for link in site if link.visible] if case.rules.requirements.source_link == "article" else []
    return visible, hidden, site_only


def check_source_link(case: Case) -> RequirementOutcome:
    mode = case.rules.requirements.source_link
    if mode == "none":
        return _skip("source link", "the rules do not require a link")
    visible, hidden, site_only = accepted_source_links(case)
    target = case.original.identity if mode == "article" else " or ".join(case.rules.publisher.domains)
    fix = f"Link the original article: <a href=\"{case.original.identity}\">{case.original.title or case.original.identity}</a>"
    if visible:
        return _met("source link", f"links to {target} in {visible[0].where}")
    if hidden:
        detail = f"the link to {target} is not visible to readers ({hidden[0].hidden or 'no text'})"
        return _hidden("source link", detail, fix, [_link_place(link) for link in hidden[:5]])
    unseen = _hidden_source_urls(case)
    if unseen:
        detail = f"the link to {target} exists only where readers cannot see it ({unseen[0].hidden})"
        return _hidden("source link", detail, fix, [_place(b) for b in unseen[:5]])
    detail = f"no visible link to {target}"
    if site_only:
        detail += f"; the page links only to the publisher's site ({site_only[0].href}), not to the article"
    return _missing(
        "source link",
        detail,
        fix,
        finding(
            "source-link-missing",
            _sentence(detail),
            looked_for=list(case.original_urls) if mode == "article" else list(case.rules.publisher.domains),
            site_links=[_link_place(link) for link in site_only[:5]],
        ),
    )


_URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>]+")


def _hidden_source_urls(case: Case) -> list[TextBlock]:
    """Hidden text (comments, JSON-LD, meta) that holds a source URL without any link element."""
    links = [Link(url, url) for b in case.page.hidden_blocks for url in _URL_IN_TEXT.findall(b.text)]
    article, site = _source_links(case, links)
    wanted = {link.href for link in (article if case.rules.requirements.source_link == "article" else article + site)}
    return [b for b in case.page.hidden_blocks if wanted.intersection(_URL_IN_TEXT.findall(b.text))]


def check_followed_links(case: Case) -> RequirementOutcome:
    if not case.rules.requirements.followed_links or case.rules.requirements.source_link == "none":
        return _skip("followed source link", "the rules accept nofollow links")
    visible, _, _ = accepted_source_links(case)
    if not visible:
        return _skip("followed source link", "there is no source link to judge")
    followed = [link for link in visible if not (link.rel & NOFOLLOW)]
    if followed:
        return _met("followed source link", f"the source link in {followed[0].where} is followed")
    rels = sorted({r for link in visible for r in link.rel & NOFOLLOW})
    detail = f"every source link carries rel={'/'.join(rels)}"
    return _missing(
        "followed source link",
        detail,
        "Remove rel=\"nofollow\", \"ugc\" and \"sponsored\" from the link to the original.",
        finding("source-link-nofollow", _sentence(detail), links=[_link_place(link) for link in visible[:5]]),
    )


def author_variants(name: str) -> list[str]:
    """Ways a credit may spell an author: "Valentina Contarino", "V. Contarino", "Contarino Valentina"."""
    parts = name.split()
    if len(parts) < 2:
        return [name]
    first, rest = parts[0], " ".join(parts[1:])
    return [name, f"{first[0]}. {rest}", f"{first[0]} {rest}", f"{rest} {first}", f"{rest}, {first}"]


def check_author(case: Case) -> RequirementOutcome:
    if not case.rules.requirements.author:
        return _skip("author", "the rules do not require the author")
    publisher_keys = {key(n) for n in case.rules.publisher.names}
    authors = [a for a in case.original.authors if key(a) not in publisher_keys]
    if not authors:
        return _skip("author", "the original names no author beyond the publisher")
    missing = [a for a in authors if not find_phrases(case.credit_blocks, author_variants(a))]
    if not missing:
        return _met("author", f"{', '.join(authors)} credited")
    fix = f"Credit the author: \"di {', '.join(authors)}\" (or \"by ...\") next to the title or the source."
    hidden = [b for a in missing for b in find_phrases(case.page.hidden_blocks, author_variants(a))]
    if hidden:
        detail = f"{', '.join(missing)} is credited only where readers cannot see it ({hidden[0].hidden})"
        return _hidden("author", detail, fix, [_place(b) for b in hidden[:5]])
    detail = f"the author {', '.join(missing)} is not credited"
    return _missing("author", detail, fix, finding("author-missing", _sentence(detail), looked_for=missing))


def check_license_notice(case: Case) -> RequirementOutcome:
    if not case.rules.requirements.license_notice:
        return _skip("licence notice", "the rules do not require a licence notice")
    signals = _signals_outside_reproduction(case)
    visible = [s for s in signals if s.hidden is None and s.license is not None]
    if visible:
        s = visible[0]
        return _met("licence notice", f"{s.license.short_name} named ({s.kind}) in {s.where}")  # type: ignore[union-attr]
    required = case.rules.license
    fix = f"Name and link the licence: <a rel=\"license\" href=\"{required.deed_url}\">{required.short_name}</a>"
    hidden = [s for s in signals if s.license is not None]
    if hidden:
        detail = f"the licence is stated only where readers cannot see it ({hidden[0].hidden})"
        found = [{"where": s.where, "kind": s.kind, "hidden": s.hidden or "", "excerpt": excerpt(s.raw, 80)} for s in hidden[:5]]
        return _hidden("licence notice", detail, fix, found)
    detail = "no visible licence notice: no Creative Commons licence is named or linked"
    return _missing(
        "licence notice",
        detail,
        fix,
        finding("license-missing", _sentence(detail), looked_for=[required.short_name, "Creative Commons", "creativecommons.org"]),
    )


PAGE_LEVEL = frozenset({"<link> in head", "JSON-LD only", "meta tag"})


def check_license_terms(case: Case) -> RequirementOutcome:
    """A different licence, version or "all rights reserved" applied to the article.

    Statements in the page's footer are site-wide and do not count; nor do the original's own notices
    carried over with the text ("© RIPRODUZIONE RISERVATA" above Voci di Città's CC grant).
    """
    required = case.rules.license
    conflicts: list[dict[str, str]] = []
    for s in _signals_outside_reproduction(case):
        if s.in_footer or (s.hidden is not None and s.hidden not in PAGE_LEVEL):
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
        return _met("licence terms", f"nothing on the page contradicts {required.short_name}")
    detail = f"the page applies other terms to the article than {required.short_name}: {conflicts[0]['found']}"
    return _missing(
        "licence terms",
        detail,
        f"Remove the conflicting notice and state {required.short_name}, the licence the publisher granted.",
        finding("license-mismatch", _sentence(detail), expected=required.short_name, conflicts=conflicts[:5]),
    )


def check_modifications(case: Case) -> RequirementOutcome:
    changes = case.match.changes
    if not changes:
        return _met("unchanged text", "the reproduced text is unchanged (typography and page furniture aside)")
    listed = [{"kind": c.kind, "original": excerpt(c.original, 120), "page": excerpt(c.page, 120)} for c in changes[:10]]
    summary = _change_summary(changes)
    if case.rules.license.is_no_derivatives:
        detail = f"the licence {case.rules.license.short_name} forbids changes, and the text was changed ({summary})"
        return _missing(
            "unchanged text",
            detail,
            "Republish the text as the original has it (only whole-sentence cuts at the end are allowed).",
            finding("modified-nd", _sentence(detail), changes=listed),
        )
    if not case.rules.requirements.mark_modifications:
        return _skip("changes marked", f"the text was changed ({summary}); the rules do not require a notice")
    notices = [b for b in case.credit_blocks if _MODIFICATION_NOTICE.search(fold(b.text))]
    if notices:
        return _met("changes marked", f"the text was changed ({summary}) and {notices[0].where} says so")
    fix = "Say that the text was changed, e.g. \"Testo adattato dall'originale\" next to the credit."
    hidden = [b for b in case.page.hidden_blocks if _MODIFICATION_NOTICE.search(fold(b.text))]
    if hidden:
        return _hidden("changes marked", f"the notice of changes is hidden ({hidden[0].hidden})", fix, [_place(b) for b in hidden[:5]])
    detail = f"the text was changed ({summary}) and the page does not say so"
    return _missing("changes marked", detail, fix, finding("modified-unmarked", _sentence(detail), changes=listed))


def check_canonical(case: Case) -> RequirementOutcome:
    if not case.rules.requirements.canonical:
        return _skip("canonical link", "the rules do not require rel=canonical")
    if any(same_article(case.page.canonical, u) for u in case.original_urls):
        return _met("canonical link", f"rel=canonical points to {case.page.canonical}")
    detail = f"rel=canonical points to {case.page.canonical or 'nothing'}, not to the original"
    return _missing(
        "canonical link",
        detail,
        f"Add <link rel=\"canonical\" href=\"{case.original.identity}\"> to the page's head.",
        finding("canonical-missing", _sentence(detail), expected=case.original.identity, found=case.page.canonical),
    )


def check_third_party_media(case: Case) -> RequirementOutcome:
    if not case.rules.requirements.third_party_media:
        return _skip("third-party media", "the rules do not check media")
    own = {key(n) for n in (*case.rules.publisher.names, *case.original.authors)}
    credits = [c for c in case.original.media_credits if c.media_url and key(c.credit) not in own]
    reused = [(c, img) for c in credits for img in case.page.images if same_media(c.media_url, img.src)]
    uncredited = [(c, img) for c, img in reused if not find_phrases(case.page.blocks, [c.credit])]
    if not uncredited:
        detail = "no third-party media reused" if not reused else "reused third-party media keep their credit"
        return _met("third-party media", detail)
    credit, image = uncredited[0]
    detail = f"the page reuses media the original credits to {credit.credit} ({image.src}) without that credit"
    return _missing(
        "third-party media",
        detail,
        f"Remove the image, or credit it as the original does (\"{credit.statement}\") if you have the right to use it.",
        finding(
            "third-party-media",
            _sentence(detail) + " The Creative Commons licence does not cover it.",
            original_credit=credit.statement,
            media=[{"original": c.media_url, "page": img.src, "where": img.where} for c, img in uncredited[:5]],
        ),
    )


# ---------------------------------------------------------------------------------------------
# The table, and running it
# ---------------------------------------------------------------------------------------------

CHECKS: dict[str, tuple[Callable[[Case], RequirementOutcome], bool]] = {
    # name: (function, applies to excerpts too)
    "source_name": (check_source_name, True),
    "source_link": (check_source_link, True),
    "followed_links": (check_followed_links, True),
    "author": (check_author, False),
    "license_notice": (check_license_notice, False),
    "license_terms": (check_license_terms, False),
    "modifications": (check_modifications, False),
    "canonical": (check_canonical, False),
    "third_party_media": (check_third_party_media, False),
}


def judge(page: PageView, original: Original, rules: Rules, match: Match) -> tuple[list[RequirementOutcome], list[Finding]]:
    """Every requirement's outcome, and the findings: at most one per code."""
    if match.kind == "none":
        return [], []
    case = Case(page, original, rules, match)
    outcomes = []
    for check, for_excerpts in CHECKS.values():
        if match.kind == "reproduction" or for_excerpts:
            outcomes.append(check(case))
    return outcomes, merge_findings(outcomes)


def merge_findings(outcomes: list[RequirementOutcome]) -> list[Finding]:
    findings = [o.finding for o in outcomes if o.finding is not None and o.status == "missing"]
    hidden = [o for o in outcomes if o.status == "hidden"]
    if hidden:
        what = ", ".join(o.requirement for o in hidden)
        places = [p for o in hidden for p in o.finding.evidence.get("found", [])]  # type: ignore[union-attr]
        findings.append(
            finding(
                "attribution-hidden",
                f"The {what} exist{'s' if len(hidden) == 1 else ''} only where readers cannot see "
                f"{'it' if len(hidden) == 1 else 'them'}: {hidden[0].detail}. Show {'it' if len(hidden) == 1 else 'them'} on the page.",
                requirements=[o.requirement for o in hidden],
                found=places[:10],
            )
        )
    return findings


def blocked_by_robots(url: str) -> Finding:
    return finding(
        "blocked-by-robots",
        f"The page could not be checked: the site's robots.txt forbids crawlers to fetch {url}.",
        url=url,
        robots=article_key(url).split("/")[0] + "/robots.txt",
    )


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _signals_outside_reproduction(case: Case) -> list[LicenseSignal]:
    """The page's licence signals, without licences merely named inside the reproduced sentences."""
    visible_text = [s for s in case.page.license_signals if s.kind == "text" and s.hidden is None]
    if not visible_text:
        return list(case.page.license_signals)
    others = [s for s in case.page.license_signals if not (s.kind == "text" and s.hidden is None)]
    own = [LicenseSignal("text", m.license, b.text, b.where, None, b.in_footer)
           for b in case.credit_blocks for m in licenses.find_in_text(b.text)]
    return own + others


def _near_article(case: Case, index: int) -> bool:
    """Whether the block at ``index`` sits with the article: in the reproduced span or a few blocks around it."""
    span = case.match.span
    return span is not None and span[0] - NEAR_ARTICLE <= index <= span[1] + NEAR_ARTICLE


def _from_original(case: Case, text: str) -> bool:
    """Whether a notice on the page is the original's own notice, carried over."""
    k = key(text)
    return bool(k) and any(k in key(source) for source in (case.original.text, *case.original.notices))


def _change_summary(changes: Iterable[Any]) -> str:
    counts: dict[str, int] = {}
    for c in changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    return ", ".join(f"{n} sentence{'s' if n > 1 else ''} {kind}" for kind, n in counts.items())


def _sentence(detail: str) -> str:
    return detail[0].upper() + detail[1:] + "."
