"""A publisher and several republishers with a few hundred generated pages, on loopback servers."""

from __future__ import annotations

import hashlib
import html
import re
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from textgen import TextGenerator  # noqa: E402


class BigSite:
    """``originals`` articles on a publisher (full-content RSS), ``hosts`` republishers with ``feeds`` feeds of
    ``entries`` pages each: every fourth page a credited copy, an uncredited copy, an excerpt, an unrelated article."""

    def __init__(self, originals: int = 40, hosts: int = 4, feeds: int = 2, entries: int = 25) -> None:
        self.n_originals, self.n_hosts, self.n_feeds, self.n_entries = originals, hosts, feeds, entries
        generator = TextGenerator(seed=11)
        self.articles = [generator.article(350) for _ in range(originals)]
        self.unrelated = [TextGenerator(seed=1000 + i).article(300) for i in range(feeds * entries)]
        self.servers: list[HTTPServer] = []

    def __enter__(self) -> BigSite:
        for index in range(self.n_hosts + 1):
            server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
            server.start()
            server.expect_request(re.compile(".*")).respond_with_handler(lambda request, i=index: self._serve(i, request))
            self.servers.append(server)
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.servers:
            server.clear()
            server.stop()

    def base(self, index: int) -> str:
        return f"http://127.0.0.1:{self.servers[index].port}"

    def write_config(self, folder: Path, **crawler: object) -> None:
        (folder / "rules").mkdir(parents=True, exist_ok=True)
        (folder / "feeds").mkdir(parents=True, exist_ok=True)
        (folder / "rules" / "pub.toml").write_text(
            f'[publisher]\nname = "Il Quotidiano Libero"\ndomains = ["{self.base(0)[7:]}"]\nfeeds = ["{self.base(0)}/feed/"]\n'
            'language = "it"\n[license]\nid = "CC BY 4.0"\n', encoding="utf-8")
        (folder / "feeds" / "republishers.toml").write_text("".join(
            f'[[feed]]\nname = "Sito {h}"\nurl = "{self.base(h)}/feed/{f}.xml"\n'
            for h in range(1, self.n_hosts + 1) for f in range(self.n_feeds)), encoding="utf-8")
        settings = {"host_delay": 0, "workers": 4, **crawler}
        (folder / "cc-syndicate.toml").write_text(
            "[crawler]\n" + "".join(f"{k} = {v}\n" for k, v in settings.items()), encoding="utf-8")

    def _serve(self, host: int, request: Request) -> Response:
        path = request.path
        if path == "/robots.txt":
            return Response("User-agent: *\nAllow: /\n", content_type="text/plain")
        if host == 0:
            body, kind = self._publisher(path)
        else:
            body, kind = self._republisher(host, path)
        if body is None:
            return Response("not found", status=404)
        etag = '"' + hashlib.sha1(body.encode()).hexdigest()[:12] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=f"{kind}; charset=utf-8", headers={"ETag": etag})

    def _publisher(self, path: str) -> tuple[str | None, str]:
        if path == "/feed/":
            items = "".join(
                f"<item><title>Articolo {i}</title><link>{self.base(0)}/a/{i}/</link><guid>{self.base(0)}/a/{i}/</guid>"
                f"<dc:creator>Autrice {i}</dc:creator><content:encoded><![CDATA[{''.join(f'<p>{p}</p>' for p in a)}]]>"
                "</content:encoded></item>" for i, a in enumerate(self.articles))
            return ('<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                    f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Q</title>{items}</channel></rss>',
                    "application/rss+xml")
        match = re.fullmatch(r"/a/(\d+)/", path)
        if not match or int(match.group(1)) >= self.n_originals:
            return None, ""
        i = int(match.group(1))
        body = "".join(f"<p>{html.escape(p)}</p>" for p in self.articles[i])
        return (f'<html><head><title>Articolo {i}</title><meta name="author" content="Autrice {i}">'
                f'<link rel="license" href="https://creativecommons.org/licenses/by/4.0/"></head><body><article>'
                f"<h1>Articolo {i}</h1>{body}</article></body></html>", "text/html")

    def _republisher(self, host: int, path: str) -> tuple[str | None, str]:
        feed = re.fullmatch(r"/feed/(\d+)\.xml", path)
        if feed:
            f = int(feed.group(1))
            items = "".join(f"<item><title>Pagina {f}-{e}</title><link>{self.base(host)}/p/{f}/{e}.html</link>"
                            f"<description>Sommario {e}</description></item>" for e in range(self.n_entries))
            return f'<rss version="2.0"><channel><title>Sito {host}</title>{items}</channel></rss>', "application/rss+xml"
        page = re.fullmatch(r"/p/(\d+)/(\d+)\.html", path)
        if not page:
            return None, ""
        f, e = int(page.group(1)), int(page.group(2))
        n = (host * 97 + f * 31 + e) % self.n_originals
        kind = (f * self.n_entries + e) % 4
        paras = self.articles[n]
        original = f"{self.base(0)}/a/{n}/"
        if kind == 0:
            body = paras + [f'Di Autrice {n}, fonte: <a href="{original}">Il Quotidiano Libero</a>, licenza CC BY 4.0.']
        elif kind == 1:
            body = paras
        elif kind == 2:
            body = paras[:1] + [f'<a href="{original}">Continua su Il Quotidiano Libero</a>']
        else:
            body = self.unrelated[f * self.n_entries + e]
        content = "".join(f"<p>{p}</p>" for p in body)
        return (f"<html><head><title>Pagina {f}-{e}</title></head><body><article>{content}</article>"
                "</body></html>", "text/html")
