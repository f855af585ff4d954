"""Reading files ahead of the importer in helper processes, in order, a bounded window ahead.

Extracting a file's text (decoding, structure, metadata) was most of an import's time and
used one core; the importer's own work (stat, SQLite) stays in its process. Only worth it
for many files: a helper process costs a fork. Used from the CLI and the indexing process,
which have no Qt to be forked with.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import DocumentSkipped
from app.core.wording import Wording

if TYPE_CHECKING:
    from app.core.documents.loader import LoadedDocument

READ_AHEAD_MIN = 200  # files to read before helper processes pay for themselves
WINDOW = 64  # files read ahead at most: bounds the memory of loaded texts waiting
HELPERS = max(1, min(2, os.cpu_count() or 1))


@dataclass(frozen=True)
class Refusal:
    """A ``DocumentSkipped`` as plain values: the exception itself does not unpickle."""

    path: str
    wording: Wording


def load_or_skip(name: str) -> LoadedDocument | Refusal:
    """``load_document``, its refusal returned rather than raised (it crosses a process)."""
    from app.core.documents.loader import load_document  # noqa: PLC0415 - heavy, lazily

    try:
        return load_document(Path(name))
    except DocumentSkipped as skip:
        return Refusal(skip.path, skip.wording)


class ReadAhead:
    """Each of ``names`` loaded by helper processes; ``loaded`` asks for them in order.

    A name skipped by the importer (it found it needed no reading after all) is dropped;
    a name never read ahead is loaded here.
    """

    def __init__(self, names: list[str]) -> None:
        self._names = iter(names)
        self._remaining = set(names)
        self._pending: deque[tuple[str, Future[LoadedDocument | Refusal]]] = deque()
        self._pool = ProcessPoolExecutor(HELPERS, mp_context=multiprocessing.get_context("fork"))
        for _ in range(WINDOW):
            self._submit_next()

    def _submit_next(self) -> None:
        name = next(self._names, None)
        if name is not None:
            self._pending.append((name, self._pool.submit(load_or_skip, name)))

    def loaded(self, name: str) -> LoadedDocument:
        """``name`` loaded; raises ``DocumentSkipped`` as ``load_document`` would."""
        if name not in self._remaining:
            result = load_or_skip(name)
        else:
            while True:
                ahead, future = self._pending.popleft()
                self._remaining.discard(ahead)
                self._submit_next()
                if ahead == name:
                    result = future.result()
                    break
                future.cancel()
        if isinstance(result, Refusal):
            raise DocumentSkipped(result.path, result.wording)
        return result

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def read_ahead(names: list[str]) -> ReadAhead | None:
    """A ``ReadAhead`` when there are enough files to read and a second core; else None."""
    if len(names) < READ_AHEAD_MIN or HELPERS < 2:
        return None
    return ReadAhead(names)
