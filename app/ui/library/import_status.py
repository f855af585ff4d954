"""What the status bar says about importing and removing documents, in plain sentences.

Every sentence is whole in the catalog (``trn`` for its count): French agrees its words
with the count and orders them its own way, so no sentence is glued from English pieces.
"""

from __future__ import annotations

from pathlib import PurePath

from app.core.i18n import tr, trn
from app.core.i18n.formats import number
from app.core.index_messages import IndexReport


def importing(count: int) -> str:
    return trn("Importing {n} item…", "Importing {n} items…", count).format(n=number(count))


def _first_count(kind: str, n: int) -> str:
    """The first count of the summary names what it counts: "5 documents added…"."""
    if kind == "added":
        text = trn("{n} document added to your library", "{n} documents added to your library", n)
    elif kind == "updated":
        text = trn("{n} document updated", "{n} documents updated", n)
    elif kind == "moved":
        text = trn("{n} document moved", "{n} documents moved", n)
    else:
        text = trn("{n} document removed", "{n} documents removed", n)
    return text.format(n=number(n))


def _later_count(kind: str, n: int) -> str:
    """A later count of the same documents: ", 1 updated" (French agrees it: "2 déplacés")."""
    if kind == "updated":
        text = trn("{n} updated", "{n} updated", n)
    elif kind == "moved":
        text = trn("{n} moved", "{n} moved", n)
    else:
        text = trn("{n} removed", "{n} removed", n)
    return text.format(n=number(n))


def import_summary(report: IndexReport) -> str:
    """One or two sentences for an indexing report; "" when nothing happened.

    "5 documents added to your library, 1 updated." / "1 file skipped: a.pdf (reason)."
    "1 document moved." / "1 document missing (its file is gone; its notes are kept)."
    """
    counts = [("added", len(report.added)), ("updated", len(report.updated))]
    counts += [("moved", len(report.moved)), ("removed", len(report.removed))]
    phrases: list[str] = []
    for kind, n in counts:
        if n:
            phrases.append(_later_count(kind, n) if phrases else _first_count(kind, n))
    # A list of counts reads the same way in French: commas, then a full stop.
    sentences = [", ".join(phrases) + "."] if phrases else []
    if report.missing:
        n = len(report.missing)
        missing = trn(
            "{n} document missing (its file is gone; its notes are kept).",
            "{n} documents missing (their files are gone; notes are kept).",
            n,
        )
        sentences.append(missing.format(n=number(n)))
    duplicates = report.duplicates
    if len(duplicates) == 1:
        name = PurePath(duplicates[0]).name or duplicates[0]
        sentences.append(
            tr("1 file not added: {name} is already in your library.").format(name=name)
        )
    elif duplicates:
        n = len(duplicates)
        sentences.append(
            trn(
                "{n} file not added: already in your library.",
                "{n} files not added: already in your library.",
                n,
            ).format(n=number(n))
        )
    skipped = report.skipped
    if len(skipped) == 1:
        name = PurePath(skipped[0].path).name or skipped[0].path
        said = tr("1 file skipped: {name} ({reason}).")
        sentences.append(said.format(name=name, reason=skipped[0].shown_reason))
    elif skipped:
        n = len(skipped)
        sentences.append(trn("{n} file skipped.", "{n} files skipped.", n).format(n=number(n)))
    sentences += report.messages
    return " ".join(sentences)


def skipped_heading(count: int) -> str:
    return trn("{n} file could not be imported.", "{n} files could not be imported.", count).format(
        n=number(count)
    )


def removal_question(title: str, notes: int) -> str:
    if notes:
        kept = trn(
            "Your {n} note on it stays in Carnet (under All notes and in exports).",
            "Your {n} notes on it stay in Carnet (under All notes and in exports).",
            notes,
        ).format(n=number(notes))
    else:
        kept = tr("You have no notes on it.")
    question = tr("Remove “{title}” from the library?").format(title=title)
    lasting = tr(
        "The file itself is not deleted, and refreshing its folder will not bring it back."
    )
    return f"{question}\n\n{lasting} {kept}"


def removal_done(title: str, notes: int) -> str:
    if notes:
        done = trn(
            "Removed “{title}” from the library; its file and {n} note are kept.",
            "Removed “{title}” from the library; its file and {n} notes are kept.",
            notes,
        )
        return done.format(title=title, n=number(notes))
    return tr("Removed “{title}” from the library; its file is kept.").format(title=title)
