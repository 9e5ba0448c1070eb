"""Reminders that fell due while the PC was locked (or the app closed) are not lost: at
unlock one summary names conversation and title only, overdue tasks are highlighted, and
nothing already shown comes again, across locks. Two PCs and a real relay; Jonas's clock
is moved forward as the lock's time passing."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.calendar import CalendarEvent
from desktop_app.domain.tasks import TaskState
from desktop_app.services.reminder_log import CHECKED_KEY
from desktop_app.ui.teamwork import TeamworkHub
from desktop_app.ui.teamwork.due_marker import DueMarker
from desktop_app.ui.teamwork.task_table import OVERDUE
from desktop_app.ui.teamwork.tasks_window import TasksWindow
from tests.ui.chat_support import TIMEOUT_MS, call
from tests.ui.test_teamwork_calendar import two_pcs

SUMMARY = "{} fell due while WardLink was locked or closed: "


def unlock(
    qtbot: QtBot, session: Any, popups: list[tuple[str, str]]
) -> tuple[TeamworkHub, list[int], QAction]:
    """What an unlock builds: a fresh hub, its reminders catching up at once."""
    parent = QWidget()
    qtbot.addWidget(parent)
    hub = TeamworkHub(session.ctx, lambda title, text: popups.append((title, text)), parent)
    missed: list[int] = []
    hub.reminders.missed.connect(missed.append)
    my_tasks = QAction("My tasks", parent)  # as on the main window's toolbar
    DueMarker(my_tasks, hub.reminders.missed, parent)
    qtbot.waitUntil(lambda: hub.reminders.caught_up, timeout=TIMEOUT_MS)
    return hub, missed, my_tasks


def test_what_fell_due_while_locked_comes_once_as_a_summary_at_unlock(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna, jonas, cid = two_pcs(qtbot, gui_ward, live_session)
    tw = jonas.ctx.client.teamwork
    popups: list[tuple[str, str]] = []
    hub, _missed, _action = unlock(qtbot, jonas, popups)  # the first unlock: nothing to catch up
    assert popups == []
    assert tw.teamwork.s.container.settings.get(CHECKED_KEY) is not None

    # Jonas locks. Anna gives him two tasks (one due in 10 minutes, with a patient's
    # name in its notes, one in two hours) and a ward round in 30 minutes.
    hub.clear()
    now = datetime.now().astimezone()
    due = [int((now + timedelta(minutes=m)).timestamp() * 1000) for m in (10, 120)]
    for title, when in (("Kalium kontrollieren", due[0]), ("Entlassbrief", due[1])):
        anna.ctx.bridge.submit(
            lambda title=title, when=when: anna.ctx.client.teamwork.add_task(
                cid, title, assignee="mueller.jonas", due_ms=when, urgent=False,
                notes="Herr Max Mustermann, Zimmer 12", items=(), from_message=None,
            )
        )  # fmt: skip
    start = now + timedelta(minutes=30)
    visit = CalendarEvent(uuid.uuid4().hex, "Visite", start, start + timedelta(hours=1))
    anna.ctx.bridge.submit(lambda: anna.ctx.client.teamwork.save_event(cid, visit))
    qtbot.waitUntil(lambda: len(call(qtbot, jonas, tw.tasks, cid)) == 2, timeout=TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: len(call(qtbot, jonas, tw.occurrences, cid, now, now + timedelta(hours=2))) == 1,
        timeout=TIMEOUT_MS,
    )

    # 40 minutes later he unlocks: one summary with conversation and titles only.
    tw._clock = lambda: now + timedelta(minutes=40)
    # Unlocked and locked again before the summary came: it is not lost but comes next time.
    parent = QWidget()
    qtbot.addWidget(parent)
    quick = TeamworkHub(jonas.ctx, lambda title, text: popups.append((title, text)), parent)
    quick.clear()
    call(qtbot, jonas, lambda: None)  # the catch-up query ran before this
    qtbot.waitUntil(lambda: quick.reminders.caught_up, timeout=TIMEOUT_MS)
    assert popups == []
    hub, missed, action = unlock(qtbot, jonas, popups)
    assert popups == [
        (
            "WardLink reminder",
            SUMMARY.format("2 reminders")
            + "Dr. Anna Weber: Kalium kontrollieren; Dr. Anna Weber: Visite",
        )
    ]
    assert missed == [1]  # one task of his fell due
    assert action.text() == "My tasks (1 fell due)" and action.font().bold()
    action.trigger()  # opening "My tasks" takes the mark away
    assert action.text() == "My tasks" and not action.font().bold()
    assert "Mustermann" not in popups[0][1]

    # The overdue task is highlighted in his list; the later one is not.
    tasks = TasksWindow(jonas.ctx, cid, "Dr. Anna Weber")
    qtbot.addWidget(tasks)
    tasks.show()
    qtbot.waitUntil(lambda: tasks.table.topLevelItemCount() == 2, timeout=TIMEOUT_MS)
    colours = {
        tasks.table.topLevelItem(n).text(0): tasks.table.topLevelItem(n).foreground(0).color()
        for n in range(2)
    }
    assert colours["Kalium kontrollieren"] == OVERDUE
    assert colours["Entlassbrief"] != OVERDUE
    assert all(r.task.state == TaskState.OPEN for r in call(qtbot, jonas, tw.tasks, cid))

    # The live check right after does not repeat them; neither does the next unlock.
    hub.reminders._since = now  # even looking back over the whole lock
    hub.reminders.check()
    call(qtbot, jonas, lambda: None)  # the check ran before this
    qtbot.waitUntil(lambda: hub.reminders._since > now, timeout=TIMEOUT_MS)
    assert len(popups) == 1
    hub.clear()
    hub, missed, action = unlock(qtbot, jonas, popups)
    assert len(popups) == 1 and missed == []

    # Three hours on, after another lock: only the later task, once.
    hub.clear()
    tw._clock = lambda: now + timedelta(hours=3)
    hub, missed, action = unlock(qtbot, jonas, popups)
    assert popups[1:] == [
        ("WardLink reminder", SUMMARY.format("1 reminder") + "Dr. Anna Weber: Entlassbrief")
    ]
    assert missed == [1]
    hub.clear()
