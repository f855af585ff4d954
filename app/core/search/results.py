"""What a search answers: ranked hits with snippets, and their JSON for ``carnet search --json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    path: str
    source: str | None
    date: str | None
    score: float
    snippet: str
    kind: str = "document"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "source": self.source,
            "date": self.date,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    suggestion: str | None
    hits: list[SearchHit]
    took_ms: float
    terms: frozenset[str] = field(default_factory=frozenset)
    """Analysed terms that matched, for marking hits in the reader."""

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "took_ms": round(self.took_ms, 2),
            "results": [h.to_json() for h in self.hits],
        }
