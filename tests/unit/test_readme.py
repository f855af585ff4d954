"""The README's two commands are the project's contract with a newcomer and with CI."""

from __future__ import annotations

import re

from tests.conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text("utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_opens_with_launch_then_test_command() -> None:
    launch, test = readme_commands()
    assert (REPO / "README.md").read_text("utf-8").split("\n\n")[1].startswith("```sh")
    assert launch.endswith("python main.py")
    assert "pytest" in test


def test_ci_runs_the_readmes_test_command_verbatim() -> None:
    _, test = readme_commands()
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert test in ci.splitlines()


def test_ci_checks_lint_format_and_types_after_the_tests() -> None:
    lines = (REPO / ".ci" / "run").read_text("utf-8").splitlines()
    _, test = readme_commands()
    checks = [".venv/bin/ruff check .", ".venv/bin/ruff format --check .", ".venv/bin/mypy app"]
    assert all(check in lines for check in checks)
    assert min(lines.index(check) for check in checks) > lines.index(test)
