"""A plain picture (PNG/JPEG from a chat) in its own window: fit, zoom, 1:1, pan.

A QGraphicsView rather than a painted widget: zooming, scroll bars and dragging the
picture around come with it. Fit never blows a small picture up (a 64 px icon stays
sharp). The picture comes decoded from memory; nothing is written to disk.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QMainWindow,
    QToolBar,
    QWidget,
)

PICTURE_WINDOW = QSize(1000, 800)  # wanted client size; clamped to the screen on opening
MIN_SIZE = QSize(320, 240)
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 32.0


class PictureView(QGraphicsView):
    """The picture; ``zoom`` None means fitted to the view."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem(QPixmap.fromImage(image))
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setBackgroundBrush(QColor("#15181c"))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.zoom: float | None = None

    def scale_factor(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        self.zoom = None
        self._apply_fit()

    def _apply_fit(self) -> None:
        rect = self.item.boundingRect()
        if rect.isEmpty():
            return
        view = self.viewport().size()
        factor = min(view.width() / rect.width(), view.height() / rect.height(), 1.0)
        self.resetTransform()
        self.scale(factor, factor)
        self.centerOn(self.item)

    def set_zoom(self, factor: float) -> None:
        self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        self.resetTransform()
        self.scale(self.zoom, self.zoom)

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.scale_factor() * step)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        notches = event.angleDelta().y() / 120.0
        if notches:
            self.zoom_by(ZOOM_STEP**notches)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.zoom is None:
            self._apply_fit()


class ImageWindow(QMainWindow):
    """A PNG/JPEG with Fit, 1:1 and zoom; Esc or Ctrl+W closes it."""

    def __init__(self, image: QImage, title: str) -> None:
        super().__init__()
        self.image = image
        self.setWindowTitle(f"{title} — WardLink")
        self.setAccessibleName(title)
        self.view = PictureView(image)
        self.setCentralWidget(self.view)
        self.toolbar = QToolBar()
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        for text, keys, slot in (
            (self.tr("Fit"), "F", self.view.fit),
            ("1:1", "1", lambda: self.view.set_zoom(1.0)),
            (
                self.tr("Zoom in"),
                QKeySequence.StandardKey.ZoomIn,
                lambda: self.view.zoom_by(ZOOM_STEP),
            ),
            (
                self.tr("Zoom out"),
                QKeySequence.StandardKey.ZoomOut,
                lambda: self.view.zoom_by(1 / ZOOM_STEP),
            ),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.toolbar.addAction(action)
        close = QAction(self.tr("Close"), self)
        close.setShortcut(QKeySequence("Ctrl+W"))
        close.triggered.connect(self.close)
        self.addAction(close)
        self.setMinimumSize(MIN_SIZE)

    def wanted_size(self) -> QSize:
        """The picture at 1:1 plus the toolbar, within PICTURE_WINDOW (placement clamps it
        further to the screen)."""
        extra = QSize(4, self.toolbar.sizeHint().height() + 4)
        if self.image.isNull():
            return PICTURE_WINDOW
        return (self.image.size() + extra).boundedTo(PICTURE_WINDOW).expandedTo(MIN_SIZE)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
