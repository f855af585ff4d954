"""Key terms say what a document is about: content words, never numbers, letters or stop words."""

from __future__ import annotations

from pathlib import Path

from app.core.search.related import is_content_word
from app.core.workspace import Workspace


def test_key_terms_of_a_manual_are_its_content_words(workspace: Workspace, tmp_path: Path) -> None:
    # A French manual as the Debian one reads to the index: numbered sections (1, 2.3),
    # roman numerals (i, v), English quoted in commands ("the", "of", "and").
    lines = []
    for n in range(1, 60):
        lines.append(
            f"{n}. {n}.{n % 7} i v x the of and to is it that "
            "Configurer le routeur et le pare-feu avant le chiffrement du disque. "
            "Le routeur filtre les paquets ; the routeur of the network."
        )
    doc = tmp_path / "manuel.txt"
    doc.write_text("Manuel du routeur\n\n" + "\n\n".join(lines), encoding="utf-8")
    report = workspace.import_paths([doc])
    workspace.sync_index()
    doc_id = report.added[0].id

    terms = workspace.index.key_terms(doc_id, workspace.library, 5)

    assert "routeur" in terms
    assert len(terms) == 5
    for term in terms:
        assert is_content_word(term), terms
        assert term.lower() not in {"the", "of", "and", "to", "is", "it", "that", "i", "v", "x"}
        assert not any(c.isdigit() for c in term)


def test_what_counts_as_a_content_word() -> None:
    assert is_content_word("paquets")
    assert is_content_word("Debian")
    for word in ("1", "2023", "i", "v", "the", "which", "les", "été", "étaient", "etc"):
        assert not is_content_word(word), word
