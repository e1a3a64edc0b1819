"""Deutsch: the suggested credit, the republish block and the notice (the rest is said in English)."""

PHRASES: dict[str, str] = {
    "credit.with_author": ("„{title}“ von {author}, zuerst veröffentlicht von {publisher}, übernommen unter der "
                           "Lizenz {license}."),
    "credit.without_author": "„{title}“, zuerst veröffentlicht von {publisher}, übernommen unter der Lizenz {license}.",
    "credit.modified": "Der Text wurde gegenüber dem Original geändert.",
    "republish.media": ("Nicht von der Lizenz erfasst: Inhalte, die das Original Dritten zuschreibt. Verwenden Sie "
                        "sie nicht ohne die Erlaubnis der Rechteinhaber."),
    "republish.forbid.changes": ("Ändern Sie den Text nicht: Die Lizenz {license} erlaubt keine Bearbeitungen (keine "
                                 "Umformulierungen, keine Kürzungen innerhalb des Textes, keine Ergänzungen, keine "
                                 "Übersetzungen)."),
    "republish.forbid.nofollow": "Kennzeichnen Sie den Link zum Original nicht als nofollow, ugc oder sponsored.",
    "republish.forbid.credit_position": "Setzen Sie die Quellenangabe nicht ans Ende: Sie gehört an den Anfang, vor den Text.",
    "republish.forbid.pixel": "Entfernen Sie nicht das Zählpixel (<img>), das zum Code für die Übernahme gehört.",
    "republish.forbid.edits": ("Ändern Sie den Text nur bei Zeit, Ort und Stil („gestern“ darf „letzte Woche“ werden, "
                               "„hier“ der Name der Stadt)."),
    "republish.forbid.images": "Verwenden Sie die Bilder des Artikels nicht: {publisher} erlaubt es nicht.",
    "republish.forbid.paywall": "Stellen Sie den Artikel nicht hinter eine Bezahlschranke.",
    "republish.canonical": "Fügen Sie dies in den Head Ihrer Seite ein:",
    "notice.to": "An: {contact}",
    "notice.subject": "Betreff: Namensnennung für den Artikel „{original_title}“ ({license})",
    "notice.greeting": "Sehr geehrte Redaktion von {republisher},",
    "notice.intro": ("Ihr Artikel „{page_title}“ ({page_url}) übernimmt den Artikel „{original_title}“{by} "
                     "veröffentlicht von {publisher} ({original_url}) unter der Lizenz {license}. Die Lizenz erlaubt "
                     "die Wiederveröffentlichung unter Bedingungen, die die Seite derzeit nicht erfüllt:"),
    "notice.by": " von {author},",
    "notice.fix": "Um dies zu beheben, genügt es, diesen Text unter dem Artikel einzufügen:",
    "notice.html": "Oder als HTML:",
    "notice.cure": ("Creative-Commons-4.0-Lizenzen leben automatisch wieder auf, wenn der Verstoß innerhalb von "
                    "30 Tagen, nachdem er bekannt wurde, behoben wird."),
    "notice.closing": "Mit freundlichen Grüßen\n{publisher}",
    "notice.combined.subject": "Betreff: Namensnennung für {count} Artikel von {publisher}",
    "notice.combined.intro": ("{count} Artikel auf Ihrer Website übernehmen Artikel, die {publisher} unter einer Creative-Commons-Lizenz "
                                 "veröffentlicht hat. Die Lizenz erlaubt die Wiederveröffentlichung unter Bedingungen, die diese "
                                 "Seiten heute nicht erfüllen:"),
    "notice.combined.intro_policy_only": ("{count} Artikel auf Ihrer Website übernehmen Artikel, die {publisher} unter einer "
                                         "Creative-Commons-Lizenz veröffentlicht hat, und halten die Lizenz ein: danke. "
                                         "{publisher} bittet außerdem um einige Dinge, die diese Seiten noch nicht einhalten:"),
    "notice.combined.item": "{number}. „{page_title}“ ({page_url}) übernimmt „{original_title}“ ({original_url}), Lizenz {license}:",
    "notice.code.source-missing": "die Quelle ({publisher}) wird nicht genannt;",
    "notice.code.source-link-missing": "es fehlt ein Link zum Originalartikel;",
    "notice.code.source-link-nofollow": ("der Link zum Originalartikel ist als nofollow gekennzeichnet: Wir bitten "
                                         "um einen normalen Link;"),
    "notice.code.author-missing": "der Name des Autors oder der Autorin{author_name} fehlt;",
    "notice.code.license-missing": "die Lizenz ({license}) wird nicht genannt;",
    "notice.code.license-mismatch": ("die Seite versieht den Artikel mit einer anderen Lizenz oder einem "
                                     "Rechtevorbehalt als {license};"),
    "notice.code.modified-unmarked": "der Text wurde geändert, ohne dass darauf hingewiesen wird;",
    "notice.code.modified-nd": ("der Text wurde geändert, aber die Lizenz {license} erlaubt keine Änderungen: Bitte "
                                "veröffentlichen Sie ihn unverändert;"),
    "notice.code.attribution-hidden": "die Namensnennung ist vorhanden, aber nur an Stellen, die Leser nicht sehen;",
    "notice.code.canonical-missing": "es fehlt der Link rel=canonical zum Originalartikel;",
    "notice.code.third-party-media": ("das übernommene Bild gehört nicht uns und ist nicht von der Lizenz erfasst: "
                                      "Bitte entfernen Sie es oder nennen Sie die Quelle;"),
    "notice.policy_intro": ("Über die Lizenz hinaus bittet {publisher} um einige Dinge, die die Seite noch nicht "
                            "einhält:"),
    "notice.intro_policy_only": ("Ihr Artikel „{page_title}“ ({page_url}) übernimmt den Artikel „{original_title}“{by} "
                                 "von {publisher} ({original_url}) unter der Lizenz {license} und hält die Lizenz ein: "
                                 "danke. {publisher} bittet außerdem um einige Dinge, die die Seite noch nicht einhält:"),
    "notice.code.policy-credit-position": "bitte setzen Sie die Quellenangabe an den Anfang, vor den Text;",
    "notice.code.policy-pixel-missing": "bitte behalten Sie das Zählpixel aus unserem Code bei;",
    "notice.code.policy-edits": "bitte beschränken Sie Änderungen auf Zeit, Ort und Stil;",
    "notice.code.policy-images": "bitte verwenden Sie unsere Bilder nicht;",
    "notice.code.policy-paywall": "bitte stellen Sie den Artikel nicht hinter eine Bezahlschranke;",
    "own_notice.grant": "Dieser Artikel ist unter der Lizenz {license} veröffentlicht.",
    "own_notice.terms": ("Sie dürfen ihn kostenlos übernehmen, wenn Sie Autorin oder Autor und {publisher} nennen "
                         "und auf diesen Artikel verlinken."),
    "own_notice.no_changes": "Der Text darf nicht verändert werden.",
    "own_notice.non_commercial": "Eine kommerzielle Nutzung ist nicht erlaubt.",
    "own_notice.share_alike": "Bearbeitungen müssen unter derselben Lizenz weitergegeben werden.",
    "own_notice.media": ("Fotos, Videos und andere Inhalte, die Dritten zugeschrieben sind (Agenturen, Fotografen), "
                         "sind von dieser Lizenz nicht erfasst: Übernehmen Sie sie nicht ohne die Erlaubnis der "
                         "Rechteinhaber."),
    # the check page of cc-syndicate serve
    "page.title": "Einen übernommenen Artikel prüfen",
    "page.intro": ("Sie haben einen Artikel von {publisher} übernommen? Fügen Sie die Adresse Ihrer Seite ein: Wir "
                   "prüfen, ob sie die Quelle nennt und die Lizenz wie verlangt angibt, und sagen Ihnen genau, was "
                   "fehlt."),
    "page.label_url": "Die Adresse Ihrer Seite",
    "page.label_original": "Die Adresse des Originalartikels (optional)",
    "page.hint_original": "Nur nötig, wenn Ihre Seite nicht auf das Original verlinkt.",
    "page.submit": "Prüfen",
    "page.reproduces": "Diese Seite übernimmt „{title}“",
    "page.quotes": "Diese Seite zitiert einen Auszug aus „{title}“",
    "page.ok": "und erfüllt die Bedingungen der Lizenz ({license}).",
    "page.bad_one": "aber eine Bedingung der Lizenz ({license}) ist nicht erfüllt.",
    "page.bad_many": "aber {n} Bedingungen der Lizenz ({license}) sind nicht erfüllt.",
    "page.none": "Diese Seite übernimmt „{title}“ nicht, daher ist keine Quellenangabe nötig.",
    "page.blocked": ("Diese Seite konnte nicht geprüft werden: Die robots.txt der Website verbietet Crawlern, sie zu "
                     "lesen."),
    "page.exempt": ("{host} übernimmt aufgrund einer eigenen Vereinbarung mit {publisher} ({reason}): Mehr ist nicht "
                    "nötig."),
    "page.h_requirements": "Was die Lizenz verlangt, und was gefunden wurde",
    "page.h_policy": "Was {publisher} über die Lizenz hinaus erbittet",
    "page.warning": "Prüfen",
    "page.not_required": "Von diesen Regeln nicht verlangt: {names}.",
    "page.fix": "So beheben Sie es:",
    "page.h_changes": "Gegenüber dem Original geänderte Sätze",
    "page.col_original": "Original",
    "page.col_page": "Ihre Seite",
    "page.changed": "umformuliert",
    "page.added": "hinzugefügt",
    "page.removed": "entfernt",
    "page.more_changes": "… und {n} weitere.",
    "page.h_credit": "Die Quellenangabe zum Einfügen unter dem Artikel",
    "page.credit_hint": ("Fügen Sie die HTML-Fassung in den HTML-Editor Ihrer Website ein, die Textfassung überall "
                         "sonst."),
    "page.html": "HTML",
    "page.text": "Text",
    "page.copy_button": "Kopieren",
    "page.copied": "Kopiert",
    "page.h_original": "Das Original",
    "page.h_page": "Ihre Seite",
    "page.by": "von {author}",
    "page.published_by": "veröffentlicht von {publisher} unter {license}",
    "page.checked_at": "Geprüft um {time} UTC.",
    "page.again": "Erneut prüfen",
    "page.another": "Eine andere Seite prüfen",
    "page.h_error": "Die Seite konnte nicht geprüft werden",
    "page.field_url": "Die Adresse Ihrer Seite",
    "page.field_original": "Die Adresse des Originalartikels",
    "page.missing_value": "Es fehlt: {field}.",
    "page.not-text": "{field} muss Text sein.",
    "page.too-long": "{field} ist zu lang.",
    "page.bad-characters": "{field} enthält Zeichen, die eine Webadresse nicht hat (Leer- oder Steuerzeichen).",
    "page.not-a-url": ("{field} ist keine Webadresse: Schreiben Sie sie vollständig, z. B. "
                       "https://example.org/artikel/."),
    "page.not-web": "{field} ist keine Webseite: Nur http- und https-Adressen können geprüft werden.",
    "page.credentials": "{field} enthält einen Benutzernamen oder ein Passwort: Bitte entfernen Sie sie.",
    "page.refused": ("{value} zeigt auf eine Adresse in einem privaten oder lokalen Netz, die dieser Dienst nie "
                     "aufruft."),
    "page.unreachable": "{value} konnte nicht gelesen werden: {reason}.",
    "page.reason_status": "der Server antwortete mit dem Fehler {status}",
    "page.reason_timeout": "die Website antwortete nicht rechtzeitig",
    "page.reason_large": "die Seite ist zu groß",
    "page.reason_redirects": "die Adresse leitet zu oft weiter",
    "page.reason_deferred": "die Website bat, eine Weile nicht mehr zu fragen",
    "page.reason_connect": "die Website ist nicht erreichbar",
    "page.reason_robots": "die robots.txt der Website verbietet Crawlern, sie zu lesen",
    "page.no_original": ("Welchen Artikel übernimmt diese Seite? Sie verlinkt auf keinen Artikel von {publisher}, "
                         "den wir finden konnten: Geben Sie die Adresse des Originalartikels an und prüfen Sie "
                         "erneut."),
    "page.busy": "Gerade laufen viele Prüfungen. Bitte versuchen Sie es in {seconds} Sekunden erneut.",
    "page.rate_limited": ("Sie haben in kurzer Zeit viele Prüfungen gestartet. Bitte versuchen Sie es in {seconds} "
                          "Sekunden erneut."),
    "page.not_found": "Unter dieser Adresse gibt es nichts.",
    "page.too_large": "Die Anfrage ist zu groß.",
    "page.internal": ("Bei uns ist etwas schiefgegangen (der Fehler wurde protokolliert). Bitte versuchen Sie es "
                      "später erneut."),
    "page.bad_method": "Diese Adresse beantwortet diese Art von Anfrage nicht.",
    "page.not-json": "Senden Sie ein JSON-Objekt wie {{\"url\": \"https://example.org/artikel/\"}}.",
    "page.footer": "Ein Dienst von {publisher}, erstellt mit cc-syndicate.",
    "page.republish_title": "Diesen Artikel übernehmen",
    "page.republish_intro": ("{publisher} veröffentlicht diesen Artikel unter {license}: Sie dürfen ihn mit der "
                             "Quellenangabe unten übernehmen, wie es die Lizenz und die Regeln von {publisher} "
                             "verlangen."),
    "page.h_license": "Die Lizenz",
    "page.h_head": "Im Head der Seite",
    "page.h_media": "Bilder und andere Inhalte",
    "page.h_forbidden": "Was nicht erlaubt ist",
    "page.then_check": "Sobald Ihre Kopie online ist, prüfen Sie sie:",
    "page.label_article": "Die Adresse des Artikels",
    "page.get_credit": "Quellenangabe anzeigen",
    "page.h_no_credit": "Keine Quellenangabe für diese Adresse",
    "page.not_ours": ("{value} ist kein Artikel von {publisher}: Diese Seite nennt die Quellenangabe nur für Artikel "
                      "von {publisher}."),
}
