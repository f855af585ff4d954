"""The notes commands as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import carnet


def watson_id(data: Path) -> str:
    docs = json.loads(carnet(data, "list", "--json").stdout)
    return next(d["id"] for d in docs if d["source"] == "watson")


def test_add_list_search_export_import(tmp_path: Path) -> None:
    data = tmp_path / "data"
    doc = watson_id(data)
    quote = "Spoiler: ça n'a pas marché"
    added = carnet(
        data,
        "notes",
        "add",
        doc,
        "--text",
        "Échec des négociations",
        "--quote",
        quote,
        "--tag",
        "crise",
        "--json",
    )
    assert added.returncode == 0, added.stderr
    note = json.loads(added.stdout)
    text = carnet(data, "show", doc).stdout
    assert text[note["start"] : note["end"]] == quote

    listed = json.loads(carnet(data, "notes", "list", doc, "--json").stdout)
    assert [n["id"] for n in listed] == [note["id"]]
    assert set(listed[0]) >= {
        "id",
        "doc_id",
        "text",
        "tags",
        "quote",
        "start",
        "end",
        "orphan",
        "created",
        "updated",
    }
    plain = carnet(data, "notes", "add", doc, "--text", "Sans ancre", "--json")
    unanchored = json.loads(plain.stdout)
    assert unanchored["quote"] is None and unanchored["start"] is None

    found = json.loads(carnet(data, "search", "negociation", "--json").stdout)
    notes = [r for r in found["results"] if r["kind"] == "note"]
    assert [(n["id"], n["doc_id"]) for n in notes] == [(note["id"], doc)]
    assert "<b>négociations</b>" in notes[0]["snippet"]

    md = tmp_path / "notes.md"
    carnet(data, "notes", "export", "--format", "md", "--out", str(md))
    exported = md.read_text("utf-8")
    assert f"> {quote}" in exported and "#crise" in exported and "watson" in exported

    backup = tmp_path / "notes.json"
    carnet(data, "notes", "export", "--format", "json", "--out", str(backup))
    other = tmp_path / "other"
    first = carnet(other, "notes", "import", str(backup))
    second = carnet(other, "notes", "import", str(backup))
    assert first.stdout.startswith("2 added") and second.stdout.startswith("0 added")
    assert "2 unchanged" in second.stdout
    assert len(json.loads(carnet(other, "notes", "list", "--json").stdout)) == 2


def test_a_missing_quote_is_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run = carnet(data, "notes", "add", watson_id(data), "--text", "x", "--quote", "introuvable")
    assert run.returncode == 1 and "not found" in run.stderr
    assert json.loads(carnet(data, "notes", "list", "--json").stdout) == []


def test_a_changed_document_re_anchors_its_notes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    article = docs / "article.txt"
    article.write_text("Un titre assez long\n\nLe passage important est ici.\n", "utf-8")
    data = tmp_path / "data"
    carnet(data, "index", str(docs))
    doc = next(
        d["id"]
        for d in json.loads(carnet(data, "list", "--json").stdout)
        if d["path"] == str(article)
    )
    carnet(data, "notes", "add", doc, "--text", "à retenir", "--quote", "passage important")
    article.write_text(
        "Un titre assez long\n\nUn paragraphe ajouté avant.\n\nLe passage important est ici.\n",
        "utf-8",
    )
    carnet(data, "index", str(docs))
    note = json.loads(carnet(data, "notes", "list", doc, "--json").stdout)[0]
    text = carnet(data, "show", doc).stdout
    assert not note["orphan"] and text[note["start"] : note["end"]] == "passage important"


def test_search_json_notes_carry_their_document_and_limit_bounds_everything(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    docs = json.loads(carnet(data, "list", "--json").stdout)
    watson = next(d for d in docs if d["source"] == "watson")
    for text in ("Négociation ratée", "Autre négociation", "Encore une négociation"):
        assert carnet(data, "notes", "add", watson["id"], "--text", text).returncode == 0
    alone = json.loads(carnet(data, "search", "negociation", "--json", "--limit", "1000").stdout)
    documents = [r for r in alone["results"] if r["kind"] == "document"]
    notes = [r for r in alone["results"] if r["kind"] == "note"]
    assert alone["documents_total"] == len(documents) >= 2
    assert alone["notes_total"] == len(notes) == 3
    assert alone["total"] == len(documents) + len(notes)
    # Documents first, then notes, each in their own ranking order.
    assert [r["kind"] for r in alone["results"]] == ["document"] * len(documents) + ["note"] * 3
    for note in notes:
        assert note["doc_id"] == watson["id"]
        assert {k: note[k] for k in ("title", "path", "source", "date")} == {
            k: watson[k] for k in ("title", "path", "source", "date")
        }
        assert note["score"] > 0 and "<b>" in note["snippet"]

    limit = len(documents) + 1
    cut = json.loads(carnet(data, "search", "negociation", "--json", "--limit", str(limit)).stdout)
    assert len(cut["results"]) == limit and cut["total"] == alone["total"]
    assert [r["id"] for r in cut["results"]] == [r["id"] for r in alone["results"][:limit]]
    few = json.loads(carnet(data, "search", "negociation", "--json", "--limit", "1").stdout)
    assert [r["kind"] for r in few["results"]] == ["document"] and few["total"] == alone["total"]

    plain = carnet(data, "search", "negociation", "--limit", str(limit)).stdout
    assert plain.startswith(f"{alone['total']} results for")
    assert plain.count("\nnote ") == 1 and f"on {watson['title']}" in plain
