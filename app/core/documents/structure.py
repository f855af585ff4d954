"""The shape of a document's text: which spans are headings, list items, table rows…

A document's stored text stays plain (notes anchor to its offsets, search indexes it);
its structure travels beside it as a list of ``Block`` spans over that text. The loader
decides the structure, the library stores it, the reader only renders it:

- ``heading`` (``level`` 1–6), ``list_item``, ``table_row`` (cells separated by tabs),
  ``quote``, ``pre``, ``caption``: how a span is shown.
- ``title_repeat`` and ``duplicate``: spans that repeat the headline or an earlier
  paragraph (a photo caption printed twice); ``chrome``: a share button's words copied
  with the article ("Partagez"). They stay in the stored text, so anchors never move,
  and the reading view leaves them out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal[
    "heading",
    "list_item",
    "table_row",
    "quote",
    "pre",
    "caption",
    "title_repeat",
    "duplicate",
    "chrome",
]
KINDS: frozenset[str] = frozenset(
    {
        "heading", "list_item", "table_row", "quote", "pre", "caption", "title_repeat",
        "duplicate", "chrome",
    }
)  # fmt: skip
HIDDEN_KINDS: frozenset[str] = frozenset({"title_repeat", "duplicate", "chrome"})
"""Kinds the reading view leaves out (they are still in the stored text)."""


@dataclass(frozen=True, order=True)
class Block:
    """``text[start:end]`` (Python str offsets) is shown as ``kind``."""

    start: int
    end: int
    kind: BlockKind
    level: int = 0  # heading level 1–6; 0 for other kinds

    @property
    def hidden(self) -> bool:
        return self.kind in HIDDEN_KINDS


def blocks_to_json(blocks: tuple[Block, ...] | list[Block]) -> str:
    """Compact JSON for the library: ``[[start, end, kind, level], …]``."""
    return json.dumps([[b.start, b.end, b.kind, b.level] for b in blocks], separators=(",", ":"))


def blocks_from_json(value: str | None, text_length: int) -> tuple[Block, ...]:
    """Blocks back from ``blocks_to_json``; anything malformed or out of range is dropped.

    Structure is a nicety: a damaged value must never stop a document from being read.
    """
    if not value:
        return ()
    try:
        rows = json.loads(value)
    except ValueError:
        return ()
    if not isinstance(rows, list):
        return ()
    out: list[Block] = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 4):
            continue
        start, end, kind, level = row
        if not (
            isinstance(start, int)
            and isinstance(end, int)
            and isinstance(level, int)
            and kind in KINDS
            and 0 <= start < end <= text_length
        ):
            continue
        out.append(Block(start, end, kind, level))
    return tuple(sorted(out))


# -- repeats ---------------------------------------------------------------------------------

_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
_LETTER_WORD_RE = re.compile(r"[^\W\d_]+")
_MARKDOWN_HASHES_RE = re.compile(r"^#{1,6}\s+|\s+#+$")
_ATX_RE = re.compile(r"^(#{1,6})[ \t]+\S.*$", re.MULTILINE)
# Only the top of a document holds a repeated headline.
TITLE_REPEAT_WITHIN = 8
# A repeat of something shorter is more likely a legitimate echo ("Essayez, par exemple,
# ce qui suit :") than a caption printed twice.
MIN_DUPLICATE_WORDS = 7
# A page prints a caption twice in a row; the same sentence far apart is the author's.
DUPLICATE_WITHIN = 6
# Kinds whose repeats are content: a table cell, a list item, code, and a heading that a
# table of contents announced earlier.
_NEVER_DUPLICATE = frozenset({"table_row", "list_item", "pre", "heading"})


def _key(text: str) -> str:
    # " ".join(split()): what \s+ -> " " and strip() give, 4x faster (str.isspace is \s).
    text = _MARKDOWN_HASHES_RE.sub("", " ".join(text.split()))
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text.strip().casefold()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _units(text: str, blocks: tuple[Block, ...]) -> list[tuple[int, int]]:
    """Paragraphs, split around any block that is only part of one (a Markdown heading)."""
    units: list[tuple[int, int]] = []
    start = 0
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK_RE.finditer(text)]
    for brk_start, brk_end in [*breaks, (len(text), len(text))]:
        span = _trimmed(text, start, brk_start)
        start = brk_end
        if span is None:
            continue
        inner = [b for b in blocks if span[0] <= b.start and b.end <= span[1]]
        if not inner or (len(inner) == 1 and (inner[0].start, inner[0].end) == span):
            units.append(span)
            continue
        cursor = span[0]
        for block in inner:
            gap = _trimmed(text, cursor, block.start)
            if gap:
                units.append(gap)
            units.append((block.start, block.end))
            cursor = max(cursor, block.end)
        gap = _trimmed(text, cursor, span[1])
        if gap:
            units.append(gap)
    return units


# The words of a share button copied along with an article: "Partagez", "Partager sur
# Facebook", "Vous aimez cet article ? Partagez-le avec un ami !". A bare word, a "share
# on" line, or an invitation to share this article; short, or it is prose.
_SHARE_RE = re.compile(
    r"^(?:partagez|partager|partage|share(?: this)?|tweet|tweeter)$"
    r"|^(?:partagez|partager|share)(?: sur| on| via)\b"
    r"|\b(?:partagez-le|partagez-la|partagez cet article|share this (?:article|story))\b"
)
MAX_SHARE_WORDS = 12


def _is_share_widget(key: str) -> bool:
    return len(key.split()) <= MAX_SHARE_WORDS and bool(_SHARE_RE.search(key))


def is_share_label(paragraph: str) -> bool:
    """``paragraph`` is only a share button's words ("Partagez", "Partager sur Facebook")."""
    return _is_share_widget(_key(paragraph))


LIST_MARKER_RE = re.compile(r"(?:[-*•]|\d{1,3}[.)])\s")


def _list_like(text: str, start: int) -> bool:
    """An indented or bulleted paragraph of plain text: a list item or a quote, content."""
    return (start > 0 and text[start - 1] in " \t") or bool(LIST_MARKER_RE.match(text, start))


def mark_repeats(text: str, blocks: tuple[Block, ...], title: str) -> tuple[Block, ...]:
    """Mark the headline repeated near the top and paragraphs that repeat an earlier one.

    The text is untouched (notes anchor to it); only the marks say what the reading view
    leaves out.
    """
    by_span = {(b.start, b.end): b for b in blocks}
    marks: dict[tuple[int, int], BlockKind] = {}
    title_key = _key(title)
    last_seen: dict[str, int] = {}  # paragraph key -> index of its latest occurrence
    title_found = False
    for index, span in enumerate(_units(text, blocks)):
        key = _key(text[span[0] : span[1]])
        existing = by_span.get(span)
        near = index - last_seen.get(key, -DUPLICATE_WITHIN - 1) <= DUPLICATE_WITHIN
        if not title_found and index < TITLE_REPEAT_WITHIN and key == title_key:
            marks[span] = "title_repeat"
            title_found = True
        elif existing is None and _is_share_widget(key):
            marks[span] = "chrome"
        elif existing is None or existing.kind not in _NEVER_DUPLICATE:
            again_title = title_found and key == title_key and index < 2 * TITLE_REPEAT_WITHIN
            long_enough = len(_LETTER_WORD_RE.findall(key)) >= MIN_DUPLICATE_WORDS
            if again_title or (near and long_enough and not _list_like(text, span[0])):
                marks[span] = "duplicate"
        last_seen[key] = index
    if not marks:
        return tuple(sorted(blocks))
    kept = [b for b in blocks if (b.start, b.end) not in marks]
    kept += [Block(start, end, kind) for (start, end), kind in marks.items()]
    return tuple(sorted(kept))


def markdown_blocks(text: str) -> tuple[Block, ...]:
    """ATX headings (``# Title``) of a Markdown text, the ``#`` kept as written."""
    return tuple(
        Block(m.start(), m.end(), "heading", len(m[1]))
        for m in _ATX_RE.finditer(text)
        if m.end() > m.start()
    )
