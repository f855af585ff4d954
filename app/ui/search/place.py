"""Where the search box looks: within the group chosen in the list, or the whole library.

The sidebar's group (a collection, a folder, a smart list) narrows the search by default;
the combo beside the scope says so (« Dans « Thèse » ») and lets the reader widen it to
the whole library without changing the group the list shows. With "All documents" chosen
there is nothing to narrow and the combo hides.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from app.core.i18n import tr

WITHIN, LIBRARY = "within", "library"


@dataclass(frozen=True)
class ChosenGroup:
    key: str
    label: str
    doc_ids: frozenset[str]


class SearchPlaceCombo(QComboBox):
    """« Dans « Thèse » » / « Toute la bibliothèque », shown while a group is chosen."""

    placeChanged = Signal()  # the documents searched changed (group, its members, or widened)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group: ChosenGroup | None = None
        self.setAccessibleName(tr("Where to search"))
        self.setToolTip(tr("Search within the group chosen in the list, or the whole library"))
        self.hide()
        self.currentIndexChanged.connect(self._chosen)

    def set_group(self, key: str, label: str, doc_ids: frozenset[str] | None) -> None:
        """The list now shows ``key`` (None ids: all documents); a new group narrows again."""
        group = None if doc_ids is None else ChosenGroup(key, label, frozenset(doc_ids))
        if group == self._group:
            return
        new_key = self._group is None or group is None or group.key != self._group.key
        self._group = group
        self.blockSignals(True)
        index = 0 if new_key else self.currentIndex()  # the same group refreshed: as chosen
        self.clear()
        if group is not None:
            self.addItem(tr("In “{group}”").format(group=group.label), WITHIN)
            self.addItem(tr("Whole library"), LIBRARY)
            self.setCurrentIndex(index)
        self.blockSignals(False)
        self.setVisible(group is not None)
        self.placeChanged.emit()

    def widen(self) -> None:
        """Search the whole library (the group stays chosen in the list)."""
        if self._group is not None:
            self.setCurrentIndex(self.findData(LIBRARY))

    def only(self) -> frozenset[str] | None:
        """The documents a search may return; None: the whole library."""
        if self._group is None or self.currentData() == LIBRARY:
            return None
        return self._group.doc_ids

    def within(self) -> str | None:
        """The group's name while searching within it, for the placeholder and summary."""
        return None if self.only() is None or self._group is None else self._group.label

    def _chosen(self) -> None:
        self.placeChanged.emit()
