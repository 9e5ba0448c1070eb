"""In a narrow week (the calendar on a 1024 px screen) a duty shift's box names who is
on duty: walk 20 saw "07:30 24-h-Dienst…" and "until 07:30 24-h-D…", the holder cut
off; now "Dr. Ben Yılmaz", with the time where that fits too. Where the whole label fits
it stays whole."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from pytestqt.qtbot import QtBot

from desktop_app.domain.calendar import CalendarEvent, Occurrence
from desktop_app.services.live_teamwork import OccurrenceRow
from desktop_app.ui.teamwork.week_view import WeekView

MONDAY = date(2026, 12, 7)
TITLE = "24-h-Dienst Kardiologie"
HOLDER = "Dr. Ben Yılmaz"


def _shift() -> OccurrenceRow:
    start = datetime.combine(MONDAY, time(7, 30)).astimezone()
    end = start + timedelta(hours=24)
    event = CalendarEvent("s", TITLE, start, end, duty_role="dienst.kardio", duty_holder="b")
    occurrence = Occurrence("s", TITLE, start, end, False, "", None, None)
    return OccurrenceRow("c", event, occurrence, "Dienstarzt Kardiologie", HOLDER)


def test_a_narrow_week_names_the_holder_of_a_duty_shift(qtbot: QtBot) -> None:
    view = WeekView()
    qtbot.addWidget(view)
    view.resize(960, 600)  # the calendar window's week on a 1024x768 screen
    view.show_range(MONDAY, 7, [_shift()])
    assert view.labels() == [HOLDER, HOLDER]  # the time is in the tooltip and the box

    view.resize(1300, 600)  # on a 1366x768 screen: the time too, where it fits
    view.show_range(MONDAY, 7, [_shift()])
    assert all(label.endswith(HOLDER) for label in view.labels()), view.labels()

    view.resize(2400, 600)  # room for all of it
    view.show_range(MONDAY, 7, [_shift()])
    assert view.labels() == [f"07:30 {TITLE} — {HOLDER}", f"until 07:30 {TITLE} — {HOLDER}"]
