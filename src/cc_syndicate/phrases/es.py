"""Español: the suggested credit, the republish block and the notice (the rest is said in English)."""

PHRASES: dict[str, str] = {
    "credit.with_author": ("«{title}», de {author}, publicado originalmente por {publisher}, reproducido bajo "
                           "licencia {license}."),
    "credit.without_author": "«{title}», publicado originalmente por {publisher}, reproducido bajo licencia {license}.",
    "credit.modified": "Texto modificado respecto al original.",
    "republish.media": ("No cubiertos por la licencia: los contenidos que el original atribuye a terceros. No los "
                        "reutilice sin el permiso de sus titulares."),
    "republish.forbid.changes": ("No modifique el texto: la licencia {license} no permite obras derivadas (ni "
                                 "reformulaciones, ni cortes dentro del texto, ni añadidos, ni traducciones)."),
    "republish.forbid.nofollow": "No marque el enlace al original como nofollow, ugc o sponsored.",
    "republish.forbid.credit_position": "No ponga la atribución al final: va al principio, antes del texto.",
    "republish.forbid.pixel": "No elimine el píxel de seguimiento (<img>) que acompaña al código para republicar.",
    "republish.forbid.edits": ("No edite el texto más allá del tiempo, el lugar y el estilo («ayer» puede pasar a ser "
                               "«la semana pasada», «aquí» el nombre de la ciudad)."),
    "republish.forbid.images": "No reutilice las imágenes del artículo: {publisher} no lo permite.",
    "republish.forbid.paywall": "No ponga el artículo detrás de un muro de pago.",
    "republish.canonical": "Añada esto en el head de su página:",
    "notice.to": "Para: {contact}",
    "notice.subject": "Asunto: atribución del artículo «{original_title}» ({license})",
    "notice.greeting": "Estimada redacción de {republisher}:",
    "notice.intro": ("Su artículo «{page_title}» ({page_url}) reproduce el artículo «{original_title}»{by} publicado "
                     "por {publisher} ({original_url}) bajo licencia {license}. La licencia permite republicarlo con "
                     "condiciones que hoy la página no cumple:"),
    "notice.by": ", de {author},",
    "notice.fix": "Para regularizarlo, basta con añadir este texto debajo del artículo:",
    "notice.html": "O bien, en HTML:",
    "notice.cure": ("Las licencias Creative Commons 4.0 se restablecen automáticamente si el incumplimiento se "
                    "subsana en un plazo de 30 días desde que se tiene conocimiento de él."),
    "notice.closing": "Gracias por su colaboración,\n{publisher}",
    "notice.code.source-missing": "no se cita la fuente ({publisher});",
    "notice.code.source-link-missing": "falta un enlace al artículo original;",
    "notice.code.source-link-nofollow": ("el enlace al artículo original está marcado como nofollow: le pedimos un "
                                         "enlace normal;"),
    "notice.code.author-missing": "no se indica el autor{author_name};",
    "notice.code.license-missing": "no se indica la licencia ({license});",
    "notice.code.license-mismatch": ("la página aplica al artículo una licencia o una reserva de derechos distinta "
                                     "de {license};"),
    "notice.code.modified-unmarked": "el texto se ha modificado sin indicarlo;",
    "notice.code.modified-nd": ("el texto se ha modificado, pero la licencia {license} no permite modificaciones: "
                                "debe republicarse tal cual;"),
    "notice.code.attribution-hidden": "la atribución existe, pero en partes de la página que los lectores no ven;",
    "notice.code.canonical-missing": "falta el enlace rel=canonical al artículo original;",
    "notice.code.third-party-media": ("la imagen reutilizada no es nuestra y la licencia no la cubre: debe retirarse "
                                      "o acreditarse;"),
    "notice.policy_intro": ("Además de la licencia, {publisher} pide a quienes republican algunas cosas que la página "
                            "todavía no cumple:"),
    "notice.intro_policy_only": ("Su artículo «{page_title}» ({page_url}) reproduce el artículo «{original_title}»{by} "
                                 "publicado por {publisher} ({original_url}) bajo licencia {license}, y cumple la "
                                 "licencia: gracias. {publisher} pide además a quienes republican algunas cosas que la "
                                 "página todavía no cumple:"),
    "notice.code.policy-credit-position": "le pedimos que ponga la atribución al principio, antes del texto;",
    "notice.code.policy-pixel-missing": "le pedimos que mantenga el píxel de seguimiento de nuestro código;",
    "notice.code.policy-edits": "le pedimos que limite los cambios al tiempo, el lugar y el estilo;",
    "notice.code.policy-images": "le pedimos que no reutilice nuestras imágenes;",
    "notice.code.policy-paywall": "le pedimos que no ponga el artículo detrás de un muro de pago;",
    "own_notice.grant": "Este artículo se publica bajo licencia {license}.",
    "own_notice.terms": ("Puede reproducirlo gratuitamente citando al autor y a {publisher}, con un enlace a este "
                         "artículo."),
    "own_notice.no_changes": "El texto no puede modificarse.",
    "own_notice.non_commercial": "No se permite el uso comercial.",
    "own_notice.share_alike": "Las obras derivadas deben compartirse con la misma licencia.",
    "own_notice.media": ("Las fotos, los vídeos y otros contenidos atribuidos a terceros (agencias, fotógrafos) no "
                         "están cubiertos por esta licencia: no los reproduzca sin el permiso de sus titulares."),
}
