"""Every phrase the tool writes comes from the rules' language: the tables are complete where they say
they are, every translation fills the same blanks, and a check run under English rules writes no
Italian (and the reverse)."""

from __future__ import annotations

import ast
import re
import string
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import ORIGINAL_URL, PAGE_URL, original_html, page, paragraphs, rules

from cc_syndicate import phrases
from cc_syndicate.attribution import notice, republish_block
from cc_syndicate.checks import REQUIREMENTS, SEVERITY, is_change_notice
from cc_syndicate.judgement import judge_page
from cc_syndicate.models import Visibility
from cc_syndicate.originals import extract_original
from cc_syndicate.pages import parse_page

EN = phrases.TABLES["en"]


def blanks(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", phrases.COMPLETE)
def test_complete_languages_have_every_phrase(lang: str) -> None:
    assert set(phrases.TABLES[lang]) == set(EN)


@pytest.mark.parametrize("lang", phrases.LANGUAGES)
def test_every_language_says_the_republishers_part_with_the_same_blanks(lang: str) -> None:
    table = phrases.TABLES[lang]
    assert set(table) <= set(EN), f"{lang} has phrases English does not: {set(table) - set(EN)}"
    wanted = {k for k in EN if k.startswith(phrases.REPUBLISHER_KEYS)}
    assert wanted <= set(table), f"{lang} lacks {sorted(wanted - set(table))}"
    for k, template in table.items():
        assert blanks(template) == blanks(EN[k]), (lang, k)


def test_every_requirement_code_status_and_visibility_has_words() -> None:
    for requirement in REQUIREMENTS:
        assert f"requirement.{requirement.name}" in EN
    for status in ("met", "missing", "hidden", "not-applicable"):
        assert f"status.{status}" in EN
    for visibility in Visibility:
        if visibility is not Visibility.VISIBLE:
            assert f"visibility.{visibility.value}" in EN
    # the notice names every code an editor can send (robots is not the republisher's doing)
    assert {k.removeprefix("notice.code.") for k in EN if k.startswith("notice.code.")} == set(SEVERITY) - {"blocked-by-robots"}


@pytest.mark.parametrize(("code", "lang"), [("it", "it"), ("pt-BR", "pt"), ("fr_CA", "fr"), ("DE", "de"), ("ja", "en"),
                                            (None, "en"), ("", "en")])
def test_a_language_code_finds_its_table(code: str | None, lang: str) -> None:
    assert phrases.language_of(code) == lang


def test_a_language_without_a_phrase_falls_back_to_english() -> None:
    assert phrases.say("de", "author.off") == EN["author.off"]
    assert phrases.say("de", "credit.modified") != EN["credit.modified"]


@pytest.mark.parametrize("lang", phrases.LANGUAGES)
def test_the_suggested_notice_of_changes_is_one_the_checker_recognises(lang: str) -> None:
    assert is_change_notice(phrases.say(lang, "credit.modified"))


def test_the_phrase_tables_are_pure_data() -> None:
    for module in (Path(phrases.__file__).parent).glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert imported <= {"__future__", "collections.abc", "types", "typing", None}, (module.name, imported)


# --- no word of the other language ------------------------------------------------------------

ITALIAN_WORDS = {"di", "della", "del", "fonte", "testo", "licenza", "articolo", "originale", "pubblicato", "autore",
                 "pagina", "modificato", "nessun", "non", "il", "la", "che", "è", "ripubblicato", "originariamente"}
ENGLISH_WORDS = {"by", "the", "of", "source", "text", "licence", "license", "article", "original", "published",
                 "author", "page", "edited", "not", "is", "was", "credit", "originally", "under", "and", "changed"}
TAG_OR_URL = re.compile(r"<[^>]*>|https?://\S+|rel=\S+")


def words_written(result, block, letter: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The words of every phrase the tool wrote, without the names, tags and URLs that come from the
    pages rather than from the tool."""
    parts = [o.requirement for o in result.outcomes] + [o.detail for o in result.outcomes] + [o.fix for o in result.outcomes]
    parts += [f.message for f in result.findings] + [letter, block.media_note, *(r.text for r in block.forbidden)]
    parts += [result.suggested_attribution.text, block.credit.text]
    text = TAG_OR_URL.sub(" ", "\n".join(parts))
    for name in ("Ledger Watch", "Daniel Reyes", "L'Eco del Lago", "Eco del Lago", "Giulia Ferraris", "Agenzia Fotolago",
                 "Fonte foto in evidenza", "CC BY-ND 4.0", "Volontari al lavoro per ripulire le rive del lago", "Copia Quotidiana"):
        text = text.replace(name, " ")
    return {w.lower() for w in re.findall(r"\w+", text)}


def everything_wrong(language: str, publisher: str, author: str):  # type: ignore[no-untyped-def]
    """A changed, uncredited copy of an ND article with a hidden credit and a reused photo, judged under
    rules in ``language``: every requirement writes its detail, its fix and its finding."""
    html = original_html().replace("Giulia Ferraris", author)
    original = extract_original(html, ORIGINAL_URL)
    base = rules("CC BY-ND 4.0", canonical=True, followed_links=True)
    base = replace(base, publisher=replace(base.publisher, name=publisher, aliases=(), language=language))
    paras = paragraphs()
    paras[2] = "Tra le cose ripescate ci sono vetri, vecchie reti, copertoni e persino una bici."
    hidden_credit = f'<p style="display:none">{publisher}</p>'
    photo = '<img src="http://copia.test/up/volontari-rive-lago-1024x683.jpg">'
    result = judge_page(parse_page(page(paras, before=photo, after=hidden_credit), PAGE_URL), original, base)
    block = republish_block(original, base)
    letter = notice(language=language, codes=[f.code for f in result.findings], republisher="Copia Quotidiana",
                    contact=None, page_title="Copia Quotidiana", page_url=PAGE_URL, original_title=original.title,
                    original_url=ORIGINAL_URL, author=author, publisher=publisher, license="CC BY-ND 4.0",
                    suggestion=result.suggested_attribution)
    return result, block, letter


def fix_of(result, name: str) -> str:  # type: ignore[no-untyped-def]
    return next(o.fix for o in result.outcomes if o.name == name)


def test_english_rules_write_no_italian() -> None:
    result, block, letter = everything_wrong("en", "Ledger Watch", "Daniel Reyes")
    assert {f.code for f in result.findings} >= {"author-missing", "modified-nd", "canonical-missing", "attribution-hidden"}
    written = words_written(result, block, letter)
    assert not written & ITALIAN_WORDS, written & ITALIAN_WORDS
    assert '"by Daniel Reyes"' in fix_of(result, "author") and '"Source: Ledger Watch"' in fix_of(result, "source_name")
    assert "Subject:" in letter and "Dear Copia Quotidiana editors," in letter


def test_italian_rules_write_no_english() -> None:
    result, block, letter = everything_wrong("it", "L'Eco del Lago", "Giulia Ferraris")
    written = words_written(result, block, letter)
    assert not written & ENGLISH_WORDS, written & ENGLISH_WORDS
    assert '"di Giulia Ferraris"' in fix_of(result, "author") and '"Fonte: L\'Eco del Lago"' in fix_of(result, "source_name")
    assert "Oggetto:" in letter and "Gentile redazione di Copia Quotidiana," in letter
