"""The originals index: which originals might a page reproduce? (pure, persisted as bytes)

Each original is fingerprinted by a 1-in-8 sample of its word 5-gram shingles, chosen by hash value so
that a page holding the same text samples the same shingles. Postings (shingle key, original id) are kept
in two sorted numpy arrays; a query looks up the page's sampled shingles with ``searchsorted`` and counts
hits per original. Hits divided by the original's sample size estimate how much of the original the page
holds (containment, not Jaccard: a full copy embedded in a long page still scores near 1). Shingles shared
by very many originals (a publisher's boilerplate notice) are skipped at query time.

New originals go to a small pending list merged into the sorted arrays on the next query, so the index
grows incrementally; :meth:`OriginalsIndex.to_bytes` persists it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from itertools import chain

import numpy as np

# The private helpers: the fast path below must hash exactly as text.shingle_hashes does.
from .text import _MULTIPLIERS, SHINGLE_SIZE, _mix, _word_hash, shingle_hashes, words

SAMPLE_MASK = np.uint64(7)  # keep shingles whose hash is 0 modulo 8
FORMAT_VERSION = 1

# Characters that fold one at a time into word characters (letters, digits) or into non-word characters
# (punctuation, typographic quotes and dashes, white space). In a text made only of these, folding never
# joins or splits words across white space, so the words of the text are the words of its
# white-space-separated tokens, whose word hashes are computed once and cached: about twice as fast as
# folding and hashing every page whole. Any other character (``&``, accents typed as combining marks,
# invisible characters, ligatures, other scripts) sends the text through :func:`text.words` whole.
_NOT_PLAIN = re.compile(
    "[^\\s!-%'-~\u00b0\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff‘’‚“”„«»‐‑‒–—―…€]"
)
_TOKEN_CACHE_SIZE = 1 << 18


class _TokenHashes(dict[str, tuple[int, ...]]):
    """The word hashes of plain-text tokens ("l'Italia," -> those of "l", "italia"), on first sight."""

    def __missing__(self, token: str) -> tuple[int, ...]:
        if len(self) >= _TOKEN_CACHE_SIZE:
            self.clear()
        found = self[token] = tuple(_word_hash(w) for w in words(token))
        return found


_token_hashes = _TokenHashes()


def _shingle_hashes(text: str) -> np.ndarray:
    """``text.shingle_hashes(text.words(text))``, faster for plain text."""
    if _NOT_PLAIN.search(text):
        return shingle_hashes(words(text))
    hashed = np.fromiter(chain.from_iterable(map(_token_hashes.__getitem__, text.split())), dtype=np.uint64)
    if hashed.size == 0:
        return np.empty(0, dtype=np.uint64)
    # As text.shingle_hashes does from the words' hashes.
    n = max(hashed.size - SHINGLE_SIZE + 1, 1)
    combined = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(min(SHINGLE_SIZE, hashed.size)):
            combined += hashed[offset : offset + n] * _MULTIPLIERS[offset]
    return _mix(combined)


def sample_keys(hashes: np.ndarray) -> np.ndarray:
    """The sampled shingle keys of some shingle hashes: distinct, sorted, 32-bit."""
    keys = np.sort((hashes[(hashes & SAMPLE_MASK) == 0] >> np.uint64(32)).astype(np.uint32))
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if keys.size else keys


def fingerprint(text: str) -> np.ndarray:
    """An original's (or a page's) sampled shingle keys: ``sample_keys(shingle_hashes(words(text)))``."""
    return sample_keys(_shingle_hashes(text))


@dataclass(frozen=True)
class Candidate:
    """An original the index thinks a page may hold: ``estimate`` is hits / the original's sample size."""

    original_id: int
    hits: int
    estimate: float


class OriginalsIndex:
    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=np.uint32)
        self.docs = np.empty(0, dtype=np.uint32)
        self.sizes = np.zeros(1, dtype=np.uint32)  # sample size per original id (with spare room)
        self._max_id = 0
        self._count: int | None = None  # originals with a sample (len), counted when asked after a change
        self._pending_keys: list[np.ndarray] = []
        self._pending_docs: list[np.ndarray] = []

    def __len__(self) -> int:
        if self._count is None:
            self._count = int(np.count_nonzero(self.sizes))
        return self._count

    @property
    def watermark(self) -> int:
        """The highest original id in the index (ids are added in increasing order)."""
        return self._max_id

    @property
    def nbytes(self) -> int:
        return int(self.keys.nbytes + self.docs.nbytes + self.sizes.nbytes)

    def add(self, original_id: int, keys: np.ndarray) -> None:
        if original_id >= len(self.sizes):
            grown = np.zeros(max(original_id + 1, len(self.sizes) * 2), dtype=np.uint32)
            grown[: len(self.sizes)] = self.sizes
            self.sizes = grown
        self.sizes[original_id] = len(keys)
        self._count = None
        self._max_id = max(self._max_id, original_id)
        self._pending_keys.append(keys.astype(np.uint32, copy=False))
        self._pending_docs.append(np.full(len(keys), original_id, dtype=np.uint32))

    def _merge(self) -> None:
        if not self._pending_keys:
            return
        keys = np.concatenate([self.keys, *self._pending_keys])
        docs = np.concatenate([self.docs, *self._pending_docs])
        order = np.argsort(keys, kind="stable")
        self.keys, self.docs = keys[order], docs[order]
        self._pending_keys, self._pending_docs = [], []

    def max_postings(self) -> int:
        """A shingle found in more originals than this is boilerplate, not evidence."""
        return max(50, len(self) // 1000)

    def query(self, keys: np.ndarray, min_estimate: float = 0.05, limit: int = 10) -> list[Candidate]:
        """Originals sharing sampled shingles with ``keys``, best estimate first."""
        self._merge()
        if keys.size == 0 or self.keys.size == 0:
            return []
        lo = np.searchsorted(self.keys, keys, side="left")
        hi = np.searchsorted(self.keys, keys, side="right")
        counts = hi - lo
        useful = (counts > 0) & (counts <= self.max_postings())
        lo, counts = lo[useful], counts[useful]
        if lo.size == 0:
            return []
        # Every posting position of every useful key, without a Python loop.
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
        positions = starts + np.arange(int(counts.sum()))
        found, hits = np.unique(self.docs[positions], return_counts=True)
        estimates = hits / np.maximum(self.sizes[found], 1)
        keep = (estimates >= min_estimate) & (hits >= 2)
        order = np.argsort(-estimates[keep], kind="stable")[:limit]
        return [Candidate(int(d), int(h), float(e)) for d, h, e in
                zip(found[keep][order], hits[keep][order], estimates[keep][order])]

    def to_bytes(self) -> bytes:
        self._merge()
        buffer = io.BytesIO()
        np.savez(buffer, version=np.array([FORMAT_VERSION, self._max_id]), keys=self.keys, docs=self.docs,
                 sizes=self.sizes[: self._max_id + 1])
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> OriginalsIndex:
        """Load a saved index; raises ValueError if it is not one this version wrote."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as saved:
                if int(saved["version"][0]) != FORMAT_VERSION:
                    raise ValueError("index format version differs")
                index = cls()
                index.keys, index.docs, index.sizes = saved["keys"], saved["docs"], saved["sizes"]
                index._max_id = int(saved["version"][1])
                index._count = None
        except (OSError, KeyError, EOFError) as exc:
            raise ValueError(f"not a saved index: {exc}") from None
        return index
