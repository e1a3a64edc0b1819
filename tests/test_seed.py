"""The real Voci di Città article (from the corpus) judged under the project's own rules file."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import corpus_path

from cc_syndicate.config import load_rules
from cc_syndicate.judgement import judge_page
from cc_syndicate.originals import extract_original
from cc_syndicate.pages import parse_page

PROJECT = Path(__file__).resolve().parent.parent
URL = "https://www.vocidicitta.it/putin-in-corea-del-nord/"
PHOTO = "https://www.vocidicitta.it/wp-content/uploads/2024/06/putin-kim-jong-un.jpg"


@pytest.fixture(scope="module")
def seed() -> dict[str, list[str]]:
    lines = [line for line in corpus_path("seed", "vocidicitta-putin-corea-del-nord.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    credit_at = next(i for i, line in enumerate(lines) if line.startswith("Fonte foto"))
    return {"body": lines[:credit_at], "tail": lines[credit_at:]}


def original_page(seed: dict[str, list[str]]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in seed["body"])
    tail = "".join(f"<p>{html.escape(p)}</p>" for p in seed["tail"])
    return (f'<html lang="it"><head><title>Putin in Corea del Nord</title><link rel="canonical" href="{URL}">'
            f'<meta property="og:image" content="{PHOTO}"><meta property="og:site_name" content="Voci di Città">'
            f'<meta name="author" content="Valentina Contarino"></head><body><article><h1>Putin in Corea del Nord</h1>'
            f'<img src="{PHOTO}" alt="">{body}{tail}</article></body></html>')


def copy(seed: dict[str, list[str]], after: str = "", image: bool = False) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in seed["body"])
    img = '<img src="https://copia.example/uploads/putin-kim-jong-un-1024x576.jpg" alt="">' if image else ""
    return (f"<html><body><header><a href='/'>Gazzetta</a></header><article><h1>Putin in Corea</h1>{img}{body}{after}"
            f"</article><footer>© 2024 Gazzetta del Borgo. Tutti i diritti riservati.</footer></body></html>")


def judge(seed: dict[str, list[str]], page_html: str):  # type: ignore[no-untyped-def]
    (rules,) = load_rules(PROJECT / "rules")
    original = extract_original(original_page(seed), URL)
    return judge_page(parse_page(page_html, "https://copia.example/putin/"), original, rules)


def test_the_original_is_understood(seed: dict[str, list[str]]) -> None:
    original = extract_original(original_page(seed), URL)
    assert original.authors == ("Valentina Contarino",)
    assert original.license is not None and original.license.short_name == "Creative Commons"
    assert [(c.credit, c.media_url) for c in original.media_credits] == [("Adnkronos", PHOTO)]


@pytest.mark.parametrize(
    "credit",
    [
        f'<p>Fonte: <a href="{URL}">Voci di Città</a>, articolo di Valentina Contarino, licenza Creative Commons.</p>',
        f"<p>di V. Contarino – tratto da <a href='{URL.replace('https://www.', 'http://')}'>Voci di Citta'</a> "
        "(CC BY 4.0)</p>",
    ],
)
def test_credited_copies_are_compliant(seed: dict[str, list[str]], credit: str) -> None:
    result = judge(seed, copy(seed, after=credit))
    assert result.match.kind == "reproduction" and not result.match.modified
    assert result.findings == ()


def test_the_publishers_own_notice_carried_over_counts(seed: dict[str, list[str]]) -> None:
    tail = "".join(f"<p>{html.escape(p)}</p>" for p in seed["tail"][1:5])  # author, © RISERVATA, CC notice
    result = judge(seed, copy(seed, after=tail + f'<p><a href="{URL}">Articolo originale</a></p>'))
    assert result.findings == ()


def test_an_uncredited_copy_with_the_agency_photo(seed: dict[str, list[str]]) -> None:
    result = judge(seed, copy(seed, image=True))
    assert {f.code for f in result.findings} == {
        "source-missing", "source-link-missing", "author-missing", "license-missing", "third-party-media"}
    assert "Voci di Città" in result.suggested_attribution.text


def test_a_reservation_over_the_article_is_a_mismatch(seed: dict[str, list[str]]) -> None:
    credit = f'<p>Fonte: <a href="{URL}">Voci di Città</a>, di Valentina Contarino, licenza Creative Commons.</p>'
    result = judge(seed, copy(seed, after=credit + "<p>© Gazzetta del Borgo – RIPRODUZIONE RISERVATA</p>"))
    assert {f.code for f in result.findings} == {"license-mismatch"}
