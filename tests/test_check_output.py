"""`check`'s JSON and text say what was compared, in the rules' language, and keep the contract."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cc_syndicate.models import Attribution, CheckResult, License, Match, Original, PageView, Publisher, Rules
from cc_syndicate.present import check_json, check_text

PAGE = PageView("https://copy.test/budget/", "Budget", "en", None, (), (), (), (), ())
ORIGINAL = Original("https://ledger.test/budget/", None, "City budget", ("Daniel Reyes",), None, License("by", "4.0"), "…")
RULES = Rules(Publisher("Ledger Watch", language="en"), License("by", "4.0"))


def result(match: Match, language: str = "en") -> CheckResult:
    rules = replace(RULES, publisher=replace(RULES.publisher, language=language))
    return CheckResult(PAGE, ORIGINAL, rules, match, (), (), Attribution("<p>c</p>", "c"))


@pytest.mark.parametrize(
    ("match", "language", "sentence"),
    [
        (Match("reproduction", 0.99, article_words=812, words_found=812), "en",
         "100 % of the original's article text (812 words) is on the page"),
        (Match("reproduction", 0.99, article_words=812, words_found=811), "en",
         "99 % of the original's article text (812 words) is on the page"),  # floored: 100 % means every word
        (Match("excerpt", 0.2, article_words=500, words_found=120), "it",
         "Testo dell'articolo originale presente sulla pagina: 24 % (500 parole)"),
        (Match("reproduction", 0.94), "en", "94 % of the original's text is on the page"),  # no word count known
        (Match("reproduction", 0.94), "pt", "94 % of the original's text is on the page"),  # English for the rest
    ],
)
def test_what_was_compared(match: Match, language: str, sentence: str) -> None:
    data = check_json(result(match, language))
    assert data["match"]["compared"] == sentence
    assert (data["match"]["article_words"], data["match"]["words_found"]) == (match.article_words, match.words_found)
    assert f"Match     {match.kind}: {sentence}\n" in check_text(result(match, language))


def test_the_json_keeps_every_key_of_the_contract() -> None:
    data = check_json(result(Match("reproduction", 1.0, article_words=10, words_found=10)))
    assert set(data) == {"page", "original", "match", "verdict", "findings", "suggested_attribution"}
    assert set(data["match"]) == {"kind", "containment", "modified", "changes", "article_words", "words_found", "compared"}
