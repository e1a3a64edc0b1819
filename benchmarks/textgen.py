"""Italian-like articles for tests and benchmarks: words drawn from a real vocabulary with a Zipf
distribution (frequent function words, rarer content words), in sentences and paragraphs."""

from __future__ import annotations

import numpy as np

FUNCTION_WORDS = (
    "il la le lo gli i un una di a da in con su per tra fra e o ma anche non che chi come dove quando "
    "perché se più meno molto poco già ancora sempre mai oggi ieri domani del della dei delle al alla "
    "ai alle nel nella nei nelle sul sulla è sono era erano ha hanno aveva stato stata essere avere "
    "questo questa questi quello quella suo sua loro nostro ogni tutto tutti dopo prima durante secondo"
).split()
CONTENT_WORDS = (
    "comune sindaco città paese lago montagna valle fiume strada piazza scuola ospedale biblioteca museo "
    "chiesa stazione porto treno battello autobus parcheggio cantiere lavori progetto bilancio euro milioni "
    "consiglio giunta assessore cittadini residenti famiglie studenti lavoratori pensionati volontari "
    "associazione cooperativa azienda impresa negozio mercato festa sagra concerto mostra spettacolo teatro "
    "cinema squadra partita campionato allenatore giocatori tifosi stadio palestra piscina sentiero rifugio "
    "neve pioggia vento sole temperatura estate inverno primavera autunno mese settimana giorno sera mattina "
    "notte anno storia tradizione cultura ambiente rifiuti raccolta energia acqua aria inquinamento traffico "
    "sicurezza polizia carabinieri vigili incidente soccorso ambulanza medico infermieri pazienti salute "
    "servizio orari biglietto abbonamento prezzo costo contributo regione provincia stato governo ministro "
    "legge decreto proposta richiesta risposta decisione accordo incontro riunione assemblea votazione "
    "elezioni candidato partito maggioranza opposizione presidente direttore responsabile tecnico esperto "
    "università ricerca studio dati numero percentuale crescita calo aumento riduzione nuovo vecchio grande "
    "piccolo importante necessario possibile difficile facile pubblico privato locale regionale nazionale "
    "annunciato spiegato dichiarato ricordato sottolineato aggiunto chiesto promesso previsto organizzato "
    "presentato approvato realizzato completato avviato sospeso rinviato chiuso aperto riaperto inaugurato "
    "lavora vive abita arriva parte torna resta cambia cresce serve manca propone sostiene critica chiede "
    "olio vino formaggio pane pasta castagne olive uva vendemmia raccolto campi boschi animali fauna flora "
    "ponte galleria ferrovia autostrada pista ciclabile marciapiede illuminazione fognatura acquedotto rete "
    "internet telefono computer sito pagina notizia giornale articolo redazione giornalista fotografo "
    "intervista comunicato conferenza evento programma calendario iniziativa campagna bando concorso premio"
).split()


class TextGenerator:
    def __init__(self, seed: int = 1, vocabulary_size: int | None = None) -> None:
        self.rng = np.random.default_rng(seed)
        # Content words get invented inflections so that the vocabulary is as large as a newspaper's.
        suffixes = ["", "i", "e", "a", "o", "ino", "ina", "etto", "etta", "one", "ale", "ali", "ità", "mente"]
        content = [w + s for w in CONTENT_WORDS for s in suffixes]
        if vocabulary_size:
            content = content[:vocabulary_size]
        self.vocabulary = np.array(FUNCTION_WORDS + content)
        ranks = np.arange(1, len(self.vocabulary) + 1)
        weights = 1.0 / ranks ** 0.9
        self.p = weights / weights.sum()

    def sentence(self) -> str:
        n = int(self.rng.integers(10, 26))
        chosen = self.rng.choice(self.vocabulary, size=n, p=self.p)
        return " ".join(chosen).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(int(self.rng.integers(2, 5))))

    def article(self, words: int = 500) -> list[str]:
        paragraphs: list[str] = []
        while sum(len(p.split()) for p in paragraphs) < words:
            paragraphs.append(self.paragraph())
        return paragraphs
