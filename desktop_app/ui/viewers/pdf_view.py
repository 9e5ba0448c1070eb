"""A PDF (ECG cart export, discharge letter, Encapsulated PDF) shown inside the app.

QPdfView in multi-page mode, fitted to the width; a toolbar with fit width, zoom,
previous/next page and "page n of N"; a sidebar of page thumbnails (only those in
view, a few per event-loop tick, so a long document opens at once); the wheel scrolls,
Ctrl+wheel zooms; Ctrl+F opens a find bar (QPdfSearchModel: the first hit is shown as
soon as it is found, Enter or Next / Previous step through the hits). Esc closes the
find bar, else it reaches the window, which closes. The document comes from memory
(pdf_document.open_pdf).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QPixmap, QWheelEvent
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
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

from desktop_app.ui.viewers.pdf_document import render_page

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
THUMBNAIL = QSize(120, 160)
THUMBNAILS_PER_TICK = 4  # each is a few ms: the GUI stays responsive while they appear
THUMBNAIL_MARGIN = 3  # pages rendered beyond those visible in the sidebar
SIDEBAR_WIDTH = 170


class PdfViewer(QWidget):
    def __init__(self, document: QPdfDocument, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        document.setParent(self)
        self.title = title
        self.view = QPdfView()
        self.view.setDocument(document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("PDF document %1").replace("%1", title))
        self.view.viewport().installEventFilter(self)  # Ctrl+wheel zooms
        self.navigator = self.view.pageNavigator()
        self.navigator.currentPageChanged.connect(self._page_changed)

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
        for page in range(document.pageCount()):
            self.thumbnails.addItem(QListWidgetItem(placeholder, str(page + 1)))
        self.thumbnails.currentRowChanged.connect(self._thumbnail_chosen)
        # Only the pages near the visible part of the sidebar are rendered: a 2,000-page
        # PDF would otherwise hold 2,000 pixmaps.
        self.rendered: set[int] = set()
        self._wanted: list[int] = []
        self._thumbnail_timer = QTimer(self)
        self._thumbnail_timer.setInterval(0)
        self._thumbnail_timer.timeout.connect(self._render_thumbnails)
        self.thumbnails.verticalScrollBar().valueChanged.connect(self._want_visible)
        QTimer.singleShot(0, self._want_visible)

        self.page_label = QLabel()
        self.toolbar = self._toolbar()
        self.search = QPdfSearchModel(self)
        self.search.setDocument(document)
        self.search.countChanged.connect(self._results_changed)
        self.view.setSearchModel(self.search)
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
        self.setFocusProxy(self.view)  # arrow keys and PageUp/PageDown scroll the pages
        self._page_changed(0)

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
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def effective_zoom(self) -> float:
        """The zoom now shown: in fit-width mode QPdfView keeps zoomFactor at 1."""
        if self.view.zoomMode() is QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        page_points = self.document.pagePointSize(self.current_page()).width() or 1.0
        dpi = self.view.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        return max(width, 1) / (page_points * dpi)

    def zoom_by(self, step: float) -> None:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.effective_zoom() * step))
        page = self.current_page()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(zoom)
        self.navigator.jump(page, QPointF(), zoom)

    def current_page(self) -> int:
        return self.navigator.currentPage()

    def go_to(self, page: int, relative: bool = False) -> None:
        target = self.current_page() + page if relative else page
        target = min(max(target, 0), self.document.pageCount() - 1)
        self.navigator.jump(target, QPointF(), self.navigator.currentZoom())

    def _page_changed(self, page: int) -> None:
        self.page_label.setText(
            self.tr("Page %1 of %2")
            .replace("%1", str(page + 1))
            .replace("%2", str(self.document.pageCount()))
        )
        if self.thumbnails.currentRow() != page:
            self.thumbnails.blockSignals(True)
            self.thumbnails.setCurrentRow(page)
            self.thumbnails.blockSignals(False)

    def _thumbnail_chosen(self, row: int) -> None:
        if row >= 0:
            self.go_to(row)

    def _want_visible(self, _value: int = 0) -> None:
        """Queue the pages shown in the sidebar (plus a margin) that are not rendered."""
        view = self.thumbnails
        last = self.document.pageCount() - 1
        top = view.indexAt(QPoint(4, 4)).row()
        bottom = view.indexAt(QPoint(4, max(view.viewport().height() - 4, 4))).row()
        top = 0 if top < 0 else top
        bottom = last if bottom < 0 else bottom
        low, high = max(top - THUMBNAIL_MARGIN, 0), min(bottom + THUMBNAIL_MARGIN, last)
        self._wanted = [p for p in range(low, high + 1) if p not in self.rendered]
        if self._wanted:
            self._thumbnail_timer.start()

    def _render_thumbnails(self) -> None:
        batch, self._wanted = (
            self._wanted[:THUMBNAILS_PER_TICK],
            self._wanted[THUMBNAILS_PER_TICK:],
        )
        for page in batch:
            image = render_page(self.document, page, THUMBNAIL)
            self.thumbnails.item(page).setIcon(QIcon(QPixmap.fromImage(image)))
            self.rendered.add(page)
        if not self._wanted:
            self._thumbnail_timer.stop()

    def thumbnails_done(self) -> bool:
        """True when every page near the visible part of the sidebar is rendered."""
        return not self._wanted and not self._thumbnail_timer.isActive()

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
        self.view.setCurrentSearchResultIndex(-1)
        self.search.setSearchString(text)
        self._results_changed()

    def _results_changed(self) -> None:
        """Hits arrive page by page in the background: show the first one at once."""
        count = self.search.count()
        if count and self.view.currentSearchResultIndex() < 0:
            self._show_result(0)
        elif not count:
            self.find_status.setText(self.tr("Not found") if self.find_box.text() else "")
        else:
            self._update_status()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        count = self.search.count()
        if count:
            self._show_result((self.view.currentSearchResultIndex() + step) % count)

    def _show_result(self, index: int) -> None:
        self.view.setCurrentSearchResultIndex(index)
        link = self.search.resultAtIndex(index)
        self.navigator.jump(link.page(), link.location(), self.navigator.currentZoom())
        self._update_status()

    def _update_status(self) -> None:
        self.find_status.setText(
            self.tr("%1 of %2")
            .replace("%1", str(self.view.currentSearchResultIndex() + 1))
            .replace("%2", str(self.search.count()))
        )

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
