"""The publisher's own notices, judged on one of its article pages and its feed (pure).

A republisher can only comply exactly with a notice that says exactly what it grants. Each article is
read as republishers and their tools read it: the licence notice readers see, the licence machines
read (``rel=license``, JSON-LD ``license``, the feed's ``creativeCommons:license``, ``dc:rights``,
``<copyright>``), reservations next to the article, media credited to others, the byline, the
canonical URL. Captions and the article's own sentences are never taken for notices ("the photo,
licensed CC BY-SA 2.0, ..." speaks of a photo), and a site-wide footer is never taken for a reservation
on the article (as for republishers). A notice in a republishing box that opens on a click counts as
said to republishers, though not to readers.

Severity ``violation``: a republisher cannot tell exactly what the licence allows (no notice, no
licence or version named, another licence stated, a reservation beside the grant, media credited to
others left inside it). ``warning``: the notice works but is incomplete (machines cannot read it, no
byline, no canonical URL).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal

from . import licenses, phrases
from .attribution import deed_link
from .checks import author_variants
from .models import (
    Attribution,
    Finding,
    FrozenMap,
    License,
    LicenseSignal,
    Original,
    PageView,
    Rules,
    Severity,
    TextBlock,
    Visibility,
)
from .originals import extract_original, is_credit_line
from .pages import parse_page
from .policy import in_aside
from .present import finding_json
from .text import contains_phrase, excerpt, fold, key, split_sentences

CODES: Mapping[str, Severity] = MappingProxyType({
    "notice-missing": "violation",
    "notice-no-version": "violation",
    "notice-mismatch": "violation",
    "notice-reservation": "violation",
    "media-not-excluded": "violation",
    "notice-not-machine-readable": "warning",
    "byline-missing": "warning",
    "canonical-missing-on-original": "warning",
})

RESERVATION_WORDS = 15  # a sentence this short that reserves the rights is a notice, not the story quoting one
# Where nobody reads a notice: comments, alt and title text.
_UNREAD = {Visibility.COMMENT, Visibility.ALT_TEXT}
_UNREAD_REASONS = ("HTML comment", "alt text", "title attribute")
_CAPTION_PLACE = re.compile(r"figcaption|caption|credit|photo|image", re.I)
_MEDIA = (r"(?:photo\w*|images?|pictures?|media|videos?|illustrations?|graphics?|third[- ]party|foto\w*|immagini|"
          r"immagine|contenuti|terzi|imagen\w*|video\w*|contenidos|terceros|contenus|tiers|bild\w*|inhalte|dritt\w*|"
          r"grafik\w*|imagens?|conteudos|terceiros)")
_NOT_COVERED = (r"(?:not (?:covered|included|licensed|part of)|excluded|exempt|does not (?:apply|cover)|esclus\w*"
                r"|non (?:sono |e )?(?:copert\w*|inclus\w*|rilasciat\w*|soggett\w*)|no (?:estan|esta) (?:cubiert\w*"
                r"|incluid\w*)|excluid\w*|ne sont pas (?:couverts|inclus)|n'est pas (?:couverte?|incluse?)|exclue?s?"
                r"|nicht (?:erfasst|abgedeckt|eingeschlossen|umfasst)|ausgenommen|nao (?:estao|esta|sao) (?:cobert\w*"
                r"|incluid\w*))")
_NOT_REUSED = (r"(?:(?:may|can)not|can't|may not|do not|don't|non (?:possono|puoi|potete)|no (?:puede|pueden|los)"
               r"|ne (?:peuvent|pouvez|les)|nicht|nao (?:podem|pode|os))\b.{0,40}?\b(?:republish\w*|reus\w*|reproduc\w*"
               r"|ripubblica\w*|riutilizza\w*|riprodurr\w*|republica\w*|reutiliz\w*|reprodu\w*|republi\w*|ubernehm\w*"
               r"|veroffentlich\w*|verwend\w*)")
_EXCLUSION = re.compile(
    rf"\b{_MEDIA}\b.{{0,120}}?\b{_NOT_COVERED}|\b{_NOT_COVERED}\b.{{0,80}}?\b{_MEDIA}\b"
    rf"|\b{_NOT_REUSED}\b.{{0,60}}?\b{_MEDIA}\b|\b{_MEDIA}\b.{{0,80}}?\b{_NOT_REUSED}"
    r"|\b(?:except|unless) (?:where |as )?otherwise (?:noted|stated|indicated|specified)"
    r"|\bsalvo (?:dove |ove |quando )?(?:diversamente|altrimenti) (?:indicato|specificato|segnalato)"
    r"|\bsalvo (?:que se indique|indicacion) (?:lo )?contrari[oa]|\bsauf (?:mention|indication) contraire"
    r"|\b(?:sofern|soweit) nicht anders (?:angegeben|vermerkt|gekennzeichnet)"
    r"|\bsalvo (?:indicacao|quando indicado) em contrario"
)
_MEDIA_WORD = re.compile(r"\b(?:photo\w*|foto\w*|images?|immagin\w*|imagen\w*|imagem\w*|bild\w*|pictures?|illustra\w*"
                         r"|videos?|screenshot\w*|wikimedia|flickr|getty|shutterstock|unsplash)\b")
_TEXT_WORD = re.compile(r"\b(?:articles?|articol\w*|articulo\w*|artigo\w*|artikel\w*|texts?|test[oi]|textos?|texte\w*"
                        r"|stor(?:y|ies)|content\w*|contenut\w*|contenid\w*|conteud\w*|contenu\w*|inhalt\w*|works?|opera"
                        r"|site|sito|sitio|page|pagina)\b")
# A credit that marks the media as someone else's: "© AP", "used with permission", "all rights reserved".
_RIGHTS_MARK = re.compile(
    r"©|\(c\)|\bcopyright\b|all rights reserved|used with permission|with permission|courtesy|tutti i diritti riservati"
    r"|riproduzione riservata|su concessione|per gentile concessione|cortesia|todos los derechos reservados|con permiso"
    r"|tous droits reserves|avec (?:l'|son )?autorisation|alle rechte vorbehalten|mit (?:freundlicher )?genehmigung"
    r"|todos os direitos reservados|com permissao"
)


@dataclass(frozen=True)
class FeedStatement:
    """What a feed says about an article's licence: ``license`` is a licence link (creativeCommons:license,
    cc:license, Atom link rel=license), ``rights`` a rights line (dc:rights, ``<copyright>``, Atom rights)."""

    kind: Literal["license", "rights"]
    value: str
    where: str


def feed_statements(feed_url: str, channel_licenses: Iterable[str], channel_rights: str,
                    item_licenses: Iterable[str] = (), item_rights: str = "") -> tuple[FeedStatement, ...]:
    """The licence statements of a feed's channel and of the item for one article."""
    item = f"{feed_url} (item)"
    found = [FeedStatement("license", u, feed_url) for u in channel_licenses]
    found += [FeedStatement("license", u, item) for u in item_licenses]
    found += [FeedStatement("rights", r, w) for r, w in ((channel_rights, feed_url), (item_rights, item)) if r.strip()]
    return tuple(found)


@dataclass(frozen=True)
class ArticleAudit:
    url: str
    title: str
    findings: tuple[Finding, ...]
    declared: License | None = None  # the licence the page declares, to choose the suggested notice's version

    def to_json(self) -> dict[str, Any]:
        return {"url": self.url, "title": self.title, "findings": [finding_json(f) for f in self.findings]}


@dataclass(frozen=True)
class PublisherAudit:
    """One publisher's articles audited, the notice to put in its template, and what could not be read."""

    publisher: str
    license: str
    language: str
    articles: tuple[ArticleAudit, ...]
    suggested_notice: Attribution
    notice_license: str  # the licence the suggested notice names (a version chosen when the rules give none)
    source: str  # "database" or "feeds": where the articles came from
    problems: tuple[tuple[str, str], ...] = ()
    stored: int = 0  # how many of its originals the database holds

    def counts(self) -> dict[str, int]:
        """How many articles have each finding code, in the order of :data:`CODES`."""
        found = [f.code for a in self.articles for f in a.findings]
        return {code: found.count(code) for code in CODES if code in found}


@dataclass(frozen=True)
class AuditReport:
    publishers: tuple[PublisherAudit, ...]
    generated_at: str = ""

    @property
    def articles(self) -> tuple[ArticleAudit, ...]:
        return tuple(a for p in self.publishers for a in p.articles)

    @property
    def findings(self) -> int:
        return sum(len(a.findings) for a in self.articles)

    def to_json(self) -> dict[str, Any]:
        """The contract: ``{"articles": [{"url", "title", "findings"}], "suggested_notice": {"html", "text"}}``
        (the first publisher's notice), with each publisher's part beside it."""
        first = self.publishers[0].suggested_notice if self.publishers else Attribution("", "")
        return {
            "articles": [{**a.to_json(), "publisher": p.publisher} for p in self.publishers for a in p.articles],
            "suggested_notice": {"html": first.html, "text": first.text},
            "generated_at": self.generated_at,
            "publishers": [
                {"name": p.publisher, "license": p.license, "language": p.language, "source": p.source,
                 "stored": p.stored, "articles": len(p.articles), "counts": p.counts(), "notice_license": p.notice_license,
                 "suggested_notice": {"html": p.suggested_notice.html, "text": p.suggested_notice.text},
                 "problems": [{"url": u, "error": m} for u, m in p.problems]}
                for p in self.publishers
            ],
        }


# ---------------------------------------------------------------------------------------------
# Judging one article
# ---------------------------------------------------------------------------------------------


def audit_article(html: str, url: str, rules: Rules, feed: Iterable[FeedStatement] = (),
                  feed_text: str | None = None) -> ArticleAudit:
    """Audit the publisher's article page ``html`` at ``url`` (and what its feed says about it)."""
    return audit_page(parse_page(html, url), extract_original(html, url, feed_text), rules, tuple(feed))


def audit_page(page: PageView, original: Original, rules: Rules, feed: tuple[FeedStatement, ...] = ()) -> ArticleAudit:
    own = _Own(page, original, rules, feed)
    findings = [f for check in _CHECKS if (f := check(own)) is not None]
    return ArticleAudit(original.identity, original.title or page.title, tuple(findings), original.license)


@dataclass(frozen=True)
class _Own:
    """One of the publisher's article pages, as the audit reads it."""

    page: PageView
    original: Original
    rules: Rules
    feed: tuple[FeedStatement, ...] = ()

    @cached_property
    def language(self) -> str:
        return phrases.language_of(self.rules.publisher.language)

    def say(self, phrase: str, **values: Any) -> str:
        return phrases.say(self.language, phrase, **values)

    def finding(self, code: str, message_key: str, fix: str, **values: Any) -> Finding:
        evidence = values.pop("evidence", {})
        message = _sentence(self.say(message_key, **values))
        return Finding(code, CODES[code], message, FrozenMap({**evidence, "fix": fix}))

    @cached_property
    def article_sentences(self) -> frozenset[str]:
        return frozenset(key(s) for s in split_sentences(self.original.text))

    @cached_property
    def signals(self) -> tuple[LicenseSignal, ...]:
        """The page's licence statements about the article: not captions or credits, not the article's own
        sentences, not a sentence about a photo, not comments or alt text."""
        kept = []
        for s in self.page.license_signals:
            if _unread(s) or self.about_media(s.raw, s.where):
                continue
            if s.kind != "text" or s.license in {m.license for m in self.notice_mentions(s.raw)}:
                kept.append(s)
        return tuple(kept)

    def notice_mentions(self, text: str) -> list[licenses.Mention]:
        """The licences ``text`` names for the article: not in the article's own sentences, not in a
        sentence about a photo or a video ("La fotografia, pubblicata su Wikimedia con licenza CC BY-SA 2.0")
        unless it speaks of the text too ("Testi e foto con licenza CC BY 4.0")."""
        found = []
        for sentence in split_sentences(text):
            folded = fold(sentence)
            if key(sentence) in self.article_sentences or (_MEDIA_WORD.search(folded) and not _TEXT_WORD.search(folded)):
                continue
            found += licenses.find_in_text(sentence)
        return found

    def is_prose(self, text: str) -> bool:
        """Whether ``text`` is the article speaking (every sentence of it is one of the article's)."""
        sentences = [key(s) for s in split_sentences(text) if key(s)]
        return bool(sentences) and all(s in self.article_sentences for s in sentences)

    def about_media(self, text: str, where: str) -> bool:
        """A caption or a media credit: its licence or reservation is the photo's, not the article's."""
        if _CAPTION_PLACE.search(where.split(">")[-1]) or any(is_credit_line(line) for line in text.splitlines()):
            return True
        text_key = key(text)
        return any(key(c.statement) and key(c.statement) in text_key for c in self.original.media_credits)

    @cached_property
    def feed_licenses(self) -> list[tuple[License, FeedStatement]]:
        found = []
        for statement in self.feed:
            if statement.kind == "license":
                lic = licenses.from_url(statement.value)
                found += [(lic, statement)] if lic is not None else []
            else:
                found += [(m.license, statement) for m in licenses.find_in_text(statement.value)]
        return found

    def where_feed(self, statement: FeedStatement) -> str:
        return self.say("audit.where.feed", url=statement.where)


def _unread(signal: LicenseSignal) -> bool:
    return signal.visibility in _UNREAD or (signal.hidden or "").startswith(_UNREAD_REASONS)


def _visible(item: LicenseSignal | TextBlock) -> bool:
    return item.hidden is None and item.visibility is Visibility.VISIBLE


def _machine(signal: LicenseSignal) -> bool:
    """A statement for machines: rel=license, JSON-LD license, or a meta tag holding a licence URL."""
    return _machine_license(signal) is not None or signal.kind in {"rel-license", "json-ld"}


def _machine_license(signal: LicenseSignal) -> License | None:
    """The licence a statement for machines names (a meta tag's licence URL, e.g. dc.rights), or None."""
    if signal.kind in {"rel-license", "json-ld"}:
        return signal.license
    if signal.visibility is Visibility.META or signal.hidden == "meta tag":
        return licenses.from_url(signal.raw)
    return None


def _exact(lic: License | None) -> bool:
    return lic is not None and lic.unit is not None and lic.version is not None


def check_notice(own: _Own) -> Finding | None:
    """notice-missing: readers see no licence; notice-no-version: they see one that names no licence or version."""
    named = [s for s in own.signals if s.license is not None]
    shown = [s for s in named if _visible(s)]
    fix = own.say("audit.notice-missing.fix")
    if not shown:
        unseen = [s for s in named if not _machine(s)]
        if unseen:
            s = unseen[0]
            reason = s.hidden or s.visibility.value
            return own.finding("notice-missing", "audit.notice-missing.hidden", fix, reason=reason, where=s.where,
                               evidence={"found": [{"where": x.where, "hidden": x.hidden or x.visibility.value,
                                                    "excerpt": excerpt(x.raw, 100)} for x in unseen[:5]]})
        return own.finding("notice-missing", "audit.notice-missing", fix,
                           evidence={"looked_for": ["Creative Commons", "creativecommons.org"]})
    if any(_exact(s.license) for s in shown):
        return None
    required = exact_license(own.rules)
    found = next((line for line in shown[0].raw.splitlines() if licenses.find_in_text(line)), shown[0].raw)
    return own.finding("notice-no-version", "audit.notice-no-version",
                       own.say("audit.notice-no-version.fix", license=required.short_name,
                               deed=deed_link(required, own.language) or ""),
                       found=excerpt(found, 100),
                       evidence={"found": [{"where": s.where, "kind": s.kind, "excerpt": excerpt(s.raw, 100)}
                                           for s in shown[:5]]})


def check_mismatch(own: _Own) -> Finding | None:
    """A Creative Commons licence other than the rules' stated anywhere republishers or machines read it:
    the page, its republishing box, its metadata, the feed. A statement that also names the rules' licence
    ("text CC BY 4.0, photos CC BY-SA") is about something else."""
    required = own.rules.license
    conflicts: list[dict[str, str]] = []
    for s in own.signals:
        if s.license is None or licenses.accepts(required, s.license):
            continue
        if s.kind == "text" and any(m.license.unit and licenses.accepts(required, m.license)
                                    for m in own.notice_mentions(s.raw)):
            continue
        conflicts.append({"where": s.where, "kind": s.kind, "found": s.license.short_name, "excerpt": excerpt(s.raw, 100)})
    for lic, statement in own.feed_licenses:
        if not licenses.accepts(required, lic):
            conflicts.append({"where": own.where_feed(statement), "kind": f"feed {statement.kind}",
                              "found": lic.short_name, "excerpt": excerpt(statement.value, 100)})
    if not conflicts:
        return None
    first = conflicts[0]
    return own.finding("notice-mismatch", "audit.notice-mismatch",
                       own.say("audit.notice-mismatch.fix", license=required.short_name),
                       found=first["found"], where=first["where"], license=required.short_name,
                       evidence={"expected": required.short_name, "conflicts": conflicts[:5]})


def check_machine_readable(own: _Own) -> Finding | None:
    machine = [lic for s in own.signals if (lic := _machine_license(s)) is not None and lic.unit]
    if machine or any(lic.unit for lic, _ in own.feed_licenses):
        return None
    return own.finding("notice-not-machine-readable", "audit.notice-not-machine-readable",
                       own.say("audit.notice-not-machine-readable.fix"),
                       evidence={"looked_for": ["rel=license", "JSON-LD license", "creativeCommons:license",
                                                "dc:rights", "copyright"],
                                 "feed": [{"where": s.where, "kind": s.kind, "value": excerpt(s.value, 100)}
                                          for s in own.feed]})


def check_reservation(own: _Own) -> Finding | None:
    """"© RIPRODUZIONE RISERVATA", "All rights reserved" with the article (not in the site's footer, not
    a photo's credit), or in the feed."""
    found: list[dict[str, str]] = []
    for block in own.page.blocks:
        if block.in_footer or in_aside(block.where) or not _visible(block):
            continue
        sentence = _reservation(block.text)
        if sentence and not own.about_media(block.text, block.where) and not own.is_prose(block.text):
            found.append({"where": block.where, "found": licenses.find_reservation(sentence) or "",
                          "excerpt": excerpt(sentence, 100)})
    for statement in own.feed:
        phrase = licenses.find_reservation(statement.value) if statement.kind == "rights" else None
        if phrase:
            found.append({"where": own.where_feed(statement), "found": phrase, "excerpt": excerpt(statement.value, 100)})
    if not found:
        return None
    first = found[0]
    return own.finding("notice-reservation", "audit.notice-reservation", own.say("audit.notice-reservation.fix"),
                       found=excerpt(first["excerpt"], 60), where=first["where"], evidence={"reservations": found[:5]})


def _reservation(text: str) -> str | None:
    """The sentence of ``text`` that reserves the rights as a notice does ("© RIPRODUZIONE RISERVATA", "©
    2026 X. All rights reserved."), not one of the story quoting it ("the company's site says «all rights
    reserved», but the court...")."""
    return next((s for s in split_sentences(text)
                 if licenses.find_reservation(s) and len(key(s).split()) <= RESERVATION_WORDS), None)


def check_media(own: _Own) -> Finding | None:
    """Media the article credits to others, with nothing saying the licence does not cover them: no
    exclusion statement on the page (its republishing box included), no rights mark on the credit."""
    names = [*own.rules.publisher.names, *own.rules.publisher.domains, *own.original.authors]
    others = [c for c in own.original.media_credits
              if not any(contains_phrase(key(c.credit), n) or key(c.credit) == key(n) for n in names if key(n))]
    # "© AP", "used with permission", "Foto di Mario Rossi, CC BY-SA 2.0": the credit says whose rights apply
    unmarked = [c for c in others if not _RIGHTS_MARK.search(fold(c.statement)) and not licenses.find_in_text(c.statement)]
    if not unmarked or _excluded(own):
        return None
    credits = ", ".join(dict.fromkeys(c.credit for c in unmarked))
    return own.finding("media-not-excluded", "audit.media-not-excluded", own.say("audit.media-not-excluded.fix"),
                       credits=credits,
                       evidence={"media": [{"credit": c.credit, "statement": c.statement, "url": c.media_url}
                                           for c in unmarked[:5]]})


def _excluded(own: _Own) -> bool:
    """Whether the page says that media credited to others are not covered by its licence."""
    blocks = [*own.page.blocks, *(b for b in own.page.hidden_blocks if b.visibility not in _UNREAD
                                  and not (b.hidden or "").startswith((*_UNREAD_REASONS, "meta tag", "JSON-LD")))]
    return any(_EXCLUSION.search(fold(b.text)) for b in blocks)


def check_byline(own: _Own) -> Finding | None:
    authors = own.original.authors
    fix = own.say("audit.byline-missing.fix")
    if not authors:
        return own.finding("byline-missing", "audit.byline-missing", fix, evidence={"looked_for": "author"})
    shown = [a for a in authors if any(_names(b.text, v) for b in own.page.blocks for v in author_variants(a))]
    if shown:
        return None
    return own.finding("byline-missing", "audit.byline-missing.hidden", fix, authors=", ".join(authors),
                       evidence={"authors": list(authors)})


def _names(text: str, name: str) -> bool:
    """Whether ``text`` names ``name``, also where markup joins it to a label: "Geschrieben vonElisa Marvena"
    (<span>Geschrieben von</span><a>Elisa Marvena</a>)."""
    name_key = key(name)
    if contains_phrase(key(text), name):
        return True
    return len(name_key.split()) >= 2 and name_key.replace(" ", "") in key(text).replace(" ", "")


def check_canonical(own: _Own) -> Finding | None:
    if own.page.canonical:
        return None
    return own.finding("canonical-missing-on-original", "audit.canonical-missing-on-original",
                       own.say("audit.canonical-missing-on-original.fix"), evidence={"url": own.page.url})


_CHECKS = (check_notice, check_mismatch, check_machine_readable, check_reservation, check_media, check_byline,
           check_canonical)


def exact_license(rules: Rules, declared: Iterable[License | None] = ()) -> License:
    """The licence a notice must name, with its version: the rules' own; when the rules leave the version
    open, the one the publisher's pages declare, else the current version (4.0)."""
    required = rules.license
    if required.version is not None or required.unit in {None, "zero", "mark"}:
        return required
    versions = [d for d in declared if _exact(d) and licenses.accepts(required, d)]  # type: ignore[arg-type]
    return versions[0] if versions else License(required.unit, "4.0")  # type: ignore[return-value]


def _sentence(detail: str) -> str:
    return detail[0].upper() + detail[1:] + "."
