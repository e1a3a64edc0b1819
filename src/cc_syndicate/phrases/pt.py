"""Português: the suggested credit, the republish block and the notice (the rest is said in English)."""

PHRASES: dict[str, str] = {
    "credit.with_author": ("«{title}», de {author}, publicado originalmente por {publisher}, republicado sob a "
                           "licença {license}."),
    "credit.without_author": ("«{title}», publicado originalmente por {publisher}, republicado sob a licença "
                              "{license}."),
    "credit.modified": "Texto modificado em relação ao original.",
    "republish.media": ("Não abrangidos pela licença: os conteúdos que o original atribui a terceiros. Não os "
                        "reutilize sem a autorização dos seus titulares."),
    "republish.forbid.changes": ("Não altere o texto: a licença {license} não permite obras derivadas (nem "
                                 "reformulações, nem cortes no interior do texto, nem acrescentos, nem traduções)."),
    "republish.forbid.nofollow": "Não marque o link para o original como nofollow, ugc ou sponsored.",
    "republish.canonical": "Acrescente isto no head da sua página:",
    "notice.to": "Para: {contact}",
    "notice.subject": "Assunto: atribuição do artigo «{original_title}» ({license})",
    "notice.greeting": "Cara redação de {republisher},",
    "notice.intro": ("O seu artigo «{page_title}» ({page_url}) reproduz o artigo «{original_title}»{by} publicado por "
                     "{publisher} ({original_url}) sob a licença {license}. A licença permite a republicação, em "
                     "condições que a página hoje não cumpre:"),
    "notice.by": ", de {author},",
    "notice.fix": "Para regularizar a situação, basta acrescentar este texto abaixo do artigo:",
    "notice.html": "Ou, em HTML:",
    "notice.cure": ("As licenças Creative Commons 4.0 são restabelecidas automaticamente se a violação for corrigida "
                    "no prazo de 30 dias a partir do momento em que dela se tomou conhecimento."),
    "notice.closing": "Obrigado pela colaboração,\n{publisher}",
    "notice.code.source-missing": "a fonte ({publisher}) não é citada;",
    "notice.code.source-link-missing": "falta um link para o artigo original;",
    "notice.code.source-link-nofollow": "o link para o artigo original está marcado como nofollow: pedimos um link normal;",
    "notice.code.author-missing": "o autor{author_name} não é indicado;",
    "notice.code.license-missing": "a licença ({license}) não é indicada;",
    "notice.code.license-mismatch": ("a página aplica ao artigo uma licença ou reserva de direitos diferente de "
                                     "{license};"),
    "notice.code.modified-unmarked": "o texto foi modificado sem que isso seja indicado;",
    "notice.code.modified-nd": ("o texto foi modificado, mas a licença {license} não permite modificações: deve ser "
                                "republicado tal como está;"),
    "notice.code.attribution-hidden": "a atribuição existe, mas em partes da página que os leitores não veem;",
    "notice.code.canonical-missing": "falta o link rel=canonical para o artigo original;",
    "notice.code.third-party-media": ("a imagem reutilizada não é nossa e não está abrangida pela licença: deve ser "
                                      "removida ou creditada;"),
}
