"""The library: which documents Carnet knows, their metadata and normalised text, in SQLite.

The library is the source of truth; the search index is a cache rebuilt from it. This
module opens it (read-only when the data directory cannot be written); reading is in
``catalogue.py``, importing in ``importer.py``, the index journal in ``journal.py``.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from app.core.db.read_only import open_read_only
from app.core.errors import DataDirError, LibraryError
from app.core.i18n import tr
from app.core.library.importer import EXTRACTOR_META, DocumentImporter, iter_candidate_files
from app.core.library.journal import IndexJournal
from app.core.library.records import (
    Cancelled,
    DocumentRecord,
    ImportReport,
    Progress,
    document_id,
    text_sha256,
)
from app.core.library.schema import migrate

# Re-exported: most callers know the library by this module.
__all__ = [
    "EXTRACTOR_META",
    "Cancelled",
    "DocumentRecord",
    "ImportReport",
    "Library",
    "Progress",
    "document_id",
    "iter_candidate_files",
    "text_sha256",
]

log = logging.getLogger(__name__)


class Library(DocumentImporter, IndexJournal):
    """The document catalogue of one data directory."""

    def __init__(self, db_path: Path, corpus_dir: Path | None = None) -> None:
        self.db_path = db_path
        # Bundled files get ids from their name, so they are stable across clones.
        self.corpus_dir = corpus_dir.resolve() if corpus_dir else None
        self.read_only = False
        try:
            self._db = sqlite3.connect(db_path, timeout=10, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            migrate(self._db, db_path)
            self._forget_refused_roots()
        except sqlite3.OperationalError as exc:
            if not db_path.exists():
                raise DataDirError(
                    tr(
                        "Cannot open the library at {path}: {error}. "
                        "Check that the data directory is writable and the disk is not full."
                    ).format(path=db_path, error=exc)
                ) from exc
            # A read-only data directory: reading and searching still work.
            try:
                self._db = open_read_only(db_path, "SELECT count(*) FROM documents")
            except sqlite3.Error:
                raise DataDirError(
                    tr(
                        "Cannot open the library at {path}: {error}. "
                        "Check that the data directory is readable."
                    ).format(path=db_path, error=exc)
                ) from exc
            self.read_only = True
            self._adapt_to_unmigrated()
        except sqlite3.DatabaseError as exc:
            raise LibraryError(
                tr(
                    "The library catalogue {path} is damaged ({error}). "
                    "Move it aside and Carnet rebuilds it from your files; notes are kept apart."
                ).format(path=db_path, error=exc)
            ) from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
