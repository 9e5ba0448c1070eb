"""Typing indicator and message info in the GUI, between PCs through a real relay:
"Jonas Müller is typing…" appears under the title and goes again; "Message info" on my
message lists the members by name with their delivered/read times or "not yet"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import MessageId
from desktop_app.domain.model import MessageState
from desktop_app.services.message_info import MemberReceipts, MessageInfo
from desktop_app.services.policy import Policy
from desktop_app.services.typing import TypingNow
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.menu import message_menu
from desktop_app.ui.chat.message_info import MessageInfoDialog
from tests.ui.chat_support import TIMEOUT_MS, chat_view, wait_row
from tests.ui.test_chat_forward_mentions import message_action, submit

__all__ = ["chat_view"]  # the fixture

ON = Policy(receipts=True, typing_indicator=True)


def _dialog(qtbot: QtBot, view: ChatView) -> MessageInfoDialog:
    found: list[MessageInfoDialog] = []

    def opened() -> bool:
        found[:] = [d for d in view.findChildren(MessageInfoDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(opened, timeout=TIMEOUT_MS)
    return found[0]


def test_typing_label_and_message_info_between_pcs(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    gui_ward.enroll("schmidt.lena")  # a member whose PC stays off: "not yet"
    anna = live_session(gui_ward, "weber.anna", rules=ON)
    jonas = live_session(gui_ward, "mueller.jonas", rules=ON)
    group = submit(
        qtbot,
        anna,
        lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas", "schmidt.lena"]),
    )
    anna_view, jonas_view = chat_view(anna), chat_view(jonas)
    anna_view.show_conversation(group, "Station 3B")
    jonas_view.show_conversation(group, "Station 3B")

    # Jonas types: Anna sees it under the title.
    qtbot.keyClicks(jonas_view.composer.editor, "Zimmer 12")
    label = anna_view.typing_label
    qtbot.waitUntil(label.isVisible, timeout=TIMEOUT_MS)
    assert label.text() == "Jonas Müller is typing…"
    # His message arrives: it goes at once.
    qtbot.keyClick(jonas_view.composer.editor, "\r")
    wait_row(qtbot, anna_view, lambda r: r.message.body == "Zimmer 12")
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=TIMEOUT_MS)
    # Unrenewed, it expires by itself.
    label.on_typing(TypingNow(group, ("Jonas Müller",), 0.05))
    assert label.isVisible()
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=TIMEOUT_MS)
    label.on_typing(TypingNow("another chat", ("Jonas Müller",)))
    assert not label.isVisible()

    # Message info: only on my own messages ...
    his = anna_view.model.rows()[-1]
    menu = message_menu(anna_view, anna_view.model.index_of(his.message_id), None)
    assert not his.mine and "Message info" not in [a.text() for a in menu.actions()]
    # ... and Jonas got and read it, while Lena's PC never connected.
    sent = submit(qtbot, anna, lambda: anna.ctx.client.send_text(group, "Visite 14 Uhr"))
    wait_row(qtbot, jonas_view, lambda r: r.message_id == sent.message_id)
    submit(qtbot, jonas, lambda: jonas.ctx.client.mark_read(group))
    wait_row(
        qtbot,
        anna_view,
        lambda r: r.message_id == sent.message_id and r.message.state is MessageState.READ,
    )
    message_action(anna_view, sent.message_id, "Message info").trigger()
    dialog = _dialog(qtbot, anna_view)
    cells = dialog.cells()
    assert [c[0] for c in cells] == ["Dr. Lena Schmidt", "Jonas Müller"]
    lena, jonas_row = cells
    assert lena[1:] == ["not yet", "not yet"]
    assert "not yet" not in jonas_row[1:] and all(jonas_row[1:])
    assert dialog.note.isHidden()


def test_with_receipts_off_only_acknowledgements_are_shown(qtbot: QtBot) -> None:
    at = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    info = MessageInfo(
        MessageId("m1"),
        at,
        urgent=True,
        receipts_shown=False,
        members=(
            MemberReceipts("mueller.jonas", "Jonas Müller", None, None, at),
            MemberReceipts("schmidt.lena", "Dr. Lena Schmidt", None, None, None),
        ),
    )
    dialog = MessageInfoDialog(info)
    qtbot.addWidget(dialog)
    headers = [
        dialog.table.horizontalHeaderItem(c).text()  # type: ignore[union-attr]
        for c in range(dialog.table.columnCount())
    ]
    assert headers == ["Member", "Acknowledged"]
    assert dialog.cells()[1] == ["Dr. Lena Schmidt", "not yet"]
    assert dialog.cells()[0][1] != "not yet"
    assert not dialog.note.isHidden()
    assert "switched off" in dialog.note.text() and "always shown" in dialog.note.text()
