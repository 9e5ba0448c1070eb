"""A search result says when as the chat does: "Heute 21:06" / "Gestern 19:45" / the
weekday within a week, a date only beyond (walk 19: today's hits read "07.12.26 21:06"
while the chat above them said "Heute")."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui import dates
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.search_results import when_text
from tests.ui.chat_support import TIMEOUT_MS, anna_and_jonas_chatting, chat_view
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture


def test_todays_search_hit_says_heute(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, german: None
) -> None:
    two = anna_and_jonas_chatting(qtbot, gui_ward, live_session, chat_view)
    client = two.anna.ctx.client
    sent = submit(qtbot, two.anna, lambda: client.send_text(two.cid, "Kalium 6,1 mmol/l"))
    main = MainWindow(two.jonas.ctx, two.jonas_view, None, lambda _t, _x: None)
    qtbot.addWidget(main)
    main.show()
    main.conversations.reload()
    qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 1, timeout=TIMEOUT_MS)
    qtbot.keyClicks(main.conversations.search, "kalium")
    results = main.conversations.results
    qtbot.waitUntil(lambda: results.list.count() == 1, timeout=TIMEOUT_MS)
    label = results.list.itemWidget(results.list.item(0))
    assert isinstance(label, QLabel)
    shown = label.text()
    assert f"Heute {dates.clock(sent.message.sent_at)}" in shown, shown
    spoken = results.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Heute " in spoken


def test_older_hits_say_yesterday_the_weekday_or_the_date(german: None) -> None:
    today = date(2026, 12, 7)  # a Monday
    at = datetime(2026, 12, 7, 19, 45).astimezone()
    assert when_text(at - timedelta(days=1), today) == "Gestern 19:45"
    assert when_text(at - timedelta(days=3), today) == "Freitag 19:45"
    assert when_text(at - timedelta(days=10), today) == "27.11.26 19:45"
