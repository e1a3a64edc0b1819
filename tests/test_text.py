"""Normalisation: typography is never a change."""

from __future__ import annotations

import hashlib
import random
import re

import numpy as np
import pytest

from cc_syndicate.text import (
    containment,
    distinct,
    found_in,
    key,
    may_hold,
    piece_shingles,
    shingle_hashes,
    shingle_set,
    split_sentences,
    word_hashes,
    words,
)


def test_typography_folds_away() -> None:
    assert key("L’Italia “vince” — all’ultimo «minuto»…") == key("L'Italia \"vince\" - all'ultimo \"minuto\"...")
    assert key("Citt&agrave; d&#39;arte") == key("Città d'arte")
    assert key("ri\u00adpro\u200bdu\u200dzione") == key("riproduzione")
    assert key("CITTÀ") == key("citta") == key("Citta'")
    assert key("a\u00a0b\tc\n d") == "a b c d"


def test_containment_of_an_embedded_copy() -> None:
    original = " ".join(f"parola{i}" for i in range(300))
    page = "menu home sport " + original.replace("parola150", "parola150 pubblicità") + " footer"
    assert containment(shingle_set(original), shingle_set(page)) > 0.95
    assert containment(shingle_set(original), shingle_set("tutt'altro testo")) == 0.0


def test_short_texts_still_have_a_shingle() -> None:
    assert len(shingle_set("due parole")) == 1


def test_sentences() -> None:
    text = "Prima frase. «Seconda», ha detto. \"Terza\"? Sì.\nNuovo paragrafo e.g. minuscolo."
    assert split_sentences(text) == ["Prima frase.", "«Seconda», ha detto.", "\"Terza\"?", "Sì.", "Nuovo paragrafo e.g. minuscolo."]


def test_words_are_the_words_of_each_token() -> None:
    # word_hashes folds token by token (and caches each); that is right only while folding never joins
    # or splits words across white space, whatever the text holds.
    tricky = ["l'Italia, “citta’”", "infor\u00admazione", "a&nbsp;b &amp;c &#x300;d", "e\u0301 \u0301e",
              "ﬁne ⑴ ¨a", "\u1100 \u1161", "x\u200by\u3000z\x1cw", "E’ già…fatto—no", "&eacute;t&eacute; &amp"]
    rng = random.Random(5)
    pool = [chr(c) for c in range(0x20, 0x3000)] + ["&amp;", "&nbsp;", "&#10;", "\u00ad", "\ufeff"]
    spaces = [" ", "\n", "\t", "\xa0", "\u2028", "\u3000"]
    fuzz = ["".join(rng.choice(pool if rng.random() < 0.6 else spaces) for _ in range(rng.randint(1, 12)))
            for _ in range(3000)]
    for text in tricky + fuzz:
        # each word's blake2b digest of 8 bytes, read little-endian: the stored index's format
        expected = [int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little") for w in words(text)]
        assert word_hashes(text).tolist() == expected, repr(text)


def test_distinct_and_found_in_give_what_numpy_gives() -> None:
    rng = np.random.default_rng(7)
    for size in (0, 1, 2, 50, 3000):
        values = rng.integers(0, 2**64 - 1, size, dtype=np.uint64, endpoint=True)
        values = np.concatenate([values, values[: size // 3]])  # some twice
        whole = np.unique(rng.choice(values, size // 2) if size else values)
        assert np.array_equal(distinct(values), np.unique(values)) and distinct(values).dtype == np.uint64
        assert np.array_equal(found_in(values, whole), np.isin(values, whole))
        assert np.array_equal(found_in(values, whole[:0]), np.isin(values, whole[:0]))


def test_the_shingles_of_pieces_are_those_of_each_piece_alone() -> None:
    pieces = ["Il Comune di Borgonuovo ha approvato", "il nuovo orario.", "", "—", "Battello  per l'inverno\nsul lago"]
    text = "\n".join(pieces)
    values, owners = piece_shingles(text, pieces)
    for number, piece in enumerate(pieces):
        assert values[owners == number].tolist() == shingle_hashes(piece).tolist(), piece
    with pytest.raises(ValueError):
        piece_shingles(text, pieces[:2])


def test_the_cheap_screen_finds_what_the_key_holds() -> None:
    # ASCII text is screened on its lower case, other text on its key: both must agree with the key.
    pattern = re.compile(r"\b(?:riservat|creative|public)")
    texts = ["Tutti i diritti RISERVATI", "Riproduzione riservata", "CREATIVE_commons", "Città: riservàti",
             "Creative&nbsp;Commons", "creative&amp;x", "pub-lic", "Public   domain", "nothing here", "l'Riservata"]
    for text in texts:
        assert may_hold(text, pattern) == bool(pattern.search(key(text))), text


@pytest.mark.parametrize("text", [
    "“Creative Commons” licence", "It’s under\u00a0CC BY", "public\u00a0domain", "public–domain — photo", "«Tutti i diritti riservati»",
    "Republished…with permission", "‘cc’", "x’creative", "Licen’se", "non–commercial", "nothing — here…", "Lic\u00e9nse “cc”",
    "l’Italia", "CC\u00a0BY‑SA", "A&amp;creative ‘commons’",
])
def test_the_quick_test_reads_typographic_text_as_its_key(text: str) -> None:
    # may_hold reads ASCII text with typographic quotes, dashes, ellipses and no-break spaces on its lower
    # case, without keying it: what a pattern of word beginnings finds there must be what it finds in the key.
    from cc_syndicate.licenses import _NOTICE_OR_REPUBLISH_WORDS, _NOTICE_WORDS, _RESERVATION_WORDS
    names = re.compile("|".join(["commons", "italia", "riservati", "with"]))
    for pattern in (_NOTICE_WORDS, _RESERVATION_WORDS, _NOTICE_OR_REPUBLISH_WORDS, names):
        assert may_hold(text, pattern) == bool(pattern.search(key(text))), (text, pattern.pattern)


def test_typographic_ascii_folds_as_every_other_text() -> None:
    # ASCII text with typographic quotes, dashes, ellipses or no-break spaces is folded by plain
    # replacements: the result must be what the full folding (normalisation and all) gives.
    import html
    import unicodedata

    from cc_syndicate.text import _COMBINING, _REPLACEMENTS, _TYPOGRAPHY, _fold_characters

    def folded_in_full(text: str) -> str:
        text = unicodedata.normalize("NFKC", html.unescape(text))
        for pattern, replacement in _REPLACEMENTS:
            text = pattern.sub(replacement, text)
        return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()

    rng = random.Random(7)
    alphabet = _TYPOGRAPHY + "`aZ '\"-.x_9\t"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        assert _fold_characters(text) == folded_in_full(text), repr(text)


def test_word_beginnings_grouped_by_letter_match_as_the_plain_alternation() -> None:
    from cc_syndicate.text import word_beginnings
    beginnings = ("creative", "commons", "cc", "licen", "public\\W+domain", "reserv", "riservat", "republi", "reproduc", "under")
    texts = ["a Creative Commons licence", "all rights reserved", "reproduced under cc by", "republication",
             "public – domain", "xcc cc", "riserva riservata", "nothing here", "ccreative", "", "reproduction"]
    for before in ("\\b", ""):
        plain = re.compile(before + "(?:" + "|".join(beginnings) + ")")
        grouped = word_beginnings(*beginnings, before=before)
        for text in texts:
            assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)], (before, text)
