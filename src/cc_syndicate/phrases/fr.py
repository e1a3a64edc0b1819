"""Français: the suggested credit, the republish block and the notice (the rest is said in English).
French typography: a non-breaking space inside « » and before : and ;."""

PHRASES: dict[str, str] = {
    "credit.with_author": ("«\u00a0{title}\u00a0» de {author}, publié initialement par {publisher}, republié sous "
                           "licence {license}."),
    "credit.without_author": ("«\u00a0{title}\u00a0», publié initialement par {publisher}, republié sous licence "
                              "{license}."),
    "credit.modified": "Texte modifié par rapport à l’original.",
    "republish.media": ("Non couverts par la licence\u00a0: les contenus que l’original attribue à des tiers. Ne les "
                        "réutilisez pas sans l’autorisation de leurs titulaires."),
    "republish.forbid.changes": ("Ne modifiez pas le texte\u00a0: la licence {license} n’autorise pas les œuvres "
                                 "dérivées (ni reformulation, ni coupe à l’intérieur du texte, ni ajout, ni traduction)."),
    "republish.forbid.nofollow": "Ne marquez pas le lien vers l’original comme nofollow, ugc ou sponsored.",
    "republish.canonical": "Ajoutez ceci dans le head de votre page\u00a0:",
    "notice.to": "À\u00a0: {contact}",
    "notice.subject": "Objet\u00a0: attribution de l’article «\u00a0{original_title}\u00a0» ({license})",
    "notice.greeting": "À l’attention de la rédaction de {republisher},",
    "notice.intro": ("Votre article «\u00a0{page_title}\u00a0» ({page_url}) reprend l’article "
                     "«\u00a0{original_title}\u00a0»{by} publié par {publisher} ({original_url}) sous licence "
                     "{license}. La licence en permet la republication, à des conditions que la page ne respecte pas "
                     "aujourd’hui\u00a0:"),
    "notice.by": " de {author},",
    "notice.fix": "Pour vous mettre en conformité, il suffit d’ajouter ce texte sous l’article\u00a0:",
    "notice.html": "Ou, en HTML\u00a0:",
    "notice.cure": ("Les licences Creative Commons 4.0 sont rétablies automatiquement si la violation est corrigée "
                    "dans les 30 jours suivant sa découverte."),
    "notice.closing": "Merci de votre collaboration,\n{publisher}",
    "notice.code.source-missing": "la source ({publisher}) n’est pas citée\u00a0;",
    "notice.code.source-link-missing": "il manque un lien vers l’article original\u00a0;",
    "notice.code.source-link-nofollow": ("le lien vers l’article original est marqué nofollow\u00a0: nous vous "
                                         "demandons un lien normal\u00a0;"),
    "notice.code.author-missing": "l’auteur{author_name} n’est pas indiqué\u00a0;",
    "notice.code.license-missing": "la licence ({license}) n’est pas indiquée\u00a0;",
    "notice.code.license-mismatch": ("la page applique à l’article une licence ou une réserve de droits différente "
                                     "de {license}\u00a0;"),
    "notice.code.modified-unmarked": "le texte a été modifié sans que cela soit indiqué\u00a0;",
    "notice.code.modified-nd": ("le texte a été modifié, mais la licence {license} n’autorise pas les "
                                "modifications\u00a0: il doit être republié tel quel\u00a0;"),
    "notice.code.attribution-hidden": ("l’attribution est présente, mais dans des parties de la page que les lecteurs "
                                       "ne voient pas\u00a0;"),
    "notice.code.canonical-missing": "il manque le lien rel=canonical vers l’article original\u00a0;",
    "notice.code.third-party-media": ("l’image reprise ne nous appartient pas et la licence ne la couvre pas\u00a0: "
                                      "elle doit être retirée ou créditée\u00a0;"),
}
