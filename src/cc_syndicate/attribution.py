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


# ---------------------------------------------------------------------------------------------
# The notice an editor sends to a republisher (Italian or English; other languages get English)
# ---------------------------------------------------------------------------------------------

_NOTICE = {
    "it": {
        "to": "A: {contact}",
        "subject": "Oggetto: attribuzione dell'articolo «{original_title}» ({license})",
        "greeting": "Gentile redazione di {republisher},",
        "intro": ("l'articolo «{page_title}» ({page_url}) riprende l'articolo «{original_title}»{by} pubblicato da "
                  "{publisher} ({original_url}) con licenza {license}. La licenza ne permette la ripubblicazione, "
                  "a condizioni che sulla pagina oggi non risultano rispettate:"),
        "by": " di {author},",
        "fix": "Per mettersi in regola basta aggiungere sotto l'articolo questo testo:",
        "html": "Oppure, in HTML:",
        "cure": ("Le licenze Creative Commons 4.0 si ripristinano automaticamente se la violazione viene sanata "
                 "entro 30 giorni da quando se ne viene a conoscenza."),
        "closing": "Grazie per la collaborazione,\n{publisher}",
        "codes": {
            "source-missing": "la fonte ({publisher}) non è citata;",
            "source-link-missing": "manca un link all'articolo originale;",
            "source-link-nofollow": "il link all'articolo originale è marcato nofollow: chiediamo un link normale;",
            "author-missing": "l'autore{author_name} non è indicato;",
            "license-missing": "la licenza ({license}) non è indicata;",
            "license-mismatch": "la pagina applica all'articolo una licenza o una riserva diversa da {license};",
            "modified-unmarked": "il testo è stato modificato senza indicarlo;",
            "modified-nd": "il testo è stato modificato, ma la licenza {license} non consente modifiche: va ripubblicato com'è;",
            "attribution-hidden": "l'attribuzione c'è, ma in parti della pagina che i lettori non vedono;",
            "canonical-missing": "manca il link rel=canonical all'articolo originale;",
            "third-party-media": "l'immagine ripresa non è nostra e non è coperta dalla licenza: va rimossa o accreditata;",
        },
    },
    "en": {
        "to": "To: {contact}",
        "subject": "Subject: credit for the article “{original_title}” ({license})",
        "greeting": "Dear {republisher} editors,",
        "intro": ("your article “{page_title}” ({page_url}) republishes “{original_title}”{by} published by "
                  "{publisher} ({original_url}) under {license}. The licence allows republication on conditions "
                  "that the page does not meet today:"),
        "by": " by {author},",
        "fix": "To put it right, add this credit under the article:",
        "html": "Or, as HTML:",
        "cure": ("Creative Commons 4.0 licences are reinstated automatically when a breach is cured within 30 days "
                 "of discovering it."),
        "closing": "Thank you,\n{publisher}",
        "codes": {
            "source-missing": "the source ({publisher}) is not named;",
            "source-link-missing": "there is no link to the original article;",
            "source-link-nofollow": "the link to the original is marked nofollow: please make it a normal link;",
            "author-missing": "the author{author_name} is not credited;",
            "license-missing": "the licence ({license}) is not named;",
            "license-mismatch": "the page applies another licence or reservation to the article than {license};",
            "modified-unmarked": "the text was changed and the page does not say so;",
            "modified-nd": "the text was changed, but {license} allows no changes: please republish it as it is;",
            "attribution-hidden": "the credit is there, but only where readers cannot see it;",
            "canonical-missing": "there is no rel=canonical link to the original article;",
            "third-party-media": "the image you reused is not ours and the licence does not cover it: please remove or credit it;",
        },
    },
}


def notice(
    *, language: str, codes: list[str], republisher: str, contact: str | None, page_title: str, page_url: str,
    original_title: str, original_url: str, author: str, publisher: str, license: str, suggestion: Attribution,
) -> str:
    """A polite message to the republisher: the article, what is missing, and the snippet that fixes it."""
    words = _NOTICE.get(language, _NOTICE["en"])
    values = {"republisher": republisher, "contact": contact or "", "page_title": page_title or page_url,
              "page_url": page_url, "original_title": original_title or original_url, "original_url": original_url,
              "publisher": publisher, "license": license, "author": author,
              "author_name": f" ({author})" if author else ""}
    values["by"] = words["by"].format(**values) if author else ","
    missing = [f"- {words['codes'][c].format(**values)}" for c in codes if c in words["codes"]]
    parts = [words["to"].format(**values)] if contact else []
    parts += [words["subject"].format(**values), "", words["greeting"].format(**values), "",
              words["intro"].format(**values), *missing, "", words["fix"], "", suggestion.text, "", words["html"], "",
              suggestion.html, "", words["cure"], "", words["closing"].format(**values)]
    return "\n".join(parts)
