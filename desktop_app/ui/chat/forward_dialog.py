"""Forward a message: pick the conversation it is copied into (issue 13).

The list is the person's conversations, newest first, with a filter box. The copy is
made by the services (``LiveClient.forward``: files re-encrypted from this PC, the
``forward_allowed`` policy checked there again); this dialog only chooses where.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.model import ConversationKind
from desktop_app.services.live_views import ConversationRow

CID_ROLE = Qt.ItemDataRole.UserRole


class ForwardDialog(QDialog):
    chosen = Signal(str, str)  # conversation id, title
    considered = Signal(str)  # a conversation selected: its room key may go out already

    def __init__(self, rows: list[ConversationRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Forward to …"))
        self.setMinimumSize(360, 420)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Search conversations"))
        self.filter.setAccessibleName(self.tr("Search conversations"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Conversations"))
        for row in rows:
            icon = "👥 " if row.kind is ConversationKind.GROUP else ""
            item = QListWidgetItem(icon + row.title)
            item.setData(CID_ROLE, str(row.conversation_id))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, row.title)
            self.list.addItem(item)
        note = QLabel(self.tr("The receivers see that it was forwarded, not where from."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Forward"))
        ok.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)  # Up/Down from the search box move the choice
        self.list.currentItemChanged.connect(lambda item, _old: ok.setEnabled(item is not None))
        self.list.currentItemChanged.connect(self._considered)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def select(self, conversation_id: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(CID_ROLE) == conversation_id:
                self.list.setCurrentItem(item)
                return
        raise KeyError(conversation_id)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        super().accept()
        self.chosen.emit(str(item.data(CID_ROLE)), item.data(Qt.ItemDataRole.AccessibleTextRole))

    def _considered(self, item: QListWidgetItem | None, _old: object) -> None:
        if item is not None:
            self.considered.emit(str(item.data(CID_ROLE)))

    def _filter(self, text: str) -> None:
        """Show the matching conversations; the choice moves to the first of them when
        the chosen one is filtered away (Enter then forwards to what is highlighted,
        and a Forward button never stays enabled for a conversation no longer shown)."""
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())
        current = self.list.currentItem()
        if current is not None and not current.isHidden():
            return
        shown = self._shown()
        self.list.setCurrentItem(shown[0] if needle and shown else None)  # type: ignore[arg-type]

    def _shown(self) -> list[QListWidgetItem]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item for item in items if not item.isHidden()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            shown = self._shown()
            if step is not None and shown:
                current = self.list.currentItem()
                at = shown.index(current) if current in shown else -1
                self.list.setCurrentItem(shown[max(0, min(len(shown) - 1, at + step))])
                return True
        return super().eventFilter(watched, event)
