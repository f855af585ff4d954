"""Commands over the library and the search index: index, search, list, show, toc, related…"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.collection_commands import add_choice_arguments, chosen, existing_notes, scope_line
from app.cli.common import open_workspace, print_json, progress_printer, report_messages
from app.core.errors import IndexBusyError
from app.core.i18n import tr, trn
from app.core.i18n.formats import number, short_date

if TYPE_CHECKING:  # types only: the command line loads these when a command runs
    from app.core.library.records import ImportReport
    from app.core.notes.reading import ReadingState
    from app.core.notes.search import NoteHit
    from app.core.search.index import SearchResults
    from app.core.workspace import Workspace


def register(sub: Any) -> None:
    p = sub.add_parser("index", help=tr("add files and folders to the library and index them"))
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    p.add_argument("--json", action="store_true", help=tr("print the report as JSON"))
    p.set_defaults(handler=cmd_index)

    p = sub.add_parser("search", help=tr("search the library (and notes)"))
    p.add_argument("query", nargs="?", metavar="QUERY")
    p.add_argument("--limit", type=int, default=10, metavar="N", help=tr("at most N results"))
    p.add_argument("--json", action="store_true", help=tr("print one JSON object"))
    p.add_argument(
        "--batch", action="store_true", help=tr("read one query per line on stdin, answer each")
    )
    add_choice_arguments(p)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("list", help=tr("list the library"))
    p.add_argument("--json", action="store_true", help=tr("print the list as JSON"))
    add_choice_arguments(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help=tr("print a document’s text"))
    p.add_argument("id", metavar="ID")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("toc", help=tr("a document’s table of contents"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help=tr("print it as JSON"))
    p.set_defaults(handler=cmd_toc)

    p = sub.add_parser("related", help=tr("documents about the same things as a document"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--limit", type=int, default=5, metavar="N", help=tr("at most N documents"))
    p.add_argument("--json", action="store_true", help=tr("print them as JSON"))
    p.set_defaults(handler=cmd_related)

    p = sub.add_parser("terms", help=tr("the key terms of a document"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--limit", type=int, default=10, metavar="N", help=tr("at most N terms"))
    p.add_argument("--json", action="store_true", help=tr("print them as JSON"))
    p.set_defaults(handler=cmd_terms)


def cmd_index(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        report = ws.import_paths(args.paths, progress_printer(tr("Reading files")))
        busy = None
        try:
            update = ws.sync_index(progress_printer(tr("Indexing")))
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
            _print_import_report(report)
        if busy:
            print(tr("carnet: {message}").format(message=busy), file=sys.stderr)
        nothing_done = not report.changed and report.unchanged == 0 and not report.duplicates
        return 1 if nothing_done else 0


def _print_import_report(report: ImportReport) -> None:
    """What ``index`` did, one line per document, then the counts."""
    for label, records in (
        (tr("Added: {title}  [{id}]  {path}"), report.added),
        (tr("Updated: {title}  [{id}]  {path}"), report.updated),
        (tr("Removed: {title}  [{id}]  {path}"), report.removed),
    ):
        for r in records:
            kept = tr("  (kept as missing, with its notes)") if r.missing else ""
            print(label.format(title=r.title, id=r.id, path=r.path) + kept)
    for m in report.moved:
        print(
            tr("Moved: {title} [{id}] {old_path} -> {new_path}").format(
                title=m.record.title, id=m.record.id, old_path=m.old_path, new_path=m.new_path
            )
        )
    for d in report.duplicates:
        print(
            tr("Duplicate: {path} has the same text as [{id}]").format(
                path=d.path, id=d.existing_id
            )
        )
    for s in report.skipped:
        print(tr("Skipped: {path}: {reason}").format(path=s.path, reason=s.shown_reason))
    print(_import_summary(report))


def _import_summary(report: ImportReport) -> str:
    """The counts line; moves and duplicates only when there are any (as before)."""
    counts = [
        (len(report.added), trn("{n} added", "{n} added", len(report.added))),
        (len(report.updated), trn("{n} updated", "{n} updated", len(report.updated))),
        (len(report.removed), trn("{n} removed", "{n} removed", len(report.removed))),
        (report.unchanged, trn("{n} unchanged", "{n} unchanged", report.unchanged)),
        (len(report.skipped), trn("{n} skipped", "{n} skipped", len(report.skipped))),
    ]
    if report.moved:
        counts.append((len(report.moved), trn("{n} moved", "{n} moved", len(report.moved))))
    if report.duplicates:
        n = len(report.duplicates)
        counts.append((n, trn("{n} duplicate", "{n} duplicates", n)))
    # A list of counts, each whole in its own words: no sentence is assembled from pieces.
    parts = [text.format(n=number(n)) for n, text in counts]
    return tr("{counts}.").format(counts=", ".join(parts))


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


def _search(
    ws: Workspace, query: str, limit: int, only: frozenset[str] | None = None
) -> CombinedResults:
    """``only``: the documents searched, and whose notes are (``--collection``, ``--status``)."""
    documents = ws.search(query, limit, only=only)
    if not ws.paths.notes_db.exists():
        return CombinedResults(documents, [], 0)
    # Notes come after every document: on this first page, only once documents run out
    # (a limit of 0 still counts them).
    page = ws.notes.search_page(documents.query, limit - len(documents.hits), doc_ids=only)
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


def _print_results(ws: Workspace, found: CombinedResults, scope: str | None = None) -> None:
    tty = sys.stdout.isatty()
    results = found.documents
    print(_results_header(found.total, results.query, results.took_ms))
    if scope:
        print(scope)
    if results.suggestion:
        print(tr("Did you mean: {suggestion}?").format(suggestion=results.suggestion))
    for n, hit in enumerate(results.hits, 1):
        meta = ", ".join(x for x in (hit.source, short_date(hit.date) if hit.date else "") if x)
        print(f"\n{n}. {hit.title}" + (f" — {meta}" if meta else "") + f"  [{hit.id}]")
        if len(hit.passages) < 2:
            print(f"   {_plain_snippet(hit.snippet, tty)}")
            continue
        for passage in hit.passages:
            # A long document: where in it each passage is, and the offset `show` counts in.
            place = f"{passage.place}, " if passage.place else ""  # "p. 12", "§ 3"
            print(f"   ({place}@{passage.offset}) {_plain_snippet(passage.snippet, tty)}")
    for note_hit in found.notes:
        note = _note_json(ws, note_hit)
        title = note["title"] or tr("a document no longer in the library")
        print(
            "\n"
            + tr("note {id} on {title}  [{doc_id}]").format(
                id=note["id"], title=title, doc_id=note["doc_id"]
            )
        )
        print(f"   {_plain_snippet(note['snippet'], tty)}")


def _results_header(total: int, query: str, took_ms: float) -> str:
    """ "3 results for 'x' (12 ms)"; "No results" for none."""
    if total == 0:
        text = tr("No results for {query} ({ms} ms)")
    else:
        text = trn("{n} result for {query} ({ms} ms)", "{n} results for {query} ({ms} ms)", total)
    return text.format(n=number(total), query=repr(query), ms=f"{took_ms:.0f}")


def cmd_search(args: argparse.Namespace) -> int:
    limit = max(1, min(args.limit, 1000))
    with open_workspace(args) as ws:
        only = chosen(ws, args)
        scope = scope_line(ws, args)
        if args.batch:
            for line in sys.stdin:
                query = line.rstrip("\n")
                found = _search(ws, query, limit, only)
                if args.json:
                    print_json(_results_json(ws, found))
                else:
                    _print_results(ws, found, scope)
                    sys.stdout.flush()
            return 0
        if args.query is None:
            print(tr("carnet: search needs a QUERY (or --batch)"), file=sys.stderr)
            return 2
        found = _search(ws, args.query, limit, only)
        report_messages(ws)
        if args.json:
            print_json(_results_json(ws, found))
        else:
            _print_results(ws, found, scope)
        return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        only = chosen(ws, args)  # ids only: the records are read once, here
        records = [r for r in ws.library.all() if only is None or r.id in only]
        notes = existing_notes(ws)
        states = notes.reading_states() if notes else {}
        if args.json:
            filed = notes.collections_of() if notes else {}
            print_json([_list_entry(r.to_json(), filed, states) for r in records])
        else:
            from app.core.notes.reading import UNREAD, status_label  # noqa: PLC0415

            for r in records:
                meta = ", ".join(x for x in (r.source, short_date(r.date) if r.date else "") if x)
                words = trn("{n} word", "{n} words", r.words).format(n=number(r.words))
                missing = tr("  (missing: its file is gone)") if r.missing else ""
                state = states.get(r.id)
                # Said only of what has been started (most of a library is unread), and at
                # the end: scripts that cut the id off the line's start keep working.
                started = state is not None and state.status != UNREAD
                status = f"  · {status_label(state.status)}" if state and started else ""
                print(
                    f"{r.id}  {r.title}"
                    + (f" — {meta}" if meta else "")
                    + f"  ({words}){missing}{status}"
                )
        return 0


def _list_entry(
    entry: dict[str, Any], filed: dict[str, list[str]], states: dict[str, ReadingState]
) -> dict[str, Any]:
    """A ``list --json`` entry with the document's collections (direct, sorted) and reading."""
    state = states.get(entry["id"])
    return {
        **entry,
        "collections": filed.get(entry["id"], []),
        "status": state.status if state else "unread",
        "last_read": state.last_read if state else None,
        "progress": state.progress if state else 0.0,
    }


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
                where = "  " + tr("p. {page}").format(page=page) if page is not None else ""
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
