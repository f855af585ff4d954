"""The indexing report carries moves, missing documents and duplicates, as optional keys."""

from __future__ import annotations

import json

from app.core.index_messages import IndexReport, decode, encode
from app.core.library.records import DocumentRecord, DuplicateFile, ImportReport, MovedDocument


def record(doc_id: str, *, missing: bool = False) -> DocumentRecord:
    return DocumentRecord(doc_id, f"/d/{doc_id}.txt", "T", None, None, 10, 1, "0", missing=missing)


def test_moves_missing_and_duplicates_travel_and_come_back() -> None:
    library = ImportReport(
        removed=[record("gone", missing=True)],
        moved=[MovedDocument(record("m"), "/a/m.txt", "/b/m.txt")],
        duplicates=[DuplicateFile("/d/copie.txt", "m")],
    )
    report = IndexReport.of(library, indexed=1, messages=[])
    assert (report.moved, report.missing, report.removed) == (("m",), ("gone",), ())
    assert report.duplicates == ("/d/copie.txt",)
    assert decode(encode(report)) == report


def test_a_report_without_them_is_sent_as_before() -> None:
    """A window from before moves reads a new worker's usual report unchanged."""
    sent = json.loads(encode(IndexReport(added=("a",))))
    assert not {"moved", "missing", "duplicates"} & set(sent)
    old_line = '{"event": "report", "added": ["a"], "removed": []}'
    assert decode(old_line) == IndexReport(added=("a",))
