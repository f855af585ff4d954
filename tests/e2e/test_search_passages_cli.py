"""`carnet search` on a book: passages with section and an offset into what `show` prints."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import carnet
from tests.unit.search.test_passages import make_book


def test_search_json_gives_a_books_passages_and_show_has_them_at_their_offsets(
    tmp_path: Path,
) -> None:
    book = tmp_path / "livre.md"
    book.write_text(make_book(30, {4: "Un routeur filtre.", 18: "Le routeur filtre."}), "utf-8")
    data = tmp_path / "data"
    assert carnet(data, "index", str(book)).returncode == 0

    answer = json.loads(carnet(data, "search", "--json", "routeur").stdout)
    result = next(r for r in answer["results"] if r["path"] == str(book))
    shown = carnet(data, "show", result["id"]).stdout

    assert [p["section"] for p in result["passages"]] == ["Chapitre 4", "Chapitre 18"]
    assert (result["section"], result["offset"]) == ("Chapitre 4", result["passages"][0]["offset"])
    for passage in result["passages"]:
        assert shown[passage["offset"] :].startswith("routeur")
        assert passage["page"] is None
        assert "<b>routeur</b>" in passage["snippet"]

    plain = carnet(data, "search", "routeur").stdout
    assert "(Chapitre 18, @" in plain
