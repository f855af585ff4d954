"""When the window cannot open, the user is told why and what to install."""

from __future__ import annotations

import pytest

from app import launch


def test_no_display_is_explained() -> None:
    problem = launch.display_problem({})
    assert problem is not None and "DISPLAY" in problem and "xvfb-run" in problem


def test_offscreen_and_wayland_need_no_check() -> None:
    assert launch.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert launch.display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None


def test_missing_xcb_libraries_name_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        launch, "missing_xcb_libraries", lambda: ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    )
    problem = launch.display_problem({"DISPLAY": ":0"})
    assert problem is not None
    assert "apt-get install -y libxcb-cursor0 libxcb-icccm4" in problem


def test_all_libraries_present_means_no_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(launch, "missing_xcb_libraries", list)
    assert launch.display_problem({"DISPLAY": ":0"}) is None


def test_ldd_not_found_lines_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    sample = (
        "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)\n"
        "\tlibxcb-icccm.so.4 => not found\n"
        "\tlibxcb-keysyms.so.1 => not found\n"
    )

    class Done:
        stdout = sample

    monkeypatch.setattr(launch.subprocess, "run", lambda *a, **k: Done())
    assert launch.missing_xcb_libraries() == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_launch_refuses_cleanly_without_display(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(launch, "display_problem", lambda env=None: "no display here")
    assert launch.launch_window(None, []) == 3
    assert "no display here" in capsys.readouterr().err
