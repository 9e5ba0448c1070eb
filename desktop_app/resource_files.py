"""Find the shipped resources both in a source checkout and in an installed/frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [
        here / "resources",  # wheel: force-included into the package
        here.parent / "resources",  # source checkout / editable install
        Path(getattr(sys, "_MEIPASS", here)) / "resources",  # PyInstaller bundle
    ]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("WardLink's resources folder is missing from this installation")
