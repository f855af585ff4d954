"""The queries both engines answer, by class, and how each is written for SQLite FTS5.

Translation to FTS5 (``tokenize = "unicode61 remove_diacritics 2"``: accents and case are
folded, there is no French stemming):

- one word ``negociation``: the same bare word. FTS5 then matches ``négociation`` but not
  ``négociations``; Carnet's stemming matches both. The work is comparable (one term).
- several words ``blinken lavrov geneve``: the same words, which FTS5 ANDs. Carnet ANDs them
  too and, when fewer than 10 documents have them all, fills up with an OR of the words.
- phrase ``"controle des armes"``: the same FTS5 phrase.
- prefix ``nego*``: the same ``nego*``. Carnet looks prefixes of one or two letters up as
  whole words (``n*`` is the word ``n``), so FTS5 gets the bare word there too (``"n"``):
  both do the same work, and neither expands ``n*`` to every word starting with n.
- fuzzy ``lavrof~``: FTS5 has no equivalent; reported as n/a.
- notes: the same words, against an FTS5 table of the same notes (text, tags, quote).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

CLASSES = ("one word", "several words", "phrase", "prefix", "fuzzy", "notes")
PREFIX_WORDS = ("negociation", "diplomatie", "ukraine", "securite")
MIN_PREFIX = 3  # app.core.search.query.MIN_PREFIX: shorter prefixes are plain words

ONE_WORD = (
    "negociation",
    "diplomatie",
    "geneve",
    "ukraine",
    "russie",
    "blinken",
    "lavrov",
    "otan",
    "sanctions",
    "securite",
)
SEVERAL_WORDS = (
    "blinken lavrov geneve",
    "russie ukraine otan",
    "negociations securite europe",
    "sanctions economiques russie",
    "ministre affaires etrangeres",
    "troupes frontiere ukraine",
)
PHRASES = (
    '"affaires étrangères"',
    '"contrôle des armes"',
    '"secrétaire d\'État"',
    '"ministre russe"',
    '"troupes russes"',
    '"homologue russe"',
    '"garanties de sécurité"',
)
FUZZY = ("lavrof~", "diplomatei~", "negotiation~", "ukrane~", "moscu~")
NOTE_QUERIES = ("diplomatie", "russie", "negociations", "blinken lavrov", "securite europe")


@dataclass(frozen=True)
class Query:
    cls: str
    carnet: str
    fts5: str | None  # None: no FTS5 equivalent

    @property
    def label(self) -> str:
        return self.carnet


def _prefixes(word: str) -> list[Query]:
    out = []
    for n in range(1, len(word) + 1):
        stem = word[:n]
        fts5 = f"{stem}*" if n >= MIN_PREFIX else f'"{stem}"'
        out.append(Query("prefix", f"{stem}*", fts5))
    return out


def document_queries() -> list[Query]:
    """Every document query, grouped by class in ``CLASSES`` order."""
    queries = [Query("one word", w, w) for w in ONE_WORD]
    queries += [Query("several words", q, q) for q in SEVERAL_WORDS]
    queries += [Query("phrase", p, p) for p in PHRASES]
    for word in PREFIX_WORDS:
        queries += _prefixes(word)
    queries += [Query("fuzzy", f, None) for f in FUZZY]
    return queries


def note_queries() -> list[Query]:
    return [Query("notes", q, q) for q in NOTE_QUERIES]


# ---- notes -----------------------------------------------------------------------------------

NOTES = 2_000
NOTE_SEED = 7
NOTE_TAGS = ("à relire", "important", "citation", "diplomatie", "chronologie", "question")
NOTE_PHRASES = (
    "Voir la position de la Russie sur ce point.",
    "À comparer avec la déclaration de Genève.",
    "Argument central de l’article.",
    "Chiffres à vérifier dans une autre source.",
    "Lavrov répond ici à Blinken.",
    "La sécurité européenne est l’enjeu principal.",
    "Première mention des négociations.",
    "Passage utile pour la chronologie de la crise.",
)


@dataclass(frozen=True)
class NoteSpec:
    path: Path  # the document the note is on
    quote: str  # a passage of the document's text
    text: str
    tags: tuple[str, ...]


def note_specs(files: list[Path], count: int = NOTES) -> list[NoteSpec]:
    """``count`` notes on random documents, each quoting 4-15 words of its document."""
    rng = random.Random(NOTE_SEED)
    specs = []
    for _ in range(count):
        path = rng.choice(files)
        text = path.read_text("utf-8")
        words = list(re.finditer(r"\S+", text))
        first = rng.randrange(8, len(words) - 20)  # after the headline and source lines
        last = first + rng.randint(3, 14)
        quote = text[words[first].start() : words[last].end()]
        tags = tuple(rng.sample(NOTE_TAGS, rng.randint(0, 2)))
        specs.append(NoteSpec(path, quote, rng.choice(NOTE_PHRASES), tags))
    return specs
