"""What a publisher asks beyond the licence, read on a copy (pure): the facts behind each ``[policy]`` rule.

- **credit position**: the publisher's name before the article's first reproduced words;
- **the pixel**: an image of the copy whose address holds the rules' pattern; the Republication Tracker
  Tool's ``SITE/?republication-pixel=true&post=ID`` also names the original's post, ``SITE/?p=ID``;
- **style-only edits**: a change whose removed and added words are only time, place and style words
  ("on Tuesday" -> "last week", "here" -> "in Portland", "Portland, Ore." -> "Portland", "color" ->
  "colour", "10" -> "ten"); every other change, a sentence added or removed, is not;
- **images excluded**: the original's own images reused on the copy;
- **paywall**: the copy declares itself paid (schema.org ``isAccessibleForFree: false``), sits in paywall
  markup, or tells readers to subscribe to read on.

:mod:`cc_syndicate.checks` turns these facts into findings of severity ``policy``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from itertools import chain
from urllib.parse import parse_qs, urlsplit

from rapidfuzz.distance import Indel, Levenshtein

from .models import Change, Image, Match, Original, PageView, Pixel, TextBlock
from .text import fold, words
from .urls import host_in, host_of, same_media

# ---------------------------------------------------------------------------------------------
# The pixel
# ---------------------------------------------------------------------------------------------

TRACKER_MARK = "republication-pixel=true"  # the Republication Tracker Tool's pixel, whatever the rules say


def find_pixel(page: PageView, pattern: str | None = None, hosts: tuple[str, ...] = ()) -> Pixel | None:
    """The publisher's pixel on the page: an image whose address holds ``pattern``, or else the Republication
    Tracker Tool's mark on one of ``hosts`` (the publisher's domains; any host when none are given), with
    the post it names and that post's address when it names one. The pattern is looked for first on every
    image: another publisher's tracker earlier on the page never hides this publisher's pixel."""
    addresses = [image.src for image in page.images]
    lowered = "\n".join(addresses).lower()
    if lowered.isascii() and "&" not in lowered and TRACKER_MARK not in lowered and not (pattern and pattern.lower() in lowered):
        return None  # no image's address holds either (most pages), as written (no entity to unescape)
    sources = [(html.unescape(image.src), image) for image in page.images]
    found = next(((src, image) for src, image in sources if pattern and pattern.lower() in src.lower()), None)
    found = found or next(((src, image) for src, image in sources
                           if TRACKER_MARK in src.lower() and (not hosts or host_in(host_of(src), hosts))), None)
    if found is None:
        return None
    src, image = found
    post, original = _post_of(src)
    return Pixel(src=src, where=image.where, post=post, original_url=original)


def _post_of(src: str) -> tuple[str | None, str | None]:
    """``post=ID`` of a pixel's address, and the WordPress address of that post (``SITE/?p=ID``, which
    WordPress redirects to the article)."""
    parts = urlsplit(src)
    post = next(iter(parse_qs(parts.query).get("post", [])), "")
    if not post.isdigit() or parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None, None
    return post, f"{parts.scheme.lower()}://{parts.netloc}{parts.path or '/'}?p={post}"


# ---------------------------------------------------------------------------------------------
# Credit position
# ---------------------------------------------------------------------------------------------


def text_before_copy(page: PageView, match: Match) -> list[TextBlock]:
    """The visible text before the article's first reproduced words: the blocks above the reproduced span,
    and the words of its first block that come before the copy."""
    if match.span is None:
        return []
    first = match.span[0]
    before = list(page.blocks[:first])
    starts = [start for block, start, _ in match.reproduced if block == first]
    if starts and min(starts) > 0:
        tokens = page.blocks[first].text.split()
        before.append(TextBlock(" ".join(tokens[:min(starts)]), page.blocks[first].where))
    return before


# ---------------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------------


def reused_images(original: Original, page: PageView) -> list[tuple[str, Image]]:
    """(the original's image, the page's image) for every image of the original the page shows, re-hosted
    or resized; the publisher's pixel and hidden images aside."""
    shown = [i for i in page.images if i.hidden is None and TRACKER_MARK not in i.src.lower()]
    return [(src, image) for src in original.images for image in shown if same_media(src, image.src)]


# ---------------------------------------------------------------------------------------------
# Paywalls
# ---------------------------------------------------------------------------------------------

_PAYWALL_CLASS = re.compile(
    r"(?:^|[.#\s_-])(?:paywall\w*|pay-wall|regwall|leaky-paywall\w*|premium-(?:content|only|article)"
    r"|subscribers?-only|members?-only|metered-?content|(?:article|content)-locked|piano-(?:paywall|offer))"
    r"(?:$|[\s._#-])",
    re.I,
)
# Class words that say the opposite: "no-paywall", "paywall-free", "paywall-off" mark free content.
_NOT_A_PAYWALL = frozenset({"no", "not", "non", "without", "free", "off", "exempt", "disabled", "none"})


def paywall_markup(where: str) -> bool:
    """Whether a block's place names paywall markup: one of its classes or ids is a paywall's, and not
    one that says the content is free of it."""
    for name in re.split(r"[\s.#>]+", where):
        if _PAYWALL_CLASS.search(name) and not set(re.split(r"[-_]", name.lower())) & _NOT_A_PAYWALL:
            return True
    return False


# What a paywall tells readers, in six languages (folded text).
_PAYWALL_TEXT = re.compile(
    r"\b(?:subscribe (?:now )?to (?:continue|keep) reading|to (?:continue|keep) reading,? (?:please )?(?:subscribe|log ?in|sign in)"
    r"|(?:this|the) (?:article|story|content) is (?:only )?(?:available|reserved) (?:to|for) (?:paid )?(?:subscribers|members)"
    r"|subscribers only|abbonati per (?:continuare a )?leggere|per continuare a leggere,? abbonati"
    r"|(?:contenuto|articolo) riservato agli abbonati|riservato agli abbonati"
    r"|suscribete para (?:seguir|continuar) leyendo|para (?:seguir|continuar) leyendo,? suscribete"
    r"|contenido (?:exclusivo|reservado) para (?:suscriptores|abonados)"
    r"|reserve aux abonnes|abonnez-vous pour lire la suite|pour lire la suite,? abonnez-vous"
    r"|(?:nur|exklusiv) fur abonnenten|jetzt abonnieren und weiterlesen|um weiterzulesen,? (?:abonnieren|registrieren)"
    r"|assine para (?:continuar|seguir) lendo|conteudo exclusivo para assinantes|exclusivo para assinantes)\b"
)
NEAR_COPY = 3  # blocks around the reproduced span where a paywall message speaks of the copy
# A teaser of another article ("Premium: riservato agli abbonati") sits in a sidebar or a related box. The
# page-wide chrome verdict is not used: real pages wrap their article in "ad" and "sidebar" classes.
_ASIDE = re.compile(r"(?:^|[\s>.#_-])(?:aside|nav|sidebar|related|promo\w*|teaser\w*|widget\w*|recommend\w*)"
                    r"(?:$|[\s>._#-])", re.I)


def in_aside(where: str) -> bool:
    """Whether a block sits in a sidebar, a navigation or a related-articles box (by its nearest elements)."""
    return bool(_ASIDE.search(where))


def paywall_signs(page: PageView, match: Match) -> list[dict[str, str]]:
    """Where the page puts the copy behind a paywall: the page's own declaration, paywall markup around
    the copied text, or a paywall message next to it (not in a sidebar teaser of another article)."""
    signs = []
    if page.meta.get("accessible_for_free") == "false":
        sign = {"kind": "json-ld", "found": "isAccessibleForFree: false"}
        if page.meta.get("paywalled_part"):
            sign["part"] = page.meta["paywalled_part"]
        signs.append(sign)
    if match.span is not None:
        first, last = match.span
        for index, block in enumerate(page.blocks):
            near = first - NEAR_COPY <= index <= last + NEAR_COPY
            if first <= index <= last and paywall_markup(block.where):
                signs.append({"kind": "markup", "where": block.where})
            elif near and not in_aside(block.where) and _PAYWALL_TEXT.search(fold(block.text)):
                signs.append({"kind": "message", "where": block.where, "found": block.text[:160]})
    return signs[:5]


# ---------------------------------------------------------------------------------------------
# Style-only edits
# ---------------------------------------------------------------------------------------------
# Per language, folded: words that name a time, a place, and the small words around them. A change is
# a style edit when every word it removes or adds is one of them, a spelling or typing variant of the
# word it replaces, a number written otherwise, an abbreviation, or a proper name that replaces a place
# word ("here" -> "in Portland"). Only the publisher's language is used: "mai" is May in French and
# "never" in Italian.

_TIME = {
    "en": "today tonight yesterday tomorrow now currently recently earlier later ago last next this past coming "
          "previous following week weeks weekend month months year years day days morning afternoon evening night "
          "overnight monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat "
          "sun january february march april june july august september october november december jan feb mar apr "
          "jun jul aug sep sept oct nov dec spring summer fall autumn winter then am pm",
    "it": "oggi stasera stanotte stamattina stamane ieri domani dopodomani altroieri ora adesso attualmente "
          "recentemente fa scorso scorsa scorsi scorse prossimo prossima prossimi prossime questo questa quest "
          "settimana settimane mese mesi anno anni giorno giorni mattina mattino pomeriggio sera notte lunedi "
          "martedi mercoledi giovedi venerdi sabato domenica gennaio febbraio marzo aprile maggio giugno luglio "
          "agosto settembre ottobre novembre dicembre primavera estate autunno inverno allora",
    "es": "hoy anoche ayer manana ahora actualmente recientemente hace pasado pasada proximo proxima este esta "
          "semana semanas mes meses ano anos dia dias tarde noche lunes martes miercoles jueves viernes sabado "
          "domingo enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre "
          "diciembre primavera verano otono invierno entonces",
    "fr": "aujourd hui soir hier demain maintenant actuellement recemment dernier derniere prochain prochaine "
          "cette ce semaine semaines mois an ans annee annees jour jours matin apres midi nuit lundi mardi mercredi "
          "jeudi vendredi samedi dimanche janvier fevrier mars avril juin juillet aout septembre octobre novembre "
          "decembre printemps ete automne hiver alors",
    "de": "heute gestern morgen ubermorgen vorgestern jetzt derzeit kurzlich vor letzte letzten letzter letztes "
          "nachste nachsten nachster diese dieser diesen dieses woche wochen monat monate jahr jahre jahren tag tage "
          "tagen abend nacht montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar marz april "
          "juni juli august september oktober november dezember fruhling sommer herbst winter damals",
    "pt": "hoje ontem amanha agora atualmente recentemente ha passado passada proximo proxima este esta semana "
          "semanas mes meses ano anos dia dias manha tarde noite segunda terca quarta quinta sexta sabado domingo "
          "feira janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro "
          "primavera verao outono inverno entao",
}
_PLACE = {
    "en": "here there local locally nearby city town village state county region area country nation capital "
          "downtown statewide nationwide abroad",
    "it": "qui qua li la locale localmente vicino citta paese comune regione provincia zona stato capitale",
    "es": "aqui aca alli alla ahi local localmente cerca ciudad pueblo region provincia zona pais estado capital",
    "fr": "ici la bas local localement pres ville village region departement pays etat capitale",
    "de": "hier dort lokal ortlich nahe stadt dorf region land bundesland hauptstadt gemeinde",
    "pt": "aqui ali la local localmente perto cidade regiao estado pais capital municipio",
}
# Articles, prepositions and auxiliaries: what a time or place phrase brings along ("on", "in the",
# "was"); never a negation.
_FUNCTION = {
    "en": "a an the on in at of by for from to during since until within is are was were will would has have "
          "had be been being per cent percent pct",
    "it": "il lo la i gli le l un uno una di a da in con su per tra fra del dello della dei degli delle al allo "
          "alla ai agli alle dal dalla dai nel nello nella nei negli nelle sul sulla sui e era sara ha aveva avra "
          "sono erano saranno stato stata per cento percento",
    "es": "el la los las lo un una de del a al en con por para desde hasta durante es era sera fue ha habia "
          "habra son eran por ciento",
    "fr": "le la les l un une de du des d a au aux en dans par pour sur depuis pendant jusqu est etait sera a "
          "avait aura sont etaient pour cent",
    "de": "der die das den dem des ein eine einen einem einer am im an in auf bei seit bis wahrend um zum zur "
          "ist war wird hat hatte sind waren prozent",
    "pt": "o a os as um uma de do da dos das em no na nos nas por para desde ate durante e era sera foi tem "
          "tinha sao eram por cento",
}
_NUMBERS = {
    "en": "zero one two three four five six seven eight nine ten",
    "it": "zero uno due tre quattro cinque sei sette otto nove dieci",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez",
    "fr": "zero un deux trois quatre cinq six sept huit neuf dix",
    "de": "null eins zwei drei vier funf sechs sieben acht neun zehn",
    "pt": "zero um dois tres quatro cinco seis sete oito nove dez",
}
_ABBREVIATIONS = {
    "en": "dr doctor mr mister sen senator rep representative gov governor gen general st street st saint "
          "ave avenue dept department univ university prof professor corp corporation co company",
    "it": "dott dottore sig signor sig signore prof professore avv avvocato ing ingegnere on onorevole",
    "es": "sr senor sra senora dr doctor prof profesor",
    "fr": "m monsieur mme madame dr docteur pr professeur",
    "de": "dr doktor prof professor hr herr fr frau",
    "pt": "sr senhor sra senhora dr doutor prof professor",
}
# "Portland, Ore." -> "Portland": the state the AP's style adds after a city.
_US_STATES = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore "
    "pa tenn vt va wash wis wyo alabama alaska arizona arkansas california colorado connecticut delaware florida "
    "georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan "
    "minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas "
    "utah vermont virginia washington wisconsin wyoming".split()
)
_SUFFIX_SWAPS = (("ize", "ise"), ("yze", "yse"), ("er", "re"), ("og", "ogue"), ("ense", "ence"), ("or", "our"))


def _words(table: dict[str, str], language: str) -> frozenset[str]:
    return frozenset(table.get(language, table["en"]).split())


def _pairs(table: dict[str, str], language: str) -> frozenset[frozenset[str]]:
    items = table.get(language, table["en"]).split()
    return frozenset(frozenset(items[i:i + 2]) for i in range(0, len(items) - 1, 2))


def is_style_edit(change: Change, language: str = "en") -> bool:
    """Whether a change only touches time, place and style: a sentence changed so; never a sentence added
    or removed."""
    if change.kind != "changed" or not change.page:
        return False
    old, new = _cased_words(change.original), _cased_words(change.page)
    folded_old, folded_new = [w for w, _ in old], [w for w, _ in new]
    for i1, i2, j1, j2 in _edit_regions(folded_old, folded_new):
        if not _style_region(old[i1:i2], new[j1:j2], old[:i1], language):
            return False
    return True


def _cased_words(text: str) -> list[tuple[str, bool]]:
    """The folded words of ``text``, each with whether it was written with a capital (a proper name)."""
    found = []
    for token in text.split():
        for word in words(token):
            raw = next((w for w in re.findall(r"\w+", token) if fold(w) == word), "")
            found.append((word, raw[:1].isupper()))
    return found


def _edit_regions(old: list[str], new: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """Runs of words that differ, adjacent edits taken together (a word removed beside a word added)."""
    region: list[int] | None = None
    for op in Levenshtein.opcodes(old, new):
        if op.tag == "equal":
            if region is not None:
                yield region[0], region[1], region[2], region[3]
                region = None
        elif region is None:
            region = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            region[1], region[3] = op.src_end, op.dest_end
    if region is not None:
        yield region[0], region[1], region[2], region[3]


def _style_region(removed: list[tuple[str, bool]], added: list[tuple[str, bool]], before: list[tuple[str, bool]],
                  language: str) -> bool:
    """Whether one run of removed and added words is a time, place or style edit."""
    gone, new = [w for w, _ in removed], [w for w, _ in added]
    if "".join(gone) == "".join(new):
        return True  # spacing and abbreviation dots: "per cent" / "percent", "U.S." / "US"
    gone, new = _without_variants(gone, new, language)
    rest = [*gone, *new]
    time, place = _words(_TIME, language), _words(_PLACE, language)
    about_time = any(w in time or _is_year(w) for w in rest)
    about_place = any(w in place for w in rest)
    names = {w for w, capital in chain(removed, added) if capital}
    state_after_city = language == "en" and bool(before) and before[-1][1] and all(w in _US_STATES for w in gone) and not new
    for word in rest:
        if word in time or word in place or word in _words(_FUNCTION, language) or _is_year(word):
            continue
        if word.isdigit() and about_time:
            continue  # "Nov. 2" -> "last week"; never "12 people" -> "20 people"
        if word in names and (about_place or state_after_city):
            continue  # "here" -> "in Portland", "Portland, Ore." -> "Portland"
        return False
    return True


def _without_variants(gone: list[str], new: list[str], language: str) -> tuple[list[str], list[str]]:
    """The words left once the pairs that are one word written two ways are taken out: spelling and typing
    variants, a number and its word, an abbreviation and its word."""
    numbers = {w: str(i) for i, w in enumerate(_NUMBERS.get(language, _NUMBERS["en"]).split())}
    abbreviations = _pairs(_ABBREVIATIONS, language)
    left = list(new)
    kept = []
    for word in gone:
        twin = next((w for w in left if _same_word(word, w, numbers, abbreviations)), None)
        if twin is None:
            kept.append(word)
        else:
            left.remove(twin)
    return kept, left


def _same_word(a: str, b: str, numbers: dict[str, str], abbreviations: frozenset[frozenset[str]]) -> bool:
    if numbers.get(a, a) == numbers.get(b, b) or frozenset((a, b)) in abbreviations:
        return True
    if min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    if abs(len(a) - len(b)) == 1 and Indel.distance(a, b) == 1:
        return True  # "colour" / "color", "judgement" / "judgment", a letter typed twice
    if len(a) == len(b) and _one_swap(a, b):
        return True
    return any(_swapped_suffix(a, b, x, y) or _swapped_suffix(b, a, x, y) for x, y in _SUFFIX_SWAPS)


def _one_swap(a: str, b: str) -> bool:
    """Two neighbouring letters typed the other way round: "recieve" / "receive"."""
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _swapped_suffix(a: str, b: str, x: str, y: str) -> bool:
    return a.endswith(x) and b.endswith(y) and a[: -len(x)] == b[: -len(y)] and len(a) - len(x) >= 3


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in {"19", "20"}

