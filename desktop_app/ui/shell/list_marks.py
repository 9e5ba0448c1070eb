"""A person's own marks in the conversation list, as in the messengers ward staff know:
up to three conversations pinned to the top (the ward group, the duty doctor's account)
and "Mark as unread" to come back to one later. Both stay on this PC (the container)
and tell nobody."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from desktop_app.services.live_convo import MAX_PINNED_CHATS
from desktop_app.services.live_views import ConversationRow

PIN_MARK = "📌"  # beside the time of a conversation pinned to the top


def add_list_actions(
    menu: QMenu,
    row: ConversationRow,
    pinned_count: int,
    pin: Callable[[bool], None],
    mark_unread: Callable[[], None],
) -> None:
    """ "Pin to top" / "Unpin from top" and "Mark as unread" for ``row``."""
    if row.pinned:
        menu.addAction(
            QCoreApplication.translate("ListMarks", "Unpin from top"), lambda: pin(False)
        )
    else:
        action = menu.addAction(
            QCoreApplication.translate("ListMarks", "Pin to top"), lambda: pin(True)
        )
        if pinned_count >= MAX_PINNED_CHATS:
            action.setEnabled(False)
            action.setToolTip(
                QCoreApplication.translate(
                    "ListMarks", "At most %1 conversations can be pinned; unpin one first."
                ).replace("%1", str(MAX_PINNED_CHATS))
            )
    if not row.unread:
        menu.addAction(QCoreApplication.translate("ListMarks", "Mark as unread"), mark_unread)
