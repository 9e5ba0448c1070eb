"""Thumbnails for attachment cards: decrypted, decoded and shrunk off the GUI thread.

Two steps: the decrypted bytes are read on the bridge's loop thread (``bridge.call``,
in memory only), then ``decode_preview`` runs on the bridge's offload thread
(``bridge.offload``) and decodes a downscaled picture — QImageReader for PNG/JPEG,
``desktop_app.medical`` for DICOM images, a calibrated lead for ECGs, page 1 of a PDF
(QtPdf in a renderer process of its own: pdf_launch.render_once) — into a small
``Preview``. The bytes are dropped there; only the thumbnail is kept. QImage is
reentrant, so building one on that thread is allowed (QPixmap is not).

Cost: an uncompressed X-ray decodes in tens of milliseconds, a large JPEG 2000 frame in
about a second; on the offload thread neither holds up the network. Thumbnails are
cached, so that happens once per attachment and session.

``ThumbnailCache`` lives in the GUI thread: one request per attachment at a time, a
bounded LRU of results, and ``clear()`` for the lock.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader

from desktop_app.domain.ids import AttachmentId
from desktop_app.domain.model import Attachment
from desktop_app.medical.display import first_display
from desktop_app.medical.documents import PDF_MAGIC, ObjectKind, identify, load_pdf
from desktop_app.medical.ecg import EcgRecording, load_ecg
from desktop_app.medical.errors import MedicalError, TooLarge
from desktop_app.medical.key_image import is_key_image
from desktop_app.medical.loading import ImageHeader, load_image, read_dataset
from desktop_app.medical.presentation_state import is_presentation_state
from desktop_app.services.live_client import LiveClient
from desktop_app.services.video import MAX_VIDEO_BYTES, VideoError, looks_like_video, probe
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.chat.formatting import AttachmentKind, attachment_kind, looks_like_dicom
from desktop_app.ui.chat.voice_card import duration_text
from desktop_app.ui.error_text import user_message
from desktop_app.ui.viewers.medical_text import medical_error_text
from desktop_app.ui.viewers.pdf_launch import OneShotRenderers, render_once
from desktop_app.ui.viewers.qimage import array_to_qimage

MAX_CACHED = 64
# A thumbnail is decoded in the app's own process (the viewer decodes in a worker
# process): a frame beyond this gets a sentence instead. Codecs need several times a
# frame while decoding (a 1.8 KB JPEG 2000 declaring a 256 MiB frame: 1 GB in the
# app); honest frames stay far below (a 4096 x 5625 16-bit mammography is 46 MB).
MAX_PREVIEW_BYTES = 64 << 20
# Samples in all leads an ECG card decodes (a 12-lead 10 s ECG at 1 kHz is 120,000; a
# 24 h Holter, honest too, opens in the viewer): a 196 KB deflated file declaring
# 12 x 8.3 M samples cost the card 1.4 GB and 4 s before.
MAX_PREVIEW_SAMPLES = 2_000_000
ECG_SECONDS = 2.5
ECG_POINTS = 400
PREFERRED_LEADS = ("II", "I", "V2")
ECG_ASPECT = 2.5  # a rhythm strip


@dataclass(frozen=True)
class Preview:
    image: QImage | None = None  # picture, at most the requested size
    ecg: tuple[float, ...] = ()  # one lead, scaled to -1 … 1
    detail: str = ""  # "DX", "ECG · 12 leads" … (no patient data)
    error: str = ""  # why there is no picture
    duration_ms: int | None = None  # a video clip: as measured here from its packets

    @property
    def aspect(self) -> float | None:
        """Width / height of what the card shows, so the card can take its shape."""
        if self.image is not None and not self.image.isNull():
            return self.image.width() / max(self.image.height(), 1)
        return ECG_ASPECT if self.ecg else None


def needs_bytes(attachment: Attachment) -> bool:
    kind = attachment_kind(attachment)
    if kind is AttachmentKind.VIDEO:  # a clip beyond the limit is not even decrypted
        return attachment.size <= MAX_VIDEO_BYTES
    return kind in (AttachmentKind.IMAGE, AttachmentKind.DICOM, AttachmentKind.PDF)


def decode_preview(data: bytes, box: QSize, renderers: OneShotRenderers | None = None) -> Preview:
    """Off every service thread: decode ``data`` into a thumbnail that fits ``box``;
    a PDF's page is drawn by a renderer process registered in ``renderers``."""
    try:
        if looks_like_dicom(data):
            return _dicom_preview(data, box, renderers)
        if data.startswith(PDF_MAGIC):
            return _pdf_preview(data, box, renderers=renderers)
        if looks_like_video(data):
            return video_preview(data, box)
        return _image_preview(data, box)
    except MedicalError as exc:
        return Preview(error=medical_error_text(exc))
    except VideoError as exc:  # a ClientError with a key
        return Preview(error=user_message(exc))


def _image_preview(data: bytes, box: QSize) -> Preview:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    image = _read_within(buffer, box)
    buffer.close()
    if image.isNull():  # Qt's errorString() is English: said in the UI language instead
        return Preview(error=unreadable_picture_text())
    return Preview(image=image)


def _read_within(buffer: QBuffer, box: QSize) -> QImage:
    """The picture in ``buffer`` scaled into ``box``. Its reader lives only here: Qt's
    TIFF handler closes its device when the reader goes, so the reader must go while
    the buffer still exists. Python dropped the buffer first, and any TIFF (sent as
    "befund.png") crashed the app as its card came into view."""
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def unreadable_picture_text() -> str:
    """Why a picture has no preview: damaged, or a format Qt cannot decode here."""
    return QCoreApplication.translate(
        "ChatFormatting",
        "This picture cannot be read: it is damaged or in a format WardLink cannot show.",
    )


def video_preview(data: bytes, box: QSize) -> Preview:
    """A clip's first keyframe at card size and its duration, measured by PyAV here."""
    info = probe(data, (box.width(), box.height()))
    assert info.poster is not None  # probe raises when no picture decodes
    poster = info.poster
    image = QImage(poster.rgb, poster.width, poster.height, poster.width * 3,
                   QImage.Format.Format_RGB888).copy()  # fmt: skip
    return Preview(image=image, detail=duration_text(info.duration_ms),
                   duration_ms=info.duration_ms)  # fmt: skip


def _dicom_preview(data: bytes, box: QSize, renderers: OneShotRenderers | None) -> Preview:
    kind = identify(data)
    if kind is ObjectKind.ECG:
        try:
            recording = load_ecg(data, max_samples=MAX_PREVIEW_SAMPLES)
        except TooLarge:
            return Preview(error=ecg_too_large_for_preview_text())
        leads = len({lead.name for lead in recording.leads if lead.group == 0})
        detail = QCoreApplication.translate("ChatFormatting", "ECG · %1 leads")
        return Preview(ecg=ecg_strip(recording), detail=detail.replace("%1", str(leads)))
    if kind is ObjectKind.IMAGE:
        header = ImageHeader.from_dataset(read_dataset(data, with_pixels=False))
        if header.bytes_to_first_frame > MAX_PREVIEW_BYTES:
            return Preview(error=too_large_for_preview_text())
        loaded = load_image(data)
        _, pixels = first_display(loaded, 0, max(box.width(), box.height()))
        image = array_to_qimage(pixels)
        if image.width() > box.width() or image.height() > box.height():
            image = image.scaled(
                box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        modality = str(loaded.dataset.get("Modality", "")).strip()
        return Preview(image=image, detail=modality)
    if kind is ObjectKind.PDF:
        return _pdf_preview(load_pdf(data).data, box, "PDF", renderers)
    return Preview()


def too_large_for_preview_text() -> str:
    """Why a DICOM image has no thumbnail: its frame is beyond what the card decodes."""
    return QCoreApplication.translate(
        "ChatFormatting", "This image is too large for a preview; open it to see it."
    )


def ecg_too_large_for_preview_text() -> str:
    """Why an ECG has no strip on its card: more samples than the card decodes."""
    return QCoreApplication.translate(
        "ChatFormatting", "This ECG is too large for a preview; open it to see it."
    )


def _pdf_preview(
    data: bytes, box: QSize, kind: str = "", renderers: OneShotRenderers | None = None
) -> Preview:
    """Page 1 at card size, drawn by a renderer process (a PDF made to crash or hang
    PDFium must not take the chat down; ~0.2 s for its start), waited for on the offload
    thread like every other thumbnail. A crash or hang is this card's error line."""
    info, image = render_once(data, "attachment", box.width(), box.height(), running=renderers)
    pages = info.pages
    count = (
        QCoreApplication.translate("ChatFormatting", "1 page")
        if pages == 1
        else QCoreApplication.translate("ChatFormatting", "%1 pages").replace("%1", str(pages))
    )
    return Preview(image=image, detail=" · ".join(x for x in (kind, count) if x))


def ecg_strip(recording: EcgRecording) -> tuple[float, ...]:
    """The first seconds of lead II (or the first lead), reduced and scaled to -1 … 1."""
    group = recording.group(0) or recording.leads
    lead = next((x for n in PREFERRED_LEADS for x in group if x.name == n), None) or group[0]
    count = int(lead.sample_rate_hz * ECG_SECONDS)
    samples = np.asarray(lead.samples_mv[:count], dtype=np.float64)
    if samples.size == 0:
        return ()
    picks = np.linspace(0, samples.size - 1, min(ECG_POINTS, samples.size)).astype(int)
    reduced = samples[picks] - float(np.median(samples))
    peak = float(np.max(np.abs(reduced))) or 1.0
    return tuple(float(v) for v in reduced / peak)


class ThumbnailCache(QObject):
    """Previews per attachment id for the open session; ``ready(id)`` when one arrives."""

    ready = Signal(str)

    def __init__(
        self, bridge: AsyncBridge, client: LiveClient, box: QSize, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._client = client
        self._box = box
        self._done: OrderedDict[AttachmentId, Preview] = OrderedDict()
        self._pending: dict[AttachmentId, int] = {}
        self._generation = 0
        self.renderers = OneShotRenderers()  # PDF pages being drawn for cards
        app = QCoreApplication.instance()
        if app is not None:  # a hanging preview must not hold up quitting
            app.aboutToQuit.connect(self._quitting)

    def _quitting(self) -> None:
        self.renderers.kill_all()

    def get(self, attachment: Attachment) -> Preview | None:
        """The preview if made; otherwise start making it and return None."""
        preview = self._done.get(attachment.attachment_id)
        if preview is not None:
            self._done.move_to_end(attachment.attachment_id)
            return preview
        self._request(attachment)
        return None

    def forget(self, attachment_ids: Iterable[AttachmentId]) -> None:
        """Drop the decoded previews of purged attachments (nothing of them stays)."""
        for aid in attachment_ids:
            self._done.pop(aid, None)
            self._pending.pop(aid, None)

    def peek(self, attachment_id: AttachmentId) -> Preview | None:
        return self._done.get(attachment_id)

    def pending(self) -> int:
        return len(self._pending)

    def __len__(self) -> int:
        return len(self._done)

    def _request(self, attachment: Attachment) -> None:
        aid = attachment.attachment_id
        if aid in self._pending:
            return
        generation = self._generation

        def done(result: object) -> None:
            if generation != self._generation or self._pending.pop(aid, None) is None:
                return
            assert isinstance(result, Preview)
            self._store(aid, result)

        def error(message: str) -> None:
            if generation == self._generation and self._pending.pop(aid, None) is not None:
                self._store(aid, Preview(error=message))

        if not needs_bytes(attachment):
            self._store(aid, Preview())
            return
        box = QSize(self._box)

        def decode(data: object) -> None:
            if generation != self._generation or aid not in self._pending:
                return
            assert isinstance(data, bytes)
            if looks_like_dicom(data) and is_key_image(data):  # a slice of a study flagged
                self._pending.pop(aid, None)
                detail = QCoreApplication.translate("ChatFormatting", "Key image")
                self._store(aid, Preview(detail=detail))
                return
            if looks_like_dicom(data) and is_presentation_state(data):
                # An annotation reply: the original with the marks, found in the container.
                self._pending[aid] = self._bridge.call(
                    self._client.annotated_image,
                    aid,
                    attachment.message_id,
                    done=annotated,
                    error=error,
                )
                return
            self._pending[aid] = self._bridge.offload(
                decode_preview, data, box, self.renderers, done=done, error=error
            )

        def annotated(found: object) -> None:
            if generation != self._generation or aid not in self._pending:
                return
            # Imported here: annotated_preview builds on this module's Preview.
            from desktop_app.ui.chat.annotated_preview import annotated_preview

            self._pending[aid] = self._bridge.offload(
                annotated_preview, found, box, done=done, error=error
            )

        self._pending[aid] = self._bridge.call(
            self._client.attachment_bytes, aid, done=decode, error=error
        )

    def _store(self, aid: AttachmentId, preview: Preview) -> None:
        self._done[aid] = preview
        while len(self._done) > MAX_CACHED:
            self._done.popitem(last=False)
        self.ready.emit(aid)

    def clear(self) -> None:
        """Forget every thumbnail and cancel the ones being made (the lock calls this)."""
        self._generation += 1
        for request in self._pending.values():
            self._bridge.cancel(request)
        self._pending.clear()
        self._done.clear()
