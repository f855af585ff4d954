"""The command line as scripts use it: real subprocesses of main.py on a temp data dir."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.paths import DataPaths
from app.core.search.analysis import fold
from app.core.workspace import Workspace
from tests.conftest import REPO


def carnet(data: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_search_json_contract_on_a_fresh_data_dir(tmp_path: Path) -> None:
    run = carnet(tmp_path / "data", "search", "negociation", "--json")
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert {"query", "total", "suggestion", "results", "took_ms"} <= set(answer)
    assert answer["query"] == "negociation" and answer["total"] >= 2
    for result in answer["results"]:
        assert {"kind", "id", "title", "path", "source", "date", "score", "snippet"} <= set(result)
        assert result["kind"] == "document" and Path(result["path"]).is_file()
        assert "<b>" in result["snippet"]
        assert "negoci" in fold(Path(result["path"]).read_text("utf-8").lower())


def test_list_and_show(tmp_path: Path) -> None:
    run = carnet(tmp_path / "data", "list", "--json")
    docs = json.loads(run.stdout)
    assert len(docs) == 5
    keys = {
        "id",
        "title",
        "path",
        "source",
        "date",
        "words",
        "format",
        "author",
        "pages",
        "missing",
        "language",
        "collections",
        "status",
        "last_read",
        "progress",
    }
    assert all(set(d) == keys for d in docs)
    assert {d["format"] for d in docs} == {"txt"} and not any(d["missing"] for d in docs)
    doc = next(d for d in docs if d["date"] == "2022-07-31")
    shown = carnet(tmp_path / "data", "show", doc["id"])
    assert shown.returncode == 0 and "Interfax" in shown.stdout
    missing = carnet(tmp_path / "data", "show", "nope")
    assert missing.returncode != 0 and "nope" in missing.stderr


def test_index_reports_added_updated_and_skipped(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.md").write_text("# Mon article\n\nLa négociation de Zanzibar.", "utf-8")
    (docs / "vide.txt").write_text("", "utf-8")
    run = carnet(tmp_path / "data", "index", str(docs))
    assert run.returncode == 0, run.stderr
    assert "Added: Mon article" in run.stdout
    assert "Skipped:" in run.stdout and "vide.txt" in run.stdout
    (docs / "note.md").write_text("# Mon article\n\nLa négociation de Tombouctou.", "utf-8")
    run = carnet(tmp_path / "data", "index", str(docs), "--json")
    report = json.loads(run.stdout)
    assert [d["title"] for d in report["updated"]] == ["Mon article"]
    found = json.loads(carnet(tmp_path / "data", "search", "tombouctou", "--json").stdout)
    assert [r["title"] for r in found["results"]] == ["Mon article"]


def test_index_fails_only_when_nothing_could_be_done(tmp_path: Path) -> None:
    run = carnet(tmp_path / "data", "index", str(tmp_path / "nothing-here"))
    assert run.returncode != 0
    assert "no such file" in run.stdout + run.stderr


def test_batch_search_answers_one_line_per_query(tmp_path: Path) -> None:
    run = carnet(tmp_path / "data", "search", "--batch", "--json", stdin="Genève\nLavrof\n((\n")
    lines = run.stdout.splitlines()
    assert run.returncode == 0 and len(lines) == 3
    answers = [json.loads(line) for line in lines]
    assert [a["query"] for a in answers] == ["Genève", "Lavrof", "(("]
    assert answers[0]["total"] >= 1 and answers[1]["suggestion"] == "lavrov"
    assert all(a["took_ms"] >= 0 for a in answers)


def _run_in_process(argv: list[str]) -> tuple[set[str], str]:
    """The modules a run of main.py with ``argv`` imported, and what it printed."""
    code = (
        "import contextlib, io, json, runpy, sys\n"
        f"sys.argv = ['main.py', *{argv!r}]\n"
        "said = io.StringIO()\n"
        "with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):\n"
        "    try:\n        runpy.run_path('main.py', run_name='__main__')\n"
        "    except SystemExit:\n        pass\n"
        "print(json.dumps([sorted(sys.modules), said.getvalue()]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    modules, output = json.loads(run.stdout.splitlines()[-1])
    return set(modules), output


def test_help_does_not_load_qt() -> None:
    loaded, output = _run_in_process(["--help"])
    assert not any(m.startswith("PySide6") for m in loaded), "Qt was imported"
    assert "search" in output and "--data-dir" in output


def test_help_imports_nothing_heavy() -> None:
    loaded, _ = _run_in_process(["--help"])
    heavy = {"whoosh", "pypdfium2", "app.core.workspace", "app.core.search.index", "Stemmer"}
    heavy |= {"numpy", "logging"}  # logging is configured after parsing, for commands only
    packages = {m.split(".")[0] for m in loaded}
    assert not heavy & (packages | loaded)


def test_a_search_does_not_load_the_file_readers(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    carnet(tmp_path / "data", "list")  # the bundled articles in, indexed
    loaded, output = _run_in_process(["--data-dir", data, "search", "Genève"])
    assert "Genève" in output and "result" in output  # it did search
    readers = {"pypdfium2", "app.core.documents.loader", "app.core.documents.epub"}
    assert not readers & loaded


def core_modules() -> list[str]:
    """Every module of the core, subpackages included (``app/core/notes/store.py``...)."""
    core = REPO / "app" / "core"
    return sorted(
        ".".join(("app", "core", *p.relative_to(core).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for p in core.rglob("*.py")
    )


def test_the_qt_guard_sees_the_core_subpackages() -> None:
    modules = core_modules()
    assert {"app.core.notes.store", "app.core.search.index", "app.core.library.store"} <= set(
        modules
    )


@pytest.mark.parametrize("module", core_modules())
def test_core_never_imports_qt(module: str) -> None:
    # A fresh interpreter per module: one that pulls Qt in cannot hide behind another.
    code = f"import sys\nimport {module}\n"
    code += "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A data dir whose list, search and show outputs are far larger than a pipe's buffer."""
    root = tmp_path_factory.mktemp("pipes")
    docs = root / "docs"
    docs.mkdir()
    for i in range(600):
        title = f"Compte rendu numéro {i} de la négociation " + "très longue " * 8
        (docs / f"d{i:03}.txt").write_text(f"{title}\n\nLa négociation {i} continue.\n", "utf-8")
    (docs / "livre.txt").write_text("Un livre\n\n" + "Une ligne du livre.\n" * 20_000, "utf-8")
    data = root / "data"
    with Workspace(DataPaths(data), corpus_dir=root / "no-corpus") as ws:
        ws.import_paths([docs])
        ws.sync_index()
        book = next(r.id for r in ws.library.all() if r.path.endswith("livre.txt"))
    return data, book


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--json"),
        ("show", "BOOK"),
        ("search", "negociation", "--limit", "1000"),
        ("search", "negociation", "--limit", "1000", "--json"),
    ],
)
def test_a_reader_that_stops_early_gets_no_traceback(
    big_library: tuple[Path, str], args: tuple[str, ...]
) -> None:
    data, book = big_library
    argv = [arg.replace("BOOK", book) for arg in args]
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(data), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    # Like `| head -c 4096` (a JSON answer is one long line): a little, then the pipe closes.
    assert proc.stdout.read(4096)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 141  # what the shell reports for `cat big | head`
    assert stderr == ""
