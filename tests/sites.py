"""The demo's publishers and republishers, each on its own pytest-httpserver, with conditional GET,
per-request timing and pages that tests can change between runs."""

from __future__ import annotations

import hashlib
import mimetypes
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cc_syndicate.demo import DEMO_HOSTS, site_files


@dataclass
class Hit:
    host: str
    path: str
    started: float
    ended: float
    headers: dict[str, str]


class LoopbackSites:
    """Every demo host on its own port; links between them rewritten to those ports."""

    def __init__(self, hosts: tuple[str, ...] = DEMO_HOSTS, delay: float = 0.0) -> None:
        self.hosts = hosts
        self.delay = delay  # seconds each response takes, to make runs long enough to interrupt
        self.servers: dict[str, HTTPServer] = {}
        self.hits: list[Hit] = []
        self.overrides: dict[tuple[str, str], tuple[int, bytes, dict[str, str]]] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> LoopbackSites:
        for host in self.hosts:
            server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
            server.start()
            self.servers[host] = server
        for host in self.hosts:
            files = site_files(host)
            handler = lambda request, h=host, f=files: self._serve(h, f, request)  # noqa: E731 (binds this host's files)
            self.servers[host].expect_request(re.compile(".*")).respond_with_handler(handler)
        return self

    def __exit__(self, *exc: object) -> None:
        # Each stop waits for its server's poll loop: stopped side by side, the wait is paid once, not per host.
        stopping = [threading.Thread(target=self._stop, args=(server,)) for server in self.servers.values()]
        for thread in stopping:
            thread.start()
        for thread in stopping:
            thread.join()

    @staticmethod
    def _stop(server: HTTPServer) -> None:
        server.clear()
        if server.is_running():
            server.stop()

    def reset(self) -> None:
        """Serve the demo's own files again, untimed and unlogged: what a test changed is forgotten (the
        servers keep running, so that a module's tests share them)."""
        with self._lock:
            self.overrides.clear()
            self.hits.clear()
            self.delay = 0.0

    def base(self, host: str) -> str:
        return f"http://127.0.0.1:{self.servers[host].port}"

    def url(self, demo_url: str) -> str:
        return self.rewrite(demo_url)

    def rewrite(self, text: str) -> str:
        for host in self.hosts:
            text = text.replace(f"http://{host}", self.base(host)).replace(f'"{host}"', f'"{self.base(host)[7:]}"')
        return text

    def write_config(self, folder: Path, host_delay: float = 0.0) -> None:
        """rules/, feeds/ and cc-syndicate.toml of the demo, pointing at these servers."""
        demo = Path(site_files(self.hosts[0])["/robots.txt"]).parent.parent
        for name in ("rules", "feeds"):
            (folder / name).mkdir(parents=True, exist_ok=True)
            for path in (demo / name).glob("*.toml"):
                (folder / name / path.name).write_text(self.rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
        (folder / "cc-syndicate.toml").write_text(f"[crawler]\nhost_delay = {host_delay}\nworkers = 3\n", encoding="utf-8")

    def set(self, host: str, path: str, body: str | bytes, status: int = 200, headers: dict[str, str] | None = None) -> None:
        """Serve something else at ``path`` from now on."""
        data = self.rewrite(body).encode() if isinstance(body, str) else body
        self.overrides[(host, path)] = (status, data, headers or {})

    def page(self, host: str, path: str) -> str:
        return self.rewrite(site_files(host)[path].read_text(encoding="utf-8"))

    def requests(self, since: float = 0.0) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.started >= since]

    def _serve(self, host: str, files: dict[str, Path], request: Request) -> Response:
        started = time.monotonic()
        if self.delay:
            time.sleep(self.delay)
        response = self._respond(host, files, request)
        with self._lock:
            self.hits.append(Hit(host, request.path, started, time.monotonic(), dict(request.headers)))
        return response

    def _respond(self, host: str, files: dict[str, Path], request: Request) -> Response:
        if (host, request.path) in self.overrides:
            status, body, headers = self.overrides[(host, request.path)]
        elif request.path in files:
            file = files[request.path]
            status, body, headers = 200, self.rewrite(file.read_text(encoding="utf-8")).encode(), {}
            kind = mimetypes.guess_type(file.name)[0] or "text/plain"
            if file.suffix == ".xml":
                kind = "application/atom+xml" if b"<feed" in body[:300] else "application/rss+xml"
            headers = {"Content-Type": f"{kind}; charset=utf-8"}
        else:
            return Response("not found", status=404)
        if status != 200:
            return Response(body, status=status, headers=headers)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, status=200, headers={"Content-Type": "text/html; charset=utf-8", **headers, "ETag": etag})
