"""What a search answers: ranked hits with snippets, and their JSON for ``carnet search --json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.i18n import tr


@dataclass(frozen=True)
class Passage:
    """One place in a document where the words are: a snippet, its page or section, and the
    offset of its first matched word in the document's text (what ``carnet show`` prints)."""

    snippet: str
    page: int | None
    section: str | None
    offset: int

    @property
    def place(self) -> str:
        """Where it is, as a reader says it: "p. 12", a section's title, or ""."""
        if self.page is not None:
            return tr("p. {page}").format(page=self.page)
        return self.section or ""

    def to_json(self) -> dict[str, Any]:
        return {
            "snippet": self.snippet,
            "page": self.page,
            "section": self.section,
            "offset": self.offset,
        }


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
    passages: tuple[Passage, ...] = ()
    """Best first; several for a long document, the snippet's own for a short one."""

    @property
    def best(self) -> Passage | None:
        return self.passages[0] if self.passages else None

    def to_json(self) -> dict[str, Any]:
        best = self.best
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "source": self.source,
            "date": self.date,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "page": best.page if best else None,
            "section": best.section if best else None,
            "offset": best.offset if best else 0,
            "passages": [p.to_json() for p in self.passages],
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
