"""Search-as-you-type over the staff directory, shared by the panel and the dialogs.

Each keystroke restarts a short timer; when it fires the query runs on the services'
thread (``bridge.call``) and the answer fills a list model. Every query carries a
sequence number, and an answer that is not for the newest query is dropped, so a slow
answer never overwrites a newer one. Keyboard: Enter in the field activates the first
result (after the pending query, if any), Down moves into the list, Up from the first
row goes back to the field, Enter in the list activates that row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import directory_view
from desktop_app.services.directory_view import DirectoryHit
from desktop_app.ui.context import UiContext
from desktop_app.ui.guarded_label import guard_item_copies
from desktop_app.ui.literal_text import literal

DEBOUNCE_MS = 100
UID_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
FUNCTION_ROLE = Qt.ItemDataRole.UserRole + 3
NO_DEVICE_ROLE = Qt.ItemDataRole.UserRole + 4  # "no device yet" mark, or None
Index = QModelIndex | QPersistentModelIndex
MARK_MIN_CHARS = 4  # a shorter rest of the mark ("no…") says nothing: left out


def subtitle(hit: DirectoryHit, function_label: str) -> str:
    """Second line of a row: ward and department first (what tells two people of one
    name apart, so it is never the part cut off), then title or "Functional account"."""
    place = ", ".join(p for p in (hit.ward, hit.department) if p)
    title = function_label if hit.is_function else hit.title
    return " · ".join(p for p in (place, title) if p)


class SearchResultsModel(QAbstractListModel):
    """Rows of ``DirectoryHit``; display = name, plus uid/subtitle/function roles."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[DirectoryHit, ...] = ()
        self._no_device: frozenset[str] = frozenset()

    def set_hits(self, hits: tuple[DirectoryHit, ...]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def mark_without_device(self, uids: frozenset[str], *, add: bool = False) -> None:
        """Mark these people as "no device yet" (``add``: in addition to the marked)."""
        self._no_device = (self._no_device | uids) if add else uids
        if self._hits:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._hits) - 1, 0))

    def unmark(self, uid: str) -> None:
        if uid in self._no_device:
            self.mark_without_device(self._no_device - {uid})

    def without_device(self) -> frozenset[str]:
        return self._no_device

    def hit(self, row: int) -> DirectoryHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def hit_for(self, uid: str) -> DirectoryHit | None:
        return next((h for h in self._hits if h.uid == uid), None)

    def uids(self) -> list[str]:
        return [h.uid for h in self._hits]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.name
        if role == UID_ROLE:
            return hit.uid
        if role == FUNCTION_ROLE:
            return hit.is_function
        mark = self.tr("no device yet") if hit.uid in self._no_device else None
        if role == NO_DEVICE_ROLE:
            return mark
        if role == SUBTITLE_ROLE:
            return subtitle(hit, self.tr("Functional account"))
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [hit.name, subtitle(hit, self.tr("Functional account"))]
            line = ", ".join(p for p in (*parts, mark) if p)
            return literal(line) if role == Qt.ItemDataRole.ToolTipRole else line
        return None


class TwoLineDelegate(QStyledItemDelegate):
    """Name on the first line, the subtitle role smaller and muted below it."""

    PADDING = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        base = QFontMetrics(option.font)
        small = QFontMetrics(_small(option.font))
        height = base.height() + small.height() + 2 * self.PADDING + 2
        return QSize(base.averageCharWidth() * 24, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the name is drawn below, bold, beside the mark
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(self.PADDING * 2, self.PADDING, -self.PADDING, -self.PADDING)
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.save()
        small = _small(opt.font)
        top = QRect(rect.left(), rect.top(), rect.width(), QFontMetrics(bold).height())
        shown_name, mark = self.name_line(opt, index)
        if mark:  # right-aligned on the name line, muted
            painter.setFont(small)
            if not selected:
                painter.setPen(opt.palette.color(group, QPalette.ColorRole.PlaceholderText))
            else:
                painter.setPen(opt.palette.color(group, text_role))
            painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, mark)
        painter.setFont(bold)
        painter.setPen(opt.palette.color(group, text_role))
        painter.drawText(
            top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown_name
        )
        painter.setFont(small)
        if not selected:
            painter.setPen(opt.palette.color(group, QPalette.ColorRole.PlaceholderText))
        line = str(index.data(SUBTITLE_ROLE) or "")
        bottom = QRect(rect.left(), top.bottom() + 2, rect.width(), QFontMetrics(small).height())
        elided = QFontMetrics(small).elidedText(line, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.restore()

    def name_line(self, option: QStyleOptionViewItem, index: Index) -> tuple[str, str]:
        """The name and the "no device yet" mark as a row of ``option.rect`` shows them.
        The name comes first: in a narrow column the mark used to take its room, and
        "Emma Mü…" could be either of two Emmas; now the mark is shortened or left out
        (the card and the tooltip still say it)."""
        bold = QFont(option.font)
        bold.setBold(True)
        room = option.rect.width() - 3 * self.PADDING
        name_metrics = QFontMetrics(bold)
        name = name_metrics.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""), Qt.TextElideMode.ElideRight, room
        )
        mark = index.data(NO_DEVICE_ROLE)
        if not isinstance(mark, str) or not mark:
            return name, ""
        left = room - name_metrics.horizontalAdvance(name) - self.PADDING * 2
        small = QFontMetrics(_small(option.font))
        shortened = small.elidedText(mark, Qt.TextElideMode.ElideRight, max(left, 0))
        return name, shortened if len(shortened) > MARK_MIN_CHARS else ""


def _small(font: QFont) -> QFont:
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(small.pointSizeF() * 0.9)
    return small


class PersonSearch(QWidget):
    """A search field above a result list; ``idle`` (e.g. the tree) shows while empty."""

    highlighted = Signal(str)  # uid of the current row
    activated = Signal(str)  # uid chosen with Enter, double click or Enter in the field
    searched = Signal(str, int)  # query, number of results (after each answer)
    failed = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        idle: QWidget | None = None,
        limit: int = directory_view.SEARCH_LIMIT,
        exclude: frozenset[str] = frozenset(),
        enter_picks: bool = False,
    ) -> None:
        """``enter_picks``: Enter in the field chooses a result (the dialogs), so the
        first result shows as selected after each search: what Enter takes is visible."""
        super().__init__(parent)
        self._ctx = ctx
        self._limit = limit
        self._enter_picks = enter_picks
        self.exclude = exclude  # uids never offered (e.g. the person at the PC)
        self._seq = 0
        self._answered = 0
        self._activate_when_answered = False
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Name, ward, role, phone"))
        self.field.setAccessibleName(self.tr("Search the staff directory"))
        self.field.setClearButtonEnabled(True)
        self.model = SearchResultsModel(self)
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(TwoLineDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        guard_item_copies(self.results, ctx.copy_rule)
        self.empty = QLabel(self.tr("Nobody in the directory matches."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.empty.setMargin(12)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget(self)
        self._idle = idle if idle is not None else QWidget(self)
        for page in (self._idle, self.results, self.empty):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.field)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.field)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self._enter)
        self.results.activated.connect(self._row_activated)
        self.results.doubleClicked.connect(self._row_activated)
        selection = self.results.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        self.field.installEventFilter(self)
        self.results.installEventFilter(self)

    # ---- querying --------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A query is waiting for its timer or its answer."""
        return self._timer.isActive() or self._answered != self._seq

    def _typed(self, text: str) -> None:
        self._seq += 1  # whatever is on its way answers an older text now
        if not text.strip():
            self._timer.stop()
            self._answered = self._seq
            self.model.set_hits(())
            self.stack.setCurrentWidget(self._idle)
            return
        self._timer.start()

    def _run(self) -> None:
        self._seq += 1
        seq, text = self._seq, self.field.text()
        self._ctx.bridge.call(
            directory_view.search,
            self._ctx.client,
            text,
            self._limit,
            done=lambda hits: self._answer(seq, text, hits),
            error=lambda message: self._failed(seq, message),
        )

    def _answer(self, seq: int, text: str, hits: object) -> None:
        if seq != self._seq:
            return  # a newer query is on its way: this answer is stale
        self._answered = seq
        assert isinstance(hits, tuple)
        hits = tuple(h for h in hits if h.uid not in self.exclude)
        self.model.set_hits(hits)
        self.stack.setCurrentWidget(self.results if hits else self.empty)
        if hits and self._enter_picks:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self.searched.emit(text, len(hits))
        if self._activate_when_answered:
            self._activate_when_answered = False
            self._activate_row(0)

    def _failed(self, seq: int, message: str) -> None:
        if seq != self._seq:
            return
        self._answered = seq
        self._activate_when_answered = False
        self.model.set_hits(())
        self.empty.setText(self.tr("The directory cannot be searched: %1").replace("%1", message))
        self.stack.setCurrentWidget(self.empty)
        self.failed.emit(message)

    def clear(self) -> None:
        self.field.clear()

    # ---- choosing --------------------------------------------------------------------

    def _enter(self) -> None:
        if not self.field.text().strip():
            return
        if self.busy:
            self._activate_when_answered = True
            if self._timer.isActive():
                self._timer.stop()
                self._run()
            return
        current = self.results.currentIndex()
        self._activate_row(current.row() if current.isValid() else 0)

    def _activate_row(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            self.activated.emit(hit.uid)

    def _row_activated(self, index: QModelIndex) -> None:
        self._activate_row(index.row())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit(current.row()) if current.isValid() else None
        if hit is not None:
            self.highlighted.emit(hit.uid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.field and key == Qt.Key.Key_Down and self.model.rowCount():
                self.results.setFocus()
                if not self.results.currentIndex().isValid():
                    self.results.setCurrentIndex(self.model.index(0, 0))
                return True
            if (
                watched is self.results
                and key == Qt.Key.Key_Up
                and self.results.currentIndex().row() <= 0
            ):
                self.field.setFocus()
                return True
        return super().eventFilter(watched, event)
