"""The editor for one note: its passage, Markdown body, tags, highlight colour and save status."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import NotesError
from app.core.i18n import tr
from app.core.notes import Note
from app.core.notes.model import clean_tags
from app.ui.notes.autosave import Edit, says_not_saved
from app.ui.notes.colours import NOTE_COLOURS, SWATCH_NAMES, SWATCHES
from app.ui.notes.delegate import ORPHAN_TEXT, warning_colour
from app.ui.notes.model import dates_line, passage_line, quoted
from app.ui.themes import warning_text

_TAG_SPLIT = re.compile(r"[,\s]+")
_QUOTE_CHARS = 280


def parse_tags(raw: str) -> tuple[str, ...]:
    """Tags typed as ``a, b`` or ``#a #b``; raises NotesError for ones the store refuses."""
    return clean_tags([t for t in _TAG_SPLIT.split(raw) if t.strip("#")])


def _swatch_icon(color: str | None, size: int = 16) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#606060"))
    if color is None:
        painter.setBrush(Qt.GlobalColor.white)
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.setPen(QColor(warning_text(dark=False)))  # on the swatch's white disc
        painter.drawLine(4, size - 4, size - 4, 4)  # "no colour": a struck-out circle
    else:
        painter.setBrush(QColor(color))
        painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pix)


class NoteEditor(QWidget):
    """Shows one note for editing; ``edited`` fires on every change the user makes."""

    edited = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        page_label: Callable[[Note], str] = lambda _note: "",
    ) -> None:
        super().__init__(parent)
        self.page_label = page_label
        """"p. 12" for a note on a paged document, shown before its passage."""
        self._loading = False
        self._color: str | None = None
        self._failing = False  # the status says a save failed: it is shown in red

        self.quote_label = QLabel(self)
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote_label.setAccessibleName(tr("Quoted passage"))
        italic = QFont(self.quote_label.font())
        italic.setItalic(True)
        self.quote_label.setFont(italic)
        self.orphan_label = QLabel(tr(ORPHAN_TEXT), self)
        self.orphan_label.setWordWrap(True)
        self.dates_label = QLabel(self)
        self.dates_label.setAccessibleName(tr("Note dates"))
        self.dates_label.setTextFormat(Qt.TextFormat.PlainText)

        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName(tr("Note editor"))
        self.body.setPlaceholderText(tr("Write your note (Markdown)…"))
        self.body.setTabChangesFocus(True)  # Tab moves on to the tags, as in a form
        self.body.textChanged.connect(self._changed)

        self.tags = QLineEdit(self)
        self.tags.setAccessibleName(tr("Note tags"))
        self.tags.setPlaceholderText(tr("Tags, separated by commas or spaces"))
        self.tags.setClearButtonEnabled(True)
        self.tags.textChanged.connect(self._changed)
        self.tag_error = QLabel(self)
        self.tag_error.setWordWrap(True)
        self.tag_error.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the tag
        self.tag_error.hide()

        colors = QHBoxLayout()
        colors.setSpacing(2)
        colour_label = QLabel(tr("Highlight:"), self)
        colors.addWidget(colour_label)
        self.color_group = QButtonGroup(self)
        self.color_group.setExclusive(True)
        self.color_buttons: dict[str | None, QToolButton] = {}
        for name in (None, *SWATCHES):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIcon(_swatch_icon(NOTE_COLOURS[name] if name else None))
            label = tr("Highlight colour: {colour}").format(colour=tr(SWATCH_NAMES[name]))
            button.setToolTip(label)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _checked=False, n=name: self._pick_color(n))
            self.color_group.addButton(button)
            self.color_buttons[name] = button
            colors.addWidget(button)
        colors.addStretch(1)
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName(tr("Save status"))
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.orphan_label)
        layout.addWidget(self.dates_label)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.tags)
        layout.addWidget(self.tag_error)
        layout.addLayout(colors)
        layout.addWidget(self.status_label)
        self._apply_warning_colour()
        self.load(None)

    # --- content ------------------------------------------------------------------------------

    def load(self, note: Note | None, pending: Edit | None = None) -> None:
        """Show ``note`` (or the unsaved ``pending`` edit of it); None empties and disables."""
        self._loading = True
        try:
            shown = pending or (Edit(note.text, note.tags, note.color) if note else None)
            self.body.setPlainText(shown.text if shown else "")
            tags = shown.tags if shown and shown.tags is not None else (note.tags if note else ())
            self.tags.setText(", ".join(tags))
            self._set_color(shown.color if shown else None)
            quote = note.anchor.quote if note is not None and note.anchor is not None else ""
            quote = " ".join(quote.split())
            if len(quote) > _QUOTE_CHARS:
                quote = quote[: _QUOTE_CHARS - 1] + "…"
            passage = quoted(quote) if quote else ""
            page = self.page_label(note) if note is not None else ""
            self.quote_label.setText(passage_line(page, passage))
            self.quote_label.setVisible(bool(quote))
            self.orphan_label.setVisible(bool(note is not None and note.orphan))
            dates = dates_line(note) if note is not None else ""
            self.dates_label.setText(dates)
            self.dates_label.setVisible(bool(dates))
            self.tag_error.hide()
        finally:
            self._loading = False
        # The status line stays enabled: an unsaved edit of another note must stay readable.
        for widget in (self.body, self.tags, *self.color_buttons.values()):
            widget.setEnabled(note is not None)
        self.body.setPlaceholderText(
            tr("Write your note (Markdown)…") if note else tr("Select a note, or create one.")
        )

    def current_edit(self) -> Edit:
        """The editor's content; tags the store would refuse are left out (and shown)."""
        try:
            tags: tuple[str, ...] | None = parse_tags(self.tags.text())
        except NotesError as exc:
            tags = None
            self.tag_error.setText(tr("Tags not saved: {error}").format(error=exc))
            self.tag_error.show()
        else:
            self.tag_error.hide()
        return Edit(self.body.toPlainText(), tags, self._color)

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self._failing = says_not_saved(text)
        self._apply_warning_colour()

    def focus_body(self) -> None:
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)
        self.body.moveCursor(self.body.textCursor().MoveOperation.End)

    # --- internals ----------------------------------------------------------------------------

    def _apply_warning_colour(self) -> None:
        # In style sheets, which do not follow the palette: set again when the theme changes.
        red = f"color: {warning_colour(self.palette()).name()};"
        self.orphan_label.setStyleSheet(red)
        self.tag_error.setStyleSheet(red)
        self.status_label.setStyleSheet(f"{red} font-weight: bold;" if self._failing else "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_warning_colour()

    def _set_color(self, color: str | None) -> None:
        self._color = color
        button = self.color_buttons.get(color)
        if button is not None:
            button.setChecked(True)
        else:
            # A colour set elsewhere (e.g. "#ffd54f" from the command line): no swatch is on.
            self.color_group.setExclusive(False)
            for b in self.color_buttons.values():
                b.setChecked(False)
            self.color_group.setExclusive(True)

    def _pick_color(self, color: str | None) -> None:
        self._color = color
        self._changed()

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()
