"""Index damage: the one place that says what counts as damage and who rebuilds the index.

The index is a cache of the library, so damage is never fatal: the index is thrown away
and rebuilt from the library, and the user is told. The decision, in full:

- *Damage* is any failure of Whoosh reading or writing the index that is not one of
  Carnet's own typed errors (``damage_reason``). A garbled index raises anything (pickle,
  EOF, struct, KeyError...), so the type cannot be listed; a ``CarnetError`` (another
  process holds the lock, the folder cannot be created) is never damage. An index whose
  stamp is missing or from another version is *outdated*, not damaged: it is rebuilt
  on open without a damage message.
- Damage shows up in three places: opening (``IndexFiles.open``: the table of contents
  or a segment will not load), writing (``update`` merging a garbled segment) and
  reading (a search reaching a garbled segment past the open-time check).
- *Who rebuilds*: only a process that may write the index. Damage found on open makes
  ``IndexFiles.open`` create the index empty (``Workspace.open_index`` then marks the
  whole library unindexed for the update that follows); damage found later goes through
  ``Workspace.rebuild_index`` (reset, everything unindexed, update; one message). The CLI
  and the indexing child do it in place. The window's search thread opens the index
  read-only and must not rebuild (a long rebuild there would hold the GIL the window
  needs): it gets ``IndexDamagedError`` (``needs_rebuild`` is true), and the window only
  relays that to the indexing child as ``--rebuild``.
"""

from __future__ import annotations

import gc
import logging
import warnings
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

from app.core.errors import CarnetError, IndexBusyError, SearchIndexError
from app.core.i18n import tr, tr_noop

log = logging.getLogger(__name__)

T = TypeVar("T")

# English here (marked for the catalog); translated where raised, in the language spoken.
BEING_BUILT = tr_noop("The search index is being built; try again in a moment.")
BEING_REBUILT = tr_noop("The search index is damaged; it is being rebuilt.")


class IndexDamagedError(SearchIndexError):
    """The index cannot be read or written as it is; it must be rebuilt from the library."""

    def __init__(self, reason: str | None = None) -> None:
        super().__init__(tr(BEING_REBUILT))
        self.reason = reason
        """The name of what the damaged index raised (``UnpicklingError``), for the log."""


def damage_reason(exc: BaseException) -> str | None:
    """The name of the damage when ``exc`` means the index is damaged, else None."""
    if isinstance(exc, CarnetError) or not isinstance(exc, Exception):
        return None  # our own typed errors say what they mean; Ctrl+C is not damage
    return type(exc).__name__


def needs_rebuild(exc: BaseException) -> bool:
    """Whether a reader that may not write the index should ask the indexing process to
    rebuild it: damaged, or missing/outdated while being built (never merely busy)."""
    return isinstance(exc, SearchIndexError) and not isinstance(exc, IndexBusyError)


def rebuilt_message(reason: str | None) -> str:
    """What the user reads once a damaged index was rebuilt."""
    if reason:
        return tr("The search index was damaged ({reason}); it was rebuilt.").format(reason=reason)
    return tr("The search index was damaged; it was rebuilt.")


def damage_checked(work: Callable[[], T], *, release_files: bool = True) -> T:
    """``work()``, with a failure that means damage turned into ``IndexDamagedError``.

    Carnet's typed errors pass as they are. Whoosh leaves files open when it fails half-way
    through a damaged index; they are released once the traceback goes, which must not
    count as our own leak: with ``release_files`` their warnings are silenced and they are
    collected here. (Not a context manager: the ``with`` statement would chain the
    traceback, and its files, to the error raised.) The search thread passes False:
    ``warnings.catch_warnings`` changes process-wide state, unsafe beside the GUI thread.
    """
    quiet: AbstractContextManager[object] = (
        warnings.catch_warnings() if release_files else nullcontext()
    )
    with quiet:
        if release_files:
            warnings.simplefilter("ignore", ResourceWarning)
        try:
            return work()
        except Exception as exc:
            reason = damage_reason(exc)
            if reason is None:
                raise
            # repr now: a log record keeping the exception would keep its files open.
            log.warning("search index is damaged: %s", repr(exc))
        if release_files:
            gc.collect()  # only after a failure: a full collection costs tens of ms
    raise IndexDamagedError(reason)
