"""The call window, grown for the German active face (device choices, safety number,
quality), fits the small ended face again once the call is over: it stayed as large as
during the call, mostly empty round "Gespräch beendet" and Close."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_call_window_german_fits import cut_off, ringing_window


def test_the_ended_call_window_fits_its_face(qtbot: QtBot, german: None) -> None:
    window = ringing_window(qtbot)
    ringing = window.size()
    window.active()
    window.set_peer("Kardiologie", confirmed=False)
    window.set_devices([], [])
    window.set_quality(1, 0.0)
    QCoreApplication.processEvents()  # the layout's pending request, as on screen
    during = window.size()
    assert during.height() > ringing.height()  # it grew for the call

    qtbot.mouseClick(window.hang_up_button, Qt.MouseButton.LeftButton)
    window.ended("Gespräch beendet nach 0:10")
    QCoreApplication.processEvents()
    assert window.close_button.isVisible() and cut_off(window) == []
    assert window.height() < during.height(), (during, window.size())
    fitted = window.sizeHint().expandedTo(window.minimumSizeHint())
    assert window.size() == fitted, (window.size(), fitted)
