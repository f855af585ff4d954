"""Bringing files into the library: folders walked, files read, changes and removals found.

An unchanged file costs one stat; a changed one is read again and its text replaces the
old one in one transaction, flagged for the search index (``journal.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.documents.formats import EXTRACTOR_VERSION, SUPPORTED_SUFFIXES
from app.core.documents.structure import blocks_to_json
from app.core.documents.toc import toc_to_json
from app.core.errors import DocumentSkipped
from app.core.i18n import tr_noop
from app.core.library.moves import _DUPLICATE, DocumentMoves
from app.core.library.records import (
    Cancelled,
    DocumentRecord,
    DuplicateFile,
    ImportReport,
    MovedDocument,
    Progress,
    document_id,
    format_for_path,
    text_sha256,
)
from app.core.wording import Wording

if TYPE_CHECKING:
    from app.core.documents.loader import LoadedDocument

EXTRACTOR_META = "extractor"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def iter_candidate_files(root: Path) -> Iterator[str]:
    """Supported files under a folder, without following symlinked folders (no loops).

    Plain strings: a re-scan of 10,000 files spent more time building Path objects than
    asking the disk.
    """
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES:
                yield os.path.join(dirpath, name)


# A known file: (id, size, mtime_ns, sha256, missing).
Known = tuple[str, int, int, str, bool]


def _to_read(name: str, existing: Known | None, reextract: bool) -> bool:
    """Whether ``_import_one`` will likely read the file (a guess is fine: see ReadAhead)."""
    if existing is None or reextract:
        return True
    try:
        stat = os.stat(name)
    except OSError:
        return False
    return (existing[1], existing[2]) != (stat.st_size, stat.st_mtime_ns)


class DocumentImporter(DocumentMoves):
    """The part of ``Library`` that imports, refreshes and removes documents."""

    corpus_dir: Path | None
    # While an import runs with files read ahead in helper processes: where to get them.
    _loader: Callable[[str], LoadedDocument] | None = None

    def _forget_refused_roots(self) -> None:
        """Drop file roots that never became documents (older Carnets kept refused files).

        A folder root stays even when absent (an unplugged disk comes back); a root that
        is not a folder counts only through its document.
        """
        stray = [
            str(path)
            for (path,) in self._db.execute(
                "SELECT path FROM roots WHERE path NOT IN (SELECT path FROM documents)"
            )
            if os.path.isfile(path) or (not os.path.exists(path) and Path(path).suffix)
        ]
        if stray:
            with self._transaction():
                self._db.executemany("DELETE FROM roots WHERE path = ?", [(p,) for p in stray])

    def key_for(self, path: Path) -> str:
        if self.corpus_dir is not None and path.parent == self.corpus_dir:
            return f"corpus/{path.name}"
        return str(path)

    def add_paths(
        self,
        paths: Iterable[Path],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Bring files and folders in; remember them as roots so later refreshes see changes."""
        report = ImportReport()
        files: list[str] = []
        single: list[str] = []  # files asked for by name, roots once imported
        folders: set[Path] = set()
        for raw in paths:
            path = Path(raw).expanduser().absolute()
            if path.is_dir():
                self._db.execute("INSERT OR IGNORE INTO roots(path) VALUES(?)", (str(path),))
                folders.add(path)
                files += iter_candidate_files(path)
            elif path.exists() or path.is_symlink():
                files.append(str(path))
                single.append(str(path))
                # Named again by hand: a file once removed from the library comes back.
                self._db.execute("DELETE FROM meta WHERE key = ?", (f"excluded:{path}",))
            else:
                gone = Wording(tr_noop("no such file or folder"))
                report.skipped.append(DocumentSkipped(str(path), gone))
        reextract = self._extractor_is_stale()
        if reextract:
            # Documents outside what was asked for are read again too, so the new
            # extractor's version can be recorded as done for the whole library.
            asked = set(files)
            files += [
                p
                for (p,) in self._db.execute("SELECT path FROM documents ORDER BY path")
                if p not in asked and os.path.exists(p)
            ]
        self._import_files(files, report, progress, cancelled, reextract=reextract)
        # A file is remembered only once it is in the library: a refused one (a .pdf) is
        # reported now, not on every later refresh.
        kept = {str(p) for (p,) in self._db.execute("SELECT path FROM documents")}
        self._db.executemany(
            "INSERT OR IGNORE INTO roots(path) VALUES(?)", [(p,) for p in single if p in kept]
        )
        if not report.cancelled:
            self._mark_missing(folders, set(files), report)
            if reextract and not self.read_only:
                self.set_meta(EXTRACTOR_META, EXTRACTOR_VERSION)
        return report

    def import_changed(
        self,
        files: list[str],
        gone: list[str],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """A few files looked at again and a few known gone, as a refresh would treat them.

        For a watched folder's change (``folder_changes``): each file's record and duplicate
        memo are looked up by path, where ``_import_files`` reads every document's (a second
        at 50,000 documents). ``files`` are imported before ``gone`` is kept as missing, as
        in a refresh: a file moved between two changed folders is a move, not a loss.
        """
        report = ImportReport()
        total = len(files)
        for n, path in enumerate(files):
            if cancelled is not None and cancelled():
                report.cancelled = True
                return report
            if progress is not None:
                progress(n, total, os.path.basename(path))
            row = self._db.execute(
                "SELECT id, size, mtime_ns, sha256, missing FROM documents WHERE path = ?", (path,)
            ).fetchone()
            existing: Known | None = None
            if row is not None:
                existing = (str(row[0]), int(row[1]), int(row[2]), str(row[3]), bool(row[4]))
            self._import_one(path, existing, report, memo=self.get_meta(f"{_DUPLICATE}{path}"))
        if progress is not None and files:
            progress(total, total, "")
        for path in gone:
            row = self._db.execute(
                "SELECT id FROM documents WHERE path = ? AND missing = 0", (path,)
            ).fetchone()
            if row is not None and not os.path.exists(path):
                self._keep_missing(str(row[0]), path, report)
        return report

    def _extractor_is_stale(self) -> bool:
        return not self.read_only and self.get_meta(EXTRACTOR_META) != EXTRACTOR_VERSION

    def refresh(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> ImportReport:
        """Re-scan every root: changed files are updated, vanished ones are kept as missing."""
        self._forget_refused_roots()
        return self.add_paths(self.roots(), progress, cancelled)

    def remove(self, doc_id: str) -> DocumentRecord:
        """Take a document out of the library (its notes are kept by the notes store)."""
        record = self.get(doc_id)
        with self._transaction():
            self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self._db.execute("INSERT OR IGNORE INTO index_removals(id) VALUES(?)", (doc_id,))
            # A file removed by hand must not come back on the next refresh of its folder.
            self._db.execute("DELETE FROM roots WHERE path = ?", (record.path,))
            self._db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES(?, '1')",
                (f"excluded:{record.path}",),
            )
        return record

    def _import_files(
        self,
        files: list[str],
        report: ImportReport,
        progress: Progress | None,
        cancelled: Cancelled | None,
        *,
        reextract: bool = False,
    ) -> None:
        total = len(files)
        # Two queries for the whole import rather than two per file: re-scanning a library
        # of 10,000 unchanged files is then 10,000 stats and dictionary lookups.
        excluded = {
            str(k)[len("excluded:") :]
            for (k,) in self._db.execute("SELECT key FROM meta WHERE key LIKE 'excluded:%'")
        }
        known: dict[str, Known] = {
            str(row[0]): (str(row[1]), int(row[2]), int(row[3]), str(row[4]), bool(row[5]))
            for row in self._db.execute(
                "SELECT path, id, size, mtime_ns, sha256, missing FROM documents"
            )
        }
        duplicates = self._duplicate_memos()
        # Here, not at the top: the library is opened by every search, which never reads
        # files and must not pay for multiprocessing and the process pool (~20 ms).
        from app.core.library.read_ahead import read_ahead  # noqa: PLC0415

        ahead = read_ahead(
            [p for p in files if p not in excluded and _to_read(p, known.get(p), reextract)]
        )
        self._loader = ahead.loaded if ahead is not None else None
        try:
            for n, path in enumerate(files):
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    return
                if progress is not None:
                    progress(n, total, os.path.basename(path))
                if path in excluded:
                    continue
                memo = duplicates.get(path)
                self._import_one(path, known.get(path), report, reextract=reextract, memo=memo)
        finally:
            self._loader = None
            if ahead is not None:
                ahead.close()
        if progress is not None:
            progress(total, total, "")

    def _import_one(
        self,
        name: str,
        existing: Known | None,
        report: ImportReport,
        *,
        reextract: bool = False,
        memo: str | None = None,
    ) -> None:
        try:
            stat = os.stat(name)
        except OSError as exc:
            # The loader's words for an OS error, so a file that cannot even be looked at
            # reads as one that cannot be read (and in the reader's language).
            from app.core.documents.loader import _os_reason  # noqa: PLC0415 - heavy, lazily

            report.skipped.append(DocumentSkipped(name, _os_reason(exc)))
            return
        if memo is not None and existing is None:
            known_copy = self._known_duplicate(name, memo, stat.st_size, stat.st_mtime_ns)
            if known_copy is not None:
                report.duplicates.append(known_copy)  # said again, without reading it again
                return
        same_stat = existing is not None and (existing[1], existing[2]) == (
            stat.st_size,
            stat.st_mtime_ns,
        )
        if same_stat and not reextract and existing is not None:
            if existing[4]:  # back where it was, unchanged: no longer missing
                self._found_again(existing[0])
                report.updated.append(self.get(existing[0]))
                return
            report.unchanged += 1  # an unchanged file costs one stat, nothing more
            return
        path = Path(name)
        try:
            # Imported when a file is read: opening a library to search never reads one.
            from app.core.documents.loader import load_document  # noqa: PLC0415

            loaded = self._loader(name) if self._loader is not None else load_document(path)
        except DocumentSkipped as skip:
            report.skipped.append(skip)
            return
        sha = text_sha256(loaded.text)
        if existing is not None and existing[3] == sha:
            refreshed = reextract and self._refresh_metadata(existing[0], loaded)
            self._db.execute(
                "UPDATE documents SET size = ?, mtime_ns = ? WHERE id = ?",
                (stat.st_size, stat.st_mtime_ns, existing[0]),
            )
            if existing[4]:
                self._found_again(existing[0])
            if refreshed or existing[4]:  # new metadata, or a missing file come back
                report.updated.append(self.get(existing[0]))
            else:
                report.unchanged += 1
            return
        if existing is None:
            match = self._match_arrival(name, loaded, sha)
            if isinstance(match, DuplicateFile):
                self._remember_duplicate(match, stat.st_size, stat.st_mtime_ns)
                report.duplicates.append(match)
                return
            if match is not None:
                moved_id, old_path, text_changed = match
                self._store(
                    moved_id, path, loaded, size=stat.st_size, mtime_ns=stat.st_mtime_ns, sha=sha
                )
                # A file root at the old place would be "no such file" for ever.
                self._db.execute("DELETE FROM roots WHERE path = ?", (old_path,))
                record = self.get(moved_id)
                report.moved.append(MovedDocument(record, old_path, name, text_changed))
                return
        doc_id = existing[0] if existing is not None else document_id(self.key_for(path))
        self._store(doc_id, path, loaded, size=stat.st_size, mtime_ns=stat.st_mtime_ns, sha=sha)
        record = self.get(doc_id)
        (report.updated if existing is not None else report.added).append(record)

    def _refresh_metadata(self, doc_id: str, doc: LoadedDocument) -> bool:
        """Same text, new extractor: store its structure and metadata; True if these changed.

        A changed title, source or date is an update (the list and the index show them);
        new structure alone is not, since the text notes anchor to is the same.
        """
        before = self.get(doc_id)
        shown = (doc.title, doc.source, doc.date, doc.author)
        changed = (before.title, before.source, before.date, before.author) != shown
        with self._transaction():
            self._db.execute(
                "UPDATE documents SET title = ?, source = ?, date = ?, author = ?, blocks = ?,"
                " format = ?, pages = ?, toc = ?, language = ?, indexed = indexed AND ?"
                " WHERE id = ?",
                (
                    *shown,
                    blocks_to_json(doc.blocks),
                    doc.format or before.format,
                    doc.pages,
                    toc_to_json(doc.toc) if doc.toc else None,
                    doc.language,
                    not changed,
                    doc_id,
                ),
            )
        return changed

    def _store(
        self,
        doc_id: str,
        path: Path,
        doc: LoadedDocument,
        *,
        size: int,
        mtime_ns: int,
        sha: str,
    ) -> None:
        with self._transaction():
            self._db.execute(
                """INSERT INTO documents(id, path, title, source, date, words, reading_minutes,
                                         size, mtime_ns, sha256, text, blocks, added, indexed,
                                         format, author, pages, toc, missing, language)
                   VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?)
                   ON CONFLICT(id) DO UPDATE SET path = excluded.path, title = excluded.title,
                     source = excluded.source, date = excluded.date, words = excluded.words,
                     reading_minutes = excluded.reading_minutes, size = excluded.size,
                     mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256,
                     text = excluded.text, blocks = excluded.blocks, indexed = 0,
                     format = excluded.format, author = excluded.author,
                     pages = excluded.pages, toc = excluded.toc, missing = 0,
                     language = excluded.language""",
                (
                    doc_id,
                    str(path),
                    doc.title,
                    doc.source,
                    doc.date,
                    doc.words,
                    doc.reading_minutes,
                    size,
                    mtime_ns,
                    sha,
                    doc.text,
                    blocks_to_json(doc.blocks),
                    _now(),
                    doc.format or format_for_path(str(path)),
                    doc.author,
                    doc.pages,
                    toc_to_json(doc.toc) if doc.toc else None,
                    doc.language,
                ),
            )
            self._db.execute("DELETE FROM index_removals WHERE id = ?", (doc_id,))
