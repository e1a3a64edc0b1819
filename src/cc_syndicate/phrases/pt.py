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
    "republish.forbid.credit_position": "Não coloque o crédito no fim: ele vai no início, antes do texto.",
    "republish.forbid.pixel": "Não remova o pixel de rastreamento (<img>) que acompanha o código para republicar.",
    "republish.forbid.edits": ("Não edite o texto além de tempo, lugar e estilo («ontem» pode virar «na semana "
                               "passada», «aqui» o nome da cidade)."),
    "republish.forbid.images": "Não reutilize as imagens do artigo: {publisher} não permite.",
    "republish.forbid.paywall": "Não coloque o artigo atrás de um paywall.",
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
    "notice.policy_intro": ("Além da licença, {publisher} pede a quem republica algumas coisas que a página ainda não "
                            "cumpre:"),
    "notice.intro_policy_only": ("O seu artigo «{page_title}» ({page_url}) reproduz o artigo «{original_title}»{by} "
                                 "publicado por {publisher} ({original_url}) sob a licença {license}, e cumpre a "
                                 "licença: obrigado. {publisher} pede também a quem republica algumas coisas que a "
                                 "página ainda não cumpre:"),
    "notice.code.policy-credit-position": "pedimos que coloque o crédito no início, antes do texto;",
    "notice.code.policy-pixel-missing": "pedimos que mantenha o pixel de rastreamento do nosso código;",
    "notice.code.policy-edits": "pedimos que limite as alterações a tempo, lugar e estilo;",
    "notice.code.policy-images": "pedimos que não reutilize as nossas imagens;",
    "notice.code.policy-paywall": "pedimos que não coloque o artigo atrás de um paywall;",
    "own_notice.grant": "Este artigo é publicado sob a licença {license}.",
    "own_notice.terms": ("Você pode republicá-lo gratuitamente, citando o autor e {publisher}, com um link para este "
                         "artigo."),
    "own_notice.no_changes": "O texto não pode ser modificado.",
    "own_notice.non_commercial": "O uso comercial não é permitido.",
    "own_notice.share_alike": "As adaptações devem ser compartilhadas sob a mesma licença.",
    "own_notice.media": ("Fotos, vídeos e outros conteúdos atribuídos a terceiros (agências, fotógrafos) não são "
                         "cobertos por esta licença: não os republique sem a autorização dos seus titulares."),
}
