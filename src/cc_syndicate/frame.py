"""The republisher's frame around a reproduced article: lines that are never a change to it (pure).

Bylines, datelines, "last modified" lines, credit lines, share and read-more lines, ad and sponsor
labels, in the six languages the project speaks. Matched on folded text, except bylines, whose names
must be capitalised ("By Daniel Reyes", not "By the end of the year").
"""

from __future__ import annotations

import re

from .text import fold

SENTENCE_END = ".!?…»\"”’)"

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun"
    "|jul|aug|sept?|oct|nov|dec|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre"
    "|novembre|dicembre|gen|giu|lug|ago|set|ott|dic|enero|febrero|abril|mayo|junio|julio|septiembre|octubre"
    "|noviembre|diciembre|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|decembre|januar"
    "|februar|marz|juni|juli|oktober|dezember|janeiro|fevereiro|marco|maio|junho|julho|setembro|outubro"
    "|novembro|dezembro"
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:{_MONTHS})\b|(?:{_MONTHS})\.?\s+\d{{1,2}}\b"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}[:.]\d{2}\s*(?:am|pm|h)?\b)"
)
_DATELINE_WORDS = re.compile(
    r"\b(?:last (?:updated|modified|edited)|updated|modified|edited|ultima modifica|aggiornat[oa]|modificato|"
    r"actualizad[oa]|modificad[oa]|mis a jour|modifie|aktualisiert|geandert|atualizad[oa]|published|posted|"
    r"pubblicato|publicado|publie|veroffentlicht)\b"
)
_LABEL = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content| by)?|paid (?:content|post)|ad|ads|pubblicita|annuncio"
    r"|contenuto sponsorizzato|publicidad|patrocinado|anzeige|publicite|publicidade|share(?: this| on)?|condividi"
    r"|compartir|partager|teilen|compartilh\w*|read (?:more|also|next)|continue reading|keep reading|see also"
    r"|related|leggi (?:anche|tutto|di piu)|potrebbe interessarti|lee tambien|lire aussi|voir aussi|mehr lesen"
    r"|lesen sie auch|leia (?:mais|tambem)|subscribe|sign up|iscriviti|suscribete|abonnez-vous|abonnieren|assine)\b"
)
_CREDIT_LINE = re.compile(
    r"^(?:photos?|foto|fotos|images?|pictures?|credits?|fonte|source|fuente|quelle|bild|imagem|video|illustration)"
    r"(?: credits?)?\s*[:©/]"
)
_BYLINE = re.compile(
    r"^(?:[Bb]y|[Dd]i|[Dd]e|[Pp]ar|[Vv]on|[Pp]or|[Dd]a|[Ww]ritten by|[Ss]critto da|[Aa] cura di|[Tt]ext by|"
    r"[Rr]eporting by|[Pp]osted by|[Pp]ublished by|[Pp]ubblicato da|[Pp]ublicado por|[Pp]ubli[ée] par)\s+"
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|and|e|y|et|und|de|di|van|von|da|dos|del)){0,6}\b"
)


def is_frame_line(text: str) -> bool:
    """A byline, dateline, "last modified" line, credit line, share or read-more line, ad or sponsor label."""
    folded = fold(text).strip(" .:|-–—·•()[]*")
    size = len(folded.split())
    if not size:
        return True
    if (_LABEL.match(folded) and size <= 8) or (_CREDIT_LINE.match(folded) and size <= 15):
        return True
    if _BYLINE.match(text.strip(" |-–—·•*")) and size <= 14:
        return True
    if _DATE.search(folded) and size <= 15:
        # "Nov. 18, 2019 5:42 PM", "Last modified on Mon 18 Nov 2019"; a sentence that merely has a date
        # ("On 12 March the council voted.") ends like one and says nothing of publishing.
        return bool(_DATELINE_WORDS.search(folded)) or text.rstrip()[-1:] not in SENTENCE_END
    return False
