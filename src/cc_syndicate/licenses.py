"""Creative Commons licences: names, SPDX ids, deed and badge URLs and mentions in text (pure).

Everything becomes one :class:`~cc_syndicate.models.License` value, so a page that links
``https://creativecommons.org/licenses/by-nc-sa/3.0/it/deed.it?ref=chooser-v1`` and a rule that says
``CC BY-NC-SA 3.0 IT`` are compared as equals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .models import License
from .text import fold, key, may_hold, word_beginnings

VERSIONS = r"(?:1\.0|2\.0|2\.1|2\.5|3\.0|4\.0)"
# Every jurisdiction CC ported a licence to (creativecommons.org/licenses/<unit>/<version>/<port>/).
PORTS = frozenset(
    "am ar at au az be bg br ca ch cl cn co cr cz de dk ec ee eg es fi fr ge gr gt hk hr hu ie igo il in it jp kr lu "
    "mk mt mx my nl no nz pe ph pl pr pt ro rs scotland se sg si th tw ug uk us ve vn za".split()
)

_CANONICAL_UNITS = {
    frozenset({"by"}): "by",
    frozenset({"by", "sa"}): "by-sa",
    frozenset({"by", "nd"}): "by-nd",
    frozenset({"by", "nc"}): "by-nc",
    frozenset({"by", "nc", "sa"}): "by-nc-sa",
    frozenset({"by", "nc", "nd"}): "by-nc-nd",
}

# creativecommons.org/{licenses|publicdomain}/<unit>/<version>/[<port>/][deed.xx|legalcode[.xx]][?query]
_CC_URL = re.compile(
    r"^/(?P<cat>licenses|publicdomain)/(?P<unit>[a-z+-]+)(?:/(?P<version>\d\.\d)"
    r"(?:/(?!deed|legalcode)(?P<port>[a-z]{2,8})(?=/|$))?)?",
)
# i.creativecommons.org/l/<unit>/<version>/[<port>/]88x31.png, the same on licensebuttons.net
_BADGE_PATH = re.compile(
    r"^/(?P<cat>[lp])/(?P<unit>[a-z+-]+)/(?P<version>\d\.\d)/(?:(?P<port>[a-z]{2,8})/)?\d+x\d+\.(?:png|svg|gif)$"
)
_CC_HOSTS = {"creativecommons.org", "www.creativecommons.org"}
_BADGE_HOSTS = {"i.creativecommons.org", "licensebuttons.net", "mirrors.creativecommons.org"}

_SHORT_NAME = re.compile(
    r"^(?:CC|CREATIVE COMMONS)[ -]+(?P<unit>BY(?:[ -]+(?:NC|ND|SA)){0,2})"
    rf"(?:[ -]+(?P<version>{VERSIONS}))?(?:[ -]+(?P<port>[A-Z]{{2,8}}))?$"
)
_ZERO_NAME = re.compile(r"^(?:CC[ -]?0|CC[ -]ZERO|CREATIVE COMMONS ZERO)(?:[ -]+(?P<version>1\.0))?(?:[ -]+UNIVERSAL)?$")
_MARK_NAME = re.compile(r"^(?:PDM|PUBLIC DOMAIN MARK)(?:[ -]+(?P<version>1\.0))?$")
_INTERNATIONAL = re.compile(r"[ -]+(?:INTERNATIONAL|UNPORTED|GENERIC|INTERNAZIONALE|INTERNACIONAL)$")


def canonical_unit(parts: list[str]) -> str | None:
    """``["BY", "SA", "NC"]`` -> ``by-nc-sa``; None for combinations CC never published."""
    return _CANONICAL_UNITS.get(frozenset(p.lower() for p in parts))


def from_url(url: str) -> License | None:
    """The CC licence a deed, legal-code or badge URL stands for, or None if it is not one."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    if host in _CC_HOSTS:
        m = _CC_URL.match(path)
        if not m:
            return None
        return License(m["unit"], m["version"], m["port"])
    if host in _BADGE_HOSTS:
        m = _BADGE_PATH.match(path)
        if m:
            return License(m["unit"], m["version"], m["port"])
    return None


def parse(value: str) -> License | None:
    """A licence from a short name (``CC BY-NC-SA 3.0 IT``), an SPDX id (``CC-BY-4.0``), a deed URL, or
    a full name (``Creative Commons Attribution 4.0 International``). None if it names no CC licence."""
    value = value.strip()
    if value.lower().startswith(("http://", "https://", "//")):
        return from_url(value if not value.startswith("//") else "https:" + value)
    upper = _INTERNATIONAL.sub("", " ".join(value.upper().replace("_", " ").split()))
    if m := _SHORT_NAME.match(upper):
        unit = canonical_unit(re.split(r"[ -]+", m["unit"]))
        port = m["port"].lower() if m["port"] else None
        if unit is None or (port and port not in PORTS):
            return None
        return License(unit, m["version"], port)
    if m := _ZERO_NAME.match(upper):
        return License("zero", m["version"] or "1.0")
    if m := _MARK_NAME.match(upper):
        return License("mark", m["version"] or "1.0")
    found = find_in_text(value)
    if len(found) == 1 and found[0].license.unit is not None and len(found[0].text) >= 0.6 * len(value):
        return found[0].license
    return None


def same_unit(a: str, b: str) -> bool:
    return sorted(a.split("-")) == sorted(b.split("-"))


def accepts(required: License, found: License) -> bool:
    """Whether ``found`` on a page is compatible with the licence a rule requires.

    A notice that names no licence ("licenza Creative Commons") contradicts nothing; a rule without a
    version accepts any version; ports only conflict when both sides name a different one.
    """
    if found.unit is None or required.unit is None:
        return True
    if not same_unit(required.unit, found.unit):
        return False
    if required.version and found.version and required.version != found.version:
        return False
    if required.jurisdiction and found.jurisdiction and required.jurisdiction != found.jurisdiction:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Mentions in text. Matching runs on folded text (lower case, no accents, straight quotes).
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    license: License
    text: str


_SEP = r"\s*(?:-|,|/)?\s*"
_ATTRIBUTION = r"(?:attribution|attribuzione|atribucion(?:\s*/\s*reconocimiento)?|reconocimiento|namensnennung|atribuicao)"
_NC = (
    r"(?:non[\s-]?commercial|non[\s-]?commerciale|no[\s-]?comercial|utilisation non commerciale"
    r"|pas d'utilisation commerciale|nicht[\s-]?kommerziell|nao[\s-]?comercial)"
)
_ND = (
    r"(?:no[\s-]?derivatives|no[\s-]?derivs|no derivative works|non[\s-]?opere[\s-]?derivate|sin[\s-]?derivad[ao]s"
    r"|sin[\s-]?obra[\s-]?derivada|pas d'(?:oe|œ)uvre derivee|pas de modification|keine[\s-]?bearbeitung(?:en)?"
    r"|sem[\s-]?deriva(?:coes|dos))"
)
_SA = (
    r"(?:share[\s-]?alike|condividi[\s-]?allo[\s-]?stesso[\s-]?modo|compartir[\s-]?igual"
    r"|partage dans les memes conditions|weitergabe unter gleichen bedingungen|compartilha[\s-]?igual"
    r"|partilha nos termos da mesma licenca)"
)
_PORT_NAMES = {"italia": "it", "espana": "es", "france": "fr", "deutschland": "de", "brasil": "br", "portugal": "pt"}
_LONG_NAME = re.compile(
    rf"(?P<cc>creative\s+commons\s+(?:\w+\s+){{0,2}}?)?{_ATTRIBUTION}\b"
    rf"(?P<nc>{_SEP}{_NC}\b)?(?:{_SEP}(?:(?P<nd>{_ND})|(?P<sa>{_SA}))\b)?"
    rf"(?:\s+(?P<version>{VERSIONS})\b)?(?:\s+(?P<port>{'|'.join(_PORT_NAMES)})\b)?"
)
_ABBREVIATION = re.compile(
    r"\b(?i:cc)[\s-]?(?P<unit>(?i:by)(?:[\s-](?i:nc|nd|sa)){0,2})\b"
    rf"(?:[\s-](?P<version>{VERSIONS})\b)?(?:[\s-](?P<port>[A-Z]{{2}})\b)?"
)
_ZERO = re.compile(r"\bcc[\s-]?(?:0|zero)\b(?:\s+1\.0)?|\bcreative commons zero\b", re.I)
_MARK = re.compile(r"\bpublic domain mark\b(?:\s+1\.0)?", re.I)
_GENERIC = re.compile(r"\bcreative[\s-]*commons\b|\b(?:licen[cz]a|licen[cs]e|licencia|lizenz|licenca)\s+cc\b")


def find_in_text(text: str) -> list[Mention]:
    """Every CC licence named in ``text``, most specific first; a bare "Creative Commons" gives a
    licence with ``unit=None``."""
    if not may_hold(text, _NOTICE_WORDS):
        return []  # most blocks of a page, most often without keying their text
    mentions: list[Mention] = []
    for m in _ABBREVIATION.finditer(text):
        unit = canonical_unit(re.split(r"[\s-]", m["unit"]))
        if unit:
            port = m["port"].lower() if m["port"] and m["port"].lower() in PORTS else None
            mentions.append(Mention(License(unit, m["version"], port), m.group(0)))
    folded = fold(text)
    for m in _LONG_NAME.finditer(folded):
        if not (m["cc"] or m["version"]):
            continue  # "attribution" alone is an ordinary word
        parts = ["by"] + ["nc"] * bool(m["nc"]) + ["nd"] * bool(m["nd"]) + ["sa"] * bool(m["sa"])
        port = _PORT_NAMES.get(m["port"]) if m["port"] else None
        mentions.append(Mention(License(canonical_unit(parts), m["version"], port), m.group(0).strip()))
    mentions += [Mention(License("zero", "1.0"), m.group(0)) for m in _ZERO.finditer(text)]
    mentions += [Mention(License("mark", "1.0"), m.group(0)) for m in _MARK.finditer(text)]
    if not mentions:
        mentions += [Mention(License(None), m.group(0)) for m in _GENERIC.finditer(folded)]
    return mentions


_RESERVATION = re.compile(
    r"all rights reserved|tutti i diritti (?:sono )?riservati|riproduzione (?:riservata|vietata)"
    r"|vietata la riproduzione|todos los derechos reservados|tous droits reserves|alle rechte vorbehalten"
    r"|todos os direitos reservados|reproduction interdite"
)


# Words without which no pattern above can match: a cheap test that lets most sentences of an article
# skip the patterns. Keep it in step with them (the licence tests check every example against it).
# find_in_text reads it on the lower case of an ASCII text, not keyed (see text.may_hold): "public\W+domain"
# finds there what "public domain" finds in the key, whatever separates the two words.
_NOTICE_WORDS = word_beginnings(
    "creative", "commons", "cc", "licen", "lizenz", "attribu", "atribu", "namensnennung", "reconocimiento",
    r"public\W+domain", "riservat", "reserv", "vorbehalten", "direitos", "derechos", "droits", "diritti", "riproduzione",
    "reproduction",
)


def may_be_notice(text_key: str) -> bool:
    """False when ``text_key`` (a :func:`~cc_syndicate.text.key`) can name neither a licence nor a reservation."""
    return bool(_NOTICE_WORDS.search(text_key))


# A word of each _RESERVATION phrase: a text without any is never folded for the patterns. Keep it in
# step with them.
_RESERVATION_WORDS = word_beginnings("reserv", "riservat", "vietata", "diritti", "riproduzione", "derechos", "droits",
                                     "vorbehalten", "direitos", "interdite", before="")


def find_reservation(text: str) -> str | None:
    """The "all rights reserved" phrase in ``text`` (six languages), or None."""
    if not may_hold(text, _RESERVATION_WORDS):
        return None  # most blocks of a page
    m = _RESERVATION.search(fold(text))
    return m.group(0) if m else None


# The publisher's republishing statements, in the six languages the project speaks (folded text).
_REPUBLISH = re.compile(
    r"\b(?:republish\w*|republication|(?:originally|first) (?:published|appeared) (?:on|at|by|in (?!\d))"
    r"|ripubblica\w*|pubblicato originariamente|citando la fonte|ridistribuir\w*|creative commons"
    r"|reproduc\w+ (?:citando|libremente|bajo)|publicado originalmente|se reproduce|puede reproducirse"
    r"|republie\w*|initialement publie|zuerst (?:veroffentlicht|erschienen)|republicad[oa]"
    r"|licen[cs]ed under|under a (?:creative commons )?licen[cs]e)\b"
)


# Words without which _REPUBLISH cannot match, looked for in the text's key (kept) so that most sentences
# are never folded for it: each of its phrases starts a word and holds only letters and single spaces, so
# it starts a word of the key too. Keep it in step with _REPUBLISH.
_REPUBLISH_WORDS = re.compile(
    r"(?:^| )(?:republi|ripubblica|reproduc|ridistribuir|(?:originally|first) (?:published|appeared)"
    r"|pubblicato originariamente|citando la fonte|creative commons|publicado originalmente|initialement publie"
    r"|zuerst (?:veroffentlicht|erschienen)|licen[cs]ed under|under a (?:creative|licen))"
)


# The first words of _NOTICE_WORDS and _REPUBLISH_WORDS: a line whose key holds none is no notice.
_NOTICE_OR_REPUBLISH_WORDS = word_beginnings(
    "creative", "commons", "cc", "licen", "lizenz", "attribu", "atribu", "namensnennung", "reconocimiento", "public",
    "riservat", "reserv", "vorbehalten", "direitos", "derechos", "droits", "diritti", "riproduzione", "reproduction",
    "republi", "ripubblica", "reproduc", "ridistribuir", "originally", "first", "pubblicato", "citando", "publicado",
    "initialement", "zuerst", "under",
)


def is_notice_line(line: str) -> bool:
    """A licence, reservation or republishing statement ("You may republish this article for free…",
    "This article first appeared on…"): a line of the publisher's apparatus or of a republisher's credit,
    never article text. A long paragraph that merely mentions a licence is not one."""
    if not may_hold(line, _NOTICE_OR_REPUBLISH_WORDS):
        return False  # most sentences of an article
    if len(line.split()) > 80:
        return False
    line_key = key(line)
    if may_be_notice(line_key) and (find_in_text(line) or find_reservation(line)):
        return True
    return bool(_REPUBLISH_WORDS.search(line_key)) and bool(_REPUBLISH.search(fold(line)))
