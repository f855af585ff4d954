"""One folder compared with the library: what a change the window saw there brought.

A full refresh walks every root (50,000 stats at 50,000 documents). A watched folder that
changed needs only its own listing and the library's records for the files directly in
it, found through the index on ``documents.path``. What is new or changed is then
imported the way a refresh imports it, and what is gone is kept as missing the way a
refresh keeps it: the decisions stay in the importer (``Library.import_changed``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.documents.formats import SUPPORTED_SUFFIXES
from app.core.library.records import Cancelled, ImportReport, Progress
from app.core.library.store import Library


@dataclass
class FolderChanges:
    """Files directly in one folder that the library should look at again."""

    arrived: list[str] = field(default_factory=list)  # supported files it does not know
    changed: list[str] = field(default_factory=list)  # size or time differ, or back from missing
    gone: list[str] = field(default_factory=list)  # its documents whose file is not there

    def __bool__(self) -> bool:
        return bool(self.arrived or self.changed or self.gone)


def _listing(folder: str) -> dict[str, tuple[int, int]]:
    """Supported files directly in a folder, with (size, mtime_ns); empty if it is gone.

    The same files ``importer.iter_candidate_files`` would walk: hidden ones left out.
    """
    found: dict[str, tuple[int, int]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:  # removed (or unreadable) folder: its documents are gone
        return found
    for entry in entries:
        name = entry.name
        if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            if not entry.is_file():
                continue
            st = entry.stat()
        except OSError:  # vanished between the listing and the stat
            continue
        found[entry.path] = (st.st_size, st.st_mtime_ns)
    return found


def folder_changes(library: Library, folder: str, *, arrivals: bool) -> FolderChanges:
    """What changed in one folder since the library last read it.

    ``arrivals``: whether files new to the library count (a folder under an imported
    one); files imported one by one only have their own changes looked at.
    """
    listing = _listing(folder)
    known = library.documents_in_folder(folder, nested=not os.path.isdir(folder))
    changes = FolderChanges()
    for path, (size, mtime, missing) in sorted(known.items()):
        now = listing.get(path)
        if now is None:
            if not missing:
                changes.gone.append(path)
        elif missing or now != (size, mtime):
            changes.changed.append(path)
    if arrivals:
        settled = library.left_out_in_folder(folder, listing)
        changes.arrived = sorted(p for p in listing if p not in known and p not in settled)
    return changes


def under_a_root(folder: str, roots: Iterable[Path]) -> bool:
    """Whether new files in this folder belong to the library (it is in an imported one)."""
    path = Path(folder)
    return any(path == root or path.is_relative_to(root) for root in roots)


def refresh_folders(
    library: Library,
    folders: Iterable[str],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Bring the changes of a few folders in, as a refresh of the whole library would.

    Files removed by the user are never arrivals (``left_out_in_folder``). Arrivals are imported
    before anything is called gone, as in a refresh: a file moved
    from one watched folder to another is then a move, not a loss and a new document.
    """
    roots = [r for r in library.roots() if r.is_dir()]
    wanted = sorted(set(folders))
    files: list[str] = []
    gone: list[str] = []
    for folder in wanted:
        changes = folder_changes(library, folder, arrivals=under_a_root(folder, roots))
        files += changes.arrived + changes.changed
        gone += changes.gone
    return library.import_changed(files, gone, progress, cancelled)
