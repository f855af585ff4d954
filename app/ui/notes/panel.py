"""NotesPanel: the window's right-hand pane, the notes of the open document and all notes.

Every change goes through the window's NotesService (on the GUI thread: a save takes well
under a millisecond), whose one signal the panel passes on as ``notesChanged``. What the
user types is never dropped: edits live in the AutoSaver until the store accepts them,
whatever happens to the selection or the document in between.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import NotesError
from app.core.i18n import tr, tr_noop, trn
from app.core.i18n.formats import number
from app.core.notes import AnchorError, Note, anchor_at
from app.ui.notes.all_notes import AllNotesView
from app.ui.notes.autosave import AutoSaver, not_saved
from app.ui.notes.delegate import NoteDelegate
from app.ui.notes.editor import NoteEditor
from app.ui.notes.model import NotesListModel
from app.ui.notes.service import NoteChange, NotesService

# Translated where shown (tr), in the language chosen at start.
_NO_DOCUMENT = tr_noop("Open a document to see its notes.")
_NO_NOTES = tr_noop(
    "No notes on this document yet. Select a passage in the reader to highlight it, "
    "or choose New note."
)


class NotesPanel(QWidget):
    """Notes of the current document with an autosaving editor, and an All-notes tab."""

    noteActivated = Signal(str)
    notesChanged = Signal(object)  # NoteChange, whatever in the panel made it
    saveFailed = Signal(str)
    openNoteRequested = Signal(str, str)

    def __init__(self, service: NotesService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Notes panel"))
        self.service = service
        self.service.changed.connect(self._on_change)
        self._doc_id: str | None = None
        self._doc_text: str | None = None
        self._current: Note | None = None
        self._trashed: Note | None = None
        self._quiet = False  # selection changes made by code do not emit noteActivated

        self.autosaver = AutoSaver(self.service, self)
        self.autosaver.saved.connect(self._on_saved)
        self.autosaver.failed.connect(self.saveFailed)

        self.new_note_action = QAction(tr("New note"), self)
        self.new_note_action.setToolTip(tr("New note on this document"))
        self.new_note_action.triggered.connect(self.new_note)
        self.delete_action = QAction(tr("Delete"), self)
        self.delete_action.setToolTip(tr("Move the selected note to the trash (Delete)"))
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Only in the list: Delete in the editor must delete characters, not the note.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.undo_action = QAction(tr("Undo delete"), self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        # Ctrl+Z in the list, its buttons or the Undo bar; the note editor (a sibling, not
        # a child, of that part) keeps Ctrl+Z for undoing typing.
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo_delete)

        self.model = NotesListModel(self, page_label=service.page_label)
        self.list_view = QListView(self)
        self.list_view.setAccessibleName(tr("Notes"))
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(NoteDelegate(self.list_view))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.addAction(self.delete_action)
        self.list_view.selectionModel().selectionChanged.connect(self._on_selection)

        self.editor = NoteEditor(self, page_label=service.page_label)
        # Enter on a note moves on to its text.
        self.list_view.activated.connect(lambda _index: self.editor.focus_body())
        self.editor.edited.connect(self._on_edited)
        self.autosaver.statusChanged.connect(self.editor.set_status)

        self.new_button = QToolButton(self)
        self.new_button.setDefaultAction(self.new_note_action)
        self.new_button.setAccessibleName(tr("New note"))
        self.delete_button = QToolButton(self)
        self.delete_button.setDefaultAction(self.delete_action)
        self.delete_button.setAccessibleName(tr("Delete note"))
        self.empty_label = QLabel(tr(_NO_DOCUMENT), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(12)

        self.undo_bar = QFrame(self)
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_label = QLabel(tr("Note moved to the trash —"), self.undo_bar)
        self.undo_button = QPushButton(tr("Undo"), self.undo_bar)
        self.undo_button.clicked.connect(self.undo_delete)
        dismiss = QToolButton(self.undo_bar)
        dismiss.setText("✕")
        dismiss.setAccessibleName(tr("Dismiss"))
        dismiss.setAutoRaise(True)
        dismiss.clicked.connect(self.undo_bar.hide)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(8, 2, 2, 2)
        bar.addWidget(self.undo_label)
        bar.addWidget(self.undo_button)
        bar.addStretch(1)
        bar.addWidget(dismiss)
        self.undo_bar.hide()

        self.all_notes = AllNotesView(service.paths, self, page_label=service.page_label)
        self.all_notes.openNoteRequested.connect(self.openNoteRequested)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._document_page(), tr("This document"))
        self.tabs.addTab(self.all_notes, tr("All notes"))
        self.tabs.currentChanged.connect(self._on_tab)
        # Both tabs readable, with room for a count of notes, whatever the language
        # ("Ce document (12) | Toutes les notes" is wider than the English).
        counts = self.fontMetrics().horizontalAdvance(" (000)")
        self.setMinimumWidth(self.tabs.tabBar().sizeHint().width() + counts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        QWidget.setTabOrder(self.list_view, self.new_button)
        QWidget.setTabOrder(self.new_button, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.editor.body)
        QWidget.setTabOrder(self.editor.body, self.editor.tags)
        self._show_note(None)
        self._update_actions()

    def _document_page(self) -> QWidget:
        page = QWidget(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        lists = QWidget(page)
        lists.addAction(self.undo_action)
        top = QVBoxLayout(lists)
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(buttons)
        top.addWidget(self.undo_bar)
        top.addWidget(self.empty_label)
        top.addWidget(self.list_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(lists)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 300])  # the list first: several notes before scrolling
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        return page

    # --- documents ----------------------------------------------------------------------------

    @property
    def doc_id(self) -> str | None:
        return self._doc_id

    def set_document(self, doc_id: str | None, doc_text: str | None = None) -> None:
        """Show ``doc_id``'s notes in position order, none selected; pending edits are saved."""
        self.autosaver.save_now()
        if doc_id != self._doc_id:
            self.undo_bar.hide()
        self._doc_id, self._doc_text = doc_id, doc_text
        if doc_id is not None and doc_text is not None:
            self.service.remember_text(doc_id, doc_text)  # before its notes name pages
        self.reload()

    def reload(self) -> None:
        """Read the current document's notes again (after re-anchoring, an import…)."""
        notes: list[Note] = []
        if self._doc_id is not None:
            try:
                notes = self.service.notes_of(self._doc_id)
            except NotesError as exc:
                self._report(str(exc))
        self._quiet = True
        try:
            self.model.set_notes(notes)
            self._show_note(None)
        finally:
            self._quiet = False
        self._update_actions()

    def set_document_titles(self, titles: dict[str, str]) -> None:
        self.all_notes.set_document_titles(titles)

    def show_document_tab(self) -> None:
        self.tabs.setCurrentIndex(0)

    def show_all_notes(self) -> None:
        """Bring the All-notes tab forward with the focus in it."""
        self.tabs.setCurrentWidget(self.all_notes)
        self.all_notes.setFocus()

    def focus_chain(self) -> list[QWidget]:
        """The panel's stops for Tab, in order: the notes, the note's text, its tags."""
        return [self.list_view, self.editor.body, self.editor.tags]

    def last_save_error(self) -> str | None:
        """Why the last save failed, while an edit is still unsaved; else None."""
        return self.autosaver.last_error

    # --- notes --------------------------------------------------------------------------------

    def current_note(self) -> Note | None:
        return self._current

    def new_note(self) -> Note | None:
        """An unanchored note on the current document, selected with the editor focused."""
        if self._doc_id is None:
            return None
        try:
            note = self.service.add(self._doc_id)
        except NotesError as exc:
            self._report(not_saved(exc))
            return None
        self._added(note, focus=True)
        return note

    def create_anchored_note(
        self, start: int, end: int, *, with_note: bool, color: str | None = None
    ) -> Note:
        """Highlight ``doc_text[start:end]``; with_note selects it and focuses the editor.

        Raises NotesError (AnchorError, NotesStorageError…) after showing it in the panel.
        """
        try:
            if self._doc_id is None or self._doc_text is None:
                raise AnchorError(tr("Open a document before highlighting a passage."))
            anchor = anchor_at(self._doc_text, start, end)
            note = self.service.add(self._doc_id, anchor=anchor, color=color)
        except NotesError as exc:
            self._report(not_saved(exc))
            raise
        if with_note:
            self._added(note, focus=True)
        else:
            self.model.upsert(note)
            self._update_actions()
        return note

    def _added(self, note: Note, *, focus: bool) -> None:
        self.model.upsert(note)
        self.show_document_tab()
        self.select_note(note.id)
        if focus:
            self.editor.focus_body()

    def select_note(self, note_id: str) -> bool:
        """Select a note of the current document (no noteActivated: the caller knows)."""
        row = self.model.row_of(note_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self._quiet = True
        try:
            self.list_view.setCurrentIndex(index)
            self.list_view.scrollTo(index)
        finally:
            self._quiet = False
        return True

    def delete_selected(self) -> None:
        if self._current is not None:
            self.delete_note(self._current.id)

    def delete_note(self, note_id: str) -> bool:
        """Move a note to the trash, with an Undo bar; unsaved typing in it is saved first."""
        self.autosaver.save_now()
        try:
            note = self.service.trash(note_id)
        except NotesError as exc:
            self._report(tr("Not deleted: {error}").format(error=exc))
            return False
        self._quiet = True
        try:
            self.model.remove(note_id)
            self.list_view.clearSelection()
            self._show_note(None)
        finally:
            self._quiet = False
        self._trashed = note
        self.undo_bar.show()
        self.undo_button.setFocus()
        self._update_actions()
        return True

    def undo_delete(self) -> bool:
        """Bring back the note deleted last; True when it is back."""
        note = self._trashed
        if note is None:
            return False
        try:
            restored = self.service.restore(note.id)
        except NotesError as exc:
            self._report(tr("Not restored: {error}").format(error=exc))
            return False
        self._trashed = None
        self.undo_bar.hide()
        if restored.doc_id == self._doc_id:
            self.model.upsert(restored)
            self.select_note(restored.id)
        self._update_actions()
        return True

    def flush(self) -> bool:
        """Save everything typed now; True when nothing is left unsaved (called on quit)."""
        return self.autosaver.save_now()

    # --- internals ----------------------------------------------------------------------------

    def _show_note(self, note: Note | None) -> None:
        self._current = note
        pending = self.autosaver.pending_for(note.id) if note is not None else None
        self.editor.load(note, pending)
        self._update_actions()

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        # Save the note being left before showing another: switching is a save point.
        self.autosaver.save_now()
        rows = self.list_view.selectionModel().selectedRows()
        note = self.model.note_at(rows[0].row()) if rows else None
        if note is not None and self._current is not None and note.id == self._current.id:
            return
        self._show_note(note)
        if note is not None and not self._quiet:
            self.noteActivated.emit(note.id)

    def _on_edited(self) -> None:
        if self._current is not None:
            self.autosaver.stage(self._current, self.editor.current_edit())

    def _on_saved(self, note: Note, previous_id: str) -> None:
        if previous_id != note.id:
            self.model.remove(previous_id)
        if note.doc_id == self._doc_id:
            self.model.upsert(note)
        if self._current is not None and self._current.id == previous_id:
            self._current = note
            if previous_id != note.id:
                self.select_note(note.id)

    def _on_change(self, change: NoteChange) -> None:
        self.all_notes.apply_change(change)
        self.notesChanged.emit(change)

    def _on_tab(self, index: int) -> None:
        if self.tabs.widget(index) is self.all_notes:
            # Listed from the store by another thread: what was typed must be there first.
            self.autosaver.save_now()

    def _report(self, message: str) -> None:
        self.editor.set_status(message)
        self.saveFailed.emit(message)

    def _update_actions(self) -> None:
        has_doc = self._doc_id is not None
        self.new_note_action.setEnabled(has_doc)
        self.delete_action.setEnabled(self._current is not None)
        count = self.model.rowCount()
        self.empty_label.setText(tr(_NO_NOTES) if has_doc else tr(_NO_DOCUMENT))
        self.empty_label.setVisible(count == 0)
        self.list_view.setVisible(count > 0)
        if has_doc:
            self.tabs.setTabText(0, tr("This document ({n})").format(n=number(count)))
            self.tabs.setTabToolTip(
                0,
                trn("{n} note on this document", "{n} notes on this document", count).format(
                    n=number(count)
                ),
            )
        else:
            self.tabs.setTabText(0, tr("This document"))
            self.tabs.setTabToolTip(0, "")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        self.all_notes.queries.shutdown()
        super().closeEvent(event)
