"""First run without Qt's X11 libraries: one line with the apt-get command, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.ui import platform_deps
from desktop_app.ui.platform_deps import SystemLibrariesMissing, require_libraries

ROOT = Path(__file__).resolve().parents[2]
ON_X11 = {"DISPLAY": ":0"}
# What a fresh Debian desktop lacked in the report (issue 16).
ABSENT = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
ABSENT_PACKAGES = ("libxcb-icccm4", "libxcb-keysyms1")


def fake_load(soname: str) -> bool:
    return soname not in ABSENT


def apt_knows_nothing(package: str) -> bool:
    return False


def test_missing_x11_libraries_give_one_line_with_the_apt_get_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(platform_deps, "_is_root", lambda: False)
    with pytest.raises(SystemLibrariesMissing) as caught:
        require_libraries(ON_X11, load=fake_load, known=apt_knows_nothing)
    assert str(caught.value) == (
        "the WardLink window needs Debian packages that are not installed: "
        "libxcb-icccm4 libxcb-keysyms1; install them with: "
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    )


@pytest.mark.parametrize(
    ("environ", "xcb"),
    [
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "xcb:nograb;wayland"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, False),
        ({}, False),  # no display: ui.app goes offscreen
    ],
)
def test_x11_libraries_are_needed_only_where_qt_uses_x11(
    environ: dict[str, str], xcb: bool
) -> None:
    assert platform_deps.xcb_expected(environ) is xcb
    if not xcb:
        require_libraries(environ, load=fake_load, known=apt_knows_nothing)  # no error


def test_qt_base_libraries_are_checked_offscreen_too_and_glib_gets_the_name_apt_knows() -> None:
    def no_glib(soname: str) -> bool:
        return not soname.startswith(("libglib", "libgthread"))

    offscreen = platform_deps.libraries_for({"QT_QPA_PLATFORM": "offscreen"})
    assert platform_deps.missing_packages(offscreen, no_glib, lambda p: p.endswith("t64")) == [
        "libglib2.0-0t64"
    ]
    assert platform_deps.missing_packages(offscreen, no_glib, apt_knows_nothing) == ["libglib2.0-0"]


def test_make_run_check_stops_with_one_line_when_not_root(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ran: list[list[str]] = []
    code = platform_deps.main(
        ["--install"],
        environ=ON_X11,
        load=fake_load,
        known=apt_knows_nothing,
        root=False,
        run=lambda command: ran.append(command) or 0,
    )
    err = capsys.readouterr().err
    assert code == 1 and ran == []
    assert err.splitlines() == [
        "wardlink: the WardLink window needs Debian packages that are not installed: "
        "libxcb-icccm4 libxcb-keysyms1; install them with: "
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    ]


def test_make_run_check_installs_as_root_then_passes(capsys: pytest.CaptureFixture[str]) -> None:
    installed: set[str] = set()
    ran: list[list[str]] = []

    def load(soname: str) -> bool:
        return fake_load(soname) or bool(installed)

    def apt(command: list[str]) -> int:
        ran.append(command)
        if command[1] == "install":
            installed.update(command[5:])
        return 0

    code = platform_deps.main(
        ["--install"], environ=ON_X11, load=load, known=apt_knows_nothing, root=True, run=apt
    )
    assert code == 0
    assert ran == [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *ABSENT_PACKAGES],
    ]
    assert "installing what the window needs: libxcb-icccm4 libxcb-keysyms1" in (
        capsys.readouterr().err
    )


def test_make_run_check_as_root_says_the_command_when_apt_get_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = platform_deps.main(
        ["--install"],
        environ=ON_X11,
        load=fake_load,
        known=apt_knows_nothing,
        root=True,
        run=lambda command: 100,
    )
    assert code == 1
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith("install them with: apt-get install libxcb-icccm4 libxcb-keysyms1")
    )


def test_make_run_checks_before_it_starts_the_demo() -> None:
    done = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    check = lines.index(".venv/bin/python -m desktop_app.ui.platform_deps --install")
    assert lines.index(".venv/bin/wardlink demo") > check


# `wardlink app` in a process whose X11 plugin lacks a library: here one made up, so the
# test does not depend on what this machine has installed.
APP_WITHOUT_A_LIBRARY = (
    "import sys\n"
    "from desktop_app.ui import platform_deps\n"
    "platform_deps.XCB_LIBRARIES['libxcb-wardlink-absent.so.0'] = 'libxcb-wardlink-absent0'\n"
    "from desktop_app.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_wardlink_app_says_which_packages_are_missing_instead_of_qt_abort(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":99"  # Qt would go for X11 here
    done = subprocess.run(
        [sys.executable, "-c", APP_WITHOUT_A_LIBRARY, "app", "--profiles", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("wardlink: the WardLink window needs Debian packages")
    assert "apt-get install " in line and line.endswith("libxcb-wardlink-absent0")
