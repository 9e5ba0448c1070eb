"""GSPS made by the app: valid for highdicom/pydicom, references the original, shapes as drawn."""

from __future__ import annotations

import numpy as np
import pytest
from pydicom.dataset import Dataset
from pydicom.uid import GrayscaleSoftcopyPresentationStateStorage

from desktop_app.medical.greyscale import Window
from desktop_app.medical.presentation_state import (
    MAX_GRAPHIC_OBJECTS,
    Area,
    PresentationError,
    Shape,
    ShapeKind,
    make_presentation,
    parse_bytes,
    presentation_for,
)
from desktop_app.medical.samples import make_dx

ARROW = Shape(ShapeKind.ARROW, ((100.0, 120.0), (300.5, 250.25)))
ELLIPSE = Shape(ShapeKind.ELLIPSE, ((50.0, 60.0), (150.0, 100.0)))
NOTE = Shape(ShapeKind.TEXT, ((400.0, 90.0),), "Fraktur?")
ANGLE = Shape(ShapeKind.ANGLE, ((10.0, 10.0), (40.0, 40.0), (80.0, 10.0)))


@pytest.fixture(scope="module")
def original() -> Dataset:
    return make_dx(512, 416)


def _made(original: Dataset) -> bytes:
    return make_presentation(
        original,
        [ARROW, ELLIPSE, NOTE, ANGLE],
        window=Window(1100.0, 1600.0),
        area=Area(64.0, 32.0, 320.0, 288.0),
    )


def test_highdicom_reads_back_and_references_the_original(original: Dataset) -> None:
    ds = parse_bytes(_made(original))
    assert ds.SOPClassUID == GrayscaleSoftcopyPresentationStateStorage
    assert ds.Modality == "PR" and ds.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1"
    ref = ds.ReferencedSeriesSequence[0].ReferencedImageSequence[0]
    assert ref.ReferencedSOPInstanceUID == original.SOPInstanceUID
    assert "PixelData" not in ds  # pixels are never re-encoded
    layers = {a.GraphicLayer: a for a in ds.GraphicAnnotationSequence}
    arrow = layers["ARROWS"].GraphicObjectSequence[0]
    assert arrow.GraphicType == "POLYLINE"
    assert np.allclose(np.array(arrow.GraphicData, dtype=float), [100, 120, 300.5, 250.25])
    assert layers["TEXT"].TextObjectSequence[0].UnformattedTextValue == "Fraktur?"
    voi = ds.SoftcopyVOILUTSequence[0]
    assert (float(voi.WindowCenter), float(voi.WindowWidth)) == (1100.0, 1600.0)
    area = ds.DisplayedAreaSelectionSequence[0]
    assert list(area.DisplayedAreaTopLeftHandCorner) == [65, 33]
    assert list(area.DisplayedAreaBottomRightHandCorner) == [320, 288]


def test_read_back_gives_the_shapes_as_drawn(original: Dataset) -> None:
    state = presentation_for(_made(original), original)
    assert set(state.shapes) == {ARROW, ELLIPSE, NOTE, ANGLE}
    assert state.window is not None and state.window.center == 1100.0
    assert state.area == Area(64.0, 32.0, 320.0, 288.0)


def test_gsps_for_another_image_is_refused(original: Dataset) -> None:
    other = make_dx(64, 64)
    with pytest.raises(PresentationError, match="belongs to another image"):
        presentation_for(_made(original), other)


def test_huge_graphic_count_is_refused(original: Dataset) -> None:
    ds = parse_bytes(_made(original))
    graphic = ds.GraphicAnnotationSequence[0].GraphicObjectSequence[0]
    ds.GraphicAnnotationSequence[0].GraphicObjectSequence = [graphic] * (MAX_GRAPHIC_OBJECTS + 1)
    with pytest.raises(PresentationError, match=f"more than {MAX_GRAPHIC_OBJECTS}") as info:
        presentation_for(_saved(ds), original)
    assert "\n" not in str(info.value)


def test_coordinates_far_off_the_image_are_refused(original: Dataset) -> None:
    ds = parse_bytes(_made(original))
    ds.GraphicAnnotationSequence[0].GraphicObjectSequence[0].GraphicData = [0.0, 0.0, 1e9, 5.0]
    with pytest.raises(PresentationError, match="off the image"):
        presentation_for(_saved(ds), original)


def test_an_image_is_not_a_presentation_state(original: Dataset) -> None:
    with pytest.raises(PresentationError, match="not a grayscale softcopy presentation state"):
        presentation_for(_saved(original), original)


def _saved(ds: Dataset) -> bytes:
    import io

    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()


def test_display_units_and_circles_from_other_viewers(original: Dataset) -> None:
    """Other viewers write text in DISPLAY units (0..1 of the displayed area) and circles."""
    ds = parse_bytes(_made(original))
    text_layer = next(a for a in ds.GraphicAnnotationSequence if a.GraphicLayer == "TEXT")
    text = text_layer.TextObjectSequence[0]
    text.AnchorPointAnnotationUnits = "DISPLAY"
    text.AnchorPoint = [0.5, 0.25]
    graphic = next(
        a for a in ds.GraphicAnnotationSequence if a.GraphicLayer == "ARROWS"
    ).GraphicObjectSequence[0]
    graphic.GraphicType = "CIRCLE"
    graphic.GraphicData = [200.0, 200.0, 230.0, 240.0]  # centre, a point on the circle
    state = presentation_for(_saved(ds), original)
    note = next(s for s in state.shapes if s.kind is ShapeKind.TEXT)
    assert note.points == ((64.0 + 0.5 * 256.0, 32.0 + 0.25 * 256.0),)  # over the area
    circle = next(s for s in state.shapes if s.points == ((150.0, 150.0), (250.0, 250.0)))
    assert circle.kind is ShapeKind.ELLIPSE
