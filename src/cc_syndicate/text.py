"""Text normalisation, words, sentences and shingle hashes (pure).

Copies of an article often differ from it only in typography: WordPress curls quotes, editors paste
through word processors, feeds double-encode entities. Everything that compares texts goes through
:func:`normalize` so that those differences never count as changes.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

import numpy as np

from .memo import by_text

SHINGLE_SIZE = 5

_QUOTES = "‘’‚‛′`´ʼʹ"
_DOUBLE_QUOTES = "“”„‟″«»‹›「」"
_DASHES = "‐‑‒–—―−﹘﹣－"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"

# One regex per replacement: str.translate with a dict is ten times slower on article-sized text.
_REPLACEMENTS = (
    (re.compile(f"[{_QUOTES}]"), "'"),
    (re.compile(f"[{_DOUBLE_QUOTES}]"), '"'),
    (re.compile(f"[{_DASHES}]"), "-"),
    (re.compile(f"[{_INVISIBLE}]"), ""),
    (re.compile("…"), "..."),
)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# A sentence ends at . ! ? or … (perhaps followed by closing quotes) before anything but a lower-case
# letter, so that both sides of a comparison split alike whatever quotes they use.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[^\sa-zà-öø-ÿ])")


# Characters beyond ASCII that fold to punctuation or white space alone and have no case: typographic
# quotes and dashes, the ellipsis, the no-break space (most of what English text holds beyond ASCII).
_TYPOGRAPHY = "‘’“”«»–—…\u00a0"
_BEYOND_TYPOGRAPHY = re.compile(f"[^\x00-\x7f{_TYPOGRAPHY}]")
_TYPOGRAPHY_FOLDED = (("`", "'"), ("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("«", '"'), ("»", '"'), ("–", "-"),
                      ("—", "-"), ("…", "..."), ("\u00a0", " "))
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold_characters(text: str) -> str:
    if text.isascii() and "&" not in text:
        # What the steps below come to for ASCII: normalisation changes none of it, and of the
        # replacements only the backquote's applies.
        return text.lower().replace("`", "'")
    if "&" not in text and not _BEYOND_TYPOGRAPHY.search(text):
        # What the steps below come to for ASCII with typographic punctuation: normalisation changes only
        # the ellipsis and the no-break space, each as the replacements do.
        text = text.lower()
        for typography, folded in _TYPOGRAPHY_FOLDED:
            if typography in text:
                text = text.replace(typography, folded)
        return text
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    for pattern, replacement in _REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def fold(text: str) -> str:
    """Typography, entities, case and accents folded away; punctuation kept."""
    return _SPACES.sub(" ", _fold_characters(text)).strip()


def words(text: str) -> list[str]:
    """The folded words of ``text`` (apostrophes and dashes split words: "l'Italia" -> l, italia)."""
    return _WORD.findall(_fold_characters(text))


@by_text(4_000_000)
def key(text: str) -> str:
    """A comparison key: the folded words joined by single spaces (kept: blocks are keyed for every name
    looked for in them)."""
    return " ".join(words(text))


def may_hold(text: str, words: re.Pattern[str]) -> bool:
    """Whether ``words`` (a pattern of word beginnings) is found in the key of ``text``, without keying
    it when it is ASCII without entities, perhaps with typographic punctuation: the words of such a
    text's key are the runs of word characters of its lower case, as that punctuation separates words
    as what it folds to does. A cheap screen before a costlier test of the folded text (most texts of a
    page hold none)."""
    if "&" not in text and (text.isascii() or not _BEYOND_TYPOGRAPHY.search(text)):
        return bool(words.search(text.lower()))
    return bool(words.search(key(text)))


def word_beginnings(*beginnings: str, before: str = r"\b") -> re.Pattern[str]:
    """``before(?:one|other|...)`` for ``beginnings`` that are patterns each starting with a letter, with
    its alternatives grouped by that letter (their order kept within a group): the same matches, which
    ``re`` finds about twice as fast, as at each place it tries only the alternatives of the letter found
    there rather than every one of them. For the screens that run over every sentence of a page."""
    groups: dict[str, list[str]] = {}
    for beginning in beginnings:
        groups.setdefault(beginning[0], []).append(beginning[1:])
    return re.compile(before + "(?:" + "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()) + ")")


def contains_phrase(haystack_key: str, phrase: str) -> bool:
    """Whether the words of ``phrase`` occur, in order and whole, in an already-keyed text."""
    needle = key(phrase)
    return bool(needle) and f" {needle} " in f" {haystack_key} "


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph breaks included, with their original spelling."""
    out: list[str] = []
    for paragraph in text.splitlines():
        for sentence in _SENTENCE_END.split(paragraph):
            sentence = sentence.strip()
            if sentence:
                out.append(sentence)
    return out


def _word_digest(word: str) -> bytes:
    """A word's stable 64-bit hash, as 8 little-endian bytes."""
    return hashlib.blake2b(word.encode(), digest_size=8).digest()


# Folding never joins or splits words across white space (entities, accents, ligatures and invisible
# characters all fold inside the token that holds them), so the words of a text are the words of its
# white-space-separated tokens, and each token's word hashes are computed once and cached: several times
# faster than folding every text whole. Long tokens are not kept, so hostile text cannot fill the cache.
_TOKEN_CACHE_SIZE = 1 << 18
_TOKEN_CACHED_LENGTH = 64
_HASH_BYTES = 8
_HASH_DTYPE = np.dtype("<u8")  # the digests' byte order, whatever the machine's


class _TokenHashes(dict[str, bytes]):
    """The word hashes of tokens ("l'Italia," -> those of "l", "italia"), on first sight, as the bytes of
    their digests one after the other: one object per token, joined for a whole text without a Python
    number per word (a page's text is read just after its parse, with a cold cache: every object a
    token's lookup touches costs)."""

    def __missing__(self, token: str) -> bytes:
        found = b"".join(map(_word_digest, words(token)))
        if len(token) <= _TOKEN_CACHED_LENGTH:
            if len(self) >= _TOKEN_CACHE_SIZE:
                self.clear()
            self[token] = found
        return found


_token_hashes = _TokenHashes()


@by_text(4_000_000)
def text_words(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The word hashes of a text in order, and how many words each of its white-space-separated tokens
    holds. Kept (read-only): a page's text is hashed once, then shingled whole for the originals index,
    line by line to find its original and block by block to match it; an original's, to find it and to
    align it."""
    per_token = list(map(_token_hashes.__getitem__, text.split()))
    words = np.frombuffer(b"".join(per_token), dtype=_HASH_DTYPE).astype(np.uint64, copy=False)
    sizes = np.fromiter(map(len, per_token), dtype=np.int64, count=len(per_token)) // _HASH_BYTES
    words.flags.writeable = sizes.flags.writeable = False
    return words, sizes


def word_hashes(text: str) -> np.ndarray:
    """Stable 64-bit hashes of the folded words of ``text``, in order (read-only)."""
    return text_words(text)[0]


_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5],
    dtype=np.uint64,
)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, so that low bits (used for sampling) depend on every input bit."""
    values = values.copy()
    values ^= values >> np.uint64(30)
    values *= np.uint64(0xBF58476D1CE4E5B9)
    values ^= values >> np.uint64(27)
    values *= np.uint64(0x94D049BB133111EB)
    values ^= values >> np.uint64(31)
    return values


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """Stable 64-bit hashes of every run of ``size`` consecutive words of ``text``, in order (may repeat).

    A text shorter than ``size`` words gives one shingle of all its words, so short texts still match.
    """
    hashed = word_hashes(text)
    if hashed.size == 0:
        return np.empty(0, dtype=np.uint64)
    n = max(hashed.size - size + 1, 1)
    combined = np.zeros(n, dtype=np.uint64)
    for offset in range(min(size, hashed.size)):
        combined += hashed[offset : offset + n] * _MULTIPLIERS[offset]  # array arithmetic wraps around silently
    return _mix(combined)


def run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values of a sorted array starts, as a mask."""
    first = np.empty(ordered.size, dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return first


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted, as ``np.unique`` gives them: by sorting, where numpy 2's ``np.unique``
    hashes, ten times slower on arrays of shingles."""
    ordered = np.sort(values)
    return ordered[run_starts(ordered)]


def shingle_set(text: str) -> np.ndarray:
    """The distinct shingle hashes of a text, sorted."""
    return distinct(shingle_hashes(text))


def token_counts(pieces: list[str]) -> np.ndarray:
    """How many white-space-separated tokens each of ``pieces`` holds."""
    return np.fromiter(map(len, map(str.split, pieces)), dtype=np.int64, count=len(pieces))


def piece_shingles(text: str, pieces: list[str], counts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The shingle hashes of each of ``pieces``, none across two (an ad or a caption between two
    paragraphs of a copy costs it nothing), with the index of the piece each is from: both in order, a
    shingle perhaps repeated. ``pieces`` are ``text`` cut at white space (its lines, or the blocks it
    joins), so their words are the text's, hashed once.

    The same arithmetic as :func:`shingle_hashes`, for all pieces in a few array operations rather than
    a dozen per piece (most pieces are short, and numpy's cost per call is what counts there): a window
    is summed only over its own piece's words, so that a piece shorter than a shingle gives one shingle
    of all its words. ``counts`` are the pieces' :func:`token_counts`, when the caller has them already."""
    words, sizes = text_words(text)
    tokens = np.cumsum(token_counts(pieces) if counts is None else counts)
    if (tokens[-1] if tokens.size else 0) != sizes.size:
        raise ValueError("the pieces do not hold the words of the text")
    ends = np.concatenate(([0], np.cumsum(sizes)))[tokens]  # where each piece's words end
    lengths = ends.copy()
    lengths[1:] -= ends[:-1]  # np.diff(ends, prepend=0), without its cost per call
    total = words.size
    left = np.repeat(ends, lengths) - np.arange(total)  # for each word, how many of its piece's words it begins
    padded = np.zeros(total + SHINGLE_SIZE - 1, dtype=np.uint64)
    padded[:total] = words
    combined = words * _MULTIPLIERS[0]  # array arithmetic wraps around silently
    for offset in range(1, SHINGLE_SIZE):
        term = padded[offset : offset + total] * _MULTIPLIERS[offset]
        term[left <= offset] = 0  # past the end of the piece
        combined += term
    # A shingle starts at each word with a whole window of its piece ahead, and at the first word of a
    # piece shorter than a window.
    first = left >= SHINGLE_SIZE
    first[(ends - lengths)[(lengths > 0) & (lengths < SHINGLE_SIZE)]] = True
    return _mix(combined[first]), np.repeat(np.arange(len(pieces)), lengths)[first]


def found_in(values: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """For each of ``values``, whether the sorted array ``whole`` holds it: ``np.isin`` by a binary search
    in what is sorted already, instead of sorting both again."""
    if whole.size == 0:
        return np.zeros(values.size, dtype=bool)
    at = np.searchsorted(whole, values)
    np.minimum(at, whole.size - 1, out=at)
    return whole[at] == values


def containment(part: np.ndarray, whole: np.ndarray) -> float:
    """Share of the (sorted, distinct) shingles of ``part`` that occur in ``whole`` (sorted)."""
    if part.size == 0:
        return 0.0
    return float(found_in(part, whole).sum()) / part.size


def excerpt(text: str, limit: int = 160) -> str:
    """A short, single-line excerpt for evidence."""
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
