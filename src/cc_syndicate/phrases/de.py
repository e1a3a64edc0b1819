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
}
