"""The functional account's card when calendars disagree about who is on duty now: the
ward's roster first, the other calendar's claim beside it with where it comes from
(services/duty_roster.py), rather than one of them picked silently."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QFormLayout
from pytestqt.qtbot import QtBot

from desktop_app.services.directory_view import Holder, PersonCard
from desktop_app.services.live_teamwork import DutyShift
from desktop_app.ui.directory.card import PersonCardView
from desktop_app.ui.shift_time import shift_time
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
