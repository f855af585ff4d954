"""The library's folders watched while the window is open: a saved file comes in by itself.

``QFileSystemWatcher`` watches folders one by one (not their subfolders), so every folder
under an imported one is watched, and a new subfolder joins when it appears. A file
imported on its own is watched through its folder, for its own changes only: new files
beside it are not the library's. A change is acted on once the folder has been quiet for
``QUIET_MS`` (a save is often several steps: a temporary file, a rename): the indexing
process compares the folder with the library (``folder_changes``), off the GUI thread
(stat-ing a folder of 1,000 files took it 20 ms), and a change that brings nothing in
(a hidden temporary file, a file saved again unchanged) says nothing.

What it does not see: a file rewritten in place (same name, no rename) changes no folder
entry, so Qt reports nothing; a later change in its folder, or Refresh Library, brings
it in. A folder the system refuses to watch (inotify's per-user limit) makes the window
refresh the whole library when it is activated instead.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QThreadPool, QTimer, Signal

from app.core.library.store import Library

log = logging.getLogger(__name__)

QUIET_MS = 150
"""How long a folder stays quiet before it is read: the steps of one save, not a pause."""
SETTLE_MS = 1_000
"""A folder just acted on is looked at once more this long after its job ended: a file
still being written when it was read (a long copy) shows its final size then."""


class FolderWatcher(QObject):
    """Reports folders whose supported files differ from what the library knows."""

    foldersChanged = Signal(list)  # list[str]: folders to read again, after the quiet time
    incomplete = Signal()  # some folders could not be watched: changes there go unseen
    _found = Signal(list)  # from a pool thread: the folders to watch

    def __init__(
        self, library: Library, data_dir: Path, corpus_dir: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        # Carnet's own folders: its writes to the data dir must not look like the user's
        # files changing, and the bundled articles do not change.
        self._own = (data_dir.absolute(), corpus_dir.absolute())
        self._qt = QFileSystemWatcher(self)
        self._qt.directoryChanged.connect(self._changed)
        self._found.connect(self._watch_found)
        self._walks = 0  # folder walks on their way
        self._stopped = False
        self._dirty: set[str] = set()
        self._settling: set[str] = set()
        self._rereading: set[str] = set()  # the second look of a settle, put off by a job
        self._busy = False  # the indexing process is at work: the library is not settled
        self._quiet = _single_shot(self, QUIET_MS, self._quiet_now)
        self._settle = _single_shot(self, SETTLE_MS, self._settle_now)
        self.unwatched = 0
        """Folders the system refused to watch (its limit on watches was reached)."""

    def watched(self) -> list[str]:
        return sorted(self._qt.directories())

    def idle(self) -> bool:
        """Nothing seen that is still to be looked at (for tests and benchmarks)."""
        waiting = self._walks or self._dirty or (self._busy and self._settling)
        return not (self._quiet.isActive() or self._settle.isActive() or waiting)

    def set_busy(self, busy: bool) -> None:
        """Changes seen while a job runs wait for its end, then go as one job."""
        self._busy = busy
        if busy:
            return
        if self._dirty and not self._quiet.isActive():
            self._quiet_now()
        if self._settling:
            self._settle.start()

    def watch_library(self) -> None:
        """Watch the library's folders (call again when folders were imported).

        Their subfolders are found off the GUI thread: listing 50,000 files takes a while.
        """
        roots = [r for r in self._library.roots() if not self._is_own(r)]
        self._walks += 1
        QThreadPool.globalInstance().start(lambda: self._walk(roots))

    def _walk(self, roots: list[Path]) -> None:
        folders = self._folders_of(roots)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._found.emit(folders)

    def _folders_of(self, roots: list[Path]) -> list[str]:
        """In a pool thread: the folders to watch for these roots."""
        folders = [r for r in roots if r.is_dir()]
        wanted = set(_tree(folders))
        # Files imported on their own: their folder, for their own changes.
        wanted |= {str(r.parent) for r in roots if r not in folders and r.parent.is_dir()}
        return sorted(p for p in wanted if not self._is_own(Path(p)))

    def _watch_found(self, folders: list[str]) -> None:
        self._walks -= 1
        if not self._stopped:
            self._add(folders)

    def stop(self) -> None:
        self._stopped = True
        self._quiet.stop()
        self._settle.stop()
        folders = self._qt.directories()
        if folders:
            self._qt.removePaths(folders)

    # ---- what changed ------------------------------------------------------------------

    def _changed(self, folder: str) -> None:
        self._dirty.add(folder)
        if os.path.isdir(folder):
            # A new subfolder (made here or moved in, files and all) is watched and read.
            known = set(self._qt.directories())
            new = [d for d in _subfolders(folder) if d not in known]
            if new:
                tree = list(_tree(Path(d) for d in new))
                self._add(tree)
                self._dirty.update(tree)
        self._quiet.start()  # restarted by every event: acted on once quiet

    def _quiet_now(self) -> None:
        if self._busy:
            return  # acted on when the job ends (set_busy): the runner merges them then
        folders, self._dirty = self._dirty, set()
        self._act_on(folders)

    def _settle_now(self) -> None:
        folders, self._settling = self._settling, set()
        if self._busy:
            self._dirty |= folders  # they are read once more when the job ends
            self._rereading |= folders
            return
        self._act_on(folders, again=True)

    def _act_on(self, folders: set[str], *, again: bool = False) -> None:
        if not folders:
            return
        again = again or folders <= self._rereading
        self._rereading -= folders
        log.info("watched folders changed: %s", sorted(folders))
        if not again:
            # Read once more a moment after the job (set_busy): a file still being
            # written when it was read (a long copy) shows its final size then.
            self._settling |= folders
        self.foldersChanged.emit(sorted(folders))

    # ---- watches -----------------------------------------------------------------------

    def _add(self, folders: Iterable[str]) -> None:
        known = set(self._qt.directories())
        todo = sorted(set(folders) - known)
        if not todo:
            return
        refused = self._qt.addPaths(todo)
        if refused:
            # inotify's per-user limit (fs.inotify.max_user_watches) reached.
            log.warning("could not watch %d folders (system limit?)", len(refused))
            if not self.unwatched:
                self.incomplete.emit()
            self.unwatched += len(refused)

    def _is_own(self, path: Path) -> bool:
        return any(path == own or path.is_relative_to(own) for own in self._own)


def _tree(tops: Iterable[Path]) -> Iterable[str]:
    """Each folder and its subfolders, as the importer walks them (no hidden ones)."""
    for top in tops:
        for dirpath, dirnames, _ in os.walk(top, followlinks=False):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            yield dirpath


def _subfolders(folder: str) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return [
                e.path
                for e in entries
                if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)
            ]
    except OSError:
        return []


def _single_shot(parent: QObject, ms: int, slot: object) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
