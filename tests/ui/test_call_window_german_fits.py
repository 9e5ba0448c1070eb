"""The call window in German: the window grows with its face, so no label or button
is cut off (walk 19: "Stummschalter", "ildschirm teile" and "ein Mikrofon … an diesem
P" were what a physician read during a call), and the ended face keeps no leftovers
of the call (a running clock of 0:09 under "Call ended after 0:10")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.ui.calls.window import CallWindow
from tests.ui.test_call_without_audio import shown_lines


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


def ringing_window(qtbot: QtBot) -> CallWindow:
    """A call from the physician ringing, sharing allowed, as on the ward PC."""
    window = CallWindow()
    qtbot.addWidget(window)
    window.share_possible = True
    window.incoming("Dr. Ben Yılmaz")
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_german_call_window_shows_every_word_and_ends_clean(qtbot: QtBot, german: None) -> None:
    window = ringing_window(qtbot)
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


def test_a_call_window_at_the_screens_edge_grows_into_the_screen(
    qtbot: QtBot, german: None
) -> None:
    """Placed at the right edge while it rang (a window manager puts it where there is
    room), the grown active face stays on the screen: Hang up was cut off by the edge."""
    window = ringing_window(qtbot)
    screen = window.screen()
    room = screen.availableGeometry()
    window.move(room.right() - window.frameGeometry().width() + 1, room.top())
    QCoreApplication.processEvents()
    assert room.contains(window.frameGeometry())

    window.active()
    window.set_peer("Kardiologie", confirmed=False)
    window.set_devices([], [])
    QCoreApplication.processEvents()
    assert cut_off(window) == []
    assert room.contains(window.frameGeometry()), (room, window.frameGeometry())
    hang_up = window.hang_up_button
    assert room.contains(hang_up.mapToGlobal(hang_up.rect().bottomRight()))
