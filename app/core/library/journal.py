"""The index journal: which documents the search index still lacks, and which it must drop.

Each document carries an ``indexed`` flag and removals are journalled, so an index update
that was interrupted (crash, kill, lock) is simply finished on the next run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from app.core.library.catalogue import Catalogue
from app.core.library.records import DocumentRecord, record_from_row


class IndexJournal(Catalogue):
    """The part of ``Library`` the search index reads and acknowledges."""

    def unindexed(self, batch: int = 500) -> Iterator[tuple[DocumentRecord, str]]:
        """Documents whose current text is not in the index yet, with their text.

        Missing documents (their file vanished) are left out: the index holds what is present.
        """
        last = ""
        while True:
            rows = self._db.execute(
                f"SELECT {self._record_columns}, text FROM documents "
                f"WHERE indexed = 0 AND {self._present} AND id > ? ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield record_from_row(row[:-1]), str(row[-1])
            last = rows[-1][0]

    def unindexed_ids(self) -> list[str]:
        """The ids ``unindexed`` would yield, in the same order (a bulk writer shares them out)."""
        return [
            str(r[0])
            for r in self._db.execute(
                f"SELECT id FROM documents WHERE indexed = 0 AND {self._present} ORDER BY id"
            )
        ]

    def unindexed_of(
        self, doc_ids: Sequence[str], batch: int = 500
    ) -> Iterator[tuple[DocumentRecord, str]]:
        """Those of ``doc_ids`` still unindexed and present, with their text, in id order."""
        for start in range(0, len(doc_ids), batch):
            chunk = list(doc_ids[start : start + batch])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT {self._record_columns}, text FROM documents "
                f"WHERE id IN ({marks}) AND indexed = 0 AND {self._present} ORDER BY id",
                chunk,
            ).fetchall()
            for row in rows:
                yield record_from_row(row[:-1]), str(row[-1])

    def unindexed_count(self) -> int:
        return int(
            self._db.execute(
                f"SELECT count(*) FROM documents WHERE indexed = 0 AND {self._present}"
            ).fetchone()[0]
        )

    def pending_removals(self) -> list[str]:
        return [str(r[0]) for r in self._db.execute("SELECT id FROM index_removals")]

    def mark_indexed(self, doc_ids: Iterable[str], sha_by_id: dict[str, str]) -> None:
        """Mark documents indexed, unless their text changed again meanwhile."""
        with self._transaction():
            self._db.executemany(
                "UPDATE documents SET indexed = 1 WHERE id = ? AND sha256 = ?",
                [(i, sha_by_id[i]) for i in doc_ids],
            )

    def clear_removals(self, doc_ids: Iterable[str]) -> None:
        with self._transaction():
            self._db.executemany("DELETE FROM index_removals WHERE id = ?", [(i,) for i in doc_ids])

    def close(self) -> None:
        self._db.close()

    def mark_all_unindexed(self) -> None:
        with self._transaction():
            self._db.execute("UPDATE documents SET indexed = 0")
            self._db.execute("DELETE FROM index_removals")


def open_journal_reader(db_path: Path) -> IndexJournal:
    """A read-only view of the journal on its own connection, for a writer process.

    Each writer process reads its share of the documents itself, so no document text is
    pickled between processes. The library that started it has migrated the database.
    """
    journal = IndexJournal()
    journal._db = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    journal.read_only = True
    return journal
