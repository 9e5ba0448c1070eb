"""Corner overlays of the image viewer: who, which study, which image, how it is shown.

The texts are computed from the header once (OverlayInfo) and from the view state on
every paint (corner_texts); both are plain strings so tests can read exactly what the
user sees. The lossy flag is drawn in its own colour because a lossy-compressed image
must not be read as the original.
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from dataclasses import dataclass

from pydicom.dataset import Dataset
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QStaticText

from desktop_app.medical import dicom_text
from desktop_app.medical.greyscale import LookupTable, Window
from desktop_app.medical.summary import is_lossy
from desktop_app.ui.viewers.language import display_language

LOSSY_TEXT = "LOSSY"
# Laid-out overlay lines kept between paints: scrolling a stack changes one or two lines
# per slice, and laying out ~12 lines five times (outline + text) on every paint was
# the largest part of a slice's GUI-thread time.
STATIC_TEXTS = 256
_static: OrderedDict[tuple[str, str], QStaticText] = OrderedDict()


def _laid_out(text: str, font: QFont) -> QStaticText:
    key = (text, font.key())
    found = _static.get(key)
    if found is None:
        found = QStaticText(text)
        found.setTextFormat(Qt.TextFormat.PlainText)  # DICOM values: the sender's word
        found.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        found.prepare(font=font)
        _static[key] = found
        while len(_static) > STATIC_TEXTS:
            _static.popitem(last=False)
    else:
        _static.move_to_end(key)
    return found


class Corner(enum.Enum):
    TOP_LEFT = "top-left"
    TOP_RIGHT = "top-right"
    BOTTOM_LEFT = "bottom-left"
    BOTTOM_RIGHT = "bottom-right"


def _text(ds: Dataset, keyword: str) -> str:
    """A header value as one line of its corner (dicom_text.one_line: the file's words)."""
    value = ds.get(keyword)
    return "" if value is None else dicom_text.one_line(str(value))


@dataclass(frozen=True)
class OverlayInfo:
    """Header texts for the four corners; the per-paint parts are added by corner_texts."""

    patient: tuple[str, ...]
    study: tuple[str, ...]
    series: tuple[str, ...]
    lossy: bool

    @classmethod
    def from_dataset(cls, ds: Dataset) -> OverlayInfo:
        language = display_language()
        birth = dicom_text.date(_text(ds, "PatientBirthDate"), language)
        sex = _text(ds, "PatientSex")
        patient = (
            dicom_text.person_name(_text(ds, "PatientName")),
            f"ID {_text(ds, 'PatientID')}" if _text(ds, "PatientID") else "",
            " ".join(v for v in (f"*{birth}" if birth else "", sex) if v),
        )
        study = (
            _text(ds, "InstitutionName"),
            " ".join(
                v
                for v in (
                    dicom_text.date(_text(ds, "StudyDate"), language),
                    _text(ds, "StudyDescription"),
                )
                if v
            ),
            f"Acc {_text(ds, 'AccessionNumber')}" if _text(ds, "AccessionNumber") else "",
        )
        series_no = _text(ds, "SeriesNumber")
        series = (
            " ".join(
                v
                for v in (
                    _text(ds, "Modality"),
                    f"Se {series_no}" if series_no else "",
                    _text(ds, "SeriesDescription") or _text(ds, "BodyPartExamined"),
                )
                if v
            ),
        )
        return cls(
            patient=tuple(v for v in patient if v),
            study=tuple(v for v in study if v),
            series=tuple(v for v in series if v),
            lossy=is_lossy(ds),
        )


def describe_voi(voi: Window | LookupTable | None) -> str:
    """The W/L line; None for colour images, which are shown as stored."""
    if voi is None:
        return QCoreApplication.translate("Overlays", "Colour")
    if isinstance(voi, Window):
        return f"C {voi.center:.0f} / W {voi.width:.0f}"
    return f"VOI LUT {voi.explanation}".strip()


def corner_texts(
    info: OverlayInfo,
    frame: int,
    frames: int,
    voi: Window | LookupTable | None,
    zoom: float,
    inverted: bool,
) -> dict[Corner, list[str]]:
    """Everything the overlay shows, corner by corner (frame is 0-based; voi None = colour)."""
    bottom_right = [
        describe_voi(voi),
        QCoreApplication.translate("Overlays", "Zoom %1%").replace("%1", f"{zoom * 100:.0f}"),
    ]
    if inverted:
        bottom_right.append(QCoreApplication.translate("Overlays", "Inverted"))
    if info.lossy:
        bottom_right.append(LOSSY_TEXT)
    return {
        Corner.TOP_LEFT: list(info.patient),
        Corner.TOP_RIGHT: list(info.study),
        Corner.BOTTOM_LEFT: [
            *info.series,
            QCoreApplication.translate("Overlays", "Image %1/%2")
            .replace("%1", str(frame + 1))
            .replace("%2", str(frames)),
        ],
        Corner.BOTTOM_RIGHT: bottom_right,
    }


def paint_overlays(painter: QPainter, rect: QRectF, texts: dict[Corner, list[str]]) -> None:
    """Draw the corner texts with a dark outline so they read on white and black bone."""
    font = QFont(painter.font())
    font.setPixelSize(max(11, min(15, int(rect.height() / 40))))
    painter.save()
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    line = metrics.height()
    margin = 6.0
    for corner, lines in texts.items():
        right = corner in (Corner.TOP_RIGHT, Corner.BOTTOM_RIGHT)
        bottom = corner in (Corner.BOTTOM_LEFT, Corner.BOTTOM_RIGHT)
        for i, text in enumerate(lines):
            row = len(lines) - 1 - i if bottom else i
            y = (
                rect.bottom() - margin - row * line - metrics.descent()
                if bottom
                else rect.top() + margin + row * line + metrics.ascent()
            )
            width = metrics.horizontalAdvance(text)
            x = rect.right() - margin - width if right else rect.left() + margin
            colour = QColor(255, 80, 80) if text == LOSSY_TEXT else QColor(255, 255, 190)
            laid = _laid_out(text, font)
            top = y - metrics.ascent()  # static text is placed by its top-left corner
            painter.setPen(QColor(0, 0, 0))
            for dx, dy in ((1, 1), (-1, -1), (1, -1), (-1, 1)):
                painter.drawStaticText(QPointF(x + dx, top + dy), laid)
            painter.setPen(colour)
            painter.drawStaticText(QPointF(x, top), laid)
    painter.restore()
