"""Fixtures for the medical layer: pydicom's shipped files and synthetic generators."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom.data import get_testdata_file


def shipped(name: str) -> Path:
    """A file from the pydicom wheel; never downloads (skips if not shipped)."""
    found = get_testdata_file(name, download=False)
    if found is None:
        pytest.skip(f"{name} is not shipped in the pydicom wheel (download-only)")
    return Path(str(found))
