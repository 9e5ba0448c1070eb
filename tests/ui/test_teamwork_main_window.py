"""The teamwork windows reached from the main window and the chat header, the duty
strip above the conversations, the task's link back into the chat, and the lock
closing every teamwork window (nothing decrypted stays on screen)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QFormLayout
from pytestqt.qtbot import QtBot

from desktop_app.domain.calendar import CalendarEvent
from desktop_app.services import directory_view
from desktop_app.ui.chat import ChatView
from desktop_app.ui.directory.card import PersonCardView
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.test_chat_replies_reactions import send


def test_tasks_calendar_and_duties_from_the_main_window(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    chat = ChatView(anna.ctx)
    popups: list[tuple[str, str]] = []
    main = MainWindow(anna.ctx, chat, None, lambda t, x: popups.append((t, x)))
    qtbot.addWidget(main)
    main.show()
    main.reload()
    qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 1, timeout=TIMEOUT_MS)
    main.open_conversation(cid, "")
    assert chat.tasks_button.isVisible() and chat.calendar_button.isVisible()

    chat.tasks_button.click()
    tasks = main.teamwork.tasks[cid]
    assert tasks.isVisible() and tasks.windowTitle() == "Tasks — Jonas Müller"
    chat.calendar_button.click()
    calendar = main.teamwork.calendars[cid]
    assert calendar.isVisible() and calendar.windowTitle() == "Calendar — Jonas Müller"
    # Placed over the main window, on the screen (the week view's minimum width is wider
    # than the 800 px offscreen screen, so it only starts on it).
    screen = tasks.screen().availableGeometry()
    assert screen.contains(tasks.geometry()), (tasks.geometry(), screen)
    assert screen.contains(calendar.geometry().topLeft())
    for window in (tasks, calendar):
        assert window.geometry().contains(main.frameGeometry().center())
    main.my_tasks_action.trigger()
    mine = main.teamwork.tasks[""]
    assert mine.isVisible() and mine.windowTitle() == "My tasks"

    # A shift going on now shows above the conversations.
    assert not main.duties.isVisible()
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    shift = CalendarEvent(
        uuid.uuid4().hex,
        "Dienst",
        now - timedelta(hours=1),
        now + timedelta(hours=1),
        duty_role="dienstarzt.kardio",
        duty_holder="weber.anna",
    )
    anna.ctx.bridge.submit(lambda: anna.ctx.client.teamwork.save_event(cid, shift))
    end = now + timedelta(hours=1)  # after 23:00 the shift ends tomorrow: strip and card say so
    until = f"{end:%H:%M}" if end.date() == now.date() else f"tomorrow {end:%H:%M}"
    qtbot.waitUntil(main.duties.isVisible, timeout=TIMEOUT_MS)
    assert main.duties.text() == (
        f"On duty now: Dienstarzt Kardiologie – Dr. Anna Weber until {until}"
    )

    # The functional account's directory card: on duty now and next, by the calendar.
    tomorrow = now + timedelta(days=1)
    nxt = CalendarEvent(
        uuid.uuid4().hex,
        "Dienst",
        tomorrow,
        tomorrow + timedelta(hours=8),
        duty_role="dienstarzt.kardio",
        duty_holder="mueller.jonas",
    )
    saved: list[Any] = []
    anna.ctx.bridge.submit(lambda: anna.ctx.client.teamwork.save_event(cid, nxt), done=saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=TIMEOUT_MS)
    found: list[Any] = []
    anna.ctx.bridge.submit(
        lambda: directory_view.card(anna.ctx.client, "dienstarzt.kardio"), done=found.append
    )
    qtbot.waitUntil(lambda: bool(found), timeout=TIMEOUT_MS)
    view = PersonCardView()
    qtbot.addWidget(view)
    view.show_card(found[-1])
    rows = {
        view.form.itemAt(n, QFormLayout.ItemRole.LabelRole).widget().text(): view.form.itemAt(
            n, QFormLayout.ItemRole.FieldRole
        )
        .widget()
        .text()
        for n in range(view.form.rowCount())
    }
    assert rows["On duty now"] == f"Dr. Anna Weber until {until}"
    assert rows["Next on duty"] == f"Jonas Müller from tomorrow {tomorrow:%H:%M}"
    assert rows["Held now by"] == "Dr. Anna Weber"

    # A task's link opens the chat at its message.
    for n in range(3):
        send(qtbot, chat, f"Nachricht {n}")
    target = send(qtbot, chat, "EKG Zimmer 12")
    send(qtbot, chat, "Danach")
    main.open_task_message(cid, str(target.message_id))
    qtbot.waitUntil(
        lambda: chat.list.currentIndex() == chat.model.index_of(target.message_id),
        timeout=TIMEOUT_MS,
    )

    # The lock clears the main window: every teamwork window closes, the strip empties.
    main.clear()
    assert not tasks.isVisible() and not calendar.isVisible() and not mine.isVisible()
    assert main.teamwork.tasks == {} and not main.duties.isVisible()
    assert not main.teamwork.reminders.timer.isActive()
    chat.clear()
