"""The library table model and its proxy, tested without widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from app.core.library.store import DocumentRecord, Library
from app.ui.library.model import (
    DATE,
    DOC_ID_ROLE,
    NOTES,
    TITLE,
    WORDS,
    DocumentFilterProxy,
    DocumentListModel,
    sorted_records,
)
from app.ui.search.results import ResultItem, SearchResultsModel
from tests.conftest import CORPUS


def corpus_records(tmp_path: Path) -> list:
    with Library(tmp_path / "lib.sqlite3", CORPUS) as lib:
        lib.add_paths([CORPUS])
        return lib.all()


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    model = DocumentListModel()
    qtmodeltester.check(model)
    records = corpus_records(tmp_path)
    model.set_records(records, {records[0].id: 3})
    qtmodeltester.check(model)
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("russie")
    qtmodeltester.check(proxy)


def test_rows_show_title_source_date_words_and_notes(tmp_path: Path) -> None:
    records = corpus_records(tmp_path)
    watson = next(r for r in records if r.source == "watson")
    model = DocumentListModel()
    model.set_records(records, {watson.id: 2})
    row = model.row_of(watson.id)
    shown = [model.index(row, c).data() for c in range(model.columnCount())]
    assert shown[0] == watson.title
    assert shown[1:3] == ["watson", "Feb 1, 2022"]  # sorted by the ISO day, shown as a date
    assert shown[3].replace("\u202f", "") == str(watson.words)
    assert shown[4] == "2"
    model.change_note_count(watson.id, -2)  # both notes deleted
    assert model.index(row, NOTES).data() == ""


def test_filter_ignores_accents_and_case_and_sorting_is_numeric(tmp_path: Path) -> None:
    records = corpus_records(tmp_path)
    model = DocumentListModel()
    model.set_records(records, {})
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("ETATS-unis")
    titles = [proxy.index(r, TITLE).data() for r in range(proxy.rowCount())]
    assert titles == [r.title for r in records if "États-Unis" in r.title]
    proxy.set_filter_text("")
    assert proxy.rowCount() == 5
    proxy.sort(WORDS, Qt.SortOrder.DescendingOrder)
    words = [
        model.record(model.row_of(proxy.index(r, 0).data(DOC_ID_ROLE))).words for r in range(5)
    ]
    assert words == sorted(words, reverse=True)


def test_results_model_passes_model_tester(qtmodeltester: ModelTester) -> None:
    model = SearchResultsModel()
    model.set_items(
        [
            ResultItem("document", "a", "a", "Titre", "watson · 2022-02-01", "la <b>crise</b>"),
            ResultItem("note", "n1", "a", "Titre", "Note", "une <b>note</b>"),
        ]
    )
    qtmodeltester.check(model)
    assert model.item(1).kind == "note"


def record(doc_id: str, title: str, date: str | None = None, source: str | None = None) -> Any:
    return DocumentRecord(doc_id, f"/docs/{doc_id}.txt", title, source, date, 100, 1, "0" * 64)


def shown(proxy: DocumentFilterProxy, column: int = TITLE) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_titles_sort_as_a_french_reader_expects(qtmodeltester: ModelTester) -> None:
    titles = ["Zoé", "« Éditorial »", "Chapitre 10", "été indien", "Chapitre 2", "Œuvres", "Eau"]
    model = DocumentListModel()
    model.set_records([record(str(i), t) for i, t in enumerate(titles)], {})
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(TITLE, Qt.SortOrder.AscendingOrder)
    expected = ["Chapitre 2", "Chapitre 10", "Eau", "« Éditorial »", "été indien", "Œuvres", "Zoé"]
    assert shown(proxy) == expected
    proxy.sort(TITLE, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == expected[::-1]
    qtmodeltester.check(proxy)


def test_undated_documents_sort_last_both_ways(qtmodeltester: ModelTester) -> None:
    model = DocumentListModel()
    model.set_records(
        [
            record("a", "Sans date", None),
            record("b", "Ancien", "2019-05-01"),
            record("c", "Récent", "2024-01-02"),
            record("d", "Aussi sans date", ""),
        ],
        {},
    )
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(DATE, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["Ancien", "Récent", "Aussi sans date", "Sans date"]
    proxy.sort(DATE, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == ["Récent", "Ancien", "Aussi sans date", "Sans date"]
    qtmodeltester.check(proxy)
    # the search thread sorts the list the same way as the model does
    records = [model.record(r) for r in range(model.rowCount())]
    assert sorted_records(records[::-1], DATE, Qt.SortOrder.DescendingOrder) == records
