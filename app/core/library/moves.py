"""Documents that move: a vanished file is kept as missing, an arriving one is matched by text.

A document's identity follows its text, not its path, so its notes and reading position
(keyed by its id) follow it to a new folder or name. A missing document stays in the
library (text, notes, position; the list says it is missing) but leaves the search index:
a search should find what the user can open as a file today, as it did before missing
documents were kept, and its notes stay findable through the notes' own search. It is
indexed again when its file comes back. Only the user's explicit removal
(``Library.remove``) takes a document out of the library.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.library.catalogue import Catalogue
from app.core.library.records import DuplicateFile, ImportReport
from app.core.library.resemblance import nearly_same

if TYPE_CHECKING:
    from app.core.documents.loader import LoadedDocument

_DUPLICATE = "duplicate:"

KnownText = tuple[str, str, bool]
"""(document id, its old path, whether the text changed) for a file that is a moved document."""


def _gone(missing: int, path: str) -> bool:
    # In the scan that moves it, the old file is not marked missing yet: it is just absent.
    return bool(missing) or not os.path.exists(path)


def _folder_range(folder: str) -> tuple[str, str]:
    """Keys from ``folder/`` up to (not including) ``folder0``: everything under it, read as
    a range on an index ('0' sorts right after '/'), not a scan of the table."""
    prefix = folder.rstrip(os.sep) + os.sep
    return prefix, prefix[:-1] + chr(ord(os.sep) + 1)


class DocumentMoves(Catalogue):
    """The part of ``Library`` that tells moves and duplicates from new documents."""

    def _match_arrival(
        self, path: str, doc: LoadedDocument, sha: str
    ) -> KnownText | DuplicateFile | None:
        """What a path new to the library is: a moved document, a duplicate, or new (None).

        The same text whose file is gone is a move; the same text whose file is present
        is a duplicate; nearly the same text under the same title whose file is gone (a
        re-saved web page) is a move whose text changed.
        """
        same = self._db.execute(
            "SELECT id, path, missing FROM documents WHERE sha256 = ? ORDER BY missing DESC, id",
            (sha,),
        ).fetchall()
        for doc_id, old, missing in same:
            if _gone(missing, old):
                return str(doc_id), str(old), False
        if same:
            return DuplicateFile(path, str(same[0][0]))
        for doc_id in self._ids_titled(doc.title):
            record = self.find(doc_id)
            gone = record is not None and _gone(record.missing, record.path)
            if record is not None and gone and nearly_same(self.text(doc_id), doc.text):
                return doc_id, record.path, True
        return None

    def _ids_titled(self, title: str) -> list[str]:
        """Ids of the documents with this title, through the index on ``documents.title``.

        Ids only: a candidate's path and state are read fresh, as a move changes them.
        Reading every title once per import instead cost 0.32 s at 50,000 documents for
        each watched folder's change; the index answers one title in microseconds.
        """
        rows = self._db.execute("SELECT id FROM documents WHERE title = ? ORDER BY id", (title,))
        return [str(doc_id) for (doc_id,) in rows]

    def documents_in_folder(
        self, folder: str, *, nested: bool = False
    ) -> dict[str, tuple[int, int, bool]]:
        """The documents whose file is in ``folder``: path -> (size, mtime_ns, missing).

        Directly in it, or with ``nested`` in its subfolders too (a folder deleted or moved
        away: its subfolders' documents left with it, and no event names each of them).
        """
        prefix, upper = _folder_range(folder)
        rows = self._db.execute(
            "SELECT path, size, mtime_ns, missing FROM documents WHERE path >= ? AND path < ?",
            (prefix, upper),
        )
        return {
            str(path): (int(size), int(mtime), bool(missing))
            for path, size, mtime, missing in rows
            if nested or os.sep not in str(path)[len(prefix) :]
        }

    def left_out_in_folder(self, folder: str, listing: dict[str, tuple[int, int]]) -> set[str]:
        """Files in ``folder`` (``listing``: path -> (size, mtime_ns)) already decided on:
        removed by the user, or an unchanged copy of a document still present. Reading them
        again on every change of their folder would only say the same thing again."""
        prefix, upper = _folder_range(folder)
        settled: set[str] = set()
        rows = self._db.execute(
            "SELECT key, value FROM meta WHERE (key >= ? AND key < ?) OR (key >= ? AND key < ?)",
            (
                f"excluded:{prefix}",
                f"excluded:{upper}",
                f"{_DUPLICATE}{prefix}",
                f"{_DUPLICATE}{upper}",
            ),
        ).fetchall()
        for key, value in rows:
            kind, path = str(key).split(":", 1)
            if kind == "excluded":
                settled.add(path)
                continue
            size, mtime, original = str(value).split(":", 2)
            if listing.get(path) != (int(size), int(mtime)):
                continue  # the copy changed: it is read again
            found = self._db.execute(
                "SELECT path FROM documents WHERE id = ? AND missing = 0", (original,)
            ).fetchone()
            if found is not None and os.path.exists(str(found[0])):
                settled.add(path)  # else the original left: the copy may be that document moved
        return settled

    def _duplicate_memos(self) -> dict[str, str]:
        """Files found to be duplicates, by path: ``size:mtime_ns:existing id``."""
        return {
            str(k)[len(_DUPLICATE) :]: str(v)
            for k, v in self._db.execute(
                "SELECT key, value FROM meta WHERE key LIKE ?", (f"{_DUPLICATE}%",)
            )
        }

    def _remember_duplicate(self, found: DuplicateFile, size: int, mtime_ns: int) -> None:
        # So the next scan does not read (and, for a PDF, parse) the same copy again.
        self._db.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)",
            (f"{_DUPLICATE}{found.path}", f"{size}:{mtime_ns}:{found.existing_id}"),
        )

    def _known_duplicate(
        self, path: str, memo: str, size: int, mtime_ns: int
    ) -> DuplicateFile | None:
        """The remembered duplicate, if the file is unchanged and its original still present.

        Once the original is missing, the copy is read again: it may be that document moved.
        """
        remembered_size, remembered_mtime, doc_id = memo.split(":", 2)
        if (remembered_size, remembered_mtime) != (str(size), str(mtime_ns)):
            return None
        row = self._db.execute("SELECT missing, path FROM documents WHERE id = ?", (doc_id,))
        original = row.fetchone()
        if original is None or _gone(original[0], str(original[1])):
            return None
        return DuplicateFile(path, doc_id)

    def _mark_missing(self, scanned_dirs: set[Path], seen: set[str], report: ImportReport) -> None:
        """Documents whose file left a scanned folder (or the disk) are kept as missing."""
        unseen = [
            (str(i), str(p))
            for i, p in self._db.execute("SELECT id, path FROM documents WHERE missing = 0")
            if p not in seen
        ]
        for doc_id, raw in unseen:
            path = Path(raw)
            if any(path.is_relative_to(d) for d in scanned_dirs) or not path.exists():
                self._keep_missing(doc_id, raw, report)

    def _keep_missing(self, doc_id: str, raw: str, report: ImportReport) -> None:
        """One document whose file left: kept as missing, out of the search index."""
        with self._transaction():
            self._db.execute(
                "UPDATE documents SET missing = 1, indexed = 0 WHERE id = ?", (doc_id,)
            )
            self._db.execute("INSERT OR IGNORE INTO index_removals(id) VALUES(?)", (doc_id,))
            # A file root whose file is gone would be "no such file" for ever.
            self._db.execute("DELETE FROM roots WHERE path = ?", (raw,))
        report.removed.append(self.get(doc_id))

    def _found_again(self, doc_id: str) -> None:
        """A missing document whose file is back where it was: searchable again."""
        with self._transaction():
            self._db.execute("UPDATE documents SET missing = 0 WHERE id = ?", (doc_id,))
            self._db.execute("DELETE FROM index_removals WHERE id = ?", (doc_id,))
