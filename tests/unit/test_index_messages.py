"""The indexing process's messages: each survives the wire, and a stray line is named, not fatal."""

from __future__ import annotations

import json

import pytest

from app.core.index_messages import (
    IndexFailed,
    IndexMessage,
    IndexProgress,
    IndexReport,
    MalformedMessage,
    SkippedFile,
    decode,
    encode,
)

MESSAGES: list[IndexMessage] = [
    IndexProgress("reading", 3, 120, "Genève : les négociations"),
    IndexProgress("indexing", 120, 120, ""),
    IndexReport(),
    IndexReport(
        added=("a1", "a2"),
        updated=("u1",),
        removed=("r1",),
        unchanged=7,
        skipped=(SkippedFile("/x/rapport.pdf", "PDF is not supported"),),
        indexed=3,
        messages=("The search index was damaged (EOFError); it was rebuilt.",),
    ),
    IndexFailed("Cannot create the search index in /data/index: No space left on device"),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: type(m).__name__)
def test_every_message_comes_back_as_it_was_sent(message: IndexMessage) -> None:
    line = encode(message)
    assert line.endswith("\n") and line.count("\n") == 1  # one message, one line
    assert decode(line) == message
    assert decode(line.encode("utf-8")) == message  # as the window reads it: bytes


def test_the_wire_format_is_the_one_the_window_has_always_read() -> None:
    sent = json.loads(encode(IndexProgress("indexing", 50, 120, "Titre")))
    assert sent == {
        "event": "progress",
        "phase": "indexing",
        "done": 50,
        "total": 120,
        "what": "Titre",
    }
    report = json.loads(encode(MESSAGES[3]))
    assert report["event"] == "report"
    assert report["skipped"] == [{"path": "/x/rapport.pdf", "reason": "PDF is not supported"}]
    assert list(report) == [
        "event", "added", "updated", "removed", "unchanged", "skipped", "indexed", "messages",
    ]  # fmt: skip
    assert json.loads(encode(IndexFailed("non"))) == {"event": "error", "message": "non"}


def test_accents_travel_as_text_not_escapes() -> None:
    assert "Genève" in encode(MESSAGES[0])


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (b"Traceback (most recent call last):", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"event": "progress", "phase": "indexing"}', "KeyError"),
        (b'{"event": "progress", "phase": 1, "done": 0, "total": 1, "what": ""}', "TypeError"),
        (b'{"event": "report", "added": "a1"}', "TypeError"),
        (b'{"event": "celebrate"}', "unknown event 'celebrate'"),
        (b"\xff\xfe", "not JSON"),
    ],
)
def test_a_line_that_is_not_a_message_says_what_is_wrong(line: bytes, said: str) -> None:
    with pytest.raises(MalformedMessage, match=said) as raised:
        decode(line)
    assert isinstance(raised.value, ValueError)  # one family to catch


def test_an_error_without_its_text_still_reads_as_a_failure() -> None:
    assert decode(b'{"event": "error"}') == IndexFailed("Indexing failed.")
