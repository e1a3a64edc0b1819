"""What a republisher is given to paste, in the publisher's language (pure): the suggested credit, the
republish block for an original, and the notice an editor sends.

The credit carries what CC BY 4.0 §3(a) asks for: the creator, the publisher as designated party, a
link to the material, whether it was modified, and the licence named and linked. Under a
no-derivatives licence it never offers to mark changes: the only fix there is the original text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from . import licenses, phrases
from .models import Attribution, License, Original, RepublishBlock, Restriction, Rules
from .text import key


def language_of(rules: Rules) -> str:
    return phrases.language_of(rules.publisher.language)


def deed_link(license: License, lang: str) -> str | None:
    url = license.deed_url
    if url and lang != "en" and "/licenses/" in url:
        url += f"deed.{lang}"
    return url


def credited_license(original: Original, rules: Rules) -> License:
    """The licence a credit names: the rules' own, made exact by the original's notice when the rules
    leave the version open ("CC BY" in the rules, "CC BY 4.0" on the article)."""
    required, declared = rules.license, original.license
    if required.unit is None:
        return declared or required
    if required.version is None and declared is not None and declared.unit and declared.version \
            and licenses.accepts(required, declared):
        return declared
    return required


def _text(value: str) -> str:
    """Escaped for an HTML text node: "L'Eco del Lago" keeps its apostrophe readable in the snippet."""
    return escape(value, quote=False)


def suggest(original: Original, rules: Rules, modified: bool = False) -> Attribution:
    """The credit a republisher should paste under the article, as HTML and as plain text."""
    lang = language_of(rules)
    license = credited_license(original, rules)
    url = original.identity
    title = original.title or url
    author = ", ".join(original.authors)
    template = "credit.with_author" if original.authors else "credit.without_author"
    deed = deed_link(license, lang)
    # Under ND a changed copy must go back to the original text; saying it was edited would not cure it.
    note = " " + phrases.say(lang, "credit.modified") if modified and not license.is_no_derivatives else ""
    text = phrases.say(lang, template, title=title, author=author, publisher=rules.publisher.name,
                       license=license.short_name)
    text += note + f" {url}" + (f" — {deed}" if deed else "")
    html = phrases.say(
        lang, template,
        title=f'<a href="{escape(url)}">{_text(title)}</a>',
        author=_text(author),
        publisher=_text(rules.publisher.name),
        license=(f'<a rel="license" href="{escape(deed)}">{_text(license.short_name)}</a>' if deed
                 else _text(license.short_name)),
    )
    return Attribution(html=f"<p>{html}{_text(note)}</p>", text=text)


def republish_block(original: Original, rules: Rules) -> RepublishBlock:
    """Everything a republisher needs before republishing ``original``, exactly as the rules require."""
    lang = language_of(rules)
    license = credited_license(original, rules)
    own = {key(n) for n in (*rules.publisher.names, *original.authors)}
    media = tuple(c for c in original.media_credits if key(c.credit) not in own)
    head = f'<link rel="canonical" href="{escape(original.identity)}">' if rules.requirements.canonical else ""
    return RepublishBlock(
        original_url=original.identity,
        title=original.title,
        language=lang,
        license=license.short_name,
        deed_url=deed_link(license, lang),
        credit=suggest(original, rules),
        head=head,
        head_note=phrases.say(lang, "republish.canonical") if head else "",
        media=media,
        media_note=phrases.say(lang, "republish.media") if media else "",
        forbidden=_forbidden(rules, license, lang),
    )


def _forbidden(rules: Rules, license: License, lang: str) -> tuple[Restriction, ...]:
    """What the licence, the rules and the publisher's policy forbid."""
    found = []
    if license.is_no_derivatives:
        found.append(Restriction("changes", phrases.say(lang, "republish.forbid.changes", license=license.short_name)))
    if rules.requirements.followed_links and rules.requirements.source_link != "none":
        found.append(Restriction("nofollow", phrases.say(lang, "republish.forbid.nofollow")))
    asked = rules.policy
    wanted = {"credit_position": asked.credit_position == "top", "pixel": bool(asked.pixel),
              "edits": asked.edits == "style-only", "images": asked.images == "excluded", "paywall": not asked.paywall}
    found += [Restriction(what.replace("_", "-"),
                          phrases.say(lang, f"republish.forbid.{what}", publisher=rules.publisher.name))
              for what, asked_for in wanted.items() if asked_for]
    return tuple(found)


# ---------------------------------------------------------------------------------------------
# The notice an editor sends to a republisher
# ---------------------------------------------------------------------------------------------


def notice(
    *, language: str, codes: list[str], republisher: str, contact: str | None, page_title: str, page_url: str,
    original_title: str, original_url: str, author: str, publisher: str, license: str, suggestion: Attribution,
) -> str:
    """A polite message to the republisher: the article, what is missing, and the snippet that fixes it."""
    lang = phrases.language_of(language)
    values = {"republisher": republisher, "contact": contact or "", "page_title": page_title or page_url,
              "page_url": page_url, "original_title": original_title or original_url, "original_url": original_url,
              "publisher": publisher, "license": license, "author": author,
              "author_name": f" ({author})" if author else ""}
    values["by"] = phrases.say(lang, "notice.by", **values) if author else ","
    licence, asked = _missing(lang, codes, values)
    parts = [phrases.say(lang, "notice.to", **values)] if contact else []
    parts += [phrases.say(lang, "notice.subject", **values), "", phrases.say(lang, "notice.greeting", **values), ""]
    if licence or not asked:
        parts += [phrases.say(lang, "notice.intro", **values), *licence]
        parts += ["", phrases.say(lang, "notice.policy_intro", **values), *asked] if asked else []
    else:
        parts += [phrases.say(lang, "notice.intro_policy_only", **values), *asked]
    parts += ["", *_fix(lang, suggestion), ""]
    parts += [phrases.say(lang, "notice.cure"), ""] if licence or not asked else []  # cures a licence breach only
    parts += [phrases.say(lang, "notice.closing", **values)]
    return "\n".join(parts)


@dataclass(frozen=True)
class NoticeArticle:
    """One republished article in a notice: what is missing from it, and the credit that fixes it."""

    codes: tuple[str, ...]
    page_title: str
    page_url: str
    original_title: str
    original_url: str
    author: str
    license: str
    suggestion: Attribution


def combined_notice(*, language: str, republisher: str, contact: str | None, publisher: str,
                    articles: Sequence[NoticeArticle]) -> str:
    """One message to a republisher about several of its articles: each with what is missing and its
    credit (for one article, the usual notice)."""
    if len(articles) == 1:
        a = articles[0]
        return notice(language=language, codes=list(a.codes), republisher=republisher, contact=contact,
                      page_title=a.page_title, page_url=a.page_url, original_title=a.original_title,
                      original_url=a.original_url, author=a.author, publisher=publisher, license=a.license,
                      suggestion=a.suggestion)
    lang = phrases.language_of(language)
    values = {"republisher": republisher, "contact": contact or "", "publisher": publisher, "count": len(articles)}
    values_of = [{"number": number, "page_title": a.page_title or a.page_url, "page_url": a.page_url,
                  "original_title": a.original_title or a.original_url, "original_url": a.original_url,
                  "license": a.license, "publisher": publisher, "author": a.author,
                  "author_name": f" ({a.author})" if a.author else ""} for number, a in enumerate(articles, start=1)]
    lines = [_missing(lang, a.codes, article) for a, article in zip(articles, values_of)]
    breached = any(licence or not asked for licence, asked in lines)  # not only the publisher's policy
    items: list[str] = []
    for a, article, (licence, asked) in zip(articles, values_of, lines):
        items += ["", phrases.say(lang, "notice.combined.item", **article), *licence]
        # In a letter about the licence, a request of the policy is said to be one; alone, the intro says so.
        items += [phrases.say(lang, "notice.policy_intro", **article), *asked] if asked and breached else asked
        items += ["", *_fix(lang, a.suggestion)]
    intro = "notice.combined.intro" if breached else "notice.combined.intro_policy_only"
    parts = [phrases.say(lang, "notice.to", **values)] if contact else []
    parts += [phrases.say(lang, "notice.combined.subject", **values), "", phrases.say(lang, "notice.greeting", **values),
              "", phrases.say(lang, intro, **values), *items, ""]
    parts += [phrases.say(lang, "notice.cure"), ""] if breached else []
    parts += [phrases.say(lang, "notice.closing", **values)]
    return "\n".join(parts)


def _missing(lang: str, codes: Sequence[str], values: Mapping[str, object]) -> tuple[list[str], list[str]]:
    """A line for each thing the page lacks: (what the licence requires, what the publisher's policy asks).
    The policy is asked for apart, never called a breach of the licence."""
    if "modified-nd" in codes:  # its line already asks for the text as it was; marking changes would not do
        codes = [c for c in codes if c != "modified-unmarked"]
    lines = [(c, f"- {phrases.say(lang, f'notice.code.{c}', **values)}") for c in codes
             if f"notice.code.{c}" in phrases.TABLES["en"]]
    return [line for c, line in lines if not c.startswith("policy-")], [line for c, line in lines if c.startswith("policy-")]


def _fix(lang: str, suggestion: Attribution) -> list[str]:
    return [phrases.say(lang, "notice.fix"), "", suggestion.text, "", phrases.say(lang, "notice.html"), "", suggestion.html]
