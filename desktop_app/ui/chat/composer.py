"""Where a message is written: text, files waiting to go, the urgent toggle, Send.

Enter sends, Shift+Enter starts a new line (as in every messenger). Files come from the
attach button, from drag and drop (the ChatView forwards drops here) or from the
clipboard; they wait as removable chips until Send. A pasted picture (a screenshot)
has no file and gets none: it is kept as PNG bytes in memory (``MemoryFile``) and the
send encrypts those bytes straight into the container. Nothing of it is ever written
in clear, not even to the temp folder (ward PCs often share one OS login); it goes
with the draft when the chip is removed, the send is done, or the chat is cleared.

The Composer does not send by itself: ``send_requested`` hands a ``Draft`` to the
ChatView, which gives it back with ``restore`` if the send fails, so nothing typed is
ever lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt, Signal
from PySide6.QtGui import QAction, QImage, QImageWriter, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ids import MessageId
from desktop_app.services.live_views import MemoryFile
from desktop_app.ui import file_dialogs
from desktop_app.ui.chat.file_chips import FileChips, Outgoing
from desktop_app.ui.chat.icons import icon
from desktop_app.ui.chat.mention_completer import MentionCompleter
from desktop_app.ui.chat.reply_bar import ReplyBar
from desktop_app.ui.chat.voice_recorder import VoiceRecorder
from desktop_app.ui.guarded_copy import GuardedCopyEdit
from desktop_app.ui.literal_text import plain_label

MAX_EDITOR_LINES = 6


@dataclass
class Draft:
    text: str
    files: list[Outgoing] = field(default_factory=list)
    urgent: bool = False
    reply_to: MessageId | None = None  # the message this text answers
    mentions: tuple[str, ...] = ()  # uids chosen with "@" whose name is still in the text
    escalate_to: str | None = None  # urgent: "Escalate to…" chose this uid (escalate_menu)

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.files


def local_files(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    # A dropped folder goes as one DICOM study (LiveClient.send_files).
    return [p for p in paths if p.is_file() or p.is_dir()]


_POPUP_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Tab,
               Qt.Key.Key_Backtab)  # fmt: skip


class MessageEdit(GuardedCopyEdit):
    """Plain text only; Enter submits; files and pictures from the clipboard are signalled.
    What is copied or cut from it goes through the session's clipboard guard once the
    chat sets ``copy_rule`` (ui/guarded_copy.py)."""

    submitted = Signal()
    files_pasted = Signal(list)  # list[Path]
    image_pasted = Signal(QImage)
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
        self.setTabChangesFocus(True)
        self.popup_open: Callable[[], bool] = lambda: False  # the @mention popup is shown
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(6)
        self.textChanged.connect(self._fit_height)
        self._hints = ("", "")
        self._fit_height()

    def set_hint(self, full: str, short: str = "") -> None:
        """The placeholder: ``full`` where it fits on the line, else ``short`` (a
        placeholder wraps, and its second line was cut in a narrow window)."""
        self._hints = (full, short or full)
        self._show_hint()

    def _show_hint(self) -> None:
        full, short = self._hints
        room = self.viewport().width() - 2 * int(self.document().documentMargin()) - 4
        fits = self.fontMetrics().horizontalAdvance(full) <= room
        shown = (
            full
            if fits
            else self.fontMetrics().elidedText(short, Qt.TextElideMode.ElideRight, room)
        )
        if shown != self.placeholderText():
            self.setPlaceholderText(shown)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.popup_open() and event.key() in _POPUP_KEYS:
            event.ignore()  # the @mention popup chooses or closes (QCompleter forwards these)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        files = local_files(source)
        if files:
            self.files_pasted.emit(files)
            return
        if source.hasImage():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.image_pasted.emit(image)
                return
        if source.hasText():
            self.insertPlainText(source.text())  # never rich text from a web page

    def _fit_height(self) -> None:
        """Grow with the text up to MAX_EDITOR_LINES, then scroll."""
        lines = max(1, int(self.document().size().height()))  # wrapped lines (plain layout)
        shown = min(lines, MAX_EDITOR_LINES)
        chrome = self.height() - self.viewport().height()  # frame, padding, margins
        margin = int(2 * self.document().documentMargin())
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if lines > MAX_EDITOR_LINES
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setFixedHeight(self.fontMetrics().lineSpacing() * shown + margin + chrome + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._show_hint()
        self._fit_height()  # rewrapped at the new width


class Composer(QWidget):
    send_requested = Signal(object)  # Draft
    edit_requested = Signal(str, str)  # message id, new text
    voice_recorded = Signal(bytes, int)  # mono 16-bit PCM in memory, sample rate
    files_added = Signal()  # a message takes shape without typing (services/key_ahead.py)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._files: list[Outgoing] = []
        self._paste_count = 0
        self._reply_to: MessageId | None = None
        self._editing: MessageId | None = None
        self._typed_before_edit = ""
        self.reply_bar = ReplyBar()
        self.reply_bar.cancelled.connect(self.cancel_context)

        self.chips = FileChips(self.remove_file)  # a picture's shows a small preview

        self.attach_button = QToolButton()
        self.attach_button.setIcon(icon("attach"))
        self.attach_button.setAutoRaise(True)
        self.attach_button.setToolTip(self.tr("Attach files (X-ray, ECG, PDF …)"))
        self.attach_button.setAccessibleName(self.tr("Attach files"))
        self.attach_button.clicked.connect(self.choose_files)
        # Right-click / long press on the attach button: a whole study (folder, CD, ZIP).
        self.attach_button.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.study_action = QAction(self.tr("Send study…"), self.attach_button)
        self.study_action.setToolTip(
            self.tr("Send a folder of DICOM files, a patient CD or a ZIP as one study")
        )
        self.study_action.triggered.connect(self.choose_study)
        self.attach_button.addAction(self.study_action)

        self.editor = MessageEdit()
        self.mentions = MentionCompleter(self.editor, self)
        self.editor.popup_open = lambda: self.mentions.popup_visible
        self.editor.setAccessibleName(self.tr("Message"))
        self.editor.submitted.connect(self.submit)
        self.editor.files_pasted.connect(self.add_files)
        self.editor.image_pasted.connect(self.add_image)
        self.editor.escape_pressed.connect(self._escape)

        self.recorder = VoiceRecorder(parent=self)
        self.voice_button = QToolButton()
        self.voice_button.setObjectName("voiceButton")
        self.voice_button.setAutoRaise(True)
        self.voice_button.clicked.connect(self.recorder.toggle)
        self.recorder.recorded.connect(self.voice_recorded)
        self.recorder.state_changed.connect(self._show_recording)
        self.recorder.elapsed.connect(self._show_elapsed)
        self._show_recording(False)

        self.escalate_to: str | None = None  # set by escalate_menu.EscalationChoice
        self.urgent_button = QToolButton()
        self.urgent_button.setObjectName("urgentToggle")
        self.urgent_button.setCheckable(True)
        self.urgent_button.setIcon(icon("urgent", "#c5221f"))
        self.urgent_button.setText(self.tr("Urgent"))
        self.urgent_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.urgent_button.setToolTip(
            self.tr("Mark as urgent: the recipients must acknowledge this message")
        )
        self.urgent_button.setAccessibleName(self.tr("Urgent"))

        self.send_button = QToolButton()
        self.send_button.setObjectName("sendButton")
        self.send_button.setIcon(icon("send", "#ffffff"))
        self.send_button.setToolTip(self.tr("Send (Enter)"))
        self.send_button.setAccessibleName(self.tr("Send"))
        self.send_button.clicked.connect(self.submit)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.editor, 1)
        row.addWidget(self.voice_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.urgent_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(6)
        # A group that removed us: who did, above the draft (which stays, read-only)
        self.removed_note = QLabel()
        plain_label(self.removed_note)  # a colleague's name
        self.removed_note.setObjectName("removedNote")
        self.removed_note.setWordWrap(True)
        self.removed_note.setStyleSheet(
            "QLabel#removedNote { background: #fdecea; color: #8c1d18; padding: 4px 8px; }"
        )
        self.removed_note.hide()
        layout.addWidget(self.removed_note)
        layout.addWidget(self.reply_bar)
        layout.addWidget(self.chips)
        layout.addLayout(row)
        self.set_open(False)

    # ---- state -----------------------------------------------------------------------

    def set_open(self, is_open: bool) -> None:
        """Disabled, with a hint, while no conversation is open."""
        if not is_open:
            self.recorder.cancel()
        self.removed_note.hide()
        self.editor.setReadOnly(False)
        for widget in (
            self.editor,
            self.attach_button,
            self.voice_button,
            self.urgent_button,
            self.send_button,
        ):
            widget.setEnabled(is_open)
        if is_open:
            self.editor.set_hint(
                self.tr("Write a message …  (Enter sends, Shift+Enter: new line)"),
                self.tr("Write a message …"),
            )
        else:
            self.editor.set_hint(self.tr("Choose a conversation on the left to write a message"))

    def set_removed(self, by: str = "") -> None:
        """A group that removed us: nothing can be sent, and a line says who removed us
        (until another chat is opened). A draft stays in the editor, read-only: it can
        still be read and copied, to send elsewhere."""
        self.set_open(False)
        self.editor.setEnabled(True)
        self.editor.setReadOnly(True)
        self.editor.set_hint(self.tr("You are no longer a member of this group."))
        note = (
            self.tr("You were removed from this group by %1.").replace("%1", by)
            if by
            else self.tr("You are no longer a member of this group.")
        )
        self.removed_note.setText(
            note
            + " "
            + self.tr("You can still read it and copy your draft, but not send anything here.")
        )
        self.removed_note.show()

    @property
    def removed(self) -> bool:
        return self.editor.isReadOnly()

    def _may_send(self) -> bool:
        return self.editor.isEnabled() and not self.editor.isReadOnly()

    def files(self) -> list[Outgoing]:
        return list(self._files)

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self._files:
                self._files.append(path)
        self._show_chips()
        if paths:
            self.files_added.emit()

    def add_image(self, image: QImage) -> MemoryFile | None:
        """A pasted picture becomes PNG bytes in memory (see the module comment)."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not QImageWriter(buffer, QByteArray(b"png")).write(image):
            return None
        buffer.close()
        self._paste_count += 1
        name = self.tr("Pasted image %1.png").replace("%1", str(self._paste_count))
        pasted = MemoryFile(name, bytes(data.data()))
        self._files.append(pasted)
        self._show_chips()
        self.files_added.emit()
        return pasted

    def remove_file(self, item: Outgoing) -> None:
        if item in self._files:
            self._files.remove(item)
        self._show_chips()

    def choose_files(self) -> None:
        """The chosen files, then the text: the nurse types her words and presses Enter
        (the keyboard stayed on the paper clip, three Shift+Tabs away, walk 20)."""
        names, _ = file_dialogs.get_open_file_names(self, self.tr("Attach files"))
        self.add_files([Path(n) for n in names])
        if names:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_study(self) -> None:
        """A folder (or a CD with its DICOMDIR) becomes one study attachment."""
        folder = file_dialogs.get_existing_directory(self, self.tr("Send study…"))
        if folder:
            self.add_files([Path(folder)])

    def _show_chips(self) -> None:
        self.chips.show_files(self._files)

    # ---- replying and editing ----------------------------------------------------------

    @property
    def replying_to(self) -> MessageId | None:
        return self._reply_to

    @property
    def editing(self) -> MessageId | None:
        return self._editing

    def draft_text(self) -> str:
        """What to keep as this conversation's draft: while editing a sent message, the
        text typed before the edit (the edited text is not a new message to send)."""
        return self._typed_before_edit if self._editing is not None else self.editor.toPlainText()

    def start_reply(self, message_id: MessageId, sender: str, snippet: str) -> None:
        """The next Send answers this message; the bar shows what is quoted."""
        self.cancel_context()
        self._reply_to = message_id
        self.reply_bar.show_reply(sender, snippet)
        self.editor.setFocus()

    def start_edit(self, message_id: MessageId, text: str) -> None:
        """The text goes into the editor; Send changes the message, Esc cancels."""
        self.cancel_context()
        self._editing = message_id
        self._typed_before_edit = self.editor.toPlainText()
        self.editor.setPlainText(text)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        for widget in (self.attach_button, self.urgent_button):
            widget.setEnabled(False)
        self.reply_bar.show_edit(text)
        self.editor.setFocus()

    def cancel_context(self) -> None:
        """Stop replying or editing (the bar's ✕ or Esc); an edit gives back what was typed."""
        if self._editing is not None:
            self.editor.setPlainText(self._typed_before_edit)
            self._typed_before_edit = ""
            for widget in (self.attach_button, self.urgent_button):
                widget.setEnabled(self.editor.isEnabled())
        self._reply_to = self._editing = None
        self.reply_bar.hide()

    # ---- voice -----------------------------------------------------------------------

    def _escape(self) -> None:
        """Esc: cancels a recording first, then a reply or edit."""
        if self.recorder.recording:
            self.recorder.cancel()
        else:
            self.cancel_context()

    def _show_recording(self, recording: bool) -> None:
        if recording:
            self.voice_button.setText("■ 0:00")
            self.voice_button.setToolTip(self.tr("Recording: click to send, Esc to cancel"))
            self.voice_button.setAccessibleName(self.tr("Stop recording and send"))
        else:
            self.voice_button.setText("🎤")
            self.voice_button.setToolTip(self.tr("Record a voice message"))
            self.voice_button.setAccessibleName(self.tr("Record a voice message"))

    def _show_elapsed(self, ms: int) -> None:
        seconds = ms // 1000
        self.voice_button.setText(f"■ {seconds // 60}:{seconds % 60:02d}")

    # ---- sending ---------------------------------------------------------------------

    def submit(self) -> None:
        if self._editing is not None:
            text = self.editor.toPlainText().strip()
            if text and self._may_send():
                editing = self._editing
                self.cancel_context()  # what was typed before the edit comes back
                self.edit_requested.emit(str(editing), text)
            return
        draft = Draft(
            self.editor.toPlainText().strip(),
            list(self._files),
            self.urgent_button.isChecked(),
            self._reply_to,
            self.mentions.mentions(self.editor.toPlainText()),
            self.escalate_to if self.urgent_button.isChecked() else None,
        )
        if draft.empty or not self._may_send():
            return
        self.mentions.forget()
        self.cancel_context()
        self.editor.clear()
        self._files = []
        self.urgent_button.setChecked(False)
        self._show_chips()
        self.send_requested.emit(draft)

    def take_draft(self) -> Draft:
        """Everything written so far, removed from the composer (switching conversations)."""
        self.cancel_context()
        draft = Draft(self.editor.toPlainText(), list(self._files), self.urgent_button.isChecked())
        self.editor.clear()
        self._files = []
        self.urgent_button.setChecked(False)
        self._show_chips()
        return draft

    def restore(self, draft: Draft) -> None:
        """Put a draft whose send failed back, in front of anything typed since."""
        typed = self.editor.toPlainText()
        text = draft.text if not typed.strip() else f"{draft.text}\n{typed}"
        self.editor.setPlainText(text)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self._files = [*draft.files, *(p for p in self._files if p not in draft.files)]
        self.urgent_button.setChecked(draft.urgent or self.urgent_button.isChecked())
        self._show_chips()

    def clear(self) -> None:
        """Empty everything, pasted pictures included (the lock calls this)."""
        self.cancel_context()
        self.editor.clear()
        self._files = []
        self.urgent_button.setChecked(False)
        self._show_chips()
