""" "Try the demo" on the start screen: `wardlink demo` as its own process (its own relay).

The new window speaks the language the start screen speaks (``--lang``), and the demo
hospital lives in the OS user's data folder (``--dir``, ``profiles.demo_directory``):
started without them it came up in English in a German session and wrote
./demo-profile into whatever folder WardLink was started from.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess

from desktop_app.ui.translations import UiLanguage


class DemoLauncher:
    """Called when the start screen's demo button is clicked."""

    def __init__(self, language: UiLanguage | None, directory: Path) -> None:
        self.language = language
        self.directory = directory

    def arguments(self) -> list[str]:
        """The demo command's arguments after the program (frozen: the app itself)."""
        frozen = getattr(sys, "frozen", False)
        args = ["demo"] if frozen else ["-m", "desktop_app", "demo"]
        args += ["--dir", str(self.directory)]
        if self.language is not None:
            args += ["--lang", self.language.current]
        return args

    def __call__(self) -> None:
        QProcess.startDetached(sys.executable, self.arguments())
