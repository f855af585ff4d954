"""Which Whoosh codec the index writes with: one answer for every writer and every merge."""

from __future__ import annotations

from typing import Any

from app.core.search.flat_codec import FlatCodec


def index_codec() -> Any:
    """The codec new segments are written with: Carnet's flat postings (``flat_codec``),
    which the vectorised evaluator reads as arrays; Whoosh's matchers read them too."""
    return FlatCodec()
