"""All notes: listed and searched in a worker thread, newest answer only, kept up to date."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.notes import NotesStore
from app.core.paths import DataPaths
from app.ui.notes.panel import NotesPanel
from app.ui.notes.service import NotesService
from app.ui.workers.notes_query import NotesAnswer, NotesQueryService
from tests.gui.notes.notes_support import card_lines

DOC = "doc-geneve"
TIMEOUT = 5000


@pytest.fixture
def panel(qtbot: QtBot, panel: NotesPanel) -> NotesPanel:
    """The shared panel, on screen: All notes queries only while it is visible."""
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def shown(panel: NotesPanel) -> list[str]:
    return [n.text for n in panel.all_notes.model.notes()]


def test_the_worker_answers_with_french_matching_and_the_request_id(
    qtbot: QtBot, store: NotesStore
) -> None:
    hit = store.add(DOC, "Les négociations reprennent")
    store.add(DOC, "Rien à voir")
    queries = NotesQueryService(store.paths)
    try:
        with qtbot.waitSignal(queries.answered, timeout=TIMEOUT) as answered:
            request = queries.request("negociation")
        answer = answered.args[0]
        assert isinstance(answer, NotesAnswer)
        assert (answer.request, answer.query, answer.error) == (request, "negociation", None)
        assert [n.id for n in answer.notes] == [hit.id]
    finally:
        queries.shutdown()
    assert not queries.is_running()


def test_an_older_answer_never_replaces_a_newer_one(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    store.add(DOC, "Les négociations reprennent")
    store.add("other", "Rien à voir")
    view = panel.all_notes
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        panel.show_all_notes()
    answers: list[NotesAnswer] = []
    view.queries.answered.connect(answers.append)
    results: list[list[str]] = []
    view.resultsShown.connect(lambda: results.append(shown(panel)))
    # Typed in quick succession: the first answer arrives after the second was asked for.
    view.set_query("negociation")
    view.set_query("rien")
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=TIMEOUT)
    assert [a.query for a in answers] == ["negociation", "rien"]
    assert results == [["Rien à voir"]]  # only the latest was ever shown
    # However late it comes, an old answer leaves the list alone.
    view.queries.answered.emit(answers[0])
    assert shown(panel) == ["Rien à voir"]


def test_the_list_follows_the_windows_changes_without_asking_again(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    old = store.add(DOC, "Plus ancienne")
    newer = store.add(DOC, "Plus récente")
    view = panel.all_notes
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        panel.show_all_notes()
    assert shown(panel) == ["Plus récente", "Plus ancienne"]
    asked = view.queries.latest()
    panel.service.save_edit(old, text="Ancienne, relue")  # an edit moves it to the top
    assert shown(panel) == ["Ancienne, relue", "Plus récente"]
    panel.service.trash(newer.id)
    assert shown(panel) == ["Ancienne, relue"]
    panel.service.restore(newer.id)
    assert shown(panel) == ["Plus récente", "Ancienne, relue"]
    added = panel.service.add("other", "Toute nouvelle")
    assert shown(panel)[0] == added.text
    assert view.queries.latest() == asked  # no note was read again for any of these


def test_a_search_is_asked_again_when_a_note_changes(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    note = store.add(DOC, "Rien à voir")
    view = panel.all_notes
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        panel.show_all_notes()
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        view.set_query("negociation")
    assert shown(panel) == [] and "negociation" in view.message.text()
    # Whether the edited note now matches is the search's to say.
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        panel.service.save_edit(note, text="Les négociations reprennent")
    assert shown(panel) == ["Les négociations reprennent"]
    assert not view.message.isVisible()


def test_the_query_thread_runs_only_while_all_notes_is_on_screen(
    qtbot: QtBot, panel: NotesPanel, store: NotesStore
) -> None:
    store.add(DOC, "une note")
    view = panel.all_notes
    assert not view.queries.is_running()  # nothing asked while the tab is not shown
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        panel.show_all_notes()
    assert view.queries.is_running() and shown(panel) == ["une note"]
    panel.show_document_tab()
    assert not view.queries.is_running()
    store.add(DOC, "ajoutée pendant ce temps")  # by the command line, say
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        panel.show_all_notes()  # shown again: read again
    assert sorted(shown(panel)) == ["ajoutée pendant ce temps", "une note"]


def test_all_notes_name_the_page_of_a_pdf_never_opened_in_this_session(
    qtbot: QtBot, tmp_path: Path
) -> None:

    from app.core.notes.anchoring import anchor_for_quote  # noqa: PLC0415
    from app.core.notes.pages import NotePages  # noqa: PLC0415
    from app.core.workspace import Workspace  # noqa: PLC0415

    docs = tmp_path / "docs"
    docs.mkdir()
    fixture = Path(__file__).parents[2] / "unit" / "documents" / "fixtures" / "qt-pdfwriter-fr.pdf"
    (docs / "rapport.pdf").write_bytes(fixture.read_bytes())
    with Workspace(DataPaths(tmp_path / "data"), corpus_dir=docs / "none") as ws:
        (record,) = ws.import_paths([docs]).added
        quote = "le porte-parole a refusé"
        ws.notes.add(record.id, "", anchor=anchor_for_quote(ws.library.text(record.id), quote))
        # The window's service: pages read from the library, not from what the reader showed.
        panel = NotesPanel(NotesService(ws.notes, pages=NotePages(ws.library.paged_texts)))
        qtbot.addWidget(panel)
        panel.resize(380, 800)
        panel.show()
        view = panel.all_notes
        with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
            panel.show_all_notes()
        lines = card_lines(view.view)
        assert any(line.startswith(f"p. 2 · “{quote}") for line in lines), lines
        panel.close()
