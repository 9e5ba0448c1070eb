"""Annotations as a DICOM Grayscale Softcopy Presentation State (GSPS), made and read.

"Send annotated" must not re-encode the image: the picture the radiologist looked at
stays the original, and what the sender drew travels as a GSPS that references it by
SOP Instance UID (PS3.3 A.33.1). Shapes are in image pixel coordinates (x = column,
y = row, origin at the top-left corner of the top-left pixel, DICOM "PIXEL" units).
Each kind lives in its own graphic layer, so this app reads an arrow back as an arrow;
other viewers still show lines, ellipses and text. A received GSPS is untrusted input:
counts, sizes and references are checked before anything is drawn.
"""

from __future__ import annotations

import enum
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import highdicom as hd
import numpy as np
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from desktop_app.medical.errors import MedicalError, reported_as_corrupt
from desktop_app.medical.greyscale import Window
from desktop_app.medical.loading import DicomSource, describe, read_dataset

GSPS_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.11.1"
# Hostile-file limits: a hand-drawn consult has a handful of shapes.
MAX_GRAPHIC_OBJECTS = 1000
MAX_POINTS = 100_000  # over all graphic objects
MAX_REFERENCED_IMAGES = 1000
MAX_TEXT_LENGTH = 1024  # the ST value representation's limit
# Coordinates further than this many image sizes outside the image are nonsense.
MAX_OUTSIDE = 4.0
LABEL = "WARDLINK"


class PresentationError(MedicalError):
    """A presentation state that is not usable here (hostile, broken, or for another image)."""


class ShapeKind(enum.StrEnum):
    """The graphic layer each kind is sent in (also its name in other viewers)."""

    ARROW = "ARROWS"  # two points: tail, tip
    ELLIPSE = "ELLIPSES"  # four points: major axis ends, minor axis ends
    DISTANCE = "DISTANCES"  # two points
    ANGLE = "ANGLES"  # three points: first arm end, vertex, second arm end
    TEXT = "TEXT"  # one anchor point and the text
    LINE = "OTHER"  # any other polyline from another viewer


@dataclass(frozen=True)
class Shape:
    kind: ShapeKind
    points: tuple[tuple[float, float], ...]  # (x, y) in image pixels
    text: str = ""


@dataclass(frozen=True)
class Area:
    """The displayed image area, image pixel coordinates (left, top, right, bottom)."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Presentation:
    """What a GSPS asks the viewer to show over one image."""

    referenced: tuple[str, ...]  # SOP Instance UIDs of the images it applies to
    shapes: tuple[Shape, ...]
    window: Window | None
    area: Area | None
    label: str
    rotation: int = 0  # degrees clockwise, applied after the flip (PS3.3 C.10.6)
    flip: bool = False  # horizontal flip


def ellipse_points(left: float, top: float, right: float, bottom: float) -> np.ndarray:
    """DICOM ELLIPSE points (major axis ends, then minor axis ends) of a box."""
    cx, cy = (left + right) / 2, (top + bottom) / 2
    horizontal = [(left, cy), (right, cy)]
    vertical = [(cx, top), (cx, bottom)]
    wide = abs(right - left) >= abs(bottom - top)
    return np.array(horizontal + vertical if wide else vertical + horizontal, dtype=float)


def _graphic(shape: Shape) -> hd.pr.GraphicObject:
    points = np.array(shape.points, dtype=float)
    if shape.kind is ShapeKind.ELLIPSE:
        (x0, y0), (x1, y1) = shape.points[:2]
        return hd.pr.GraphicObject(
            hd.pr.GraphicTypeValues.ELLIPSE, ellipse_points(x0, y0, x1, y1), "PIXEL"
        )
    return hd.pr.GraphicObject(hd.pr.GraphicTypeValues.POLYLINE, points, "PIXEL")


def make_presentation(
    original: Dataset,
    shapes: Sequence[Shape],
    *,
    window: Window | None,
    area: Area | None,
    rotation: int = 0,
    flip: bool = False,
    description: str = "Annotated in WardLink",
) -> bytes:
    """A GSPS (Part 10 bytes) over `original`; an ELLIPSE shape gives its box corners.
    `rotation` (clockwise, a multiple of 90) and `flip` (horizontal, applied first)
    form the Spatial Transformation module."""
    layers: dict[ShapeKind, hd.pr.GraphicLayer] = {}
    annotations = []
    for order, kind in enumerate(ShapeKind, start=1):
        mine = [s for s in shapes if s.kind is kind]
        if not mine:
            continue
        layers[kind] = hd.pr.GraphicLayer(kind.value, order)
        texts = [
            hd.pr.TextObject(
                s.text[:MAX_TEXT_LENGTH],
                "PIXEL",
                anchor_point=s.points[0],
                anchor_point_visible=False,
            )
            for s in mine
            if kind is ShapeKind.TEXT
        ]
        graphics = [_graphic(s) for s in mine if kind is not ShapeKind.TEXT]
        annotations.append(
            hd.pr.GraphicAnnotation(
                [original],
                layers[kind],
                graphic_objects=graphics or None,
                text_objects=texts or None,
            )
        )
    voi = None
    if window is not None:
        voi = [hd.pr.SoftcopyVOILUTTransformation(window.center, max(window.width, 1.0))]
    gsps = hd.pr.GrayscaleSoftcopyPresentationState(
        referenced_images=[original],
        series_instance_uid=generate_uid(),
        series_number=1,
        sop_instance_uid=generate_uid(),
        instance_number=1,
        manufacturer="WardLink",
        manufacturer_model_name="WardLink",
        software_versions="1",
        device_serial_number="1",
        content_label=LABEL,
        content_description=description[:64],
        graphic_annotations=annotations or None,
        graphic_layers=list(layers.values()) or None,
        voi_lut_transformations=voi,
    )
    if area is not None:
        item = gsps.DisplayedAreaSelectionSequence[0]
        item.DisplayedAreaTopLeftHandCorner = [round(area.left) + 1, round(area.top) + 1]
        item.DisplayedAreaBottomRightHandCorner = [round(area.right), round(area.bottom)]
        item.PresentationSizeMode = "SCALE TO FIT"
    if rotation % 360 or flip:
        gsps.ImageRotation = rotation % 360
        gsps.ImageHorizontalFlip = "Y" if flip else "N"
    out = io.BytesIO()
    gsps.save_as(out, enforce_file_format=True)
    return out.getvalue()


def _spatial(ds: Dataset) -> tuple[int, bool]:
    try:
        rotation = int(ds.get("ImageRotation", 0) or 0)
    except (TypeError, ValueError):
        rotation = -1
    if rotation not in (0, 90, 180, 270):
        raise PresentationError("the presentation state rotates by something other than 90°")
    return rotation, str(ds.get("ImageHorizontalFlip", "N")).strip().upper() == "Y"


def referenced_uids(ds: Dataset) -> tuple[str, ...]:
    """SOP Instance UIDs the GSPS applies to (Referenced Series Sequence)."""
    found: list[str] = []
    for series in ds.get("ReferencedSeriesSequence", []):
        for image in series.get("ReferencedImageSequence", []):
            found.append(str(image.get("ReferencedSOPInstanceUID", "")))
            if len(found) > MAX_REFERENCED_IMAGES:
                raise PresentationError(
                    f"the presentation state refers to more than {MAX_REFERENCED_IMAGES} images"
                )
    return tuple(found)


def _finite_points(data: Iterable[object], limit: float) -> tuple[tuple[float, float], ...]:
    values = [float(v) for v in data]  # type: ignore[arg-type]
    if len(values) % 2 or not all(math.isfinite(v) and abs(v) <= limit for v in values):
        raise PresentationError("the presentation state has graphic coordinates off the image")
    return tuple((values[i], values[i + 1]) for i in range(0, len(values), 2))


def _to_pixels(
    points: tuple[tuple[float, float], ...], units: str, area: Area | None, size: tuple[int, int]
) -> tuple[tuple[float, float], ...]:
    """DISPLAY units (0..1 over the displayed area) to image pixels."""
    if units != "DISPLAY":
        return points
    box = area or Area(0.0, 0.0, float(size[0]), float(size[1]))
    w, h = box.right - box.left, box.bottom - box.top
    return tuple((box.left + x * w, box.top + y * h) for x, y in points)


def _shape(kind: ShapeKind, graphic: Dataset, points: tuple[tuple[float, float], ...]) -> Shape:
    gtype = str(graphic.get("GraphicType", ""))
    if gtype == "ELLIPSE" and len(points) == 4:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return Shape(ShapeKind.ELLIPSE, ((min(xs), min(ys)), (max(xs), max(ys))))
    if gtype == "CIRCLE" and len(points) == 2:
        (cx, cy), (px, py) = points
        r = math.hypot(px - cx, py - cy)
        return Shape(ShapeKind.ELLIPSE, ((cx - r, cy - r), (cx + r, cy + r)))
    wanted = {ShapeKind.ARROW: 2, ShapeKind.DISTANCE: 2, ShapeKind.ANGLE: 3}.get(kind)
    if gtype == "POLYLINE" and wanted == len(points):
        return Shape(kind, points)
    return Shape(ShapeKind.LINE, points)


def _area(ds: Dataset) -> Area | None:
    items = ds.get("DisplayedAreaSelectionSequence", [])
    if not items:
        return None
    first = items[0]
    try:
        x0, y0 = (float(v) for v in first.DisplayedAreaTopLeftHandCorner)
        x1, y1 = (float(v) for v in first.DisplayedAreaBottomRightHandCorner)
    except (AttributeError, TypeError, ValueError):
        return None
    if x1 < x0 or y1 < y0:
        return None
    return Area(x0 - 1, y0 - 1, x1, y1)


def _window(ds: Dataset) -> Window | None:
    for item in ds.get("SoftcopyVOILUTSequence", []):
        center, width = item.get("WindowCenter"), item.get("WindowWidth")
        if center is None or width is None:
            continue
        c = float(center[0] if isinstance(center, Sequence) else center)
        w = float(width[0] if isinstance(width, Sequence) else width)
        if math.isfinite(c) and math.isfinite(w) and w > 0:
            return Window(c, w, explanation=str(item.get("WindowCenterWidthExplanation", "")))
    return None


def _shapes(ds: Dataset, area: Area | None, size: tuple[int, int]) -> tuple[Shape, ...]:
    limit = MAX_OUTSIDE * max(size[0], size[1], 1)
    shapes: list[Shape] = []
    objects = points_total = 0
    for annotation in ds.get("GraphicAnnotationSequence", []):
        layer = str(annotation.get("GraphicLayer", ""))
        kind = ShapeKind(layer) if layer in set(ShapeKind) else ShapeKind.LINE
        graphics = annotation.get("GraphicObjectSequence", [])
        texts = annotation.get("TextObjectSequence", [])
        objects += len(graphics) + len(texts)
        if objects > MAX_GRAPHIC_OBJECTS:
            raise PresentationError(
                f"the presentation state has more than {MAX_GRAPHIC_OBJECTS} graphic objects"
            )
        for graphic in graphics:
            data = graphic.get("GraphicData") or []
            points_total += len(data) // 2
            if points_total > MAX_POINTS:
                raise PresentationError(
                    f"the presentation state has more than {MAX_POINTS} graphic points"
                )
            units = str(graphic.get("GraphicAnnotationUnits", "PIXEL"))
            points = _to_pixels(_finite_points(data, limit), units, area, size)
            if points:
                shapes.append(_shape(kind, graphic, points))
        for text in texts:
            anchor = text.get("AnchorPoint") or text.get("BoundingBoxTopLeftHandCorner")
            if anchor is None:
                continue
            units = str(
                text.get("AnchorPointAnnotationUnits")
                or text.get("BoundingBoxAnnotationUnits", "PIXEL")
            )
            point = _to_pixels(_finite_points(anchor, limit), units, area, size)[:1]
            value = str(text.get("UnformattedTextValue", ""))[:MAX_TEXT_LENGTH]
            if point:
                shapes.append(Shape(ShapeKind.TEXT, point, value))
    return tuple(shapes)


def read_presentation(
    source: DicomSource, size: tuple[int, int] = (0, 0), for_uid: str | None = None
) -> Presentation:
    """Parse a GSPS; `size` (columns, rows) of the original bounds the coordinates.

    With `for_uid`, the GSPS must reference that image (checked before the shapes).
    Raises PresentationError (one line) for anything that is not a usable GSPS.
    """
    label = describe(source)
    with reported_as_corrupt(f"damaged presentation state {label}"):
        ds = read_dataset(source, with_pixels=False)
        if str(ds.get("SOPClassUID", "")) != GSPS_SOP_CLASS:
            raise PresentationError(f"{label} is not a grayscale softcopy presentation state")
        referenced = referenced_uids(ds)
        if not referenced:
            raise PresentationError(f"{label} does not say which image it belongs to")
        if for_uid is not None and for_uid not in referenced:
            raise PresentationError(
                f"{label} belongs to another image, not to this one (SOP Instance UID {for_uid})"
            )
        area = _area(ds)
        rotation, flip = _spatial(ds)
        return Presentation(
            referenced=referenced,
            shapes=_shapes(ds, area, size if all(size) else (65535, 65535)),
            window=_window(ds),
            area=area,
            label=str(ds.get("ContentLabel", "")),
            rotation=rotation,
            flip=flip,
        )


def presentation_for(source: DicomSource, original: Dataset) -> Presentation:
    """The GSPS `source` checked against the image it is to be drawn over."""
    size = (int(original.get("Columns", 0)), int(original.get("Rows", 0)))
    return read_presentation(source, size, str(original.get("SOPInstanceUID", "")))


def is_presentation_state(source: DicomSource) -> bool:
    """True for a GSPS (header only; anything unreadable is not one)."""
    try:
        ds = read_dataset(source, with_pixels=False)
    except MedicalError:
        return False
    return str(ds.get("SOPClassUID", "")) == GSPS_SOP_CLASS


def parse_bytes(data: bytes) -> Dataset:
    """A GSPS dataset from bytes, for tests and tools that inspect it."""
    return dcmread(io.BytesIO(data))
