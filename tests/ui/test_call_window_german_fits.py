"""The call window in German: the window grows with its face, so no label or button
is cut off (walk 19: "Stummschalter", "ildschirm teile" and "ein Mikrofon … an diesem
P" were what a physician read during a call), and the ended face keeps no leftovers
of the call (a running clock of 0:09 under "Call ended after 0:10")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.ui.calls.window import CallWindow


def cut_off(window: CallWindow) -> list[str]:
    """The visible labels and buttons whose text does not fit where it is drawn."""
    cut = []
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text():
            room = label.contentsRect()
            needed = label.fontMetrics().boundingRect(room, int(label.alignment()), label.text())
            if needed.width() > room.width() or needed.height() > room.height():
                cut.append(label.text())
    for button in window.findChildren(QPushButton):
        if button.isVisible() and button.width() < button.sizeHint().width():
            cut.append(button.text())
    return cut


def shown_lines(window: CallWindow) -> list[str]:
    return [
        label.text() for label in window.findChildren(QLabel) if label.isVisible() and label.text()
    ]


def test_the_german_call_window_shows_every_word_and_ends_clean(qtbot: QtBot, german: None) -> None:
    window = CallWindow()
    qtbot.addWidget(window)
    window.share_possible = True
    window.incoming("Dr. Ben Yılmaz")
    window.show()
    qtbot.waitExposed(window)
    assert window.accept_button.text() == "Annehmen"
    assert cut_off(window) == []

    window.active()
    window.set_peer("Kardiologie", confirmed=False)
    window.set_devices([], [])
    window.set_quality(1, 0.0)
    QCoreApplication.processEvents()  # the layout's pending request, as on screen
    assert window.mute_button.text() == "Stummschalten"
    assert "Kardiologie · Sicherheitsnummer nicht verglichen" in shown_lines(window)
    assert cut_off(window) == [], window.width()

    window.ended("Gespräch beendet nach 0:10")
    QCoreApplication.processEvents()
    assert shown_lines(window) == ["Dr. Ben Yılmaz", "Gespräch beendet nach 0:10"]
    assert cut_off(window) == []
