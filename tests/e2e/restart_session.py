"""A window session that picks French in View → Language and agrees to restart.

``python -m tests.e2e.restart_session --data-dir DIR`` starts Carnet as ``main.py`` does
(``app.ui.application.run``); instead of starting a new process, the relaunch prints
``relaunch`` with the command as JSON, and ``free`` when the data dir was no longer held
by this process at that moment (else the new Carnet would hand over to the closing one).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.application import make_application, run
from app.ui.main_window import MainWindow
from app.ui.single_instance import SingleInstance


def _choose_french(app: QApplication) -> None:
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    window.language_menu.ask = lambda parent: True
    window.language_menu.choose("fr")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args()
    app = make_application([])

    def relaunch(program: str, arguments: list[str]) -> bool:
        print("relaunch", json.dumps([program, arguments]), flush=True)
        probe = SingleInstance(Path(args.data_dir), app)
        if probe.claim():
            print("free", flush=True)
            probe.release()
        return True

    QProcess.startDetached = relaunch  # type: ignore[method-assign,assignment]
    QTimer.singleShot(0, lambda: _choose_french(app))
    return run(args.data_dir, [])


if __name__ == "__main__":
    sys.exit(main())
