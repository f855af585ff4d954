"""Typed errors whose messages a person can act on; the GUI shows them in one place."""

from __future__ import annotations

from app.core.i18n import tr
from app.core.wording import Wording


class CarnetError(Exception):
    """Base of every error Carnet raises on purpose; ``str()`` is meant for the user."""


class DocumentSkipped(CarnetError):
    """A file could not be brought into the library; ``reason`` says why, in plain words.

    ``reason`` is English (``import --json`` and the logs keep it whatever the language);
    ``shown_reason`` and ``str()`` are in the reader's language.
    """

    def __init__(self, path: str, reason: str | Wording) -> None:
        self.wording = reason if isinstance(reason, Wording) else Wording.literal(reason)
        self.path = path
        self.reason = self.wording.english()
        super().__init__(f"{path}: {self.reason}")

    @property
    def shown_reason(self) -> str:
        return self.wording.shown()

    def __str__(self) -> str:
        return tr("{path}: {reason}").format(path=self.path, reason=self.shown_reason)


class LibraryError(CarnetError):
    """The library catalogue could not be read or written."""


class DocumentNotFound(LibraryError):
    """No document has that id."""

    def __init__(self, doc_id: str) -> None:
        super().__init__(
            tr("No document with id {doc_id}. Run 'list' to see the library.").format(
                doc_id=repr(doc_id)
            )
        )
        self.doc_id = doc_id


class SearchIndexError(CarnetError):
    """The search index could not be opened or updated (it is rebuilt from the library)."""


class IndexBusyError(SearchIndexError):
    """Another Carnet process is writing the index; the update is left for later."""


class DataDirError(CarnetError):
    """The data directory cannot be created or written (read-only, full disk, permissions)."""


class NotesError(CarnetError):
    """The notes store refused an operation; nothing the user typed was lost."""
