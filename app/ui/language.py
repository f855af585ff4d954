"""The window's language: Carnet's catalog, Qt's own (dialogs, buttons, context menus) and
the locale Qt formats with, all chosen together once at start.

Changing the language asks for a restart rather than retranslating live: every label,
menu, tooltip and model header would need a retranslate pass, for a choice made once.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.core.i18n import set_language

_QT_LANGUAGES = {"fr": QLocale.Language.French, "en": QLocale.Language.English}


def apply_language(app: QApplication, choice: str | None) -> str:
    """Speak ``choice`` (``"fr"``/``"en"``; None: the system's). Returns the language spoken."""
    code = set_language(choice)
    QLocale.setDefault(QLocale(_QT_LANGUAGES[code]))
    for old in app.findChildren(QTranslator):  # a second call (tests) replaces, not stacks
        app.removeTranslator(old)
        old.deleteLater()
    if code != "en":
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{code}", folder):
            app.installTranslator(translator)
    return code
