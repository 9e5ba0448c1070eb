"""An honest user's event refused for its repetition: the event dialog (which stays open,
tests/ui/test_event_dialog_keeps_typing.py) says the repetition is the problem, in
English and in German. (Seen in the
walk: a weekly event from 2095 was refused with the sentence about title, notes and
start/end, none of which was wrong.)"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from desktop_app.ui.teamwork.event_dialog import EventDialog
from tests.ui.language_support import language
from tests.ui.test_error_words_pc import calendar

__all__ = ["language"]  # the fixture

SAID = {
    "en": "This event cannot be saved because of how it repeats: a repeating event must "
    "start before 2090, and a repetition taken over from a calendar file may be one "
    'WardLink does not support. Choose another repetition or "Does not repeat".',
    "de": "Dieser Termin kann wegen seiner Wiederholung nicht gespeichert werden: Ein sich "
    "wiederholender Termin muss vor 2090 beginnen, und eine aus einer Kalenderdatei "
    "übernommene Wiederholung unterstützt WardLink vielleicht nicht. Wählen Sie eine "
    "andere Wiederholung oder „Keine Wiederholung“.",
}
WEEKLY = {"en": "Every week", "de": "Jede Woche"}


def weekly_from_2095(qtbot: QtBot, window: CalendarWindow, language: str) -> EventDialog:
    """The add dialog of a window, "Visite" typed, every week from 7 March 2095."""
    window.add(datetime(2095, 3, 7, 8, 0).astimezone())
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    dialog = window.dialog
    assert dialog is not None and dialog.ok_button is not None
    qtbot.keyClicks(dialog.title_edit, "Visite")
    dialog.repeat_box.setCurrentIndex(dialog.repeat_box.findText(WEEKLY[language]))
    return dialog


def test_a_weekly_event_from_2095_is_refused_for_its_repetition(
    qtbot: QtBot, gui_ward: Any, live_session: Any, language: str
) -> None:
    dialog = weekly_from_2095(qtbot, calendar(qtbot, gui_ward, live_session), language)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert SAID[language] in shown
