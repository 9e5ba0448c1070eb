"""How the `wardlink` command hands over to the desktop app.

Kept free of Qt at import time: commands import this module to build ``LaunchOptions``
and call ``run``, which imports PySide6 only when a window is really wanted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    profile_root: Path | None = None  # where containers live; None: the OS per-user folder
    open_profile: Path | None = None  # unlock this container at once (the demo does)
    passphrase: str | None = None  # for open_profile only
    relay: str | None = None  # HOST:PORT that overrides policy, last relay and discovery
    discovery: bool = True  # look for relays by zeroconf when no address works
    language: str | None = None  # "de" or "en"; None follows the system locale
    window_title: str = "WardLink"
    # Local addresses call media may use when IT's policy names none (the demo: loopback)
    call_interfaces: str | None = None


def run(options: LaunchOptions) -> int:
    """Start the Qt application and return its exit code.

    Missing system libraries are named in one line first (SystemLibrariesMissing):
    once PySide6 is imported, Qt would abort the process instead.
    """
    from desktop_app.ui.platform_deps import require_libraries

    require_libraries()
    from desktop_app.ui.app import run_app  # Qt only from here on

    return run_app(options)
