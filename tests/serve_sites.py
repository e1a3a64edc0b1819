"""Loopback sites for the serve tests: the publisher at http://localhost:PORT, republished copies at
http://127.0.0.1:PORT (one threaded server, two hosts as far as links and rules are concerned), and an
application built over them the way `cc-syndicate serve` builds it."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from flask import Flask
from helpers import ORIGINAL_HOST, ORIGINAL_PATH, original_html, rules
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cc_syndicate.models import Rules, ServeSettings, Settings
from cc_syndicate.web import build_app


class Sites:
    def __init__(self) -> None:
        self.server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
        self.pages: dict[str, bytes] = {}
        self.gates: dict[str, threading.Event] = {}  # path -> answered only once set
        self.hits: list[str] = []
        self._lock = threading.Lock()

    def __enter__(self) -> Sites:
        self.server.start()
        self.publisher = f"localhost:{self.server.port}"
        self.original = f"http://{self.publisher}{ORIGINAL_PATH}"
        self.pages["/robots.txt"] = b"User-agent: *\nDisallow: /private/\n"
        self.pages[ORIGINAL_PATH] = original_html(self.publisher).encode()
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._serve)
        return self

    def __exit__(self, *exc: object) -> None:
        for gate in self.gates.values():
            gate.set()
        self.server.clear()
        self.server.stop()

    def reset(self) -> None:
        """Forget the pages and requests of the last test (the server keeps running)."""
        for gate in self.gates.values():
            gate.set()
        with self._lock:
            self.hits.clear()
            self.gates.clear()
            self.pages = {path: body for path, body in self.pages.items() if path in ("/robots.txt", ORIGINAL_PATH)}

    def _serve(self, request: Request) -> Response:
        with self._lock:
            self.hits.append(request.path)
        if request.path in self.gates:
            self.gates[request.path].wait(10)
        body = self.pages.get(request.path)
        if body is None:
            return Response("not here", status=404)
        kind = "text/plain" if request.path.endswith(".txt") else "text/html; charset=utf-8"
        return Response(body, content_type=kind)

    def copy(self, path: str, body: str) -> str:
        """Serve a republished page at ``path``; its links to the demo publisher point here."""
        self.pages[path] = body.replace(f"http://{ORIGINAL_HOST}", f"http://{self.publisher}").encode()
        return f"http://127.0.0.1:{self.server.port}{path}"

    def count(self, path: str) -> int:
        with self._lock:
            return self.hits.count(path)

    @property
    def rules(self) -> list[Rules]:
        return [rules(domains=(self.publisher,))]

    def write_rules(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "eco.toml").write_text(
            f'[publisher]\nname = "L\'Eco del Lago"\naliases = ["Eco del Lago"]\ndomains = ["{self.publisher}"]\n'
            f'language = "it"\n[license]\nid = "CC BY 4.0"\n', encoding="utf-8")
        return folder


def make_app(sites: Sites, db: Path | None = None, allow_private: bool = True, rules_with: dict | None = None,
             **serve: object) -> Flask:
    """The application `cc-syndicate serve` would build, with no delay between requests to one host;
    ``rules_with`` changes the rules (a licence id, requirements)."""
    settings = Settings(host_delay=0.0, serve=ServeSettings(**serve))  # type: ignore[arg-type]
    all_rules = [rules(domains=(sites.publisher,), **rules_with)] if rules_with else sites.rules
    return build_app(settings, all_rules, db, allow_private=allow_private)
