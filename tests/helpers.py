"""Builders for originals and republished pages, so each test states only what differs."""

from __future__ import annotations

import html
import io
from importlib import resources
from pathlib import Path

import pytest

from cc_syndicate.cli import main
from cc_syndicate.config import load_settings
from cc_syndicate.errors import ConfigError
from cc_syndicate.licenses import parse as parse_license
from cc_syndicate.models import Exemption, Publisher, Requirements, Rules, Thresholds

DEMO = resources.files("cc_syndicate") / "demo_sites"
ORIGINAL_HOST = "eco-del-lago.test"
ORIGINAL_PATH = "/2026/11/volontari-rive-lago/"
ORIGINAL_URL = f"http://{ORIGINAL_HOST}{ORIGINAL_PATH}"
PAGE_URL = "http://copia.test/2026/11/lago/"
AUTHOR = "Giulia Ferraris"
BY_40 = "https://creativecommons.org/licenses/by/4.0/"


def original_html(host: str = ORIGINAL_HOST) -> str:
    """The demo publisher's article about the lake clean-up (CC BY 4.0, photo by an agency)."""
    text = (DEMO / ORIGINAL_HOST / "2026/11/volontari-rive-lago/index.html").read_text(encoding="utf-8")
    return text.replace(f"http://{ORIGINAL_HOST}", f"http://{host}")


def paragraphs() -> list[str]:
    """The article's paragraphs, as its page has them."""
    import lxml.html

    doc = lxml.html.document_fromstring(original_html())
    return [p.text_content() for p in doc.xpath("//article/p[not(@class)]")]


def rules(
    license_id: str = "CC BY 4.0",
    domains: tuple[str, ...] = (ORIGINAL_HOST,),
    exemptions: tuple[Exemption, ...] = (),
    **requirements: object,
) -> Rules:
    return Rules(
        publisher=Publisher("L'Eco del Lago", aliases=("Eco del Lago",), domains=domains, language="it"),
        license=parse_license(license_id),  # type: ignore[arg-type]
        requirements=Requirements(**requirements),  # type: ignore[arg-type]
        matching=Thresholds(),
        exemptions=exemptions,
    )


def credit(original_url: str = ORIGINAL_URL, author: str = AUTHOR, license_html: str | None = None, rel: str = "") -> str:
    """A complete Italian credit line: author, linked source, linked licence."""
    license_html = license_html or f'<a rel="license" href="{BY_40}">CC BY 4.0</a>'
    rel_attr = f' rel="{rel}"' if rel else ""
    by = f"di {author} " if author else ""
    return (
        f'<p class="credit">Questo articolo {by}è stato pubblicato originariamente da '
        f'<a href="{original_url}"{rel_attr}>L’Eco del Lago</a> ed è ripubblicato con licenza {license_html}.</p>'
    )


def page(
    paras: list[str] | None = None,
    *,
    after: str = "",
    before: str = "",
    head: str = "",
    between: dict[int, str] | None = None,
    footer: str = "<p>© 2026 Copia Quotidiana. Tutti i diritti riservati.</p>",
    charset: str = "utf-8",
    escape: bool = True,
) -> str:
    """A republisher's page: its own header, menu and sidebar around the given paragraphs."""
    paras = paragraphs() if paras is None else paras
    between = between or {}
    body = []
    for i, p in enumerate(paras):
        body.append(f"<p>{html.escape(p, quote=False) if escape else p}</p>")
        if i in between:
            body.append(between[i])
    return f"""<!doctype html>
<html lang="it"><head><meta charset="{charset}"><title>Copia Quotidiana</title>{head}</head>
<body>
<header><a href="http://copia.test/">Copia Quotidiana</a>
<nav class="menu"><a href="http://copia.test/sport/">Sport</a> <a href="http://copia.test/cronaca/">Cronaca</a></nav></header>
<main><article><h1>Volontari al lavoro per ripulire le rive del lago</h1>
{before}
{chr(10).join(body)}
{after}
</article>
<aside class="sidebar"><h3>Più letti</h3><ul><li><a href="http://copia.test/x/">Il derby</a></li></ul></aside></main>
<footer>{footer}</footer>
</body></html>"""


def compliant_page(**kwargs: object) -> str:
    """A page that meets every default requirement."""
    kwargs.setdefault("after", credit() + '<p>Fonte foto in evidenza: Agenzia Fotolago</p>')
    return page(**kwargs)  # type: ignore[arg-type]


def assert_serve_refuses(folder: Path, settings: str, key: str, fix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad ``cc-syndicate.toml`` names the file, the key and the fix, when read and when ``serve`` starts (exit 2)."""
    (folder / "cc-syndicate.toml").write_text(settings, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(folder)
    assert error.value.key == key and fix in error.value.fix and error.value.file.endswith("cc-syndicate.toml")
    monkeypatch.chdir(folder)
    err = io.StringIO()
    assert main(["serve", "--port", "0"], stdout=io.StringIO(), stderr=err) == 2
    assert f"cc-syndicate.toml: [{key}]" in err.getvalue() and "Fix:" in err.getvalue()
