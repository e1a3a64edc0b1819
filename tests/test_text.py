"""Normalisation: typography is never a change."""

from __future__ import annotations

from cc_syndicate.text import containment, key, shingle_set, split_sentences


def test_typography_folds_away() -> None:
    assert key("L’Italia “vince” — all’ultimo «minuto»…") == key("L'Italia \"vince\" - all'ultimo \"minuto\"...")
    assert key("Citt&agrave; d&#39;arte") == key("Città d'arte")
    assert key("ri\u00adpro\u200bdu\u200dzione") == key("riproduzione")
    assert key("CITTÀ") == key("citta") == key("Citta'")
    assert key("a\u00a0b\tc\n d") == "a b c d"


def test_containment_of_an_embedded_copy() -> None:
    original = " ".join(f"parola{i}" for i in range(300))
    page = "menu home sport " + original.replace("parola150", "parola150 pubblicità") + " footer"
    assert containment(shingle_set(original), shingle_set(page)) > 0.95
    assert containment(shingle_set(original), shingle_set("tutt'altro testo")) == 0.0


def test_short_texts_still_have_a_shingle() -> None:
    assert len(shingle_set("due parole")) == 1


def test_sentences() -> None:
    text = "Prima frase. «Seconda», ha detto. \"Terza\"? Sì.\nNuovo paragrafo e.g. minuscolo."
    assert split_sentences(text) == ["Prima frase.", "«Seconda», ha detto.", "\"Terza\"?", "Sì.", "Nuovo paragrafo e.g. minuscolo."]
