"""The status bar's sentences for documents that moved, went missing or came twice."""

from __future__ import annotations

import pytest

from app.core.index_messages import IndexReport
from app.ui.library.import_status import import_summary


@pytest.mark.parametrize(
    ("report", "said"),
    [
        (IndexReport(moved=("a",)), "1 document moved."),
        (IndexReport(added=("a",), moved=("b", "c")), "1 document added to your library, 2 moved."),
        (
            IndexReport(missing=("a",)),
            "1 document missing (its file is gone; its notes are kept).",
        ),
        (
            IndexReport(missing=("a", "b")),
            "2 documents missing (their files are gone; notes are kept).",
        ),
        (
            IndexReport(duplicates=("/x/copie.txt",)),
            "1 file not added: copie.txt is already in your library.",
        ),
        (IndexReport(duplicates=("/x/a", "/x/b")), "2 files not added: already in your library."),
    ],
)
def test_moves_missing_and_duplicates_read_as_sentences(report: IndexReport, said: str) -> None:
    assert import_summary(report) == said
