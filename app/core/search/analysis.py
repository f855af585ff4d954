"""French text analysis shared by the document index, note search and the reader's hit marking.

Whoosh pickles analyzers into the index's table of contents, so the classes here must keep
this module path, stay picklable (no caches on instances) and bump ``ANALYSIS_VERSION``
whenever what they emit changes.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from functools import lru_cache

import Stemmer
from whoosh.analysis import (
    Analyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StopFilter,
    Token,
)
from whoosh.formats import Positions
from whoosh.lang.stopwords import stoplists

# Bump when the tokens emitted for a given text change: the index is then rebuilt.
# 2: ø, đ, ł, ı fold like the letters they are read as (Ørsted == Orsted).
ANALYSIS_VERSION = 2

# \w splits elisions on both ' and ’ (l’Ukraine -> l, ukraine) and hyphenated words.
TOKEN_PATTERN = r"\w+"

# Snowball's French list lacks these frequent function words and elided forms.
EXTRA_STOPS = frozenset(
    {"les", "cette", "cet", "jusqu", "lorsqu", "puisqu", "quoiqu", "quelqu", "a", "y"}
)
FRENCH_STOPS = frozenset(stoplists["fr"]) | EXTRA_STOPS

# Letters that NFD does not decompose but a French reader reads as others: ligatures
# (cœur == coeur) and barred or dotless letters (Łódź == Lodz). Both cases: fold() does not
# lower-case. The one table for search, find, the library filter and sorting (collation).
_LIGATURES = str.maketrans(
    {
        "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss",
        "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i",
    }
)  # fmt: skip


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """``word`` without accents or ligatures, case kept: ``négociés`` -> ``negocies``."""
    decomposed = unicodedata.normalize("NFD", word.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_stemmer: Stemmer.Stemmer | None = None


def _stem(word: str) -> str:
    global _stemmer  # noqa: PLW0603 - one C stemmer per process, created lazily
    if _stemmer is None:
        _stemmer = Stemmer.Stemmer("french")
    return str(_stemmer.stemWord(word))


@lru_cache(maxsize=200_000)
def index_variants(word: str) -> tuple[str, ...]:
    """Terms indexed for a lowercase word.

    Stem-then-fold and fold-then-stem each miss cases (``activités`` -> ``activ`` but
    ``activites`` -> ``activit``), so the index holds both at the same position.
    """
    a = fold(_stem(word))
    b = _stem(fold(word))
    return (a,) if a == b else (a, b)


@lru_cache(maxsize=200_000)
def query_term(word: str) -> str:
    """The one term a query word looks up; it meets one of the indexed variants."""
    return fold(_stem(word))


class FrenchStemFoldFilter(Filter):
    """Stems and folds accents; emits both variants when indexing, one when querying."""

    is_morph = True  # keeps real words in the spelling field ("did you mean")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FrenchStemFoldFilter)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            if t.stopped:
                yield t
                continue
            if t.mode == "query":
                t.text = query_term(t.text)
                yield t
            else:
                for variant in index_variants(t.text):
                    t.text = variant
                    yield t


class FoldFilter(Filter):
    """Folds accents and ligatures without stemming (names, sources)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FoldFilter)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold(t.text)
            yield t


def french_analyzer() -> Analyzer:
    """Tokenize on \\w, lowercase, drop French stop words, stem and fold accents."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=FRENCH_STOPS, minsize=1)
        | FrenchStemFoldFilter()
    )


class FrenchPositions(Positions):
    """Positions format whose indexing skips Whoosh's token pipeline.

    Emits exactly what ``french_analyzer()`` emits in index mode (same terms, same
    renumbered positions, both variants at one position) without building a Token per
    word: analysis was most of the indexing time. Queries still use the analyzer.

    A value is the positions themselves as little-endian uint32 (``RAW_POSITIONS``), not
    Whoosh's pickled deltas: ``numpy.frombuffer`` reads them for phrases and passages
    without a Python loop, and ``array`` decodes them ~5x faster than pickle and a sum.
    """

    RAW_POSITIONS = "<u4"
    """The numpy dtype of a value: readers of the flat codec decode it without this class."""

    def encode(self, poslist: list[int]) -> bytes:
        a = array("I", poslist)
        if sys.byteorder == "big":
            a.byteswap()
        return a.tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        a = array("I")
        a.frombytes(valuestring)
        if sys.byteorder == "big":
            a.byteswap()
        return a.tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        return len(valuestring) // 4 * float(self.field_boost)

    def word_values(
        self, value: str, analyzer: Analyzer, **kwargs: object
    ) -> Iterator[tuple[str, int, float, bytes]]:
        if kwargs.get("mode", "index") != "index":
            yield from super().word_values(value, analyzer, **kwargs)
            return
        # StopFilter(renumber=True): the first kept word keeps its own position, each
        # later kept word takes the next one (stop words take none). Positions are
        # gathered per distinct word first (a text repeats its words), then per term.
        stops = FRENCH_STOPS  # a local: this is the indexing hot path
        words = list(map(str.lower, _WORD.findall(value)))  # as LowercaseFilter, per token
        first = next((i for i, w in enumerate(words) if w not in stops), None)
        if first is None:
            return
        by_word: dict[str, list[int]] = {}
        pos = first
        for word in words[first:]:
            if word in stops:
                continue
            found = by_word.get(word)
            if found is None:
                by_word[word] = [pos]
            else:
                found.append(pos)
            pos += 1
        poses: dict[str, list[int]] = {}
        merged: list[str] = []  # terms two words share (négocié, negocie): re-sorted
        for word, positions in by_word.items():
            for variant in index_variants(word):
                have = poses.get(variant)
                if have is None:
                    poses[variant] = positions
                else:
                    poses[variant] = have + positions
                    merged.append(variant)
        for term in merged:
            poses[term].sort()
        boost = self.field_boost
        for term, poslist in poses.items():
            yield term, len(poslist), len(poslist) * boost, self.encode(poslist)


def folding_analyzer() -> Analyzer:
    """Tokenize, lowercase and fold accents, no stemming: for short fields such as the source."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()


_WORD = re.compile(TOKEN_PATTERN)


def query_term_list(text: str) -> list[str]:
    """The analysed terms of free text in order, stop words left out (a phrase's terms)."""
    return [
        query_term(w)
        for w in (m.group().lower() for m in _WORD.finditer(text))
        if w not in FRENCH_STOPS
    ]


def query_terms(text: str) -> set[str]:
    """The analysed terms of free text, as the index would look them up."""
    return set(query_term_list(text))


def indexed_words(
    text: str, wanted: set[str] | frozenset[str]
) -> list[tuple[int, int, frozenset[str]]]:
    """``(start, end, terms)`` for each word of ``text`` that is not a stop word, where
    ``terms`` are those of ``wanted`` the index would match it against (often none).

    Each distinct word is analysed once: a book repeats the same few thousand words.
    """
    seen: dict[str, frozenset[str] | None] = {}  # None: a stop word, skipped
    out: list[tuple[int, int, frozenset[str]]] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word in seen:
            terms = seen[word]
        else:
            lower = word.lower()
            stop = lower in FRENCH_STOPS
            terms = None if stop else frozenset(v for v in index_variants(lower) if v in wanted)
            seen[word] = terms
        if terms is not None:
            out.append((m.start(), m.end(), terms))
    return out


def matching_spans(
    text: str, terms: set[str] | frozenset[str], limit: int | None = None
) -> list[tuple[int, int]]:
    """Character spans of the words in ``text`` that the index would match against ``terms``.

    Used to mark hits in the reader and in notes with exactly the index's French matching
    (``negociations`` marks ``négocier``). ``limit`` stops after that many spans (snippets
    need the first few, not every hit of a long text).
    """
    if not terms:
        return []
    # Not built on ``indexed_words``: a tuple per word costs ~1.6x on a 1 MB book, and
    # this runs on the GUI thread for every search hit marked; a yes/no per word is enough.
    spans: list[tuple[int, int]] = []
    verdicts: dict[str, bool] = {}  # each distinct word is looked up once
    for m in _WORD.finditer(text):
        word = m.group()
        hit = verdicts.get(word)
        if hit is None:
            lower = word.lower()
            hit = lower not in FRENCH_STOPS and any(v in terms for v in index_variants(lower))
            verdicts[word] = hit
        if hit:
            spans.append((m.start(), m.end()))
            if limit is not None and len(spans) >= limit:
                break
    return spans
