"""Takes the README's screenshot of the real window: ``python -m tests.screenshot OUT.png``.

Run it on a real display or under Xvfb (from the repository's root):
    xvfb-run -s "-screen 0 1400x900x24" \
        .venv/bin/python -m tests.screenshot resources/screenshot.png
It uses a temporary data dir with the bundled corpus, a search and a highlighted note.
``--theme dark`` (or sepia) and ``--size 1920x1080`` show the other looks and screens.
The language follows the system, as Carnet does (``LANG=fr_FR.UTF-8 LANGUAGE=fr``), or
``--language fr``/``en``. ``--collections`` files a few documents in collections ("Thèse"
with "Chapitre 1" inside, "Ukraine"), one finished and one being read, and shows the
list within "Thèse".
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from app.core.paths import DataPaths
from app.ui.application import make_application
from app.ui.language import apply_language
from app.ui.main_window import MainWindow


def wait(signal: object, ms: int = 30_000) -> None:
    loop = QEventLoop()
    signal.connect(lambda *_: loop.quit())  # type: ignore[attr-defined]
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def file_in_collections(window: MainWindow) -> None:
    """Collections and statuses as a reader with a thesis would have them."""
    ids = [r.id for r in window.library.all()]
    notes = window.notes
    notes.create_collection("Thèse")
    notes.create_collection("Chapitre 1", "Thèse")
    notes.create_collection("Ukraine")
    notes.add_to_collection("Thèse", ids[:2])
    notes.add_to_collection("Chapitre 1", ids[2:4])
    notes.add_to_collection("Ukraine", ids[1:4:2])
    notes.set_status(ids[0], "finished")
    notes.document_opened(ids[2])
    window.library_pane.refresh_groups()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="screenshot.png")
    parser.add_argument("--theme", default="light", help="light, sepia, dark or system")
    parser.add_argument("--size", default="1400x860", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--language", choices=["fr", "en"], help="default: the system's")
    parser.add_argument(
        "--library", action="store_true", help="the library's list and its columns, not results"
    )
    parser.add_argument(
        "--collections",
        action="store_true",
        help="a few collections and statuses in the sidebar, the list within one",
    )
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    app = make_application([])
    apply_language(app, args.language)
    data = DataPaths(Path(tempfile.mkdtemp(prefix="carnet-shot-")))
    window = MainWindow(data, start_indexing=False)
    window.resize(width, height)
    window.set_theme(args.theme)
    window.show()
    window.indexer.start(bundled=True)
    wait(window.indexer.finished)
    if args.collections:
        file_in_collections(window)
    window.search_edit.setText("négociations")
    wait(window.searchAnswered)
    quote = "Spoiler: ça n'a pas marché"
    results = window.library_pane.results_model
    items = [results.item(r) for r in range(results.rowCount())]
    chosen = next(i for i in items if quote in window.library.text(i.doc_id))
    window.library_pane.results.setCurrentIndex(results.index(items.index(chosen), 0))
    window.open_result(chosen)
    text = window.reader.text
    start = text.index(quote)
    window.notes_panel.create_anchored_note(
        start, start + len(quote), with_note=True, color="yellow"
    )
    window.notes_panel.editor.body.setPlainText(
        "Le ton change : Washington n'attend plus rien de ce dialogue.\n\n"
        "À comparer avec la rencontre du G20 à New Delhi."
    )
    window.notes_panel.editor.tags.setText("diplomatie, crise")
    window.notes_panel.flush()  # the panel then shows the note's body and "Saved"
    window.reader.select_note(window.notes_panel.current_note().id)
    if args.library or args.collections:
        window.clear_search()
    if args.collections:
        pane = window.library_pane
        pane.choose_group(
            next(g.key for g in pane.sidebar.sidebar_model.groups() if g.label == "Thèse")
        )
    settle()
    window.grab().save(args.out)
    window.close()
    app.processEvents()
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
