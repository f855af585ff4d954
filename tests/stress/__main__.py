"""Long fault-injection loops: ``python -m tests.stress [--rounds N] [--examples N]``.

Runs the kill -9 scenarios of tests/faults (``notes add``, an import of hundreds of
files, the indexing child mid-commit) for N rounds each, then the hostile-input checks of
tests/property with many more Hypothesis examples, and prints the figures. Exit status 1
when a note was lost or a check failed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.notes.store import NotesStore
from app.core.paths import DataPaths
from app.core.workspace import Workspace
from tests.conftest import CORPUS
from tests.faults.scenarios import Figures, kill_everything
from tests.property import hostile


def _run_property(name: str, examples: int, test: Callable[[], None], counter: list[int]) -> str:
    began = time.monotonic()
    before = counter[0]
    try:
        test()
    except Exception as exc:  # noqa: BLE001 - report any failure, keep going with the rest
        return f"{name}: FAILED after {counter[0] - before} examples: {exc!r}"[:500]
    return f"{name}: {counter[0] - before} examples in {time.monotonic() - began:.1f}s"


def run_properties(work: Path, examples: int) -> tuple[int, list[str], list[str]]:
    """Every hostile-input check with ``examples`` examples; (examples run, lines, failures)."""
    counter = [0]
    config = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    ws = Workspace(DataPaths(work / "ws"), corpus_dir=CORPUS)
    ws.bring_in_bundled()
    ws.sync_index()
    store = NotesStore(DataPaths(work / "notes"))

    def query(q: str) -> None:
        counter[0] += 1
        hostile.check_query(ws, q)

    def doc(data: bytes, suffix: str) -> None:
        counter[0] += 1
        hostile.check_document_bytes(data, suffix)

    def note(text: str, tags: list[str], quote: str) -> None:
        counter[0] += 1
        hostile.check_note_round_trip(store, text, tags, quote)

    imports = [NotesStore(DataPaths(work / "imports-0"))]

    def imp(payload: Any) -> None:
        counter[0] += 1
        # Each check exports the whole store twice: a fresh store every 100 examples keeps
        # that linear instead of quadratic over thousands of examples.
        if counter[0] % 100 == 0:
            imports[0].close()
            imports[0] = NotesStore(DataPaths(work / f"imports-{counter[0]}"))
        hostile.check_import(imports[0], payload)

    tests: dict[str, Callable[[], None]] = {
        "queries": config(given(hostile.queries)(query)),
        "document bytes": config(given(hostile.document_bytes, hostile.SUFFIXES)(doc)),
        "notes": config(given(hostile.note_texts, hostile.tag_lists, st.text(max_size=80))(note)),
        "notes imports": config(given(hostile.exports)(imp)),
    }
    lines = []
    for name, test in tests.items():
        lines.append(_run_property(name, examples, test, counter))
        print(f"  {lines[-1]}", flush=True)
    ws.close()
    store.close()
    imports[0].close()
    failures = [line for line in lines if "FAILED" in line]
    return counter[0], lines, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.stress")
    parser.add_argument("--rounds", type=int, default=30, help="kill rounds per scenario")
    parser.add_argument("--examples", type=int, default=2000, help="Hypothesis examples per check")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 32)
    rng = random.Random(seed)
    began = time.monotonic()
    print(f"seed {seed}; {args.rounds} kill rounds; {args.examples} examples per check")
    with tempfile.TemporaryDirectory(prefix="carnet-stress-") as tmp:
        work = Path(tmp)
        figures = Figures()
        for batch in range(max(1, args.rounds // 10)):
            rounds = min(10, args.rounds - batch * 10) or args.rounds
            figures.add(kill_everything(work / f"batch-{batch}", rounds, rng))
            print(
                f"  kill batch {batch + 1}: {figures.kills} kills so far, "
                f"{figures.notes_lost} notes lost",
                flush=True,
            )
        print("hostile input:", flush=True)
        examples, _lines, failures = run_properties(work / "properties", args.examples)
    problems = figures.problems + failures
    print(f"scenarios injected:      {figures.scenarios}")
    print(f"kills survived:          {figures.kills}")
    print(f"notes that returned:     {figures.notes_returned}")
    print(f"notes lost:              {figures.notes_lost}")
    print(f"Hypothesis examples run: {examples}")
    print(f"time:                    {time.monotonic() - began:.0f}s")
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems or figures.notes_lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
