"""The command line speaks the system's language for people, and the same JSON for scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.core.i18n import set_language
from app.core.i18n.formats import short_date
from tests.conftest import REPO


def carnet_in(
    language: str, *args: str, data: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """main.py run as a user whose system speaks ``language`` (LANGUAGE, as gettext reads it)."""
    full_env = {**os.environ, "LANGUAGE": language, **(env or {})}
    prefix = ["--data-dir", str(data)] if data is not None else []
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *prefix, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def _without_timing(answer: Any) -> Any:
    if isinstance(answer, dict):
        return {k: _without_timing(v) for k, v in answer.items() if k != "took_ms"}
    if isinstance(answer, list):
        return [_without_timing(v) for v in answer]
    return answer


def test_json_output_is_the_same_in_french_and_in_english(tmp_path: Path) -> None:
    data = tmp_path / "data"
    docs = json.loads(carnet_in("en", "list", "--json", data=data).stdout)
    watson = next(d for d in docs if "watson" in (d["source"] or ""))
    added = carnet_in("en", "notes", "add", watson["id"], "--text", "à relire", data=data)
    assert added.returncode == 0, added.stderr
    for organise in (
        ["collections", "add", "Thèse", watson["id"]],
        ["collections", "add", "Annexe", docs[0]["id"], "--parent", "Thèse"],
        ["status", watson["id"], "finished"],
    ):
        assert carnet_in("en", *organise, data=data).returncode == 0, organise
    for command in (
        ["search", "negociation", "--json"],
        ["search", "Lavrof", "--json"],  # a suggestion: a word, not a sentence
        ["search", "zzzqqqxx", "--json"],  # no result
        ["list", "--json"],
        ["notes", "list", "--json"],
        ["collections", "--json"],
        ["list", "--collection", "Thèse", "--json"],
        ["status", watson["id"], "--json"],
    ):
        english = carnet_in("en", *command, data=data)
        french = carnet_in("fr", *command, data=data)
        assert english.returncode == french.returncode == 0, french.stderr
        assert english.stdout.strip(), command
        assert _without_timing(json.loads(french.stdout)) == _without_timing(
            json.loads(english.stdout)
        ), command


def test_help_and_list_in_french(tmp_path: Path) -> None:
    data = tmp_path / "data"
    docs = json.loads(carnet_in("fr", "list", "--json", data=data).stdout)
    dated = next(d for d in docs if d["date"])
    listed = carnet_in("fr", "list", data=data)
    assert listed.returncode == 0, listed.stderr
    set_language("fr")
    assert f"— watson, {short_date(dated['date'])}" in listed.stdout
    assert "févr. 2022" in listed.stdout and " mots)" in listed.stdout
    assert " words)" not in listed.stdout

    helped = carnet_in("fr", "--help", env={"COLUMNS": "200"})
    assert helped.stdout.startswith("utilisation\u00a0: carnet")
    assert "cherche dans la bibliothèque (et les notes)" in helped.stdout
    assert "affiche cette aide et quitte" in helped.stdout
    assert "search the library" not in helped.stdout


def test_help_list_and_results_in_english(tmp_path: Path) -> None:
    data = tmp_path / "data"
    listed = carnet_in("en", "list", data=data)
    assert "Feb 1, 2022" in listed.stdout and " words)" in listed.stdout
    helped = carnet_in("en", "--help", env={"COLUMNS": "200"})
    assert helped.stdout.startswith("usage: carnet")
    assert "search the library (and notes)" in helped.stdout
    found = carnet_in("en", "search", "Genève", data=data)
    assert " results for 'Genève' (" in found.stdout.splitlines()[0]
    none = carnet_in("en", "search", "zzzqqqxx", data=data)
    assert none.stdout.startswith("No results for 'zzzqqqxx' (")


def test_results_and_errors_in_french(tmp_path: Path) -> None:
    data = tmp_path / "data"
    found = carnet_in("fr", "search", "Genève", data=data)
    assert " résultats pour 'Genève' (" in found.stdout.splitlines()[0]
    none = carnet_in("fr", "search", "zzzqqqxx", data=data)
    assert none.stdout.startswith("Aucun résultat pour 'zzzqqqxx' (")
    missing = carnet_in("fr", "show", "nope", data=data)
    assert missing.returncode == 1
    assert missing.stderr.startswith("carnet\u00a0: Aucun document")
    unknown = carnet_in("fr", "frobnicate")
    assert unknown.returncode == 2
    assert "erreur\u00a0: argument COMMAND\u00a0: choix invalide\u00a0: 'frobnicate'" in (
        unknown.stderr
    )


@pytest.mark.parametrize(
    ("language", "written", "removed", "summary"),
    [
        ("en", "Written: ", "Removed: ", "files installed."),
        ("fr", "Écrit\u00a0: ", "Retiré\u00a0: ", "fichiers installés."),
    ],
)
def test_install_and_uninstall_the_desktop_entry(
    tmp_path: Path, language: str, written: str, removed: str, summary: str
) -> None:
    home = tmp_path / "xdg"
    env = {"XDG_DATA_HOME": str(home)}
    entry = home / "applications" / "carnet.desktop"
    installed = carnet_in(language, "install-desktop", env=env)
    assert installed.returncode == 0, installed.stderr
    assert entry.is_file() and "X-Carnet-Entry=true" in entry.read_text("utf-8")
    assert f"{written}{entry}" in installed.stdout and summary in installed.stdout
    icons = sorted((home / "icons").rglob("carnet.*"))
    assert icons and all(f"{written}{icon}" in installed.stdout for icon in icons)

    gone = carnet_in(language, "uninstall-desktop", env=env)
    assert gone.returncode == 0, gone.stderr
    assert f"{removed}{entry}" in gone.stdout
    assert not entry.exists() and not list((home / "icons").rglob("carnet.*"))
    again = carnet_in(language, "uninstall-desktop", env=env)
    assert again.returncode == 0 and removed not in again.stdout


def test_collections_and_status_in_french(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first, second, *_ = (
        d["id"] for d in json.loads(carnet_in("fr", "list", "--json", data=data).stdout)
    )
    added = carnet_in("fr", "collections", "add", "Thèse", first, second, data=data)
    assert added.stdout.splitlines() == [
        "Collection «\u00a0Thèse\u00a0» créée.",
        "2 documents ajoutés à «\u00a0Thèse\u00a0».",
    ]
    empty = carnet_in("fr", "collections", "create", "Annexe", "--parent", "Thèse", data=data)
    assert empty.stdout == "Collection «\u00a0Annexe\u00a0» créée dans «\u00a0Thèse\u00a0».\n"
    tree = carnet_in("fr", "collections", data=data)
    assert tree.stdout.splitlines() == ["Thèse  (2 documents)", "  Annexe  (aucun document)"]
    status = carnet_in("fr", "status", first, "finished", data=data)
    assert status.stdout.splitlines()[0].endswith("»\u00a0: Terminé")
    assert status.stdout.splitlines()[1] == "Lu\u00a0: 100\u00a0%"
    listed = carnet_in("fr", "list", "--status", "finished", data=data)
    assert listed.stdout.count("\n") == 1 and listed.stdout.endswith("  · Terminé\n")
    typo = carnet_in("fr", "collections", "add", "Thèse", "nope", data=data)
    assert typo.returncode == 1
    assert typo.stderr == (
        "carnet\u00a0: Aucun document d’identifiant nope dans la bibliothèque\u202f; "
        "rien n’a été modifié.\n"
    )
    found = carnet_in("fr", "search", "Blinken", "--collection", "thèse", data=data)
    assert found.stdout.startswith("2 résultats pour 'Blinken'")
    assert found.stdout.splitlines()[1] == "Dans la collection «\u00a0Thèse\u00a0» seulement."
    unknown = carnet_in("fr", "list", "--collection", "Nope", data=data)
    assert unknown.stderr == "carnet\u00a0: Aucune collection nommée «\u00a0Nope\u00a0».\n"
