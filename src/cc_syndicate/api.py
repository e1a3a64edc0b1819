"""The Python API: the library under the command line, for those who embed the check (a CMS that checks
a copy before publishing it, a newsroom's own tools).

Three functions, exported from the package::

    import cc_syndicate

    rules = cc_syndicate.load_rules("rules")                     # a rule file, or a folder of them
    original = cc_syndicate.read_original(original_html, original_url)
    result = cc_syndicate.judge(copy_html, copy_url, [original], rules)
    result.verdict      # "compliant", "violation" or "not-a-reproduction"
    result.to_json()    # the JSON `cc-syndicate check --format json` prints

``read_original`` and ``judge`` are pure: they never touch the network or a database, so the caller
decides where pages come from (its own database, a fetch it made) and what is kept. The command line,
the scheduled run and ``serve`` judge through the same functions of :mod:`cc_syndicate.judgement`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from . import config
from .judgement import judge_against
from .models import CheckResult, Original, Rules
from .originals import extract_original
from .pages import decode_html, parse_page


def load_rules(path: str | os.PathLike[str]) -> list[Rules]:
    """The rules of one ``rules/<publisher>.toml`` file, or of every ``*.toml`` file of a folder.

    A file that is not valid raises :class:`cc_syndicate.errors.ConfigError`, whose message names the
    file, the key and the fix."""
    return config.load_rules(Path(path))


def read_original(html: str | bytes, url: str, feed_text: str | None = None) -> Original:
    """The original article of the page ``html`` found at ``url``: its text, title, authors, canonical URL,
    licence and the media it credits to third parties. ``feed_text`` (the full text of a feed item) is
    taken as the text instead of what the page's main text extraction finds. Bytes are decoded as a
    browser would (byte-order mark, ``<meta charset>``, then UTF-8 or cp1252)."""
    return extract_original(_text(html), url, feed_text)


def judge(html: str | bytes, url: str, originals: Original | Iterable[Original],
          rules: Rules | Iterable[Rules] = ()) -> CheckResult:
    """The check of the page ``html`` found at ``url`` against the original it reproduces best among
    ``originals``, each judged by its publisher's ``rules`` (by the original's domain; an original that no
    rule covers is judged by the defaults and the licence it declares).

    Returns that original's :class:`~cc_syndicate.models.CheckResult` (``verdict``, ``findings``,
    ``match``, ``suggested_attribution``; ``to_json()`` gives the contract's ``check`` JSON), or a
    ``not-a-reproduction`` result when the page reproduces none of them."""
    if isinstance(originals, Original):
        originals = [originals]
    all_rules = [rules] if isinstance(rules, Rules) else list(rules)
    return judge_against(parse_page(_text(html), url), originals, all_rules)


def _text(html: str | bytes) -> str:
    return html if isinstance(html, str) else decode_html(html)
