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
}
