"""Search hits in the reader: which spans to mark, and the bar that counts them ("2 of 14").

Words are marked one by one with the index's French matching; a quoted phrase is marked
(and stepped through with F3) as one span, never word by word.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.core.documents.layout import Span, TextLayout
from app.core.i18n import tr
from app.core.i18n.formats import number
from app.core.search.analysis import matching_spans
from app.core.search.query_terms import Phrase, phrase_spans, phrase_terms
from app.ui.reader.step_bar import StepBar


def hit_spans(layout: TextLayout, terms: Iterable[str], phrases: Iterable[Phrase]) -> list[Span]:
    """Sorted spans to mark: each phrase occurrence whole, other terms word by word.

    A term that belongs to a phrase is marked only inside the phrase (the index matched it
    there); hits inside a span the reading view hides are left out.
    """
    wanted = tuple(p for p in phrases if p)
    spans = phrase_spans(layout.text, wanted)
    words = set(terms) - phrase_terms(wanted)
    if words:
        taken = spans
        loose = [
            s for s in matching_spans(layout.text, words) if not any(_overlap(s, t) for t in taken)
        ]
        spans = sorted(spans + loose)
    return [s for s in spans if not layout.is_hidden(*s)]


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class HitsBar(StepBar):
    """'Match 2 of 14' for the search hits, with previous/next (F3) and close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("readerHitsBar", tr("Search matches"), parent)
        self.count = QLabel(self)
        self.count.setAccessibleName(tr("Search match count"))
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.setSpacing(4)
        row.addWidget(self.count, 1)
        button = self.step_button
        row.addWidget(
            button("↑", tr("Previous search match"), self.previousRequested, tr("Shift+F3"))
        )
        row.addWidget(button("↓", tr("Next search match"), self.nextRequested, "F3"))
        row.addWidget(button("✕", tr("Stop marking search matches"), self.closeRequested))

    def set_count(self, current: int, total: int) -> None:
        """'Search match 2 of 14' (current is 1-based); hidden without matches."""
        shown = tr("Search match {current} of {total}") if total else ""
        self.count.setText(shown.format(current=number(current), total=number(total)))
        self.setVisible(total > 0)
