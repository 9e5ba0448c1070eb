"""Calls in the app (pytest-qt, real relay on 127.0.0.1, real aiortc on loopback).

The sound devices are fakes (tests/ui/call_fakes.py): each side's microphone is a tone,
its speaker a recorder, so "the other side hears me" is a measured frequency.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import Uid
from desktop_app.services import directory_view
from desktop_app.services.conversations import direct_conversation_id
from desktop_app.services.policy import Policy
from desktop_app.ui.calls.controller import CallController
from tests.ui.call_fakes import LOOPBACK_ONLY, FakeCamera, FakeDevices, dominant_hz, loudness
from tests.ui.chat_support import call, chat_view, start_direct

__all__ = ["chat_view"]  # the fixture

WAIT = 20_000
LOOPBACK = Policy(call_interfaces=LOOPBACK_ONLY)
SCREEN_GREEN = (30, 200, 30)


class Phone:
    """One person's live session with a call controller and fake sound devices."""

    def __init__(
        self, qtbot: QtBot, session: Any, hz: float, colour: tuple[int, int, int] | None = None
    ) -> None:
        self.session = session
        self.devices = FakeDevices(hz)
        self.camera = FakeCamera(colour or (0, 0, 0), available=colour is not None)
        self.screen = FakeCamera(SCREEN_GREEN)  # what "Share screen" sends
        self.calls = CallController(
            session.ctx.bridge,
            session.ctx.events,
            devices=self.devices,
            cameras=self.camera,
            screens=self.screen,
        )
        self.calls.attach(session.ctx.client)
        self.calls.ring.player = lambda: None  # counted, not heard
        self.notes: list[str] = []
        self.calls.notification.connect(self.notes.append)
        qtbot.addWidget(self.calls.window)
        self.ctx = replace(session.ctx, place_call=self.calls.place)


def _texts(chat: Any) -> list[str]:
    from desktop_app.ui.chat import model as roles

    return [str(chat.model.index(i, 0).data(roles.TEXT)) for i in range(chat.model.rowCount())]


@pytest.fixture
def phone(qtbot: QtBot, gui_ward: Any, live_session: Any) -> Iterator[Callable[..., Phone]]:
    """Call with (uid, tone Hz[, camera colour, policy]); each phone stops listening
    before its session closes. No colour: the PC has no camera."""
    made: list[Phone] = []

    def make(
        uid: str,
        hz: float,
        colour: tuple[int, int, int] | None = None,
        rules: Policy = LOOPBACK,
    ) -> Phone:
        made.append(Phone(qtbot, live_session(gui_ward, uid, rules=rules), hz, colour))
        return made[-1]

    yield make
    for each in made:
        each.calls.detach()
    _dispose([each.calls for each in made])


def _dispose(controllers: list[CallController]) -> None:
    """Delete the controllers here, in the GUI thread: left to Python's cyclic garbage
    collector they could be freed on whichever thread collects next (a bridge's asyncio
    thread, busy with aiortc), and a QObject deleted off its thread crashes Qt later."""
    for controller in controllers:
        controller.window.close()
        controller.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def phones(phone: Callable[..., Phone]) -> tuple[Phone, Phone]:
    return phone("weber.anna", 440.0), phone("mueller.jonas", 880.0)


def test_a_tone_from_one_app_is_heard_in_the_other_and_mute_silences_it(
    qtbot: QtBot, phones: tuple[Phone, Phone]
) -> None:
    anna, jonas = phones
    start_direct(qtbot, anna.session, "mueller.jonas")  # Anna has Jonas's device now
    client = anna.ctx.client
    device = call(qtbot, anna, lambda: client.container.peers.devices_of(Uid("mueller.jonas")))[0]
    call(
        qtbot,
        anna,
        lambda: directory_view.record_comparison(
            client, "mueller.jonas", device.device_id, device.ed25519, matched=True
        ),
    )  # Anna compared Jonas's safety number; he did not compare hers
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
    qtbot.waitUntil(lambda: jonas.calls.window.details.isVisible(), timeout=WAIT)
    assert jonas.calls.window.details.text() == "Kardiologie · Safety number not compared"
    qtbot.waitUntil(lambda: anna.calls.window.details.isVisible(), timeout=WAIT)
    assert anna.calls.window.details.text() == "Kardiologie · ✔ Safety number confirmed"
    qtbot.waitUntil(
        lambda: anna.devices.speaker.seconds() > 2.0 and jonas.devices.speaker.seconds() > 2.0,
        timeout=WAIT,
    )
    heard_by_anna = anna.devices.speaker.samples()[48_000 // 2 :]
    heard_by_jonas = jonas.devices.speaker.samples()[48_000 // 2 :]
    assert abs(dominant_hz(heard_by_anna) - 880.0) < 5  # Jonas's tone
    assert abs(dominant_hz(heard_by_jonas) - 440.0) < 5  # Anna's tone
    assert loudness(heard_by_anna) > 3000
    quality = anna.calls.window.quality  # RTCP statistics, read every 2 s
    qtbot.waitUntil(lambda: quality.isVisible() and " ms · " in quality.text(), timeout=WAIT)
    assert quality.text().startswith("good connection · ") and quality.text().endswith("% lost")

    picker = jonas.calls.window.microphone  # "System default", then the PC's devices
    assert [picker.itemText(i) for i in range(picker.count())][1:] == [
        "USB-Headset",
        "Webcam-Mikrofon",
    ]
    picker.setCurrentIndex(2)
    picker.activated.emit(2)
    assert jonas.devices.chosen == (b"webcam", b"")

    qtbot.mouseClick(jonas.calls.window.mute_button, Qt.MouseButton.LeftButton)
    assert jonas.calls.window.mute_button.text() == "Unmute"
    qtbot.wait(500)  # what was in flight before the mute
    anna.devices.speaker.clear()
    qtbot.waitUntil(lambda: anna.devices.speaker.seconds() > 1.0, timeout=WAIT)
    assert loudness(anna.devices.speaker.samples()) < 300  # silence while muted

    qtbot.keyClick(anna.calls.window, Qt.Key.Key_Escape)  # Esc hangs up
    qtbot.waitUntil(lambda: jonas.calls.window.face == "ended", timeout=WAIT)
    qtbot.waitUntil(lambda: anna.calls.window.face == "ended", timeout=WAIT)
    assert jonas.calls.window.state.text().startswith("Call ended after 0:0")
    assert anna.calls.window.state.text().startswith("Call ended after 0:0")
    assert anna.devices.closed == anna.devices.opened == 1
    assert jonas.devices.closed == jonas.devices.opened == 1
    assert not anna.calls.busy and not jonas.calls.busy


def test_declined_missed_and_busy_are_said_in_words(
    qtbot: QtBot, phones: tuple[Phone, Phone], phone: Callable[..., Phone], chat_view: Any
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
    chat = chat_view(jonas)  # the missed call's line in Jonas's chat with Anna
    chat.show_conversation(direct_conversation_id("mueller.jonas", "weber.anna"), "Anna")
    qtbot.waitUntil(lambda: "Missed call from Dr. Anna Weber." in _texts(chat), timeout=WAIT)

    # Jonas is in a call with Lena; Anna's call gets "busy".
    lena = phone("schmidt.lena", 660.0)
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
    qtbot.wait(500)  # the chat's refresh after the call's end runs while the bridge still does


def test_a_call_to_a_pin_locked_app_names_the_caller_rings_and_needs_the_pin(
    qtbot: QtBot, gui_ward: Any, phone: Callable[..., Phone]
) -> None:
    from desktop_app.storage.lock_state import LockState
    from desktop_app.ui.bridge import AsyncBridge
    from tests.conftest import PASSPHRASE
    from tests.ui.shell_rig import make_controller

    pin = "246810"
    profile = gui_ward.enroll("weber.anna")
    bridge = AsyncBridge()
    controller = make_controller(bridge, profile.parent, gui_ward.address, rules=LOOPBACK)
    devices = FakeDevices(440.0)
    controller.calls.devices = devices
    rang: list[int] = []
    controller.calls.ring.player = lambda: rang.append(1)
    controller.calls.ring.set_repeat_ms(50)
    try:
        controller.show_start()
        controller.unlock(profile, PASSPHRASE)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=WAIT)
        person = controller.person
        assert person is not None
        controller.bridge.call(person.set_pin, pin)
        jonas = phone("mueller.jonas", 880.0)
        controller.lock()
        screen = controller.lock_screen
        assert screen is not None
        qtbot.waitUntil(lambda: screen.pin_mode and screen.secret.isEnabled(), timeout=WAIT)
        assert person.state is LockState.PIN_LOCKED

        jonas.calls.place("weber.anna", "Dr. Anna Weber")
        qtbot.waitUntil(lambda: screen.call.isVisible(), timeout=WAIT)
        assert screen.call.text() == "Call from Jonas Müller"
        qtbot.waitUntil(lambda: len(rang) >= 3, timeout=WAIT)  # it keeps ringing
        assert not controller.calls.window.isVisible()  # nothing to accept behind the lock
        controller.calls.accept()  # refused while locked
        assert devices.opened == 0

        qtbot.keyClicks(screen.secret, pin)
        qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=WAIT)
        window = controller.calls.window
        qtbot.waitUntil(lambda: window.isVisible() and window.face == "incoming", timeout=WAIT)
        assert window.name.text() == "Jonas Müller"
        assert controller.calls.ring.active  # still ringing until accepted
        qtbot.keyClick(window, Qt.Key.Key_Return)  # Enter accepts
        qtbot.waitUntil(lambda: jonas.calls.window.face == "active", timeout=WAIT)
        qtbot.waitUntil(lambda: jonas.devices.speaker.seconds() > 1.5, timeout=WAIT)
        heard = jonas.devices.speaker.samples()[48_000 // 2 :]
        assert abs(dominant_hz(heard) - 440.0) < 5
        assert not controller.calls.ring.active

        controller.idle.set_interval(1000)  # auto-lock waits while the call runs
        controller.idle.start()
        qtbot.wait(1500)
        assert controller.main is not None and controller.lock_screen is None

        controller.lock()  # "Lock" hangs up first
        qtbot.waitUntil(lambda: jonas.calls.window.face == "ended", timeout=WAIT)
        assert not controller.calls.busy
    finally:
        controller.shutdown()
        bridge.shutdown()


def test_the_person_card_calls(qtbot: QtBot, phones: tuple[Phone, Phone]) -> None:
    from desktop_app.ui.directory import DirectoryPanel

    anna, jonas = phones
    panel = DirectoryPanel(anna.ctx)
    panel.call_to.connect(anna.calls.place)  # what ui/shell/session_actions.py does
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        panel.show_person("mueller.jonas")
    qtbot.waitUntil(lambda: panel.card.call_button.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: panel.card.call_button.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(panel.card.call_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: jonas.calls.window.face == "incoming", timeout=WAIT)
    assert anna.calls.window.name.text() == "Jonas Müller"
    jonas.calls.decline()
    qtbot.waitUntil(lambda: anna.calls.window.face == "ended", timeout=WAIT)


def test_the_call_window_speaks_german(qtbot: QtBot, tmp_path: Any) -> None:
    """Also renders the incoming call window (German) beside the docs screenshot."""
    import os
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication

    from desktop_app.ui import translations
    from desktop_app.ui.calls.window import CallWindow

    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    try:
        window = CallWindow()
        qtbot.addWidget(window)
        window.incoming("Dr. Lena Schmidt")
        window.show()
        assert window.state.text() == "ruft Sie an"
        assert window.accept_button.text() == "Annehmen"
        assert window.decline_button.text() == "Ablehnen"
        image = window.grab()
        assert image.save(str(tmp_path / "call-incoming.png"))
        if os.environ.get("WARDLINK_SCREENSHOTS"):
            assert image.save(str(Path(os.environ["WARDLINK_SCREENSHOTS"]) / "call-incoming.png"))
        window.active()
        assert window.state.text() == "Im Gespräch"
        assert (window.mute_button.text(), window.hang_up_button.text()) == (
            "Stummschalten",
            "Auflegen",
        )
        window.set_quality(2, 0.2)
        assert window.quality.text() == "gute Verbindung · 2 ms · 0 % verloren"
        window.set_quality(None, 7.6)
        assert window.quality.text() == "schlechte Verbindung · … · 8 % verloren"
        window.set_peer("Radiologie", False)
        assert window.details.text() == "Radiologie · Sicherheitsnummer nicht verglichen"
        window.mute_button.click()
        assert window.mute_button.text() == "Mikrofon an"
        missed = QCoreApplication.translate("CallController", "Missed call from %1")
        assert missed.replace("%1", "Dr. Lena Schmidt") == "Verpasster Anruf von Dr. Lena Schmidt"
        lock_line = QCoreApplication.translate("CallController", "Call from %1")
        assert lock_line == "Anruf von %1"
    finally:
        for translator in installed:
            app.removeTranslator(translator)


class _Names:
    """Stands in for the live client where only names are looked up (events are fed)."""

    def name(self, uid: str) -> str:
        return {"mueller.jonas": "Jonas Müller"}.get(uid, uid)


@pytest.mark.parametrize(
    ("reason", "outgoing", "german"),
    [
        ("answered_elsewhere", False, "Auf einem anderen Gerät angenommen"),
        ("answered_by", False, "Angenommen von Mia Yılmaz"),  # another holder of the role
        ("no_answer", False, "Verpasster Anruf von Jonas Müller"),
        ("no_answer", True, "Jonas Müller hat nicht abgenommen"),
        ("declined", True, "Jonas Müller hat den Anruf abgelehnt"),
        ("busy", True, "Jonas Müller ist in einem anderen Gespräch"),
        ("failed", True, "Der Anruf konnte nicht verbunden werden"),
        ("remote_hangup", True, "Gespräch beendet nach 1:05"),
    ],
)
def test_how_a_call_ended_is_said_in_german(
    qtbot: QtBot, reason: str, outgoing: bool, german: str
) -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop_app.services.calls import CallEvent
    from desktop_app.services.live_views import EVENT_CALL
    from desktop_app.ui import translations
    from desktop_app.ui.bridge import AsyncBridge
    from desktop_app.ui.service_events import ServiceEvents

    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    bridge = AsyncBridge()
    try:
        events = ServiceEvents(bridge)
        calls = CallController(bridge, events, devices=FakeDevices(440.0))
        calls.ring.player = lambda: None
        qtbot.addWidget(calls.window)
        calls.attach(_Names())  # type: ignore[arg-type]
        call_id = "c" * 20
        if outgoing:  # as if place() had rung Jonas
            calls.call_id, calls.peer_name, calls._outgoing = call_id, "Jonas Müller", True
            calls.window.outgoing("Jonas Müller")
            if reason == "remote_hangup":
                bridge.post(EVENT_CALL, CallEvent("connected", call_id, "mueller.jonas"))
        else:
            bridge.post(EVENT_CALL, CallEvent("incoming", call_id, "mueller.jonas"))
            qtbot.waitUntil(lambda: calls.window.face == "incoming", timeout=WAIT)
            assert calls.window.state.text() == "ruft Sie an"
        ended: dict[str, object] = {"reason": reason, "duration_s": 65.2}
        if reason == "answered_by":  # as services/role_calls.py reports it
            ended |= {"reason": "answered_elsewhere", "by_name": "Mia Yılmaz"}
        bridge.post(EVENT_CALL, CallEvent("ended", call_id, "mueller.jonas", ended))
        qtbot.waitUntil(lambda: calls.window.face == "ended", timeout=WAIT)
        assert calls.window.state.text() == german
        assert not calls.ring.active and not calls.busy
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        _dispose([calls])
        bridge.shutdown()


def test_the_card_of_a_functional_account_calls_its_holder(
    qtbot: QtBot, phones: tuple[Phone, Phone]
) -> None:
    from desktop_app.ui.directory import DirectoryPanel

    anna, jonas = phones  # Anna holds "Dienstarzt Kardiologie" (tests/ui/live.py)
    panel = DirectoryPanel(jonas.ctx)
    panel.call_to.connect(jonas.calls.place)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        panel.show_person("dienstarzt.kardio")
    qtbot.waitUntil(lambda: panel.card.call_button.isVisible(), timeout=WAIT)
    qtbot.mouseClick(panel.card.call_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: anna.calls.window.face == "incoming", timeout=WAIT)
    assert anna.calls.window.name.text() == "Jonas Müller"  # who calls, not the role
    assert jonas.calls.window.name.text() == "Dienstarzt Kardiologie"
    qtbot.mouseClick(anna.calls.window.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: jonas.calls.window.face == "active", timeout=WAIT)
    qtbot.waitUntil(lambda: jonas.devices.speaker.seconds() > 1.5, timeout=WAIT)
    assert abs(dominant_hz(jonas.devices.speaker.samples()[48_000 // 2 :]) - 440.0) < 5
    jonas.calls.window.close()  # closing the window hangs up, it does not hide the call
    qtbot.waitUntil(lambda: anna.calls.window.face == "ended", timeout=WAIT)
    assert not jonas.calls.busy


def test_locking_while_a_call_rings_in_keeps_it_ringing_on_the_lock_screen(
    qtbot: QtBot, gui_ward: Any, phone: Callable[..., Phone]
) -> None:
    from desktop_app.ui.bridge import AsyncBridge
    from tests.conftest import PASSPHRASE
    from tests.ui.shell_rig import make_controller

    profile = gui_ward.enroll("weber.anna")
    bridge = AsyncBridge()
    controller = make_controller(bridge, profile.parent, gui_ward.address, rules=LOOPBACK)
    controller.calls.devices = FakeDevices(440.0)
    controller.calls.ring.player = lambda: None
    try:
        controller.show_start()
        controller.unlock(profile, PASSPHRASE)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=WAIT)
        person = controller.person
        assert person is not None
        controller.bridge.call(person.set_pin, "246810")
        jonas = phone("mueller.jonas", 880.0)
        jonas.calls.place("weber.anna", "Dr. Anna Weber")
        window = controller.calls.window
        qtbot.waitUntil(lambda: window.face == "incoming", timeout=WAIT)

        controller.lock()  # Ctrl+L while it rings: it goes on ringing behind the lock
        screen = controller.lock_screen
        assert screen is not None
        assert screen.call.isVisible() and screen.call.text() == "Call from Jonas Müller"
        assert controller.calls.ring.active and not window.isVisible()
        qtbot.wait(500)
        assert jonas.calls.window.face == "outgoing"  # not hung up by the lock

        qtbot.mouseClick(jonas.calls.window.hang_up_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: screen.call.text() == "Missed call from Jonas Müller", timeout=WAIT)
        assert not controller.calls.ring.active
        assert not window.isVisible()  # nothing of the call shows over the lock screen
    finally:
        controller.shutdown()
        bridge.shutdown()


def test_a_role_call_names_the_caller_and_the_role(qtbot: QtBot) -> None:
    """Rung as one of several holders of a functional account (services/role_calls.py)."""
    from desktop_app.services.calls import CallEvent
    from desktop_app.services.live_views import EVENT_CALL
    from desktop_app.ui import translations
    from desktop_app.ui.bridge import AsyncBridge
    from desktop_app.ui.service_events import ServiceEvents

    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    bridge = AsyncBridge()
    try:
        events = ServiceEvents(bridge)  # kept: the controller only listens to it
        calls = CallController(bridge, events, devices=FakeDevices(440.0))
        calls.ring.player = lambda: None
        qtbot.addWidget(calls.window)
        calls.attach(_Names())  # type: ignore[arg-type]
        data = {"role": "dienst.kardio", "role_name": "Dienstarzt Kardiologie"}
        bridge.post(EVENT_CALL, CallEvent("incoming", "c" * 20, "mueller.jonas", data))
        qtbot.waitUntil(lambda: calls.window.face == "incoming", timeout=WAIT)
        assert calls.window.name.text() == "Jonas Müller für Dienstarzt Kardiologie"
        ended = {"reason": "cancelled", "duration_s": 0}
        bridge.post(EVENT_CALL, CallEvent("ended", "c" * 20, "mueller.jonas", ended))
        qtbot.waitUntil(lambda: calls.window.face == "ended", timeout=WAIT)
        text = calls.window.state.text()
        assert text == "Verpasster Anruf von Jonas Müller für Dienstarzt Kardiologie"
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        _dispose([calls])
        bridge.shutdown()
