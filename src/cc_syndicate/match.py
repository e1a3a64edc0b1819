"""How much of an original a page holds, where it sits on the page, and what was changed in it (pure).

Containment of word 5-gram shingles, taken within paragraphs on both sides (so that an ad between two
paragraphs costs nothing), decides the kind of match. Then the original's words are aligned with the
page's words (an LCS over folded words, so typography never counts):

- **anchors** are runs of words the page holds unchanged, long enough that they cannot be chance
  (eight words, or a whole sentence of the original);
- **the span** runs from the first anchor to the last. Text before and after it is the republisher's
  **frame** (headline, bylines, datelines, teasers, the credit): never a change, still read for credits;
- inside the span, **a change** is an original sentence reworded (some of its words missing or others in
  between) or removed, and prose inserted between reproduced sentences. Page furniture inside the span
  is not prose inserted: blocks inside navigation, ads, related-article boxes, captions or embeds below
  the element that holds the article, boilerplate lines ("Read also"), bylines, datelines, "last
  modified" lines, share and sponsor labels, and text that repeats the original elsewhere (a pull
  quote). Nor are subheadings or captions the copy drops;
- beyond the outermost anchors a copy may simply stop: only a sentence reworded right next to an
  anchor (the same paragraph, or a clearly similar sentence) counts there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import Indel

from .frame import SENTENCE_END, is_frame_line
from .licenses import is_notice_line
from .memo import by_text
from .models import Change, Match, MatchKind, PageView, TextBlock, Thresholds
from .text import containment, distinct, found_in, key, piece_shingles, split_sentences, text_words, token_counts

MIN_ANCHOR_WORDS = 8  # an unchanged run this long ties page and original together
MIN_SENTENCE_ANCHOR = 4  # ... or a whole original sentence of at least this many words
MIN_SENTENCE_WORDS = 3
PROSE_WORDS = 10
EDGE_SIMILARITY = 0.6  # beyond the outermost anchors, how alike a sentence must be to count as reworded
PAIR_SIMILARITY = 0.5  # inside the span, a removed and an added sentence this alike are one rewording
MARGIN_BLOCKS = 3  # blocks around those sharing shingles with the original that are aligned too

_TOKEN = re.compile(r"\S+")

# ---------------------------------------------------------------------------------------------
# Words with where they come from
# ---------------------------------------------------------------------------------------------


class _Sentence(NamedTuple):  # a tuple, made several times faster than a frozen dataclass
    text: str
    start: int  # first word
    end: int  # one past the last word
    block: int = -1  # page side: the block; original side: -1
    first_token: int = 0  # page side: the block's token where the sentence starts

    @property
    def size(self) -> int:
        return self.end - self.start

    @property
    def is_prose(self) -> bool:
        """:func:`is_prose` of its text, from its word count (the words of its key), without keying it."""
        return _is_prose(self.text, self.size)


@dataclass
class _Words:
    """A text's folded words in order, hashed, with the sentence each belongs to."""

    hashes: list[int]
    sentence_of: list[int]
    token_of: list[int]  # page side: the word's token in its block
    sentences: list[_Sentence]
    block_of: np.ndarray | None = None  # page side: each word's block


def _original_words(text: str) -> _Words:
    """The original's words, without its licence and rights notices (they are its credit, not its text).

    Read from the words of the whole text, hashed (and kept) to find the original: its sentences hold
    its tokens in order, as :func:`split_sentences` cuts only at white space and what it drops with it
    (closing quotes after a full stop) holds no word."""
    hashes, sizes = text_words(text)
    every, ends = hashes.tolist(), [0, *np.cumsum(sizes).tolist()]  # the words before each token
    words = _Words([], [], [], [])
    token = 0
    for sentence in split_sentences(text):
        first, token = ends[token], token + len(sentence.split())
        if ends[token] > first and not _is_notice(sentence):
            start = len(words.hashes)
            words.hashes += every[first:ends[token]]
            words.sentence_of += [len(words.sentences)] * (ends[token] - first)
            words.sentences.append(_Sentence(sentence, start, len(words.hashes)))
    return words


@by_text(1_000_000)
def _sentences_of(text: str) -> tuple[tuple[str, int], ...]:
    """A block's sentences, each with how many tokens it holds (kept: a page's blocks are aligned twice,
    with and without the furniture, and once per original)."""
    return tuple((sentence, len(sentence.split())) for sentence in split_sentences(text))


class _PageText(NamedTuple):
    """The words of a page's text, hashed once (and kept) to find its original, with where each block's
    tokens start: the page's text is its blocks joined by line breaks, so block i holds its tokens
    ``tokens[i]`` to ``tokens[i + 1]``. With, for each word, its block and its token in the block (found
    once for the page, whichever of its blocks are aligned)."""

    hashes: np.ndarray  # every word of the page
    word_ends: list[int]  # the words before each token, and all of them last
    tokens: list[int]  # the tokens before each block, and all of them last
    word_block: np.ndarray  # each word's block
    token_in_block: np.ndarray  # each word's token in its block


def _page_text(page: PageView, tokens_per_block: np.ndarray) -> _PageText:
    hashes, sizes = text_words(page.visible_text)
    word_ends = np.concatenate(([0], np.cumsum(sizes)))
    tokens = np.concatenate(([0], np.cumsum(tokens_per_block)))
    token_block = np.repeat(np.arange(len(page.blocks)), tokens_per_block)  # each token's block
    word_token = np.repeat(np.arange(token_block.size), sizes)  # each word's token
    word_block = token_block[word_token]
    return _PageText(hashes, word_ends.tolist(), tokens.tolist(), word_block, word_token - tokens[word_block])


def _page_words(page: PageView, text: _PageText, indices: list[int]) -> _Words:
    """The words of some of the page's blocks (``indices``, in increasing order), with their sentences.
    Read from the page's words as :func:`_original_words` reads the original's: a block's sentences hold
    its tokens in order."""
    chosen = np.zeros(len(page.blocks), dtype=bool)
    chosen[indices] = True
    taken = chosen[text.word_block]
    words = _Words(text.hashes[taken].tolist(), [], text.token_in_block[taken].tolist(), [], text.word_block[taken])
    ends = text.word_ends
    for index in indices:
        token = first = text.tokens[index]
        for sentence, count in _sentences_of(page.blocks[index].text):
            size = ends[token + count] - ends[token]
            if size:
                start = len(words.sentence_of)
                words.sentence_of += [len(words.sentences)] * size
                words.sentences.append(_Sentence(sentence, start, start + size, index, token - first))
            token += count
    return words


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


@by_text(4_000_000)
def paragraph_shingles(text: str) -> np.ndarray:
    """The distinct shingles of a text, none across a line break. Kept (read-only): an original's are
    needed to find it in a page and again to match it."""
    found = distinct(piece_shingles(text, text.splitlines())[0])
    found.flags.writeable = False
    return found


def measure(original_text: str, page: PageView, thresholds: Thresholds) -> Match:
    """The match between an original's text and a page."""
    original_shingles = paragraph_shingles(original_text)
    # Every block's shingles, from the page's words hashed once for finding the original (the page's
    # text is its blocks joined), with the block each is from.
    blocks = [b.text for b in page.blocks]
    tokens = token_counts(blocks)
    every, owners = piece_shingles(page.visible_text, blocks, tokens)
    held = found_in(every, original_shingles)  # which of the page's shingles the original holds
    # The containment of the original's shingles in the page's: how many of them the page holds.
    share = distinct(every[held]).size / original_shingles.size if original_shingles.size else 0.0
    kind: MatchKind = "reproduction" if share >= thresholds.reproduction else "excerpt" if share >= thresholds.excerpt else "none"
    if kind == "none":
        return Match("none", round(share, 4))
    # The blocks that hold any of the original's shingles, in one pass over all of them, not one per block.
    shared = distinct(owners[held]).tolist()
    alignment = _Alignment(original_text, page, _page_text(page, tokens), _around(shared, len(page.blocks)))
    return Match(
        kind,
        round(share, 4),
        tuple(alignment.changes()),
        round(alignment.page_share(), 4),
        span=alignment.span,
        reproduced=tuple(alignment.reproduced()),
        article_words=len(alignment.original.hashes),
        words_found=alignment.words_found,
        article=alignment.article,
    )


def _around(indices: list[int], count: int) -> list[int]:
    """From the first to the last of ``indices``, and a few blocks on either side."""
    if not indices:
        return []
    return list(range(max(indices[0] - MARGIN_BLOCKS, 0), min(indices[-1] + MARGIN_BLOCKS + 1, count)))


class _Alignment:
    """The original's words aligned with the words of the page blocks around the shared text.

    ``equal`` words are those the LCS pairs (any run); ``anchored`` ones lie in runs long enough to be
    the copy rather than chance. Anchors decide the span and whether a sentence is reproduced at all;
    inside a reproduced sentence every equal word counts as kept.
    """

    def __init__(self, original_text: str, page: PageView, text: _PageText, indices: list[int]) -> None:
        self.page, self.text = page, text
        self.original = _original_words(original_text)
        self.original_text, self.indices = original_text, indices
        self.depth = 0
        self.article: tuple[int, ...] = ()
        self.article_blocks: set[int] = set()
        self._align(indices)
        if self.anchors:
            # Once the anchors say which element holds the article, align again without the furniture
            # inside it, so that an ad's "il" can never stand in for the article's.
            self.depth = self._article_depth()
            # The blocks of the sentences each anchor runs over (none is without words): its words' blocks.
            self.article_blocks = {self.copy.sentences[s].block for _, c, size in self.anchors
                                   for s in range(self.copy.sentence_of[c], self.copy.sentence_of[c + size - 1] + 1)}
            kept = [i for i in indices if not self._is_furniture(i)]
            if len(kept) < len(indices):
                self._align(kept)
        # Which words the final alignment pairs, and which lie in anchors.
        self.equal_original = _covered(self.runs, len(self.original.hashes), side=0)
        self.equal_copy = _covered(self.runs, len(self.copy.hashes), side=1)
        self.anchored_original = _covered(self.anchors, len(self.original.hashes), side=0)
        self.anchored_copy = _covered(self.anchors, len(self.copy.hashes), side=1)
        self.words_found = sum(self.anchored_original)
        self.span: tuple[int, int] | None = None
        if self.anchors:
            first, last = self.anchors[0], self.anchors[-1]
            self.span = (self._block_at(first[1]), self._block_at(last[1] + last[2] - 1))

    def _align(self, indices: list[int]) -> None:
        self.copy = _page_words(self.page, self.text, indices)
        runs = _equal_runs(self.original, self.copy)
        runs = _settle(self.original.hashes, self.copy.hashes, runs, [r for r in runs if _is_anchor(self.original, *r)])
        self.anchors = [r for r in runs if _is_anchor(self.original, *r)]
        self.runs = runs
        self._to_copy: dict[int, int] | None = None

    @property
    def to_copy(self) -> dict[int, int]:
        """Each original word the LCS pairs, and its page word (made when changes are looked for)."""
        if self._to_copy is None:
            self._to_copy = _pairs(self.runs)
        return self._to_copy

    def _block_at(self, word: int) -> int:
        return self.copy.sentences[self.copy.sentence_of[word]].block

    # -- where the article is ---------------------------------------------------------------------

    def _article_depth(self) -> int:
        """How many ancestors all reproduced blocks share: furniture counts only below them, so that a
        body class ("one-sidebar") or a page-wide wrapper ("td-content-wrap-and-menu") never hides the
        article."""
        blocks = {self._block_at(c + k) for _, c, size in self.anchors for k in (0, size - 1)}
        ancestries = [self.page.blocks[b].ancestry for b in blocks if self.page.blocks[b].ancestry]
        depth = 0
        for level in zip(*ancestries):
            if len(set(level)) > 1:
                break
            depth += 1
        self.article = ancestries[0][:depth] if ancestries else ()
        return depth

    def _is_furniture(self, index: int) -> bool:
        """Whether a page block is furniture inside the article: never one that holds reproduced text."""
        block = self.page.blocks[index]
        if index in self.article_blocks:
            return False
        if block.boilerplate or block.tag in {"figcaption", "caption", "figure"}:
            return True
        if block.ancestry:
            return any(level >= self.depth for level in block.chrome_at)
        return block.chrome

    # -- what the page holds ----------------------------------------------------------------------

    def _inside(self) -> tuple[range, range]:
        """The word ranges of the span, on the original and on the page."""
        first, last = self.anchors[0], self.anchors[-1]
        return range(first[0], last[0] + last[2]), range(first[1], last[1] + last[2])

    def reproduced(self) -> list[tuple[int, int, int]]:
        """Runs of copied tokens as (block, first token, end token): the equal words inside the span that
        belong to sentences of the original's text (not to a byline or notice its text happens to hold)
        and sit in a page sentence the copy reproduces (not a chance word of the credit line). In array
        operations over the paired words, not one step per word."""
        if not self.anchors:
            return []
        _, inside = self._inside()
        original, copy = self.original.sentences, self.copy
        prose = np.repeat([s.is_prose for s in original], [s.end - s.start for s in original])  # each original word's
        anchored = np.zeros(len(copy.hashes), dtype=bool)  # the words of the page sentences anchors run over
        for _, c, size in self.anchors:
            anchored[copy.sentences[copy.sentence_of[c]].start:copy.sentences[copy.sentence_of[c + size - 1]].end] = True
        block = copy.block_of
        assert block is not None
        on_original, on_page = _paired(self.runs)
        copied = np.sort(on_page[(on_page >= inside.start) & (on_page < inside.stop) & prose[on_original] & anchored[on_page]])
        if not copied.size:
            return []
        # A run goes on while the next copied word follows in the same block.
        new = np.ones(copied.size, dtype=bool)
        new[1:] = (np.diff(copied) != 1) | (block[copied[1:]] != block[copied[:-1]])
        firsts, lasts = copied[new].tolist(), copied[np.append(new[1:], True)].tolist()
        token_of = self.copy.token_of
        return [(self._block_at(f), token_of[f], token_of[e] + 1) for f, e in zip(firsts, lasts)]

    def page_share(self) -> float:
        """The share of the page's article text (its words in the span, furniture aside) that is copied."""
        if self.span is None:
            return 0.0
        own = copied = 0
        for sentence in self.copy.sentences:
            if self.span[0] <= sentence.block <= self.span[1] and not self._is_furniture(sentence.block):
                own += sentence.size
                copied += sum(self.equal_copy[sentence.start:sentence.end])
        return copied / own if own else 0.0

    # -- what was changed -------------------------------------------------------------------------

    def changes(self) -> list[Change]:
        """Inside the span: every run of original words the page lacks, and every run of page words the
        original lacks that reads as the republisher's text, each laid on the sentences it touches."""
        if not self.anchors:
            return []
        inside_original, inside_copy = self._inside()
        changed: dict[int, None] = {}
        removed: list[int] = []
        for run in _runs(w for w in inside_original if not self.equal_original[w]):
            for index in dict.fromkeys(self.original.sentence_of[w] for w in run):
                sentence = self.original.sentences[index]
                if not sentence.is_prose:
                    continue  # a subheading or a caption the copy leaves out
                if any(self.anchored_original[sentence.start:sentence.end]):
                    changed[index] = None
                elif not self._on_page(sentence.text) and index not in removed:
                    removed.append(index)
        added: list[int] = []
        for run in _runs(w for w in inside_copy if not self.equal_copy[w]):
            for index, words in _by_sentence(run, self.copy.sentence_of):
                sentence = self.copy.sentences[index]
                if any(self.anchored_copy[sentence.start:sentence.end]):
                    if self._reads_as_text(words):
                        changed.update(dict.fromkeys(self._originals_of(index)))
                elif self._inserted(index) and index not in added:
                    added.append(index)
        found = self._pair(removed, added)
        found += [(self.original.sentences[s].start, Change("changed", self.original.sentences[s].text,
                                                            self._counterpart(s)))
                  for s in changed if self.original.sentences[s].is_prose]
        found += self._edges()
        return [change for _, change in sorted(found, key=lambda item: item[0])]

    def _reads_as_text(self, words: list[int]) -> bool:
        """Whether page words put inside a reproduced sentence are text, not furniture or a label."""
        if all(self._is_furniture(self._block_at(w)) for w in words):
            return False
        text = " ".join(self._token_text(t) for t in dict.fromkeys((self._block_at(w), self.copy.token_of[w]) for w in words))
        return bool(key(text)) and not is_frame_line(text) and not _is_notice(text)

    def _token_text(self, block_token: tuple[int, int]) -> str:
        block, token = block_token
        tokens = _TOKEN.findall(self.page.blocks[block].text)
        return tokens[token] if token < len(tokens) else ""

    def _originals_of(self, index: int) -> list[int]:
        """The original sentences whose words a page sentence holds."""
        sentence = self.copy.sentences[index]
        back = {c: o for o, c in self.to_copy.items() if sentence.start <= c < sentence.end}
        return list(dict.fromkeys(self.original.sentence_of[o] for _, o in sorted(back.items())))

    def _inserted(self, index: int) -> bool:
        """A page sentence inside the span that is the republisher's own prose, not furniture."""
        sentence = self.copy.sentences[index]
        return (not self._is_furniture(sentence.block) and sentence.is_prose and not is_frame_line(sentence.text)
                and not _is_notice(sentence.text) and not _is_notice(self.page.blocks[sentence.block].text)
                and not self._in_original(sentence.text))

    def _counterpart(self, index: int) -> str:
        """The page's version of an original sentence: the page sentences that hold its words."""
        sentence = self.original.sentences[index]
        found = dict.fromkeys(self.copy.sentence_of[self.to_copy[w]] for w in range(sentence.start, sentence.end)
                              if w in self.to_copy)
        return " ".join(self.copy.sentences[s].text for s in found)

    def _pair(self, removed: list[int], added: list[int]) -> list[tuple[int, Change]]:
        """A removed and an added sentence alike enough are one rewording; the rest stay as they are."""
        changes: list[tuple[int, Change]] = []
        free = list(added)
        for index in removed:
            old = self.original.sentences[index]
            best = max(free, key=lambda a: _similarity(old.text, self.copy.sentences[a].text), default=None)
            if best is not None and _similarity(old.text, self.copy.sentences[best].text) >= PAIR_SIMILARITY:
                free.remove(best)
                changes.append((old.start, Change("changed", old.text, self.copy.sentences[best].text)))
            else:
                changes.append((old.start, Change("removed", old.text, "")))
        changes += [(self._original_position(self.copy.sentences[a].start), Change("added", "", self.copy.sentences[a].text))
                    for a in free]
        return changes

    def _original_position(self, copy_word: int) -> int:
        """Where in the original a page position falls: after the last original word copied before it."""
        before = [o for o, c in self.to_copy.items() if c < copy_word]
        return max(before) + 1 if before else 0

    def _edges(self) -> list[tuple[int, Change]]:
        """Sentences reworded right before the first anchor or right after the last one."""
        inside_original, inside_copy = self._inside()
        pairs = ((self.original.sentence_of[inside_original.start] - 1, self.copy.sentence_of[inside_copy.start] - 1),
                 (self.original.sentence_of[inside_original.stop - 1] + 1, self.copy.sentence_of[inside_copy.stop - 1] + 1))
        changes = []
        for o, c in pairs:
            if 0 <= o < len(self.original.sentences) and 0 <= c < len(self.copy.sentences):
                old, new = self.original.sentences[o], self.copy.sentences[c]
                if (old.is_prose and new.is_prose and not is_frame_line(new.text)
                        and not any(self.anchored_copy[new.start:new.end])
                        and not self._is_furniture(new.block)
                        and _similarity(old.text, new.text) >= EDGE_SIMILARITY):
                    changes.append((old.start, Change("changed", old.text, new.text)))
        return changes

    @cached_property
    def original_key(self) -> str:
        """The original's words, to tell a sentence it holds (keyed only when a page sentence is looked for)."""
        return f" {key(self.original_text)} "

    @cached_property
    def page_key(self) -> str:
        """The aligned blocks' words, to tell a sentence they hold (keyed only when a removed one is looked for)."""
        return f" {' '.join(key(self.page.blocks[i].text) for i in self.indices)} "

    def _on_page(self, text: str) -> bool:
        k = key(text)
        return bool(k) and f" {k} " in self.page_key

    def _in_original(self, text: str) -> bool:
        k = key(text)
        return bool(k) and f" {k} " in self.original_key


def _equal_runs(original: _Words, copy: _Words) -> list[tuple[int, int, int]]:
    """Every run the LCS pairs: (original start, page start, length)."""
    if not original.hashes or not copy.hashes:
        return []
    return [(op.src_start, op.dest_start, op.src_end - op.src_start)
            for op in Indel.opcodes(original.hashes, copy.hashes) if op.tag == "equal"]


def _settle(original: list[int], copy: list[int], runs: list[tuple[int, int, int]],
            anchors: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Grow each anchor over the equal words right beside it, taking them from wherever the LCS had put
    them: when a headline ends with the article's first words ("...dopo due anni di" / "Dopo due anni
    di cantiere"), both pairings are equally long and the LCS may pick the headline's."""
    if not any(_equal_beside(original, copy, *anchor) for anchor in anchors) and _apart(runs):
        return runs  # most alignments: no anchor can grow, and the runs are settled already
    o2c = _pairs(runs)
    c2o = dict(zip(o2c.values(), o2c))

    def take(i: int, j: int) -> bool:
        if not (0 <= i < len(original) and 0 <= j < len(copy)) or original[i] != copy[j]:
            return False
        if c2o.get(j, i) != i:
            return False  # that page word is another original word's match
        if i in o2c:
            del c2o[o2c[i]]
        o2c[i], c2o[j] = j, i
        return True

    for o, c, size in anchors:
        step = 1
        while take(o - step, c - step):
            step += 1
        step = 0
        while take(o + size + step, c + size + step):
            step += 1
    return _pairs_to_runs(o2c)


def _pairs(runs: list[tuple[int, int, int]]) -> dict[int, int]:
    """The words runs pair, original -> page, in the runs' order (built by zip over ranges, in C)."""
    pairs: dict[int, int] = {}
    for o, c, size in runs:
        pairs.update(zip(range(o, o + size), range(c, c + size)))
    return pairs


def _paired(runs: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """The words runs pair: (original words, page words), one pair per word, in the runs' order."""
    if not runs:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    originals, copies, sizes = np.array(runs, dtype=np.int64).T
    offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)  # each word's place in its run
    return np.repeat(originals, sizes) + offset, np.repeat(copies, sizes) + offset


def _pairs_to_runs(o2c: dict[int, int]) -> list[tuple[int, int, int]]:
    """Paired words (original -> page) as runs (original start, page start, length), in the original's
    order: a run ends where either side skips a word. In array operations, not one step per word."""
    if not o2c:
        return []
    originals = np.fromiter(o2c, dtype=np.int64, count=len(o2c))
    order = np.argsort(originals, kind="stable")
    originals = originals[order]
    copies = np.fromiter(o2c.values(), dtype=np.int64, count=len(o2c))[order]
    starts = np.flatnonzero(np.concatenate(([True], (np.diff(originals) != 1) | (np.diff(copies) != 1))))
    lengths = np.diff(np.append(starts, originals.size))
    return list(zip(originals[starts].tolist(), copies[starts].tolist(), lengths.tolist()))


def _equal_beside(original: list[int], copy: list[int], o: int, c: int, size: int) -> bool:
    """Whether the words right before or right after a run are equal on both sides."""
    before = o > 0 and c > 0 and original[o - 1] == copy[c - 1]
    return before or (o + size < len(original) and c + size < len(copy) and original[o + size] == copy[c + size])


def _apart(runs: list[tuple[int, int, int]]) -> bool:
    """Whether no run continues the one before it on both sides (the LCS never gives such, but
    :func:`_settle` would join them)."""
    return all(a[0] + a[2] != b[0] or a[1] + a[2] != b[1] for a, b in zip(runs, runs[1:]))


def _is_anchor(original: _Words, start: int, _copy_start: int, size: int) -> bool:
    """A run long enough that it cannot be chance: eight words, or a whole sentence of four or more."""
    if size >= MIN_ANCHOR_WORDS:
        return True
    sentence = original.sentences[original.sentence_of[start]]
    return size >= MIN_SENTENCE_ANCHOR and start <= sentence.start and sentence.end <= start + size


def _runs(positions: Iterable[int]) -> Iterator[list[int]]:
    """Consecutive positions grouped: 3, 4, 5, 9, 10 -> [3, 4, 5], [9, 10]."""
    run: list[int] = []
    for position in positions:
        if run and position != run[-1] + 1:
            yield run
            run = []
        run.append(position)
    if run:
        yield run


def _by_sentence(words: list[int], sentence_of: list[int]) -> Iterator[tuple[int, list[int]]]:
    groups: dict[int, list[int]] = {}
    for word in words:
        groups.setdefault(sentence_of[word], []).append(word)
    return iter(groups.items())


def _covered(runs: list[tuple[int, int, int]], length: int, side: int) -> list[bool]:
    flags = [False] * length
    for run in runs:
        start = run[side]
        flags[start:start + run[2]] = [True] * run[2]
    return flags


# ---------------------------------------------------------------------------------------------
# Sentences and lines
# ---------------------------------------------------------------------------------------------


def is_prose(sentence: str) -> bool:
    """Sentences, not bylines, captions or subheadings ("Redazione · 2 novembre", "Foto: ANSA"): a line
    counts when it ends like a sentence or is long."""
    return _is_prose(sentence, len(key(sentence).split()))


def _is_prose(sentence: str, words: int) -> bool:
    return words >= MIN_SENTENCE_WORDS and (words >= PROSE_WORDS or sentence.rstrip()[-1:] in SENTENCE_END)


def _is_notice(sentence: str) -> bool:
    """Licence, rights and republishing statements belong to a credit, never to the article's text."""
    return is_notice_line(sentence)


def _similarity(a: str, b: str) -> float:
    return Indel.normalized_similarity(key(a).split(), key(b).split())


def containment_of(original_text: str, text: str) -> float:
    """The share of an original's paragraph shingles found within the paragraphs of ``text``."""
    return containment(paragraph_shingles(original_text), paragraph_shingles(text))


# ---------------------------------------------------------------------------------------------
# What is left of the page for credits
# ---------------------------------------------------------------------------------------------


def outside_reproduction(page: PageView, match: Match) -> tuple[tuple[int, TextBlock], ...]:
    """The page's visible text without the runs copied from the original, as (block index, piece)."""
    runs: dict[int, list[tuple[int, int]]] = {}
    for block_index, start, end in match.reproduced:
        runs.setdefault(block_index, []).append((start, end))
    pieces: list[tuple[int, TextBlock]] = []
    for index, block in enumerate(page.blocks):
        if index not in runs:
            pieces.append((index, block))
            continue
        if _all_copied(runs[index], len(block.text.split())):
            continue  # most blocks of the copy: nothing of them is left
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(block.text)]
        copied = [False] * len(tokens)
        for start, end in runs[index]:
            copied[start:end] = [True] * (min(end, len(tokens)) - start)
        piece: list[tuple[int, int]] = []
        for span, is_copied in [*zip(tokens, copied), ((0, 0), True)]:
            if not is_copied:
                piece.append(span)
            elif piece:
                pieces.append((index, replace(block, text=block.text[piece[0][0]:piece[-1][1]])))
                piece = []
    return tuple(pieces)


def _all_copied(runs: list[tuple[int, int]], tokens: int) -> bool:
    """Whether runs of copied tokens (first, end) cover every one of a block's ``tokens`` (counted by
    ``str.split``, which cuts at the same white space as :data:`_TOKEN`)."""
    reach = 0
    for start, end in sorted(runs):
        if start > reach:
            return False
        reach = max(reach, end)
    return reach >= tokens
