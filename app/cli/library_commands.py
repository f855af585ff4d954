"""Commands over the library and the search index: index, search, list, show, toc, related…"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import open_workspace, print_json, progress_printer, report_messages
from app.core.errors import IndexBusyError

if TYPE_CHECKING:  # types only: the command line loads these when a command runs
    from app.core.library.records import ImportReport
    from app.core.notes.search import NoteHit
    from app.core.search.index import SearchResults
    from app.core.workspace import Workspace


def register(sub: Any) -> None:
    p = sub.add_parser("index", help="add files and folders to the library and index them")
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=cmd_index)

    p = sub.add_parser("search", help="search the library (and notes)")
    p.add_argument("query", nargs="?", metavar="QUERY")
    p.add_argument("--limit", type=int, default=10, metavar="N")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--batch", action="store_true", help="read one query per line on stdin, answer each"
    )
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("list", help="list the library")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="print a document's text")
    p.add_argument("id", metavar="ID")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("toc", help="a document's table of contents")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_toc)

    p = sub.add_parser("related", help="documents about the same things as a document")
    p.add_argument("id", metavar="ID")
    p.add_argument("--limit", type=int, default=5, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_related)

    p = sub.add_parser("terms", help="the key terms of a document")
    p.add_argument("id", metavar="ID")
    p.add_argument("--limit", type=int, default=10, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_terms)


def cmd_index(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        report = ws.import_paths(args.paths, progress_printer("Reading"))
        busy = None
        try:
            update = ws.sync_index(progress_printer("Indexing"))
        except IndexBusyError as exc:
            busy, update = str(exc), None
        report_messages(ws)
        if args.json:
            print_json(
                {
                    "added": [r.to_json() for r in report.added],
                    "updated": [r.to_json() for r in report.updated],
                    "removed": [r.to_json() for r in report.removed],
                    "moved": [
                        {**m.record.to_json(), "old_path": m.old_path, "new_path": m.new_path}
                        for m in report.moved
                    ],
                    "duplicates": [
                        {"path": d.path, "existing_id": d.existing_id} for d in report.duplicates
                    ],
                    "unchanged": report.unchanged,
                    "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
                    "indexed": update.indexed if update else 0,
                }
            )
        else:
            for label, records in (
                ("Added", report.added),
                ("Updated", report.updated),
                ("Removed", report.removed),
            ):
                for r in records:
                    kept = "  (kept as missing, with its notes)" if r.missing else ""
                    print(f"{label}: {r.title}  [{r.id}]  {r.path}{kept}")
            for m in report.moved:
                print(f"Moved: {m.record.title} [{m.record.id}] {m.old_path} -> {m.new_path}")
            for d in report.duplicates:
                print(f"Duplicate: {d.path} has the same text as [{d.existing_id}]")
            for s in report.skipped:
                print(f"Skipped: {s.path}: {s.reason}")
            print(
                f"{len(report.added)} added, {len(report.updated)} updated, "
                f"{len(report.removed)} removed, {report.unchanged} unchanged, "
                f"{len(report.skipped)} skipped{_moves_summary(report)}."
            )
        if busy:
            print(f"carnet: {busy}", file=sys.stderr)
        nothing_done = not report.changed and report.unchanged == 0 and not report.duplicates
        return 1 if nothing_done else 0


def _moves_summary(report: ImportReport) -> str:
    """Moves and duplicates for the summary line, only when there are any (as before)."""
    parts = [f"{len(report.moved)} moved"] if report.moved else []
    if report.duplicates:
        n = len(report.duplicates)
        parts.append(f"{n} duplicate" + ("s" if n > 1 else ""))
    return "".join(f", {p}" for p in parts)


@dataclass(frozen=True)
class CombinedResults:
    """What ``search`` prints: documents first, then notes, cut at ``--limit`` together.

    The two scores are not comparable (BM25 against the share of query words a note
    has), so the ranking is the window's: every document in its order, then every note.
    """

    documents: SearchResults
    notes: list[NoteHit]
    notes_total: int

    @property
    def total(self) -> int:
        """All matching documents plus all matching notes, whatever the limit."""
        return self.documents.total + self.notes_total


def _search(ws: Workspace, query: str, limit: int) -> CombinedResults:
    documents = ws.search(query, limit)
    if not ws.paths.notes_db.exists():
        return CombinedResults(documents, [], 0)
    # Notes come after every document: on this first page, only once documents run out
    # (a limit of 0 still counts them).
    page = ws.notes.search_page(documents.query, limit - len(documents.hits))
    return CombinedResults(documents, page.hits, page.total)


def _results_json(ws: Workspace, found: CombinedResults) -> dict[str, Any]:
    data = found.documents.to_json()
    data["total"] = found.total
    data["documents_total"] = found.documents.total
    data["notes_total"] = found.notes_total
    data["results"] += [_note_json(ws, hit) for hit in found.notes]
    return data


def _note_json(ws: Workspace, hit: NoteHit) -> dict[str, Any]:
    """A note result, with its document's title, path, source and date like a document's."""
    doc = ws.library.find(hit.note.doc_id)
    return {
        "kind": "note",
        "id": hit.note.id,
        "doc_id": hit.note.doc_id,
        "title": doc.title if doc else None,
        "path": doc.path if doc else None,
        "source": doc.source if doc else None,
        "date": doc.date if doc else None,
        "score": round(hit.score, 4),
        "snippet": hit.snippet,
    }


def _plain_snippet(snippet: str, tty: bool) -> str:
    marked = snippet.replace("<b>", "\x1b[1m" if tty else "[").replace(
        "</b>", "\x1b[0m" if tty else "]"
    )
    return html.unescape(marked)


def _print_results(ws: Workspace, found: CombinedResults) -> None:
    tty = sys.stdout.isatty()
    results = found.documents
    print(f"{found.total} result(s) for {results.query!r} ({results.took_ms:.0f} ms)")
    if results.suggestion:
        print(f"Did you mean: {results.suggestion}?")
    for n, hit in enumerate(results.hits, 1):
        meta = ", ".join(x for x in (hit.source, hit.date) if x)
        print(f"\n{n}. {hit.title}" + (f" — {meta}" if meta else "") + f"  [{hit.id}]")
        if len(hit.passages) < 2:
            print(f"   {_plain_snippet(hit.snippet, tty)}")
            continue
        for passage in hit.passages:
            # A long document: where in it each passage is, and the offset `show` counts in.
            place = f"{passage.place}, " if passage.place else ""
            print(f"   ({place}@{passage.offset}) {_plain_snippet(passage.snippet, tty)}")
    for note_hit in found.notes:
        note = _note_json(ws, note_hit)
        title = note["title"] or "a document no longer in the library"
        print(f"\nnote {note['id']} on {title}  [{note['doc_id']}]")
        print(f"   {_plain_snippet(note['snippet'], tty)}")


def cmd_search(args: argparse.Namespace) -> int:
    limit = max(1, min(args.limit, 1000))
    with open_workspace(args) as ws:
        if args.batch:
            for line in sys.stdin:
                query = line.rstrip("\n")
                found = _search(ws, query, limit)
                if args.json:
                    print_json(_results_json(ws, found))
                else:
                    _print_results(ws, found)
                    sys.stdout.flush()
            return 0
        if args.query is None:
            print("carnet: search needs a QUERY (or --batch)", file=sys.stderr)
            return 2
        found = _search(ws, args.query, limit)
        report_messages(ws)
        if args.json:
            print_json(_results_json(ws, found))
        else:
            _print_results(ws, found)
        return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        records = ws.library.all()
        if args.json:
            print_json([r.to_json() for r in records])
        else:
            for r in records:
                meta = ", ".join(x for x in (r.source, r.date) if x)
                missing = "  (missing: its file is gone)" if r.missing else ""
                print(
                    f"{r.id}  {r.title}"
                    + (f" — {meta}" if meta else "")
                    + f"  ({r.words} words){missing}"
                )
        return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        sys.stdout.write(ws.library.text(args.id))
        sys.stdout.write("\n")
        return 0


def cmd_toc(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        entries = ws.library.toc(args.id)
        text = ws.library.text(args.id)
        if args.json:
            print_json([e.to_json(text) for e in entries])
        else:
            from app.core.documents.toc import page_at, page_starts  # noqa: PLC0415

            starts = page_starts(text)
            top = min((e.level for e in entries), default=1)  # indent from the outermost
            for e in entries:
                page = page_at(text, e.offset, starts)
                where = f"  p. {page}" if page is not None else ""
                print(f"{'  ' * (e.level - top)}{e.title}{where}")
        return 0


def cmd_related(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        ws.library.get(args.id)
        hits = ws.index.more_like(args.id, ws.library, args.limit)
        if args.json:
            print_json([h.to_json() for h in hits])
        else:
            for h in hits:
                print(f"{h.id}  {h.title}  ({h.score:.2f})")
        return 0


def cmd_terms(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        ws.library.get(args.id)
        terms = ws.index.key_terms(args.id, ws.library, args.limit)
        if args.json:
            print_json(terms)
        else:
            print(", ".join(terms))
        return 0
