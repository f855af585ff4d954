"""What the window remembers between launches, in an INI file in the data directory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.core.i18n import LANGUAGES
from app.ui.search.scopes import DEFAULT_SCOPE, known_scope
from app.ui.themes import SYSTEM, THEME_CHOICES

POSITIONS = "positions"  # the group earlier versions kept reading positions in


class UiSettings:
    """Typed access to the window's QSettings (geometry, splitters, theme, zoom, positions)."""

    def __init__(self, path: Path) -> None:
        self._s = QSettings(str(path), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("window/state", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._s.setValue("window/splitter", value)

    @property
    def library_splitter(self) -> QByteArray | None:
        """Where the sidebar of groups ends and the document list begins."""
        return self._bytes("library/splitter")

    @library_splitter.setter
    def library_splitter(self, value: QByteArray) -> None:
        self._s.setValue("library/splitter", value)

    @property
    def library_header(self) -> QByteArray | None:
        return self._bytes("window/library_header")

    @library_header.setter
    def library_header(self, value: QByteArray) -> None:
        self._s.setValue("window/library_header", value)

    @property
    def theme(self) -> str:
        value = str(self._s.value("reader/theme", SYSTEM))
        return value if value in THEME_CHOICES else SYSTEM

    @theme.setter
    def theme(self, value: str) -> None:
        self._s.setValue("reader/theme", value)

    @property
    def font_size(self) -> float | None:
        value = self._s.value("reader/font_size")
        try:
            return float(str(value)) if value is not None else None
        except ValueError:
            return None

    @font_size.setter
    def font_size(self, value: float) -> None:
        self._s.setValue("reader/font_size", value)

    @property
    def last_document(self) -> str | None:
        value = self._s.value("reader/last_document")
        return str(value) if value else None

    @last_document.setter
    def last_document(self, value: str | None) -> None:
        self._s.setValue("reader/last_document", value or "")

    def legacy_positions(self) -> dict[str, int]:
        """Reading positions (text offsets) written here before the notes store kept them."""
        self._s.beginGroup(POSITIONS)
        try:
            found = {key: self._s.value(key) for key in self._s.childKeys()}
        finally:
            self._s.endGroup()
        positions = {}
        for doc_id, value in found.items():
            try:
                positions[doc_id] = max(0, int(float(str(value))))
            except ValueError:
                continue  # edited by hand: nothing to carry over
        return positions

    def forget_legacy_positions(self) -> None:
        """The positions moved to the notes store: out of this file."""
        self._s.remove(POSITIONS)
        self._s.sync()

    @property
    def scope(self) -> str:
        return known_scope(str(self._s.value("search/scope", DEFAULT_SCOPE)))

    @scope.setter
    def scope(self, value: str) -> None:
        self._s.setValue("search/scope", value)

    @property
    def language(self) -> str | None:
        """``"fr"`` or ``"en"`` as the user chose in View → Language; None: the system's."""
        value = str(self._s.value("window/language", ""))
        return value if value in LANGUAGES else None

    @language.setter
    def language(self, value: str | None) -> None:
        self._s.setValue("window/language", value or "")

    @property
    def group(self) -> str:
        """The sidebar's chosen group (a key of ``app.core.groups``); All documents at first."""
        return str(self._s.value("library/group", "all")) or "all"

    @group.setter
    def group(self, value: str) -> None:
        self._s.setValue("library/group", value)

    def sync(self) -> None:
        self._s.sync()
