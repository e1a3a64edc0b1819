"""Ready credit snippets in the publisher's language (pure).

The snippet carries what CC BY 4.0 §3(a) asks for: the creator, the publisher as designated party,
a link to the material, whether it was modified, and the licence named and linked.
"""

from __future__ import annotations

from html import escape

from .models import Attribution, License, Original, Rules

# Per language: (credit with author, credit without author, the sentence that marks changes).
_PHRASES: dict[str, tuple[str, str, str]] = {
    "it": (
        "«{title}» di {author}, pubblicato originariamente da {publisher}, ripubblicato con licenza {license}.",
        "«{title}», pubblicato originariamente da {publisher}, ripubblicato con licenza {license}.",
        " Testo modificato rispetto all'originale.",
    ),
    "en": (
        "“{title}” by {author}, originally published by {publisher}, republished under {license}.",
        "“{title}”, originally published by {publisher}, republished under {license}.",
        " The text has been edited from the original.",
    ),
    "es": (
        "«{title}», de {author}, publicado originalmente por {publisher}, reproducido bajo licencia {license}.",
        "«{title}», publicado originalmente por {publisher}, reproducido bajo licencia {license}.",
        " Texto modificado respecto al original.",
    ),
    "fr": (
        "« {title} » de {author}, publié initialement par {publisher}, republié sous licence {license}.",
        "« {title} », publié initialement par {publisher}, republié sous licence {license}.",
        " Texte modifié par rapport à l’original.",
    ),
    "de": (
        "„{title}“ von {author}, zuerst veröffentlicht von {publisher}, übernommen unter der Lizenz {license}.",
        "„{title}“, zuerst veröffentlicht von {publisher}, übernommen unter der Lizenz {license}.",
        " Der Text wurde gegenüber dem Original geändert.",
    ),
    "pt": (
        "«{title}», de {author}, publicado originalmente por {publisher}, republicado sob a licença {license}.",
        "«{title}», publicado originalmente por {publisher}, republicado sob a licença {license}.",
        " Texto modificado em relação ao original.",
    ),
}


def language_of(rules: Rules) -> str:
    lang = (rules.publisher.language or "en").lower()[:2]
    return lang if lang in _PHRASES else "en"


def deed_link(license: License, lang: str) -> str | None:
    url = license.deed_url
    if url and lang != "en" and "/licenses/" in url:
        url += f"deed.{lang}"
    return url


def suggest(original: Original, rules: Rules, modified: bool = False) -> Attribution:
    """The credit a republisher should paste under the article, as HTML and as plain text."""
    lang = language_of(rules)
    with_author, without_author, modified_sentence = _PHRASES[lang]
    template = with_author if original.authors else without_author
    license = rules.license if rules.license.unit else (original.license or rules.license)
    url = original.identity
    title = original.title or url
    author = ", ".join(original.authors)
    publisher = rules.publisher.name
    deed = deed_link(license, lang)
    note = modified_sentence if modified else ""
    text = template.format(title=title, author=author, publisher=publisher, license=license.short_name)
    text += note + f" {url}" + (f" — {deed}" if deed else "")
    html = template.format(
        title=f'<a href="{escape(url)}">{escape(title)}</a>',
        author=escape(author),
        publisher=escape(publisher),
        license=(f'<a rel="license" href="{escape(deed)}">{escape(license.short_name)}</a>' if deed else escape(license.short_name)),
    )
    return Attribution(html=f"<p>{html}{escape(note)}</p>", text=text)
