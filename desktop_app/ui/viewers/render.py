"""Headless rendering of a file to a QImage or PNG, exactly as the viewer would draw it.

Uses the same ImageView / EcgViewer painting code as the window (QtPdf for PDF pages),
on a QImage instead of the screen, so `wardlink view --png` and the screenshots show
what users see. The caller provides the QApplication (Qt needs one for fonts); no window is shown.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QImage, QImageWriter

from desktop_app.medical.codecs import NATIVE_SYNTAXES
from desktop_app.medical.display import first_display, prepare
from desktop_app.medical.documents import ObjectKind, identify, load_pdf
from desktop_app.medical.ecg import load_ecg
from desktop_app.medical.errors import (
    CorruptImage,
    MedicalError,
    NotAnImage,
    reported_as_corrupt,
)
from desktop_app.medical.geometry import pixel_spacing
from desktop_app.medical.greyscale import Window
from desktop_app.medical.loading import ImageHeader, describe, load_image, read_dataset
from desktop_app.medical.pixels import decode_frame
from desktop_app.medical.presentation_state import presentation_for
from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.viewers.detail import FULL_RESOLUTION
from desktop_app.ui.viewers.ecg_layout import Layout
from desktop_app.ui.viewers.ecg_view import EcgViewer
from desktop_app.ui.viewers.image_view import ImageView
from desktop_app.ui.viewers.overlays import OverlayInfo
from desktop_app.ui.viewers.pdf_document import check_page, open_pdf, render_page
from desktop_app.ui.viewers.presentation import apply_presentation

DEFAULT_SIZE = QSize(1024, 1024)
DECODE_TIMEOUT_S = 120


class FrameOutOfRange(MedicalError):
    """--frame asks for a frame the file does not have."""


def image_view_for(
    source: Path | bytes,
    frame: int = 0,
    window: Window | None = None,
    worker: DecodeWorker | None = None,
) -> ImageView:
    """An ImageView showing frame `frame`, decoded before this returns.

    Uncompressed frames are decoded here (a memory copy). Compressed ones go to
    `worker` when one is given: a codec that crashes on a hostile file then kills the
    worker process, and the caller gets CorruptImage instead of losing its own process.
    """
    with reported_as_corrupt(f"damaged DICOM file {describe(source)}"):
        dataset = read_dataset(source, with_pixels=False)
        header = ImageHeader.from_dataset(dataset)
        info, spacing = OverlayInfo.from_dataset(dataset), pixel_spacing(dataset)
    if not 0 <= frame < header.frames:
        raise FrameOutOfRange(
            f"{describe(source)} has {header.frames} frame(s); frame {frame} does not exist"
        )
    if worker is not None and header.transfer_syntax not in NATIVE_SYNTAXES:
        try:
            display = worker.decode(source, frame).result(DECODE_TIMEOUT_S).display
        except TimeoutError:
            raise CorruptImage(
                f"decoding {describe(source)} took longer than {DECODE_TIMEOUT_S} s"
            ) from None
    else:
        display, _ = first_display(load_image(source), frame)
    view = ImageView()
    view.set_header(info, spacing, header.frames)
    view.set_frame(display, frame)
    if display.scale > 1 and (worker is None or header.transfer_syntax in NATIVE_SYNTAXES):
        view.detail_wanted.connect(lambda wanted: _full_resolution(view, source, wanted))
    if window is not None:
        view.set_voi(window)
    return view


def _full_resolution(view: ImageView, source: Path | bytes, frame: int) -> None:
    """Synchronous detail for headless views (zoomed renders); the window uses a worker."""
    with contextlib.suppress(MedicalError):  # without detail the copy is still shown
        img = load_image(source)
        view.set_detail(frame, prepare(img, decode_frame(img, frame), FULL_RESOLUTION, frame))


def ecg_title(source: Path | bytes) -> str:
    """Patient, ID and study date for the ECG panel (the paper itself carries no names)."""
    info = OverlayInfo.from_dataset(read_dataset(source, with_pixels=False))
    return " · ".join((*info.patient[:2], *info.study[1:2])) or describe(source)


def ecg_viewer_for(source: Path | bytes, layout: Layout = Layout.THREE_BY_FOUR) -> EcgViewer:
    """An EcgViewer for `source`; raises MedicalError for unusable files."""
    viewer = EcgViewer(load_ecg(source), ecg_title(source))
    viewer.set_layout(layout)
    return viewer


def pdf_page_image(source: Path | bytes, page: int = 0, size: QSize = DEFAULT_SIZE) -> QImage:
    """Page `page` (from 0) of a PDF or Encapsulated PDF, fitted into `size`, on white."""
    label = describe(source)
    document = open_pdf(load_pdf(source).data, label)
    try:
        check_page(document, page, label)
        return render_page(document, page, size)
    finally:
        document.close()


def render_file(
    source: Path,
    *,
    frame: int = 0,
    page: int = 0,
    window: Window | None = None,
    layout: Layout = Layout.THREE_BY_FOUR,
    size: QSize = DEFAULT_SIZE,
    worker: DecodeWorker | None = None,
    presentation: Path | None = None,
) -> QImage:
    """The picture `wardlink view --png` writes; raises MedicalError for unusable files.

    `frame` picks the frame of a multi-frame image, `page` (from 0) the page of a PDF;
    `presentation` is a GSPS drawn over the image (its W/L, zoom area and annotations).
    """
    kind = identify(source)
    if kind is ObjectKind.IMAGE:
        view = image_view_for(source, frame, window, worker)
        if presentation is not None:
            original = read_dataset(source, with_pixels=False)
            view.setMinimumSize(1, 1)
            view.resize(size)
            apply_presentation(view, presentation_for(presentation, original))
        return view.render_image(size)
    if presentation is not None:
        raise NotAnImage(f"a presentation state applies to images, and {describe(source)} is none")
    if kind is ObjectKind.ECG:
        return ecg_viewer_for(source, layout).render_image()
    if kind is ObjectKind.PDF:
        return pdf_page_image(source, page, size)
    if kind is ObjectKind.REPORT:
        raise NotAnImage(
            f"{describe(source)} is a structured report (text); `wardlink view --info` prints it"
        )
    raise NotAnImage(f"{describe(source)} is DICOM but holds no image, waveform or PDF")


def render_to_png(
    source: Path,
    target: Path,
    *,
    frame: int = 0,
    page: int = 0,
    window: Window | None = None,
    layout: Layout = Layout.THREE_BY_FOUR,
    size: QSize = DEFAULT_SIZE,
    worker: DecodeWorker | None = None,
    presentation: Path | None = None,
) -> QImage:
    image = render_file(
        source,
        frame=frame,
        page=page,
        window=window,
        layout=layout,
        size=size,
        worker=worker,
        presentation=presentation,
    )
    # QImageWriter with an explicit format: QImage.save(str, "PNG") works at run time but
    # contradicts the PySide6 stubs, and the file name need not end in .png.
    writer = QImageWriter(str(target), QByteArray(b"png"))
    if not writer.write(image):
        raise OSError(f"cannot write {target}: {writer.errorString()}")
    return image
