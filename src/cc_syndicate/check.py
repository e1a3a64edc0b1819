"""The single check: fetch a page, find its original (links, canonical, the originals index), judge it.

``check_url`` judges one page (the republisher's and the editor's door); the scheduled job lives in
:mod:`cc_syndicate.run`, the pure judgement in :mod:`cc_syndicate.judgement`. Nothing here parses
arguments or prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import attribution, checks
from .errors import FetchError, NoOriginalFound, RobotsDisallowed
from .fetch import Fetcher
from .index import OriginalsIndex, fingerprint
from .judgement import Reproduced, candidate_originals, default_rules, judge_against, reproduced_in, rules_for
from .judging import InProcessBackend, Judges
from .match import measure
from .models import Attribution, CheckResult, License, Match, Original, PageView, Publisher, Rules, Thresholds
from .store import Store

MAX_CANDIDATES = 5


def fetch_page(fetcher: Fetcher, url: str, judges: Judges | None = None) -> PageView:
    """The page at ``url`` as the checker reads it; read by ``judges`` (under their budget), else here."""
    fetched = fetcher.get(url)
    return _here(judges).parse(fetched.body, fetched.content_type, fetched.final_url).result()


def fetch_original(fetcher: Fetcher, url: str, feed_text: str | None = None, judges: Judges | None = None) -> Original:
    fetched = fetcher.get(url)
    return _here(judges).original(fetched.body, fetched.content_type, fetched.final_url, feed_text).result()


def _here(judges: Judges | None) -> Judges:
    return judges or Judges((), None, InProcessBackend())


def originals_in(text: str, store: Store, index: OriginalsIndex, all_rules: Sequence[Rules], limit: int = 5) -> list[Reproduced]:
    """The stored originals a text reproduces at least as an excerpt, best first: candidates from the
    index, verified by exact containment (and the share of the text that comes from each)."""
    candidates = index.query(fingerprint(text), limit=limit)
    if not candidates:
        return []
    return reproduced_in(text, store.originals([c.original_id for c in candidates]), all_rules)


def check_url(
    url: str,
    fetcher: Fetcher,
    all_rules: list[Rules],
    original_url: str | None = None,
    store: Store | None = None,
    read_original: Callable[[str], Original] | None = None,
    judges: Judges | None = None,
) -> CheckResult:
    """Judge the page at ``url`` against its original: given, or found from the page's links and
    canonical, or (with a store) in the originals index. ``read_original`` turns an original's URL into
    an :class:`Original` (default: fetch and read it; a long-running caller may keep them). ``judges``
    read the page and the originals and judge, under their budget (default: here, without one)."""
    judges = _here(judges)
    read_original = read_original or (lambda address: fetch_original(fetcher, address, judges=judges))
    try:
        page = fetch_page(fetcher, url, judges)
    except RobotsDisallowed:
        return _blocked(url, original_url, all_rules)
    if original_url:
        original = read_original(original_url)
    else:
        original = _find_original(page, read_original, all_rules, store)
    return judges.call(judge_against, page, [original], all_rules).result()


def _find_original(page: PageView, read_original: Callable[[str], Original], all_rules: list[Rules],
                   store: Store | None) -> Original:
    best: tuple[float, Original] | None = None
    tried: list[str] = []
    for url in candidate_originals(page, all_rules)[:MAX_CANDIDATES]:
        tried.append(url)
        try:
            original = read_original(url)
        except FetchError:
            continue
        rules = rules_for(original.identity, all_rules) or default_rules(original)
        share = measure(original.text, page, rules.matching).containment
        if best is None or share > best[0]:
            best = (share, original)
    if store is not None and (best is None or best[0] < Thresholds().excerpt):
        found = originals_in(page.visible_text, store, store.load_index(), all_rules, limit=MAX_CANDIDATES)
        if found and (best is None or found[0].containment > best[0]):
            best = (found[0].containment, found[0].original)
        tried.append(f"{store.original_count()} originals in {store.path}")
    if best is None:
        looked = ", ".join(tried) if tried else "no link or canonical to a publisher's domain"
        raise NoOriginalFound(
            f"could not tell which original {page.url} reproduces (looked at: {looked}); "
            "pass --original URL, or --db with a database that holds the publisher's originals"
        )
    return best[1]


def _blocked(url: str, original_url: str | None, all_rules: list[Rules]) -> CheckResult:
    """The result for a page robots.txt forbids: nothing judged, the original only as far as it was given."""
    page = PageView(url, "", None, None, (), (), (), (), ())
    original = Original(original_url or "", None, "", (), None, None, "")
    rules = (rules_for(original_url, all_rules) if original_url else None) or Rules(Publisher(name=""), License(None))
    suggestion = attribution.suggest(original, rules) if original_url else Attribution("", "")
    findings = (checks.blocked_by_robots(url, rules.publisher.language),)
    return CheckResult(page, original, rules, Match("none", 0.0), (), findings, suggestion)
