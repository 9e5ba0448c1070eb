"""Calls in the app (pytest-qt, real relay on 127.0.0.1, real aiortc on loopback).

The sound devices are fakes (tests/ui/call_fakes.py): each side's microphone is a tone,
its speaker a recorder, so "the other side hears me" is a measured frequency.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.services.policy import Policy
from desktop_app.ui.calls.controller import CallController
from tests.ui.call_fakes import LOOPBACK_ONLY, FakeDevices, dominant_hz, loudness
from tests.ui.chat_support import start_direct

WAIT = 20_000
LOOPBACK = Policy(call_interfaces=LOOPBACK_ONLY)


class Phone:
    """One person's live session with a call controller and fake sound devices."""

    def __init__(self, qtbot: QtBot, session: Any, hz: float) -> None:
        self.session = session
        self.devices = FakeDevices(hz)
        self.calls = CallController(session.ctx.bridge, session.ctx.events, devices=self.devices)
        self.calls.attach(session.ctx.client)
        self.calls.ring.player = lambda: None  # counted, not heard
        self.notes: list[str] = []
        self.calls.notification.connect(self.notes.append)
        qtbot.addWidget(self.calls.window)
        self.ctx = replace(session.ctx, place_call=self.calls.place)


@pytest.fixture
def phones(qtbot: QtBot, gui_ward: Any, live_session: Any) -> tuple[Phone, Phone]:
    anna = Phone(qtbot, live_session(gui_ward, "weber.anna", rules=LOOPBACK), 440.0)
    jonas = Phone(qtbot, live_session(gui_ward, "mueller.jonas", rules=LOOPBACK), 880.0)
    return anna, jonas


def test_a_tone_from_one_app_is_heard_in_the_other_and_mute_silences_it(
    qtbot: QtBot, phones: tuple[Phone, Phone]
) -> None:
    anna, jonas = phones
    anna.calls.place("mueller.jonas", "Jonas Müller")
    assert anna.calls.window.face == "outgoing" and anna.calls.window.isVisible()
    qtbot.waitUntil(lambda: jonas.calls.window.face == "incoming", timeout=WAIT)
    assert jonas.calls.window.name.text() == "Dr. Anna Weber"  # the caller's name only
    assert jonas.calls.window.state.text() == "is calling you"
    assert jonas.calls.ring.active
    qtbot.waitUntil(lambda: anna.calls.window.state.text() == "Ringing …", timeout=WAIT)

    qtbot.mouseClick(jonas.calls.window.accept_button, Qt.MouseButton.LeftButton)
    assert not jonas.calls.ring.active
    qtbot.waitUntil(lambda: anna.calls.window.face == "active", timeout=WAIT)
    qtbot.waitUntil(lambda: jonas.calls.window.face == "active", timeout=WAIT)
    qtbot.waitUntil(
        lambda: anna.devices.speaker.seconds() > 2.0 and jonas.devices.speaker.seconds() > 2.0,
        timeout=WAIT,
    )
    heard_by_anna = anna.devices.speaker.samples()[48_000 // 2 :]
    heard_by_jonas = jonas.devices.speaker.samples()[48_000 // 2 :]
    assert abs(dominant_hz(heard_by_anna) - 880.0) < 5  # Jonas's tone
    assert abs(dominant_hz(heard_by_jonas) - 440.0) < 5  # Anna's tone
    assert loudness(heard_by_anna) > 3000

    qtbot.mouseClick(jonas.calls.window.mute_button, Qt.MouseButton.LeftButton)
    assert jonas.calls.window.mute_button.text() == "Unmute"
    qtbot.wait(500)  # what was in flight before the mute
    anna.devices.speaker.clear()
    qtbot.waitUntil(lambda: anna.devices.speaker.seconds() > 1.0, timeout=WAIT)
    assert loudness(anna.devices.speaker.samples()) < 300  # silence while muted

    qtbot.mouseClick(anna.calls.window.hang_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: jonas.calls.window.face == "ended", timeout=WAIT)
    qtbot.waitUntil(lambda: anna.calls.window.face == "ended", timeout=WAIT)
    assert jonas.calls.window.state.text().startswith("Call ended after 0:0")
    assert anna.calls.window.state.text().startswith("Call ended after 0:0")
    assert anna.devices.closed == anna.devices.opened == 1
    assert jonas.devices.closed == jonas.devices.opened == 1
    assert not anna.calls.busy and not jonas.calls.busy


def test_declined_missed_and_busy_are_said_in_words(
    qtbot: QtBot, phones: tuple[Phone, Phone], gui_ward: Any, live_session: Any
) -> None:
    anna, jonas = phones
    anna.calls.place("mueller.jonas", "Jonas Müller")
    qtbot.waitUntil(lambda: jonas.calls.window.face == "incoming", timeout=WAIT)
    qtbot.keyClick(jonas.calls.window, Qt.Key.Key_Escape)  # Esc declines
    qtbot.waitUntil(lambda: anna.calls.window.face == "ended", timeout=WAIT)
    assert anna.calls.window.state.text() == "Jonas Müller declined the call"
    assert not jonas.calls.ring.active

    anna.calls.place("mueller.jonas", "Jonas Müller")
    qtbot.waitUntil(lambda: jonas.calls.window.face == "incoming", timeout=WAIT)
    qtbot.waitUntil(lambda: anna.calls.window.state.text() == "Ringing …", timeout=WAIT)
    qtbot.mouseClick(anna.calls.window.hang_up_button, Qt.MouseButton.LeftButton)  # cancel
    qtbot.waitUntil(lambda: jonas.calls.window.face == "ended", timeout=WAIT)
    assert jonas.calls.window.state.text() == "Missed call from Dr. Anna Weber"
    assert jonas.notes == ["Missed call from Dr. Anna Weber"]
    assert not jonas.calls.ring.active

    # Jonas is in a call with Lena; Anna's call gets "busy".
    lena = Phone(qtbot, live_session(gui_ward, "schmidt.lena", rules=LOOPBACK), 660.0)
    lena.calls.place("mueller.jonas", "Jonas Müller")
    qtbot.waitUntil(lambda: jonas.calls.window.face == "incoming", timeout=WAIT)
    jonas.calls.accept()
    qtbot.waitUntil(lambda: lena.calls.window.face == "active", timeout=WAIT)
    anna.calls.place("mueller.jonas", "Jonas Müller")
    qtbot.waitUntil(lambda: anna.calls.window.face == "ended", timeout=WAIT)
    assert anna.calls.window.state.text() == "Jonas Müller is busy in another call"
    assert jonas.calls.window.face == "active"  # the second call did not disturb this one
    lena.calls.hang_up()
    qtbot.waitUntil(lambda: jonas.calls.window.face == "ended", timeout=WAIT)


def test_the_chat_header_calls_a_one_to_one_chat(qtbot: QtBot, phones: tuple[Phone, Phone]) -> None:
    from desktop_app.ui.chat import ChatView

    anna, jonas = phones
    cid = start_direct(qtbot, anna.session, "mueller.jonas")
    chat = ChatView(anna.ctx)
    qtbot.addWidget(chat)
    chat.show()
    chat.show_conversation(cid, "Jonas Müller")
    qtbot.waitUntil(lambda: chat.call_button.isVisible(), timeout=WAIT)
    qtbot.mouseClick(chat.call_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: jonas.calls.window.face == "incoming", timeout=WAIT)
    assert anna.calls.window.name.text() == "Jonas Müller"
    qtbot.mouseClick(jonas.calls.window.decline_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: anna.calls.window.face == "ended", timeout=WAIT)
