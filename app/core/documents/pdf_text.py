"""Turn the raw lines of a PDF's pages into reading text: paragraphs, whole words, no chrome.

A PDF's text layer is lines placed on a page: words cut at line ends, ligature glyphs,
the running header and the page number on every page. This module works on that text
alone (no PDF library), so each rule is tested on plain strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

# PDFium writes U+0002 for a hyphen it saw at the end of a line, and joins the two lines.
LINE_END_HYPHEN = "\x02"
# NFKC on the Latin ligatures only (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ): NFKC everywhere would also turn
# "²" into "2" and "½" into "1⁄2" in the text notes anchor to.
_LIGATURES = str.maketrans(
    {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}
)
# First elements of French compounds that a line-end hyphen must not glue to the next
# word when the document gives no evidence either way ("ci-dessus", "porte-parole").
_COMPOUND_HEADS = frozenset(
    {
        "après", "arc", "au", "avant", "belle", "beau", "c'est", "c’est", "celle", "celles",
        "celui", "ceux", "ci", "contre", "demi", "est", "ex", "grand", "grande", "là", "mi",
        "non", "peut", "porte", "quasi", "semi", "vice", "vis", "sous", "sud", "nord",
    }
)  # fmt: skip
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_TAIL_RE = re.compile(r"([^\W\d_]+)$")
_HEAD_RE = re.compile(r"^([^\W\d_]+)")
# A page number alone on its line: "12", "- 12 -", "xiv", "Page 3", "3 / 10", "3 sur 10".
_PAGE_NUMBER_RE = re.compile(
    r"^[\W_]*(?:page\s+)?(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:/|sur|of)\s*\d{1,5})?[\W_]*$",
    re.IGNORECASE,
)
_NUMBERS_RE = re.compile(r"\d+|\b[ivxlcdm]{1,7}\b", re.IGNORECASE)
_SECTION_NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?\s+\w")
_DOT_LEADER_RE = re.compile(r"(?:\. ?){4,}\s*\S{1,6}$")
_LIST_START_RE = re.compile(r"^(?:[—–•●▪◦*-]\s|\d{1,3}[.)]\s|\(?[a-z]\)\s)")
# Lines this much shorter than a full line end their paragraph (a heading, a last line).
SHORT_LINE_RATIO = 0.75
# How many lines at the top and bottom of a page may be a running header or footer.
EDGE_LINES = 2
# A line is a running header/footer when its shape is on at least this share of pages.
REPEAT_SHARE = 0.5
MIN_PAGES_FOR_REPEATS = 3


def _page_lines(raw: str) -> list[str]:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_LIGATURES)
    return [line.strip() for line in text.split("\n")]


def _edges(lines: list[str]) -> list[int]:
    """Indexes of the first and last few non-empty lines: where chrome lives."""
    filled = [i for i, line in enumerate(lines) if line]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def _shape(line: str) -> str:
    """A line with its numbers blanked: "Rapport 2023 — 12" and "… — 13" share a shape."""
    return _NUMBERS_RE.sub("#", line.casefold())


def _letters(line: str) -> str:
    """A line's letters only: a header numbered "xiv" or "13 / 237" has the same ones."""
    return "".join(char for char in _NUMBERS_RE.sub("", line.casefold()) if char.isalpha())


def drop_chrome(pages: list[list[str]]) -> list[list[str]]:
    """Remove bare page numbers, and running headers/footers found on most pages.

    A header is matched by its letters when it carries a page number (front matter in
    roman numerals, the body in "13 / 237"), by its exact shape otherwise, so a title page
    that shows the book's title once keeps it.
    """
    shapes: Counter[str] = Counter()
    letters: Counter[str] = Counter()
    for lines in pages:
        edges = [lines[i] for i in _edges(lines)]
        shapes.update({_shape(line) for line in edges})
        letters.update({_letters(line) for line in edges if _NUMBERS_RE.search(line)})
    with_text = sum(1 for lines in pages if any(lines))
    threshold = max(MIN_PAGES_FOR_REPEATS, REPEAT_SHARE * with_text)

    def is_chrome(line: str) -> bool:
        if _PAGE_NUMBER_RE.match(line) or shapes[_shape(line)] >= threshold:
            return True
        return bool(_NUMBERS_RE.search(line)) and letters[_letters(line)] >= threshold

    cleaned = []
    for lines in pages:
        drop = {i for i in _edges(lines) if is_chrome(lines[i])}
        cleaned.append([line for i, line in enumerate(lines) if i not in drop])
    return cleaned


def document_words(pages: Sequence[Sequence[str]]) -> tuple[set[str], set[str]]:
    """The words written whole in the text, and its hyphenated words, lowercased."""
    words: set[str] = set()
    hyphenated: set[str] = set()
    for lines in pages:
        for line in lines:
            for match in _WORD_RE.finditer(line.replace(LINE_END_HYPHEN, " ")):
                word = match.group().casefold()
                (hyphenated if "-" in word else words).add(word)
    return words, hyphenated


def keeps_hyphen(before: str, after: str, words: set[str], hyphenated: set[str]) -> bool:
    """Whether ``before``-⏎``after`` is a real hyphenated word rather than a word cut in two.

    The document's own usage decides first (``porte-parole`` written whole elsewhere, or
    ``négociations``); then a capital after the hyphen (``Jean-Pierre``) or a common
    compound head (``ci-dessus``) keeps it; anything else is a cut word and is joined.
    """
    head = _TAIL_RE.search(before)
    tail = _HEAD_RE.search(after)
    if not head or not tail:
        return True  # "--", "2023-" or a hyphen before punctuation: not a cut word
    first, second = head.group(1), tail.group(1)
    if f"{first}-{second}".casefold() in hyphenated:
        return True
    if f"{first}{second}".casefold() in words:
        return False
    return not second[0].islower() or first.casefold() in _COMPOUND_HEADS


def _join_cut_words(line: str, words: set[str], hyphenated: set[str]) -> str:
    """Resolve PDFium's line-end hyphens inside ``line``; a plain "-" at its end is left."""
    if LINE_END_HYPHEN not in line:
        return line
    parts = line.split(LINE_END_HYPHEN)
    out = parts[0]
    for part in parts[1:]:
        out += ("-" if keeps_hyphen(out, part, words, hyphenated) else "") + part
    return out


def typical_line_length(pages: Sequence[Sequence[str]]) -> int:
    """The length of a full line of body text (the 80th percentile of longer lines)."""
    # PDFium joins the lines around a line-end hyphen: each part is one printed line.
    printed = (part for lines in pages for line in lines for part in line.split(LINE_END_HYPHEN))
    lengths = sorted(len(part) for part in printed if len(part) >= 20)
    if not lengths:
        return 0
    return lengths[int(len(lengths) * 0.8)]


def _is_heading_after(line: str, following: str, full: int) -> bool:
    """A short capitalised line without final punctuation after a finished sentence."""
    return (
        line.endswith((".", "!", "?", ":", "»", ")"))
        and len(following) < SHORT_LINE_RATIO * full
        and (following[:1].isupper() or bool(_SECTION_NUMBER_RE.match(following)))
        and not following.endswith((".", ",", ";", "!", "?"))
    )


def _ends_paragraph(line: str, following: str, full: int) -> bool:
    if line.endswith("-") and following[:1].islower():
        return False  # a word cut at the line end, however short the line
    last_printed = line.rpartition(LINE_END_HYPHEN)[2]
    return (
        len(last_printed) < SHORT_LINE_RATIO * full
        or bool(_DOT_LEADER_RE.search(line))  # a table of contents: one entry a line
        or bool(_LIST_START_RE.match(following))
        or _is_heading_after(line, following, full)
    )


def page_paragraphs(
    lines: list[str], full: int, words: set[str], hyphenated: set[str]
) -> list[str]:
    """The page's lines joined into paragraphs (cut words mended)."""
    paragraphs: list[str] = []
    current = ""
    for index, raw_line in enumerate(lines):
        if not raw_line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        line = _join_cut_words(raw_line, words, hyphenated)
        ends = not following or _ends_paragraph(raw_line, following, full)
        if current.endswith("-") and line[:1].islower() and not current.endswith(" -"):
            # A hyphen kept at the end of a line (a producer without PDFium's marker).
            stem, _, _ = current.rpartition("-")
            glue = "-" if keeps_hyphen(stem, line, words, hyphenated) else ""
            current = f"{stem}{glue}{line}"
        else:
            current = f"{current} {line}" if current else line
        if ends:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def reading_pages(raw_pages: Sequence[str]) -> list[str]:
    """Each page's reading text (paragraphs separated by a blank line), NFC."""
    pages = drop_chrome([_page_lines(raw) for raw in raw_pages])
    words, hyphenated = document_words(pages)
    full = typical_line_length(pages)
    return [
        unicodedata.normalize("NFC", "\n\n".join(page_paragraphs(lines, full, words, hyphenated)))
        for lines in pages
    ]
