"""What the index receives for one library document: the one definition for every writer."""

from __future__ import annotations

from typing import Any

from app.core.library.records import DocumentRecord
from app.core.search.passages import LONG_DOCUMENT_WORDS, position_marks


def index_fields(record: DocumentRecord, text: str) -> dict[str, Any]:
    """The field values of ``record`` (with its text) for ``add_document``."""
    # The title goes into the content too: one field to match (fast), and a word found
    # only in an HTML <title> still finds its document.
    content = f"{record.title}\n\n{text}"
    fields: dict[str, Any] = {
        "id": record.id,
        "path": record.path,
        "title": record.title,
        "source": record.source or "",
        "date": record.date or "",
        "words": record.words,
        "content": content,
    }
    if record.words >= LONG_DOCUMENT_WORDS:
        fields["marks"] = position_marks(content)
    return fields
