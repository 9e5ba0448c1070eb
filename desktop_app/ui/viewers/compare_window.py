"""Two images side by side ("compare with yesterday's film"), optionally in step.

Each pane is a full viewer (open_viewer: images, ECGs and errors alike). With
"Synchronize" on, zoom and pan (relative to each image's fit, so films of different
sizes line up) and the frame/stack position follow the pane the user works in.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QCheckBox, QMainWindow, QSplitter, QVBoxLayout, QWidget

from desktop_app.medical.loading import DicomSource
from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.clipboard_guard import CopyRule
from desktop_app.ui.viewers.ecg_view import EcgViewer
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.view_geometry import geometry_state, set_geometry_state
from desktop_app.ui.viewers.viewer_window import open_viewer

COMPARE_SIZE = QSize(1600, 900)


class CompareWindow(QMainWindow):
    def __init__(
        self,
        left: tuple[DicomSource, str],
        right: tuple[DicomSource, str],
        worker: DecodeWorker | None,
        parent: QWidget | None = None,
        copying: CopyRule | None = None,
    ) -> None:
        """``copying``: the session's clipboard rule, for what each pane lets the person
        copy (an image's tags name the patient), as in a single viewer."""
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("%1 and %2 — WardLink").replace("%1", left[1]).replace("%2", right[1])
        )
        self.panes = [
            open_viewer(src, worker, name=name, copying=copying) for src, name in (left, right)
        ]
        for pane in self.panes:
            if isinstance(pane, EcgViewer):
                pane.findings_below()  # half a screen: the sheet takes the width
        self.sync = QCheckBox(self.tr("Synchronize zoom, pan and image"))
        self.sync.setChecked(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane in self.panes:
            splitter.addWidget(pane)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.sync)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.resize(COMPARE_SIZE)
        self._following = False  # guards the echo from the pane being synchronized
        self._fitted = False
        viewers = self.image_viewers()
        if len(viewers) == 2:
            for this, other in (viewers, viewers[::-1]):
                this.view.view_changed.connect(lambda t=this, o=other: self._follow_view(t, o))
                this.cine.frame_chosen.connect(lambda f, o=other: self._follow_frame(o, f))
        else:
            self.sync.setEnabled(False)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Once laid out, an ECG pane takes the scale that fills it with its whole sheet."""
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self._fit_ecgs)

    def _fit_ecgs(self) -> None:
        for pane in self.panes:
            if isinstance(pane, EcgViewer):
                pane.fit_sheet()

    def image_viewers(self) -> list[ImageViewer]:
        return [p for p in self.panes if isinstance(p, ImageViewer)]

    def _follow_view(self, source: ImageViewer, target: ImageViewer) -> None:
        if self._following or not self.sync.isChecked():
            return
        self._following = True
        try:
            set_geometry_state(target.view, geometry_state(source.view))
        finally:
            self._following = False

    def _follow_frame(self, target: ImageViewer, frame: int) -> None:
        if self._following or not self.sync.isChecked():
            return
        self._following = True
        try:
            target.cine.set_current(min(frame, target.frames - 1))
        finally:
            self._following = False
