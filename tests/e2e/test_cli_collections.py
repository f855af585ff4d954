"""Collections and reading status from the command line (issue 14), as scripts use them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from app.cli.collection_commands import STATUS_WORDS
from app.core.notes.reading import STATUSES
from app.core.paths import DataPaths
from tests.e2e.test_cli import carnet


def ok(data: Path, *args: str) -> str:
    run = carnet(data, *args)
    assert run.returncode == 0, (args, run.stderr)
    return run.stdout


def as_json(data: Path, *args: str) -> Any:
    return json.loads(ok(data, *args, "--json"))


def doc_ids(data: Path) -> list[str]:
    """The bundled articles' ids, in the library's order (by title)."""
    return [d["id"] for d in as_json(data, "list")]


def test_status_choices_are_the_cores() -> None:
    assert STATUS_WORDS == STATUSES


def test_create_add_remove_rename_delete_with_a_nested_count(tmp_path: Path) -> None:
    data = tmp_path / "data"
    a, b, c, *_ = doc_ids(data)
    assert as_json(data, "collections") == []
    assert "No collections yet" in ok(data, "collections")

    made = as_json(data, "collections", "create", "Thèse")
    assert made == {"name": "Thèse", "parent": None, "count": 0}
    child = ok(data, "collections", "add", "Chapitre 1", a, "--parent", "thèse")
    assert child.splitlines() == [
        "Created collection “Chapitre 1” inside “Thèse”.",
        "Added 1 document to “Chapitre 1”.",
    ]
    assert ok(data, "collections", "add", "Thèse", b, c).splitlines() == [
        "Added 2 documents to “Thèse”."
    ]
    again = ok(data, "collections", "add", "Thèse", b)
    assert again.splitlines() == ["Added 0 documents to “Thèse”.", "1 was already in it."]

    # A parent counts its child's documents too: a, b and c.
    assert as_json(data, "collections") == [
        {"name": "Thèse", "parent": None, "count": 3},
        {"name": "Chapitre 1", "parent": "Thèse", "count": 1},
    ]
    assert ok(data, "collections").splitlines() == [
        "Thèse  (3 documents)",
        "  Chapitre 1  (1 document)",
    ]

    removed = as_json(data, "collections", "remove", "Thèse", b)
    assert removed == {"name": "Thèse", "parent": None, "count": 2}
    assert ok(data, "collections", "rename", "Chapitre 1", "Partie 1").strip() == (
        "Renamed collection “Chapitre 1” to “Partie 1”."
    )
    deleted = ok(data, "collections", "delete", "Thèse")
    assert deleted.splitlines() == [
        "Deleted collection “Thèse”; its documents stay in the library.",
        "The collection inside it moved to the top level: Partie 1.",
    ]
    assert as_json(data, "collections") == [{"name": "Partie 1", "parent": None, "count": 1}]
    assert len(doc_ids(data)) == 5


def test_unknown_documents_and_collections_change_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    a, b, *_ = doc_ids(data)
    typo = carnet(data, "collections", "add", "Thèse", a, "nope")
    assert typo.returncode == 1
    assert typo.stderr.strip() == (
        "carnet: No document with id nope in the library; nothing was changed."
    )
    assert as_json(data, "collections") == []  # not even created

    ok(data, "collections", "add", "Thèse", a)
    before = as_json(data, "list")
    failed = carnet(data, "collections", "remove", "Thèse", a, "nope", "nada")
    assert failed.returncode == 1 and "ids nope, nada" in failed.stderr
    nested = carnet(data, "collections", "add", "Thèse", b, "--parent", "Ailleurs")
    assert nested.returncode == 1 and "already exists" in nested.stderr
    assert as_json(data, "list") == before
    assert as_json(data, "collections") == [{"name": "Thèse", "parent": None, "count": 1}]

    for command in (["list"], ["search", "Blinken"]):
        unknown = carnet(data, *command, "--collection", "Nope")
        assert unknown.returncode == 1, command
        assert unknown.stderr == "carnet: No collection named “Nope”.\n"
    assert carnet(data, "status", "nope", "finished").returncode == 1
    assert carnet(data, "status", a, "done").returncode == 2  # argparse's choices
    assert as_json(data, "list") == before


def test_status_transitions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    a = doc_ids(data)[0]
    assert ok(data, "status", a).splitlines()[0].endswith(": Unread")
    reading = as_json(data, "status", a, "reading")
    assert reading["doc_id"] == a and reading["status"] == "reading"
    assert set(reading) == {"doc_id", "status", "position", "progress", "last_read", "updated"}
    finished = ok(data, "status", a, "finished").splitlines()
    assert finished[0].endswith(": Finished") and finished[1] == "Read: 100%"
    assert as_json(data, "status", a)["progress"] == 1.0
    assert as_json(data, "status", a, "unread")["status"] == "unread"
    listed = {d["id"]: d for d in as_json(data, "list")}
    assert listed[a]["status"] == "unread"


def test_list_and_search_restricted_to_a_collection_and_a_status(tmp_path: Path) -> None:
    data = tmp_path / "data"
    a, b, c, d, e = doc_ids(data)
    ok(data, "collections", "add", "Thèse", a, b)
    ok(data, "collections", "add", "Annexe", c, "--parent", "Thèse")
    ok(data, "status", a, "finished")
    ok(data, "status", c, "finished")
    ok(data, "status", d, "reading")

    entries = {x["id"]: x for x in as_json(data, "list")}
    assert {"collections", "status", "last_read", "progress"} <= set(entries[a])
    assert entries[a]["collections"] == ["Thèse"]
    assert entries[c]["collections"] == ["Annexe"]  # direct membership only
    assert entries[e]["collections"] == [] and entries[e]["status"] == "unread"
    assert (entries[a]["status"], entries[d]["status"]) == ("finished", "reading")
    assert "  · Finished" in next(line for line in ok(data, "list").splitlines() if a in line)

    def listed(*flags: str) -> set[str]:
        return {x["id"] for x in as_json(data, "list", *flags)}

    assert listed("--collection", "thèse") == {a, b, c}
    assert listed("--status", "finished") == {a, c}
    assert listed("--collection", "Thèse", "--status", "finished") == {a, c}
    assert listed("--collection", "Annexe", "--status", "reading") == set()

    # Every bundled article names Blinken: restricted, only the collection's are found,
    # and the totals are the collection's.
    everywhere = as_json(data, "search", "Blinken")
    assert everywhere["documents_total"] == 5
    ok(data, "notes", "add", a, "--text", "Blinken négocie")
    ok(data, "notes", "add", e, "--text", "Blinken attend")
    found = as_json(data, "search", "Blinken", "--collection", "Thèse")
    assert found["documents_total"] == 3 and found["notes_total"] == 1
    kinds = {(r["kind"], r.get("doc_id") or r["id"]) for r in found["results"]}
    assert kinds == {("document", a), ("document", b), ("document", c), ("note", a)}
    both = as_json(data, "search", "Blinken", "--collection", "Thèse", "--status", "finished")
    assert {r["id"] for r in both["results"] if r["kind"] == "document"} == {a, c}
    assert both["documents_total"] == 2
    human = ok(data, "search", "Blinken", "--status", "reading").splitlines()
    assert human[0].startswith("1 result for 'Blinken'") and f"[{d}]" in human[3]
    assert human[1] == "Only documents marked “Reading”."
    within = ok(data, "search", "Blinken", "--collection", "thèse").splitlines()
    assert within[1] == "Within the collection “Thèse” only."


def test_an_export_restores_collections_and_statuses_in_a_fresh_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "data"
    a, b, c, *_ = doc_ids(data)
    ok(data, "collections", "add", "Thèse", a, b)
    ok(data, "collections", "add", "Annexe", c, "--parent", "Thèse")
    ok(data, "status", a, "finished")
    ok(data, "status", b, "reading")
    ok(data, "notes", "add", a, "--text", "dans la thèse")
    ok(data, "notes", "add", c, "--text", "en annexe")
    ok(data, "notes", "add", another_doc(data, {a, b, c}), "--text", "ailleurs")

    only = tmp_path / "these.md"
    exported = ok(
        data, "notes", "export", "--format", "md", "--out", str(only), "--collection", "Thèse"
    )
    assert exported.startswith("Exported 2 notes to ")
    md = only.read_text("utf-8")
    assert "dans la thèse" in md and "en annexe" in md and "ailleurs" not in md
    backup = tmp_path / "backup.json"
    ok(data, "notes", "export", "--format", "json", "--out", str(backup))

    fresh = tmp_path / "fresh"
    first = ok(fresh, "notes", "import", str(backup)).splitlines()
    assert first == [
        "3 added, 0 updated, 0 unchanged.",
        "2 collections added, 3 documents put in collections, 2 reading statuses added.",
    ]
    assert as_json(fresh, "collections") == as_json(data, "collections")
    assert as_json(fresh, "list") == as_json(data, "list")
    second = ok(fresh, "notes", "import", str(backup)).splitlines()
    assert second == ["0 added, 0 updated, 3 unchanged."]  # nothing else changed
    assert as_json(fresh, "list") == as_json(data, "list")


def another_doc(data: Path, taken: set[str]) -> str:
    """A bundled article in none of ``taken``."""
    return next(i for i in doc_ids(data) if i not in taken)


def test_collections_and_statuses_survive_a_rebuilt_catalogue_and_index(tmp_path: Path) -> None:
    data = tmp_path / "data"
    a, b, *_ = doc_ids(data)
    ok(data, "collections", "add", "Thèse", a, b)
    ok(data, "status", a, "finished")
    before = as_json(data, "list")
    assert as_json(data, "search", "Blinken")["documents_total"] == 5  # the index built
    paths = DataPaths.from_override(data)
    assert paths.index_dir.is_dir()
    for catalogue in data.glob(paths.library_db.name + "*"):  # with its -wal and -shm
        catalogue.unlink()
    shutil.rmtree(paths.index_dir)

    assert as_json(data, "list") == before  # the bundled articles back, with the same ids
    assert as_json(data, "collections") == [{"name": "Thèse", "parent": None, "count": 2}]
    found = as_json(data, "search", "Blinken", "--collection", "Thèse", "--status", "finished")
    assert [r["id"] for r in found["results"]] == [a]


def test_move_puts_a_collection_inside_another_and_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    a, b, *_ = doc_ids(data)
    ok(data, "collections", "add", "Thèse", a)
    ok(data, "collections", "add", "Lectures", b)
    moved = ok(data, "collections", "move", "lectures", "--parent", "thèse")
    assert moved.strip() == "Collection “Lectures” is now inside “Thèse”."
    assert as_json(data, "collections") == [
        {"name": "Thèse", "parent": None, "count": 2},
        {"name": "Lectures", "parent": "Thèse", "count": 1},
    ]
    # One level only: a collection with a parent cannot take a child; nothing changes.
    refused = carnet(data, "collections", "move", "Thèse", "--parent", "Lectures")
    assert refused.returncode == 1 and "one level" in refused.stderr
    assert as_json(data, "collections", "move", "Lectures") == {
        "name": "Lectures",
        "parent": None,
        "count": 1,
    }
