"""The shape of a document's text: which spans are headings, list items, table rows…

A document's stored text stays plain (notes anchor to its offsets, search indexes it);
its structure travels beside it as a list of ``Block`` spans over that text. The loader
decides the structure, the library stores it, the reader only renders it:

- ``heading`` (``level`` 1–6), ``list_item``, ``table_row`` (cells separated by tabs),
  ``quote``, ``pre``, ``caption``: how a span is shown.
- ``title_repeat`` and ``duplicate``: spans that repeat the headline or an earlier
  paragraph (a photo caption printed twice). They stay in the stored text, so anchors
  never move, and the reading view leaves them out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal[
    "heading", "list_item", "table_row", "quote", "pre", "caption", "title_repeat", "duplicate"
]
KINDS: frozenset[str] = frozenset(
    {"heading", "list_item", "table_row", "quote", "pre", "caption", "title_repeat", "duplicate"}
)
HIDDEN_KINDS: frozenset[str] = frozenset({"title_repeat", "duplicate"})
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
