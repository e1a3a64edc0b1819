"""Results kept by text: computed once, never more text kept than the bound, and the key, shingles and
article keys the judgement keeps are the ones it would compute afresh."""

from __future__ import annotations

import numpy as np
import pytest

from cc_syndicate import memo
from cc_syndicate.match import paragraph_shingles
from cc_syndicate.text import key, shingle_hashes, word_hashes
from cc_syndicate.urls import article_key


def test_a_result_is_computed_once_and_the_bound_is_kept() -> None:
    calls: list[str] = []

    @memo.by_text(10)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert [upper("abc"), upper("abc"), upper("defg")] == ["ABC", "ABC", "DEFG"]
    assert calls == ["abc", "defg"]
    upper("hijkl")  # 3 + 4 + 5 > 10: what was kept is dropped first
    assert upper.size <= 10 and set(upper.kept) == {"hijkl"}
    upper("x" * 11)  # longer than the bound: computed, never kept
    assert "x" * 11 not in upper.kept and upper.size <= 10
    memo.forget_all()
    assert upper.kept == {} and upper.size == 0


def test_what_is_kept_is_what_would_be_computed_and_cannot_be_changed() -> None:
    line = "Il Comune di Borgonuovo ha approvato il nuovo orario del battello per l'inverno."
    first = paragraph_shingles(line)
    assert np.array_equal(first, np.unique(shingle_hashes(line))) and paragraph_shingles(line) is first
    with pytest.raises(ValueError):
        first[0] = 0  # shared between callers: read-only
    with pytest.raises(ValueError):
        word_hashes(line)[0] = 0
    two = paragraph_shingles(f"{line}\n\nUn'altra riga.")
    assert np.array_equal(two, np.unique(np.concatenate([shingle_hashes(line), shingle_hashes("Un'altra riga.")])))
    assert key("L’Italia,  “Città”") == key("L'Italia, \"Citta\"") == "l italia citta"
    assert article_key("https://www.x.example/a/b/?utm_source=t") == article_key("http://x.example/a/b") == "x.example/a/b"


def test_a_short_text_cache_never_keeps_a_long_argument() -> None:
    calls: list[str] = []

    @memo.by_short_text(8)
    def doubled(text: str) -> str:
        calls.append(text)
        return text * 2

    long = "x" * (memo.SHORT_CHARS + 1)
    short = "y" * memo.SHORT_CHARS
    assert [doubled("a"), doubled("a"), doubled("b")] == ["aa", "aa", "bb"]
    assert calls == ["a", "b"]
    assert doubled(short) == doubled(short) == short * 2 and calls[2:] == [short]  # as long as may be kept
    assert doubled(long) == long * 2
    assert doubled(long) == long * 2  # computed again: a hostile attribute is never kept
    assert calls[3:] == [long, long]
