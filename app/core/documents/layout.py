"""The reader's plain-text model: lines, exact offset mapping, links and folded find.

No Qt here, so the subtle parts (offsets, folding) are testable alone.

The document text is shown as *runs*: one per non-blank line, with its surrounding spaces
trimmed. Runs of one paragraph (lines separated by single newlines) are joined by a line
separator; paragraphs (separated by blank lines) become QTextDocument blocks. Either way
consecutive runs are one Qt character apart, whatever the Python gap between them was.

Structure (``app.core.documents.structure.Block`` spans) splits the text further: every block is its
own paragraph(s), its runs carry its ``kind`` and ``level``, and hidden kinds (a repeated
headline, a caption printed twice) get no runs at all. An offset inside a hidden span maps
like one in a trimmed gap: to the nearest visible place before it.

Pages: a form feed (``\\f``, between the pages of a PDF) ends a paragraph like a blank line
and is never shown; the first run of each new page carries its page number, for the reader
to draw a marker that takes no character of the text.

Offsets: notes and the index speak Python ``str`` offsets; QTextDocument positions count
UTF-16 code units, so an astral character ("𝄞", each half of "🇫🇷") counts twice.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from app.core.documents.structure import LIST_MARKER_RE, Block
from app.core.documents.toc import PAGE_BREAK
from app.core.search.analysis import fold

Span = tuple[int, int]
"""A stretch of the document's text: start and end offsets, Python characters."""

LINE_SEPARATOR = "\u2028"
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# A line's content trimmed of surrounding whitespace (searched within one line's bounds).
_TRIMMED = re.compile(r"\S(?:.*\S)?", re.DOTALL)
_INDENTED = re.compile(r"[^\n]*\S", re.DOTALL)  # preformatted lines keep their indent
# QTextCursor.insertText turns these into block breaks or frame markers, which would shift
# every later position: replace them one for one inside a run.
_UNSAFE = str.maketrans(
    {
        "\r": " ",
        "\u2029": LINE_SEPARATOR,
        "\ufdd0": "\ufffd",
        "\ufdd1": "\ufffd",
        "\ufffc": "\ufffd",
    }
)
# Stop before spaces, quotes and brackets that French text puts around a URL.
_URL = re.compile(r"\bhttps?://[^\s<>\"«»“”‘’\[\]{}|\\^`]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)'"


class Run(NamedTuple):  # a tuple: a book has tens of thousands, built on opening
    """One displayed line: ``text[start:end]`` at UTF-16 position ``qt_start`` of the body."""

    start: int
    end: int
    qt_start: int
    ends_paragraph: bool
    kind: str = ""  # a Block kind ("heading", "list_item"…), "" for ordinary text
    level: int = 0
    flows: bool = False  # the line break after it is a hard wrap: shown as a space
    page: int = 0  # the page this run starts, when it is the first shown of a page past 1


class TextLayout:
    """How a document's text maps onto the reader's QTextDocument body."""

    def __init__(self, text: str, blocks: Sequence[Block] = ()) -> None:
        self.text = text
        # Python offsets of astral characters: each adds one UTF-16 unit.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self.runs: list[Run] = []
        self.hidden: list[tuple[int, int]] = []
        # Offsets of the form feeds: each ends a page, and a paragraph with it.
        self.page_breaks = [m.start() for m in re.finditer(PAGE_BREAK, text)]
        breaks = iter(self.page_breaks)
        next_break = next(breaks, len(text))
        page = shown_page = 1
        qt = 0
        for seg_start, seg_end, kind, level in self._segments(blocks):
            for p_start, p_end in _paragraph_spans(text, seg_start, seg_end):
                lines = _line_spans(text, p_start, p_end, keep_indent=kind == "pre")
                flows = kind != "pre" and _hard_wrapped(text, lines)
                for k, (start, end) in enumerate(lines):
                    last = k == len(lines) - 1
                    while next_break < start:
                        page += 1
                        next_break = next(breaks, len(text))
                    mark = page if page != shown_page else 0
                    shown_page = page
                    run = Run(start, end, qt, last, kind, level, flows and not last, mark)
                    self.runs.append(run)
                    qt += self._utf16(start, end) + 1  # +1: the separator after the run
        if not self.runs:
            self.runs.append(Run(0, 0, 0, ends_paragraph=True))
            qt = 1
        self.qt_length = qt - 1  # no separator after the last run
        self._starts = [r.start for r in self.runs]
        self._ends = [r.end for r in self.runs]
        self._qt_starts = [r.qt_start for r in self.runs]

    def _segments(self, blocks: Sequence[Block]) -> list[tuple[int, int, str, int]]:
        """(start, end, kind, level) pieces covering the text, hidden blocks left out.

        Blocks that overlap an earlier one or fall outside the text are ignored: structure
        is a nicety and must never lose text.
        """
        out: list[tuple[int, int, str, int]] = []
        pos = 0
        for b in sorted(blocks):
            if b.start < pos or b.end > len(self.text) or b.start >= b.end:
                continue
            if b.start > pos:
                out.extend(self._pages(pos, b.start, "", 0))
            if b.hidden:
                self.hidden.append((b.start, b.end))
            else:
                out.extend(self._pages(b.start, b.end, b.kind, b.level))
            pos = b.end
        out.extend(self._pages(pos, len(self.text), "", 0))
        return out

    def _pages(
        self, start: int, end: int, kind: str, level: int
    ) -> list[tuple[int, int, str, int]]:
        """``(start, end, kind, level)`` cut at each form feed: no run spans two pages."""
        pieces = []
        cut = self.text.find(PAGE_BREAK, start, end)
        while cut != -1:
            pieces.append((start, cut, kind, level))
            start = cut + 1
            cut = self.text.find(PAGE_BREAK, start, end)
        pieces.append((start, end, kind, level))
        return pieces

    def page_marks(self) -> list[Run]:
        """The runs that start a page (past the first), in order."""
        return [run for run in self.runs if run.page]

    def first_shown(self, offset: int) -> int:
        """The offset of the first shown character at or after ``offset`` (a page start,
        a contents entry in a gap): where a jump there should put the top of the view."""
        i = bisect_left(self._ends, offset)  # the first run that does not end before it
        if i >= len(self.runs):
            return self.runs[-1].end
        return max(offset, self.runs[i].start)

    def is_hidden(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` lies wholly inside a hidden span."""
        return any(a <= start and end <= b for a, b in self.hidden)

    def _utf16(self, start: int, end: int) -> int:
        return end - start + bisect_left(self._astral, end) - bisect_left(self._astral, start)

    def display(self, run: Run) -> str:
        """What the reader inserts for a run: same UTF-16 length as ``text[start:end]``."""
        return self.text[run.start : run.end].translate(_UNSAFE)

    def to_qt(self, offset: int, end: bool = False) -> int:
        """UTF-16 position in the body of Python ``offset``.

        An offset in the trimmed gap between two runs maps to the separator between them
        (the end of the earlier run); offsets outside the text are clamped. Where structure
        splits a line, two runs touch: their shared offset is the later run's start, or
        with ``end`` (the end of a span) the earlier run's end, so a span never takes in
        the separator Qt needs between them.
        """
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0
        if end and i > 0 and self.runs[i].start == offset == self.runs[i - 1].end:
            i -= 1
        run = self.runs[i]
        return run.qt_start + self._utf16(run.start, min(max(offset, run.start), run.end))

    def to_py(self, pos: int) -> int:
        """Python offset of body position ``pos``; inside a surrogate pair rounds down.

        The separator after a run maps to the run's end, so ``to_py(to_qt(x)) == x`` for
        every offset inside a run or at its end.
        """
        i = max(bisect_right(self._qt_starts, pos) - 1, 0)
        run = self.runs[i]
        units = max(pos - run.qt_start, 0)
        if units >= self._utf16(run.start, run.end):
            return run.end
        # Smallest Python offset whose UTF-16 length from the run start exceeds ``units``,
        # minus one: found by bisection since astral characters make it non-linear.
        lo, hi = run.start, run.start + units
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._utf16(run.start, mid) <= units:
                lo = mid
            else:
                hi = mid - 1
        return lo


def _paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in _BLANK_LINES.finditer(text, start, end):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, end))
    return [s for s in spans if not text[s[0] : s[1]].isspace() and s[0] < s[1]]


# A hard-wrapped paragraph (a plain-text book wrapped at ~70 columns) reads as one flowing
# paragraph; lines that are a list, code, a table or verse keep their breaks.
_MIN_WRAPPED_LINE = 40
_WRAP_BAND = 0.6  # every line but the last at least this share of the longest
# A list item (structure's own marker), or a line of code, a quote, a table or a bullet.
_NOT_PROSE_START = re.compile(rf"[*+•$#>|`]|{LIST_MARKER_RE.pattern}")


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when the line breaks of a paragraph are a wrap width, not the author's."""
    if len(lines) < 2:
        return False
    lengths = [end - start for start, end in lines]
    longest = max(lengths)
    if any(n < max(_MIN_WRAPPED_LINE, _WRAP_BAND * longest) for n in lengths[:-1]):
        return False
    if any(_NOT_PROSE_START.match(text, start) for start, _ in lines):
        return False
    # Wrapped prose runs on mid-sentence; verse and addresses start every line with a
    # capital, or end every line with a full stop.
    if all(text[start].isupper() for start, _ in lines[1:]):
        return False
    return not all(text[end - 1] in ".:!?" for _, end in lines[:-1])


def _line_spans(
    text: str, start: int, end: int, keep_indent: bool = False
) -> list[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]``, trimmed of surrounding whitespace."""
    pattern = _INDENTED if keep_indent else _TRIMMED
    out = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        m = pattern.search(text, pos, stop)
        if m is not None:
            out.append(m.span())
        pos = stop + 1
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` grown so it cuts no word in two ("ministre rus" -> "ministre russe").

    Apostrophes and hyphens inside a word count as part of it (aujourd’hui, vis-à-vis).
    """

    def inside(i: int) -> bool:
        # True when the boundary before text[i] falls inside a word.
        if i <= 0 or i >= len(text):
            return False
        before, after = text[i - 1], text[i]
        if _is_word_char(before) and _is_word_char(after):
            return True
        if before in _JOINERS:
            return _is_word_char(after) and i >= 2 and _is_word_char(text[i - 2])
        if after in _JOINERS:
            return _is_word_char(before) and i + 1 < len(text) and _is_word_char(text[i + 1])
        return False

    while inside(start):
        start -= 1
    while inside(end):
        end += 1
    return start, end


_JOINERS = "’'-\u2011"


def url_spans(line: str) -> list[tuple[int, int]]:
    """Spans of the http(s) URLs in one line, without trailing punctuation."""
    spans = []
    for m in _URL.finditer(line):
        start, end = m.span()
        while end > start and line[end - 1] in _URL_TRAILING:
            # Keep a closing parenthesis that closes one inside the URL (Wikipedia links).
            if line[end - 1] == ")" and line.count("(", start, end) >= line.count(")", start, end):
                break
            end -= 1
        if end - start > len("https://"):
            spans.append((start, end))
    return spans


# -- find -------------------------------------------------------------------------------

_FIND_EQUIVALENTS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " "})


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Accent-, case- and ligature-insensitive form of one character ("Œ" -> "oe")."""
    return fold(ch.translate(_FIND_EQUIVALENTS)).lower()


def fold_query(query: str) -> str:
    return "".join(fold_char(ch) for ch in query)


class FoldedText:
    """``text`` folded for find, with the origin of every folded character.

    Built with one ``str.translate`` over the distinct characters: a 1 MB book folds in
    tens of milliseconds, not a Python step per character. Most characters fold to one;
    the origin of a folded position is kept only around those that do not ("œ" -> "oe",
    a combining accent -> "").
    """

    def __init__(self, text: str) -> None:
        self.text = text
        table = {ord(ch): fold_char(ch) for ch in set(text)}
        self.folded = text.translate(table)
        # Segments of the folded text: (folded start, Python start, one character?). In a
        # plain segment origin grows with position; an odd one comes from one character.
        self._seg_folded = [0]
        self._seg_py = [0]
        self._seg_odd = [False]
        odd = "".join(chr(c) for c, f in table.items() if len(f) != 1)
        if odd:
            folded_at = prev = 0
            for m in re.finditer(f"[{re.escape(odd)}]", text):
                i = m.start()
                folded_at += i - prev
                self._seg_folded.append(folded_at)
                self._seg_py.append(i)
                self._seg_odd.append(True)
                folded_at += len(table[ord(text[i])])
                self._seg_folded.append(folded_at)
                self._seg_py.append(i + 1)
                self._seg_odd.append(False)
                prev = i + 1

    def _origin(self, k: int) -> int:
        j = bisect_right(self._seg_folded, k) - 1
        if self._seg_odd[j]:
            return self._seg_py[j]
        return self._seg_py[j] + k - self._seg_folded[j]

    def find_all(self, query: str, limit: int = 10_000) -> list[tuple[int, int]]:
        """Non-overlapping Python spans of ``text`` matching ``query`` loosely."""
        needle = fold_query(query)
        if not needle.strip():
            return []
        spans: list[tuple[int, int]] = []
        at = self.folded.find(needle)
        while at >= 0 and len(spans) < limit:
            start = self._origin(at)
            end = self._origin(at + len(needle) - 1) + 1
            # Combining marks fold to nothing: take them with the letter they sit on.
            while end < len(self.text) and not fold_char(self.text[end]):
                end += 1
            spans.append((start, end))
            at = self.folded.find(needle, at + len(needle))
        return spans
