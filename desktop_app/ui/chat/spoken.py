"""What a screen reader says for a message: sender, time, urgency, quote, text, files,
edits, forwards, mentions and reactions. The strings keep the translation context
"MessageModel" (the model answered AccessibleTextRole itself before), so their German
translations stay."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.model import MessageKind
from desktop_app.services.live_views import MessageRow
from desktop_app.ui.chat import system_text
from desktop_app.ui.chat.formatting import clock_text


def spoken(row: MessageRow) -> str:
    """One message as a sentence for the model's AccessibleTextRole."""
    message = row.message
    if message.kind is MessageKind.SYSTEM:
        return system_text.render(message.body)
    who = QCoreApplication.translate("MessageModel", "You") if row.mine else row.sender_name
    parts = [f"{who}, {clock_text(message.sent_at)}"]
    if message.urgent:
        parts.append(QCoreApplication.translate("MessageModel", "urgent"))
    if row.quote is not None:
        quoted = row.quote.sender_name
        if row.quote.deleted:
            quoted = QCoreApplication.translate("MessageModel", "deleted message")
        text = QCoreApplication.translate("MessageModel", "reply to %1")
        parts.append(text.replace("%1", quoted))
    if message.body:
        parts.append(message.body)
    for a in message.attachments:
        text = QCoreApplication.translate("MessageModel", "Attachment %1")
        parts.append(text.replace("%1", a.file_name))
    if message.edited_at is not None:
        parts.append(QCoreApplication.translate("MessageModel", "edited"))
    if message.forwarded:
        parts.append(QCoreApplication.translate("MessageModel", "forwarded"))
    if row.mentions_me:
        parts.append(QCoreApplication.translate("MessageModel", "mentions you"))
    if row.reactions:
        chips = ", ".join(f"{c.emoji} {len(c.names)}" for c in row.reactions)
        text = QCoreApplication.translate("MessageModel", "reactions: %1")
        parts.append(text.replace("%1", chips))
    return ": ".join(parts[:1]) + (": " + ". ".join(parts[1:]) if len(parts) > 1 else "")
