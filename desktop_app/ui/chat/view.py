"""The conversation view: header, message list, status line and composer.

``ChatView(ctx)`` shows one conversation at a time (``show_conversation``) and forgets
everything on ``clear()`` — rows, layouts, thumbnails, pasted pictures and the viewer
windows it opened — because the lock calls it and "locked" must mean "gone", not
"hidden". Typed drafts are saved in the container first (``drafts.DraftKeeper``).
It talks to the services only through ``ctx.bridge`` and learns about
changes from ``ctx.events``; it emits ``status_message`` for the shell's status bar.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.medical.worker import DecodeWorker
from desktop_app.services.live_convo import Disappearing
from desktop_app.services.live_views import MessagePageRows, MessageRow, Roster
from desktop_app.storage.sql_messages import PageCursor
from desktop_app.ui.calls.join_bar import GroupJoinBar
from desktop_app.ui.chat.actions import MessageActions
from desktop_app.ui.chat.composer import Composer, Draft, local_files
from desktop_app.ui.chat.delegate import BubbleDelegate
from desktop_app.ui.chat.disappearing import disappearing_note
from desktop_app.ui.chat.drafts import DraftKeeper
from desktop_app.ui.chat.escalate_menu import EscalationChoice
from desktop_app.ui.chat.export import Exporter
from desktop_app.ui.chat.find_bar import FindBar
from desktop_app.ui.chat.formatting import AttachmentKind, attachment_kind
from desktop_app.ui.chat.header import ChatHeader
from desktop_app.ui.chat.layout import PREVIEW
from desktop_app.ui.chat.menu import REPLY_SHORTCUT
from desktop_app.ui.chat.message_commands import MessageCommands, chain_tab_order
from desktop_app.ui.chat.message_list import MessageList
from desktop_app.ui.chat.model import MessageModel, PageDone, PageError
from desktop_app.ui.chat.opening import AttachmentOpener
from desktop_app.ui.chat.pinned_bar import PinnedBar
from desktop_app.ui.chat.previews import ThumbnailCache
from desktop_app.ui.chat.sending import Sender
from desktop_app.ui.chat.status import StatusLine
from desktop_app.ui.chat.study_card import StudyProgressBook
from desktop_app.ui.chat.style import STYLE
from desktop_app.ui.chat.typing_label import TypingSignal
from desktop_app.ui.chat.unread import UnreadJump
from desktop_app.ui.chat.voice_player import VoicePlayer
from desktop_app.ui.context import UiContext

MARK_READ_DELAY_MS = 400
REFRESH_DELAY_MS = 120
DAY_CHECK_MS = 60_000


class ChatView(QWidget):
    status_message = Signal(str)
    tasks_requested = Signal(str, str)  # conversation id, title
    calendar_requested = Signal(str, str)  # conversation id, title
    files_requested = Signal(str, str)  # conversation id, title
    make_task_requested = Signal(str, str, str, str)  # conversation, title, message id, text

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, worker: DecodeWorker | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAcceptDrops(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLE)
        self._conversation: ConversationId | None = None
        self._drafts: dict[ConversationId, Draft] = {}
        self._generation = 0
        self._watched: QWidget | None = None
        self._member_names = ""
        self._disappearing_note = ""  # "Messages disappear 8 hours after reading"

        ratio = (
            QGuiApplication.primaryScreen().devicePixelRatio()
            if QGuiApplication.primaryScreen()
            else 1.0
        )
        self.thumbnails = ThumbnailCache(ctx.bridge, ctx.client, PREVIEW * max(ratio, 1.0), self)
        self.model = MessageModel(self._fetch_page, self)
        self.model.attachments_gone.connect(self.thumbnails.forget)
        studies = StudyProgressBook()  # downloading studies: the opener's, painted here
        self.delegate = BubbleDelegate(self.thumbnails, self, studies)
        self.list = MessageList(self.model, self.delegate)
        self.list.setAccessibleName(self.tr("Messages"))
        self.exporter = Exporter(ctx, self)
        self.opener = AttachmentOpener(ctx, self.exporter, self, worker, studies=studies)
        self.status = StatusLine()
        self.composer = Composer()
        self.composer.editor.copy_rule = ctx.copy_rule  # a draft's copies: the guard's
        self.drafts = DraftKeeper(ctx, self.composer, self)
        self.escalation = EscalationChoice(ctx, self.composer)
        self.message_actions = MessageActions(self)
        self.voice = VoicePlayer(self)
        self.commands = MessageCommands(self)
        self.pinned_bar = PinnedBar(ctx)
        self.pinned_bar.jump_requested.connect(self.jump_to_message)
        self.pinned_bar.failed.connect(self.show_error)

        self.header = ChatHeader()
        # The header's parts, by the names the rest of the view (and its tests) use.
        self.title_label, self.subtitle_label = self.header.title_label, self.header.subtitle_label
        self.typing_label, self.call_button = self.header.typing_label, self.header.call_button
        self.tasks_button = self.header.tasks_button
        self.calendar_button = self.header.calendar_button
        self.header.call_clicked.connect(self._call)
        self.header.tasks_clicked.connect(lambda: self._teamwork(self.tasks_requested))
        self.header.calendar_clicked.connect(lambda: self._teamwork(self.calendar_requested))
        self.files_button = self.header.files_button
        self.header.files_clicked.connect(lambda: self._teamwork(self.files_requested))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        self.join_bar = GroupJoinBar(ctx.group_calls) if ctx.group_calls is not None else None
        if self.join_bar is not None:  # "Group call running: Anna, Jonas  [Join]"
            self.join_bar.join_clicked.connect(self._join_group_call)
            layout.addWidget(self.join_bar)
        layout.addWidget(self.pinned_bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.composer)
        # Tab: messages → text → Urgent → Send → attach → record → the header's Call, Tasks,
        # Calendar, Files → messages again (Enter on a message opens its file).
        chain_tab_order(
            self.list,
            self.composer.editor,
            self.composer.urgent_button,
            self.composer.send_button,
            self.composer.attach_button,
            self.composer.voice_button,
            self.call_button,
            self.tasks_button,
            self.calendar_button,
            self.files_button,
        )

        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh.timeout.connect(self.model.refresh_newest)
        self._read_timer = QTimer(self, singleShot=True, interval=MARK_READ_DELAY_MS)
        self._read_timer.timeout.connect(self._mark_read_now)
        self._day_timer = QTimer(self, interval=DAY_CHECK_MS)
        self._day_timer.timeout.connect(lambda: self.model.set_today(date.today()))
        self._day_timer.start()

        ctx.events.messages.connect(self._on_messages)
        ctx.events.conversations.connect(self._refresh.start)
        ctx.events.conversations.connect(self._drop_purged)  # retention, disappearing
        ctx.events.conversations.connect(self._load_disappearing)
        ctx.events.conversations.connect(self._load_roster)  # members may have changed
        ctx.events.typing.connect(self.typing_label.on_typing)
        self.typing = TypingSignal(
            self.composer.editor,
            lambda: self._conversation,  # the services decide what to send (key, typing)
            lambda cid: ctx.bridge.submit(lambda: ctx.client.typing(cid)),
        )
        self.composer.files_added.connect(self._about_to_send)
        self.model.page_loaded.connect(self._on_page)
        self.unread = UnreadJump(self)  # after _on_page: it scrolls after the newest page
        self.model.load_failed.connect(self.show_error)
        self.thumbnails.ready.connect(self.model.touch_attachment)
        self.delegate.acknowledge_clicked.connect(
            lambda mid: self.commands.acknowledge(MessageId(mid))
        )
        self.delegate.attachment_clicked.connect(self.open_attachment)
        self.list.activated_by_key.connect(self.commands.activate)
        self.list.copy_requested.connect(self.commands.copy)
        self.list.customContextMenuRequested.connect(self.commands.context_menu)
        self.sends = Sender(self)  # after MessageActions: it first returns to the newest
        self.composer.edit_requested.connect(self.message_actions.edit)
        self.voice.changed.connect(self._voice_changed)
        self.voice.failed.connect(self.show_error)
        self.composer.recorder.failed.connect(self.show_error)  # no microphone, in words
        self.delegate.quote_clicked.connect(self.message_actions.jump)
        self.delegate.reaction_clicked.connect(self.message_actions.chip_clicked)
        self.find_bar = FindBar.attach(self)
        reply = QShortcut(QKeySequence(REPLY_SHORTCUT), self.list)
        reply.setContext(Qt.ShortcutContext.WidgetShortcut)
        reply.activated.connect(self.commands.reply_to_current)
        self.exporter.done.connect(self.show_info)
        self.exporter.failed.connect(self.show_error)
        self.opener.failed.connect(self.show_error)
        self.opener.waiting.connect(self.show_info)

    # ---- public API ------------------------------------------------------------------

    @property
    def conversation(self) -> ConversationId | None:
        return self._conversation

    @property
    def generation(self) -> int:
        """Grows at every clear (lock): answers for an older generation are dropped."""
        return self._generation

    def keep_draft(self, cid: ConversationId, draft: Draft) -> None:
        """A draft for a conversation that is not open (a send that failed meanwhile)."""
        self._drafts[cid] = draft
        self.drafts.save(cid, draft.text)

    def _about_to_send(self) -> None:
        """A file attached: the room key may go out before Send (services/key_ahead.py)."""
        cid, client = self._conversation, self.ctx.client
        if cid is not None:
            self.ctx.bridge.submit(lambda: client.about_to_send(str(cid)))

    def show_conversation(self, conversation_id: str, title: str) -> None:
        cid = ConversationId(conversation_id)
        self.title_label.setText(title)
        self.header.show()
        if self.join_bar is not None:
            self.join_bar.open(conversation_id)
        if cid == self._conversation:
            self._mark_read_soon()
            return
        if self._conversation is not None:
            self.drafts.leave()
            self._drafts[self._conversation] = self.composer.take_draft()
        self._conversation = cid
        self.voice.stop()
        self.status.clear()
        self.subtitle_label.clear()
        self.typing_label.set_conversation(cid)
        self.call_button.hide()
        self._member_names = ""
        self.model.open(cid)
        self.pinned_bar.open(cid)
        self.unread.open(cid)  # asked before the chat is marked read
        self.composer.set_open(True)
        draft = self._drafts.pop(cid, None)
        if draft is not None:
            self.composer.restore(draft)
        self.drafts.open(cid)
        self._load_roster()
        self.composer.mentions.set_candidates([])
        self.ctx.bridge.call(self.ctx.client.mentionable, cid, done=self._on_mentionable)
        self._disappearing_note = ""
        self._load_disappearing()
        self.composer.editor.setFocus()
        self._mark_read_soon()

    def _teamwork(self, signal: SignalInstance) -> None:
        if self._conversation is not None:
            signal.emit(str(self._conversation), self.title_label.text())

    def make_task(self, row: MessageRow) -> None:
        """ "Make task" from a message's menu: the main window opens the task dialog."""
        if self._conversation is not None:
            self.make_task_requested.emit(
                str(self._conversation),
                self.title_label.text(),
                str(row.message_id),
                row.message.body,
            )

    def jump_to_message(self, message_id: str) -> None:
        """Scroll to a message of the open conversation (a search result), loading older
        pages until it is there."""
        self.message_actions.jump(message_id)

    def clear(self) -> None:
        """Forget everything shown (the lock calls this): rows, caches, drafts, windows.

        The open conversation's typed text is saved to the container first."""
        self.drafts.leave()
        self._generation += 1
        self._conversation = None
        self._drafts.clear()
        self._refresh.stop()
        self._read_timer.stop()
        self.model.clear()
        self.pinned_bar.clear()
        self.unread.clear()
        self.delegate.clear()
        self.thumbnails.clear()
        if self.join_bar is not None:
            self.join_bar.open(None)
        self.opener.close_all()
        self.voice.stop()  # the decrypted audio leaves memory with the rest
        self.composer.clear()
        self.composer.set_open(False)
        self.status.clear()
        self.header.clear()

    def _drop_purged(self) -> None:
        """Ask which shown rows the container still holds; the others leave the chat,
        the pinned bar and the preview cache (docs/privacy.md "What deleting leaves")."""
        cid = self._conversation
        if cid is None or not self.model.rowCount():
            return
        shown = {r.message_id: r for r in self.model.rows()}

        def kept(stored: object) -> None:
            if not isinstance(stored, set) or cid != self._conversation:
                return
            gone = [shown[m] for m in shown if m not in stored]
            if gone:
                self.model.drop_purged(cid, shown, stored)
                self.thumbnails.forget(a.attachment_id for r in gone for a in r.message.attachments)
                self.pinned_bar.reload()

        self.ctx.bridge.call(self.ctx.client.still_stored, list(shown), done=kept)

    def forget(self, conversation_id: str) -> None:
        """Drop a conversation deleted from this PC: its rows and its draft."""
        self._drafts.pop(ConversationId(conversation_id), None)
        if self._conversation == conversation_id:
            self.drafts.drop()
            self._conversation = None
            self.model.clear()
            self.pinned_bar.clear()
            self.unread.clear()
            self.composer.clear()
            self.composer.set_open(False)
            self.header.hide()
            if self.join_bar is not None:
                self.join_bar.open(None)

    def open_attachment(self, attachment: Attachment) -> None:
        """Open it; one whose download failed is downloaded again instead; a voice
        message plays (or pauses) in its bubble."""
        if attachment.state is AttachmentState.FAILED:
            self.commands.retry_download(attachment)
        elif attachment_kind(attachment) is AttachmentKind.VOICE:
            self.voice.toggle(str(attachment.message_id), attachment)
        else:
            self.opener.open(attachment)

    def _voice_changed(self) -> None:
        self.delegate.playing = self.voice.message_id
        self.delegate.speed = self.voice.speed
        self.list.viewport().update()

    # ---- loading ---------------------------------------------------------------------

    def _fetch_page(
        self,
        cid: ConversationId,
        cursor: PageCursor | None,
        limit: int,
        done: PageDone,
        error: PageError,
    ) -> None:
        def arrived(page: object) -> None:
            assert isinstance(page, MessagePageRows)
            done(page)

        self.ctx.bridge.call(self.ctx.client.page, cid, cursor, limit, done=arrived, error=error)

    def _on_page(self, older: bool) -> None:
        if not older and self.model.rowCount() and self.list.at_bottom():
            self.list.scroll_to_end()
        # a short first page: fill the view (dropped if the chat closed meanwhile)
        QTimer.singleShot(0, self.list, self.list.check_top)

    def _load_roster(self) -> None:
        cid = self._conversation

        def shown(roster: object) -> None:
            if cid is not None and cid == self._conversation:  # not another chat's since
                self._on_members(roster)

        if cid is not None:
            self.ctx.bridge.call(self.ctx.client.roster, cid, done=shown)

    def _on_members(self, roster: object) -> None:
        if not isinstance(roster, Roster):
            return
        members, group = roster.members, roster.group
        self.model.set_group(group)
        if group and roster.title:  # renamed while open
            self.title_label.setText(roster.title)
        if not roster.i_am_member:
            self.composer.set_removed(roster.removed_by)
        elif self.composer.removed:  # added again while open
            self.composer.set_open(True)
        # 1:1: a call; a group: its group call (started, or joined if it runs)
        self.call_button.setVisible(len(members) >= 2 and self.ctx.place_call is not None)
        self._member_names = ", ".join(name for _, name, _ in members) if group else ""
        self._show_subtitle()

    def _on_mentionable(self, candidates: object) -> None:
        if isinstance(candidates, list):
            self.composer.mentions.set_candidates(candidates)

    def _load_disappearing(self) -> None:
        """The header line for disappearing messages (on open and when it changes)."""
        cid = self._conversation
        if cid is None:
            return

        def shown(state: object) -> None:
            if cid == self._conversation and isinstance(state, Disappearing):
                self._disappearing_note = disappearing_note(self, state.hours)
                self._show_subtitle()

        self.ctx.bridge.call(self.ctx.client.disappearing, cid, done=shown)

    def _show_subtitle(self) -> None:
        days = self.ctx.client.retention_days  # fixed for the session
        note = self.tr("Messages are deleted after %1 days").replace("%1", str(days))
        parts = (self._member_names, self._disappearing_note, note if days else "")
        self.subtitle_label.setText(" · ".join(t for t in parts if t))

    def _join_group_call(self, conversation_id: str) -> None:
        if self.ctx.place_call is not None:
            self.ctx.place_call(conversation_id, self.title_label.text())

    def _call(self) -> None:
        if self._conversation is not None and self.ctx.place_call is not None:
            self.ctx.place_call(self._conversation, self.title_label.text())

    def _on_messages(self, rows: object) -> None:
        if self._conversation is None or not isinstance(rows, tuple):
            return
        mine = [r for r in rows if r.message.conversation_id == self._conversation]
        if not mine:
            return
        self.model.upsert(mine)
        if any(not r.mine for r in mine):
            self._mark_read_soon()

    # ---- reading ---------------------------------------------------------------------

    def _mark_read_soon(self) -> None:
        self._read_timer.start()

    def _mark_read_now(self) -> None:
        cid = self._conversation
        window = self.window()
        if cid is None or not self.isVisible() or not window.isActiveWindow():
            return
        self.ctx.bridge.submit(lambda: self.ctx.client.mark_read(cid))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        window = self.window()
        if window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        self._mark_read_soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._watched and event.type() == QEvent.Type.ActivationChange:
            self._mark_read_soon()
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._conversation is not None and local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = local_files(event.mimeData())
        if self._conversation is not None and files:
            self.composer.add_files(files)
            event.acceptProposedAction()
            self.composer.editor.setFocus()

    def show_error(self, message: str) -> None:
        self.status.show_error(message)
        self.status_message.emit(message)

    def show_info(self, message: str) -> None:
        self.status.show_info(message)
        self.status_message.emit(message)
