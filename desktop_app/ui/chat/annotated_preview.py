"""The card of an annotation reply (GSPS): the receiver's own copy of the original, small,
with the arrows, ellipses and text drawn over it, so the chat shows what was marked.

Runs on the bridge's offload thread like every thumbnail (QImage and QPainter on a
QImage are allowed there); the original was found by services.annotated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QTransform

from desktop_app.medical.display import first_display
from desktop_app.medical.geometry import pixel_spacing
from desktop_app.medical.loading import load_image
from desktop_app.medical.presentation_state import presentation_for
from desktop_app.services.annotated import AnnotatedImage
from desktop_app.ui.chat.previews import Preview
from desktop_app.ui.viewers.measure import paint_marks
from desktop_app.ui.viewers.presentation import shapes_to_marks
from desktop_app.ui.viewers.qimage import array_to_qimage

PREVIEW_TEXT_PIXELS = 9  # the card shows the thumbnail enlarged


def annotated_preview(found: AnnotatedImage, box: QSize) -> Preview:
    """MedicalError propagates (the cache shows it as the card's error line)."""
    detail = QCoreApplication.translate("ChatFormatting", "Annotations")
    if found.original is None:
        return Preview(
            detail=detail,
            error=QCoreApplication.translate(
                "ChatFormatting", "The annotated image is not on this PC."
            ),
        )
    loaded = load_image(found.original)
    state = presentation_for(found.presentation, loaded.dataset)
    _, pixels = first_display(loaded, 0, max(box.width(), box.height()))
    image = array_to_qimage(pixels).convertToFormat(QImage.Format.Format_RGB32)
    if image.width() > box.width() or image.height() > box.height():
        image = image.scaled(
            box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    scale = image.width() / max(int(loaded.dataset.get("Columns", 1)), 1)
    painter = QPainter(image)
    paint_marks(
        painter,
        QTransform.fromScale(scale, scale),
        shapes_to_marks(state.shapes),
        pixel_spacing(loaded.dataset),
        PREVIEW_TEXT_PIXELS,
    )
    painter.end()
    return Preview(image=image, detail=detail)
