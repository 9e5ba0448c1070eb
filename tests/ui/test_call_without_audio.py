"""A call on a ward PC without microphone or speaker: the call window says what that
means instead of offering "Microphone: System default" for a device that is not there."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui.calls.window import CallWindow

HEADSET = ([(b"mic-1", "USB headset")], [(b"out-1", "USB headset")])


def shown_lines(window: CallWindow) -> list[str]:
    """The texts of the labels the user sees in the window."""
    return [
        label.text() for label in window.findChildren(QLabel) if label.isVisible() and label.text()
    ]


def test_a_call_without_microphone_or_speaker_says_so(qtbot: QtBot) -> None:
    window = CallWindow()
    qtbot.addWidget(window)
    window.share_possible = True  # policy allows sharing: the device box shows for it
    window.outgoing("Jörg Bauer")
    window.show()
    qtbot.waitExposed(window)
    window.active()
    window.set_devices([], [])
    window.set_share_targets([])

    assert window.share_choice.isVisible()
    assert not window.microphone.isVisible() and not window.speaker.isVisible()
    assert (
        "No microphone and no speaker on this PC:\nneither of you can hear the other.\n"
        "Connect a headset, or ask IT."
    ) in shown_lines(window)

    # The peer's first picture opens the video view above the line: the window grows,
    # nothing lies over anything.
    window.remote_view.show()
    qtbot.waitUntil(lambda: window.height() >= window.minimumSizeHint().height())
    notice, picture = window.no_audio.geometry(), window.remote_view.geometry()
    assert not notice.intersects(picture), (notice, picture)
    needed = window.no_audio.fontMetrics().boundingRect(
        notice, int(window.no_audio.alignment()), window.no_audio.text()
    )
    assert needed.height() <= notice.height(), (needed, notice)

    # Only the speaker missing: the microphone can be chosen, the line names the speaker.
    window.set_devices(HEADSET[0], [])
    assert window.microphone.isVisible() and not window.speaker.isVisible()
    assert (
        "No speaker on this PC:\nyou cannot hear the other side.\nConnect one, or ask IT."
    ) in shown_lines(window)

    # With a headset: both choices, no warning; the warning leaves with the call.
    window.set_devices(*HEADSET)
    assert window.microphone.isVisible() and window.speaker.isVisible()
    assert not any(" on this PC:" in line for line in shown_lines(window))
    window.set_devices([], [])
    window.ended("Call ended after 0:05")
    assert not any(" on this PC:" in line for line in shown_lines(window))
