"""The task and event dialogs keep OK where it is when a red line comes and goes.

A red line (a title is needed, the end is before the start, the services' refusal)
grew the event dialog when it appeared, moving OK down (263 -> 283 px); when it went,
OK moved back up and the dialog kept the taller size, so OK moved between two places
and the nurse's next click missed it. The task dialog's notes and checklist take the
line's room (OK stayed at 500 px there before too: those cases guard it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork.event_dialog import EventDialog
from desktop_app.ui.teamwork.task_dialog import TaskDialog


def _task() -> TaskDialog:
    return TaskDialog([("mueller.jonas", "Jonas Müller")], save=lambda _d: None)


def _event() -> EventDialog:
    return EventDialog([], [], datetime(2026, 12, 7, 14, 0, tzinfo=UTC), save=lambda _d: None)


def _shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _ok_at(dialog: QDialog) -> QPoint:
    """Where OK is on the screen, once what is pending in the layouts has been done."""
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    ok = dialog.ok_button  # type: ignore[attr-defined]
    return ok.mapToGlobal(QPoint(0, 0))


@pytest.mark.parametrize("make", [_task, _event])
def test_a_title_hint_that_comes_and_goes_leaves_ok_in_place(
    qtbot: QtBot, make: Callable[[], QDialog]
) -> None:
    dialog = _shown(qtbot, make())
    before, size = _ok_at(dialog), dialog.size()

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert dialog.title_field.missing.isVisible()  # type: ignore[attr-defined]
    assert _ok_at(dialog) == before  # where the nurse clicks again
    qtbot.keyClicks(dialog.title_edit, "Visite Zimmer 12")  # type: ignore[attr-defined]
    assert not dialog.title_field.missing.isVisible()  # type: ignore[attr-defined]
    assert _ok_at(dialog) == before
    assert dialog.size() == size


@pytest.mark.parametrize("make", [_task, _event])
def test_a_refusal_that_comes_and_goes_leaves_ok_in_place(
    qtbot: QtBot, make: Callable[[], QDialog]
) -> None:
    dialog = _shown(qtbot, make())
    qtbot.keyClicks(dialog.title_edit, "Visite")  # type: ignore[attr-defined]
    before = _ok_at(dialog)

    dialog.refuse("Nicht gespeichert: zu viele Änderungen warten.")  # type: ignore[attr-defined]
    assert dialog.refused.label.isVisible()  # type: ignore[attr-defined]
    assert _ok_at(dialog) == before
    qtbot.keyClicks(dialog.title_edit, " 12")  # type: ignore[attr-defined]
    assert not dialog.refused.label.isVisible()  # type: ignore[attr-defined]
    assert _ok_at(dialog) == before


def test_the_end_before_the_start_hint_that_comes_and_goes_leaves_ok_in_place(
    qtbot: QtBot,
) -> None:
    dialog = _shown(qtbot, _event())
    before = _ok_at(dialog)
    start = dialog.start_edit.dateTime()
    dialog.end_edit.setDateTime(start.addSecs(-3600))
    assert dialog.end_field.before_start.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # and no title either
    assert dialog.title_field.missing.isVisible()
    assert _ok_at(dialog) == before  # both lines at once
    dialog.end_edit.setDateTime(start.addSecs(3600))
    assert not dialog.end_field.before_start.isVisible()
    assert _ok_at(dialog) == before
