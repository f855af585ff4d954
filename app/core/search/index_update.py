"""What one index update did; apart from the writer so that a search can name it without
loading the writer (its bulk writer, its processes, multiprocessing)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class IndexUpdate:
    indexed: int = 0
    removed: int = 0
    cancelled: bool = False
    merged: int = 0  # segments rewritten after the commit (deletions reclaimed)
