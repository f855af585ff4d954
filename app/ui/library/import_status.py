"""What the status bar says about importing and removing documents, in plain sentences."""

from __future__ import annotations

from pathlib import PurePath

from app.core.index_messages import IndexReport
from app.ui.counts import plural


def importing(count: int) -> str:
    return f"Importing {plural(count, 'item')}…"


def import_summary(report: IndexReport) -> str:
    """One or two sentences for an indexing report; "" when nothing happened.

    "5 documents added to your library, 1 updated." / "1 file skipped: a.pdf (reason)."
    "1 document moved." / "1 document missing (its file is gone; its notes are kept)."
    """
    counts = [(len(report.added), "added to your library"), (len(report.updated), "updated")]
    counts += [(len(report.moved), "moved"), (len(report.removed), "removed")]
    phrases: list[str] = []
    for n, verb in counts:
        if n:  # the first count names what it counts: "5 documents added…, 1 updated"
            phrases.append(f"{plural(n, 'document') if not phrases else n} {verb}")
    sentences = [", ".join(phrases) + "."] if phrases else []
    if report.missing:
        n = len(report.missing)
        gone = "its file is gone; its notes are" if n == 1 else "their files are gone; notes are"
        sentences.append(f"{plural(n, 'document')} missing ({gone} kept).")
    duplicates = report.duplicates
    if len(duplicates) == 1:
        name = PurePath(duplicates[0]).name or duplicates[0]
        sentences.append(f"1 file not added: {name} is already in your library.")
    elif duplicates:
        sentences.append(f"{plural(len(duplicates), 'file')} not added: already in your library.")
    skipped = report.skipped
    if len(skipped) == 1:
        name = PurePath(skipped[0].path).name or skipped[0].path
        sentences.append(f"1 file skipped: {name} ({skipped[0].reason}).")
    elif skipped:
        sentences.append(f"{plural(len(skipped), 'file')} skipped.")
    sentences += report.messages
    return " ".join(sentences)


def skipped_heading(count: int) -> str:
    return f"{plural(count, 'file')} could not be imported."


def removal_question(title: str, notes: int) -> str:
    kept = (
        f"Your {plural(notes, 'note')} on it stay in Carnet (under All notes and in exports)."
        if notes
        else "You have no notes on it."
    )
    return (
        f"Remove “{title}” from the library?\n\n"
        "The file itself is not deleted, and refreshing its folder will not bring it back. " + kept
    )


def removal_done(title: str, notes: int) -> str:
    kept = f"its file and {plural(notes, 'note')} are kept" if notes else "its file is kept"
    return f"Removed “{title}” from the library; {kept}."
