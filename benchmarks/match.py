"""Benchmark: which of N originals does a republished page reproduce?

Compares cc_syndicate's sampled-shingle ``OriginalsIndex`` with datasketch's ``MinHashLSH`` (Jaccard
threshold 0.5, 128 permutations) built on the same originals' word 5-gram shingles.

Corpus: N originals of 300-900 words in the style of ``textgen.py`` (Zipf-drawn Italian-like words),
generated in bulk with numpy. Pages, Q of each kind, each set inside 300-500 words of page chrome (menu,
"Leggi anche", "Più letti" and "Potrebbe interessarti" boxes, footer) of one of a few dozen sites, and
parsed with ``cc_syndicate.pages.parse_page``; the text searched for is the page's visible text, as in
the pipeline:

    full       a random original, whole;
    edited     a random original with one paragraph dropped and 2-3 sentences reworded or replaced;
    excerpt    a contiguous run of a random original's words holding 10-30 % of its shingles;
    unrelated  a new article of the same style that reproduces nothing.

Measured for each index, in the same run and on the same pages:

    build_s                   originals' texts to a queryable index (tokenising and hashing included);
    index_bytes_per_original  ours: ``OriginalsIndex.nbytes / N``; MinHashLSH: the bytes the index holds,
                              traced with tracemalloc while the same MinHashes are inserted into a fresh
                              index (a separate pass, so that tracing does not slow the timed build);
    query_p50_ms, _p99_ms     page text to candidate list, over all pages (ours: fingerprint + query;
                              MinHashLSH: shingles, MinHash, query);
    recall_<kind>             share of pages whose original is found: ours among the top 5 candidates
                              verified by exact containment >= 0.1, as ``check.originals_in`` does;
                              MinHashLSH among the query results;
    false_match_rate          share of unrelated pages for which any original is found;
    match_p50_ms              ours only: the pipeline's whole match (fingerprint, query, exact containment
                              of the top candidates, alignment of the best) over pages that reproduce one.

Per page, the two indexes are queried one after the other (which goes first alternates) and the whole
match runs last, so caches are about as warm as in a real check, not as in a tight loop.

Run from the repository root (100,000 originals take about 3 minutes on 2 cores; 1,000,000 take about
25 minutes and 20 GB of memory, most of it MinHashLSH's):

    python benchmarks/match.py
    python benchmarks/match.py --million
    python benchmarks/match.py --originals 2000 --queries 50 --json   # last line: one JSON object
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import re
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

sys.path.insert(0, str(Path(__file__).resolve().parent))
from textgen import TextGenerator

from cc_syndicate.index import OriginalsIndex, fingerprint
from cc_syndicate.match import measure
from cc_syndicate.models import PageView, Thresholds
from cc_syndicate.pages import parse_page
from cc_syndicate.text import containment, shingle_set

KINDS = ("full", "edited", "excerpt", "unrelated")
COPIES = KINDS[:3]
MAX_CANDIDATES = 5  # cc_syndicate.check.MAX_CANDIDATES
EXCERPT = Thresholds().excerpt
LSH_THRESHOLD, NUM_PERM = 0.5, 128
SITES = 40
METRICS = ("originals", "build_s", "index_bytes_per_original", "query_p50_ms", "query_p99_ms", "match_p50_ms",
           "recall_full", "recall_edited", "recall_excerpt", "false_match_rate")
_SENTENCE = re.compile(r"(?<=\.) ")


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------


class Writer:
    """Text in ``TextGenerator``'s style (its vocabulary and Zipf weights, sentences of 10-25 words,
    paragraphs of 2-4 sentences), drawing each article's words with one numpy call."""

    def __init__(self, seed: int, vocabulary_size: int | None = None) -> None:
        style = TextGenerator(seed, vocabulary_size)
        self.rng = style.rng
        self.vocabulary: list[str] = style.vocabulary.tolist()
        self.cdf = np.cumsum(style.p)

    def words(self, n: int) -> list[str]:
        drawn = np.searchsorted(self.cdf, self.rng.random(n) * self.cdf[-1], side="right")
        vocabulary = self.vocabulary
        return [vocabulary[i] for i in drawn.tolist()]

    def sentences(self, n_words: int) -> list[str]:
        """Sentences holding at least ``n_words`` words in all."""
        lengths = self.rng.integers(10, 26, size=n_words // 10 + 1)
        ends = np.cumsum(lengths)
        ends = ends[: int(np.searchsorted(ends, n_words)) + 1].tolist()
        words = self.words(ends[-1])
        return [" ".join(words[start:end]).capitalize() + "." for start, end in zip([0, *ends], ends)]

    def sentence(self) -> str:
        return self.sentences(10)[0]

    def article(self, n_words: int) -> list[str]:
        sentences = self.sentences(n_words)
        ends = np.cumsum(self.rng.integers(2, 5, size=len(sentences))).tolist()
        return [" ".join(sentences[start:end]) for start, end in zip([0, *ends], ends) if start < len(sentences)]

    def headline(self) -> str:
        return " ".join(self.words(int(self.rng.integers(7, 14)))).capitalize()


def generate_originals(n: int, seed: int) -> list[str]:
    """``n`` originals of 300-900 words, paragraphs separated by newlines."""
    writer = Writer(seed)
    lengths = writer.rng.integers(300, 901, size=n).tolist()
    return ["\n".join(writer.article(length)) for length in lengths]


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    kind: str
    original_id: int | None  # the original it reproduces (ids start at 1)
    view: PageView
    text: str  # the page's visible text, chrome included


class Chrome:
    """Page chrome: a menu and a footer per site, boxes of headlines and teasers per page, from a
    smaller vocabulary than the articles'."""

    def __init__(self, seed: int) -> None:
        self.writer = Writer(seed, vocabulary_size=800)
        self.sites = [self._site() for _ in range(SITES)]

    def _site(self) -> tuple[str, str]:
        rng, writer = self.writer.rng, self.writer
        sections = [w.capitalize() for w in writer.words(int(rng.integers(12, 20)))]
        menu = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in sections)
        footer = " ".join(writer.sentences(int(rng.integers(50, 90))))
        return (f'<nav class="menu"><ul>{menu}</ul></nav>',
                f"<footer><p>{footer}</p><p>Privacy · Cookie policy · Contatti · Pubblicità</p></footer>")

    def _box(self, css: str, title: str, count: int) -> str:
        items = "".join(f'<li><a href="/n/{i}/">{self.writer.headline()}</a></li>' for i in range(count))
        return f'<aside class="{css}"><h3>{title}</h3><ul>{items}</ul></aside>'

    def wrap(self, paragraphs: list[str]) -> str:
        rng, writer = self.writer.rng, self.writer
        menu, footer = self.sites[int(rng.integers(SITES))]
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        teasers = "".join(f"<p>{' '.join(writer.sentences(int(rng.integers(25, 45))))}</p>"
                          for _ in range(int(rng.integers(2, 4))))
        return (f"<html><head><title>{writer.headline()}</title></head><body>{menu}"
                f"<article><h1>{writer.headline()}</h1>{body}</article>"
                f"{self._box('leggi-anche', 'Leggi anche', int(rng.integers(4, 7)))}"
                f"{self._box('sidebar', 'Più letti', 5)}"
                f'<div class="related"><h3>Potrebbe interessarti</h3>{teasers}</div>{footer}</body></html>')


class PageMaker:
    """Pages of each kind, from the originals and from a writer of other text."""

    def __init__(self, originals: list[str], seed: int) -> None:
        self.originals = originals
        self.writer = Writer(seed)
        self.rng = self.writer.rng
        self.chrome = Chrome(seed + 1)

    def page(self, kind: str) -> Page:
        if kind == "unrelated":
            return self._page(kind, None, self.writer.article(int(self.rng.integers(300, 901))))
        original_id = int(self.rng.integers(1, len(self.originals) + 1))
        paragraphs = self.originals[original_id - 1].split("\n")
        make: Callable[[list[str]], list[str]] = getattr(self, f"_{kind}")
        return self._page(kind, original_id, make(paragraphs))

    def _page(self, kind: str, original_id: int | None, paragraphs: list[str]) -> Page:
        view = parse_page(self.chrome.wrap(paragraphs), f"http://example.org/{kind}/{original_id}")
        return Page(kind, original_id, view, view.visible_text)

    def _full(self, paragraphs: list[str]) -> list[str]:
        return paragraphs

    def _edited(self, paragraphs: list[str]) -> list[str]:
        """One paragraph dropped, then 2-3 sentences reworded (a third of their words replaced) or
        replaced by new ones."""
        if len(paragraphs) > 1:
            del paragraphs[int(self.rng.integers(len(paragraphs)))]
        sentences = [_SENTENCE.split(p) for p in paragraphs]
        places = [(i, j) for i, paragraph in enumerate(sentences) for j in range(len(paragraph))]
        for k in self.rng.choice(len(places), size=min(len(places), int(self.rng.integers(2, 4))), replace=False):
            i, j = places[k]
            sentences[i][j] = self._reword(sentences[i][j]) if self.rng.random() < 0.5 else self.writer.sentence()
        return [" ".join(paragraph) for paragraph in sentences]

    def _reword(self, sentence: str) -> str:
        words = sentence.rstrip(".").split()
        for k in self.rng.choice(len(words), size=max(1, len(words) // 3), replace=False):
            words[k] = self.writer.words(1)[0]
        return " ".join(words).capitalize() + "."

    def _excerpt(self, paragraphs: list[str]) -> list[str]:
        """A contiguous run of words holding 10-30 % of the original's 5-word shingles."""
        words = " ".join(paragraphs).split()
        shingles = math.ceil(self.rng.uniform(0.10, 0.30) * (len(words) - 4))
        start = int(self.rng.integers(0, len(words) - shingles - 3))
        return [" ".join(words[start : start + shingles + 4])]


def make_pages(originals: list[str], queries: int, seed: int) -> list[Page]:
    maker = PageMaker(originals, seed)
    return [maker.page(kind) for kind in KINDS for _ in range(queries)]


# ---------------------------------------------------------------------------------------------
# The two indexes
# ---------------------------------------------------------------------------------------------


def build_ours(originals: list[str]) -> tuple[OriginalsIndex, float]:
    start = time.perf_counter()
    index = OriginalsIndex()
    for original_id, text in enumerate(originals, 1):
        index.add(original_id, fingerprint(text))
    index.query(np.empty(0, dtype=np.uint32))  # merges the pending originals into the sorted arrays
    return index, time.perf_counter() - start


def query_ours(index: OriginalsIndex, text: str) -> list[int]:
    return [c.original_id for c in index.query(fingerprint(text), limit=MAX_CANDIDATES)]


def whole_match(index: OriginalsIndex, originals: list[str], page: Page) -> list[int]:
    """``check.originals_in`` and the alignment of the best original, with originals in memory: the
    originals the page holds at least as an excerpt, best first."""
    candidates = index.query(fingerprint(page.text), limit=MAX_CANDIDATES)
    if not candidates:
        return []
    page_shingles = shingle_set(page.text)
    shares = [(containment(shingle_set(originals[c.original_id - 1]), page_shingles), c.original_id)
              for c in candidates]
    found = [original_id for share, original_id in sorted(shares, reverse=True) if share >= EXCERPT]
    if found:
        measure(originals[found[0] - 1], page.view, Thresholds())
    return found


def _identity(value: int) -> int:
    return value


def minhash_template() -> MinHash:
    """An empty MinHash whose copies hash 32-bit shingle keys (the top half of our shingle hashes)."""
    return MinHash(num_perm=NUM_PERM, hashfunc=_identity)


def minhash(template: MinHash, shingles: np.ndarray) -> MinHash:
    sketch = template.copy()
    sketch.update_batch((shingles >> np.uint64(32)).tolist())
    return sketch


def build_lsh(originals: list[str], template: MinHash) -> tuple[MinHashLSH, np.ndarray, float]:
    """The MinHashLSH of the originals, and their MinHash values (kept to measure memory afterwards)."""
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    values = np.empty((len(originals), NUM_PERM), dtype=template.hashvalues.dtype)
    for original_id, text in enumerate(originals, 1):
        sketch = minhash(template, shingle_set(text))
        lsh.insert(original_id, sketch)
        values[original_id - 1] = sketch.hashvalues
    return lsh, values, time.perf_counter() - start


def lsh_bytes(values: np.ndarray, template: MinHash) -> int:
    """The bytes a MinHashLSH of these MinHash values holds, as traced by tracemalloc."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for original_id, row in enumerate(values, 1):
        sketch = template.copy()
        sketch.hashvalues = row.copy()
        lsh.insert(original_id, sketch)
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return used


def query_lsh(lsh: MinHashLSH, template: MinHash, text: str) -> list[int]:
    return lsh.query(minhash(template, shingle_set(text)))


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def timed(call: Callable[..., list[int]], *args: object) -> tuple[list[int], float]:
    """The result of ``call(*args)`` and how long it took (ms)."""
    start = time.perf_counter_ns()
    result = call(*args)
    return result, (time.perf_counter_ns() - start) / 1e6


@dataclass
class Runs:
    """Per page: query latency of each index, whole-match latency, and whether each index found it."""

    ours_ms: list[float]
    lsh_ms: list[float]
    match_ms: list[float]
    ours_found: list[bool]
    lsh_found: list[bool]


def run_pages(pages: list[Page], index: OriginalsIndex, originals: list[str], lsh: MinHashLSH,
              template: MinHash) -> Runs:
    runs = Runs([], [], [], [], [])
    for n, page in enumerate(pages):
        # Which index sees the page first alternates, so that neither gains from the other warming caches.
        if n % 2:
            lsh_result, lsh_ms = timed(query_lsh, lsh, template, page.text)
        _, ours_ms = timed(query_ours, index, page.text)
        if not n % 2:
            lsh_result, lsh_ms = timed(query_lsh, lsh, template, page.text)
        found, match_ms = timed(whole_match, index, originals, page)
        runs.ours_ms.append(ours_ms)
        runs.lsh_ms.append(lsh_ms)
        runs.match_ms.append(match_ms)
        runs.ours_found.append(_found(page, found))
        runs.lsh_found.append(_found(page, lsh_result))
    return runs


def _found(page: Page, result: list[int]) -> bool:
    """For a copy, whether its original is in the result; for an unrelated page, whether anything is."""
    return page.original_id in result if page.original_id else bool(result)


def _rates(pages: list[Page], found: list[bool]) -> dict[str, float]:
    kinds = np.array([p.kind for p in pages])
    hits = np.array(found)
    rates = {f"recall_{kind}": float(hits[kinds == kind].mean()) for kind in COPIES}
    rates["false_match_rate"] = float(hits[kinds == "unrelated"].mean())
    return rates


def _ms(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 4)


def summarise(pages: list[Page], runs: Runs, n: int, builds: tuple[float, float],
              memory: tuple[float, float]) -> dict[str, float]:
    copies = [ms for page, ms in zip(pages, runs.match_ms) if page.original_id]
    ours = {"originals": n, "build_s": round(builds[0], 2), "index_bytes_per_original": round(memory[0], 1),
            "query_p50_ms": _ms(runs.ours_ms, 50), "query_p99_ms": _ms(runs.ours_ms, 99),
            "match_p50_ms": _ms(copies, 50), **_rates(pages, runs.ours_found)}
    lsh = {"originals": n, "build_s": round(builds[1], 2), "index_bytes_per_original": round(memory[1], 1),
           "query_p50_ms": _ms(runs.lsh_ms, 50), "query_p99_ms": _ms(runs.lsh_ms, 99),
           **_rates(pages, runs.lsh_found)}
    return {**{key: ours[key] for key in METRICS},
            **{f"datasketch_{key}": lsh[key] for key in METRICS if key in lsh}}


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    return (f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__}, "
            f"datasketch {version('datasketch')}")


TARGETS: tuple[tuple[str, Callable[[dict[str, float]], bool]], ...] = (
    ("recall >= 0.99 on full and edited copies", lambda r: min(r["recall_full"], r["recall_edited"]) >= 0.99),
    ("recall >= 0.95 on excerpts of 10-30 %", lambda r: r["recall_excerpt"] >= 0.95),
    ("false matches <= 0.1 %", lambda r: r["false_match_rate"] <= 0.001),
    ("memory <= 1/4 of MinHashLSH's", lambda r: r["index_bytes_per_original"]
     <= r["datasketch_index_bytes_per_original"] / 4),
    ("query latency <= 1.5 x MinHashLSH's (p50)", lambda r: r["query_p50_ms"] <= 1.5 * r["datasketch_query_p50_ms"]),
    ("query p50 <= 0.5 ms (set for 100,000 originals)", lambda r: r["query_p50_ms"] <= 0.5),
    ("whole match p50 <= 3 ms (set for 100,000 originals)", lambda r: r["match_p50_ms"] <= 3.0),
)


def table(results: dict[str, float]) -> Iterator[str]:
    rows = (("build (s)", "build_s", "{:.1f}"),
            ("memory per original (bytes)", "index_bytes_per_original", "{:,.0f}"),
            ("query p50 (ms)", "query_p50_ms", "{:.3f}"),
            ("query p99 (ms)", "query_p99_ms", "{:.3f}"),
            ("whole match p50 (ms)", "match_p50_ms", "{:.3f}"),
            ("recall, full copies", "recall_full", "{:.3f}"),
            ("recall, edited copies", "recall_edited", "{:.3f}"),
            ("recall, excerpts 10-30 %", "recall_excerpt", "{:.3f}"),
            ("false match rate", "false_match_rate", "{:.4f}"))
    yield f"{'':30}{'ours':>12}{'MinHashLSH':>14}{'ours/LSH':>12}"
    for label, key, fmt in rows:
        ours, theirs = results[key], results.get(f"datasketch_{key}")
        ratio = f"{ours / theirs:.2f}" if theirs and key in {"build_s", "index_bytes_per_original",
                                                             "query_p50_ms", "query_p99_ms"} else ""
        yield f"{label:30}{fmt.format(ours):>12}{fmt.format(theirs) if theirs is not None else '-':>14}{ratio:>12}"


def report(results: dict[str, float], args: argparse.Namespace, runs: Runs, pages: list[Page]) -> Iterator[str]:
    words = sum(len(p.text.split()) for p in pages) / len(pages)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)  # for its number of bands and rows
    yield f"Machine: {machine()}"
    yield (f"{args.originals:,} originals of 300-900 words; {args.queries:,} pages of each kind "
           f"(mean {words:.0f} visible words, chrome included); MinHashLSH threshold {LSH_THRESHOLD}, "
           f"{NUM_PERM} permutations, {lsh.b} bands of {lsh.r}; MinHashLSH memory traced with tracemalloc")
    yield ""
    yield from table(results)
    yield ""
    by_kind = "  ".join(f"{kind} {np.median([ms for p, ms in zip(pages, runs.match_ms) if p.kind == kind]):.3f}"
                        for kind in KINDS)
    yield f"whole match p50 by kind (ms): {by_kind}"
    yield ""
    for label, met in TARGETS:
        yield f"[{'met' if met(results) else 'MISSED'}] {label}"


def progress(message: str, started: float) -> None:
    print(f"[{time.perf_counter() - started:7.1f} s] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--originals", type=int, default=100_000, help="number of originals (default 100,000)")
    parser.add_argument("--million", action="store_true", help="1,000,000 originals")
    parser.add_argument("--queries", type=int, default=1000, help="pages of each kind (default 1,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object, last")
    args = parser.parse_args(argv)
    if args.million:
        args.originals = 1_000_000
    started = time.perf_counter()
    originals = generate_originals(args.originals, args.seed)
    pages = make_pages(originals, args.queries, args.seed + 100)
    progress(f"generated {len(originals):,} originals and {len(pages):,} pages", started)
    index, ours_build = build_ours(originals)
    progress(f"built our index in {ours_build:.1f} s", started)
    template = minhash_template()
    lsh, values, lsh_build = build_lsh(originals, template)
    progress(f"built MinHashLSH in {lsh_build:.1f} s", started)
    gc.collect()
    gc.freeze()  # the millions of objects built so far are not collected during the timed queries
    runs = run_pages(pages, index, originals, lsh, template)
    progress("queried", started)
    del lsh
    gc.unfreeze()
    memory = (index.nbytes / len(originals), lsh_bytes(values, template) / len(originals))
    progress("traced MinHashLSH's memory", started)
    results = summarise(pages, runs, args.originals, (ours_build, lsh_build), memory)
    print("\n".join(report(results, args, runs, pages)))
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
