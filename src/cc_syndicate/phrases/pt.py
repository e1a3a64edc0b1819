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
    "notice.combined.subject": "Assunto: atribuição de {count} artigos de {publisher}",
    "notice.combined.intro": ("{count} artigos do seu site reproduzem artigos publicados por {publisher} com licença Creative Commons. "
                                 "A licença permite a sua republicação, em condições que estas páginas hoje não cumprem:"),
    "notice.combined.intro_policy_only": ("{count} artigos do seu site reproduzem artigos publicados por {publisher} com "
                                         "licença Creative Commons, e cumprem a licença: obrigado. {publisher} pede também a "
                                         "quem republica algumas coisas que estas páginas ainda não cumprem:"),
    "notice.combined.item": "{number}. «{page_title}» ({page_url}) reproduz «{original_title}» ({original_url}), licença {license}:",
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
    # the check page of cc-syndicate serve
    "page.title": "Verifique um artigo republicado",
    "page.intro": ("Republicou um artigo de {publisher}? Cole o endereço da sua página: verificamos se cita a fonte "
                   "e indica a licença como exigido, e dizemos-lhe exatamente o que acrescentar."),
    "page.label_url": "O endereço da sua página",
    "page.label_original": "O endereço do artigo original (opcional)",
    "page.hint_original": "Só é preciso se a sua página não tiver uma ligação para o original.",
    "page.submit": "Verificar",
    "page.reproduces": "Esta página reproduz «{title}»",
    "page.quotes": "Esta página cita um excerto de «{title}»",
    "page.ok": "e cumpre as condições da licença ({license}).",
    "page.bad_one": "mas uma condição da licença ({license}) não é cumprida.",
    "page.bad_many": "mas {n} condições da licença ({license}) não são cumpridas.",
    "page.none": "Esta página não reproduz «{title}», por isso não é exigida atribuição.",
    "page.blocked": "Não foi possível verificar esta página: o robots.txt do site proíbe os rastreadores de a ler.",
    "page.exempt": "{host} republica ao abrigo de um acordo próprio com {publisher} ({reason}): nada mais é exigido.",
    "page.h_requirements": "O que a licença pede, e o que foi encontrado",
    "page.h_policy": "O que {publisher} pede ainda, além da licença",
    "page.warning": "Verificar",
    "page.not_required": "Não exigido por estas regras: {names}.",
    "page.fix": "Como corrigir:",
    "page.h_changes": "Frases alteradas em relação ao original",
    "page.col_original": "Original",
    "page.col_page": "A sua página",
    "page.changed": "reformulada",
    "page.added": "acrescentada",
    "page.removed": "retirada",
    "page.more_changes": "… e mais {n}.",
    "page.h_credit": "A atribuição a colar por baixo do artigo",
    "page.credit_hint": "Cole a versão HTML no editor HTML do seu site, ou a versão de texto noutro lugar.",
    "page.html": "HTML",
    "page.text": "Texto",
    "page.copy_button": "Copiar",
    "page.copied": "Copiado",
    "page.h_original": "O original",
    "page.h_page": "A sua página",
    "page.by": "de {author}",
    "page.published_by": "publicado por {publisher} sob a licença {license}",
    "page.checked_at": "Verificado às {time} UTC.",
    "page.again": "Verificar de novo",
    "page.another": "Verificar outra página",
    "page.h_error": "Não foi possível verificar a página",
    "page.field_url": "O endereço da sua página",
    "page.field_original": "O endereço do artigo original",
    "page.missing_value": "Falta: {field}.",
    "page.not-text": "{field} tem de ser texto.",
    "page.too-long": "{field} é demasiado longo.",
    "page.bad-characters": ("{field} contém caracteres que um endereço web não tem (espaços ou caracteres de "
                            "controlo)."),
    "page.not-a-url": ("{field} não é um endereço web: escreva-o por inteiro, por exemplo "
                       "https://example.org/artigo/."),
    "page.not-web": "{field} não é uma página web: só se podem verificar endereços http e https.",
    "page.credentials": "{field} contém um nome de utilizador ou uma palavra-passe: retire-os.",
    "page.refused": "{value} aponta para um endereço de uma rede privada ou local, a que este serviço nunca acede.",
    "page.unreachable": "Não foi possível ler {value}: {reason}.",
    "page.reason_status": "o servidor respondeu com o erro {status}",
    "page.reason_timeout": "o site não respondeu a tempo",
    "page.reason_large": "a página é demasiado grande",
    "page.reason_redirects": "o endereço redireciona demasiadas vezes",
    "page.reason_deferred": "o site pediu para esperar antes de voltar a ser consultado",
    "page.reason_connect": "não foi possível contactar o site",
    "page.reason_robots": "o robots.txt do site proíbe os rastreadores de a ler",
    "page.no_original": ("Que artigo republica esta página? Não encontrámos uma ligação para um artigo de "
                         "{publisher}: acrescente o endereço do artigo original e verifique de novo."),
    "page.busy": "Neste momento há muitas verificações em curso. Tente de novo dentro de {seconds} segundos.",
    "page.rate_limited": "Fez muitas verificações em pouco tempo. Tente de novo dentro de {seconds} segundos.",
    "page.not_found": "Não há nada neste endereço.",
    "page.too_large": "O pedido é demasiado grande.",
    "page.internal": "Algo correu mal do nosso lado (o erro foi registado). Tente de novo mais tarde.",
    "page.bad_method": "Este endereço não responde a esse tipo de pedido.",
    "page.not-json": "Envie um objeto JSON como {{\"url\": \"https://example.org/artigo/\"}}.",
    "page.footer": "Um serviço de {publisher}, feito com cc-syndicate.",
    "page.republish_title": "Republique este artigo",
    "page.republish_intro": ("{publisher} publica este artigo sob a licença {license}: pode republicá-lo com a "
                             "atribuição abaixo, como pedem a licença e as regras de {publisher}."),
    "page.h_license": "A licença",
    "page.h_head": "No head da página",
    "page.h_media": "Imagens e outros conteúdos",
    "page.h_forbidden": "O que não é permitido",
    "page.then_check": "Quando a sua cópia estiver online, verifique-a:",
    "page.label_article": "O endereço do artigo",
    "page.get_credit": "Ver a atribuição",
    "page.h_no_credit": "Nenhuma atribuição para este endereço",
    "page.not_ours": ("{value} não é um artigo de {publisher}: esta página só dá a atribuição dos artigos de "
                      "{publisher}."),
}
