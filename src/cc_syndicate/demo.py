"""The bundled demo: fictional publishers and republishers served on 127.0.0.1, and checks over them.

The sites live in ``demo_sites/<host>/`` with links written as ``http://<host>``; the server gives
each host its own loopback port and rewrites those links on the way out, so the pages link to each
other as real sites do.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import TextIO

from .check import check_url
from .config import load_feeds, load_rules
from .context import open_context
from .fetch import Fetcher
from .models import Rules, Settings
from .present import check_json
from .report import build_report, write_report
from .run import run

DEMO_HOSTS = (
    "eco-del-lago.test",
    "gazzetta-dei-monti.test",
    "notizie-del-borgo.test",
    "valle-oggi.test",
    "cronache-lombarde.test",
)


@dataclass(frozen=True)
class DemoCase:
    """A republished page of the demo, its original, and what the check must find."""

    page: str
    original: str
    expected: tuple[str, ...]
    verdict: str
    shows: str


ECO = "http://eco-del-lago.test/2026/11"
MONTI = "http://gazzetta-dei-monti.test/2026/11"
BORGO = "http://notizie-del-borgo.test/2026/11"
VALLE = "http://valle-oggi.test/notizie"
CRON = "http://cronache-lombarde.test"

DEMO_CASES = (
    DemoCase(f"{BORGO}/volontari-al-lago.html", f"{ECO}/volontari-rive-lago/", (), "compliant",
             "full credit; straight quotes and an ad box do not count as changes; photo credited"),
    DemoCase(f"{BORGO}/battello-nuovi-orari.html", f"{ECO}/orari-battello-inverno/", ("modified-unmarked",), "violation",
             "a paragraph reworded without saying so"),
    DemoCase(f"{BORGO}/biblioteca-riapre.html", f"{ECO}/biblioteca-riapre/", (), "compliant",
             "an excerpt with a link to the full article"),
    DemoCase(f"{BORGO}/rifugio-alpe-cava.html", f"{MONTI}/rifugio-alpe-cava/",
             ("canonical-missing", "modified-nd", "modified-unmarked"), "violation",
             "a no-derivatives article changed without saying so, and no rel=canonical"),
    DemoCase(f"{BORGO}/mercatino-natale.html", f"{ECO}/volontari-rive-lago/", (), "not-a-reproduction",
             "an unrelated article"),
    DemoCase(f"{VALLE}/pulizia-lago/", f"{ECO}/volontari-rive-lago/",
             ("author-missing", "source-link-missing", "third-party-media"), "violation",
             "source named but not linked, no author, an agency photo without its credit"),
    DemoCase(f"{VALLE}/festa-olive/", f"{ECO}/festa-olive-borgonuovo/", ("attribution-hidden",), "violation",
             "the whole credit hidden by the page's stylesheet"),
    DemoCase(f"{VALLE}/battello-orari/", f"{ECO}/orari-battello-inverno/", ("license-missing",), "violation",
             "credited, but no licence named"),
    DemoCase(f"{VALLE}/rifugio-alpe-cava/", f"{MONTI}/rifugio-alpe-cava/", (), "compliant",
             "a no-derivatives article republished unchanged with canonical and credit"),
    DemoCase(f"{CRON}/articoli/biblioteca-civica.html", f"{ECO}/biblioteca-riapre/", ("license-mismatch",), "violation",
             "credited, then 'riproduzione riservata' claimed on the article"),
    DemoCase(f"{CRON}/articoli/festa-olive.html", f"{ECO}/festa-olive-borgonuovo/", ("source-link-nofollow",), "violation",
             "the only source link is rel=nofollow, and this publisher wants followed links"),
    DemoCase(f"{CRON}/articoli/battello.html", f"{ECO}/orari-battello-inverno/",
             ("author-missing", "license-missing", "source-link-missing", "source-missing"), "violation",
             "copied with no credit at all"),
    DemoCase(f"{CRON}/articoli/lago-pulito.html", f"{ECO}/volontari-rive-lago/", (), "not-a-reproduction",
             "their own article on the same news"),
    DemoCase(f"{CRON}/riservato/volontari.html", f"{ECO}/volontari-rive-lago/", ("blocked-by-robots",),
             "not-a-reproduction", "a page robots.txt forbids the crawler to read"),
)


def site_files(host: str) -> dict[str, Path]:
    """URL path -> file for one demo host (``/dir/`` serves ``dir/index.html`` or ``dir/index.xml``)."""
    root = Path(str(resources.files("cc_syndicate") / "demo_sites" / host))
    files: dict[str, Path] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        files["/" + rel] = path
        if path.stem == "index":
            parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
            files["/" + (parent + "/" if parent else "")] = path
    return files


class DemoSites:
    """Serve every demo host on its own 127.0.0.1 port; a context manager."""

    def __init__(self, hosts: tuple[str, ...] = DEMO_HOSTS) -> None:
        self.hosts = hosts
        self.servers: dict[str, ThreadingHTTPServer] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []  # (host, path, headers): for tests

    def __enter__(self) -> DemoSites:
        for host in self.hosts:
            server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self, host))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers[host] = server
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.servers.values():
            server.shutdown()
            server.server_close()

    def base(self, host: str) -> str:
        return f"http://127.0.0.1:{self.servers[host].server_address[1]}"

    def rewrite(self, text: str) -> str:
        """Replace every ``http://<demo host>`` and bare demo host by its loopback address."""
        for host in self.hosts:
            text = text.replace(f"http://{host}", self.base(host)).replace(f'"{host}"', f'"{self.base(host)[7:]}"')
        return text

    def rules_dir(self, into: Path) -> Path:
        """The demo's rule files with their domains and feeds rewritten to the loopback ports."""
        return self._copy_dir("rules", into)

    def feeds_dir(self, into: Path) -> Path:
        return self._copy_dir("feeds", into)

    def _copy_dir(self, name: str, into: Path) -> Path:
        target = into / name
        target.mkdir(parents=True, exist_ok=True)
        source = Path(str(resources.files("cc_syndicate") / "demo_sites" / name))
        for path in source.glob("*.toml"):
            (target / path.name).write_text(self.rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
        return target


def _handler(sites: DemoSites, host: str) -> type[BaseHTTPRequestHandler]:
    files = site_files(host)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            path = self.path.split("?")[0]
            sites.requests.append((host, path, {k.lower(): v for k, v in self.headers.items()}))
            file = files.get(path)
            if file is None:
                self.send_error(404)
                return
            body = sites.rewrite(file.read_text(encoding="utf-8")).encode("utf-8")
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if file.suffix == ".xml":
                kind = "application/atom+xml" if b"<feed" in body[:300] else "application/rss+xml"
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def demo_settings(db: Path | str = "cc-syndicate.db") -> Settings:
    return Settings(host_delay=0.0, user_agent="cc-syndicate-demo/0.1 (+https://example.invalid/cc-syndicate)",
                    workers=3, db_path=str(db), allow_private=True)


def check_demo_pages(sites: DemoSites, rules: list[Rules]) -> list[tuple[DemoCase, dict]]:
    """Check every demo page against its original; (case, check JSON) in order."""
    results = []
    with Fetcher(demo_settings(), allow_private=True) as fetcher:
        for case in DEMO_CASES:
            result = check_url(sites.rewrite(case.page), fetcher, rules, original_url=sites.rewrite(case.original))
            results.append((case, check_json(result)))
    return results


def run_demo(out: TextIO, directory: Path, fmt: str = "text") -> int:
    """A real `run` over the demo sites: originals ingested from the publishers' feeds, the
    republishers' feeds crawled, every page judged, the report written into ``directory/report``."""
    directory.mkdir(parents=True, exist_ok=True)
    db = directory / "cc-syndicate.db"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-index.npz")):
        stale.unlink(missing_ok=True)  # the sites get new ports every time: start afresh
    with DemoSites() as sites:
        rules = load_rules(sites.rules_dir(directory))
        feeds = load_feeds(sites.feeds_dir(directory))
        with open_context(demo_settings(db), rules) as context:
            summary = run(context, feeds)
            data = build_report(context.store)
            index = write_report(context.store, directory / "report", data)
    if fmt == "json":
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2), file=out)
        return 0
    print("cc-syndicate demo: two fictional publishers and three republishers, served on 127.0.0.1.\n"
          f"A real run read {summary.originals_added} originals from the publishers' feeds, crawled "
          f"{summary.feeds} republisher feeds and checked {summary.pages_checked} pages:\n", file=out)
    for case in sorted(data.current, key=lambda c: (c.republisher, c.page_title)):
        print(f"  {case.republisher}: {case.page_title[:60]}\n      {', '.join(case.codes)}", file=out)
    print(f"\n{summary.new} violations found. Open the report: {index.resolve()}", file=out)
    return 0
