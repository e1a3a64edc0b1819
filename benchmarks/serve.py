"""Load benchmark of the check page: `cc-syndicate serve` under waitress, on loopback.

Serves one publisher's original and any number of republished copies of it (each at its own URL, so
that every check is fresh) from a loopback server, starts `cc-syndicate serve` in a child process, and
measures through its JSON API (POST /api/check):

- a fresh check (a copy never checked before; the original is kept by the server): p50 and p99 latency;
- a cached check (the same copy again): p50 and p99 latency;
- the load held: fresh checks offered at rising rates (open loop, ``--seconds`` each); for each rate, the
  answers per second, the share of 503 (the cap on checks at once and its queue) and the latency. The
  rate held is the highest with less than 1 % of 503;
- the same check through the command line (`cc-syndicate check --format json`, a new process each
  time), the way a republisher would run it without the page, and through the library in this process
  (``check.check_url``, keeping the original as the server does) for the cost of the web layer.

    python benchmarks/serve.py                  # the figures in the README (about 2 minutes)
    python benchmarks/serve.py --quick --json   # the size CI runs; the last line is JSON

The client runs on the same machine as the server and takes part of its processors.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from textgen import TextGenerator  # noqa: E402

AUTHOR = "Giulia Ferraris"


class Site:
    """The publisher's original at /original/ and copies at /copy/N, with a page's usual furniture."""

    def __init__(self) -> None:
        generator = TextGenerator(seed=12)
        self.paragraphs = generator.article(700)
        menu = "".join(f'<li><a href="/sezione/{i}/">Sezione {i}</a></li>' for i in range(60))
        related = "".join(f'<li><a href="/altro/{i}/">{html.escape(generator.sentence())}</a></li>' for i in range(40))
        script = "<script>var dataLayer = [];" + "x".ljust(20_000, "x") + "</script>"
        self.chrome = (f"<header><nav class='menu'><ul>{menu}</ul></nav></header>", f"<aside class='related'>"
                       f"<h3>Leggi anche</h3><ul>{related}</ul></aside><footer>© 2026 Tutti i diritti riservati</footer>"
                       + script)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def page(self, path: str) -> str | None:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        if path == "/original/":
            return (f'<html lang="it"><head><title>Il lago pulito</title><meta name="author" content="{AUTHOR}">'
                    f'<link rel="license" href="https://creativecommons.org/licenses/by/4.0/"></head><body>'
                    f"{self.chrome[0]}<article><h1>Il lago pulito</h1>{body}</article>{self.chrome[1]}</body></html>")
        if path.startswith("/copy/"):
            credit = (f'<p>Di {AUTHOR}, da <a href="{self.base}/original/">Eco del Lago</a>, licenza '
                      '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>')
            return (f'<html lang="it"><head><title>Copia {html.escape(path)}</title></head><body>{self.chrome[0]}'
                    f"<article><h1>Il lago pulito</h1>{body}{credit}</article>{self.chrome[1]}</body></html>")
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/robots.txt":
                    status, kind, text = 200, "text/plain", "User-agent: *\nAllow: /\n"
                else:
                    page = site.page(self.path)
                    status, kind, text = (200, "text/html; charset=utf-8", page) if page else (404, "text/plain", "no")
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def __enter__(self) -> Site:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()


def write_config(folder: Path, site: Site, args: argparse.Namespace) -> None:
    (folder / "rules").mkdir(parents=True)
    host = site.base.removeprefix("http://")
    (folder / "rules" / "eco.toml").write_text(
        f'[publisher]\nname = "Eco del Lago"\ndomains = ["{host}"]\nlanguage = "it"\n[license]\nid = "CC BY 4.0"\n',
        encoding="utf-8")
    (folder / "cc-syndicate.toml").write_text(
        "[crawler]\nhost_delay = 0\n"
        f'[serve]\nrate_limit = "1000000/minute"\nthreads = {args.checks + args.queue + 8}\n'
        f"concurrent_checks = {args.checks}\nqueue = {args.queue}\nqueue_wait = 10\n", encoding="utf-8")


class Server:
    """`cc-syndicate serve` in a child process, on a free port."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> Server:
        self.child = subprocess.Popen(
            [sys.executable, "-m", "cc_syndicate", "serve", "--port", "0", "--allow-private"], cwd=self.folder,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        line = self.child.stdout.readline()  # type: ignore[union-attr]
        if not line.startswith("Serving on "):
            raise SystemExit(f"the server did not start: {line!r}")
        self.base = line.split()[2]
        return self

    def __exit__(self, *exc: object) -> None:
        self.child.terminate()
        self.child.wait(10)


class Client:
    """One keep-alive session per thread."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.local = threading.local()

    def check(self, url: str, original: str) -> tuple[int, float]:
        session = getattr(self.local, "session", None)
        if session is None:
            session = self.local.session = requests.Session()
        started = time.perf_counter()
        response = session.post(self.endpoint, json={"url": url, "original": original}, timeout=120)
        response.content  # noqa: B018 - read the whole answer
        return response.status_code, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def ms(values: list[float]) -> tuple[float, float]:
    return round(percentile(values, 0.5) * 1000, 1), round(percentile(values, 0.99) * 1000, 1)


def sequential(client: Client, urls: list[str], original: str) -> list[float]:
    times = []
    for url in urls:
        status, elapsed = client.check(url, original)
        if status != 200:
            raise SystemExit(f"{url}: HTTP {status}")
        times.append(elapsed)
    return times


def offer(client: Client, rate: float, seconds: float, next_url: object, original: str) -> dict[str, float]:
    """Fresh checks sent at ``rate`` a second for ``seconds`` (open loop: whatever the answers take)."""
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def one(url: str) -> None:
        outcome = client.check(url, original)
        with lock:
            results.append(outcome)

    total = max(1, int(rate * seconds))
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=256) as pool:
        for i in range(total):
            delay = started + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, next_url())  # type: ignore[operator]
    elapsed = time.perf_counter() - started
    ok = [t for status, t in results if status == 200]
    busy = sum(1 for status, _ in results if status == 503)
    other = len(results) - len(ok) - busy
    p50, p99 = ms(ok) if ok else (0.0, 0.0)
    return {"offered_per_s": rate, "answered_ok_per_s": round(len(ok) / elapsed, 1), "share_503": round(busy / total, 3),
            "other_errors": other, "ok_p50_ms": p50, "ok_p99_ms": p99}


def through_cli(folder: Path, url: str, original: str, times: int) -> list[float]:
    elapsed = []
    for _ in range(times):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "cc_syndicate", "check", url, "--original", original,
                               "--allow-private", "--format", "json"], cwd=folder, capture_output=True, text=True)
        elapsed.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            raise SystemExit(done.stderr)
    return elapsed


def through_library(folder: Path, urls: list[str], original: str) -> list[float]:
    from cc_syndicate.check import check_url
    from cc_syndicate.config import load_rules
    from cc_syndicate.fetch import Fetcher
    from cc_syndicate.models import Settings
    from cc_syndicate.web.service import KeptOriginals

    rules = load_rules(folder / "rules")
    elapsed = []
    with Fetcher(Settings(host_delay=0), allow_private=True) as fetcher:
        kept = KeptOriginals(fetcher, ttl=300)  # as the server keeps them: the same work, without HTTP in front
        for url in urls:
            started = time.perf_counter()
            check_url(url, fetcher, rules, original_url=original, read_original=kept.read)
            elapsed.append(time.perf_counter() - started)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checks", type=int, default=4, help="[serve] concurrent_checks (default 4)")
    parser.add_argument("--queue", type=int, default=8, help="[serve] queue (default 8)")
    parser.add_argument("--samples", type=int, default=200, help="sequential checks for the latency figures")
    parser.add_argument("--rates", default="5,10,20,30,40,60,80,120", help="checks a second offered, in turn")
    parser.add_argument("--seconds", type=float, default=8.0, help="how long each rate is offered")
    parser.add_argument("--quick", action="store_true", help="a small run that only shows it works (CI)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args()
    if args.quick:
        args.samples, args.rates, args.seconds = 20, "5,20", 1.0
    counter = iter(range(10**9))
    with Site() as site, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_config(folder, site, args)
        original = f"{site.base}/original/"
        with Server(folder) as server:
            client = Client(server.base + "api/check")
            client.check(f"{site.base}/copy/warm", original)  # the original fetched and kept
            fresh = sequential(client, [f"{site.base}/copy/{next(counter)}" for _ in range(args.samples)], original)
            cached = sequential(client, [f"{site.base}/copy/warm"] * args.samples, original)
            library = through_library(folder, [f"{site.base}/copy/lib{i}" for i in range(args.samples)], original)
            cli = through_cli(folder, f"{site.base}/copy/cli", original, 3 if args.quick else 10)
            ramp = []
            for rate in args.rates.split(","):
                ramp.append(offer(client, float(rate), args.seconds, lambda: f"{site.base}/copy/{next(counter)}", original))
                time.sleep(1.0)  # let the last answers of this rate leave before the next
    held = max((step["offered_per_s"] for step in ramp if step["share_503"] < 0.01 and not step["other_errors"]),
               default=0.0)
    figures = {
        "python": platform.python_version(), "cpus": os.cpu_count(), "concurrent_checks": args.checks,
        "queue": args.queue, "page_bytes": len(site.page("/copy/0") or ""),
        "fresh_p50_ms": ms(fresh)[0], "fresh_p99_ms": ms(fresh)[1],
        "cached_p50_ms": ms(cached)[0], "cached_p99_ms": ms(cached)[1],
        "held_per_s": held, "ramp": ramp,
        "cli_p50_ms": ms(cli)[0], "library_p50_ms": ms(library)[0],
        "cli_over_fresh": round(statistics.median(cli) / statistics.median(fresh), 1),
    }
    print(f"page {figures['page_bytes']:,} bytes; {args.checks} checks at once, queue {args.queue}")
    print(f"fresh check   p50 {figures['fresh_p50_ms']} ms   p99 {figures['fresh_p99_ms']} ms")
    print(f"cached check  p50 {figures['cached_p50_ms']} ms   p99 {figures['cached_p99_ms']} ms")
    print(f"library (no HTTP in front) p50 {figures['library_p50_ms']} ms; "
          f"command line p50 {figures['cli_p50_ms']} ms ({figures['cli_over_fresh']}x a fresh check)")
    print("offered/s  ok/s   503     p50 ms   p99 ms")
    for step in ramp:
        print(f"{step['offered_per_s']:>9.0f}  {step['answered_ok_per_s']:>5.1f}  {step['share_503']:>5.1%}  "
              f"{step['ok_p50_ms']:>7.1f}  {step['ok_p99_ms']:>7.1f}")
    print(f"held: {held:.0f} fresh checks a second with under 1 % of 503")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
