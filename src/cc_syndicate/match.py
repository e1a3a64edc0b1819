"""How much of an original a page holds, and what was changed in the part it holds (pure).

Containment of word 5-gram shingles decides the kind of match. The alignment works on sentences:
sentences of the original that the page holds unchanged are anchors; between two anchors, a sentence
reworded, added or removed is a change. Outside the first and last anchor the copy is merely shorter
(an excerpt is not a modification), and page chrome between paragraphs is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from .licenses import find_in_text, find_reservation, may_be_notice
from .models import Change, Match, PageView, TextBlock, Thresholds
from .text import containment, key, shingle_set, split_sentences

REWORDED_SIMILARITY = 55.0  # token-set similarity at or above which a differing sentence is "changed"
MIN_SENTENCE_WORDS = 3
PROSE_WORDS = 10


@dataclass(frozen=True)
class _Sentence:
    text: str
    key: str


def article_blocks(page: PageView) -> list[TextBlock]:
    """The page's visible blocks that could carry article text (no menus, ads, share bars)."""
    return [b for b in page.blocks if not b.chrome]


def measure(original_text: str, page: PageView, thresholds: Thresholds) -> Match:
    """The match between an original's text and a page."""
    original_shingles = shingle_set(original_text)
    page_shingles = shingle_set(page.visible_text)
    share = containment(original_shingles, page_shingles)
    kind = "reproduction" if share >= thresholds.reproduction else "excerpt" if share >= thresholds.excerpt else "none"
    if kind == "none":
        return Match("none", round(share, 4))
    article_shingles = shingle_set("\n".join(b.text for b in article_blocks(page)))
    page_share = containment(article_shingles, original_shingles)
    return Match(kind, round(share, 4), tuple(align(original_text, page)), round(page_share, 4),
                 span=_span(original_text, page))


def _span(original_text: str, page: PageView) -> tuple[int, int] | None:
    vocabulary = set(key(original_text).split())
    indices = [i for i, b in enumerate(page.blocks) if not b.chrome and len(b.text.split()) >= 8
               and sum(t in vocabulary for t in key(b.text).split()) >= 0.8 * len(key(b.text).split())]
    return (indices[0], indices[-1]) if indices else None


def align(original_text: str, page: PageView) -> list[Change]:
    """Sentences changed, added and removed inside the span of the original that the page reproduces."""
    original = _sentences(original_text)
    copy = _sentences("\n".join(b.text for b in article_blocks(page)))
    if not original or not copy:
        return []
    opcodes = Indel.opcodes([s.key for s in original], [s.key for s in copy])
    anchors = [op for op in opcodes if op.tag == "equal"]
    if not anchors:
        return []
    changes: list[Change] = []
    gap_original: list[_Sentence] = []
    gap_copy: list[_Sentence] = []
    first, last = anchors[0], anchors[-1]
    changes += _edge_changes(original[: first.src_start][::-1], copy[: first.dest_start][::-1])[::-1]
    for op in opcodes:
        if op.src_start < first.src_start or op.src_end > last.src_end:
            continue
        if op.dest_start < first.dest_start or op.dest_end > last.dest_end:
            continue
        if op.tag == "equal":
            changes += _pair(gap_original, gap_copy)
            gap_original, gap_copy = [], []
        elif op.tag == "delete":
            gap_original += original[op.src_start : op.src_end]
        else:
            gap_copy += copy[op.dest_start : op.dest_end]
    changes += _pair(gap_original, gap_copy)
    changes += _edge_changes(original[last.src_end :], copy[last.dest_end :])
    return changes


def _sentences(text: str) -> list[_Sentence]:
    out = []
    for sentence in split_sentences(text):
        k = key(sentence)
        if _is_prose(sentence, k) and not _is_notice(sentence, k):
            out.append(_Sentence(sentence, k))
    return out


def _is_prose(sentence: str, sentence_key: str) -> bool:
    """Sentences, not bylines, captions or subheadings ("Redazione · 2 novembre", "Foto: ANSA"):
    a line counts when it ends like a sentence or is long."""
    n = sentence_key.count(" ") + 1 if sentence_key else 0
    return n >= MIN_SENTENCE_WORDS and (n >= PROSE_WORDS or sentence.rstrip()[-1:] in ".!?…»\"”’)")


def _is_notice(sentence: str, sentence_key: str) -> bool:
    """Licence and rights notices belong to the credit, not to the article's text."""
    return may_be_notice(sentence_key) and bool(find_in_text(sentence) or find_reservation(sentence))


def _pair(removed: list[_Sentence], added: list[_Sentence]) -> list[Change]:
    """Between two anchors: pair each removed sentence with the most similar added one, in order."""
    changes: list[Change] = []
    start = 0
    for old in removed:
        best, best_score = None, REWORDED_SIMILARITY
        for j in range(start, len(added)):
            score = fuzz.token_set_ratio(old.key, added[j].key)
            if score >= best_score:
                best, best_score = j, score
        if best is None:
            changes.append(Change("removed", old.text, ""))
            continue
        changes += [Change("added", "", s.text) for s in added[start:best]]
        changes.append(Change("changed", old.text, added[best].text))
        start = best + 1
    changes += [Change("added", "", s.text) for s in added[start:]]
    return changes


def _edge_changes(original_side: list[_Sentence], copy_side: list[_Sentence]) -> list[Change]:
    """Beyond the outermost anchor, a copy may stop (truncation); only sentences reworded right next
    to the anchor count as changes."""
    changes = []
    for old, new in zip(original_side, copy_side):
        if fuzz.token_set_ratio(old.key, new.key) < REWORDED_SIMILARITY or _is_truncation(old.key, new.key):
            break
        changes.append(Change("changed", old.text, new.text))
    return changes


def _is_truncation(original_key: str, copy_key: str) -> bool:
    """A sentence cut short ("...") or the start of the next one is a truncation, not a rewording."""
    stem = copy_key.removesuffix(" ").rsplit(" ", 1)[0] if " " in copy_key else copy_key
    return original_key.startswith(stem) or copy_key.startswith(original_key)


_TOKEN = re.compile(r"\S+")


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
