"""``audit``: read the publishers' own articles and feeds, judge their notices, keep the result.

For each rule file's publisher: its feeds are fetched (their licence statements count as machine-readable
notices, and they list the articles when the database holds none); the articles are the latest originals
in the database, else the feeds' entries; each article's page is fetched again (the database keeps the
text, not the page) and judged by :mod:`cc_syndicate.audit`. A page or feed that cannot be read is a
problem of the run, never a finding. Nothing here parses arguments or prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from .audit import (
    ArticleAudit,
    AuditReport,
    FeedStatement,
    PublisherAudit,
    audit_article,
    exact_license,
    feed_statements,
)
from .errors import BudgetExceeded, FetchError
from .fetch import FEED_ACCEPT, Fetcher
from .judging import Judges
from .models import FeedEntry, License, ParsedFeed, Rules
from .notices import suggested_notice
from .pages import decode_html
from .sandbox import FeedParser
from .store import Store
from .urls import article_key, is_http

DEFAULT_LIMIT = 20  # articles per publisher: the notice comes from one template, so the latest show it


@dataclass(frozen=True)
class _Feed:
    url: str
    parsed: ParsedFeed


def _statements(feeds: list[_Feed], found: tuple[_Feed, FeedEntry] | None) -> tuple[FeedStatement, ...]:
    """What the feeds say of an article: every channel's statements, and its own item's."""
    said = [s for feed in feeds for s in feed_statements(feed.url, feed.parsed.license_urls, feed.parsed.rights)]
    if found is not None:
        feed, entry = found
        said += feed_statements(feed.url, (), "", entry.license_urls, entry.rights)
    return tuple(said)


def audit_publishers(all_rules: list[Rules], fetcher: Fetcher, parser: FeedParser, store: Store | None = None,
                     limit: int = DEFAULT_LIMIT, judges: Judges | None = None) -> AuditReport:
    """Every publisher's latest articles audited, with the notice to put in its template; each page is
    read by ``judges`` under their page budget (as ``check`` reads a page), else in this process."""
    audits = tuple(audit_publisher(rules, fetcher, parser, store, limit, judges) for rules in all_rules)
    return AuditReport(audits, datetime.now(UTC).isoformat(timespec="seconds"))


def audit_publisher(rules: Rules, fetcher: Fetcher, parser: FeedParser, store: Store | None, limit: int,
                    judges: Judges | None = None) -> PublisherAudit:
    problems: list[tuple[str, str]] = []
    feeds = _read_feeds(rules, fetcher, parser, problems)
    total, stored = store.latest_originals(rules.publisher.name, limit) if store is not None else (0, [])
    if stored:
        urls, source = [o.url for o in stored], "database"
    else:
        urls, source = _feed_links(feeds, limit), "feeds"
    entries = {article_key(e.link): (feed, e) for feed in feeds for e in feed.parsed.entries if e.link}
    articles = []
    declared: list[License | None] = []
    for url in urls:
        audited = _audit_url(url, rules, feeds, entries, fetcher, problems, judges)
        if audited is not None:
            articles.append(audited)
            declared.append(audited.declared)
    if not urls:
        problems.append(("", f"no article of {rules.publisher.name} to audit: the database holds none and "
                             "no feed listed one"))
    license = exact_license(rules, declared)
    return PublisherAudit(rules.publisher.name, rules.license.short_name, rules.publisher.language, tuple(articles),
                          suggested_notice(rules, license), license.short_name, source, tuple(problems), total)


def _read_feeds(rules: Rules, fetcher: Fetcher, parser: FeedParser, problems: list[tuple[str, str]]) -> list[_Feed]:
    feeds = []
    for url in rules.publisher.feeds:
        try:
            fetched = fetcher.get(url, accept=FEED_ACCEPT)
            feeds.append(_Feed(url, parser.parse(fetched.body, fetched.content_type, fetched.final_url)))
        except FetchError as exc:
            problems.append((url, str(exc)))
    return feeds


def _feed_links(feeds: list[_Feed], limit: int) -> list[str]:
    links = [e.link for feed in feeds for e in feed.parsed.entries if e.link and is_http(e.link)]
    unique = list(dict.fromkeys(links))
    return unique[:limit] if limit else unique


def _audit_url(url: str, rules: Rules, feeds: list[_Feed], entries: dict[str, tuple[_Feed, FeedEntry]],
               fetcher: Fetcher, problems: list[tuple[str, str]], judges: Judges | None) -> ArticleAudit | None:
    """One article audited, or None when its page cannot be read (fetched, or read within the budget)."""
    try:
        fetched = fetcher.get(url)
        found = entries.get(article_key(url)) or entries.get(article_key(fetched.final_url))
        feed_text = found[1].full_text or None if found is not None else None
        html = decode_html(fetched.body, fetched.content_type)
        statements = _statements(feeds, found)
        if judges is None:
            return audit_article(html, fetched.final_url, rules, statements, feed_text)
        audited: ArticleAudit = judges.call(audit_article, html, fetched.final_url, rules, statements, feed_text).result()
        return audited
    except (FetchError, BudgetExceeded) as exc:
        problems.append((url, str(exc)))
        return None
