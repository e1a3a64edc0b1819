"""Licence names, SPDX ids, deed and badge URLs, and mentions in six languages."""

from __future__ import annotations

import pytest
from conftest import corpus_path

from cc_syndicate import licenses
from cc_syndicate.models import License
from cc_syndicate.text import key, may_hold


def test_every_cc_legal_tool_url_of_the_corpus() -> None:
    rows = [line.rstrip("\n").split("\t") for line in corpus_path("cc-legal-tools", "cc_license_urls.txt").open()
            if line.strip() and not line.startswith("#")]
    assert len(rows) > 600
    for url, _category, unit, version, jurisdiction, _status in rows:
        expected = License(unit, version, None if jurisdiction == "-" else jurisdiction)
        for variant in (url, url + "deed.it", url + "legalcode", url.replace("https:", "http:") + "?ref=chooser-v1",
                        url.replace("://", "://www.") + "deed.pt_BR"):
            assert licenses.from_url(variant) == expected, variant


def test_every_4_0_name_of_the_corpus_in_six_languages() -> None:
    lines = [line.rstrip("\n").split("\t") for line in corpus_path("cc-legal-tools", "cc_license_names.tsv").open()
             if line.strip() and not line.startswith(("#", "unit\t"))]
    assert len(lines) == 36
    for unit, lang, short_title, legalcode_title, legacy, _source in lines:
        for title in filter(None, (short_title, legalcode_title, legacy)):
            found = licenses.find_in_text(f"Pubblicato con licenza {title}.")
            assert found and found[0].license == License(unit, "4.0"), (lang, title, found)
            assert licenses.may_be_notice(key(title)), title


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("CC BY 4.0", License("by", "4.0")),
        ("CC BY-NC-ND 4.0", License("by-nc-nd", "4.0")),
        ("CC BY-NC-SA 3.0 IT", License("by-nc-sa", "3.0", "it")),
        ("CC-BY-4.0", License("by", "4.0")),
        ("CC-BY-NC-SA-2.0-UK", License("by-nc-sa", "2.0", "uk")),
        ("cc by-sa", License("by-sa")),
        ("CC BY", License("by")),
        ("CC0", License("zero", "1.0")),
        ("CC0-1.0", License("zero", "1.0")),
        ("https://creativecommons.org/licenses/by-nd/2.5/it/deed.it", License("by-nd", "2.5", "it")),
        ("Creative Commons Attribution-ShareAlike 4.0 International", License("by-sa", "4.0")),
    ],
)
def test_rule_ids(value: str, expected: License) -> None:
    assert licenses.parse(value) == expected


@pytest.mark.parametrize("value", ["MIT", "GPL-3.0", "CC XY 4.0", "https://example.org/licence/", "All rights reserved"])
def test_not_a_cc_licence(value: str) -> None:
    assert licenses.parse(value) is None


@pytest.mark.parametrize(
    "url",
    ["https://i.creativecommons.org/l/by-nc-sa/3.0/it/88x31.png", "https://licensebuttons.net/l/by-nc-sa/3.0/it/80x15.png"],
)
def test_badges(url: str) -> None:
    assert licenses.from_url(url) == License("by-nc-sa", "3.0", "it")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rilasciati sotto licenza Creative Commons", License(None)),
        ("pubblicato con licenza CC BY-SA 4.0", License("by-sa", "4.0")),
        ("CC BY-NC-SA 3.0 IT", License("by-nc-sa", "3.0", "it")),
        ("bajo una licencia Creative Commons Atribución 4.0 Internacional", License("by", "4.0")),
        ("sous licence Creative Commons Attribution - Pas d’Utilisation Commerciale 4.0 International", License("by-nc", "4.0")),
        ("Lizenz: Namensnennung - Weitergabe unter gleichen Bedingungen 4.0 International", License("by-sa", "4.0")),
        ("sob a licença Creative Commons Atribuição-SemDerivações 4.0 Internacional", License("by-nd", "4.0")),
        ("Creative Commons Attribuzione - Non opere derivate 3.0 Italia", License("by-nd", "3.0", "it")),
    ],
)
def test_mentions_in_text(text: str, expected: License) -> None:
    assert licenses.find_in_text(text)[0].license == expected
    assert licenses.may_be_notice(key(text))


@pytest.mark.parametrize("text", ["CC0 1.0", "Public Domain Mark 1.0", "Creative Commons Zero", "CCBY", "CC-BY-4.0",
                                  "Attribution 4.0 International", "Licenza CC"])
def test_every_kind_of_mention_passes_the_quick_test(text: str) -> None:
    # match.py skips the patterns for sentences that fail it: a mention it missed would count as article text.
    assert licenses.find_in_text(text) and licenses.may_be_notice(key(text))


def test_ordinary_sentences_fail_the_quick_test() -> None:
    assert not licenses.may_be_notice(key("Il battello partirà alle otto dal molo di Borgonuovo."))


def test_the_quick_test_reads_a_lower_case_text_as_its_key() -> None:
    # find_in_text screens ASCII text on its lower case, without keying it: what the test finds there must
    # be what it finds in the key ("public domain" is two words of the key, whatever separates them).
    for text in ("Public-domain photo", "public  domain", "public\ndomain", "public_domain", "publicdomain",
                 "A Public Domain Mark", "CC-BY", "xcc by", "Licensed", "nothing here"):
        assert may_hold(text, licenses._NOTICE_WORDS) == licenses.may_be_notice(key(text)), text


def test_ordinary_words_are_not_licences() -> None:
    assert licenses.find_in_text("The attribution of blame is a matter for the courts; cc: the editor.") == []


def test_accepts() -> None:
    by4, by3 = License("by", "4.0"), License("by", "3.0")
    assert licenses.accepts(by4, by4) and licenses.accepts(License("by"), by3)
    assert not licenses.accepts(by4, by3)
    assert not licenses.accepts(by4, License("by-nd", "4.0"))
    assert licenses.accepts(by4, License(None))  # "licenza Creative Commons" contradicts nothing
    assert licenses.accepts(License("by-nc-sa", "3.0", "it"), License("by-nc-sa", "3.0"))
    assert not licenses.accepts(License("by-nc-sa", "3.0", "it"), License("by-nc-sa", "3.0", "de"))


@pytest.mark.parametrize("text", ["© RIPRODUZIONE RISERVATA", "Tutti i diritti riservati", "All Rights Reserved.",
                                  "Todos los derechos reservados", "Tous droits réservés", "Alle Rechte vorbehalten",
                                  "Vietata la riproduzione", "Reproduction interdite", "Todos os direitos reservados",
                                  "©Riproduzione vietata", "L'reproduction interdite", "Diritti: tutti i diritti sono riservati"])
def test_reservations(text: str) -> None:
    assert licenses.find_reservation(text) and licenses.may_be_notice(key(text))


def test_short_names_and_deeds() -> None:
    assert License("by-nc-sa", "3.0", "it").short_name == "CC BY-NC-SA 3.0 IT"
    assert License("by-nc-sa", "3.0", "it").deed_url == "https://creativecommons.org/licenses/by-nc-sa/3.0/it/"
    assert License("by").deed_url == "https://creativecommons.org/licenses/by/4.0/"
    assert License(None).short_name == "Creative Commons"
    assert License("by-nd", "4.0").is_no_derivatives and not License("by", "4.0").is_no_derivatives


@pytest.mark.parametrize("text", [
    "You may republish this article for free.", "Terms of republication.", "This story originally appeared on Grist.",
    "First published by The Ledger.", "Articolo ripubblicato per gentile concessione.",
    "Pubblicato originariamente su Voci di Città.", "Si può riprodurre citando la fonte.",
    "È vietato ridistribuirlo.", "Se permite reproducirlo libremente.", "Publicado originalmente en El Diario.",
    "El texto se reproduce con permiso.", "Puede reproducirse sin cambios.", "Article republié avec l’accord de l’auteur.",
    "Initialement publié sur Le Monde.", "Zuerst veröffentlicht bei der Zeit.", "Zuerst erschienen im Spiegel.",
    "Artigo republicado da Agência Brasil.", "Licensed under the terms below.", "Shared under a licence of its own.",
    "(CC-BY-4.0)", "Public Domain Mark 1.0", "All Rights Reserved.", "Text: Attribution 4.0 International",
    "\"Republished with permission\"", "Photo (c) 2024; reproduction interdite",
])
def test_notices_are_notice_lines(text: str) -> None:
    # Their words are looked for in the key (or an ASCII line's lower case) first; a statement the quick
    # tests missed would count as article text.
    assert licenses.is_notice_line(text), text
