"""``collections`` and ``status``: the reader's groups of documents and reading status.

Also the ``--collection``/``--status`` choice that ``list``, ``search`` and ``notes export``
share. The core decides (``app.core.groups``, the notes store); this module reports.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.common import open_workspace, print_json
from app.core.errors import CarnetError
from app.core.i18n import tr, trn
from app.core.i18n.formats import long_date, number

if TYPE_CHECKING:
    from app.core.groups import Group
    from app.core.notes.collections import Collection
    from app.core.notes.reading import ReadingState
    from app.core.notes.store import NotesStore
    from app.core.workspace import Workspace

STATUS_WORDS = ("unread", "reading", "finished")
"""``app.core.notes.reading.STATUSES``, written out: importing the notes package for
argparse's choices would load the whole store on ``--help`` (a test keeps them equal)."""


class UnknownDocuments(CarnetError):
    """Document ids that are not in the library; the command changed nothing."""

    def __init__(self, doc_ids: list[str]) -> None:
        super().__init__(
            trn(
                "No document with id {ids} in the library; nothing was changed.",
                "No documents with ids {ids} in the library; nothing was changed.",
                len(doc_ids),
            ).format(ids=", ".join(doc_ids))
        )


def register(sub: Any) -> None:
    coll = sub.add_parser(
        "collections", help=tr("list collections, or create, fill, rename and delete them")
    )
    coll.add_argument("--json", action="store_true", help=tr("print them as JSON"))
    coll.set_defaults(handler=cmd_collections)
    csub = coll.add_subparsers(dest="collections_command", metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = csub.add_parser(name, help=help_text)
        # SUPPRESS: a --json given before the action (`collections --json add ...`) stays.
        p.add_argument(
            "--json",
            action="store_true",
            default=argparse.SUPPRESS,
            help=tr("print the collection as JSON"),
        )
        return p

    p = action("create", tr("create an empty collection"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--parent", metavar="PARENT", help=tr("create it inside this collection"))
    p.set_defaults(handler=cmd_create)

    p = action("add", tr("put documents in a collection (created if needed)"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    p.add_argument(
        "--parent", metavar="PARENT", help=tr("when the collection is created, inside this one")
    )
    p.set_defaults(handler=cmd_add)

    p = action("remove", tr("take documents out of a collection (not out of the library)"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    p.set_defaults(handler=cmd_remove)

    p = action("rename", tr("rename a collection"))
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.set_defaults(handler=cmd_rename)

    p = action("move", tr("put a collection inside another, or back at the top level"))
    p.add_argument("name", metavar="NAME")
    p.add_argument(
        "--parent", metavar="PARENT", help=tr("inside this collection (without: the top level)")
    )
    p.set_defaults(handler=cmd_move)

    p = action("delete", tr("delete a collection (its documents stay in the library)"))
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser("status", help=tr("show or set a document’s reading status"))
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("status", nargs="?", choices=STATUS_WORDS, metavar="|".join(STATUS_WORDS))
    p.add_argument("--json", action="store_true", help=tr("print the reading state as JSON"))
    p.set_defaults(handler=cmd_status)


def add_choice_arguments(p: argparse.ArgumentParser) -> None:
    """``--collection NAME`` and ``--status S``, for the commands that can be restricted."""
    p.add_argument("--collection", metavar="NAME", help=tr("only the documents of this collection"))
    p.add_argument(
        "--status", choices=STATUS_WORDS, help=tr("only the documents with this reading status")
    )


def chosen(ws: Workspace, args: argparse.Namespace) -> frozenset[str] | None:
    """The documents ``--collection`` and ``--status`` choose; None: the whole library."""
    if args.collection is None and args.status is None:
        return None
    from app.core.groups import chosen_documents  # noqa: PLC0415 - loaded by commands only

    return chosen_documents(
        ws.library.ids(),
        existing_notes(ws),
        collection=args.collection,
        status=args.status,
    )


def scope_line(ws: Workspace, args: argparse.Namespace) -> str | None:
    """Where a restricted search looked, said under its results' count; None: everywhere."""
    from app.core.notes.reading import status_label  # noqa: PLC0415

    notes = existing_notes(ws)
    found = notes.find_collection(args.collection) if notes and args.collection else None
    name = found.name if found else args.collection  # as it was named, not as typed
    if args.collection is not None and args.status is not None:
        return tr("Within the collection “{name}”, only documents marked “{status}”.").format(
            name=name, status=status_label(args.status)
        )
    if args.collection is not None:
        return tr("Within the collection “{name}” only.").format(name=name)
    if args.status is not None:
        return tr("Only documents marked “{status}”.").format(status=status_label(args.status))
    return None


def existing_notes(ws: Workspace) -> NotesStore | None:
    """The notes store if there is one: reading must not create an empty database."""
    return ws.notes if ws.paths.notes_db.exists() else None


# --- collections ---------------------------------------------------------------------------


def collection_groups(ws: Workspace) -> list[Group]:
    """The collections as the sidebar shows them: parents by name, each with its children;
    counts of documents in the library, a parent's including its children's."""
    from app.core.groups import groups, read_shelf  # noqa: PLC0415

    return [g for g in groups(read_shelf(ws.library, existing_notes(ws))) if g.kind == "collection"]


def collections_json(found: list[Group]) -> list[dict[str, Any]]:
    names = {g.key: g.label for g in found}
    return [{"name": g.label, "parent": names.get(g.parent or ""), "count": g.count} for g in found]


def collection_json(ws: Workspace, collection: Collection) -> dict[str, Any]:
    """One collection as ``collections --json`` lists it (its count without grouping the
    whole library: 0.2 s of a command at 10,000 documents)."""
    notes = ws.notes
    inside = notes.collection_documents(collection.name) & ws.library.ids()
    return {
        "name": collection.name,
        "parent": _parent_name(notes, collection.parent),
        "count": len(inside),
    }


def _documents(n: int) -> str:
    if n == 0:
        return tr("no documents")
    return trn("{n} document", "{n} documents", n).format(n=number(n))


def cmd_collections(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        found = collection_groups(ws)
        if args.json:
            print_json(collections_json(found))
            return 0
        if not found:
            print(tr("No collections yet; make one with 'collections create NAME'."))
        for g in found:
            indent = "  " if g.parent else ""
            print(f"{indent}{g.label}  ({_documents(g.count)})")
        return 0


def _done(ws: Workspace, args: argparse.Namespace, collection: Collection, lines: list[str]) -> int:
    if getattr(args, "json", False):
        print_json(collection_json(ws, collection))
    else:
        for line in lines:
            print(line)
    return 0


def _created_line(name: str, parent: str | None) -> str:
    if parent is None:
        return tr("Created collection “{name}”.").format(name=name)
    return tr("Created collection “{name}” inside “{parent}”.").format(name=name, parent=parent)


def _check_in_library(
    ws: Workspace, doc_ids: list[str], also: frozenset[str] = frozenset()
) -> None:
    unknown = [d for d in dict.fromkeys(doc_ids) if d not in also and ws.library.find(d) is None]
    if unknown:
        raise UnknownDocuments(unknown)


def cmd_create(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        made = ws.notes.create_collection(args.name, args.parent)
        parent = _parent_name(ws.notes, made.parent)
        return _done(ws, args, made, [_created_line(made.name, parent)])


def _parent_name(notes: NotesStore, parent_id: str | None) -> str | None:
    if parent_id is None:
        return None
    return next((c.name for c in notes.collections() if c.id == parent_id), None)


def cmd_add(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        # Every id checked before anything is written: a typo changes nothing.
        _check_in_library(ws, args.doc_ids)
        notes = ws.notes
        lines = []
        existing = notes.find_collection(args.name)
        if existing is None:
            existing = notes.create_collection(args.name, args.parent)
            lines.append(_created_line(existing.name, _parent_name(notes, existing.parent)))
        elif args.parent is not None:
            parent = notes.find_collection(args.parent)
            if parent is None or parent.id != existing.parent:
                raise CarnetError(
                    tr(
                        "“{name}” already exists; --parent only places a collection "
                        "that 'add' creates. Nothing was changed."
                    ).format(name=existing.name)
                )
        wanted = list(dict.fromkeys(args.doc_ids))
        added = notes.add_to_collection(existing.name, wanted)
        lines.append(
            trn(
                "Added {n} document to “{name}”.", "Added {n} documents to “{name}”.", added
            ).format(n=number(added), name=existing.name)
        )
        already = len(wanted) - added
        if already:
            lines.append(
                trn("{n} was already in it.", "{n} were already in it.", already).format(
                    n=number(already)
                )
            )
        return _done(ws, args, existing, lines)


def cmd_remove(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        notes = ws.notes
        found = notes.find_collection(args.name)
        if found is None:
            from app.core.notes.collections import CollectionNotFound  # noqa: PLC0415

            raise CollectionNotFound(args.name)
        # A document that left the library stays in its collections: its id may be taken out.
        inside = frozenset(notes.collection_members(with_children=False).get(found.id, ()))
        _check_in_library(ws, args.doc_ids, also=inside)
        wanted = list(dict.fromkeys(args.doc_ids))
        removed = notes.remove_from_collection(found.name, wanted)
        lines = [
            trn(
                "Removed {n} document from “{name}”.",
                "Removed {n} documents from “{name}”.",
                removed,
            ).format(n=number(removed), name=found.name)
        ]
        absent = len(wanted) - removed
        if absent:
            lines.append(
                trn("{n} was not in it.", "{n} were not in it.", absent).format(n=number(absent))
            )
        return _done(ws, args, found, lines)


def cmd_rename(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        old = ws.notes.find_collection(args.old)
        renamed = ws.notes.rename_collection(args.old, args.new)
        line = tr("Renamed collection “{old}” to “{new}”.").format(
            old=old.name if old else args.old, new=renamed.name
        )
        return _done(ws, args, renamed, [line])


def cmd_move(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        moved = ws.notes.move_collection(args.name, args.parent)
        parent = _parent_name(ws.notes, moved.parent)
        if parent is None:
            line = tr("Collection “{name}” is now at the top level.").format(name=moved.name)
        else:
            line = tr("Collection “{name}” is now inside “{parent}”.").format(
                name=moved.name, parent=parent
            )
        return _done(ws, args, moved, [line])


def cmd_delete(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        notes = ws.notes
        found = notes.find_collection(args.name)
        # What it was, for --json: once deleted it can no longer be looked up.
        before = collection_json(ws, found) if found else None
        children = [c.name for c in notes.collections() if found and c.parent == found.id]
        gone = notes.delete_collection(args.name)
        if getattr(args, "json", False):
            print_json(before)
            return 0
        print(
            tr("Deleted collection “{name}”; its documents stay in the library.").format(
                name=gone.name
            )
        )
        if children:
            print(
                trn(
                    "The collection inside it moved to the top level: {names}.",
                    "The collections inside it moved to the top level: {names}.",
                    len(children),
                ).format(names=", ".join(sorted(children, key=str.casefold)))
            )
        return 0


# --- reading status ------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    with open_workspace(args, sync=False) as ws:
        record = ws.library.get(args.doc_id)  # a clear error for an unknown document
        if args.status is None:
            notes = existing_notes(ws)
            from app.core.notes.reading import ReadingState  # noqa: PLC0415

            state = notes.reading_state(args.doc_id) if notes else ReadingState(args.doc_id)
        else:
            state = ws.notes.set_status(args.doc_id, args.status)
        if args.json:
            print_json(state.to_json())
        else:
            for line in status_lines(record.title, state):
                print(line)
        return 0


def status_lines(title: str, state: ReadingState) -> list[str]:
    from app.core.notes.reading import status_label  # noqa: PLC0415

    lines = [
        tr("Reading status of “{title}”: {status}").format(
            title=title, status=status_label(state.status)
        )
    ]
    if state.progress > 0:
        lines.append(tr("Read: {percent}%").format(percent=round(state.progress * 100)))
    if state.last_read:
        lines.append(tr("Last read: {date}").format(date=long_date(state.last_read)))
    return lines
