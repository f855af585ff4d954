"""Deterministic French-like libraries for the benchmark, written once per size and reused.

A document is a headline, a ``Source :`` line, a ``Publié le`` date line, then ~600 words of
paragraphs mixing real sentences of the bundled corpus (``corpus/*.txt``) with sentences
drawn from frequent French words and the corpus vocabulary, with elisions written with
both apostrophes (``l’Ukraine``, ``d'État``), and a last line ``Référence : benchNNNNNN``
whose word is unique to the document (the incremental measure uses it to see removals).

Layout of ``DIR/docs-N/``: ``library/NNN/doc-NNNNNN.txt`` (1,000 files per folder) and
``generated.json`` (the generator version, seed and size: a library is regenerated when
they differ). ``incremental.dirty`` exists while the incremental measure has the library
changed; a library left dirty by an interrupted run is regenerated.

Every document is a pure function of ``(seed, number)``, so the incremental measure can
change, add and remove files and put them back exactly.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.core.paths import bundled_corpus_dir

GENERATOR_VERSION = 1
SEED = 20240
WORDS_PER_DOC = 600
FILES_PER_FOLDER = 1_000
MARKER = "generated.json"
DIRTY = "incremental.dirty"
START_ENV = "CARNET_BENCH_STARTED"

# Words the incremental measure writes into the changed and the added documents.
CHANGED_WORD = "benchmodifie"
ADDED_WORD = "benchajoute"
ADDED_FOLDER = "zz-added"
INCREMENTAL_CHANGED = 1
INCREMENTAL_ADDED = 10
INCREMENTAL_REMOVED = 10

FREQUENT = [
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "du",
    "de",
    "et",
    "à",
    "en",
    "au",
    "aux",
    "pour",
    "par",
    "sur",
    "dans",
    "avec",
    "sans",
    "sous",
    "entre",
    "vers",
    "chez",
    "est",
    "sont",
    "été",
    "être",
    "avoir",
    "a",
    "ont",
    "était",
    "fait",
    "faire",
    "dit",
    "dire",
    "peut",
    "pourrait",
    "doit",
    "plus",
    "moins",
    "très",
    "aussi",
    "encore",
    "déjà",
    "toujours",
    "jamais",
    "bien",
    "mal",
    "tout",
    "tous",
    "toute",
    "cette",
    "ces",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "notre",
    "nos",
    "votre",
    "qui",
    "que",
    "quoi",
    "dont",
    "où",
    "mais",
    "ou",
    "donc",
    "or",
    "ni",
    "car",
    "selon",
    "depuis",
    "pendant",
    "après",
    "avant",
    "contre",
    "lors",
    "alors",
    "ainsi",
    "comme",
    "même",
    "autre",
    "autres",
    "année",
    "années",
    "jour",
    "jours",
    "semaine",
    "mois",
    "temps",
    "monde",
    "pays",
    "pouvoir",
    "gouvernement",
    "ministre",
    "président",
    "état",
    "états",
    "politique",
    "économie",
    "sécurité",
    "guerre",
    "paix",
    "accord",
    "réunion",
    "crise",
    "région",
    "frontière",
    "armée",
    "troupes",
    "sommet",
    "négociations",
    "diplomatie",
    "européenne",
    "européens",
    "américains",
    "russes",
    "ukrainiens",
    "occidentaux",
    "responsables",
    "dirigeants",
    "déclaration",
    "téléphonique",
    "conversation",
    "décision",
    "question",
    "réponse",
    "problème",
    "situation",
    "position",
    "élevé",
    "général",
    "général",
    "nouvelle",
    "nouveau",
    "grande",
    "grand",
    "premier",
    "première",
    "dernière",
    "côté",
    "fin",
    "début",
    "partie",
    "place",
    "rôle",
    "idée",
    "façon",
    "raison",
    "intérêt",
    "opération",
    "exercice",
]
VOWEL_START = re.compile(r"^[aeiouyhâàéèêëîïôûœ]", re.IGNORECASE)
SOURCES = (
    "Le Temps",
    "watson",
    "Le Monde",
    "Libération",
    "Le Figaro",
    "La Croix",
    "Tribune de Genève",
    "Radio-Canada",
    "France 24",
    "L’Express",
    "Ouest-France",
    "Le Devoir",
)
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


@dataclass(frozen=True)
class Corpus:
    sentences: tuple[str, ...]
    vocabulary: tuple[str, ...]  # words of 4+ letters, with repeats (frequency-weighted)


@lru_cache(maxsize=1)
def corpus() -> Corpus:
    """Sentences and vocabulary of the bundled articles."""
    text = " ".join(p.read_text("utf-8") for p in sorted(bundled_corpus_dir().glob("*.txt")))
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    parts = re.split(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«\"“(])", text)
    sentences = tuple(s for s in parts if 6 <= len(s.split()) <= 45)
    vocabulary = tuple(w for w in re.findall(r"[^\W\d_]{4,}", text) if not w.isupper())
    return Corpus(sentences, vocabulary)


def _elide(words: list[str], rng: random.Random) -> str:
    """Join words, eliding le/la/de/que/ne before a vowel with ’ or ' (both occur)."""
    out: list[str] = []
    for word in words:
        if out and VOWEL_START.match(word) and out[-1].lower() in {"le", "la", "de", "que", "ne"}:
            apostrophe = "’" if rng.random() < 0.5 else "'"
            out[-1] = out[-1][0] + apostrophe + word
            continue
        out.append(word)
    return " ".join(out)


def _made_up_sentence(rng: random.Random) -> str:
    vocabulary = corpus().vocabulary
    length = rng.randint(8, 22)
    words = [
        rng.choice(FREQUENT) if rng.random() < 0.6 else rng.choice(vocabulary)
        for _ in range(length)
    ]
    sentence = _elide(words, rng)
    return sentence[0].upper() + sentence[1:] + rng.choice(("." * 6) + "?!")


def _real_sentence(rng: random.Random) -> str:
    sentence = rng.choice(corpus().sentences)
    # The corpus writes elisions with '; half of the borrowed sentences get ’ instead.
    return sentence.replace("'", "’") if rng.random() < 0.5 else sentence


def _headline(rng: random.Random) -> str:
    words = rng.choice(corpus().sentences).rstrip(".!?…").split()
    start = rng.randrange(max(1, len(words) - 6))
    cut = words[start : start + rng.randint(6, 12)]
    line = " ".join(cut).strip(' ,;:«»"“”()')
    return line[0].upper() + line[1:]


def document_text(number: int, seed: int = SEED) -> str:
    """The text of document ``number`` (deterministic)."""
    rng = random.Random(seed * 1_000_003 + number)
    head = [
        _headline(rng),
        "",
        f"Source : {rng.choice(SOURCES)}",
        f"Publié le {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2024)}",
        "",
    ]
    paragraphs: list[str] = []
    words = 0
    while words < WORDS_PER_DOC:
        sentences = [
            _real_sentence(rng) if rng.random() < 0.5 else _made_up_sentence(rng)
            for _ in range(rng.randint(3, 6))
        ]
        paragraph = " ".join(sentences)
        words += len(paragraph.split())
        paragraphs.append(paragraph)
    tail = ["", f"Référence : bench{number:06d}", ""]
    return "\n".join(head) + "\n\n".join(paragraphs) + "\n" + "\n".join(tail)


def reference_word(number: int) -> str:
    return f"bench{number:06d}"


def doc_path(library: Path, number: int) -> Path:
    return library / f"{number // FILES_PER_FOLDER:03d}" / f"doc-{number:06d}.txt"


def size_dir(root: Path, size: int) -> Path:
    return root / f"docs-{size}"


def library_dir(directory: Path) -> Path:
    return directory / "library"


def _marker(size: int) -> dict[str, int]:
    return {"version": GENERATOR_VERSION, "seed": SEED, "size": size}


def ensure_library(root: Path, size: int, log: bool = True) -> Path:
    """The directory of the ``size``-document library, generated unless already there."""
    directory = size_dir(root, size)
    marker = directory / MARKER
    try:
        current = json.loads(marker.read_text("utf-8"))
    except (OSError, ValueError):
        current = None
    if current == _marker(size) and not (directory / DIRTY).exists():
        return directory
    began = time.perf_counter()
    if directory.exists():
        shutil.rmtree(directory)
    library = library_dir(directory)
    for number in range(size):
        path = doc_path(library, number)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document_text(number), "utf-8")
        if log and number % 2_000 == 1_999:
            progress(f"generated {number + 1:,}/{size:,} documents")
    marker.write_text(json.dumps(_marker(size)), "utf-8")
    if log:
        progress(f"generated {size:,} documents in {time.perf_counter() - began:.1f} s")
    return directory


# ---- the incremental change ------------------------------------------------------------------


def changed_number(size: int) -> int:
    return size // 2


def removed_numbers(size: int) -> list[int]:
    step = size // INCREMENTAL_REMOVED
    return [step * k + 7 for k in range(INCREMENTAL_REMOVED)]


def added_paths(directory: Path) -> list[Path]:
    folder = library_dir(directory) / ADDED_FOLDER
    return [folder / f"added-{k:02d}.txt" for k in range(INCREMENTAL_ADDED)]


def apply_change(directory: Path, size: int) -> None:
    """One document changed, ten added, ten removed (undo with ``revert_change``)."""
    (directory / DIRTY).write_text("1", "utf-8")
    library = library_dir(directory)
    changed = doc_path(library, changed_number(size))
    changed.write_text(
        document_text(changed_number(size)) + f"Mise à jour : {CHANGED_WORD}.\n", "utf-8"
    )
    for k, path in enumerate(added_paths(directory)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document_text(size + k) + f"Ajout : {ADDED_WORD}.\n", "utf-8")
    for number in removed_numbers(size):
        doc_path(library, number).unlink()


def revert_change(directory: Path, size: int) -> None:
    library = library_dir(directory)
    for number in [changed_number(size), *removed_numbers(size)]:
        doc_path(library, number).write_text(document_text(number), "utf-8")
    shutil.rmtree(library / ADDED_FOLDER, ignore_errors=True)
    (directory / DIRTY).unlink(missing_ok=True)


# Subprocesses inherit the start time, so every progress line counts from the same moment.
_STARTED = float(os.environ.setdefault(START_ENV, str(time.time())))


def progress(message: str) -> None:
    """Progress goes to stderr, prefixed with the seconds since the benchmark started."""
    print(f"[bench {time.time() - _STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)
