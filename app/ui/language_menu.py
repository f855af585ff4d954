"""View → Language: the system's language, English or French, remembered in the settings.

The language is applied at start (``app.ui.language``), so a new choice asks to restart
Carnet; declined, it applies at the next start. Live retranslation was not chosen: every
label, menu, tooltip and model header would need a retranslate pass, for a choice made once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.core.i18n import language, system_language, tr
from app.ui.settings import UiSettings

# Each language is named in itself, as language menus do: a reader lost in a language
# they cannot read still finds their own.
_ENDONYMS = (("en", "&English"), ("fr", "&Français"))


def restart_question(parent: QWidget | None) -> QMessageBox:
    """Restart now? Qt's own Yes/No buttons come in the spoken language (``qtbase_*.qm``)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("Language"),
        tr("Restart Carnet now to use the new language?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setInformativeText(tr("Otherwise it will be used the next time Carnet starts."))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box


def ask_restart(parent: QWidget | None) -> bool:
    """True when the user wants to restart now."""
    return restart_question(parent).exec() == QMessageBox.StandardButton.Yes


class LanguageMenu(QMenu):
    """The submenu; the current choice checked. Emits ``restartWanted`` when told to."""

    restartWanted = Signal()
    statusMessage = Signal(str)

    def __init__(self, settings: UiSettings, parent: QWidget) -> None:
        super().__init__(tr("Lan&guage"), parent)
        self._settings = settings
        self.ask: Callable[[QWidget | None], bool] = ask_restart
        """Asks whether to restart now (tests replace it instead of clicking a modal box)."""
        self.choices = QActionGroup(self)
        self.choices.setExclusive(True)
        current = settings.language
        for code, label in ((None, tr("&System Language")), *_ENDONYMS):
            action = QAction(label, self.choices)
            action.setCheckable(True)
            action.setData(code or "")
            action.setChecked(code == current)
            self.addAction(action)
        self.choices.triggered.connect(self._chosen)

    def choose(self, code: str | None) -> None:
        """As if the user picked ``code`` (None: the system's language) in the menu."""
        for action in self.choices.actions():
            if (action.data() or None) == code:
                action.trigger()

    def _chosen(self, action: QAction) -> None:
        choice = str(action.data()) or None
        if choice == self._settings.language:
            return
        self._settings.language = choice
        self._settings.sync()  # remembered even if Carnet is killed instead of restarted
        if (choice or system_language()) == language():
            return  # the language spoken does not change: nothing to restart for
        if self.ask(self.parentWidget()):
            self.restartWanted.emit()
        else:
            self.statusMessage.emit(
                tr("The new language will be used the next time Carnet starts.")
            )
