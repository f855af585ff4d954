"""``notes`` commands: add, list, export, import, trash and restore notes from scripts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import open_workspace, print_json
from app.core.files import write_text_atomic


def register(sub: Any) -> None:
    notes = sub.add_parser("notes", help="add, list, export and import notes")
    nsub = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    p = nsub.add_parser("add", help="add a note to a document")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("--text", required=True, help="the note (Markdown)")
    p.add_argument("--quote", help="anchor the note to the first occurrence of this passage")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", dest="tags")
    p.add_argument("--color", help="highlight colour (e.g. yellow, #ffd54f)")
    p.add_argument("--json", action="store_true", help="print the note as JSON")
    p.set_defaults(handler=cmd_add)

    p = nsub.add_parser("list", help="list notes (of one document, or all)")
    p.add_argument("doc_id", nargs="?", metavar="DOC_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = nsub.add_parser("export", help="export notes to Markdown or JSON")
    p.add_argument("--format", choices=("md", "json"), required=True)
    p.add_argument("--out", required=True, type=Path, metavar="PATH")
    p.add_argument("--doc", metavar="DOC_ID", help="only this document's notes")
    p.set_defaults(handler=cmd_export)

    p = nsub.add_parser("import", help="merge a JSON export (by note id; idempotent)")
    p.add_argument("path", type=Path, metavar="PATH")
    p.set_defaults(handler=cmd_import)

    p = nsub.add_parser("trash", help="move a note to the trash")
    p.add_argument("note_id", metavar="NOTE_ID")
    p.set_defaults(handler=cmd_trash)

    p = nsub.add_parser("restore", help="bring a note back from the trash")
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
            print(f"Added note {note.id}")
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
                quote = f" «{n.anchor.quote[:60]}»" if n.anchor else ""
                flag = " (orphan)" if n.orphan else ""
                print(f"{n.id} [{n.doc_id}]{quote}{flag}: {n.text[:80]}")
        return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        text, count = ws.export_notes(args.format, args.doc)
        write_text_atomic(args.out, text)
        print(f"Exported {count} note(s) to {args.out}")
        return 0


def cmd_import(args: argparse.Namespace) -> int:
    try:
        text = args.path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"carnet: cannot read {args.path}: {exc}", file=sys.stderr)
        return 1
    with open_workspace(args, sync=False) as ws:
        from app.core.notes.exchange import import_json  # noqa: PLC0415

        report = import_json(ws.notes, text)
        print(f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged.")
        return 0


def cmd_trash(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        ws.notes.trash(args.note_id)
        print(f"Moved note {args.note_id} to the trash (restore it with 'notes restore').")
        return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        ws.notes.restore(args.note_id)
        print(f"Restored note {args.note_id}.")
        return 0
