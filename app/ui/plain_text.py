"""Text from documents and notes shown where Qt would guess it is HTML.

Tooltips (and labels left at ``Qt.AutoText``) render anything that *looks* like markup as
rich text: a title or quote such as ``<img src="file:///…">`` would load a local file and
draw it. Everything a document or a note says goes through here to stay text.
"""

from __future__ import annotations

import html


def tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it literally, line breaks and all."""
    if not text:
        return ""
    # A <p> makes Qt take the tooltip as rich text, so the escaped text is shown verbatim.
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"
