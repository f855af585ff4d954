"""The library's folders watched while the window is open: a saved file comes in by itself.

``watchdog`` watches each imported folder with its subfolders (on Linux one inotify watch
per folder, new subfolders joining by themselves) and reports the files in them: created,
written and closed (``IN_CLOSE_WRITE``: a save in place, ``cp`` over a file, an append),
moved and deleted. Its observer thread only filters the event and emits a signal, queued
to the GUI thread; the library is never touched there. A file imported on its own is
watched through its folder, for its own changes only: new files beside it are not the
library's. A change is acted on once its folder has been quiet for ``QUIET_MS`` (a save
is often several steps: a temporary file, a rename): the indexing process compares the
folder with the library (``folder_changes``) and a change that brings nothing in says
nothing.

A file is reported when it is closed after writing, so it is read complete: no second
look is needed for a long copy. A folder the system refuses to watch (inotify's per-user
limit) makes the window refresh the whole library when it is activated instead.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from app.core.documents.formats import SUPPORTED_SUFFIXES
from app.core.library.store import Library

log = logging.getLogger(__name__)

QUIET_MS = 100
"""How long a folder stays quiet before it is read: the steps of one save, not a pause."""

# inotify says when a written file is closed: one event per save, the file complete. Other
# systems' observers have no such event; there a write is a modification.
_WRITTEN: type[FileSystemEvent] = (
    FileClosedEvent if sys.platform.startswith("linux") else FileModifiedEvent
)
_EVENTS: list[type[FileSystemEvent]] = [
    _WRITTEN,
    FileCreatedEvent,  # also a file moved in from outside the watched folders
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


@dataclass(frozen=True)
class _Scope:
    """What the library watches; replaced whole, so the observer thread reads it safely."""

    trees: tuple[Path, ...] = ()  # imported folders: everything under them
    files: frozenset[str] = frozenset()  # files imported on their own
    own: tuple[Path, ...] = ()  # Carnet's data dir and bundled articles

    def folder_of(self, path: str, *, is_dir: bool) -> str | None:
        """The folder to read again for a change at ``path``, or None if it is not ours."""
        p = Path(path)
        folder = p if is_dir else p.parent
        if any(folder == o or folder.is_relative_to(o) for o in self.own):
            return None
        if not is_dir and path in self.files:
            return str(folder)
        for tree in self.trees:
            if folder == tree or folder.is_relative_to(tree):
                hidden = any(part.startswith(".") for part in folder.relative_to(tree).parts)
                return None if hidden else str(folder)
        return None


def _wanted(path: str) -> bool:
    """A file the importer would read (hidden temporary files and the like are not)."""
    name = os.path.basename(path)
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


class _Relay(FileSystemEventHandler):
    """In watchdog's observer thread: turns an event into folders, emitted as a signal."""

    def __init__(self, watcher: FolderWatcher) -> None:
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        scope = self._watcher.scope
        paths = [os.fsdecode(event.src_path)]
        if event.dest_path:
            paths.append(os.fsdecode(event.dest_path))
        if not event.is_directory:
            if not any(_wanted(p) for p in paths):
                return
            if isinstance(event, FileCreatedEvent) and _empty(paths[0]):
                return  # a file just opened for writing: its close says when it is whole
        folders = {scope.folder_of(p, is_dir=event.is_directory) for p in paths}
        if event.is_directory:  # its parent's entry changed too (a folder moved away)
            folders |= {scope.folder_of(os.path.dirname(p), is_dir=True) for p in paths}
        found = sorted(f for f in folders if f is not None)
        if found:
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                self._watcher.seen.emit(found)


def _empty(path: str) -> bool:
    try:
        return os.stat(path).st_size == 0
    except OSError:
        return False  # already gone again: its folder is worth a look


class FolderWatcher(QObject):
    """Reports folders whose supported files differ from what the library knows."""

    foldersChanged = Signal(list)  # list[str]: folders to read again, after the quiet time
    incomplete = Signal()  # some folders could not be watched: changes there go unseen
    seen = Signal(list)  # from the observer thread: folders where something changed
    _scheduled = Signal(list, int)  # from a pool thread: the folders watched, how many refused

    def __init__(
        self, library: Library, data_dir: Path, corpus_dir: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        # Carnet's own folders: its writes to the data dir must not look like the user's
        # files changing, and the bundled articles do not change.
        self._own = (data_dir.absolute(), corpus_dir.absolute())
        self.scope = _Scope(own=self._own)
        self._observer: BaseObserver | None = None
        self._lock = threading.Lock()  # one pool thread at a time changes the watches
        self._watches: dict[tuple[str, bool], ObservedWatch] = {}
        self._relay = _Relay(self)
        # Queued: the observer thread must never run the slot itself.
        self.seen.connect(self._changed, Qt.ConnectionType.QueuedConnection)
        self._scheduled.connect(self._watch_done)
        self._walks = 0  # watch set-ups on their way
        self._stopped = False
        self._dirty: set[str] = set()
        self._busy = False  # the indexing process is at work: the library is not settled
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._quiet_now)
        self._watched: list[str] = []
        self.unwatched = 0
        """Folders the system refused to watch (its limit on watches was reached)."""

    def watched(self) -> list[str]:
        """The folders given to the observer (each imported one covers its subfolders)."""
        return list(self._watched)

    def idle(self) -> bool:
        """Nothing seen that is still to be looked at (for tests and benchmarks)."""
        return not (self._quiet.isActive() or self._walks or self._dirty)

    def set_busy(self, busy: bool) -> None:
        """Changes seen while a job runs wait for its end, then go as one job."""
        self._busy = busy
        if not busy and self._dirty and not self._quiet.isActive():
            self._quiet_now()

    def watch_library(self) -> None:
        """Watch the library's folders (call again when folders were imported).

        Set up off the GUI thread: inotify adds a watch per subfolder, walking them.
        """
        roots = [r.absolute() for r in self._library.roots()]
        roots = [r for r in roots if not self._is_own(r)]
        trees = tuple(r for r in roots if r.is_dir())
        files = frozenset(str(r) for r in roots if r not in trees)
        self.scope = _Scope(trees, files, self._own)
        wanted = {(str(t), True) for t in trees}
        # Files imported on their own: their folder alone, unless a tree covers it.
        wanted |= {
            (str(Path(f).parent), False)
            for f in files
            if Path(f).parent.is_dir()
            and self.scope.folder_of(f, is_dir=False) is not None
            and not any(Path(f).parent.is_relative_to(t) for t in trees)
        }
        self._walks += 1
        QThreadPool.globalInstance().start(lambda: self._schedule(wanted))

    def _schedule(self, wanted: set[tuple[str, bool]]) -> None:
        """In a pool thread: make the observer's watches those wanted."""
        refused = 0
        with self._lock:
            if self._observer is None:
                self._observer = Observer()
                self._observer.daemon = True  # never holds the interpreter at exit
                self._observer.start()
            observer = self._observer
            for key in set(self._watches) - wanted:
                with contextlib.suppress(KeyError):
                    observer.unschedule(self._watches.pop(key))
            for folder, recursive in sorted(wanted - set(self._watches)):
                try:
                    self._watches[(folder, recursive)] = observer.schedule(
                        self._relay, folder, recursive=recursive, event_filter=_EVENTS
                    )
                except OSError as exc:  # inotify's per-user limit, or the folder went
                    log.warning("could not watch %s: %s", folder, exc)
                    refused += 1
            folders = sorted(folder for folder, _ in self._watches)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._scheduled.emit(folders, refused)

    def _watch_done(self, folders: list[str], refused: int) -> None:
        self._walks -= 1
        self._watched = folders
        if refused:
            if not self.unwatched:
                self.incomplete.emit()
            self.unwatched += refused

    def stop(self) -> None:
        self._stopped = True
        self._quiet.stop()
        with self._lock:
            observer, self._observer = self._observer, None
            self._watches.clear()
        if observer is not None:
            observer.stop()
            observer.join(5)

    # ---- what changed ------------------------------------------------------------------

    def _changed(self, folders: list[str]) -> None:
        if self._stopped:
            return
        self._dirty.update(folders)
        self._quiet.start()  # restarted by every event: acted on once quiet

    def _quiet_now(self) -> None:
        if self._busy or self._stopped:
            return  # acted on when the job ends (set_busy): the runner merges them then
        folders, self._dirty = self._dirty, set()
        if folders:
            log.info("watched folders changed: %s", sorted(folders))
            self.foldersChanged.emit(sorted(folders))

    def _is_own(self, path: Path) -> bool:
        return any(path == own or path.is_relative_to(own) for own in self._own)
