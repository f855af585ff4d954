"""Creating the QApplication and the main window."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.core.errors import CarnetError
from app.core.i18n import tr
from app.core.paths import DataPaths, restrict_umask
from app.ui.language import apply_language
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from app.ui.single_instance import Request, SingleInstance, hand_over

ICON = Path(__file__).resolve().parents[2] / "resources" / "carnet.svg"


def make_application(qt_args: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(["carnet", *qt_args])
    app.setApplicationName("Carnet")
    app.setApplicationDisplayName("Carnet")
    app.setOrganizationName("Carnet")
    app.setDesktopFileName("carnet")
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    return app


def run(
    data_dir: str | None,
    qt_args: list[str],
    open_ids: Sequence[str] = (),
    import_paths: Sequence[str] = (),
) -> int:
    """Open the window, or hand the request to the window already open on this data dir."""
    restrict_umask()  # also when started without the command line (tests, embedding)
    app = make_application(qt_args)
    paths = DataPaths.from_override(data_dir)
    # Before any window exists: labels are translated as they are built.
    apply_language(app, UiSettings(paths.settings_file).language)
    request = Request(open=list(open_ids), paths=[str(Path(p).absolute()) for p in import_paths])
    instance = SingleInstance(paths.root, app)
    if not instance.claim():
        if hand_over(paths.root, request):
            print(
                tr("Carnet is already open on {path}: it was brought to the front.").format(
                    path=paths.root
                )
            )
            return 0
        message = tr(
            "another Carnet holds {path} but does not answer; "
            "close it (or wait for it to finish starting) and try again."
        ).format(path=paths.root)
        print(f"carnet: {message}", file=sys.stderr)
        return 1
    # Ctrl+C in the terminal closes the window properly (notes flushed) instead of dying.
    signal.signal(signal.SIGINT, lambda *_: app.closeAllWindows())
    try:
        window = MainWindow(paths)
    except CarnetError as exc:
        instance.release()
        print(f"carnet: {exc}", file=sys.stderr)
        return 1
    instance.requested.connect(window.handle_request)
    window.show()
    if request.open or request.paths:
        window.handle_request(request)
    try:
        code = int(app.exec())
    finally:
        instance.release()
    # Only now: while this process held the data dir, a new one would hand over to it.
    if window.restart_requested:
        program, arguments = restart_command()
        QProcess.startDetached(program, arguments)
    return code


def restart_command() -> tuple[str, list[str]]:
    """The command that started this process (interpreter options and ``-m`` included)."""
    return sys.executable, list(sys.orig_argv[1:])
