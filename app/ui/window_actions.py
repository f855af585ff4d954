"""The window's actions and menus, with standard shortcuts and mnemonics, in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.core.i18n import tr
from app.ui.themes import THEME_CHOICES, THEME_LABELS

Std = QKeySequence.StandardKey


@dataclass
class WindowActions:
    import_files: QAction
    import_folder: QAction
    refresh: QAction
    export_md: QAction
    export_json: QAction
    remove_document: QAction
    show_in_folder: QAction
    open_original: QAction
    quit: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    highlight: QAction
    highlight_with_note: QAction
    new_note: QAction
    delete_note: QAction
    undo_delete: QAction
    focus_search: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    all_notes: QAction
    next_document: QAction
    previous_document: QAction
    go_to_page: QAction
    contents: QAction
    back_to_library: QAction
    back_to_results: QAction
    shortcuts: QAction
    about: QAction
    themes: QActionGroup

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(action, keys) for Help → Keyboard shortcuts, straight from the actions."""
        rows = []
        for f in fields(self):
            action = getattr(self, f.name)
            if isinstance(action, QAction) and action.shortcuts():
                keys = ", ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
                )
                rows.append((action.text().replace("&", "").rstrip("…."), keys))
        return rows


GO_TO_PAGE_KEYS = "Ctrl+G"


def _keys_but(key: Std, taken: str) -> list[QKeySequence]:
    """The platform's bindings of ``key`` without one taken by another action."""
    return [k for k in QKeySequence.keyBindings(key) if k != QKeySequence(taken)]


def _action(window: QMainWindow, text: str, *keys: QKeySequence | Std | str) -> QAction:
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    window.addAction(action)  # shortcuts work wherever the focus is in the window
    return action


def build_actions(window: QMainWindow) -> WindowActions:
    themes = QActionGroup(window)
    themes.setExclusive(True)
    for name in THEME_CHOICES:
        action = QAction(tr(THEME_LABELS[name]), themes)
        action.setData(name)
        action.setCheckable(True)
    return WindowActions(
        import_files=_action(window, tr("&Import Files…"), Std.Open),
        import_folder=_action(window, tr("Import &Folder…"), "Ctrl+Shift+O"),
        refresh=_action(window, tr("&Refresh Library"), Std.Refresh),
        export_md=_action(window, tr("Export Notes as &Markdown…"), "Ctrl+E"),
        export_json=_action(window, tr("Export Notes as &JSON (Backup)…"), "Ctrl+Shift+E"),
        remove_document=_action(window, tr("Re&move from Library")),
        show_in_folder=_action(window, tr("Show in File &Manager")),
        open_original=_action(window, tr("Open &Original")),
        quit=_action(window, tr("&Quit"), Std.Quit),
        find=_action(window, tr("&Find in Document…"), Std.Find),
        # The platform's Find Next includes Ctrl+G on some desktops: Ctrl+G is Go to Page.
        find_next=_action(window, tr("Find &Next"), *_keys_but(Std.FindNext, GO_TO_PAGE_KEYS)),
        find_previous=_action(window, tr("Find Pre&vious"), Std.FindPrevious),
        highlight=_action(window, tr("&Highlight Selection"), "Ctrl+Shift+H"),
        highlight_with_note=_action(window, tr("Highlight with &Note"), "Ctrl+Shift+N"),
        new_note=_action(window, tr("New N&ote"), Std.New),
        delete_note=_action(window, tr("&Delete Note")),
        undo_delete=_action(window, tr("&Undo Delete Note")),
        focus_search=_action(window, tr("&Search"), "Ctrl+K"),
        zoom_in=_action(window, tr("Zoom &In"), Std.ZoomIn, "Ctrl+="),
        zoom_out=_action(window, tr("Zoom &Out"), Std.ZoomOut),
        zoom_reset=_action(window, tr("&Actual Size"), "Ctrl+0"),
        all_notes=_action(window, tr("A&ll Notes"), "Ctrl+Shift+A"),
        next_document=_action(window, tr("&Next Document"), "Alt+Down"),
        previous_document=_action(window, tr("&Previous Document"), "Alt+Up"),
        go_to_page=_action(window, tr("&Go to Page…"), GO_TO_PAGE_KEYS),
        contents=_action(window, tr("&Contents…"), "Ctrl+Shift+C"),
        back_to_library=_action(window, tr("&Library"), "Ctrl+L"),
        back_to_results=_action(window, tr("Back to the &Results (from the reader)"), "Esc"),
        shortcuts=_action(window, tr("&Keyboard Shortcuts"), Std.HelpContents),
        about=_action(window, tr("&About Carnet")),
        themes=themes,
    )


def build_menus(window: QMainWindow, a: WindowActions, language: QMenu | None = None) -> None:
    """The menu bar; ``language``: View → Language (built by the window, which owns settings)."""
    bar = window.menuBar()
    file = bar.addMenu(tr("&File"))
    file.addActions([a.import_files, a.import_folder, a.refresh])
    file.addSeparator()
    file.addActions([a.export_md, a.export_json])
    file.addSeparator()
    file.addActions([a.open_original, a.show_in_folder, a.remove_document])
    file.addSeparator()
    file.addAction(a.quit)

    edit = bar.addMenu(tr("&Edit"))
    edit.addActions([a.find, a.find_next, a.find_previous])
    edit.addSeparator()
    edit.addActions([a.highlight, a.highlight_with_note, a.new_note, a.delete_note, a.undo_delete])
    edit.addSeparator()
    edit.addAction(a.focus_search)

    view = bar.addMenu(tr("&View"))
    theme_menu = QMenu(tr("&Theme"), view)
    theme_menu.addActions(a.themes.actions())
    view.addMenu(theme_menu)
    if language is not None:
        view.addMenu(language)
    view.addSeparator()
    view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset])
    view.addSeparator()
    view.addAction(a.all_notes)

    go = bar.addMenu(tr("&Go"))
    go.addActions([a.next_document, a.previous_document])
    go.addSeparator()
    go.addActions([a.go_to_page, a.contents])
    go.addSeparator()
    go.addAction(a.back_to_library)

    help_menu = bar.addMenu(tr("&Help"))
    help_menu.addActions([a.shortcuts, a.about])
