"""The functional account's card when calendars disagree about who is on duty now: the
ward's roster first, the other calendar's claim beside it with where it comes from
(services/duty_roster.py), rather than one of them picked silently; the main window's
duty strip says so too."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

from PySide6.QtWidgets import QFormLayout
from pytestqt.qtbot import QtBot

from desktop_app.services.directory_view import Holder, PersonCard
from desktop_app.services.live_teamwork import DutyRow, DutyShift
from desktop_app.ui.directory.card import PersonCardView
from desktop_app.ui.shift_time import shift_time
from desktop_app.ui.teamwork.duty_strip import DutyStrip
from tests.ui.live import DUTY_DOCTOR


def test_a_second_calendars_claim_is_shown_with_its_conversation(qtbot: QtBot) -> None:
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    start, end = now - timedelta(hours=1), now + timedelta(hours=1)
    card = PersonCard(
        DUTY_DOCTOR, (), (Holder("weber.anna", "Dr. Anna Weber"),), False, True,
        on_duty=(DutyShift("Mia Yılmaz", start, end, "Station 3B"), None),
        on_duty_also=(DutyShift("Jonas Müller", start, end, "Jonas Müller"),),
    )  # fmt: skip
    view = PersonCardView()
    qtbot.addWidget(view)
    view.show_card(card)
    rows = []
    for n in range(view.form.rowCount()):
        label = view.form.itemAt(n, QFormLayout.ItemRole.LabelRole).widget().text()
        rows.append((label, view.form.itemAt(n, QFormLayout.ItemRole.FieldRole).widget().text()))
    assert rows[:3] == [
        ("Held now by", "Dr. Anna Weber"),
        ("On duty now", f"Mia Yılmaz until {shift_time(end)}"),
        ("Also named on duty", f"Jonas Müller until {shift_time(end)} (in Jonas Müller)"),
    ]


def test_the_main_windows_duty_strip_names_the_other_calendars_claim(qtbot: QtBot) -> None:
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    end = now + timedelta(hours=1)
    rows = [
        DutyRow("Dienstarzt Kardiologie", "Mia Yılmaz", now, end, "Station 3B", ("Jonas Müller",)),
        DutyRow("Pflege Nacht", "Lena Schmidt", now, end, "Station 3B"),
    ]
    strip = DutyStrip(_StripContext(rows))  # type: ignore[arg-type]
    qtbot.addWidget(strip)
    strip.resize(1600, strip.sizeHint().height())
    assert strip.text() == (
        f"On duty now: Dienstarzt Kardiologie – Mia Yılmaz until {shift_time(end)}"
        " (another calendar names Jonas Müller) · "
        f"Pflege Nacht – Lena Schmidt until {shift_time(end)}"
    )
    assert strip.toolTip() == (
        f"Dienstarzt Kardiologie: Mia Yılmaz until {shift_time(end)}"
        " (another calendar names Jonas Müller)\n"
        f"Pflege Nacht: Lena Schmidt until {shift_time(end)}"
    )


class _StripContext:
    """What the strip asks of the app: its rows at once, no events."""

    def __init__(self, rows: list[DutyRow]) -> None:
        self.client = SimpleNamespace(teamwork=SimpleNamespace(duties_now=lambda: rows))
        self.bridge = SimpleNamespace(call=lambda fn, done: done(fn()))
        self.events = SimpleNamespace(teamwork=SimpleNamespace(connect=lambda slot: None))
