"""Taking over a functional account in the directory card, against a real relay: under
policy ``holder`` the card says whom it waits for, and the holder's card offers
Approve / Decline (issue 16, finding 16)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop_app.directory.model import TakeoverPolicy
from desktop_app.relay.directory_admin import import_directory
from desktop_app.ui.directory import DirectoryPanel
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.ui.live import DUTY_DOCTOR, PEOPLE

WAIT = 10000
ROLE = DUTY_DOCTOR.uid


def _panel(qtbot: QtBot, session: Any) -> DirectoryPanel:
    panel = DirectoryPanel(session.ctx)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.tree_model.rowCount() > 0, timeout=WAIT)
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        panel.show_person(ROLE)
    return panel


def _texts(panel: DirectoryPanel) -> str:
    QApplication.processEvents()
    return "\n".join(label.text() for label in panel.card.findChildren(QLabel) if label.isVisible())


def test_take_over_waits_for_the_holder_who_approves_in_the_card(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    csv = gui_ward.tmp / "policy.csv"
    csv.write_bytes(to_csv([*PEOPLE, replace(DUTY_DOCTOR, takeover_policy=TakeoverPolicy.HOLDER)]))
    import_directory(gui_ward.root, csv, ADMIN)

    jonas = _panel(qtbot, live_session(gui_ward, "mueller.jonas"))
    assert jonas.card.take_over_button.isVisible()
    with qtbot.waitSignal(jonas.card_shown, timeout=WAIT):
        qtbot.mouseClick(jonas.card.take_over_button, Qt.MouseButton.LeftButton)
    text = _texts(jonas)
    assert "waiting for approval by Dr. Anna Weber" in text
    assert not jonas.card.take_over_button.isVisible()  # asked once

    anna = _panel(qtbot, live_session(gui_ward, "weber.anna"))
    (row,) = anna.card.request_rows()
    assert row.label.text() == "Jonas Müller asks to take over this role."
    with qtbot.waitSignal(anna.card_shown, timeout=WAIT):
        qtbot.mouseClick(row.approve, Qt.MouseButton.LeftButton)
    assert anna.card.request_rows() == []
    assert (
        "Jonas Müller" in _texts(anna)
        and "Dr. Anna Weber" not in _texts(anna).split("Held now by")[-1].splitlines()[0]
    )
    with qtbot.waitSignal(jonas.card_shown, timeout=WAIT):
        jonas.show_person(ROLE)
    assert not jonas.card.take_over_button.isVisible()  # Jonas holds it alone now
