"""Tasks in the desktop app between two PCs through a real relay: the task list, the
add/edit dialog, state buttons, "Make task" on a message with its link back, "My tasks"
(a role I hold), overdue highlighting, reminders and the handover PDF."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.tasks import TaskState
from desktop_app.ui.teamwork import TeamworkHub
from desktop_app.ui.teamwork.handover import HandoverWindow
from desktop_app.ui.teamwork.task_dialog import TaskDialog
from desktop_app.ui.teamwork.task_table import OVERDUE
from desktop_app.ui.teamwork.tasks_window import TasksWindow
from tests.services.test_export import pdf_texts
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, start_direct
from tests.ui.test_chat_replies_reactions import menu_action, send

__all__ = ["chat_view"]  # the fixture


def shown(qtbot: QtBot, window: QWidget) -> QWidget:
    qtbot.addWidget(window)
    window.show()
    return window


def table_texts(window: TasksWindow) -> list[list[str]]:
    table = window.table
    return [
        [table.topLevelItem(n).text(c) for c in range(table.columnCount())]
        for n in range(table.topLevelItemCount())
    ]


def wait_dialog(qtbot: QtBot, window: TasksWindow) -> TaskDialog:
    qtbot.waitUntil(
        lambda: window.dialog is not None and window.dialog.isVisible(), timeout=TIMEOUT_MS
    )
    assert window.dialog is not None
    return window.dialog


def test_tasks_travel_between_two_pcs_and_show_what_the_ward_needs(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")  # holds "Dienstarzt Kardiologie"
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    greeting: list[object] = []
    anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(cid, "Hallo"), done=greeting.append)
    qtbot.waitUntil(
        lambda: any(
            r.conversation_id == cid for r in call(qtbot, jonas, jonas.ctx.client.conversations)
        ),
        timeout=TIMEOUT_MS,
    )
    anna_tasks = shown(qtbot, TasksWindow(anna.ctx, cid, "Jonas Müller"))
    jonas_tasks = shown(qtbot, TasksWindow(jonas.ctx, cid, "Dr. Anna Weber"))
    qtbot.waitUntil(lambda: anna_tasks.empty.text() == "No tasks yet.", timeout=TIMEOUT_MS)

    # Jonas adds a task for the duty doctor's role, due an hour ago: overdue everywhere.
    qtbot.waitUntil(lambda: jonas_tasks.add_button.isEnabled())
    jonas_tasks.add_button.click()
    dialog = wait_dialog(qtbot, jonas_tasks)
    dialog.title_edit.setText("Kalium kontrollieren")
    for text in ("Blut abnehmen", "Wert eintragen"):
        dialog.new_item.setText(text)
        dialog.new_item.returnPressed.emit()
    dialog.assignee_box.setCurrentIndex(dialog.assignee_box.findText("Dienstarzt Kardiologie"))
    dialog.due_check.setChecked(True)
    past = int((time.time() - 3600) * 1000)
    dialog.due_edit.setDateTime(dialog.due_edit.dateTime().fromMSecsSinceEpoch(past))
    dialog.urgent_check.setChecked(True)
    dialog.ok_button.click()

    def anna_sees(state: str) -> bool:
        texts = table_texts(anna_tasks)
        return bool(texts) and texts[0][0] == "Kalium kontrollieren" and texts[0][5] == state

    qtbot.waitUntil(lambda: anna_sees("Open"), timeout=TIMEOUT_MS)
    (row,) = table_texts(anna_tasks)
    assert row[1] == "0/2"  # its checklist: nothing done yet
    assert row[2] == "Dienstarzt Kardiologie" and row[4] == "Urgent"
    item = anna_tasks.table.topLevelItem(0)
    assert item.foreground(0).color() == OVERDUE
    assert item.toolTip(0).splitlines() == ["Overdue", "Kalium kontrollieren"]
    assert item.font(0).bold()  # on the task's title

    # Anna holds the role now: the task is among her tasks, with the conversation named.
    mine = shown(qtbot, TasksWindow(anna.ctx, "", ""))
    qtbot.waitUntil(lambda: len(table_texts(mine)) == 1, timeout=TIMEOUT_MS)
    assert table_texts(mine)[0][:2] == ["Jonas Müller", "Kalium kontrollieren"]
    assert not mine.add_button.isVisible()

    # Reminders name only the conversation and the title.
    popups: list[tuple[str, str]] = []
    hub = TeamworkHub(anna.ctx, lambda title, text: popups.append((title, text)), anna_tasks)
    hub.reminders._since = hub.reminders._since.fromtimestamp(past / 1000 - 60).astimezone()
    hub.reminders.check()
    qtbot.waitUntil(lambda: bool(popups), timeout=TIMEOUT_MS)
    assert popups == [("WardLink reminder", "Jonas Müller: Kalium kontrollieren is due now")]
    hub.reminders.check()  # nothing new falls due: no second popup
    qtbot.wait(200)
    assert len(popups) == 1

    # The handover: open tasks by assignee, exported as PDF after the warning.
    handover = shown(qtbot, HandoverWindow(anna.ctx, cid, "Jonas Müller"))
    qtbot.waitUntil(lambda: handover.tree.topLevelItemCount() == 1, timeout=TIMEOUT_MS)
    assert handover.tree.topLevelItem(0).text(0) == "Dienstarzt Kardiologie (1)"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    pdf = tmp_path / "handover.pdf"
    handover.export_pdf(str(pdf))
    qtbot.waitUntil(lambda: handover.status.text() == "PDF exported.", timeout=TIMEOUT_MS)
    text = "\n".join(pdf_texts(pdf.read_bytes()))
    assert "Kalium kontrollieren" in text and "Blut abnehmen" in text

    # Anna starts it, Jonas sees it in progress; Jonas marks it done, it leaves "My tasks".
    anna_tasks.table.setCurrentItem(anna_tasks.table.topLevelItem(0))
    anna_tasks.start_button.click()
    qtbot.waitUntil(
        lambda: bool(table_texts(jonas_tasks)) and table_texts(jonas_tasks)[0][5] == "In progress",
        timeout=TIMEOUT_MS,
    )
    jonas_tasks.table.setCurrentItem(jonas_tasks.table.topLevelItem(0))
    jonas_tasks.done_button.click()
    qtbot.waitUntil(lambda: anna_sees("Done"), timeout=TIMEOUT_MS)
    assert anna_tasks.table.topLevelItem(0).foreground(0).color() != OVERDUE
    # A finished task cannot be started or finished again from the buttons (seen in the
    # demo: both stayed enabled); editing it (to reopen it) and cancelling it still can.
    anna_tasks.table.setCurrentItem(anna_tasks.table.topLevelItem(0))
    assert not anna_tasks.start_button.isEnabled() and not anna_tasks.done_button.isEnabled()
    assert anna_tasks.cancel_button.isEnabled() and anna_tasks.edit_button.isEnabled()
    mine.reload()
    qtbot.waitUntil(lambda: table_texts(mine) == [], timeout=TIMEOUT_MS)

    # Edit: the dialog shows the task; a changed title reaches the other PC.
    jonas_tasks.edit()
    edit = wait_dialog(qtbot, jonas_tasks)
    assert [t for _i, t, _d in edit.checklist()] == ["Blut abnehmen", "Wert eintragen"]
    assert edit.state_box.currentData() == TaskState.DONE.value
    edit.title_edit.setText("Kalium kontrolliert")
    edit.items_list.item(0).setCheckState(Qt.CheckState.Checked)  # ticked
    edit.items_list.item(1).setText("Wert in die Kurve")  # renamed
    edit.new_item.setText("Arzt informieren")  # typed, then OK: added too
    edit.ok_button.click()

    def anna_checklist() -> list[tuple[str, bool]]:
        rows = anna_tasks.table.rows()
        return [(i.text, i.done) for i in rows[0].task.items] if rows else []

    qtbot.waitUntil(
        lambda: (
            anna_checklist()
            == [("Blut abnehmen", True), ("Wert in die Kurve", False), ("Arzt informieren", False)]
        ),
        timeout=TIMEOUT_MS,
    )
    assert table_texts(anna_tasks)[0][0] == "Kalium kontrolliert"

    # Cancelled on one PC, cancelled on the other.
    anna_tasks.table.setCurrentItem(anna_tasks.table.topLevelItem(0))
    anna_tasks.cancel_button.click()
    qtbot.waitUntil(
        lambda: bool(table_texts(jonas_tasks)) and table_texts(jonas_tasks)[0][5] == "Cancelled",
        timeout=TIMEOUT_MS,
    )
    hub.clear()


def test_make_task_from_a_message_links_back_to_it(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    message = send(qtbot, view, "Bitte   Zimmer 12\nEKG schreiben")
    parent = shown(qtbot, QWidget())
    hub = TeamworkHub(anna.ctx, lambda *_: None, parent)
    view.make_task_requested.connect(hub.make_task)
    opened: list[tuple[str, str]] = []
    hub.open_message.connect(lambda c, m: opened.append((c, m)))

    menu_action(view, message.message_id, "Make task …").trigger()
    window = hub.tasks[cid]
    dialog = wait_dialog(qtbot, window)
    assert dialog.title_edit.text() == "Bitte Zimmer 12 EKG schreiben"
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.table.topLevelItemCount() == 1, timeout=TIMEOUT_MS)
    window.table.setCurrentItem(window.table.topLevelItem(0))
    assert window.message_button.isEnabled()
    window.message_button.click()
    assert opened == [(cid, str(message.message_id))]
    hub.clear()


def test_the_teamwork_windows_speak_german(qtbot: QtBot, gui_ward: Any, live_session: Any) -> None:
    from datetime import date

    from PySide6.QtCore import QCoreApplication

    from desktop_app.ui import translations
    from desktop_app.ui.teamwork.calendar_window import CalendarWindow
    from desktop_app.ui.teamwork.wording import weekday

    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    try:
        anna = live_session(gui_ward, "weber.anna")
        gui_ward.enroll("mueller.jonas")
        cid = start_direct(qtbot, anna, "mueller.jonas")
        window = shown(qtbot, TasksWindow(anna.ctx, cid, "Jonas Müller"))
        qtbot.waitUntil(lambda: window.empty.text() == "Noch keine Aufgaben.", timeout=TIMEOUT_MS)
        assert window.windowTitle() == "Aufgaben — Jonas Müller"
        assert window.add_button.text() == "Aufgabe hinzufügen …"
        window.add_button.click()
        dialog = wait_dialog(qtbot, window)
        assert dialog.windowTitle() == "Neue Aufgabe"
        dialog.title_edit.setText("Visite vorbereiten")
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: bool(table_texts(window)), timeout=TIMEOUT_MS)
        assert table_texts(window)[0][5] == "Offen"
        assert window.table.headerItem().text(2) == "Zugewiesen an"
        calendar = shown(qtbot, CalendarWindow(anna.ctx, cid, "Jonas Müller"))
        assert calendar.week_button.text() == "Woche"
        assert weekday(date(2026, 12, 7)) == "Mo"
        window.close()
        calendar.close()
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_enter_in_the_checklist_line_adds_the_item_and_keeps_the_dialog_open(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    """Seen in the demo: the line says "Neuer Checklistenpunkt, Eingabetaste fügt ihn
    hinzu"; a nurse typed the first item and pressed Enter, and the whole dialog closed
    and saved the task, so she could not add the second item or set the assignee."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    window = shown(qtbot, TasksWindow(anna.ctx, cid, "Jonas Müller"))
    qtbot.waitUntil(window.add_button.isEnabled, timeout=TIMEOUT_MS)
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, window)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.title_edit, "Blutzucker Zimmer 4")
    # The due time reads as the task list writes it (seen: 2026-12-07 09:12 in ISO).
    due = dialog.due_edit.dateTime().toPython()
    assert dialog.due_edit.text() == due.strftime("%d.%m.%Y %H:%M")
    dialog.new_item.setFocus()
    assert dialog.new_item.placeholderText().startswith("Neuer Checklistenpunkt")
    for text in ("BZ messen", "Insulin nach Schema"):
        qtbot.keyClicks(dialog.new_item, text)
        qtbot.keyClick(dialog.new_item, Qt.Key.Key_Return)
        assert dialog.isVisible(), f"Enter after {text!r} closed the dialog"
        assert dialog.new_item.text() == "" and dialog.new_item.hasFocus()
    assert [dialog.items_list.item(n).text() for n in range(dialog.items_list.count())] == [
        "BZ messen",
        "Insulin nach Schema",
    ]
    assert table_texts(window) == []  # nothing saved yet

    qtbot.keyClick(dialog.new_item, Qt.Key.Key_Return)  # an empty line: Enter means done
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: bool(table_texts(window)), timeout=TIMEOUT_MS)
    assert table_texts(window)[0][0] == "Blutzucker Zimmer 4"
    window.table.setCurrentItem(window.table.topLevelItem(0))
    window.edit()
    edit = wait_dialog(qtbot, window)
    assert [t for _i, t, _d in edit.checklist()] == ["BZ messen", "Insulin nach Schema"]
    edit.reject()
    window.close()


def test_escape_closes_the_tasks_files_calendar_and_handover_windows(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    """Seen in the demo: Esc closed a picture but not "Aufgaben", "Dateien" or "Meine
    Aufgaben"; a nurse pressed it and nothing happened."""
    from desktop_app.ui.teamwork.calendar_window import CalendarWindow
    from desktop_app.ui.teamwork.files_window import FilesWindow

    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    windows = [
        TasksWindow(anna.ctx, cid, "Jonas Müller"),
        TasksWindow(anna.ctx, "", "Meine Aufgaben"),
        FilesWindow(anna.ctx, cid, "Jonas Müller"),
        CalendarWindow(anna.ctx, cid, "Jonas Müller"),
        HandoverWindow(anna.ctx, cid, "Jonas Müller"),
    ]
    for window in windows:
        shown(qtbot, window)
        qtbot.waitExposed(window)
        window.raise_()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT_MS)
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda w=window: not w.isVisible(), timeout=TIMEOUT_MS)


def test_the_task_list_shows_how_much_of_a_checklist_is_done(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    """Seen on a ward: the task list gave no hint how far a task's checklist was; the
    dialog had to be opened for each. Now "2/5" beside the title, said in words."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    window = shown(qtbot, TasksWindow(anna.ctx, cid, "Jonas Müller"))
    qtbot.waitUntil(window.add_button.isEnabled, timeout=TIMEOUT_MS)

    def add(title: str, items: list[str]) -> None:
        qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
        dialog = wait_dialog(qtbot, window)
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.title_edit, title)
        for text in items:
            qtbot.keyClicks(dialog.new_item, text)
            qtbot.keyClick(dialog.new_item, Qt.Key.Key_Return)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)

    add("Aufnahme Zimmer 4", ["Anamnese", "Labor", "EKG", "Thorax", "Arztbrief"])
    qtbot.waitUntil(lambda: len(table_texts(window)) == 1, timeout=TIMEOUT_MS)
    # Two items done: ticked in the task opened from the list.
    window.table.setCurrentItem(window.table.topLevelItem(0))
    window.edit()
    edit = wait_dialog(qtbot, window)
    for n in range(2):
        edit.items_list.item(n).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(edit.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_texts(window)[0][1] == "2/5", timeout=TIMEOUT_MS)
    add("Visite vorbereiten", [])
    qtbot.waitUntil(lambda: len(table_texts(window)) == 2, timeout=TIMEOUT_MS)

    table = window.table
    header = [table.headerItem().text(c) for c in range(table.columnCount())]
    column = header.index("Checkliste")
    assert column == header.index("Aufgabe") + 1  # beside the title
    items = {table.topLevelItem(n).text(0): table.topLevelItem(n) for n in range(2)}
    admission = items["Aufnahme Zimmer 4"]
    assert admission.text(column) == "2/5"
    assert admission.toolTip(column) == "2 von 5 Punkten erledigt"
    assert admission.data(column, Qt.ItemDataRole.AccessibleTextRole) == "2 von 5 Punkten erledigt"
    assert items["Visite vorbereiten"].text(column) == ""  # no checklist, no figure
    shown_width = table.columnWidth(column)
    assert table.fontMetrics().horizontalAdvance("2/5") < shown_width


def test_items_ticked_in_a_new_task_stay_ticked(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    """The new task dialog lets one tick an item already done; the ticks were dropped on
    save (every item of a new task came out not done), and nothing said so."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    window = shown(qtbot, TasksWindow(anna.ctx, cid, "Jonas Müller"))
    qtbot.waitUntil(window.add_button.isEnabled, timeout=TIMEOUT_MS)
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, window)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.title_edit, "Entlassung Zimmer 9")
    for text in ("Arztbrief", "Medikamente", "Transport"):
        qtbot.keyClicks(dialog.new_item, text)
        qtbot.keyClick(dialog.new_item, Qt.Key.Key_Return)
    dialog.items_list.item(0).setCheckState(Qt.CheckState.Checked)  # already written
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(table_texts(window)) == 1, timeout=TIMEOUT_MS)
    assert table_texts(window)[0][1] == "1/3"
    window.table.setCurrentItem(window.table.topLevelItem(0))
    window.edit()
    edit = wait_dialog(qtbot, window)
    ticks = [edit.items_list.item(n).checkState() for n in range(edit.items_list.count())]
    assert ticks == [Qt.CheckState.Checked, Qt.CheckState.Unchecked, Qt.CheckState.Unchecked]
