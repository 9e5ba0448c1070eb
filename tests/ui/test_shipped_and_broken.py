"""Every file in the pydicom wheel, and a corpus of damaged ones, through the viewer's paint.

The medical layer checks the values; here we check that what the viewer draws from
them is a picture (or a clear MedicalError), never a traceback from the paint code:
colour, palette, big-endian, signed CT, multi-frame RT dose, lossy JPEG, waveforms.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from pydicom.data import get_testdata_file
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from desktop_app.medical.errors import MedicalError
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.qimage import qimage_to_array
from desktop_app.ui.viewers.render import render_file
from desktop_app.ui.viewers.viewer_window import ErrorNotice, open_viewer
from tests.medical import generators

SIZE = QSize(256, 256)
CT = get_testdata_file("CT_small.dcm", download=False)
TEST_FILES = sorted(Path(str(CT)).parent.glob("*.dcm")) if CT else []


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda p: p.name)
def test_shipped_file_renders_or_says_why(qtbot: QtBot, path: Path) -> None:
    try:
        image = render_file(path, size=SIZE)
    except MedicalError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    rgb = qimage_to_array(image)
    assert rgb.shape[0] > 0 and rgb.std() > 0  # something was drawn


def test_damaged_files_become_messages(qtbot: QtBot, tmp_path: Path) -> None:
    data = bytearray(generators.to_bytes(generators.make_dx(96, 80)))
    rng = random.Random(6)
    path = tmp_path / "damaged.dcm"
    outcomes = {"image": 0, "error": 0}
    for case in range(40):
        damaged = bytearray(data)
        if case % 2:
            for _ in range(4):
                damaged[rng.randrange(128, 1400)] ^= 1 << rng.randrange(8)
        else:
            del damaged[rng.randrange(64, len(damaged)) :]
        path.write_bytes(bytes(damaged))
        widget = open_viewer(path, None)
        qtbot.addWidget(widget)
        if isinstance(widget, ImageViewer):
            view = widget.view
            image = qimage_to_array(view.render_image(SIZE))
            if view.error_text:
                outcomes["error"] += 1
            else:
                assert np.any(image)
                outcomes["image"] += 1
        else:
            assert isinstance(widget, ErrorNotice) and widget.text().startswith("Cannot show")
            outcomes["error"] += 1
    assert outcomes["error"] >= 10 and outcomes["image"] >= 1
