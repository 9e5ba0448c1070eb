"""The red urgent banner forgets an urgent message once it is deleted on this PC.

Found in the deletion audit (docs/privacy.md "What deleting leaves"): the banner keeps
the rows it was handed, with up to 200 characters of the text, and heard only of new or
changed messages. After "Delete conversation" (or retention, or the disappearing-messages
timer, which announce themselves the same way) it went on showing "URGENT from Dr. Anna
Weber: RR 168/96 …" above the chat, to whoever stood at the ward PC, and rang for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.chat_support import TIMEOUT_MS, chat_view, start_direct
from tests.ui.test_chat_delete import answer
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture

TEXT = "RR 168/96, Puls 112. Bitte kommen!"


def banner_showing_urgent(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> tuple[Any, MainWindow, Any]:
    """Anna's urgent message on Jonas's banner: (Anna, his main window, the message)."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    urgent = submit(qtbot, anna, lambda: anna.ctx.client.send_text(cid, TEXT, urgent=True))
    main = MainWindow(jonas.ctx, chat_view(jonas), None, lambda _t, _x: None)
    qtbot.addWidget(main)
    main.show()
    main.reload()
    qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 1, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: main.banner.isVisible(), timeout=TIMEOUT_MS)
    assert "RR 168/96" in main.banner.text.text()
    return anna, main, urgent


def forgotten(qtbot: QtBot, main: MainWindow) -> None:
    """The banner is gone, waits for nothing and holds none of the text."""
    qtbot.waitUntil(lambda: not main.banner.isVisible(), timeout=TIMEOUT_MS)
    assert main.banner.waiting() == []
    assert "RR 168/96" not in main.banner.text.text()


def test_deleting_the_conversation_takes_its_urgent_text_off_the_banner(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, monkeypatch: Any
) -> None:
    _anna, main, _urgent = banner_showing_urgent(qtbot, gui_ward, live_session, chat_view)

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    (row,) = main.conversations.model.rows()
    main.conversations.delete(row)
    qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 0, timeout=TIMEOUT_MS)
    forgotten(qtbot, main)


def test_an_urgent_message_deleted_for_everyone_leaves_the_banner(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna, main, urgent = banner_showing_urgent(qtbot, gui_ward, live_session, chat_view)

    submit(qtbot, anna, lambda: anna.ctx.client.delete_for_everyone(urgent.message_id))
    forgotten(qtbot, main)


def test_the_lock_leaves_no_urgent_text_in_the_hidden_banner(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """Locking clears views, not just covers them (docs/DESIGN.md §5): the hidden label
    kept the text until the next urgent message replaced it."""
    main = banner_showing_urgent(qtbot, gui_ward, live_session, chat_view)[1]
    main.clear()
    assert not main.banner.isVisible()
    assert main.banner.text.text() == ""
