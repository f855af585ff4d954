"""Typed errors whose messages a person can act on; the GUI shows them in one place."""

from __future__ import annotations


class CarnetError(Exception):
    """Base of every error Carnet raises on purpose; ``str()`` is meant for the user."""


class DocumentSkipped(CarnetError):
    """A file could not be brought into the library; ``reason`` says why, in plain words."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class LibraryError(CarnetError):
    """The library catalogue could not be read or written."""


class DocumentNotFound(LibraryError):
    """No document has that id."""

    def __init__(self, doc_id: str) -> None:
        super().__init__(f"No document with id {doc_id!r}. Run 'list' to see the library.")
        self.doc_id = doc_id


class SearchIndexError(CarnetError):
    """The search index could not be opened or updated (it is rebuilt from the library)."""


class IndexBusyError(SearchIndexError):
    """Another Carnet process is writing the index; the update is left for later."""


class DataDirError(CarnetError):
    """The data directory cannot be created or written (read-only, full disk, permissions)."""


class NotesError(CarnetError):
    """The notes store refused an operation; nothing the user typed was lost."""
