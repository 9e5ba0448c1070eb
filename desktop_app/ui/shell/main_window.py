"""The main window of an unlocked session: conversations, the open chat, the directory.

It arranges the views it is given (the composition root builds the chat view and the
directory panel) and routes a few signals between them; it owns no service calls
beyond acknowledging urgent messages. ``clear`` empties every view for the lock.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ids import MessageId
from desktop_app.services.live_views import MessageRow
from desktop_app.ui.context import UiContext
from desktop_app.ui.shell.connection_label import ConnectionLabel
from desktop_app.ui.shell.conversation_list import ConversationList
from desktop_app.ui.shell.status_bar import ShellStatusBar
from desktop_app.ui.shell.transfer_indicator import TransferIndicator
from desktop_app.ui.shell.urgent_alert import Notifier, UrgentBanner
from desktop_app.ui.teamwork import TeamworkHub
from desktop_app.ui.teamwork.due_marker import DueMarker
from desktop_app.ui.teamwork.duty_strip import DutyStrip
from desktop_app.ui.window_keys import enter_presses_buttons

LIST_MIN_WIDTH = 190
CHAT_ROOM = 600  # the chat's width beside the open directory, where the window has it
DIRECTORY_ROOM = 560  # results and a person card that needs no sideways scrolling
OPEN_SIZE = (1280, 800)
# What a window manager adds around the window (title bar, borders), kept free when the
# window opens on a screen smaller than OPEN_SIZE.
FRAME_ALLOWANCE = (16, 48)
"""The conversation list's narrowest: a name, a time and the start of a preview."""


class ChatPane(Protocol):
    def show_conversation(self, conversation_id: str, title: str) -> None: ...
    def clear(self) -> None: ...


class MainWindow(QMainWindow):
    lock_requested = Signal()
    switch_user_requested = Signal()
    new_chat_requested = Signal()
    new_group_requested = Signal()
    members_requested = Signal(str)  # conversation id
    settings_requested = Signal()
    privacy_requested = Signal()

    def __init__(
        self,
        ctx: UiContext,
        chat: QWidget,
        directory: QWidget | None,
        notify: Notifier,
        *,
        title: str = "WardLink",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self._open_within_screen()
        self.chat = chat
        self.directory = directory
        self.conversations = ConversationList(ctx)
        # Narrow windows (half a laptop screen) cut the chat's title before the list
        # (ui/chat/elided_label.py): names and previews stay readable.
        self.conversations.setMinimumWidth(LIST_MIN_WIDTH)
        self.conversations.opened.connect(self.open_conversation)
        self.conversations.message_chosen.connect(self.open_message)
        self.conversations.deleted.connect(self._conversation_deleted)
        self.empty = QLabel(self.tr("Choose a conversation on the left, or start a new one."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.center = QStackedWidget()
        self.center.addWidget(self.empty)
        self.center.addWidget(chat)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.conversations)
        self.splitter.addWidget(self.center)
        if directory is not None:
            self.splitter.addWidget(directory)
            directory.hide()
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 700, 360])
        self._list_width = 320  # the list's width before the directory opened
        self.banner = UrgentBanner(notify)
        self.banner.acknowledge.connect(self.acknowledge)
        self.banner.open_message.connect(self._open_urgent)
        self.banner.focus_released.connect(self._focus_after_banner)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        self.duties = DutyStrip(ctx)
        layout.addWidget(self.duties)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(body)
        self.connection = ConnectionLabel()
        self.setStatusBar(ShellStatusBar(self.connection))  # messages beside, not over it
        self.transfers = TransferIndicator()
        self.statusBar().addPermanentWidget(self.transfers)
        self._current = ""
        self._resume = ""  # the conversation to open again once the list has loaded
        self.conversations.model.modelReset.connect(self._listed)
        self.teamwork = TeamworkHub(ctx, notify, self)
        self.teamwork.open_message.connect(self.open_task_message)
        self._build_toolbar()
        self._order_top_of_window()
        enter_presses_buttons(self)
        for name, slot in (
            ("tasks_requested", self.teamwork.show_tasks),
            ("calendar_requested", self.teamwork.show_calendar),
            ("files_requested", self.teamwork.show_files),
            ("make_task_requested", self.teamwork.make_task),
        ):
            signal = getattr(chat, name, None)
            if signal is not None:
                signal.connect(slot)
        status = getattr(chat, "status_message", None)
        if status is not None:
            status.connect(self.show_status_message)
        ctx.events.connection.connect(self.connection.show_status)
        ctx.events.transfer.connect(self.transfers.update_transfer)
        ctx.events.urgent.connect(self.banner.add)
        ctx.events.messages.connect(self.banner.update_rows)
        # Deleting (a conversation, retention, disappearing messages) says only that the
        # list changed: ask which urgent messages still wait, so a purged one leaves.
        ctx.events.conversations.connect(self._recheck_urgent)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.new_chat_action = self._action(
            bar, self.tr("New chat"), "Ctrl+N", self.new_chat_requested.emit
        )
        self.new_group_action = self._action(
            bar, self.tr("New group"), "Ctrl+G", self.new_group_requested.emit
        )
        self.members_action = self._action(bar, self.tr("Members"), "", self._members)
        self.members_action.setEnabled(False)
        self.directory_action = self._action(
            bar, self.tr("Directory"), "Ctrl+D", self.toggle_directory
        )
        self.my_tasks_action = self._action(
            bar, self.tr("My tasks"), "Ctrl+T", self.teamwork.show_my_tasks
        )
        self.due_marker = DueMarker(self.my_tasks_action, self.teamwork.reminders.missed, self)
        self.directory_action.setCheckable(True)
        self.directory_action.setEnabled(self.directory is not None)
        bar.addSeparator()
        self.settings_action = self._action(
            bar, self.tr("Settings"), "", self.settings_requested.emit
        )
        self.privacy_action = self._action(bar, self.tr("Privacy"), "", self.privacy_requested.emit)
        self.lock_action = self._action(bar, self.tr("Lock"), "Ctrl+L", self.lock_requested.emit)
        self.switch_action = self._action(
            bar, self.tr("Switch user"), "", self.switch_user_requested.emit
        )

    def _order_top_of_window(self) -> None:
        """Tab reaches the toolbar, then the urgent banner, then the conversation search,
        as the eye reads the window; Shift+Tab from the search reaches "Acknowledge".

        Qt leaves a toolbar's buttons out of Tab, so Settings, Privacy and Switch user
        could not be reached without a mouse, and the banner came last, after the chat
        (walk 20: ten Tabs from the composer to the banner's "Open")."""
        bar = self.findChild(QToolBar, "mainToolbar")
        assert bar is not None
        buttons = [bar.widgetForAction(action) for action in bar.actions()]
        order: list[QWidget] = [b for b in buttons if isinstance(b, QToolButton)]
        for button in order:
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        order += [self.banner.open_button, self.banner.ack_button, self.conversations.search]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _action(self, bar: QToolBar, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({native})")
        action.triggered.connect(slot)
        bar.addAction(action)
        return action

    # ---- routing -----------------------------------------------------------------------

    def reload(self) -> None:
        self.conversations.reload()
        self.ctx.bridge.call(self.ctx.client.waiting_urgent, done=self._urgent_waiting)
        # A client that kept its link (behind a PIN lock, or a window built again in
        # another language) sends no new status: ask for the one in force.
        asked_at = self.connection.shown
        self.ctx.bridge.call(
            self.ctx.client.status,
            done=lambda status: self.connection.show_asked(status, asked_at),
        )

    def resume(self, conversation_id: str) -> None:
        """Open this conversation again as soon as the list shows it (after an unlock)."""
        self._resume = conversation_id

    def _listed(self) -> None:
        cid = self._resume
        if cid and self.conversations.model.rowCount():
            self._resume = ""
            if self.conversations.model.row_of(cid) >= 0 and not self._current:
                self.open_conversation(cid, "")

    def _recheck_urgent(self) -> None:
        self.ctx.bridge.call(self.ctx.client.waiting_urgent, done=self.banner.keep_only)

    def _urgent_waiting(self, rows: object) -> None:
        for row in rows if isinstance(rows, list) else ():
            self.banner.add(row)

    def open_conversation(self, conversation_id: str, title: str) -> None:
        if not title:
            rows = {str(r.conversation_id): r for r in self.conversations.model.rows()}
            title = rows[conversation_id].title if conversation_id in rows else ""
        self._current = conversation_id
        self.conversations.select(conversation_id)
        self.center.setCurrentWidget(self.chat)
        self.members_action.setEnabled(True)
        self.chat.show_conversation(conversation_id, title)  # type: ignore[attr-defined]

    def open_message(self, conversation_id: str, title: str, message_id: str) -> None:
        """A search result: open its conversation and scroll to the message."""
        self.open_conversation(conversation_id, title)
        jump = getattr(self.chat, "jump_to_message", None)
        if jump is not None:
            jump(message_id)

    def _conversation_deleted(self, conversation_id: str) -> None:
        if self._current == conversation_id:
            self._current = ""
            self.chat.forget(conversation_id)  # type: ignore[attr-defined]
            self.center.setCurrentWidget(self.empty)
            self.members_action.setEnabled(False)

    def open_task_message(self, conversation_id: str, message_id: str) -> None:
        """A task's link back to the message it was made from."""
        self.open_message(conversation_id, "", message_id)

    def show_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _open_urgent(self, conversation_id: str, message_id: str) -> None:
        """The banner's Open: the urgent message itself, with its Acknowledge button (the
        conversation alone opened at its newest messages, the urgent one out of sight)."""
        self.open_message(conversation_id, "", message_id)

    def current_conversation(self) -> str:
        return self._current

    def toggle_directory(self, checked: bool | None = None) -> None:
        if self.directory is None:
            return
        show = not self.directory.isVisible() if checked is None else bool(checked)
        if show:  # the panel needs room for its list and the person card
            self._list_width = self.splitter.sizes()[0] or self._list_width
            sizes = self._sizes_with_directory(self.directory)
            # A folded list is hidden, not only 0 px wide: the splitter counted its
            # minimum still, and on a 1024 px screen the window grew past the screen's
            # edge with "Acknowledge" and Send beyond it (walk 20).
            self.conversations.setVisible(sizes[0] > 0)
            self.directory.setVisible(True)
            self.splitter.setSizes(sizes)
            # As by a shortcut: the search field selects what was typed last time, so
            # typing a new name replaces it (seen: "SchneiderSchneider", nobody found).
            self.directory.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.directory.setVisible(False)
            self.conversations.setVisible(True)
            self._sizes_without_directory()
        self.directory_action.setChecked(show)

    def _sizes_with_directory(self, directory: QWidget) -> list[int]:
        """List, chat and directory widths as the directory opens: the chat keeps
        CHAT_ROOM where the window has it (at 1280 px it was squeezed to under 400 px,
        its messages wrapping every few words). The list gives way first, down to its
        minimum, then the directory, down to DIRECTORY_ROOM; where that is not enough
        (below about 1350 px) the list folds away while the directory is open, as
        WhatsApp's contact picker takes the chat list's place. What is left goes to the
        chat; closing the directory brings the list back (``_sizes_without_directory``)."""
        handles = self.splitter.handleWidth() * (self.splitter.count() - 1)
        total = max(self.splitter.width() - handles, 900)
        least = max(directory.minimumSizeHint().width(), DIRECTORY_ROOM)
        side = min(300, total // 5)
        panel = max(min(900, total // 2), least)
        short = CHAT_ROOM - (total - side - panel)
        if short > 0:
            give = min(short, max(side - LIST_MIN_WIDTH, 0))
            side, short = side - give, short - give
            give = min(short, max(panel - least, 0))
            panel, short = panel - give, short - give
            if short > 0:
                side = 0
        return [side, total - side - panel, panel]

    def _sizes_without_directory(self) -> None:
        """The list back as wide as before the directory opened (it came back narrower,
        its previews cut shorter), or wider if it was widened meanwhile; the chat keeps
        at least half."""
        sizes = self.splitter.sizes()
        room = sizes[0] + sizes[1]
        side = max(sizes[0], min(self._list_width, room // 2), LIST_MIN_WIDTH)
        if side != sizes[0]:
            self.splitter.setSizes([side, room - side, *[0] * (len(sizes) - 2)])

    def _members(self) -> None:
        if self._current:
            self.members_requested.emit(self._current)

    def acknowledge(self, message_id: str) -> None:
        self.ctx.bridge.submit(
            lambda: self.ctx.client.acknowledge(MessageId(message_id)), done=self._acknowledged
        )

    def _focus_after_banner(self) -> None:
        """After the last urgent message is acknowledged: back to writing in the open
        chat (a reply is what usually follows), else to the conversation list."""
        composer = getattr(self.chat, "composer", None)
        editor = getattr(composer, "editor", None)
        chat_open = self.center.currentWidget() is self.chat
        if chat_open and isinstance(editor, QWidget) and editor.isEnabled():
            editor.setFocus()
            return
        self.conversations.view.setFocus()

    def _acknowledged(self, row: object) -> None:
        if isinstance(row, MessageRow):
            self.banner.settled(row)

    def clear(self) -> None:
        """Drop everything decrypted from every view (the lock calls this)."""
        self._current = ""
        self.banner.clear()
        self.teamwork.clear()
        self.duties.stop()
        self.transfers.clear()
        self.conversations.clear()
        self.chat.clear()  # type: ignore[attr-defined]
        self.center.setCurrentWidget(self.empty)
        self.members_action.setEnabled(False)
        if self.directory is not None and hasattr(self.directory, "clear"):
            self.directory.clear()

    def _open_within_screen(self) -> None:
        """OPEN_SIZE, or the screen's free area where that is smaller: on the 1366x768
        laptops of ward carts a 800 px high window put the composer and the connection
        status below the screen's edge."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        width, height = OPEN_SIZE
        if screen is not None:
            free = screen.availableGeometry()
            width = min(width, free.width() - FRAME_ALLOWANCE[0])
            height = min(height, free.height() - FRAME_ALLOWANCE[1])
        self.resize(width, height)
