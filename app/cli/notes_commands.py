"""``notes`` commands: add, list, export, import, trash and restore notes from scripts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import open_workspace, print_json
from app.core.files import write_text_atomic
from app.core.i18n import tr, trn
from app.core.i18n.formats import number

if TYPE_CHECKING:
    from app.core.notes.exchange import NotesImportReport


def register(sub: Any) -> None:
    notes = sub.add_parser("notes", help=tr("add, list, export and import notes"))
    nsub = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    p = nsub.add_parser("add", help=tr("add a note to a document"))
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("--text", required=True, help=tr("the note (Markdown)"))
    p.add_argument("--quote", help=tr("anchor the note to the first occurrence of this passage"))
    p.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        dest="tags",
        help=tr("a tag (repeat for several)"),
    )
    p.add_argument("--color", help=tr("highlight colour (e.g. yellow, #ffd54f)"))
    p.add_argument("--json", action="store_true", help=tr("print the note as JSON"))
    p.set_defaults(handler=cmd_add)

    p = nsub.add_parser("list", help=tr("list notes (of one document, or all)"))
    p.add_argument("doc_id", nargs="?", metavar="DOC_ID")
    p.add_argument("--json", action="store_true", help=tr("print them as JSON"))
    p.set_defaults(handler=cmd_list)

    p = nsub.add_parser("export", help=tr("export notes to Markdown or JSON"))
    p.add_argument("--format", choices=("md", "json"), required=True, help=tr("md or json"))
    p.add_argument("--out", required=True, type=Path, metavar="PATH", help=tr("the file to write"))
    p.add_argument("--doc", metavar="DOC_ID", help=tr("only this document’s notes"))
    p.add_argument(
        "--collection", metavar="NAME", help=tr("only the notes of this collection’s documents")
    )
    p.set_defaults(handler=cmd_export)

    p = nsub.add_parser("import", help=tr("merge a JSON export (by note id; idempotent)"))
    p.add_argument("path", type=Path, metavar="PATH")
    p.set_defaults(handler=cmd_import)

    p = nsub.add_parser("trash", help=tr("move a note to the trash"))
    p.add_argument("note_id", metavar="NOTE_ID")
    p.set_defaults(handler=cmd_trash)

    p = nsub.add_parser("restore", help=tr("bring a note back from the trash"))
    p.add_argument("note_id", metavar="NOTE_ID")
    p.set_defaults(handler=cmd_restore)


def cmd_add(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        ws.library.get(args.doc_id)  # a clear error for an unknown document
        if args.quote is not None:
            note = ws.notes.add_for_quote(
                args.doc_id,
                ws.library.text(args.doc_id),
                args.quote,
                args.text,
                tuple(args.tags),
                args.color,
            )
        else:
            note = ws.notes.add(args.doc_id, args.text, tags=args.tags, color=args.color)
        if args.json:
            print_json(note.to_json())
        else:
            print(tr("Added note {id}").format(id=note.id))
        return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        notes = ws.notes.list(args.doc_id)
        if args.json:
            from app.core.notes.pages import note_pages  # noqa: PLC0415

            pages = note_pages(notes, ws.library.paged_texts)
            print_json([{**n.to_json(), "page": pages.get(n.id)} for n in notes])
        else:
            for n in notes:
                quote = " " + tr("“{quote}”").format(quote=n.anchor.quote[:60]) if n.anchor else ""
                flag = tr(" (orphan)") if n.orphan else ""
                print(f"{n.id} [{n.doc_id}]{quote}{flag}: {n.text[:80]}")
        return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        text, count = ws.export_notes(args.format, args.doc, collection=args.collection)
        write_text_atomic(args.out, text)
        print(
            trn("Exported {n} note to {path}", "Exported {n} notes to {path}", count).format(
                n=number(count), path=args.out
            )
        )
        return 0


def cmd_import(args: argparse.Namespace) -> int:
    try:
        text = args.path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(
            tr("carnet: cannot read {path}: {error}").format(path=args.path, error=exc),
            file=sys.stderr,
        )
        return 1
    with open_workspace(args, sync=False) as ws:
        from app.core.notes.exchange import import_json  # noqa: PLC0415

        report = import_json(ws.notes, text)
        counts = (
            trn("{n} added", "{n} added", report.added).format(n=number(report.added)),
            trn("{n} updated", "{n} updated", report.updated).format(n=number(report.updated)),
            trn("{n} unchanged", "{n} unchanged", report.unchanged).format(
                n=number(report.unchanged)
            ),
        )
        print(tr("{counts}.").format(counts=", ".join(counts)))
        if report.shelf_changed:
            print(_shelf_summary(report))
        return 0


def cmd_trash(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        ws.notes.trash(args.note_id)
        print(
            tr("Moved note {id} to the trash (restore it with 'notes restore').").format(
                id=args.note_id
            )
        )
        return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        ws.notes.restore(args.note_id)
        print(tr("Restored note {id}.").format(id=args.note_id))
        return 0


def _shelf_summary(report: NotesImportReport) -> str:
    """What the import did to collections and reading states: the counts that are not 0."""
    r = report
    counts = [
        (
            r.collections_added,
            trn("{n} collection added", "{n} collections added", r.collections_added),
        ),
        (
            r.collections_updated,
            trn("{n} collection updated", "{n} collections updated", r.collections_updated),
        ),
        (
            r.documents_filed,
            trn(
                "{n} document put in a collection",
                "{n} documents put in collections",
                r.documents_filed,
            ),
        ),
        (
            r.reading_added,
            trn("{n} reading status added", "{n} reading statuses added", r.reading_added),
        ),
        (
            r.reading_updated,
            trn("{n} reading status updated", "{n} reading statuses updated", r.reading_updated),
        ),
    ]
    parts = [text.format(n=number(n)) for n, text in counts if n]
    return tr("{counts}.").format(counts=", ".join(parts))
