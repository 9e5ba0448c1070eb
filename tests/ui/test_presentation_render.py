"""A GSPS drawn over its image: the arrow lands where it was drawn (pixel check), headless."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom.dataset import Dataset
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop_app.medical.presentation_state import (
    MAX_GRAPHIC_OBJECTS,
    Area,
    Shape,
    ShapeKind,
    make_presentation,
    parse_bytes,
)
from desktop_app.medical.samples import make_dx, save
from desktop_app.ui.viewers.image_view import FIT_MARGIN
from desktop_app.ui.viewers.qimage import qimage_to_array
from tests.ui.test_view_cmd import wardlink

COLUMNS, ROWS = 416, 512
TAIL, TIP = (100.0, 100.0), (300.0, 300.0)


@pytest.fixture
def original(tmp_path: Path) -> tuple[Dataset, Path]:
    ds = make_dx(ROWS, COLUMNS)
    return ds, save(ds, tmp_path / "dx.dcm")


def _gsps(tmp_path: Path, ds: Dataset, area: Area | None = None) -> Path:
    arrow = Shape(ShapeKind.ARROW, (TAIL, TIP))
    path = tmp_path / "gsps.dcm"
    path.write_bytes(make_presentation(ds, [arrow], window=None, area=area))
    return path


def _is_annotation(rgb: np.ndarray) -> bool:
    """Annotation cyan or its dark outline; the greyscale image itself has r == g == b."""
    r, _g, b = (int(v) for v in rgb[:3])
    return b > 150 and r < 90


def _on_arrow(pixels: np.ndarray, x: float, y: float) -> bool:
    xi, yi = round(x), round(y)
    patch = pixels[yi - 1 : yi + 2, xi - 1 : xi + 2].reshape(-1, pixels.shape[-1])
    return any(_is_annotation(p) for p in patch)


def _render(done_png: Path) -> np.ndarray:
    return qimage_to_array(QImage(str(done_png)).convertToFormat(QImage.Format.Format_RGB888))


def test_cli_renders_the_arrow_where_it_was_drawn(
    qtbot: QtBot, tmp_path: Path, original: tuple[Dataset, Path]
) -> None:
    ds, image = original
    out = tmp_path / "out.png"
    done = wardlink(str(image), "--presentation", str(_gsps(tmp_path, ds)), "--png", str(out))
    assert done.returncode == 0, done.stderr
    pixels = _render(out)
    size = 1024
    zoom = min(size / COLUMNS, size / ROWS) * FIT_MARGIN
    ox, oy = size / 2 - COLUMNS / 2 * zoom, size / 2 - ROWS / 2 * zoom
    for t in (0.25, 0.5, 0.75):
        x = TAIL[0] + t * (TIP[0] - TAIL[0])
        y = TAIL[1] + t * (TIP[1] - TAIL[1])
        assert _on_arrow(pixels, ox + x * zoom, oy + y * zoom), (t, x, y)
    # Off the arrow the picture is the grey original.
    assert not _on_arrow(pixels, ox + 300 * zoom, oy + 100 * zoom)


def test_the_zoom_area_of_the_gsps_is_shown(
    qtbot: QtBot, tmp_path: Path, original: tuple[Dataset, Path]
) -> None:
    ds, image = original
    area = Area(100.0, 100.0, 300.0, 300.0)  # exactly the arrow's box, filling the render
    out = tmp_path / "zoomed.png"
    gsps = _gsps(tmp_path, ds, area)
    done = wardlink(str(image), "--presentation", str(gsps), "--png", str(out))
    assert done.returncode == 0, done.stderr
    pixels = _render(out)
    zoom = 1024 / 200
    assert _on_arrow(pixels, 512, 512)  # the arrow's midpoint is the centre
    assert _on_arrow(pixels, 512 - 50 * zoom, 512 - 50 * zoom)


def test_hostile_gsps_gives_one_clear_line(
    qtbot: QtBot, tmp_path: Path, original: tuple[Dataset, Path]
) -> None:
    ds, image = original
    gsps = parse_bytes(_gsps(tmp_path, ds).read_bytes())
    graphic = gsps.GraphicAnnotationSequence[0].GraphicObjectSequence[0]
    gsps.GraphicAnnotationSequence[0].GraphicObjectSequence = [graphic] * (MAX_GRAPHIC_OBJECTS + 1)
    hostile = tmp_path / "hostile.dcm"
    gsps.save_as(hostile, enforce_file_format=True)
    done = wardlink(str(image), "--presentation", str(hostile), "--png", str(tmp_path / "x.png"))
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert f"more than {MAX_GRAPHIC_OBJECTS} graphic objects" in done.stderr
    other = make_dx(64, 64)
    wrong = tmp_path / "other.dcm"
    wrong.write_bytes(make_presentation(other, [], window=None, area=None))
    done = wardlink(str(image), "--presentation", str(wrong), "--png", str(tmp_path / "y.png"))
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "belongs to another image" in done.stderr


def test_a_hostile_gsps_in_the_viewer_is_one_sentence_instead_of_a_view(
    qtbot: QtBot, tmp_path: Path, original: tuple[Dataset, Path]
) -> None:
    from desktop_app.ui.viewers.viewer_window import ErrorNotice, open_viewer

    ds, image = original
    gsps = parse_bytes(_gsps(tmp_path, ds).read_bytes())
    gsps.GraphicAnnotationSequence[0].GraphicObjectSequence[0].GraphicData = [0.0, float("nan")]
    hostile = tmp_path / "nan.dcm"
    gsps.save_as(hostile, enforce_file_format=True)
    shown = open_viewer(image.read_bytes(), None, presentation=hostile.read_bytes())
    qtbot.addWidget(shown)
    assert isinstance(shown, ErrorNotice)
    assert "graphic coordinates off the image" in shown.text()
