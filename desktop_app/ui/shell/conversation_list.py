"""The conversation list on the left: title, last message, time and unread badge.

``ConversationModel`` holds ``ConversationRow`` snapshots fetched through the bridge
(reloaded whenever the live client says the list changed); the filter box narrows it
by title, preview and message text (the container's full-text index, asked through the
bridge after a short pause in typing), and says "No results" when nothing matches.
``clear`` empties it when the session locks.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.file_names import file_name_from
from desktop_app.domain.model import ConversationKind
from desktop_app.services.export import ExportKind
from desktop_app.services.live_convo import Disappearing
from desktop_app.services.live_views import ConversationRow
from desktop_app.ui import dates, file_dialogs
from desktop_app.ui.chat import system_text
from desktop_app.ui.chat.disappearing import add_disappearing_menu, add_mute_action
from desktop_app.ui.context import UiContext
from desktop_app.ui.guarded_label import guard_item_copies
from desktop_app.ui.list_focus import show_current_on_tab
from desktop_app.ui.literal_text import literal
from desktop_app.ui.plural import counted
from desktop_app.ui.shell.list_marks import PIN_MARK, add_list_actions
from desktop_app.ui.shell.search_results import SearchResults

RowRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def preview_text(row: ConversationRow) -> str:
    """The preview in the UI language (system lines are stored as kind + parameters)."""
    return system_text.render(row.preview) if row.preview_system else row.preview


def shown_preview(row: ConversationRow) -> str:
    """The preview line as the list shows it: "You: …" for my own last message (so a
    glance tells whether the others have answered), the sender's name in a group."""
    text = preview_text(row)
    if row.preview_mine:
        return QCoreApplication.translate("ConversationList", "You: %1").replace("%1", text)
    if row.preview_sender and row.kind is ConversationKind.GROUP:
        return f"{row.preview_sender}: {text}"
    return text


MUTED_MARK = "🔕"  # beside the time of a muted conversation


class ConversationModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ConversationRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.title}\n{shown_preview(row)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Screen readers hear the UI language, with the plural Qt picks for n.
            unread = ", " + self.tr("%n unread", "", row.unread) if row.unread else ""
            muted = ", " + self.tr("muted") if row.muted else ""
            return f"{row.title}{unread}{muted}: {shown_preview(row)}"
        if role == RowRole:
            return row
        return None

    def set_rows(self, rows: list[ConversationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_of(self, conversation_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.conversation_id == conversation_id:
                return i
        return -1

    def rows(self) -> list[ConversationRow]:
        return list(self._rows)


SEARCH_DELAY_MS = 150  # ask the index once typing pauses, not on every key
CLOCK_HOURS = timedelta(hours=12)  # a shift: its messages show their time, past midnight too


class _Filter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matching: set[str] = set()  # conversations whose messages match the text

    def set_matching(self, matching: set[str]) -> None:
        self.beginFilterChange()
        self.matching = matching
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        text = self.filterRegularExpression().pattern().casefold()
        if not text:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        row = index.data(RowRole)
        return isinstance(row, ConversationRow) and (
            text in row.title.casefold()
            or text in preview_text(row).casefold()
            or row.conversation_id in self.matching
        )


class ConversationDelegate(QStyledItemDelegate):
    """Two lines (title and time; preview and unread badge), like other messengers."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        height = option.fontMetrics.height() * 2 + 20
        # The width follows the list (title and preview are elided), so a list made
        # narrow by the directory beside it never scrolls sideways.
        return QSize(1, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(RowRole)
        if not isinstance(row, ConversationRow):
            return
        painter.save()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text)
        muted.setAlphaF(0.65)
        r = option.rect.adjusted(12, 8, -12, -8)
        line = option.fontMetrics.height()
        bold = QFont(option.font)
        bold.setBold(True)
        when = short_time(row.last_activity)
        if row.muted:
            when = f"{MUTED_MARK} {when}"
        if row.pinned:
            when = f"{PIN_MARK} {when}"
        painter.setFont(option.font)
        time_width = option.fontMetrics.horizontalAdvance(when) + 4
        painter.setPen(muted)
        painter.drawText(
            QRect(r.right() - time_width, r.top(), time_width, line),
            Qt.AlignmentFlag.AlignRight,
            when,
        )
        painter.setFont(bold)
        painter.setPen(text)
        icon = "👥 " if row.kind is ConversationKind.GROUP else ""
        title_rect = QRect(r.left(), r.top(), r.width() - time_width - 8, line)
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft,
            painter.fontMetrics().elidedText(
                icon + row.title, Qt.TextElideMode.ElideRight, title_rect.width()
            ),
        )
        badge = 0
        if row.unread:
            badge_text = str(min(row.unread, 999))
            badge = max(line + 4, painter.fontMetrics().horizontalAdvance(badge_text) + 12)
            badge_rect = QRect(r.right() - badge, r.top() + line + 2, badge, line + 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(QColor("#1f7a5c"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(badge_rect, badge_rect.height() / 2, badge_rect.height() / 2)
            painter.setPen(QColor("white"))
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge_text)
        painter.setFont(option.font)
        painter.setPen(muted)
        preview = shown_preview(row)
        preview_rect = QRect(r.left(), r.top() + line + 4, r.width() - badge - 8, line)
        painter.drawText(
            preview_rect,
            Qt.AlignmentFlag.AlignLeft,
            option.fontMetrics.elidedText(
                preview, Qt.TextElideMode.ElideRight, preview_rect.width()
            ),
        )
        painter.restore()


def short_time(when: datetime, now: datetime | None = None) -> str:
    """Today's time or one of the last ``CLOCK_HOURS``, else the weekday within a week,
    else the date, in the UI language (QLocale, set with the translations; strftime
    would name the day in English).

    A night shift runs past midnight: at 00:05 the evening's messages all read "Mon"
    (walk 20), and the nurse could not tell the one of 23:47 from the one of 14:00."""
    local = when.astimezone()
    current = (now or datetime.now()).astimezone()
    if local.date() == current.date() or timedelta(0) <= current - local < CLOCK_HOURS:
        return dates.clock(local)
    today = current.date()
    if (today - local.date()).days < 7:
        return QLocale().dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)
    return dates.short_date(local.date())


class ConversationList(QWidget):
    """Search box plus list; emits ``opened(conversation_id, title)``, and
    ``deleted(conversation_id)`` once one was deleted from this PC (its context menu)."""

    opened = Signal(str, str)
    message_chosen = Signal(str, str, str)  # a search result: conversation, title, message
    deleted = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ConversationModel(self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search conversations"))
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        # Esc empties the search: the list shows every conversation again and the
        # message results close (the keyboard way back, as the ✕ is for the mouse).
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search_messages)
        self._searched = ""  # the text the index answer in ``proxy.matching`` is for
        self.no_results = QLabel(self.tr("No results"))
        self.no_results.setObjectName("noResults")
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_results.setContentsMargins(0, 12, 0, 12)
        self.no_results.hide()
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(ConversationDelegate(self.view))
        self.view.setAccessibleName(self.tr("Conversations"))
        show_current_on_tab(self.view)
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.activated.connect(self._open)
        self.view.clicked.connect(self._open)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.no_results)
        layout.addWidget(self.view, 1)
        self.results = SearchResults()
        self.results.chosen.connect(self.message_chosen)
        guard_item_copies(self.view, ctx.copy_rule)
        guard_item_copies(self.results.list, ctx.copy_rule)  # found message text
        layout.addWidget(self.results, 1)
        self._current = ""
        ctx.events.conversations.connect(self.reload)

    def reload(self) -> None:
        self.ctx.bridge.call(self.ctx.client.conversations, done=self._loaded)
        if self.search.text().strip():
            self._search_timer.start()  # a new message may match the search

    def _loaded(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.model.set_rows(rows)
        if self._current:
            self.select(self._current)
        self._update_no_results()

    def _search_changed(self, text: str) -> None:
        self.proxy.matching = set()
        self._searched = ""
        self.proxy.setFilterFixedString(text.strip())
        self._update_no_results()
        if text.strip():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self.results.clear()

    def _search_messages(self) -> None:
        text = self.search.text().strip()

        def found(matching: object) -> None:
            if text != self.search.text().strip() or not isinstance(matching, set):
                return  # typed on meanwhile: a newer search is coming
            self._searched = text
            self.proxy.set_matching({str(c) for c in matching})
            self._update_no_results()

        self.ctx.bridge.call(self.ctx.client.conversations_matching, text, done=found)

        def listed(results: object) -> None:
            if text == self.search.text().strip() and isinstance(results, list):
                self.results.show_results(results)

        self.ctx.bridge.call(self.ctx.client.search_messages, text, done=listed)

    def _update_no_results(self) -> None:
        """Shown once the index has answered: before that, titles alone decide nothing."""
        text = self.search.text().strip()
        searched = bool(text) and self._searched == text
        self.no_results.setVisible(searched and self.proxy.rowCount() == 0)

    def select(self, conversation_id: str) -> None:
        self._current = conversation_id
        row = self.model.row_of(conversation_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.view.setCurrentIndex(index)

    def _open(self, index: QModelIndex) -> None:
        row = index.data(RowRole)
        if isinstance(row, ConversationRow):
            self._current = row.conversation_id
            self.opened.emit(row.conversation_id, row.title)

    def _context_menu(self, pos: QPoint) -> None:
        row = self.view.indexAt(pos).data(RowRole)
        if not isinstance(row, ConversationRow):
            return
        where = self.view.viewport().mapToGlobal(pos)

        def show(state: object) -> None:
            if isinstance(state, Disappearing):
                self.conversation_menu(row, state).exec(where)

        self.ctx.bridge.call(self.ctx.client.disappearing, row.conversation_id, done=show)

    def conversation_menu(self, row: ConversationRow, state: Disappearing) -> QMenu:
        """Pin, mark unread, mute, disappearing messages, export, delete (``state``: read
        from the services)."""
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        cid = row.conversation_id
        pinned = sum(1 for r in self.model.rows() if r.pinned)
        add_list_actions(
            menu, row, pinned, lambda on: self.set_pinned(cid, on), lambda: self.mark_unread(cid)
        )
        add_mute_action(menu, row.muted, lambda muted: self.set_muted(cid, muted))
        add_disappearing_menu(menu, state, lambda hours: self.set_disappearing(cid, hours))
        menu.addSeparator()
        menu.addAction(self.tr("Export conversation …"), lambda: self.export(row))
        menu.addAction(self.tr("Delete conversation …"), lambda: self.delete(row))
        return menu

    def set_muted(self, conversation_id: str, muted: bool) -> None:
        self.ctx.bridge.call(self.ctx.client.set_muted, conversation_id, muted)

    def set_pinned(self, conversation_id: str, pinned: bool) -> None:
        self.ctx.bridge.call(self.ctx.client.set_pinned, conversation_id, pinned)

    def mark_unread(self, conversation_id: str) -> None:
        self.ctx.bridge.call(self.ctx.client.mark_unread, conversation_id)

    def set_disappearing(self, conversation_id: str, hours: int | None) -> None:
        """For everyone in the conversation; a refusal is shown where it was asked for."""

        def refused(problem: str) -> None:
            QMessageBox.warning(self, self.tr("Disappearing messages"), problem)

        self.ctx.bridge.submit(
            lambda: self.ctx.client.set_disappearing(conversation_id, hours), error=refused
        )

    def export(self, row: ConversationRow) -> None:
        """Export for the patient record as PDF or FHIR (services/export.py)."""
        title = self.tr("Export conversation")
        if not self.ctx.export_allowed:
            QMessageBox.information(
                self, title, self.tr("Exporting is switched off by your IT department.")
            )
            return
        path, _ = file_dialogs.get_save_file_name(
            self,
            title,
            file_name_from(row.title, self.tr("Conversation")) + ".pdf",
            self.tr("PDF (*.pdf);;FHIR R4 Bundle (*.json)"),
        )
        if not path:
            return
        kind = ExportKind.FHIR if path.lower().endswith(".json") else ExportKind.PDF
        cid, allowed = row.conversation_id, self.ctx.export_allowed
        self.ctx.bridge.submit(
            lambda: self.ctx.client.export_conversation(cid, kind, Path(path), allowed=allowed),
            done=lambda result: self._exported(title, result.messages),
            error=lambda problem: self._export_failed(title, problem),
        )

    def _exported(self, title: str, messages: int) -> None:
        QMessageBox.information(
            self,
            title,
            counted(
                messages,
                self.tr(
                    "Exported 1 message. The file is NOT encrypted: keep it only where "
                    "patient data may be stored."
                ),
                self.tr(
                    "Exported %n messages. The file is NOT encrypted: keep it only where "
                    "patient data may be stored."
                ),
            ),
        )

    def _export_failed(self, title: str, problem: str) -> None:
        QMessageBox.warning(self, title, problem)

    def delete(self, row: ConversationRow) -> None:
        """Delete a conversation from this PC after asking: messages, files and keys."""
        answer = QMessageBox.question(
            self,
            self.tr("Delete conversation"),
            literal(
                self.tr(
                    "Delete the conversation \u201c%1\u201d with all its messages and "
                    "attachments from this PC? It cannot be restored. Other members keep "
                    "their copy."
                ).replace("%1", row.title)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        cid = row.conversation_id
        if self._current == cid:
            self._current = ""
        self.ctx.bridge.submit(
            lambda: self.ctx.client.delete_conversation(cid),
            done=lambda _: self.deleted.emit(cid),
        )

    def clear(self) -> None:
        self._current = ""
        self._search_timer.stop()
        self.search.clear()
        self.model.clear()
