"""The pure parts of the check page: addresses as typed, words in six languages, text made printable,
sentences compared word by word, the verdict in a sentence, the result cache."""

from __future__ import annotations

import pytest
from helpers import AUTHOR, rules
from markupsafe import Markup

from cc_syndicate import phrases
from cc_syndicate.attribution import suggest
from cc_syndicate.models import Change, CheckResult, Exemption, Finding, Match, Original, PageView, RequirementOutcome
from cc_syndicate.web.inputs import BadInput, optional_web_address, web_address
from cc_syndicate.web.service import Checked, ResultCache
from cc_syndicate.web.view import printable, result_view, verdict_sentence, word_diff
from cc_syndicate.web.words import language_of_rules, words_for


@pytest.mark.parametrize("typed, url", [
    ("  https://example.org/a/  ", "https://example.org/a/"),
    ("example.org/articolo/", "https://example.org/articolo/"),
    ("www.example.org", "https://www.example.org"),
    ("example.org:8080/x", "https://example.org:8080/x"),
    ("//example.org/x", "https://example.org/x"),
    ("HTTP://Example.org/X?a=1#b", "HTTP://Example.org/X?a=1#b"),
    ("http://[2001:db8::1]/x", "http://[2001:db8::1]/x"),
])
def test_addresses_as_people_type_them(typed: str, url: str) -> None:
    assert web_address(typed, "url") == url


@pytest.mark.parametrize("typed, reason", [
    ("", "missing"), (None, "missing"), (["https://example.org/"], "not-text"), ("mailto:a@example.org", "not-web"),
    ("data:text/html,<b>", "not-web"), ("https://a@example.org/", "credentials"), ("https://example.org/\x00", "bad-characters"),
    ("https://example.org/\u2067x", "bad-characters"), ("https://", "not-a-url"), ("intranet", "not-a-url"),
])
def test_addresses_refused_before_anything_is_fetched(typed: object, reason: str) -> None:
    with pytest.raises(BadInput) as error:
        web_address(typed, "url")
    assert error.value.reason == reason
    assert optional_web_address("", "original") is None and optional_web_address(None, "original") is None


def test_the_page_speaks_the_rules_language() -> None:
    page_keys = [k.removeprefix("page.") for k in phrases.TABLES["en"] if k.startswith("page.")]
    assert page_keys and not {"status", "language"} & set(page_keys)  # w.status and w.language are ours
    for phrase in (phrases.TABLES[lang][f"page.{k}"] for lang in phrases.LANGUAGES for k in page_keys):
        assert "<" not in phrase  # plain text: the templates escape what is filled in
    assert words_for("it-CH").submit == "Verifica" and words_for("ja").submit == "Check" and words_for(None).submit == "Check"
    assert words_for("it").status("missing") == "mancante" and words_for("de")["not-web"].startswith("{field} ist")
    with pytest.raises(AttributeError):
        words_for("it").nothing  # noqa: B018
    assert language_of_rules(["it", "it"]) == "it" and language_of_rules(["it", "fr"]) == "en"
    assert language_of_rules(["ja"]) == "en" and language_of_rules([]) == "en"


def test_printable_removes_controls_and_keeps_markup_markup() -> None:
    hostile = "a\x00b\x07c\x1b[0md\x7f\x85e\u202eevil\u2066f\u200fg\u2028h\ud800i\tj\nk"
    assert printable(hostile) == "abc[0mdeevilfghi\tj\nk"
    assert isinstance(printable(Markup("<b>\u202ex</b>")), Markup) and printable(Markup("<b>\u202ex</b>")) == Markup("<b>x</b>")
    assert printable(None) == "" and printable(3) == 3
    assert printable("Città «già» — l’ok 😀") == "Città «già» — l’ok 😀"


def test_word_diff_marks_what_differs_on_each_side() -> None:
    left, right = word_diff("Il sindaco ha ringraziato i volontari del lago.",
                            "Il sindaco ha detto grazie ai volontari del lago.")
    same = ("Il sindaco ha", False), ("volontari del lago.", False)
    assert [(p.text, p.marked) for p in left] == [same[0], ("ringraziato i", True), same[1]]
    assert [(p.text, p.marked) for p in right] == [same[0], ("detto grazie ai", True), same[1]]
    left, right = word_diff("", "Frase aggiunta.")
    assert left == () and [(p.text, p.marked) for p in right] == [("Frase aggiunta.", True)]


ORIGINAL = Original("http://eco.test/a/", "http://eco.test/a/", "Il lago", (AUTHOR,), None, None, "testo")
PAGE = PageView("http://copia.test/a/", "Copia", "it", None, (), (), (), (), ())


def result(kind: str = "reproduction", findings: tuple[Finding, ...] = (), exemption: Exemption | None = None,
           changes: tuple[Change, ...] = (), outcomes: tuple[RequirementOutcome, ...] = ()) -> CheckResult:
    r = rules(domains=("eco.test",))
    return CheckResult(PAGE, ORIGINAL, r, Match(kind, 0.934 if kind != "none" else 0.04, changes), outcomes, findings,
                       suggest(ORIGINAL, r, modified=bool(changes)), exemption)


def violation(code: str, severity: str = "violation") -> Finding:
    return Finding(code, severity, "message")  # type: ignore[arg-type]


@pytest.mark.parametrize("made, sentence", [
    (result(), "Questa pagina riprende «Il lago» e rispetta le condizioni della licenza (CC BY 4.0)."),
    (result(findings=(violation("author-missing"),)),
     "Questa pagina riprende «Il lago» ma una condizione della licenza (CC BY 4.0) non è rispettata."),
    (result("excerpt", findings=(violation("source-missing"), violation("source-link-missing"),
                                 violation("third-party-media", "warning"))),
     "Questa pagina cita un estratto di «Il lago» ma 2 condizioni della licenza (CC BY 4.0) non sono rispettate."),
    (result("none"), "Questa pagina non riprende «Il lago», quindi non serve alcuna attribuzione."),
    (result(exemption=Exemption("copia.test", "contratto 2024")),
     "copia.test ripubblica in base a un accordo con L'Eco del Lago (contratto 2024): non serve altro."),
    (result("none", findings=(violation("blocked-by-robots", "warning"),)),
     "Non è stato possibile verificare questa pagina: il robots.txt del sito vieta ai crawler di leggerla."),
])
def test_the_verdict_in_one_sentence(made: CheckResult, sentence: str) -> None:
    assert verdict_sentence(made, words_for("it")) == sentence


def test_the_view_of_a_result() -> None:
    outcomes = (
        RequirementOutcome("source name", "met", "'L'Eco del Lago' is named in p"),
        RequirementOutcome("author", "missing", "the author is not credited", "Credit the author.", violation("author-missing")),
        RequirementOutcome("third-party media", "missing", "the photo", "Credit it.", violation("third-party-media", "warning")),
        RequirementOutcome("canonical", "not-applicable", "not required", "ignored fix"),
    )
    view = result_view(result(findings=(violation("author-missing"),), outcomes=outcomes,
                              changes=(Change("changed", "uno due tre", "uno tre"),)), checked_at=0.0)
    assert [(r.label, r.status, r.status_word, r.fix, r.code) for r in view.rows] == [
        ("Source name", "met", "Rispettato", "", ""),
        ("Author", "missing", "Mancante", "Credit the author.", "author-missing"),
        ("Third-party media", "warning", "Da verificare", "Credit it.", "third-party-media"),
    ]
    assert view.not_required == "Non richiesto da queste regole: canonical."
    assert view.checked_at == "00:00" and view.original_by == f"di {AUTHOR}"
    assert view.original_terms == "pubblicato da L'Eco del Lago con licenza CC BY 4.0"
    assert "Testo modificato" in view.credit_text and view.changes[0].kind_word == "riformulata"
    assert result_view(result("none"), 0.0).credit_text == ""  # nothing to credit on a page that copies nothing


def test_the_cache_keeps_results_for_a_while_and_only_so_many() -> None:
    now = [1000.0]
    cache = ResultCache(ttl=60, size=2, clock=lambda: now[0])
    item = Checked(result(), checked_at=1000.0)
    cache.put(("a", ""), item)
    now[0] = 1059.0
    assert cache.get(("a", "")) is item
    now[0] = 1060.0
    assert cache.get(("a", "")) is None
    for key in ("a", "b", "c"):
        cache.put((key, ""), Checked(result(), checked_at=now[0]))
    assert cache.get(("a", "")) is None and cache.get(("c", "")) is not None
    off = ResultCache(ttl=0)
    off.put(("a", ""), item)
    assert off.get(("a", "")) is None
