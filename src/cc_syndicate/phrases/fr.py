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
    "republish.forbid.credit_position": "Ne placez pas l’attribution en bas : elle va en haut, avant le texte.",
    "republish.forbid.pixel": "Ne retirez pas le pixel de suivi (<img>) fourni avec le code à republier.",
    "republish.forbid.edits": ("Ne modifiez pas le texte au-delà du temps, du lieu et du style (« hier » peut "
                               "devenir « la semaine dernière », « ici » le nom de la ville)."),
    "republish.forbid.images": "Ne réutilisez pas les images de l’article : {publisher} ne l’autorise pas.",
    "republish.forbid.paywall": "Ne placez pas l’article derrière un paywall.",
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
    "notice.combined.subject": "Objet\u00a0: attribution de {count} articles de {publisher}",
    "notice.combined.intro": ("{count} articles de votre site reprennent des articles publiés par {publisher} sous licence Creative "
                                 "Commons. La licence en permet la republication, à des conditions que ces pages ne remplissent "
                                 "pas aujourd’hui\u00a0:"),
    "notice.combined.intro_policy_only": ("{count} articles de votre site reprennent des articles publiés par {publisher} sous "
                                         "licence Creative Commons, et respectent la licence\u00a0: merci. {publisher} demande "
                                         "aussi quelques engagements que ces pages ne respectent pas encore\u00a0:"),
    "notice.combined.item": ("{number}. «\u00a0{page_title}\u00a0» ({page_url}) reprend «\u00a0{original_title}\u00a0» ({original_url}), "
                                "licence {license}\u00a0:"),
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
    "notice.policy_intro": ("Au-delà de la licence, {publisher} demande quelques engagements que la page ne respecte "
                            "pas encore\u00a0:"),
    "notice.intro_policy_only": ("Votre article «\u00a0{page_title}\u00a0» ({page_url}) reprend l’article "
                                 "«\u00a0{original_title}\u00a0»{by} publié par {publisher} ({original_url}) sous licence "
                                 "{license}, et respecte la licence\u00a0: merci. {publisher} demande aussi quelques "
                                 "engagements que la page ne respecte pas encore\u00a0:"),
    "notice.code.policy-credit-position": "merci de placer l’attribution en haut, avant le texte\u00a0;",
    "notice.code.policy-pixel-missing": "merci de conserver le pixel de suivi de notre code\u00a0;",
    "notice.code.policy-edits": "merci de limiter les modifications au temps, au lieu et au style\u00a0;",
    "notice.code.policy-images": "merci de ne pas réutiliser nos images\u00a0;",
    "notice.code.policy-paywall": "merci de ne pas placer l’article derrière un paywall\u00a0;",
    "own_notice.grant": "Cet article est publié sous licence {license}.",
    "own_notice.terms": ("Vous pouvez le republier gratuitement en citant l’auteur et {publisher}, avec un lien vers "
                         "cet article."),
    "own_notice.no_changes": "Le texte ne peut pas être modifié.",
    "own_notice.non_commercial": "L’utilisation commerciale n’est pas autorisée.",
    "own_notice.share_alike": "Les adaptations doivent être partagées sous la même licence.",
    "own_notice.media": ("Les photos, vidéos et autres contenus attribués à des tiers (agences, photographes) ne sont "
                         "pas couverts par cette licence\u00a0: ne les republiez pas sans l’autorisation de leurs titulaires."),
    # the check page of cc-syndicate serve
    "page.title": "Vérifier un article republié",
    "page.intro": ("Vous avez republié un article de {publisher} ? Collez l'adresse de votre page : nous vérifions "
                   "qu'elle cite la source et porte la licence comme il se doit, et vous disons exactement quoi "
                   "ajouter."),
    "page.label_url": "L'adresse de votre page",
    "page.label_original": "L'adresse de l'article original (facultatif)",
    "page.hint_original": "Utile seulement si votre page ne renvoie pas à l'original.",
    "page.submit": "Vérifier",
    "page.reproduces": "Cette page reproduit « {title} »",
    "page.quotes": "Cette page cite un extrait de « {title} »",
    "page.ok": "et respecte les conditions de la licence ({license}).",
    "page.bad_one": "mais une condition de la licence ({license}) n'est pas respectée.",
    "page.bad_many": "mais {n} conditions de la licence ({license}) ne sont pas respectées.",
    "page.none": "Cette page ne reproduit pas « {title} », aucune mention n'est donc requise.",
    "page.blocked": "Cette page n'a pas pu être vérifiée : le robots.txt du site interdit aux robots de la lire.",
    "page.exempt": "{host} republie selon son propre accord avec {publisher} ({reason}) : rien d'autre n'est requis.",
    "page.h_requirements": "Ce que demande la licence, et ce qui a été trouvé",
    "page.h_policy": "Ce que {publisher} demande en plus, au-delà de la licence",
    "page.warning": "À vérifier",
    "page.not_required": "Non requis par ces règles : {names}.",
    "page.fix": "Pour corriger :",
    "page.h_changes": "Phrases modifiées par rapport à l'original",
    "page.col_original": "Original",
    "page.col_page": "Votre page",
    "page.changed": "reformulée",
    "page.added": "ajoutée",
    "page.removed": "supprimée",
    "page.more_changes": "… et {n} autres.",
    "page.h_credit": "La mention à coller sous l'article",
    "page.credit_hint": "Collez la version HTML dans l'éditeur HTML de votre site, ou la version texte ailleurs.",
    "page.html": "HTML",
    "page.text": "Texte",
    "page.copy_button": "Copier",
    "page.copied": "Copié",
    "page.h_original": "L'original",
    "page.h_page": "Votre page",
    "page.by": "de {author}",
    "page.published_by": "publié par {publisher} sous licence {license}",
    "page.checked_at": "Vérifié à {time} UTC.",
    "page.again": "Vérifier à nouveau",
    "page.another": "Vérifier une autre page",
    "page.h_error": "La page n'a pas pu être vérifiée",
    "page.field_url": "L'adresse de votre page",
    "page.field_original": "L'adresse de l'article original",
    "page.missing_value": "Il manque : {field}.",
    "page.not-text": "{field} doit être du texte.",
    "page.too-long": "{field} est trop longue.",
    "page.bad-characters": ("{field} contient des caractères qu'une adresse web n'a pas (espaces ou caractères de "
                            "contrôle)."),
    "page.not-a-url": ("{field} n'est pas une adresse web : écrivez-la en entier, par exemple "
                       "https://example.org/article/."),
    "page.not-web": "{field} n'est pas une page web : seules les adresses http et https peuvent être vérifiées.",
    "page.credentials": "{field} contient un nom d'utilisateur ou un mot de passe : retirez-les.",
    "page.refused": "{value} désigne une adresse d'un réseau privé ou local, que ce service n'atteint jamais.",
    "page.unreachable": "{value} n'a pas pu être lue : {reason}.",
    "page.reason_status": "le serveur a répondu par l'erreur {status}",
    "page.reason_timeout": "le site n'a pas répondu à temps",
    "page.reason_large": "la page est trop volumineuse",
    "page.reason_redirects": "l'adresse redirige trop de fois",
    "page.reason_deferred": "le site a demandé d'attendre avant d'être interrogé à nouveau",
    "page.reason_connect": "le site est injoignable",
    "page.reason_robots": "le robots.txt du site interdit aux robots de la lire",
    "page.no_original": ("Quel article cette page republie-t-elle ? Elle ne renvoie à aucun article de {publisher} "
                         "que nous ayons trouvé : ajoutez l'adresse de l'article original et vérifiez à nouveau."),
    "page.busy": "Beaucoup de vérifications sont en cours. Réessayez dans {seconds} secondes.",
    "page.rate_limited": ("Vous avez lancé beaucoup de vérifications en peu de temps. Réessayez dans {seconds} "
                          "secondes."),
    "page.not_found": "Il n'y a rien à cette adresse.",
    "page.too_large": "La requête est trop volumineuse.",
    "page.internal": "Un problème est survenu de notre côté (il a été consigné). Réessayez plus tard.",
    "page.bad_method": "Cette adresse ne répond pas à ce type de requête.",
    "page.not-json": "Envoyez un objet JSON tel que {{\"url\": \"https://example.org/article/\"}}.",
    "page.footer": "Un service de {publisher}, réalisé avec cc-syndicate.",
    "page.republish_title": "Republier cet article",
    "page.republish_intro": ("{publisher} publie cet article sous licence {license} : vous pouvez le republier avec "
                             "la mention ci-dessous, comme le demandent la licence et les règles de {publisher}."),
    "page.h_license": "La licence",
    "page.h_head": "Dans le head de la page",
    "page.h_media": "Images et autres contenus",
    "page.h_forbidden": "Ce qui n'est pas permis",
    "page.then_check": "Une fois votre copie en ligne, vérifiez-la :",
    "page.label_article": "L'adresse de l'article",
    "page.get_credit": "Voir la mention",
    "page.h_no_credit": "Aucune mention pour cette adresse",
    "page.not_ours": ("{value} n'est pas un article de {publisher} : cette page ne donne la mention que pour les "
                      "articles de {publisher}."),
}
