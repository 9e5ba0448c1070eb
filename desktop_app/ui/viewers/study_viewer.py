"""The study viewer: a series browser beside a stack of slices scrolled with wheel and keys.

Slices are single DICOM files held as bytes (one series at a time, from the study
package); each is decoded by the DecodeWorker process like any image, and the next
DECODE_AHEAD slices in the scrolling direction are queued as soon as one is shown, so
scrolling finds them ready. A W/L the user dragged stays for the whole stack (ImageView
keeps a user VOI across frames); the overlay shows the slice position along the normal
and the slice thickness. The wheel scrolls slices; Ctrl+wheel zooms as elsewhere.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop_app.medical.display import prepare, render
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.geometry import pixel_spacing
from desktop_app.medical.loading import load_image, read_dataset
from desktop_app.medical.pixels import decode_frame
from desktop_app.medical.study_package import Manifest, PackedSeries
from desktop_app.medical.worker import DecodedFrame, DecodeWorker
from desktop_app.ui.plural import counted
from desktop_app.ui.viewers.annotate_controls import SendAnnotated
from desktop_app.ui.viewers.image_view import ImageView
from desktop_app.ui.viewers.key_image_action import KeyImageAction
from desktop_app.ui.viewers.medical_text import medical_error_text
from desktop_app.ui.viewers.overlays import OverlayInfo
from desktop_app.ui.viewers.qimage import array_to_qimage

DECODE_AHEAD = 6  # slices queued beyond the one shown, in the scrolling direction
THUMBNAIL = QSize(96, 96)

# (series index, deliver) -> None: the owner reads the series (on the services' thread
# in the app) and calls deliver(files) with them in slice order, possibly later.
SeriesLoader = Callable[[int, Callable[[list[bytes]], None]], None]


class SliceFeed(QObject):
    """Decodes single-frame files by key; emits `ready(key, DecodedFrame)` on the GUI thread."""

    ready = Signal(int, object)
    failed = Signal(int, str)
    _delivered = Signal(object, int)

    def __init__(self, worker: DecodeWorker | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self._delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)

    def request(self, key: int, data: bytes) -> None:
        if self.worker is None:
            try:
                img = load_image(data)
                decoded = DecodedFrame(
                    prepare(img, decode_frame(img)), 0, 1, pixel_spacing(img.dataset)
                )
            except MedicalError as exc:
                self.failed.emit(key, medical_error_text(exc))
                return
            self.ready.emit(key, decoded)
            return

        def delivered(done: Future[DecodedFrame]) -> None:
            with contextlib.suppress(RuntimeError):  # the viewer closed meanwhile
                self._delivered.emit(done, key)

        self.worker.decode(data, 0).add_done_callback(delivered)

    def prefetch(self, data: bytes) -> None:
        if self.worker is not None:
            self.worker.decode(data, 0)

    def _on_delivered(self, future: Future[DecodedFrame], key: int) -> None:
        exc = future.exception()
        if exc is None:
            self.ready.emit(key, future.result())
        else:
            self.failed.emit(key, medical_error_text(exc))


def position_line(series: PackedSeries, index: int) -> str:
    """ "Pos -97.5 mm  Thk 2.5 mm" for the overlay; empty parts left out."""
    instance = series.instances[index]
    parts = []
    if instance.position is not None:
        parts.append(
            QCoreApplication.translate("StudyViewer", "Pos %1 mm").replace(
                "%1", f"{instance.position:.1f}"
            )
        )
    if instance.thickness is not None:
        parts.append(
            QCoreApplication.translate("StudyViewer", "Thk %1 mm").replace(
                "%1", f"{instance.thickness:g}"
            )
        )
    return "  ".join(parts)


class StudyViewer(QWidget):
    """Series browser + stack; `load_series(i, deliver)` fetches series i's files."""

    slice_shown = Signal(int)

    def __init__(
        self,
        manifest: Manifest,
        thumbnails: dict[int, bytes],
        load_series: SeriesLoader,
        worker: DecodeWorker | None,
        parent: QWidget | None = None,
        arrived: int | None = None,
    ) -> None:
        """`thumbnails`: a source file per series index (its picture goes under that
        series' row, never by position). `arrived`: how many series (from the first) are
        here while the study still downloads (None: all); the others are greyed out
        until `set_arrived`."""
        super().__init__(parent)
        self.manifest = manifest
        self.arrived = len(manifest.series) if arrived is None else arrived
        self.download_failed = False  # the rest will not come unless downloaded again
        self._load_series = load_series
        self.series_index = -1
        self.files: list[bytes] = []
        self.current = 0
        self.shown = -1
        self._direction = 1
        self._info = OverlayInfo((), (), (), lossy=False)
        self._wanted: tuple[int, int] | None = None  # (series, slice) to open at

        self.browser = QListWidget()
        self.browser.setViewMode(QListWidget.ViewMode.IconMode)
        self.browser.setFlow(QListWidget.Flow.TopToBottom)
        self.browser.setWrapping(False)
        self.browser.setIconSize(THUMBNAIL)
        self.browser.setFixedWidth(THUMBNAIL.width() + 48)
        self.browser.setAccessibleName(self.tr("Series"))
        for series in manifest.series:
            item = QListWidgetItem(self._series_label(series))
            item.setSizeHint(QSize(THUMBNAIL.width() + 24, THUMBNAIL.height() + 44))
            self.browser.addItem(item)
        self.view = ImageView()
        self.view.show_message(self.tr("Decoding …"))
        self.view.installEventFilter(self)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(self.tr("Slice"))
        self.position = QLabel()

        right = QVBoxLayout()
        right.addWidget(self.view, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.slider, 1)
        bar.addWidget(self.position)
        right.addLayout(bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        layout.addLayout(right, 1)

        self.feed = SliceFeed(worker, self)
        self.feed.ready.connect(self._slice_ready)
        self.feed.failed.connect(lambda _key, text: self.view.show_error(text))
        self.thumbs = SliceFeed(worker, self)
        self.thumbs.ready.connect(self._thumbnail_ready)
        self.view.frame_step_requested.connect(self.step)
        self.slider.valueChanged.connect(self.show_slice)
        self.browser.currentRowChanged.connect(self.open_series)
        self._request_thumbnails(thumbnails, range(self.arrived))
        self._mark_arrival()
        if self.arrived > 0:
            self.browser.setCurrentRow(0)  # opens the first series
        else:
            self.view.show_message(self.tr("Waiting for the first series …"))

    def set_arrived(self, count: int, thumbnails: dict[int, bytes]) -> None:
        """More series have arrived (`thumbnails`: by series index, for the arrived ones):
        they become selectable and get their thumbnails, without re-opening."""
        if count <= self.arrived:
            return
        before, self.arrived = self.arrived, min(count, len(self.manifest.series))
        self.download_failed = False
        self._request_thumbnails(thumbnails, range(before, self.arrived))
        self._mark_arrival()
        if self.series_index < 0:
            self.browser.setCurrentRow(0)

    def _request_thumbnails(self, thumbnails: dict[int, bytes], series: range) -> None:
        """Decode the pictures of ``series`` that came; each is keyed by its series."""
        for index in series:
            if index in thumbnails:
                self.thumbs.request(index, thumbnails[index])

    def set_download_failed(self) -> None:
        """The study's download broke: the missing series say so (a retry from the
        card brings them, and set_arrived enables them again)."""
        self.download_failed = True
        self._mark_arrival()

    def _mark_arrival(self) -> None:
        later = self.tr("download failed") if self.download_failed else self.tr("not yet arrived")
        for index, series in enumerate(self.manifest.series):
            item = self.browser.item(index)
            here = index < self.arrived
            flags = item.flags()
            wanted = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags | wanted if here else flags & ~wanted)
            label = self._series_label(series)
            item.setText(label if here else f"{label}\n{later}")

    def _series_label(self, series: PackedSeries) -> str:
        head = " ".join(
            v for v in (series.modality, str(series.number or ""), series.description) if v
        )
        count = counted(len(series.instances), self.tr("1 image"), self.tr("%n images"))
        return f"{head}\n{count}"

    # ------------------------------------------------------------------ navigation
    def open_series(self, index: int) -> None:
        if index < 0 or index == self.series_index or index >= self.arrived:
            return
        self.series_index, self.shown, self.files = index, -1, []
        self.view.show_message(self.tr("Loading series …"))
        self._load_series(index, functools.partial(self._series_loaded, index))

    def go_to(self, series: int, index: int) -> None:
        """Open series `series` at slice `index` (a key image note); later if loading."""
        self._wanted = (series, index)
        if series == self.series_index and self.files:
            self.slider.setValue(max(0, min(index, len(self.files) - 1)))
        else:
            self.browser.setCurrentRow(series)

    def _series_loaded(self, index: int, files: list[bytes]) -> None:
        if index != self.series_index:
            return  # another series was chosen meanwhile
        self.files = files
        first = read_dataset(self.files[0], with_pixels=False) if self.files else None
        self._info = OverlayInfo.from_dataset(first) if first is not None else self._info
        self.view.reset()  # a W/L chosen for another series does not carry over
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(len(self.files) - 1, 0))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        wanted = self._wanted
        if wanted is not None and wanted[0] == index and 0 <= wanted[1] < len(self.files):
            self._wanted = None
            self.slider.setValue(wanted[1])  # shows that slice
            if wanted[1] != 0:
                return
        self.show_slice(0)

    def step(self, delta: int) -> None:
        self._direction = 1 if delta > 0 else -1
        self.slider.setValue(max(0, min(len(self.files) - 1, self.current + delta)))

    def show_slice(self, index: int) -> None:
        if not self.files:
            return
        self.current = index
        self.feed.request(self.series_index * 1_000_000 + index, self.files[index])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Wheel on the image scrolls the stack; with Ctrl it zooms as in ImageView."""
        if watched is self.view and event.type() == QEvent.Type.Wheel:
            assert isinstance(event, QWheelEvent)
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                notches = round(event.angleDelta().y() / 120)
                if notches:
                    self.step(-notches)  # wheel away from you: towards the head/next slice
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ results
    def _slice_ready(self, key: int, decoded: DecodedFrame) -> None:
        series, index = divmod(key, 1_000_000)
        if series != self.series_index or index != self.current:
            return  # the user has scrolled on; this one came too late
        packed = self.manifest.series[series]
        line = position_line(packed, index) if index < len(packed.instances) else ""
        info = replace(self._info, series=(*self._info.series, line) if line else self._info.series)
        self.view.set_header(info, decoded.spacing, len(self.files))
        self.view.show_message("")
        self.view.set_frame(decoded.display, index, decoded.pixels)
        self.position.setText(f"{index + 1}/{len(self.files)}")
        self.shown = index
        for k in range(1, DECODE_AHEAD + 1):
            ahead = index + k * self._direction
            if 0 <= ahead < len(self.files):
                self.feed.prefetch(self.files[ahead])
        self.slice_shown.emit(index)

    def _thumbnail_ready(self, key: int, decoded: DecodedFrame) -> None:
        pixels = np.ascontiguousarray(render(decoded.display))
        pixmap = QPixmap.fromImage(array_to_qimage(pixels)).scaled(
            THUMBNAIL,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        item = self.browser.item(key)
        if item is not None:
            item.setIcon(QIcon(pixmap))


class StudyWindow(QMainWindow):
    """A top-level window around StudyViewer; Ctrl+W and Escape close it."""

    def __init__(
        self,
        manifest: Manifest,
        thumbnails: dict[int, bytes],
        load_series: SeriesLoader,
        worker: DecodeWorker | None,
        title: str,
        send_key_image: SendAnnotated | None = None,
        arrived: int | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(f"{title} — WardLink")
        self.viewer = StudyViewer(manifest, thumbnails, load_series, worker, arrived=arrived)
        self.setCentralWidget(self.viewer)
        self.key_image: KeyImageAction | None = None
        if send_key_image is not None:  # opened from a chat card: can reply there
            bar = self.addToolBar(self.tr("Study"))
            bar.setMovable(False)
            self.key_image = KeyImageAction(self.viewer, send_key_image, bar)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
