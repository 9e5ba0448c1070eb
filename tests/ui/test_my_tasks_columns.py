""" "My tasks" gives the task's title the room, not the conversation's name: at the
window's default size the Task column takes what is left, the Conversation column is as
wide as its names (up to a cap, the full name then in its tooltip)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork.task_table import CONVERSATION_CHARS
from desktop_app.ui.teamwork.tasks_window import TasksWindow
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.test_attack_rich_text import as_html_shows

TITLE = "Kalium kontrollieren, Blutgasanalyse Zi. 12 und Befund an Dr. Weber"


def _my_tasks(qtbot: QtBot, gui_ward: Any, live_session: Any) -> TasksWindow:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    added: list[object] = []
    anna.ctx.bridge.submit(
        lambda: anna.ctx.client.teamwork.add_task(
            cid, TITLE, assignee="weber.anna", due_ms=None, urgent=False, notes="",
            items=(), from_message=None,
        ),
        done=added.append,
    )  # fmt: skip
    qtbot.waitUntil(lambda: bool(added), timeout=TIMEOUT_MS)
    mine = TasksWindow(anna.ctx, "", "")
    qtbot.addWidget(mine)
    mine.show()
    qtbot.waitUntil(lambda: mine.table.topLevelItemCount() == 1, timeout=TIMEOUT_MS)
    return mine


def test_the_task_column_takes_the_room_and_the_conversation_fits_its_name(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    mine = _my_tasks(qtbot, gui_ward, live_session)
    table = mine.table
    item = table.topLevelItem(0)
    assert [item.text(0), item.text(1)] == ["Jonas Müller", TITLE]
    metrics = table.fontMetrics()
    conversation, task = table.columnWidth(0), table.columnWidth(1)
    assert metrics.horizontalAdvance("Jonas Müller") <= conversation
    assert conversation <= metrics.averageCharWidth() * CONVERSATION_CHARS + 40
    assert task > 2 * conversation  # the title has the room ...
    others = sum(table.columnWidth(c) for c in range(table.columnCount()) if c != 1)
    assert others + task >= table.viewport().width() - 2  # ... all that is left
    assert table.visualItemRect(item).width() >= table.viewport().width() - 2
    assert metrics.horizontalAdvance(TITLE) <= task  # shown whole at the default size


def test_a_long_conversation_name_is_capped_and_shown_whole_in_its_tooltip(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    mine = _my_tasks(qtbot, gui_ward, live_session)
    table = mine.table
    rows = table.rows()
    long_name = "Station 3B Kardiologie – Frühdienst, Spätdienst und Nachtdienst gemeinsam"
    table.show_rows([replace(rows[0], conversation_title=long_name)])
    item = table.topLevelItem(0)
    assert item.text(0) == long_name and item.toolTip(0) == long_name
    limit = table.fontMetrics().averageCharWidth() * CONVERSATION_CHARS + 40
    assert table.columnWidth(0) <= limit < table.fontMetrics().horizontalAdvance(long_name)
    assert table.columnWidth(1) > table.columnWidth(0)


def test_an_overdue_task_is_marked_on_its_title_which_is_whole_on_hover(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    mine = _my_tasks(qtbot, gui_ward, live_session)
    table = mine.table
    table.show_rows([replace(table.rows()[0], overdue=True)])
    item = table.topLevelItem(0)
    assert item.font(1).bold() and not item.font(0).bold()  # the task, not its chat
    assert as_html_shows(item.toolTip(1)) == f"Overdue\n{TITLE}"
    assert as_html_shows(item.toolTip(0)) == "Jonas Müller"
    table.show_rows([replace(table.rows()[0], overdue=False)])
    item = table.topLevelItem(0)
    assert not item.font(1).bold() and as_html_shows(item.toolTip(1)) == TITLE


def test_titles_that_look_like_html_show_as_written_in_the_tooltips(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    mine = _my_tasks(qtbot, gui_ward, live_session)
    table = mine.table
    row = table.rows()[0]
    group = "<b>Station 3B</b><img src='data:image/png;base64,AAAA'>"
    title = "<i>Kalium</i> & <img src='/etc/hosts'> kontrollieren"
    table.show_rows([replace(row, conversation_title=group, task=replace(row.task, title=title))])
    item = table.topLevelItem(0)
    assert as_html_shows(item.toolTip(0)) == group
    assert as_html_shows(item.toolTip(1)) == title
