"""One real window session: open a document, wait until it is typeset, quit with Ctrl+Q.

``python -m tests.e2e.window_session --data-dir DIR DOC_ID`` starts Carnet exactly as
``main.py open DOC_ID`` does (``app.ui.application.run``), then, once the reader has the
whole document in view, triggers File → Quit as a user's Ctrl+Q would, and exits with the
application's own exit code. It prints ``typeset DOC_ID CHARS`` when the document was
shown, so a test can tell a session that quit early from one that read the book.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.ui.application import make_application, run
from app.ui.main_window import MainWindow


def _hook(app: QApplication, doc_id: str) -> None:
    """Runs once the event loop has started: the window exists and was asked to open."""
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    reader = window.reader

    def quit_when_shown() -> None:
        if reader.document_id() != doc_id or not reader.is_typeset():
            return
        reader.typesetFinished.disconnect(quit_when_shown)
        print(f"typeset {doc_id} {len(reader.text)}", flush=True)
        window.actions_.quit.trigger()

    reader.typesetFinished.connect(quit_when_shown)
    quit_when_shown()  # a short document may be typeset already


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("doc_id")
    args = parser.parse_args()
    app = make_application([])
    QTimer.singleShot(0, lambda: _hook(app, args.doc_id))
    return run(args.data_dir, [], open_ids=[args.doc_id])


if __name__ == "__main__":
    sys.exit(main())
