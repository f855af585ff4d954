"""A plain-text book wrapped at ~70 columns reads as flowing paragraphs; code and lists do not."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.core.documents.layout import LINE_SEPARATOR, TextLayout
from app.core.library.store import DocumentRecord
from app.ui.reader.view import ReaderView
from tests.gui.reader_support import qt_slice, shown_reader

WRAPPED = (
    "    Ce guide de référence Debian (version 2.100) est destiné à procurer\n"
    "    un large aperçu du système Debian en tant que guide de l’utilisateur\n"
    "    d’un système installé."
)
CODE = "    $ zcat /usr/share/doc/base-passwd/users-and-groups.txt.gz | pager\n    $ ls -l"
LIST = "  * la documentation dans le répertoire « /usr/share/doc/nom_paquet »\n  * le manuel"
VERSE = "Demain, dès l’aube, à l’heure où blanchit la campagne,\nJe partirai. Vois-tu, je sais."
TEXT = "\n\n".join(["Référence Debian", WRAPPED, CODE, LIST, VERSE])


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    view = shown_reader(qtbot)
    record = DocumentRecord("b", "/tmp/b.txt", "Référence Debian", "", "", 80, 1, "0")
    view.show_document(record, TEXT)
    qtbot.waitUntil(view.is_typeset)
    return view


def shown(view: ReaderView, part: str) -> str:
    start = TEXT.index(part)
    return qt_slice(view, start, start + len(part))


def test_hard_wrapped_prose_flows_but_code_lists_and_verse_keep_their_lines(
    reader: ReaderView,
) -> None:
    prose = shown(reader, WRAPPED.strip())
    assert LINE_SEPARATOR not in prose and "procurer un large aperçu" in prose
    assert LINE_SEPARATOR in shown(reader, CODE.strip())
    assert LINE_SEPARATOR in shown(reader, LIST.strip())
    assert LINE_SEPARATOR in shown(reader, VERSE)


def test_flowing_keeps_every_offset_exact() -> None:
    layout = TextLayout(TEXT)
    assert any(run.flows for run in layout.runs)
    for offset in range(len(TEXT) + 1):
        qt = layout.to_qt(offset)
        back = layout.to_py(qt)
        if TEXT[offset : offset + 1].strip():  # a visible character maps back to itself
            assert back == offset
