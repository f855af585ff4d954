"""What the search index stores per document, and the version stamp that says which schema made it.

Changing a field or an analyzer changes ``INDEX_VERSION``; an index stamped otherwise is
rebuilt from the library on open (see ``index_files``).
"""

from __future__ import annotations

from whoosh.fields import ID, STORED, TEXT, Schema

from app.core.search.analysis import (
    ANALYSIS_VERSION,
    FrenchPositions,
    folding_analyzer,
    french_analyzer,
)

SCHEMA_VERSION = 6  # 2: no spelling field, fast positions; 3: title inside content; 4: marks
# 5: positions as raw uint32 (FrenchPositions) and flat posting records (FlatCodec)
# 6: flat postings files end with a trailer (truncation found on open)
INDEX_VERSION = f"{SCHEMA_VERSION}.{ANALYSIS_VERSION}"
STAMP_FILE = "carnet-index.json"
SEARCH_FIELDS = frozenset({"title", "content"})


def _french_text(*, stored: bool = False) -> TEXT:
    field = TEXT(analyzer=french_analyzer(), stored=stored)
    field.format = FrenchPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    # No spelling field: Whoosh re-checks the disk for its missing lengths on every
    # posting (a quarter of indexing time); "did you mean" uses the content terms instead.
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED,
        title=_french_text(stored=True),
        source=TEXT(analyzer=folding_analyzer(), stored=True),
        date=ID(stored=True),
        words=STORED,
        # Long documents only: character offsets of word positions (``passages``).
        marks=STORED,
        content=_french_text(),
    )
