"""The context menu of a message: acknowledge, reply, react, edit (own text), edit
history, pin/unpin, make task, forward (policy), message info (own), open, export (policy
and warning), copy (policy; through the clipboard guard, which clears it again on lock),
delete for everyone (own), delete for me."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from desktop_app.domain.model import Attachment, AttachmentState, MessageKind
from desktop_app.protocol.content import REACTIONS
from desktop_app.services.live_views import MessageRow, ReactionChip
from desktop_app.ui.chat import model as roles
from desktop_app.ui.chat import system_text
from desktop_app.ui.chat.formatting import AttachmentKind, attachment_kind
from desktop_app.ui.chat.layout import Card
from desktop_app.ui.chat.message_info import show_message_info
from desktop_app.ui.chat.voice_player import SPEEDS

if TYPE_CHECKING:
    from desktop_app.ui.chat.view import ChatView

REPLY_SHORTCUT = "Ctrl+R"  # also bound on the message list (view.py)


def message_menu(
    view: ChatView, index: QModelIndex, target: Card | ReactionChip | str | None
) -> QMenu:
    row = index.data(roles.ROW)
    assert isinstance(row, MessageRow)
    menu = QMenu(view)
    menu.setToolTipsVisible(True)
    if row.needs_my_ack:
        menu.addAction(
            QCoreApplication.translate("ChatView", "Acknowledge"),
            lambda: view.commands.acknowledge(row.message_id),
        )
    live = row.message.kind is MessageKind.TEXT and row.message.deleted_at is None
    if live:
        _conversation_actions(view, menu, row)
    files: list[Attachment] = (
        [target.attachment] if isinstance(target, Card) else list(row.message.attachments)
    )
    for attachment in files:
        name = attachment.file_name
        if attachment.state is AttachmentState.FAILED:
            menu.addAction(
                QCoreApplication.translate("ChatView", "Retry download of %1").replace("%1", name),
                partial(view.commands.retry_download, attachment),
            )
            continue
        menu.addAction(
            QCoreApplication.translate("ChatView", "Open %1").replace("%1", name),
            partial(view.open_attachment, attachment),
        )
        if attachment_kind(attachment) is AttachmentKind.DICOM:
            menu.addAction(
                QCoreApplication.translate("ChatView", "Compare with…"),
                partial(view.opener.compare.start, attachment),
            )
        export = menu.addAction(
            QCoreApplication.translate("ChatView", "Export %1 …").replace("%1", name),
            partial(view.exporter.start, attachment),
        )
        if not view.exporter.allowed:
            export.setEnabled(False)
            export.setText(
                QCoreApplication.translate(
                    "ChatView", "Export %1 … (switched off by policy)"
                ).replace("%1", name)
            )
            export.setToolTip(view.exporter.policy_text())
    if row.voice is not None:
        speeds = menu.addMenu(QCoreApplication.translate("ChatView", "Playback speed"))
        for speed in SPEEDS:
            action = speeds.addAction(f"{speed:g}×", partial(view.voice.set_speed, speed))
            action.setCheckable(True)
            action.setChecked(speed == view.voice.speed)
    if row.message.body:
        if not menu.isEmpty():
            menu.addSeparator()
        body = row.message.body
        if row.message.kind is MessageKind.SYSTEM:
            body = system_text.render(body)
        copy = menu.addAction(
            QCoreApplication.translate("ChatView", "Copy text"),
            lambda: view.ctx.clipboard.copy(body),
        )
        if not view.ctx.copy_allowed:
            copy.setEnabled(False)
            copy.setText(
                QCoreApplication.translate("ChatView", "Copy text (switched off by policy)")
            )
    if not menu.isEmpty():
        menu.addSeparator()
    if live and row.mine:
        menu.addAction(
            QCoreApplication.translate("ChatView", "Delete for everyone …"),
            lambda: view.message_actions.delete_for_everyone(row),
        )
    menu.addAction(
        QCoreApplication.translate("ChatView", "Delete for me …"),
        lambda: view.commands.delete_message(row.message_id),
    )
    return menu


def _conversation_actions(view: ChatView, menu: QMenu, row: MessageRow) -> None:
    """Reply, the six reactions (mine checked: choosing it again removes it), edit."""
    reply = menu.addAction(
        QCoreApplication.translate("ChatView", "Reply"), lambda: view.message_actions.reply(row)
    )
    reply.setShortcut(QKeySequence(REPLY_SHORTCUT))
    react = menu.addMenu(QCoreApplication.translate("ChatView", "React"))
    mine = next((c.emoji for c in row.reactions if c.mine), None)
    for emoji in REACTIONS:
        action = react.addAction(emoji, partial(view.message_actions.react, row, emoji))
        action.setCheckable(True)
        action.setChecked(emoji == mine)
    # Never an urgent message: its acknowledgements answer its text (message_events.py).
    if row.mine and row.message.body and not row.message.attachments and not row.message.urgent:
        menu.addAction(
            QCoreApplication.translate("ChatView", "Edit"),
            lambda: view.message_actions.start_edit(row),
        )
    if row.message.edited_at is not None:
        menu.addAction(
            QCoreApplication.translate("ChatView", "Show edit history"),
            lambda: view.message_actions.show_history(row),
        )
    pinned = row.message_id in view.pinned_bar.ids
    unpin = QCoreApplication.translate("ChatView", "Unpin")
    pin = QCoreApplication.translate("ChatView", "Pin")
    toggle = menu.addAction(
        unpin if pinned else pin, lambda: view.pinned_bar.pin(row.message_id, not pinned)
    )
    if not pinned and view.pinned_bar.full:
        toggle.setEnabled(False)
        toggle.setToolTip(
            QCoreApplication.translate(
                "ChatView", "At most 3 messages can be pinned; unpin one first."
            )
        )
    if row.message.body:
        menu.addAction(
            QCoreApplication.translate("ChatView", "Make task …"), lambda: view.make_task(row)
        )
    forward = menu.addAction(
        QCoreApplication.translate("ChatView", "Forward …"),
        lambda: view.message_actions.forward(row),
    )
    if not view.ctx.client.forward_allowed:
        forward.setEnabled(False)
        forward.setText(
            QCoreApplication.translate("ChatView", "Forward … (switched off by policy)")
        )
        forward.setToolTip(
            QCoreApplication.translate(
                "ChatView", "Forwarding messages is switched off by your IT department."
            )
        )
    if row.mine:
        menu.addAction(
            QCoreApplication.translate("ChatView", "Message info"),
            lambda: show_message_info(view, row),
        )
    menu.addSeparator()
