""" "Open" on the red urgent banner shows the urgent message itself, not the bottom of its
conversation. (Seen in the walk as the physician: the banner said "URGENT from Jörg
Bauer: RR 168/96 …", Open showed the chat's newest messages and the urgent one was
scrolled out of sight above them, with its Acknowledge button.)"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.chat_support import TIMEOUT_MS, chat_view, start_direct
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture

LATER = 30  # messages after the urgent one: more than a window shows


def in_view(chat: ChatView, message_id: str) -> bool:
    index = chat.model.index_of(message_id)
    if not index.isValid():
        return False
    return chat.list.viewport().rect().intersects(chat.list.visualRect(index))


def test_open_on_the_banner_scrolls_to_the_urgent_message(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    client = anna.ctx.client
    urgent = submit(
        qtbot,
        anna,
        lambda: client.send_text(cid, "RR 168/96, Puls 112. Bitte kommen!", urgent=True),
    )

    async def later() -> None:
        for n in range(LATER):
            await client.send_text(cid, f"Befund {n}:\nKalium 4,{n % 10} mmol/l\nNatrium 139")

    submit(qtbot, anna, later)

    chat = chat_view(jonas)
    main = MainWindow(jonas.ctx, chat, None, lambda _t, _x: None)
    qtbot.addWidget(main)
    main.resize(1000, 600)
    main.show()
    main.reload()
    qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 1, timeout=TIMEOUT_MS)
    main.open_conversation(cid, "")
    last = f"Befund {LATER - 1}:"
    qtbot.waitUntil(
        lambda: any(r.message.body.startswith(last) for r in chat.model.rows()),
        timeout=TIMEOUT_MS,
    )
    chat.list.scrollToBottom()  # he read the newest ones; the urgent one waits above
    qtbot.waitUntil(lambda: main.banner.isVisible(), timeout=TIMEOUT_MS)
    assert main.banner.text.text().startswith("URGENT from Dr. Anna Weber: RR 168/96")
    assert not in_view(chat, urgent.message_id)

    qtbot.mouseClick(main.banner.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: in_view(chat, urgent.message_id), timeout=TIMEOUT_MS)
    assert main.current_conversation() == cid
