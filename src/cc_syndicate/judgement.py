"""The pure judgement: which rules apply to a URL, the rules of an original no rule file covers, the
URLs on a page that may be its original, and everything a check decides once the page and the original
are in hand. No network, database, files or clock: strings and models in, a result out.
"""

from __future__ import annotations

from typing import Iterable

from . import attribution, checks
from .match import measure
from .models import CheckResult, License, Original, PageView, Publisher, Rules
from .urls import host_in, host_of, is_http, same_article


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


def judge_page(page: PageView, original: Original, rules: Rules) -> CheckResult:
    """Everything ``check`` decides about a page, once the page and the original are in hand."""
    exemption = next((e for e in rules.exemptions if host_in(host_of(page.url), (e.host,))), None)
    match = measure(original.text, page, rules.matching)
    if exemption is not None:
        outcomes, findings = [], []
    else:
        outcomes, findings = checks.judge(page, original, rules, match)
    suggestion = attribution.suggest(original, rules, modified=match.modified)
    return CheckResult(page, original, rules, match, tuple(outcomes), tuple(findings), suggestion, exemption)


def candidate_originals(page: PageView, all_rules: Iterable[Rules]) -> list[str]:
    """URLs on the page that may be its original: rel=canonical and links to a publisher's domains
    (home pages and the page itself excepted), in page order."""
    domains = tuple(d for r in all_rules for d in r.publisher.domains)
    urls = [page.canonical] if page.canonical else []
    urls += [link.href for link in page.links]
    found: list[str] = []
    for url in urls:
        if not url or not is_http(url) or same_article(url, page.url):
            continue
        if domains and not host_in(host_of(url), domains):
            continue
        if not domains and url != page.canonical:
            continue
        if url.split("://", 1)[-1].strip("/").count("/") == 0 or any(same_article(url, u) for u in found):
            continue
        found.append(url)
    return found
