"""What ``check`` and ``inspect`` print: the JSON contract of the brief, and readable terminal text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import phrases
from .models import CheckResult, Finding, Match, PageView
from .text import excerpt


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


def check_text(result: CheckResult) -> str:
    match = result.match
    lines = [
        f"Page      {result.page.url}" + (f"  \"{excerpt(result.page.title, 70)}\"" if result.page.title else ""),
        *_original_lines(result),
        f"Match     {match.kind}: {compared(match, result.rules.publisher.language)}"
        + (f"; {len(match.changes)} change(s) to the text" if match.changes else ""),
        f"Verdict   {result.verdict.upper()}",
    ]
    if result.exemption is not None:
        lines.append(f"          {result.exemption.host} is exempt: {result.exemption.reason}")
    if result.outcomes:
        lines += ["", "Requirements"]
        width = max(22, *(len(o.requirement) for o in result.outcomes))
        for o in result.outcomes:
            code = f"  [{o.finding.code}]" if o.finding is not None else ""
            mark = "WARNING" if o.finding is not None and o.finding.severity == "warning" else _MARK[o.status]
            lines.append(f"  {mark:<8} {o.requirement:<{width}} {o.detail}{code}")
            if o.fix and o.status in {"missing", "hidden"}:
                lines.append(f"  {'':<8} {'':<{width}} fix: {o.fix}")
    elif result.findings:
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
