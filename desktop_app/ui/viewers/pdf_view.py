"""A PDF (ECG cart export, discharge letter, Encapsulated PDF) shown inside the app.

The pages are rendered by a renderer process of its own (pdf_process.PdfProcess, one
per viewer, killed when the viewer closes) and shown as images (pdf_pages.PageView), so
a PDF made to crash or hang PDFium stops that process, not the app: the viewer then says
so in place of the page. One page at a time, fitted
to the width; a toolbar with fit width, zoom, previous/next page and "page n of N"; a
sidebar of page thumbnails (only those in view, rendered by the same process); the
wheel scrolls, Ctrl+wheel zooms; Ctrl+F opens a find bar (text searched in the renderer
process; Enter or Next / Previous step through the hits, the current one is marked).
Esc closes the find bar, else it reaches the window, which closes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QKeyEvent, QKeySequence, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.viewers.pdf_launch import to_qimage
from desktop_app.ui.viewers.pdf_pages import PageView
from desktop_app.ui.viewers.pdf_process import PdfProcess
from desktop_app.ui.viewers.pdf_protocol import Hit, PdfInfo, hits_from

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
THUMBNAIL = QSize(120, 160)
THUMBNAIL_MARGIN = 3  # pages rendered beyond those visible in the sidebar
SIDEBAR_WIDTH = 170
PAGE_MARGIN = 24  # pixels left free beside a page fitted to the width


def renderer_failed_text() -> str:
    return QCoreApplication.translate(
        "PdfViewer",
        "This PDF could not be displayed: the part of WardLink that draws its pages stopped "
        "or did not answer. The file may be damaged or made to attack PDF readers. The rest "
        "of WardLink is not affected.",
    )


class PdfViewer(QWidget):
    def __init__(
        self, renderer: PdfProcess, info: PdfInfo, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.renderer = renderer
        renderer.setParent(self)
        # Deleted without a close (the chat drops its window): end the renderer while it
        # still exists (`destroyed` comes before the children go), not in ~QProcess.
        self.destroyed.connect(renderer.close)
        self.info = info
        self.page_count = info.pages
        self.title = title
        self.failed = False
        self.failure = ""  # the renderer's reason, in English, for logs and tests
        self._page = 0
        self._asked: tuple[str, int, float] = ("page", -1, 0.0)  # the last page asked for
        self._zoom: float | None = None  # None: fit to the width
        self.hits: list[Hit] = []
        self.current_hit = -1
        self._search_generation = 0
        renderer.answered.connect(self._arrived)
        renderer.failed.connect(self._failed)

        self.view = PageView()
        self.view.setAccessibleName(self.tr("PDF document %1").replace("%1", title))
        self.view.viewport().installEventFilter(self)  # Ctrl+wheel zooms
        self.view.on_resize = self._resized

        self.thumbnails = QListWidget()
        self.thumbnails.setViewMode(QListWidget.ViewMode.ListMode)  # page, then its number
        self.thumbnails.setSpacing(4)
        self.thumbnails.setIconSize(THUMBNAIL)
        self.thumbnails.setUniformItemSizes(True)
        self.thumbnails.setFixedWidth(SIDEBAR_WIDTH)
        self.thumbnails.setAccessibleName(self.tr("Pages"))
        blank = QPixmap(THUMBNAIL)  # one shared placeholder: every row has its final size
        blank.fill(Qt.GlobalColor.white)
        placeholder = QIcon(blank)
        for page in range(self.page_count):
            self.thumbnails.addItem(QListWidgetItem(placeholder, str(page + 1)))
        self.thumbnails.currentRowChanged.connect(self._thumbnail_chosen)
        # Only the pages near the visible part of the sidebar are rendered: a 2,000-page
        # PDF would otherwise hold 2,000 pixmaps.
        self.rendered: set[int] = set()
        self._pending: set[int] = set()
        self._sidebar_asked = False
        self.thumbnails.verticalScrollBar().valueChanged.connect(self._want_visible)
        QTimer.singleShot(0, self._want_visible)

        self.page_label = QLabel()
        self.toolbar = self._toolbar()
        self.find_bar = self._find_bar()

        splitter = QSplitter()
        splitter.addWidget(self.thumbnails)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.find_bar)
        self.setFocusProxy(self.view)  # arrow keys and PageUp/PageDown scroll the page
        self.go_to(0)

    # -- toolbar: zoom and pages
    def _toolbar(self) -> QToolBar:
        bar = QToolBar()
        for text, keys, slot in (
            (self.tr("Fit width"), QKeySequence("F"), self.fit_width),
            (self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(ZOOM_STEP)),
            (
                self.tr("Zoom out"),
                QKeySequence.StandardKey.ZoomOut,
                lambda: self.zoom_by(1 / ZOOM_STEP),
            ),
            (self.tr("Previous page"), QKeySequence("Ctrl+PgUp"), lambda: self.go_to(-1, True)),
            (self.tr("Next page"), QKeySequence("Ctrl+PgDown"), lambda: self.go_to(1, True)),
            (self.tr("Find"), QKeySequence.StandardKey.Find, self.open_find),
        ):
            action = bar.addAction(text)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.page_label)
        return bar

    def fit_width(self) -> None:
        self._zoom = None
        self._request_page()

    def effective_zoom(self) -> float:
        """The zoom now shown (1.0: 72 points per logical inch of the screen)."""
        if self._zoom is not None:
            return self._zoom
        page_points = self.info.page_points[self._page][0] or 1.0
        width = self.view.viewport().width() - PAGE_MARGIN
        return max(width, 1) / (page_points * self._dpi())

    def zoom_by(self, step: float) -> None:
        self._zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.effective_zoom() * step))
        self._request_page()

    def current_page(self) -> int:
        return self._page

    def go_to(self, page: int, relative: bool = False) -> None:
        target = self._page + page if relative else page
        self._page = min(max(target, 0), self.page_count - 1)
        self.page_label.setText(
            self.tr("Page %1 of %2")
            .replace("%1", str(self._page + 1))
            .replace("%2", str(self.page_count))
        )
        if self.thumbnails.currentRow() != self._page:
            self.thumbnails.blockSignals(True)
            self.thumbnails.setCurrentRow(self._page)
            self.thumbnails.blockSignals(False)
        self._request_page()

    def _dpi(self) -> float:
        return self.view.logicalDpiX() / 72.0

    def _request_page(self) -> None:
        zoom = self.effective_zoom()
        width, height = self.info.page_points[self._page]
        box = QSize(
            max(int(width * zoom * self._dpi()), 1), max(int(height * zoom * self._dpi()), 1)
        )
        self._asked = ("page", self._page, zoom)
        self.renderer.request(
            {"op": "render", "page": self._page, "width": box.width(), "height": box.height()},
            self._asked,
        )

    def _resized(self) -> None:
        if self._zoom is None:
            self._request_page()

    def _thumbnail_chosen(self, row: int) -> None:
        if row >= 0:
            self.go_to(row)

    def _want_visible(self, _value: int = 0) -> None:
        """Ask for the pages shown in the sidebar (plus a margin) not yet rendered."""
        self._sidebar_asked = True
        view = self.thumbnails
        last = self.page_count - 1
        top = view.indexAt(QPoint(4, 4)).row()
        bottom = view.indexAt(QPoint(4, max(view.viewport().height() - 4, 4))).row()
        top = 0 if top < 0 else top
        bottom = last if bottom < 0 else bottom
        low, high = max(top - THUMBNAIL_MARGIN, 0), min(bottom + THUMBNAIL_MARGIN, last)
        for page in range(low, high + 1):
            if page not in self.rendered and page not in self._pending:
                self._pending.add(page)
                self.renderer.request(
                    {"op": "render", "page": page, "width": THUMBNAIL.width(),
                     "height": THUMBNAIL.height()},
                    ("thumbnail", page),
                )  # fmt: skip

    def thumbnails_done(self) -> bool:
        """True when every page near the visible part of the sidebar is rendered."""
        return self._sidebar_asked and not self._pending

    def settled(self) -> bool:
        """Nothing asked of the renderer is still unanswered (tests, screenshots)."""
        return self.thumbnails_done() and not self.renderer.busy()

    def _arrived(self, tag: tuple[Any, ...], header: dict[str, Any], body: bytes) -> None:
        if tag[0] == "thumbnail":
            self._pending.discard(tag[1])
        if not header.get("ok"):
            self._failed(str(header.get("error", "")))
            return
        if tag[0] == "thumbnail":
            self.rendered.add(tag[1])
            image = to_qimage(int(header["width"]), int(header["height"]), body)
            self.thumbnails.item(tag[1]).setIcon(QIcon(QPixmap.fromImage(image)))
        elif tag[0] == "page" and tag[1] == self._page:
            # Shown even if the fitted width changed meanwhile (a scroll bar came or went
            # without a resize): better than an old page; then asked again at the new size.
            image = to_qimage(int(header["width"]), int(header["height"]), body)
            self.view.show_page(image, self._page, tag[2], self._highlight(image.width()))
            if self._asked[1:] != (self._page, self.effective_zoom()):
                self._request_page()
        elif tag[0] == "search" and tag[1] == self._search_generation:
            self.hits = hits_from(header)
            self.current_hit = -1
            if self.hits:
                self._show_result(0)
            else:
                self.find_status.setText(self.tr("Not found") if self.find_box.text() else "")

    def _highlight(self, image_width: int) -> QRectF | None:
        if not 0 <= self.current_hit < len(self.hits):
            return None
        hit = self.hits[self.current_hit]
        if hit.page != self._page:
            return None
        scale = image_width / (self.info.page_points[self._page][0] or 1.0)
        x, y, w, h = hit.rect
        return QRectF(x * scale, y * scale, w * scale, h * scale)

    def _failed(self, reason: str = "") -> None:
        """The renderer crashed, hung (and was killed) or refused: say so instead of pages."""
        if self.failed:
            return
        self.failed = True
        self.failure = reason
        self._pending.clear()
        self.view.show_failure(renderer_failed_text())

    # -- find
    def _find_bar(self) -> QWidget:
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText(self.tr("Find in document"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textChanged.connect(self._search_for)
        self.find_box.returnPressed.connect(self.find_next)
        self.find_status = QLabel()
        previous = QPushButton(self.tr("Previous"))
        previous.clicked.connect(self.find_previous)
        following = QPushButton(self.tr("Next"))
        following.clicked.connect(self.find_next)
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 2, 6, 2)
        for widget in (self.find_box, previous, following, self.find_status):
            row.addWidget(widget)
        bar.hide()
        return bar

    def open_find(self) -> None:
        self.find_bar.show()
        self.find_box.setFocus()
        self.find_box.selectAll()

    def _search_for(self, text: str) -> None:
        self._search_generation += 1
        self.hits, self.current_hit = [], -1
        if not text:
            self.find_status.setText("")
            self._request_page()  # without the old highlight
            return
        self.renderer.request({"op": "search", "text": text}, ("search", self._search_generation))

    def search_count(self) -> int:
        return len(self.hits)

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.hits:
            self._show_result((self.current_hit + step) % len(self.hits))

    def _show_result(self, index: int) -> None:
        self.current_hit = index
        self.find_status.setText(
            self.tr("%1 of %2").replace("%1", str(index + 1)).replace("%2", str(len(self.hits)))
        )
        self.go_to(self.hits[index].page)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.angleDelta().y()
        ):
            self.zoom_by(ZOOM_STEP ** (event.angleDelta().y() / 120.0))
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape and self.find_bar.isVisible():
            self.find_bar.hide()
            self.view.setFocus()
            return
        super().keyPressEvent(event)

    def close_renderer(self) -> None:
        """End the renderer process now (the window closes); nothing keeps running."""
        self.renderer.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.close_renderer()
        super().closeEvent(event)
