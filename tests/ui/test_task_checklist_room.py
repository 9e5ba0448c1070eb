"""The task dialog says the checklist is full while one adds items, not only on OK: the
item line is disabled with the reason under it, in English and German. (Seen in the
walk: a nurse typed item after item into a long admission checklist and learnt only on
OK that the task was refused, "the checklist is full (500 items)".)

The full task is built by the real merge (domain/tasks.py) from the changes every
member's PC would have received: ten saves of 50 items, then ten items removed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain import tasks
from desktop_app.domain.tasks import MAX_ITEMS, MAX_TASK_ITEMS, TaskChange, TaskRegisters
from desktop_app.ui.teamwork.task_dialog import TaskDialog
from tests.ui.language_support import language

__all__ = ["language"]  # the fixture

FULL = {
    "en": "The checklist is full: a task holds at most 500 items, removed ones included. "
    "Please make a new task for further items.",
    "de": "Die Checkliste ist voll: Eine Aufgabe fasst höchstens 500 Punkte, entfernte "
    "mitgezählt. Bitte legen Sie für weitere Punkte eine neue Aufgabe an.",
}
PER_SAVE = {
    "en": "At most 50 new items at a time: press OK, then open the task again to add more.",
    "de": "Höchstens 50 neue Punkte auf einmal: Drücken Sie OK und öffnen Sie die Aufgabe "
    "dann erneut, um weitere hinzuzufügen.",
}


def _change(clock: int, fields: dict[str, tasks.FieldValue]) -> TaskChange:
    change = TaskChange("t1", f"c{clock}", "weber.anna", "DEV", clock, clock, fields)
    tasks.check(change)
    return change


def full_task() -> tasks.Task:
    registers = TaskRegisters("t1")
    created = {"created": True, "title": "Aufnahme Zimmer 7", "state": "open"}
    registers.apply(_change(1, {**created, "priority": "normal"}))
    names = [f"{tasks.ITEM_PREFIX}i{n:03}" for n in range(MAX_TASK_ITEMS)]
    for save in range(MAX_TASK_ITEMS // MAX_ITEMS):
        batch = names[save * MAX_ITEMS : (save + 1) * MAX_ITEMS]
        change = _change(2 + save, {name: [f"Punkt {name[-3:]}", False] for name in batch})
        registers.admit(change)
        registers.apply(change)
    registers.apply(_change(20, dict.fromkeys(names[:10])))  # removed: they still count
    task = registers.view()
    assert task is not None and len(task.items) == MAX_TASK_ITEMS - 10
    return task


def test_a_task_that_held_500_items_takes_no_more_and_says_why(qtbot: QtBot, language: str) -> None:
    dialog = TaskDialog([("mueller.jonas", "Jonas Müller")], full_task())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.new_item.isEnabled()
    assert dialog.items_full.isVisible() and dialog.items_full.text() == FULL[language]
    assert dialog.new_item.toolTip() == FULL[language]


def test_a_new_task_stops_at_50_items_in_one_save_and_says_why(qtbot: QtBot, language: str) -> None:
    dialog = TaskDialog([("mueller.jonas", "Jonas Müller")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Aufnahme Zimmer 7")
    for n in range(MAX_ITEMS):
        assert dialog.new_item.isEnabled() and not dialog.items_full.isVisible()
        qtbot.keyClicks(dialog.new_item, f"Punkt {n}")
        qtbot.keyClick(dialog.new_item, Qt.Key.Key_Return)
    assert dialog.items_list.count() == MAX_ITEMS
    assert not dialog.new_item.isEnabled()
    assert dialog.items_full.isVisible() and dialog.items_full.text() == PER_SAVE[language]
    assert dialog.isVisible()  # Enter added; it did not press OK
