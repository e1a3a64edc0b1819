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
}
