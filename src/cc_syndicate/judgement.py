"""The pure judgement: which rules apply to a URL, the rules of an original no rule file covers, the
URLs on a page that may be its original, and everything a check decides once the page and the original
are in hand. No network, database, files or clock: strings and models in, a result out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import attribution, checks
from .match import measure, paragraph_shingles
from .models import Attribution, CheckResult, Finding, License, Match, Original, PageView, Publisher, RequirementOutcome, Rules, Thresholds
from .policy import find_pixel
from .text import containment
from .urls import article_key, host_in, host_of, is_http, may_any_be_in, may_be_in


def rules_for(url: str, all_rules: Iterable[Rules]) -> Rules | None:
    """The publisher whose domains hold ``url``."""
    host = host_of(url)
    return next((r for r in all_rules if host_in(host, r.publisher.domains)), None)


def default_rules(original: Original, page_language: str | None = None) -> Rules:
    """Rules for an original no rule file covers: the defaults, and what the original declares."""
    host = host_of(original.identity)
    publisher = Publisher(
        name=original.site_name or host,
        aliases=(host,) if original.site_name else (),
        domains=(host,),
        language=(page_language or "en")[:2],
    )
    return Rules(publisher=publisher, license=original.license or License(None))


def rules_of(original: Original, all_rules: Iterable[Rules], page_language: str | None = None) -> Rules:
    """The rules an original is judged by: its publisher's (by its canonical URL, else the URL it was read
    from), else the defaults and what the original declares."""
    all_rules = tuple(all_rules)
    found = rules_for(original.identity, all_rules) or rules_for(original.url, all_rules)
    return found or default_rules(original, page_language)


def judge_against(page: PageView, originals: Iterable[Original], all_rules: Iterable[Rules]) -> CheckResult:
    """The page judged against the original it reproduces best (the highest containment, the first of
    equals), each by its own rules; a ``not-a-reproduction`` result when it reproduces none of them."""
    all_rules = tuple(all_rules)
    best: CheckResult | None = None
    for original in originals:
        result = judge_page(page, original, rules_of(original, all_rules, page.language))
        if best is None or result.match.containment > best.match.containment:
            best = result
    return best if best is not None else no_original(page)


def no_original(page: PageView) -> CheckResult:
    """The result for a page judged against no original at all: not a reproduction, nothing found."""
    original = Original(url="", canonical_url=None, title="", authors=(), published=None, license=None, text="")
    return CheckResult(page, original, Rules(Publisher(name=""), License(None)), Match("none", 0.0), (), (),
                       Attribution("", ""))


def judge_page(page: PageView, original: Original, rules: Rules) -> CheckResult:
    """Everything ``check`` decides about a page, once the page and the original are in hand."""
    exemption = next((e for e in rules.exemptions if host_in(host_of(page.url), (e.host,))), None)
    match = measure(original.text, page, rules.matching)
    if exemption is not None:
        outcomes: list[RequirementOutcome] = []
        findings: list[Finding] = []
    else:
        outcomes, findings = checks.judge(page, original, rules, match)
    suggestion = attribution.suggest(original, rules, modified=match.modified)
    pixel = find_pixel(page, rules.policy.pixel, rules.publisher.domains or (host_of(original.identity),))
    return CheckResult(page, original, rules, match, tuple(outcomes), tuple(findings), suggestion, exemption, pixel)


def candidate_originals(page: PageView, all_rules: Iterable[Rules]) -> list[str]:
    """URLs on the page that may be its original: the post a publisher's tracking pixel names (it holds
    even when the text was edited), rel=canonical and links to a publisher's domains (home pages and the
    page itself excepted), in that order."""
    all_rules = list(all_rules)
    domains = tuple(d for r in all_rules for d in r.publisher.domains)
    pixels = [find_pixel(page, r.policy.pixel, r.publisher.domains) for r in all_rules] or [find_pixel(page)]
    named = [p.original_url for p in pixels if p is not None and p.original_url]
    urls = named + ([page.canonical] if page.canonical else [])
    links = [link.href for link in page.links]
    if domains and not may_any_be_in(links, domains):
        links = []  # none leads to a publisher's domain (most pages): none would be taken
    urls += links
    found: list[str] = []
    page_key = article_key(page.url) if page.url else None
    taken: set[str] = set()  # the article keys of the URLs found: each article once, keyed once
    for url in urls:
        # the cheap tests first: most links lead off the publishers' domains and are never keyed
        if not url or not is_http(url):
            continue
        if domains and not (may_be_in(url, domains) and host_in(host_of(url), domains)):
            continue
        if not domains and url != page.canonical and url not in named:
            continue
        url_key = article_key(url)
        if url_key == page_key or url.split("://", 1)[-1].strip("/").count("/") == 0 or url_key in taken:
            continue
        taken.add(url_key)
        found.append(url)
    return found


@dataclass(frozen=True)
class Reproduced:
    """An original found in a page's text, verified exactly."""

    original_id: int
    publisher: str
    original: Original
    containment: float
    page_share: float


def reproduced_in(text: str, candidates: Mapping[int, tuple[str, Original]], all_rules: Iterable[Rules]
                  ) -> list[Reproduced]:
    """Which of the candidate originals ({id: (publisher, original)}) the text reproduces at least as an
    excerpt (by each one's rules), best first, verified by exact containment (and the share of the text
    that comes from each)."""
    all_rules = tuple(all_rules)
    page_shingles = paragraph_shingles(text)
    found = []
    for original_id, (publisher, original) in candidates.items():
        original_shingles = paragraph_shingles(original.text)
        share = containment(original_shingles, page_shingles)
        rules = rules_for(original.identity, all_rules) or rules_for(original.url, all_rules)
        if share >= (rules.matching.excerpt if rules else Thresholds().excerpt):
            found.append(Reproduced(original_id, publisher, original, round(share, 4),
                                    round(containment(page_shingles, original_shingles), 4)))
    return sorted(found, key=lambda r: -r.containment)
