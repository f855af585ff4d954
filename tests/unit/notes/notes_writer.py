"""Run by the crash test: add (and sometimes edit) notes in a loop, printing each saved id.

An id is printed only after add() returned, so every printed id must survive a SIGKILL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.core.notes.store import NotesStore
from app.core.paths import DataPaths


def main() -> None:
    store = NotesStore(DataPaths(Path(sys.argv[1])))
    i = 0
    while True:
        note = store.add("doc", f"note {i} " + "texte " * 40, tags=("crash",))
        print(note.id, flush=True)
        if i % 3 == 0:
            store.update(note.id, text=f"note {i} modifiée")
        i += 1


if __name__ == "__main__":
    main()
