"""The index journal: which documents the search index still lacks, and which it must drop.

Each document carries an ``indexed`` flag and removals are journalled, so an index update
that was interrupted (crash, kill, lock) is simply finished on the next run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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

    def mark_all_unindexed(self) -> None:
        with self._transaction():
            self._db.execute("UPDATE documents SET indexed = 0")
            self._db.execute("DELETE FROM index_removals")
