"""The command line when files move, vanish or come twice, and a document's contents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REPO
from tests.e2e.test_cli import carnet

ARTICLE = "Les diplomates se retrouvent à Genève\n\n" + " ".join(
    f"Le paragraphe {n} parle de négociation, de trêve et de méthode." for n in range(30)
)


def listed(data: Path) -> dict[str, dict[str, object]]:
    run = carnet(data, "list", "--json")
    assert run.returncode == 0, run.stderr
    return {str(d["id"]): d for d in json.loads(run.stdout)}


def test_a_moved_annotated_file_keeps_its_id_and_notes(tmp_path: Path) -> None:
    data, inbox, archive = tmp_path / "data", tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir()
    archive.mkdir()
    old = inbox / "geneve.txt"
    old.write_text(ARTICLE, "utf-8")
    run = carnet(data, "index", str(inbox), str(archive), "--json")
    assert run.returncode == 0, run.stderr
    (added,) = json.loads(run.stdout)["added"]
    note = carnet(data, "notes", "add", added["id"], "--text", "Vu", "--quote", "paragraphe 3")
    assert note.returncode == 0, note.stderr
    new = archive / "2024 Genève.txt"
    old.rename(new)
    run = carnet(data, "index", str(inbox), str(archive))
    assert run.returncode == 0, run.stderr
    title = "Les diplomates se retrouvent à Genève"
    assert f"Moved: {title} [{added['id']}] {old} -> {new}" in run.stdout.splitlines()
    entry = listed(data)[added["id"]]
    assert entry["path"] == str(new) and entry["missing"] is False
    notes = json.loads(carnet(data, "notes", "list", added["id"], "--json").stdout)
    assert [n["text"] for n in notes] == ["Vu"]
    assert notes[0]["page"] is None  # a text file has no pages


def test_a_deleted_file_is_listed_as_missing_with_its_notes(tmp_path: Path) -> None:
    data, docs = tmp_path / "data", tmp_path / "docs"
    docs.mkdir()
    (docs / "geneve.txt").write_text(ARTICLE, "utf-8")
    (added,) = json.loads(carnet(data, "index", str(docs), "--json").stdout)["added"]
    carnet(data, "notes", "add", added["id"], "--text", "Gardée")
    (docs / "geneve.txt").unlink()
    run = carnet(data, "index", str(docs))
    assert run.returncode == 0, run.stderr
    assert "kept as missing" in run.stdout
    assert listed(data)[added["id"]]["missing"] is True
    notes = json.loads(carnet(data, "notes", "list", added["id"], "--json").stdout)
    assert [n["text"] for n in notes] == ["Gardée"]


def test_the_same_text_twice_is_one_document_and_a_duplicate(tmp_path: Path) -> None:
    data, docs = tmp_path / "data", tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(ARTICLE, "utf-8")
    (docs / "copie.txt").write_text(ARTICLE, "utf-8")
    report = json.loads(carnet(data, "index", str(docs), "--json").stdout)
    (added,) = report["added"]
    assert report["duplicates"] == [{"path": str(docs / "copie.txt"), "existing_id": added["id"]}]
    run = carnet(data, "index", str(docs))
    assert f"Duplicate: {docs / 'copie.txt'} has the same text as [{added['id']}]" in run.stdout
    ours = [d for d in listed(data).values() if str(d["path"]).startswith(str(docs))]
    assert [d["id"] for d in ours] == [added["id"]]


def test_toc_of_a_markdown_file_with_headings(tmp_path: Path) -> None:
    data, docs = tmp_path / "data", tmp_path / "docs"
    docs.mkdir()
    text = "# Guide\n\nIntro.\n\n## Installer\n\nPas à pas.\n\n### Sous Linux\n\nApt.\n"
    (docs / "guide.md").write_text(text, "utf-8")
    (added,) = json.loads(carnet(data, "index", str(docs), "--json").stdout)["added"]
    run = carnet(data, "toc", added["id"], "--json")
    assert run.returncode == 0, run.stderr
    entries = json.loads(run.stdout)
    shown = carnet(data, "show", added["id"]).stdout
    assert [(e["title"], e["level"], e["page"]) for e in entries] == [
        ("Installer", 2, None),
        ("Sous Linux", 3, None),
    ]
    assert all(shown[e["offset"] :].lstrip("# ").startswith(e["title"]) for e in entries)
    plain = carnet(data, "toc", added["id"]).stdout.splitlines()
    assert plain == ["Installer", "  Sous Linux"]
    unknown = carnet(data, "toc", "nope")
    assert unknown.returncode != 0 and "nope" in unknown.stderr


def test_a_note_on_a_pdf_names_its_page_in_list_and_export(tmp_path: Path) -> None:
    data, docs = tmp_path / "data", tmp_path / "docs"
    docs.mkdir()
    pdf = REPO / "tests" / "unit" / "documents" / "fixtures" / "qt-pdfwriter-fr.pdf"
    shutil.copyfile(pdf, docs / "rapport.pdf")
    (added,) = json.loads(carnet(data, "index", str(docs), "--json").stdout)["added"]
    entry = listed(data)[added["id"]]
    assert (entry["format"], entry["pages"], entry["missing"]) == ("pdf", 4, False)
    text = carnet(data, "show", added["id"]).stdout
    quote = "le porte-parole a refusé"
    assert text.index(quote) > text.index("\f")  # on page 2, after the first form feed
    run = carnet(data, "notes", "add", added["id"], "--text", "Prudence", "--quote", quote)
    assert run.returncode == 0, run.stderr
    (note,) = json.loads(carnet(data, "notes", "list", added["id"], "--json").stdout)
    assert note["page"] == 2
    out = tmp_path / "notes.md"
    assert carnet(data, "notes", "export", "--format", "md", "--out", str(out)).returncode == 0
    assert f"> {quote}\n> — p. 2\n" in out.read_text("utf-8")
