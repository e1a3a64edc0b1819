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
    "notice.combined.subject": "Asunto: atribución de {count} artículos de {publisher}",
    "notice.combined.intro": ("{count} artículos de su sitio reproducen artículos publicados por {publisher} con licencia Creative "
                                 "Commons. La licencia permite su republicación con condiciones que estas páginas hoy no cumplen:"),
    "notice.combined.intro_policy_only": ("{count} artículos de su sitio reproducen artículos publicados por {publisher} con "
                                         "licencia Creative Commons, y cumplen la licencia: gracias. {publisher} pide además a "
                                         "quienes republican algunas cosas que estas páginas todavía no cumplen:"),
    "notice.combined.item": "{number}. «{page_title}» ({page_url}) reproduce «{original_title}» ({original_url}), licencia {license}:",
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
    # the check page of cc-syndicate serve
    "page.title": "Comprueba un artículo republicado",
    "page.intro": ("¿Has republicado un artículo de {publisher}? Pega la dirección de tu página: comprobamos que "
                   "cite la fuente y lleve la licencia como se exige, y te decimos exactamente qué añadir."),
    "page.label_url": "La dirección de tu página",
    "page.label_original": "La dirección del artículo original (opcional)",
    "page.hint_original": "Solo hace falta si tu página no enlaza al original.",
    "page.submit": "Comprobar",
    "page.reproduces": "Esta página reproduce «{title}»",
    "page.quotes": "Esta página cita un extracto de «{title}»",
    "page.ok": "y cumple las condiciones de la licencia ({license}).",
    "page.bad_one": "pero no cumple una condición de la licencia ({license}).",
    "page.bad_many": "pero no cumple {n} condiciones de la licencia ({license}).",
    "page.none": "Esta página no reproduce «{title}», así que no hace falta atribución.",
    "page.blocked": "No se pudo comprobar esta página: el robots.txt del sitio prohíbe a los rastreadores leerla.",
    "page.exempt": "{host} republica según su propio acuerdo con {publisher} ({reason}): no hace falta nada más.",
    "page.h_requirements": "Lo que pide la licencia, y lo que se ha encontrado",
    "page.h_policy": "Lo que {publisher} pide además, más allá de la licencia",
    "page.warning": "Revisar",
    "page.not_required": "No lo exigen estas reglas: {names}.",
    "page.fix": "Cómo corregirlo:",
    "page.h_changes": "Frases cambiadas respecto al original",
    "page.col_original": "Original",
    "page.col_page": "Tu página",
    "page.changed": "reformulada",
    "page.added": "añadida",
    "page.removed": "eliminada",
    "page.more_changes": "… y {n} más.",
    "page.h_credit": "La atribución que debes pegar bajo el artículo",
    "page.credit_hint": ("Pega la versión HTML en el editor HTML de tu sitio, o la versión de texto en cualquier "
                         "otro lugar."),
    "page.html": "HTML",
    "page.text": "Texto",
    "page.copy_button": "Copiar",
    "page.copied": "Copiado",
    "page.h_original": "El original",
    "page.h_page": "Tu página",
    "page.by": "de {author}",
    "page.published_by": "publicado por {publisher} bajo licencia {license}",
    "page.checked_at": "Comprobado a las {time} UTC.",
    "page.again": "Comprobar de nuevo",
    "page.another": "Comprobar otra página",
    "page.h_error": "No se pudo comprobar la página",
    "page.field_url": "La dirección de tu página",
    "page.field_original": "La dirección del artículo original",
    "page.missing_value": "Falta: {field}.",
    "page.not-text": "{field} debe ser texto.",
    "page.too-long": "{field} es demasiado larga.",
    "page.bad-characters": ("{field} contiene caracteres que una dirección web no tiene (espacios o caracteres de "
                            "control)."),
    "page.not-a-url": ("{field} no es una dirección web: escríbela completa, por ejemplo "
                       "https://example.org/articulo/."),
    "page.not-web": "{field} no es una página web: solo se pueden comprobar direcciones http y https.",
    "page.credentials": "{field} contiene un nombre de usuario o una contraseña: quítalos.",
    "page.refused": "{value} apunta a una dirección de una red privada o local, a la que este servicio nunca accede.",
    "page.unreachable": "No se pudo leer {value}: {reason}.",
    "page.reason_status": "el servidor respondió con el error {status}",
    "page.reason_timeout": "el sitio no respondió a tiempo",
    "page.reason_large": "la página es demasiado grande",
    "page.reason_redirects": "la dirección redirige demasiadas veces",
    "page.reason_deferred": "el sitio pidió esperar antes de volver a preguntarle",
    "page.reason_connect": "no se pudo contactar con el sitio",
    "page.reason_robots": "el robots.txt del sitio prohíbe a los rastreadores leerla",
    "page.no_original": ("¿Qué artículo republica esta página? No enlaza a ningún artículo de {publisher} que "
                         "hayamos encontrado: añade la dirección del artículo original y comprueba de nuevo."),
    "page.busy": "Ahora mismo hay muchas comprobaciones en curso. Inténtalo de nuevo dentro de {seconds} segundos.",
    "page.rate_limited": ("Has hecho muchas comprobaciones en poco tiempo. Inténtalo de nuevo dentro de {seconds} "
                          "segundos."),
    "page.not_found": "No hay nada en esta dirección.",
    "page.too_large": "La petición es demasiado grande.",
    "page.internal": ("Algo ha fallado por nuestra parte (el error ha quedado registrado). Inténtalo de nuevo más "
                      "tarde."),
    "page.bad_method": "Esta dirección no responde a ese tipo de petición.",
    "page.not-json": "Envía un objeto JSON como {{\"url\": \"https://example.org/articulo/\"}}.",
    "page.footer": "Un servicio de {publisher}, hecho con cc-syndicate.",
    "page.republish_title": "Republica este artículo",
    "page.republish_intro": ("{publisher} publica este artículo bajo licencia {license}: puedes republicarlo con la "
                             "atribución de abajo, como piden la licencia y las reglas de {publisher}."),
    "page.h_license": "La licencia",
    "page.h_head": "En el head de la página",
    "page.h_media": "Imágenes y otros contenidos",
    "page.h_forbidden": "Lo que no está permitido",
    "page.then_check": "Cuando tu copia esté en línea, compruébala:",
    "page.label_article": "La dirección del artículo",
    "page.get_credit": "Ver la atribución",
    "page.h_no_credit": "Ninguna atribución para esta dirección",
    "page.not_ours": ("{value} no es un artículo de {publisher}: esta página solo da la atribución de los artículos "
                      "de {publisher}."),
}
