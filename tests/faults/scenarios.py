"""Kill -9 scenarios shared by the CI tests (a few rounds) and ``python -m tests.stress``.

Each scenario drives the real command line (``python main.py ...``) or the real indexing
child (``python -m app.index_worker``) in subprocesses, kills them at random moments and
counts what a user would count: notes whose command returned, and whether the next plain
``search`` finds the library without anyone repairing anything.

The kill-timing loops are the one place with ``time.sleep``: a random delay before the
kill, not a wait for something to happen.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.index_messages import (
    IndexMessage,
    IndexProgress,
    IndexReport,
    MalformedMessage,
    decode,
)
from app.core.paths import DataPaths
from tests.unit.notes.conftest import integrity

REPO = Path(__file__).resolve().parents[2]
MARKER = "zéphyrin"  # in every generated document: one search must find them all
MARKER_QUERY = "zephyrin"  # typed without its accent, as people do
_WORDS = [
    "négociation",
    "diplomatie",
    "frontière",
    "sécurité",
    "garanties",
    "escalade",
    "troupes",
    "accord",
    "sommet",
    "ministre",
    "déclaration",
    "crise",
    "dialogue",
    "européens",
    "conférence",
    "traité",
    "sanctions",
    "énergie",
    "gazoduc",
    "élection",
    "parlement",
    "réforme",
    "budget",
    "inflation",
    "récolte",
    "littoral",
    "montagne",
]


@dataclass
class Figures:
    """What the scenarios did; ``notes_lost`` must stay zero."""

    scenarios: int = 0
    kills: int = 0
    cut_short: int = 0
    """Kills that landed mid-work: SIGKILL before the process gave its final answer."""
    notes_returned: int = 0
    notes_lost: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        self.scenarios += other.scenarios
        self.kills += other.kills
        self.cut_short += other.cut_short
        self.notes_returned += other.notes_returned
        self.notes_lost += other.notes_lost
        self.problems += other.problems


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}


def carnet(data: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=REPO,
        env=_env(),
    )


def _popen(argv: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(),
    )


def carnet_popen(data: Path, *args: str) -> subprocess.Popen[str]:
    return _popen([sys.executable, str(REPO / "main.py"), "--data-dir", str(data), *args])


def kill_after(proc: subprocess.Popen[str], delay: float) -> tuple[bool, str]:
    """SIGKILL ``proc`` after ``delay`` seconds unless it finished; (killed, stdout)."""
    time.sleep(delay)  # the random moment of the fault, not a wait
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=60)
    return killed and proc.returncode == -signal.SIGKILL, out


class KillClock:
    """Random kill delays in a window that adapts to how long the process really takes.

    Killed: the window widens a little; finished first: it shrinks. About half the rounds
    then kill the process and the rest let it return, wherever the machine's speed is.
    """

    def __init__(self, rng: random.Random, start: float) -> None:
        self.rng = rng
        self.high = start

    def delay(self) -> float:
        return self.rng.uniform(0.0, self.high)

    def observe(self, killed: bool) -> None:
        self.high = self.high * 1.15 if killed else max(0.02, self.high * 0.7)


def generate_folder(folder: Path, count: int, rng: random.Random) -> None:
    """``count`` small French articles, each with ``MARKER`` and a word of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(40, 160)))
        body = f"Article {folder.name} {i}\n\n{words} {MARKER} unique{folder.name}x{i}.\n"
        (folder / f"article-{i:04d}.txt").write_text(body, "utf-8")


def first_document(data: Path) -> str:
    listed = carnet(data, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return str(json.loads(listed.stdout)[0]["id"])


def add_note(data: Path, doc_id: str, text: str) -> str:
    run = carnet(data, "notes", "add", doc_id, "--text", text, "--json")
    assert run.returncode == 0, run.stderr
    return str(json.loads(run.stdout)["id"])


def _touch_some(folder: Path, rng: random.Random) -> None:
    files = sorted(folder.glob("*.txt"))
    for path in rng.sample(files, k=max(1, len(files) // 4)):
        path.write_text(path.read_text("utf-8") + f" {rng.choice(_WORDS)}\n", "utf-8")
    start = len(files)
    for i in range(start, start + rng.randint(5, 30)):
        (folder / f"article-{i:04d}.txt").write_text(
            f"Article {i}\n\n{rng.choice(_WORDS)} {MARKER} nouveau{i}.\n", "utf-8"
        )


# ---- checks after the faults -------------------------------------------------------------


def check_next_start(data: Path, expected_notes: set[str], figures: Figures) -> None:
    """What the next start must show: every returned note, a sound DB, a working search."""
    listed = carnet(data, "notes", "list", "--json")
    if listed.returncode != 0:
        figures.problems.append(f"notes list failed: {listed.stderr.strip()}")
        figures.notes_lost += len(expected_notes)
        return
    present = {n["id"] for n in json.loads(listed.stdout)}
    lost = expected_notes - present
    figures.notes_lost += len(lost)
    if lost:
        figures.problems.append(f"{len(lost)} notes whose command returned are missing")
    notes_db = DataPaths(data).notes_db
    if integrity(notes_db) != [("ok",)]:
        figures.problems.append(f"notes DB fails integrity_check: {integrity(notes_db)}")
    _check_search(data, figures)


def _check_search(data: Path, figures: Figures) -> None:
    """Search, as a user would, must find every generated document the library holds."""
    docs = json.loads(carnet(data, "list", "--json").stdout)
    generated = {d["id"] for d in docs if "/gen-" in d["path"]}
    run = carnet(data, "search", MARKER_QUERY, "--json", "--limit", "5000")
    if run.returncode != 0:
        figures.problems.append(f"search failed after kills: {run.stderr.strip()}")
        return
    answer: dict[str, Any] = json.loads(run.stdout)
    found = {r["id"] for r in answer["results"] if r["kind"] == "document"}
    if found != generated:
        figures.problems.append(
            f"search found {len(found)} of {len(generated)} generated documents "
            f"({len(generated - found)} missing, {len(found - generated)} stale)"
        )
    if not generated:
        figures.problems.append("no generated document made it into the library")


# ---- scenarios ---------------------------------------------------------------------------


def kill_notes_add(data: Path, rounds: int, rng: random.Random) -> Figures:
    """``python main.py notes add`` killed at random moments, one process after another."""
    figures = Figures(scenarios=rounds)
    doc_id = first_document(data)
    expected: set[str] = set()
    clock = KillClock(rng, 0.6)
    for i in range(rounds):
        proc = carnet_popen(data, "notes", "add", doc_id, "--text", f"note {i} " * 20, "--json")
        killed, out = kill_after(proc, clock.delay())
        clock.observe(killed)
        figures.kills += killed
        if proc.returncode == 0:
            expected.add(json.loads(out)["id"])
    figures.notes_returned = len(expected)
    listed = carnet(data, "notes", "list", "--json")
    present = {n["id"] for n in json.loads(listed.stdout)} if listed.returncode == 0 else set()
    lost = expected - present
    figures.notes_lost = len(lost)
    if lost or listed.returncode != 0:
        figures.problems.append(f"notes add: {len(lost)} returned notes missing")
    if integrity(DataPaths(data).notes_db) != [("ok",)]:
        figures.problems.append("notes DB fails integrity_check after killed notes add")
    return figures


def kill_import(data: Path, folder: Path, rounds: int, rng: random.Random) -> Figures:
    """``python main.py index FOLDER`` (hundreds of files) killed while reading or indexing."""
    figures = Figures(scenarios=rounds)
    doc_id = first_document(data)
    expected = {add_note(data, doc_id, "écrite avant l'import")}
    clock = KillClock(rng, 1.5)
    for n in range(rounds):
        if n:  # some files changed and some new ones since: every round has work to do
            _touch_some(folder, rng)
        proc = carnet_popen(data, "index", str(folder), "--json")
        killed, out = kill_after(proc, clock.delay())
        clock.observe(killed)
        figures.kills += killed
        figures.cut_short += killed and not out.strip()  # its JSON answer never came
    figures.notes_returned = len(expected)
    check_next_start(data, expected, figures)
    return figures


def kill_index_worker(data: Path, root: Path, rounds: int, rng: random.Random) -> Figures:
    """The window's indexing child killed once it is writing the index (commit included)."""
    figures = Figures(scenarios=rounds)
    doc_id = first_document(data)
    expected = {add_note(data, doc_id, "écrite avant l'indexation")}
    clock = KillClock(rng, 0.3)
    for n in range(rounds):
        folder = root / f"gen-w{n}"
        generate_folder(folder, rng.randint(40, 120), rng)
        argv = [sys.executable, "-m", "app.index_worker", "--data-dir", str(data), str(folder)]
        proc = _popen(argv)
        assert proc.stdout is not None
        for line in proc.stdout:  # until it starts writing the index
            message = _message(line)
            if isinstance(message, IndexProgress) and message.phase == "indexing":
                break
        # The first round kills at once: at least one kill lands while the index is written.
        killed, out = kill_after(proc, clock.delay() if n else 0.0)
        clock.observe(killed)
        figures.kills += killed
        reported = any(isinstance(_message(line), IndexReport) for line in out.splitlines())
        figures.cut_short += killed and not reported
        if n % 2:  # and a note written between two kills
            expected.add(add_note(data, doc_id, f"entre deux indexations {n}"))
    figures.notes_returned = len(expected)
    check_next_start(data, expected, figures)
    return figures


def _message(line: str) -> IndexMessage | None:
    """The indexing process's message on ``line``; None for a line cut by the kill."""
    try:
        return decode(line)
    except MalformedMessage:
        return None


def kill_everything(work: Path, rounds: int, rng: random.Random) -> Figures:
    """All three kill scenarios on fresh data dirs under ``work``."""
    total = Figures()
    folder = work / "gen-import"
    generate_folder(folder, 300, rng)
    total.add(kill_notes_add(work / "data-notes", rounds, rng))
    total.add(kill_import(work / "data-import", folder, max(1, rounds // 3), rng))
    total.add(kill_index_worker(work / "data-worker", work, max(1, rounds // 3), rng))
    return total
