"""What ``check``, ``inspect`` and ``audit`` print: the JSON contracts of the brief, and readable terminal text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import phrases
from .checks import POLICY_REQUIREMENTS
from .models import CheckResult, Finding, Match, PageView, RequirementOutcome
from .text import excerpt

if TYPE_CHECKING:  # audit builds on this module's JSON of a finding
    from .audit import AuditReport


def plain(value: Any) -> Any:
    """Evidence as JSON-ready values (read-only mappings and tuples become dicts and lists)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    return value


def finding_json(f: Finding) -> dict[str, Any]:
    return {"code": f.code, "severity": f.severity, "message": f.message, "evidence": plain(f.evidence)}


def compared(match: Match, language: str) -> str:
    """What was compared, as a sentence: the share of the original's article text found on the page,
    by words in order when the alignment counted them, else by shared word sequences."""
    lang = phrases.language_of(language)
    if match.article_words:
        found = min(match.words_found, match.article_words)
        percent = 100 * found // match.article_words  # floored: "100 %" only when every word is there
        return phrases.say(lang, "compared.article", percent=percent, words=match.article_words)
    return phrases.say(lang, "compared.shingles", percent=int(100 * match.containment))


def check_json(result: CheckResult) -> dict[str, Any]:
    original, match = result.original, result.match
    out: dict[str, Any] = {
        "page": {"url": result.page.url, "title": result.page.title},
        "original": {
            "url": original.url or None,
            "canonical_url": original.canonical_url,
            "title": original.title or None,
            "author": ", ".join(original.authors) or None,
            "publisher": result.rules.publisher.name or None,
            "license": result.rules.license.short_name if result.rules.publisher.name else None,
        },
        "match": {
            "kind": match.kind,
            "containment": match.containment,
            "modified": match.modified,
            "changes": [{"kind": c.kind, "original": c.original, "page": c.page} for c in match.changes],
            "article_words": match.article_words,
            "words_found": match.words_found,
            "compared": compared(match, result.rules.publisher.language),
        },
        "verdict": result.verdict,
        "findings": [finding_json(f) for f in result.findings],
        "suggested_attribution": {"html": result.suggested_attribution.html, "text": result.suggested_attribution.text},
    }
    if result.exemption is not None:
        out["exemption"] = {"host": result.exemption.host, "reason": result.exemption.reason}
    if result.pixel is not None:
        out["pixel"] = {"src": result.pixel.src, "where": result.pixel.where, "post": result.pixel.post,
                        "original_url": result.pixel.original_url}
    return out


_MARK = {"met": "ok", "missing": "MISSING", "hidden": "HIDDEN", "not-applicable": "--"}


def _original_lines(result: CheckResult) -> list[str]:
    original, publisher = result.original, result.rules.publisher.name
    if not original.identity:
        return ["Original  not known: the page could not be read to find it"]
    lines = [f"Original  {original.identity}" + (f"  \"{excerpt(original.title, 70)}\"" if original.title else "")]
    if publisher:
        lines.append(f"          by {', '.join(original.authors) or 'no named author'}; {publisher}, "
                     f"{result.rules.license.short_name}")
    return lines


def _verdict(result: CheckResult) -> str:
    """The licence's verdict, and the policy's apart when the rules set one: "licence: COMPLIANT; policy: 2
    breaches" (a breach of the policy never makes a violation)."""
    if not result.rules.policy.active or result.match.kind == "none" or result.exemption is not None:
        return result.verdict.upper()
    breaches = len(result.policy_breaches)
    said = f"{breaches} breach{'es' if breaches != 1 else ''}" if breaches else "respected"
    return f"licence: {result.verdict.upper()}; policy: {said}"


def _outcome_lines(outcomes: list[RequirementOutcome]) -> list[str]:
    width = max(22, *(len(o.requirement) for o in outcomes))
    lines = []
    for o in outcomes:
        code = f"  [{o.finding.code}]" if o.finding is not None else ""
        severity = o.finding.severity if o.finding is not None else ""
        mark = {"warning": "WARNING", "policy": "BREACH"}.get(severity) or _MARK[o.status]
        lines.append(f"  {mark:<8} {o.requirement:<{width}} {o.detail}{code}")
        if o.fix and o.status in {"missing", "hidden"}:
            lines.append(f"  {'':<8} {'':<{width}} fix: {o.fix}")
    return lines


def check_text(result: CheckResult) -> str:
    match = result.match
    lines = [
        f"Page      {result.page.url}" + (f"  \"{excerpt(result.page.title, 70)}\"" if result.page.title else ""),
        *_original_lines(result),
        f"Match     {match.kind}: {compared(match, result.rules.publisher.language)}"
        + (f"; {len(match.changes)} change(s) to the text" if match.changes else ""),
    ]
    if result.pixel is not None:
        post = f" for post {result.pixel.post}" if result.pixel.post else ""
        lines.append(f"Pixel     {excerpt(result.pixel.src, 90)}: the publisher's tracking pixel{post}, so the copy "
                     "came through its republish button")
    lines.append(f"Verdict   {_verdict(result)}")
    if result.exemption is not None:
        lines.append(f"          {result.exemption.host} is exempt: {result.exemption.reason}")
    licence = [o for o in result.outcomes if o.name not in POLICY_REQUIREMENTS]
    asked = [o for o in result.outcomes if o.name in POLICY_REQUIREMENTS]
    if licence:
        lines += ["", "Requirements", *_outcome_lines(licence)]
    if asked:
        lines += ["", "The publisher's policy (its requests beyond the licence)", *_outcome_lines(asked)]
    if not result.outcomes and result.findings:
        lines += ["", *[f"  {f.severity.upper():<8} {f.message}  [{f.code}]" for f in result.findings]]
    if match.changes:
        lines += ["", "Changes to the text"]
        for c in match.changes[:20]:
            if c.kind == "changed":
                lines.append(f"  changed  \"{excerpt(c.original, 90)}\"\n           -> \"{excerpt(c.page, 90)}\"")
            elif c.kind == "added":
                lines.append(f"  added    \"{excerpt(c.page, 90)}\"")
            else:
                lines.append(f"  removed  \"{excerpt(c.original, 90)}\"")
    if match.kind != "none":
        lines += ["", "Suggested credit (paste it under the article)", f"  {result.suggested_attribution.text}",
                  f"  {result.suggested_attribution.html}"]
    return "\n".join(lines)


def page_json(page: PageView) -> dict[str, Any]:
    return {
        "url": page.url,
        "title": page.title,
        "language": page.language,
        "canonical": page.canonical,
        "metadata": dict(page.meta),
        "authors": list(page.authors),
        "visible_blocks": [{"where": b.where, "text": b.text, "chrome": b.chrome, "footer": b.in_footer} for b in page.blocks],
        "hidden_blocks": [{"where": b.where, "hidden": b.hidden, "visibility": b.visibility.value, "text": b.text}
                          for b in page.hidden_blocks],
        "links": [
            {"href": link.href, "text": link.text, "rel": sorted(link.rel), "where": link.where, "hidden": link.hidden,
             "visibility": link.visibility.value}
            for link in page.links
        ],
        "images": [{"src": i.src, "alt": i.alt, "caption": i.caption, "where": i.where, "hidden": i.hidden,
                    "visibility": i.visibility.value} for i in page.images],
        "license_signals": [
            {"kind": s.kind, "license": s.license.short_name if s.license else None, "raw": s.raw, "where": s.where,
             "hidden": s.hidden, "visibility": s.visibility.value, "footer": s.in_footer}
            for s in page.license_signals
        ],
    }


def page_text(page: PageView) -> str:
    lines = [f"Page       {page.url}", f"Title      {page.title or '-'}", f"Language   {page.language or '-'}",
             f"Canonical  {page.canonical or '-'}", f"Authors    {', '.join(page.authors) or '-'}"]
    lines += [f"Meta       {k}: {excerpt(v, 80)}" for k, v in page.meta.items() if k != "title"]
    lines += ["", f"Visible text ({len(page.blocks)} blocks; * = page furniture, f = footer)"]
    for i, b in enumerate(page.blocks, 1):
        flags = ("*" if b.chrome else " ") + ("f" if b.in_footer else " ")
        lines.append(f"  {i:>3} {flags} {b.where:<32} {excerpt(b.text, 90)}")
    lines += ["", f"Hidden text ({len(page.hidden_blocks)}; [kind] and why readers cannot see it)"]
    lines += [f"  [{b.visibility.value}] {b.hidden:<28} {b.where:<28} {excerpt(b.text, 70)}" for b in page.hidden_blocks]
    lines += ["", f"Links ({len(page.links)})"]
    for link in page.links:
        rel = f" rel={' '.join(sorted(link.rel))}" if link.rel else ""
        state = f" [hidden: {link.hidden}]" if link.hidden else ""
        lines.append(f"  {link.href}  \"{excerpt(link.text, 50)}\"{rel}{state}")
    lines += ["", f"Images ({len(page.images)})"]
    lines += [f"  {i.src}" + (f"  caption: \"{excerpt(i.caption, 60)}\"" if i.caption else "") for i in page.images]
    lines += ["", f"Licence signals ({len(page.license_signals)})"]
    for s in page.license_signals:
        name = s.license.short_name if s.license else "not a CC licence"
        state = f" [hidden: {s.hidden}]" if s.hidden else (" [footer]" if s.in_footer else "")
        lines.append(f"  {s.kind:<12} {name:<22} {s.where:<28} {excerpt(s.raw, 60)}{state}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# audit
# ---------------------------------------------------------------------------------------------


def audit_text(report: AuditReport) -> str:
    """The audit as a person reads it: per publisher, each article's findings with the fix, the totals,
    what could not be read, and the notice to put in the article template."""
    articles = report.articles
    lines = [f"Audit of the publishers' own notices: {len(articles)} article(s), {report.findings} finding(s)"]
    for p in report.publishers:
        stored = f" (the latest of {p.stored} stored)" if p.stored > len(p.articles) else ""
        lines += ["", f"{p.publisher} ({p.license}, {p.language}): {len(p.articles)} article(s) from the {p.source}{stored}"]
        fixed: set[str] = set()  # one template, one fix: each is said once, at its code's first finding
        for a in p.articles:
            title = f"  \"{excerpt(a.title, 70)}\"" if a.title else ""
            lines.append(f"  {a.url}{title}" + ("" if a.findings else "  no finding"))
            for f in a.findings:
                lines.append(f"    {f.severity.upper():<9} {f.code:<30} {f.message}")
                if f.evidence.get("fix") and f.code not in fixed:
                    lines.append(f"    {'':<9} {'':<30} fix: {f.evidence['fix']}")
                    fixed.add(f.code)
        counts = p.counts()
        if counts:
            lines += ["", "  In total"]
            lines += [f"    {code:<30} {n} of {len(p.articles)} article(s)" for code, n in counts.items()]
        if p.problems:
            lines += ["", "  Not read"]
            lines += [f"    {url + ': ' if url and not message.startswith(url) else ''}{message}" for url, message in p.problems]
        lines += ["", f"  Notice for the article template ({p.notice_license}, {p.language}): HTML",
                  *(f"    {line}" for line in p.suggested_notice.html.splitlines()),
                  "  As text", f"    {p.suggested_notice.text}"]
        if p.notice_license != p.license:
            lines.append(f"  The rules name {p.license} without a version; the notice names {p.notice_license}. "
                         f"Set license.id = \"{p.notice_license}\" in the rules to say so there too.")
    return "\n".join(lines)
