"""The originals index: which originals might a page reproduce? (pure, persisted as bytes)

Each original is fingerprinted by a 1-in-8 sample of its word 5-gram shingles, chosen by hash value so
that a page holding the same text samples the same shingles. Postings (shingle key, original id) are kept
as compressed rows in numpy arrays; a query looks up the page's sampled shingles with one ``searchsorted``
and counts hits per original. Hits divided by the original's sample size estimate how much of the original the page
holds (containment, not Jaccard: a full copy embedded in a long page still scores near 1). Shingles shared
by very many originals (a publisher's boilerplate notice) are skipped at query time.

New originals go to a small pending list merged into the sorted arrays on the next query, so the index
grows incrementally; :meth:`OriginalsIndex.to_bytes` persists it.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

import numpy as np

from .text import run_starts, shingle_hashes

SAMPLE_MASK = np.uint64(7)  # keep shingles whose hash is 0 modulo 8
FORMAT_VERSION = 2


def sample_keys(hashes: np.ndarray) -> np.ndarray:
    """The sampled shingle keys of some shingle hashes: distinct, sorted, 32-bit."""
    keys = np.sort((hashes[(hashes & SAMPLE_MASK) == 0] >> np.uint64(32)).astype(np.uint32))
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if keys.size else keys


def fingerprint(text: str) -> np.ndarray:
    """An original's (or a page's) sampled shingle keys."""
    return sample_keys(shingle_hashes(text))


@dataclass(frozen=True)
class Candidate:
    """An original the index thinks a page may hold: ``estimate`` is hits / the original's sample size."""

    original_id: int
    hits: int
    estimate: float


def _counted(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ids, sorted, and how often each occurs: ``np.unique(ids, return_counts=True)`` by
    sorting, where numpy 2's hashes and is several times slower."""
    ordered = np.sort(ids)
    starts = np.flatnonzero(run_starts(ordered))
    return ordered[starts], np.diff(np.append(starts, ordered.size))


class OriginalsIndex:
    def __init__(self) -> None:
        # Postings in compressed rows: the distinct keys, sorted; where each key's originals start in
        # ``docs`` (one more entry than keys); the originals themselves. One binary search per key.
        self.keys = np.empty(0, dtype=np.uint32)
        self.starts = np.zeros(1, dtype=np.uint32)  # up to 4.29 billion postings: some 70 million originals
        self.docs = np.empty(0, dtype=np.uint32)
        self.sizes = np.zeros(1, dtype=np.uint32)  # sample size per original id (with spare room)
        self._max_id = 0
        self._count: int | None = 0
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
        return int(self.keys.nbytes + self.starts.nbytes + self.docs.nbytes + self.sizes.nbytes)

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
        current = np.repeat(self.keys, np.diff(self.starts).astype(np.int64))
        keys = np.concatenate([current, *self._pending_keys])
        docs = np.concatenate([self.docs, *self._pending_docs])
        order = np.argsort(keys, kind="stable")
        keys, self.docs = keys[order], docs[order]
        first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if keys.size else np.empty(0, np.int64)
        self.keys = keys[first]
        self.starts = np.append(first, keys.size).astype(np.uint32)
        self._pending_keys, self._pending_docs = [], []

    def max_postings(self) -> int:
        """A shingle found in more originals than this is boilerplate, not evidence."""
        return max(50, len(self) // 1000)

    def query(self, keys: np.ndarray, min_estimate: float = 0.05, limit: int = 10) -> list[Candidate]:
        """Originals sharing sampled shingles with ``keys``, best estimate first."""
        self._merge()
        if keys.size == 0 or self.keys.size == 0:
            return []
        rows = np.searchsorted(self.keys, keys)
        np.minimum(rows, self.keys.size - 1, out=rows)
        rows = rows[self.keys[rows] == keys]  # the keys the index holds: each has one posting or more
        lo = self.starts[rows].astype(np.int64)
        counts = self.starts[rows + 1] - lo
        useful = counts <= self.max_postings()
        lo, counts = lo[useful], counts[useful]
        if lo.size == 0:
            return []
        # Every posting position of every useful key, without a Python loop.
        ends = np.cumsum(counts)
        positions = np.arange(int(ends[-1])) + np.repeat(lo - ends + counts, counts)
        found, hits = _counted(self.docs[positions])
        estimates = hits / np.maximum(self.sizes[found], 1)
        keep = np.flatnonzero((estimates >= min_estimate) & (hits >= 2))
        keep = keep[np.argsort(-estimates[keep], kind="stable")[:limit]]
        return [Candidate(d, h, e) for d, h, e in zip(found[keep].tolist(), hits[keep].tolist(), estimates[keep].tolist())]

    def to_bytes(self) -> bytes:
        self._merge()
        buffer = io.BytesIO()
        np.savez(buffer, version=np.array([FORMAT_VERSION, self._max_id]), keys=self.keys, starts=self.starts,
                 docs=self.docs, sizes=self.sizes[: self._max_id + 1])
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> OriginalsIndex:
        """Load a saved index; raises ValueError if it is not one this version wrote, or is damaged
        (truncated, garbage that starts like a zip file, arrays that do not fit together)."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as saved:
                if int(saved["version"][0]) != FORMAT_VERSION:
                    raise ValueError("index format version differs")
                index = cls()
                index.keys, index.starts = saved["keys"], saved["starts"]
                index.docs, index.sizes = saved["docs"], saved["sizes"]
                index._max_id = int(saved["version"][1])
                index._count = None
        except (ValueError, OSError, KeyError, EOFError, IndexError, TypeError, zipfile.BadZipFile, zlib.error) as exc:
            raise ValueError(f"not a saved index: {type(exc).__name__}: {exc}") from None
        index._check()
        return index

    def _check(self) -> None:
        """Arrays that fit together: a damaged file must fail here, never give wrong answers to queries."""
        arrays = (self.keys, self.starts, self.docs, self.sizes)
        if any(a.dtype != np.uint32 or a.ndim != 1 for a in arrays):
            raise ValueError("not a saved index: arrays of the wrong kind")
        if len(self.starts) != len(self.keys) + 1 or self.starts[0] != 0 or int(self.starts[-1]) != len(self.docs):
            raise ValueError("not a saved index: postings do not add up")
        if np.any(np.diff(self.starts.astype(np.int64)) <= 0) or np.any(np.diff(self.keys.astype(np.int64)) <= 0):
            raise ValueError("not a saved index: postings out of order")
        if (self.docs.size and int(self.docs.max()) >= len(self.sizes)) or self._max_id >= len(self.sizes):
            raise ValueError("not a saved index: an original beyond the sizes")
