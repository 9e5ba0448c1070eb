"""Are the system libraries Qt needs here? Checked before PySide6 is imported.

PySide6's wheels bring Qt but not the system libraries it links. A fresh Debian desktop
lacks some of them (libxcb-icccm4, libxcb-keysyms1, ...), and Qt then aborts with "no
Qt platform plugin could be initialized" and a core dump. `wardlink app`/`demo` (via
ui.launch) and `make run` (``python -m desktop_app.ui.platform_deps --install``) ask
first and say in one line which Debian packages are missing and how to install them;
`make run` as root installs them itself, as .ci/run does.

No Qt here (it is what may fail to load): each library is tried with ctypes by its
soname, as the dynamic loader will look for it.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final

from desktop_app.services.errors import ClientError

# What PySide6's QtCore/QtGui/QtWidgets/QtDBus link from the system, for any platform
# plugin (offscreen too). Debian package names; "a|b": the first that apt knows
# (Debian 13 renamed glib's package for the 64-bit time_t transition).
GLIB: Final = "libglib2.0-0t64|libglib2.0-0"
QT_LIBRARIES: Final[Mapping[str, str]] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": GLIB,
    "libgthread-2.0.so.0": GLIB,
}
# What Qt's X11 platform plugin (libqxcb.so, libQt6XcbQpa.so.6) links in addition.
XCB_LIBRARIES: Final[Mapping[str, str]] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


class SystemLibrariesMissing(ClientError):
    """The desktop window cannot start: Debian packages are missing (one-line message)."""


def xcb_expected(environ: Mapping[str, str]) -> bool:
    """Whether Qt will use its X11 (xcb) plugin, as ui.app decides the platform.

    QT_QPA_PLATFORM wins ("xcb", "xcb:options", "xcb;wayland"); unset, Qt uses X11 when
    DISPLAY is set and there is no Wayland display, and ui.app goes offscreen when
    there is no display at all.
    """
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        return platform.split(";")[0].split(":")[0].strip() == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def loads(soname: str) -> bool:
    """Whether the dynamic loader finds and loads ``soname`` (e.g. libxcb-icccm.so.4)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def apt_knows(package: str) -> bool:
    """Whether apt has heard of ``package`` (installed or installable)."""
    apt_cache = shutil.which("apt-cache")
    if apt_cache is None:
        return False
    # Fixed argv; package names come from the tables above, never from the user.
    done = subprocess.run(  # noqa: S603
        [apt_cache, "show", package], capture_output=True, check=False, timeout=60
    )
    return done.returncode == 0 and bool(done.stdout.strip())


def libraries_for(environ: Mapping[str, str], *, window: bool = True) -> dict[str, str]:
    """The sonames (with their packages) Qt will load: X11's too if a window uses xcb."""
    wanted = dict(QT_LIBRARIES)
    if window and xcb_expected(environ):
        wanted.update(XCB_LIBRARIES)
    return wanted


def missing_packages(
    libraries: Mapping[str, str],
    load: Callable[[str], bool] = loads,
    known: Callable[[str], bool] = apt_knows,
) -> list[str]:
    """Debian packages of the libraries that do not load, once each, in order."""
    packages: list[str] = []
    for soname, package in libraries.items():
        if load(soname):
            continue
        name = _choose(package.split("|"), known)
        if name not in packages:
            packages.append(name)
    return packages


def _choose(alternatives: Sequence[str], known: Callable[[str], bool]) -> str:
    if len(alternatives) == 1:
        return alternatives[0]
    return next((name for name in alternatives if known(name)), alternatives[-1])


def install_command(packages: Iterable[str], *, root: bool) -> str:
    return ("" if root else "sudo ") + "apt-get install " + " ".join(packages)


def missing_message(packages: Sequence[str], *, root: bool) -> str:
    """One line: which Debian packages the window needs, and the command that adds them."""
    return (
        f"the WardLink window needs Debian packages that are not installed: "
        f"{' '.join(packages)}; install them with: {install_command(packages, root=root)}"
    )


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def require_libraries(
    environ: Mapping[str, str] | None = None,
    *,
    window: bool = True,
    load: Callable[[str], bool] = loads,
    known: Callable[[str], bool] = apt_knows,
) -> None:
    """Raise SystemLibrariesMissing (one line) instead of letting Qt abort; Linux only."""
    if not sys.platform.startswith("linux"):
        return
    env = os.environ if environ is None else environ
    packages = missing_packages(libraries_for(env, window=window), load, known)
    if packages:
        raise SystemLibrariesMissing(missing_message(packages, root=_is_root()))


def install(packages: Sequence[str], run: Callable[[list[str]], int]) -> bool:
    """apt-get the packages (as root, non-interactive); whether apt-get succeeded."""
    print(f"wardlink: installing what the window needs: {' '.join(packages)}", file=sys.stderr)
    return (
        run(["apt-get", "update", "-qq"]) == 0
        and run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]) == 0
    )


def _run_apt(command: list[str]) -> int:
    program = shutil.which(command[0])
    if program is None:
        return 127  # not Debian: the message still names the packages
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # apt-get with our own table's package names (see install).
    return subprocess.run([program, *command[1:]], env=env, check=False).returncode  # noqa: S603


def main(
    argv: Sequence[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    load: Callable[[str], bool] = loads,
    known: Callable[[str], bool] = apt_knows,
    root: bool | None = None,
    run: Callable[[list[str]], int] = _run_apt,
) -> int:
    """`make run`'s check: 0 if the window can start, else one line on stderr and 1."""
    parser = argparse.ArgumentParser(prog="python -m desktop_app.ui.platform_deps")
    parser.add_argument(
        "--install", action="store_true", help="as root with apt-get: install what is missing"
    )
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        return 0
    env = os.environ if environ is None else environ
    as_root = _is_root() if root is None else root
    libraries = libraries_for(env)
    packages = missing_packages(libraries, load, known)
    if packages and args.install and as_root and install(packages, run):
        packages = missing_packages(libraries, load, known)  # what apt-get did not fix
    if packages:
        print(f"wardlink: {missing_message(packages, root=as_root)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
