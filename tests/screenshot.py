"""Takes the README's screenshot of the real window: ``python -m tests.screenshot OUT.png``.

Run it on a real display or under Xvfb (from the repository's root):
    xvfb-run -s "-screen 0 1400x900x24" \
        .venv/bin/python -m tests.screenshot resources/screenshot.png
It uses a temporary data dir with the bundled corpus, a search and a highlighted note.
``--theme dark`` (or sepia) and ``--size 1920x1080`` show the other looks and screens.
The language follows the system, as Carnet does (``LANG=fr_FR.UTF-8 LANGUAGE=fr``), or
``--language fr``/``en``.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="screenshot.png")
    parser.add_argument("--theme", default="light", help="light, sepia, dark or system")
    parser.add_argument("--size", default="1400x860", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--language", choices=["fr", "en"], help="default: the system's")
    parser.add_argument(
        "--library", action="store_true", help="the library's list and its columns, not results"
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
    if args.library:
        window.clear_search()
    settle()
    window.grab().save(args.out)
    window.close()
    app.processEvents()
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
