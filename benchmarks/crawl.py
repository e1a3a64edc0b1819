"""Load benchmark of the scheduled run: many feeds on loopback servers, two runs, politeness measured.

Serves one publisher (``--originals`` articles, full-content RSS) and ``--feeds`` republisher feeds of
``--entries`` summary entries each, spread over ``--hosts`` local servers (one port each); a quarter of the
pages copy an original with a credit, a quarter without, a quarter are excerpts, a quarter unrelated.
Runs ``cc-syndicate run`` twice in a child process (the second time with everything unchanged) and reports:

- first run: time, pages checked per second; second run: time;
- peak memory of the run (largest child RSS, the feed-parser sandbox included);
- the database's size after the two runs, per 10,000 pages checked (only reproductions keep their text);
- requests per host: the most in any one second, and the shortest gap between two, against the configured
  ``host_delay`` (the crawler must never exceed one request per host_delay per host);
- the same feeds and pages fetched by a naive peer (requests + feedparser, sequential, no robots.txt, no
  pacing, no checking) for scale: the ratio says what politeness, sandboxing and judging cost.

    python benchmarks/crawl.py                       # 1,000 feeds x 20 entries, 20 hosts (takes a while)
    python benchmarks/crawl.py --feeds 20 --entries 5 --hosts 4 --json    # the size CI runs

With ``--json`` the last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from textgen import TextGenerator  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent


class Content:
    """Deterministic sites: every response is computed from its host and path."""

    def __init__(self, originals: int, feeds: int, entries: int, hosts: int) -> None:
        self.n_originals, self.n_feeds, self.n_entries, self.n_hosts = originals, feeds, entries, hosts
        generator = TextGenerator(seed=5)
        self.articles = [generator.article(400) for _ in range(originals)]
        self.filler = TextGenerator(seed=6)
        self.ports: list[int] = []

    def base(self, host: int) -> str:
        return f"http://127.0.0.1:{self.ports[host]}"

    def feed_host(self, feed: int) -> int:
        return 1 + feed % self.n_hosts

    def respond(self, host: int, path: str) -> tuple[int, str, str]:
        if path == "/robots.txt":
            return 200, "text/plain", "User-agent: *\nAllow: /\n"
        if host == 0:
            return self._publisher(path)
        match = re.fullmatch(r"/feed/(\d+)\.xml", path)
        if match:
            feed = int(match.group(1))
            items = "".join(f"<item><title>P {feed}-{e}</title><link>{self.base(host)}/p/{feed}/{e}.html</link>"
                            f"<description>Sommario {e}</description></item>" for e in range(self.n_entries))
            return 200, "application/rss+xml", f'<rss version="2.0"><channel><title>F{feed}</title>{items}</channel></rss>'
        match = re.fullmatch(r"/p/(\d+)/(\d+)\.html", path)
        if not match:
            return 404, "text/plain", "not found"
        return 200, "text/html", self._page(int(match.group(1)), int(match.group(2)))

    def original(self, i: int) -> tuple[str, str, list[str]]:
        """The publisher's article ``i``: its title, author and paragraphs."""
        return f"A{i}", f"Autrice {i}", self.articles[i]

    def _publisher(self, path: str) -> tuple[int, str, str]:
        if path == "/feed/":
            items = "".join(
                f"<item><title>{html.escape(title)}</title><link>{self.base(0)}/a/{i}/</link>"
                f"<dc:creator>{html.escape(author)}</dc:creator><content:encoded><![CDATA["
                f"{''.join(f'<p>{html.escape(p)}</p>' for p in paragraphs)}]]></content:encoded></item>"
                for i, (title, author, paragraphs) in enumerate(map(self.original, range(self.n_originals))))
            return 200, "application/rss+xml", (
                '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Pub</title>{items}</channel></rss>')
        match = re.fullmatch(r"/a/(\d+)/", path)
        if not match or int(match.group(1)) >= self.n_originals:
            return 404, "text/plain", "not found"
        title, author, paragraphs = self.original(int(match.group(1)))
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        return 200, "text/html", (f'<html><head><title>{html.escape(title)}</title><meta name="author" '
                                  f'content="{html.escape(author)}"></head><body><article><h1>{html.escape(title)}'
                                  f"</h1>{body}</article></body></html>")

    def _page(self, feed: int, entry: int) -> str:
        n = (feed * 31 + entry * 7) % self.n_originals
        kind = (feed + entry) % 4
        original = f"{self.base(0)}/a/{n}/"
        paras = self.articles[n]
        if kind == 0:
            body = paras + [f'Di Autrice {n}, fonte: <a href="{original}">Pub</a>, licenza CC BY 4.0.']
        elif kind == 1:
            body = paras
        elif kind == 2:
            body = paras[:1] + [f'<a href="{original}">Continua su Pub</a>']
        else:
            seed = feed * 1000 + entry
            body = TextGenerator(seed=seed).article(300)
        return f"<html><body><article>{''.join(f'<p>{p}</p>' for p in body)}</article></body></html>"


class Servers:
    """One ThreadingHTTPServer per host, logging the time of every request."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.hits: dict[int, list[float]] = defaultdict(list)
        self.lock = threading.Lock()
        self.servers: list[ThreadingHTTPServer] = []

    def __enter__(self) -> Servers:
        for host in range(self.content.n_hosts + 1):
            server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler(host))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)
            self.content.ports.append(server.server_address[1])
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()

    def _handler(self, host: int) -> type[BaseHTTPRequestHandler]:
        servers = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else every keep-alive response waits 40 ms for a delayed ACK

            def do_GET(self) -> None:  # noqa: N802
                with servers.lock:
                    servers.hits[host].append(time.monotonic())
                status, kind, text = servers.content.respond(host, self.path.split("?")[0])
                body = text.encode()
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def write_config(folder: Path, content: Content, host_delay: float, workers: int) -> None:
    (folder / "rules").mkdir()
    (folder / "feeds").mkdir()
    (folder / "rules" / "pub.toml").write_text(
        f'[publisher]\nname = "Pub"\ndomains = ["{content.base(0)[7:]}"]\nfeeds = ["{content.base(0)}/feed/"]\n'
        '[license]\nid = "CC BY 4.0"\n', encoding="utf-8")
    (folder / "feeds" / "all.toml").write_text("".join(
        f'[[feed]]\nname = "Feed {f}"\nurl = "{content.base(content.feed_host(f))}/feed/{f}.xml"\n'
        for f in range(content.n_feeds)), encoding="utf-8")
    (folder / "cc-syndicate.toml").write_text(
        f"[crawler]\nhost_delay = {host_delay}\nworkers = {workers}\n", encoding="utf-8")


def timed_run(folder: Path) -> tuple[float, dict]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "src")}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "cc_syndicate", "run", "--allow-private", "--json"], cwd=folder,
                          env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"run failed ({done.returncode}): {done.stderr}")
    return elapsed, json.loads(done.stdout)


def database_bytes(folder: Path) -> int:
    """The database, its journal if any, and the originals index beside it."""
    return sum(p.stat().st_size for p in folder.glob("cc-syndicate.db*") if not p.name.endswith(".lock"))


def naive_peer(content: Content) -> tuple[float, int]:
    """requests + feedparser, one thing at a time, no robots, no pacing, no judging: fetch every feed and page."""
    session = requests.Session()
    started = time.monotonic()
    pages = 0
    for feed in range(content.n_feeds):
        response = session.get(f"{content.base(content.feed_host(feed))}/feed/{feed}.xml", timeout=30)
        parsed = feedparser.parse(io.BytesIO(response.content), response_headers={"content-type": "application/rss+xml"})
        for entry in parsed.entries:
            pages += bool(session.get(entry.link, timeout=30).content)
    return time.monotonic() - started, pages


def politeness(hits: dict[int, list[float]], since: float, until: float) -> tuple[int, float]:
    """The most requests any host saw within one second, and the shortest gap between two to one host."""
    most, gap = 0, float("inf")
    for times in hits.values():
        window = sorted(t for t in times if since <= t <= until)
        start = 0
        for end, t in enumerate(window):
            while t - window[start] >= 1.0:
                start += 1
            most = max(most, end - start + 1)
        gap = min([gap, *(b - a for a, b in zip(window, window[1:]))])
    return most, gap


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


# ---------------------------------------------------------------------------------------------
# --real: republished pages that are real news pages, judged in one process, a pool, a Dask cluster
# ---------------------------------------------------------------------------------------------


class RealContent(Content):
    """The corpus's real news pages (pages-zyte) with a publisher's article swapped into their article
    area (tests/layouts.py): a third credited, a third uncredited, a third the real page as it was."""

    def __init__(self, corpus: Path, feeds: int, entries: int, hosts: int, originals: int) -> None:
        sys.path.insert(0, str(PROJECT / "tests"))
        from layouts import corpus_articles, layouts  # noqa: PLC0415 - the benchmark's own test helpers

        self.n_feeds, self.n_entries, self.n_hosts = feeds, entries, hosts
        self.real_articles = [a for _, a in corpus_articles(corpus)][:originals]
        self.n_originals = len(self.real_articles)
        self.layouts = list(layouts(corpus))
        self.ports: list[int] = []
        self._pages: dict[tuple[int, int], str] = {}

    def render_all(self) -> None:
        """Every page rendered before anything is timed (rendering parses the real page)."""
        for feed in range(self.n_feeds):
            for entry in range(self.n_entries):
                self._pages[(feed, entry)] = self._render(feed, entry)

    def original(self, i: int) -> tuple[str, str, list[str]]:
        article = self.real_articles[i]
        return article.title, article.author, list(article.paragraphs)

    def _page(self, feed: int, entry: int) -> str:
        return self._pages.get((feed, entry)) or self._render(feed, entry)

    def _render(self, feed: int, entry: int) -> str:
        serial = feed * self.n_entries + entry
        layout = self.layouts[serial % len(self.layouts)]
        n = serial % self.n_originals
        article = self.real_articles[n]
        paragraphs = [f"<p>{html.escape(p)}</p>" for p in article.paragraphs]
        kind = serial % 3
        if kind == 2:
            return layout.html  # the real page as it was: it reproduces nothing
        credit = (f'<p>This article by {html.escape(article.author)} was first published by <a href="{self.base(0)}/a/{n}/">'
                  'Pub</a> under a <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a> '
                  "licence.</p>") if kind == 0 else ""
        return layout.render(paragraphs, after=credit)


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def measured_run(folder: Path, extra: list[str], cluster_pids: tuple[int, ...] = ()) -> dict:
    """One `cc-syndicate run` in a child process: its time (as the run counts it, from start to summary,
    without starting Python), pages, the processor time of the run with its judging processes (and of a Dask
    cluster's workers, ``cluster_pids``), and how busy the whole machine was, before and during the run."""
    import psutil  # comes with dask[distributed]; the benchmark's test extra installs it

    env = {**os.environ, "PYTHONPATH": str(PROJECT / "src")}
    idle0 = cpu_ticks()
    time.sleep(2)  # the machine's load from other work, just before the run
    busy0, total0 = cpu_ticks()
    background = (busy0 - idle0[0]) / max(total0 - idle0[1], 1) * (os.cpu_count() or 1)
    watched = [psutil.Process(pid) for pid in cluster_pids]
    start_cpu = {p.pid: _cpu(p) for p in watched}
    started = time.monotonic()
    out, err = folder / "run.out", folder / "run.err"  # files, not pipes: nothing waits for a reader
    child = subprocess.Popen([sys.executable, "-m", "cc_syndicate", "run", "--allow-private", "--json", *extra],
                             cwd=folder, env=env, stdout=out.open("w"), stderr=err.open("w"))
    seen: dict[int, float] = {}
    root = psutil.Process(child.pid)
    while child.poll() is None:
        try:
            for p in [root, *root.children(recursive=True)]:
                seen[p.pid] = max(seen.get(p.pid, 0.0), _cpu(p))
        except psutil.Error:
            pass
        time.sleep(0.2)
    child.wait()
    stdout, stderr = out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
    elapsed = time.monotonic() - started
    busy1, total1 = cpu_ticks()
    cluster_cpu = sum(_cpu(p) - start_cpu[p.pid] for p in watched)
    if child.returncode not in (0, 1):
        raise SystemExit(f"run failed ({child.returncode}): {stderr}")
    summary = json.loads(stdout)
    cores_busy = (busy1 - busy0) / max(total1 - total0, 1) * (os.cpu_count() or 1)
    run_cpu = sum(seen.values()) + cluster_cpu
    return {"seconds": summary["seconds"], "wall_s": round(elapsed, 2), "pages": summary["pages_checked"],
            "new": summary["new"], "pages_per_s": round(summary["pages_checked"] / summary["seconds"], 2),
            "run_cpu_s": round(run_cpu, 2), "driver_cpu_s": round(seen.get(child.pid, 0.0), 2),
            "cpu_ms_per_page": round(run_cpu / max(summary["pages_checked"], 1) * 1000, 1),
            "cores_busy": round(cores_busy, 2), "cores_busy_before": round(background, 2),
            "failing_pages": summary["failing_pages"]}


def _cpu(process: object) -> float:
    times = process.cpu_times()  # type: ignore[attr-defined]
    return float(times.user + times.system)


def polite_peer(content: Content, host_delay: float, workers: int) -> dict:
    """The fair peer: the same feeds and pages fetched with the same politeness (cc-syndicate's own fetcher:
    robots.txt, one request at a time per host, host_delay; feeds parsed in the same sandbox; one loop per
    host, ``workers`` hosts at once) and nothing judged."""
    from cc_syndicate.fetch import Fetcher
    from cc_syndicate.models import Settings
    from cc_syndicate.run import HostLoops
    from cc_syndicate.sandbox import FeedParser

    settings = Settings(host_delay=host_delay, workers=workers)
    feeds = [f"{content.base(content.feed_host(f))}/feed/{f}.xml" for f in range(content.n_feeds)]
    with Fetcher(settings, allow_private=True) as fetcher, FeedParser() as parser, HostLoops(workers) as loops:
        def crawl(url: str) -> int:
            fetched = fetcher.get(url)
            parsed = parser.parse(fetched.body, fetched.content_type, fetched.final_url)
            return sum(bool(fetcher.get(entry.link).body) for entry in parsed.entries if entry.link)

        started = time.monotonic()
        pages = sum(f.result() for _, f in loops.run(feeds, key=lambda u: u.split("/")[2], start=crawl,
                                                        finish=lambda n: n))
        elapsed = time.monotonic() - started
    return {"seconds": round(elapsed, 2), "pages": pages, "pages_per_s": round(pages / elapsed, 2)}


def real_mode(args: argparse.Namespace) -> dict:
    corpus = Path(os.environ.get("CC_SYNDICATE_CORPUS", PROJECT.parent / "shared" / "corpus"))
    if not (corpus / "pages-zyte").exists():
        raise SystemExit(f"the corpus is not at {corpus}: set CC_SYNDICATE_CORPUS")
    content = RealContent(corpus, args.feeds, args.entries, args.hosts, args.originals)
    with Servers(content) as servers, tempfile.TemporaryDirectory() as tmp:
        content.render_all()
        template = Path(tmp) / "template"
        template.mkdir()
        write_config(template, content, args.host_delay, args.workers)
        env = {**os.environ, "PYTHONPATH": str(PROJECT / "src")}
        subprocess.run([sys.executable, "-m", "cc_syndicate", "originals", "--allow-private"], cwd=template, env=env,
                       check=True, capture_output=True)  # the originals once, so that every run judges the same
        originals_bytes = database_bytes(template)
        modes = [("1 process", "processes = 0", []), (f"pool of {args.processes}", f"processes = {args.processes}", [])]
        cluster = None
        try:
            import distributed

            cluster = distributed.LocalCluster(n_workers=args.processes, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None, silence_logs=50)
            modes.append((f"Dask LocalCluster, {args.processes} workers", "", ["--scheduler", cluster.scheduler_address]))
            import psutil

            cluster_pids = tuple(p.pid for p in psutil.Process().children(recursive=True))
        except ImportError:
            print("dask[distributed] is not installed: the LocalCluster is left out (pip install 'cc-syndicate[dask]')")
        results = {}
        cluster_pids = cluster_pids if cluster is not None else ()
        try:
            for name, judge, extra in modes:
                folder = Path(tmp) / f"run{len(results)}"
                shutil.copytree(template, folder)
                with (folder / "cc-syndicate.toml").open("a", encoding="utf-8") as toml:
                    toml.write(f"[judge]\n{judge}\n")
                results[name] = measured_run(folder, extra, cluster_pids if extra else ())
                servers.hits.clear()
        finally:
            if cluster is not None:
                cluster.close()
        peer = polite_peer(content, args.host_delay, args.workers)
    one = results["1 process"]["pages_per_s"]
    figures = {"mode": "real", "machine": machine(), "feeds": args.feeds, "entries": args.entries, "hosts": args.hosts,
               "originals": content.n_originals, "layouts": len(content.layouts), "host_delay_s": args.host_delay,
               "workers": args.workers, "runs": results, "polite_peer": peer,
               "db_bytes_per_original": round(originals_bytes / max(content.n_originals, 1)),
               "cpu_ms_per_page": {k: v["cpu_ms_per_page"] for k, v in results.items()},
               "speedup_over_1_process": {k: round(v["pages_per_s"] / one, 2) for k, v in results.items()},
               "time_over_polite_peer": {k: round(v["seconds"] / peer["seconds"], 2) for k, v in results.items()}}
    print(f"Machine: {figures['machine']}")
    print(f"{args.feeds} feeds x {args.entries} entries: real news pages ({len(content.layouts)} layouts of the corpus) "
          f"republishing {content.n_originals} real articles, on {args.hosts} hosts; host_delay {args.host_delay} s, "
          f"{args.workers} hosts at once")
    print(f"{'':36} {'seconds':>8} {'pages/s':>8} {'x 1 proc':>9} {'x peer':>7} {'CPU s':>7} {'driver':>7} "
          f"{'ms/page':>8} {'machine busy':>13}")
    for name, r in results.items():
        print(f"{name:36} {r['seconds']:8.2f} {r['pages_per_s']:8.2f} {figures['speedup_over_1_process'][name]:9.2f} "
              f"{figures['time_over_polite_peer'][name]:7.2f} {r['run_cpu_s']:7.2f} {r['driver_cpu_s']:7.2f} "
              f"{r['cpu_ms_per_page']:8.1f} {r['cores_busy_before']:6.2f}/{r['cores_busy']:.2f}")
    print("(seconds: the run from its start to its summary; CPU s: the run's processes, its judging processes and "
          "a cluster's workers; driver: the run's own process; machine busy: cores busy in the 2 s before the run / "
          "during it, all work included)")
    print(f"{'polite peer (fetch only)':36} {peer['seconds']:8.2f} {peer['pages_per_s']:8.2f}")
    print(f"database after the originals: {figures['db_bytes_per_original']:,} bytes per original (with its index)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--originals", type=int, default=200)
    parser.add_argument("--host-delay", type=float, default=0.05, help="seconds between two requests to one host")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--real", action="store_true",
                        help="republished pages are real news pages of the corpus; judged in 1 process, a pool, a Dask "
                             "LocalCluster, each against a polite fetch-only peer")
    parser.add_argument("--processes", type=int, default=2, help="judging processes of the pool and the cluster (--real)")
    args = parser.parse_args()
    if args.real:
        figures = real_mode(args)
        if args.json:
            print(json.dumps(figures))
        return
    content = Content(args.originals, args.feeds, args.entries, args.hosts)
    with Servers(content) as servers, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_config(folder, content, args.host_delay, args.workers)
        first_start = time.monotonic()
        first_s, first = timed_run(folder)
        first_end = time.monotonic()
        first_db = database_bytes(folder)
        second_s, second = timed_run(folder)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        db_bytes = database_bytes(folder)
        most_per_second, shortest_gap = politeness(servers.hits, first_start, first_end)
        peer_s, peer_pages = naive_peer(content)
    pages = first["pages_checked"]
    figures = {
        "feeds": args.feeds, "entries": args.entries, "hosts": args.hosts, "host_delay_s": args.host_delay,
        "first_run_s": round(first_s, 2), "pages_checked": pages, "pages_per_s": round(pages / first_s, 1),
        "second_run_s": round(second_s, 2), "second_run_new": second["new"], "peak_rss_mb": round(peak_mb, 1),
        "max_requests_per_host_per_s": most_per_second, "allowed_per_host_per_s": int(1 / args.host_delay),
        "shortest_gap_s": round(shortest_gap, 4), "violations_found": first["new"],
        "db_mb": round(db_bytes / 1e6, 2), "db_mb_per_10k_pages": round(db_bytes / 1e6 / max(pages, 1) * 10_000, 1),
        "db_growth_second_run_mb": round((db_bytes - first_db) / 1e6, 2),
        "naive_peer_s": round(peer_s, 2), "naive_peer_pages": peer_pages,
        "ratio_run_to_naive_fetch": round(first_s / peer_s, 2) if peer_s else None, "machine": machine(),
    }
    print(f"Machine: {figures['machine']}")
    print(f"{args.feeds} feeds x {args.entries} entries on {args.hosts} hosts, host_delay {args.host_delay} s, "
          f"{args.workers} workers")
    print(f"first run   {first_s:8.2f} s   {pages} pages checked, {pages / first_s:.1f} pages/s, {first['new']} violations")
    print(f"second run  {second_s:8.2f} s   everything unchanged: {second['feeds_not_modified']} feeds not modified, "
          f"{second['new']} new violations")
    print(f"peak memory {peak_mb:8.1f} MB (largest child process)")
    print(f"database    {db_bytes / 1e6:8.1f} MB with its index after both runs: "
          f"{figures['db_mb_per_10k_pages']} MB per 10,000 pages checked; the second run added "
          f"{figures['db_growth_second_run_mb']} MB")
    print(f"politeness  at most {most_per_second} requests to one host in any second (allowed {int(1 / args.host_delay)}); "
          f"shortest gap {shortest_gap * 1000:.1f} ms (host_delay {args.host_delay * 1000:.0f} ms)")
    print(f"naive peer  {peer_s:8.2f} s   requests + feedparser fetching the same {peer_pages} pages, sequential, "
          f"no checks: the run takes {figures['ratio_run_to_naive_fetch']}x as long")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
