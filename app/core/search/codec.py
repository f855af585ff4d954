"""Which Whoosh codec the index writes with: one answer for every writer and every merge."""

from __future__ import annotations

from typing import Any

from whoosh.codec import default_codec


def index_codec() -> Any:
    """The codec new segments are written with (Whoosh's default until Carnet's flat one)."""
    return default_codec()
