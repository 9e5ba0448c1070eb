"""Still more that reached a German window in English, now said in German: a person's
data gone between the start screen's list and the unlock, a PIN entered 12 hours after
the passphrase (it said "too many wrong PINs" before, in any case), WardLink data in the
place a new person's data was to go, a file whose copy on this PC is missing or damaged,
a picture Qt cannot read, and several relay addresses that all failed (each reason in
brackets was the services' English)."""

from __future__ import annotations

import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop_app.domain.model import Attachment
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.chat import ChatView
from desktop_app.ui.service_events import ServiceEvents
from desktop_app.ui.shell.connection_label import ConnectionLabel
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.relay.conftest import ADMIN, ORG, relay_process
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, start_direct, wait_row
from tests.ui.live import _close, _make_client
from tests.ui.shell_rig import make_controller
from tests.ui.test_app_flow import pick_person
from tests.ui.test_error_words_pc import join_dialog

__all__ = ["chat_view"]  # the fixture

PIN = "246810"


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unlocking_a_person_whose_data_was_removed_is_said_in_german(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any, german: None
) -> None:
    """Anna picks her name; before she unlocks, her folder is removed (by IT, or from
    another WardLink window). Before: the key file's ContainerNotFound escaped the
    click's slot and the page stayed at "Entsperren …"; now the page says why in German,
    and the list behind "Zurück" no longer offers her."""
    anna = gui_ward.enroll("weber.anna")
    controller = make_controller(bridge, anna.parent, gui_ward.address)
    try:
        controller.show_start()
        start = controller.start
        pick_person(qtbot, start, 0)
        assert start.passphrase.isVisible()
        shutil.rmtree(anna)
        qtbot.keyClicks(start.passphrase, PASSPHRASE)
        qtbot.mouseClick(start.unlock_button, Qt.MouseButton.LeftButton)
        assert start.error.text() == (
            "Die WardLink-Daten dieser Person sind nicht mehr auf diesem PC (vielleicht "
            "wurden sie entfernt). Mit „Zurück“ sehen Sie die aktuelle Liste, oder treten Sie "
            f"Ihrem Krankenhaus erneut bei; die IT hilft Ihnen dabei. ({anna})"
        )
        assert start.unlock_button.isEnabled() and start.passphrase.text() == ""
        assert start.people.count() == 0 and controller.person is None
    finally:
        controller.shutdown()


def lock_with_pin(qtbot: QtBot, controller: AppController, profile: Path) -> None:
    """Unlocked with the passphrase and a PIN for the shift, then locked (PIN asked)."""
    controller.show_start()
    controller.unlock(profile, bytearray(PASSPHRASE.encode()))
    qtbot.waitUntil(lambda: controller.main is not None, timeout=TIMEOUT_MS)
    assert controller.person is not None
    controller.bridge.call(controller.person.set_pin, PIN)
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(lambda: screen.pin_mode and screen.secret.isEnabled(), timeout=TIMEOUT_MS)


def test_a_pin_after_twelve_hours_asks_for_the_passphrase_in_german(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any, german: None
) -> None:
    """The PIN is right, but the passphrase was entered 12 hours ago (the session's
    clock moved on). Before: "Zu viele falsche PINs" whatever the reason; now the reason."""
    anna = gui_ward.enroll("weber.anna")
    controller = make_controller(bridge, anna.parent, gui_ward.address)
    try:
        lock_with_pin(qtbot, controller, anna)
        assert controller.person is not None
        later = time.monotonic() + 13 * 3600
        controller.person.lock_session._clock = lambda: later
        screen = controller.lock_screen
        assert screen is not None
        qtbot.keyClicks(screen.secret, PIN)
        qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not screen.pin_mode, timeout=TIMEOUT_MS)
        assert screen.error.text() == (
            "Seit der Eingabe Ihrer Passphrase sind 12 Stunden vergangen. Bitte geben Sie "
            "sie erneut ein."
        )
        assert controller.main is None
    finally:
        controller.shutdown()


def test_data_already_where_a_new_person_joins_is_said_in_german(
    qtbot: QtBot,
    bridge: AsyncBridge,
    tmp_path: Path,
    german: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another WardLink window made a container in the very folder chosen for Jonas a
    moment earlier (the race between choosing a free folder and creating it): the real
    Container.create refuses, the dialog says so in German, the other data stays."""
    ours = tmp_path / "nord"
    init_relay(ours, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    code = issue_code(ours, "mueller.jonas").code
    controller = make_controller(bridge, tmp_path / "pc", "127.0.0.1:9")
    chosen = controller.profiles.new_directory

    def taken_meanwhile(owner: Owner) -> Path:
        directory = chosen(owner)
        Container.create(directory, "Andere-Passphrase-2026", owner, kdf=FAST_KDF).close()
        return directory

    monkeypatch.setattr(controller.profiles, "new_directory", taken_meanwhile)
    try:
        dialog = join_dialog(qtbot, controller, code, "127.0.0.1:9")
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=TIMEOUT_MS)
        folder = tmp_path / "pc" / "jonas-mueller"
        assert dialog.error.text() == (
            "An dieser Stelle liegen bereits WardLink-Daten; es wurde nichts verändert. Bitte "
            "versuchen Sie es erneut und wenden Sie sich an die IT, wenn das anhält. "
            f"({folder})"
        )
        assert Container.read_keyslot(folder).owner.display_name == "Jonas Mueller"
    finally:
        controller.shutdown()


def card_centre(view: ChatView, attachment: Attachment) -> QPoint:
    index = view.model.index_of(attachment.message_id)
    view.list.scrollTo(index)
    rect = view.list.visualRect(index)
    layout = view.delegate.layout_for(index, rect.width())
    card = next(c for c in layout.cards if c.attachment.attachment_id == attachment.attachment_id)
    return card.rect.center() + rect.topLeft()


def sent(view: ChatView) -> list[Attachment]:
    """The files of every row shown (a message's files may come as rows of their own)."""
    return [a for r in view.model.rows() for a in r.message.attachments]


def test_a_file_whose_copy_is_missing_or_damaged_is_said_in_german(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    german: None,
    tmp_path: Path,
) -> None:
    """Anna sent two photos; then one's encrypted copy on her PC was deleted and the
    other's overwritten (a disk tool, a restore gone wrong). She clicks each card; the
    chat's status line said the storage layer's English before."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view: ChatView = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    paths = []
    for name in ("wunde.png", "verband.png"):
        picture = QImage(40, 30, QImage.Format.Format_RGB32)
        picture.fill(QColor("#2a7ab0"))
        paths.append(tmp_path / name)
        assert picture.save(str(paths[-1]))
    view.composer.add_files(paths)
    view.composer.submit()
    qtbot.waitUntil(lambda: len(sent(view)) == 2, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.sends.sending == 0, timeout=TIMEOUT_MS)  # "Sending …" gone
    wound, bandage = sorted(sent(view), key=lambda a: a.file_name != "wunde.png")
    attachments = anna.container.attachments
    blobs = anna.container.directory / "blobs"
    (blobs / call(qtbot, anna, attachments.stored_body, wound.attachment_id)[0].name).unlink()
    damaged = blobs / call(qtbot, anna, attachments.stored_body, bandage.attachment_id)[0].name
    damaged.write_bytes(b"\0" * damaged.stat().st_size)

    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=card_centre(view, wound))
    # Not "wunde.png wird gesendet …" (the upload's status may still show): the refusal.
    qtbot.waitUntil(
        lambda: view.status.text().startswith("wunde.png lässt sich nicht öffnen"),
        timeout=TIMEOUT_MS,
    )
    assert view.status.text() == (
        "wunde.png lässt sich nicht öffnen: Die Kopie dieser Datei auf diesem PC fehlt; die "
        "Nachricht selbst bleibt erhalten. Bitte wenden Sie sich an die IT."
    )
    qtbot.mouseClick(
        view.list.viewport(), Qt.MouseButton.LeftButton, pos=card_centre(view, bandage)
    )
    # Not "verband.png wird gesendet …" (the upload's status may still show): the refusal.
    qtbot.waitUntil(
        lambda: view.status.text().startswith("verband.png lässt sich nicht öffnen"),
        timeout=TIMEOUT_MS,
    )
    assert view.status.text().startswith(
        "verband.png lässt sich nicht öffnen: Die Kopie dieser Datei auf diesem PC ist "
        "beschädigt und kann nicht geöffnet werden; die Nachricht selbst bleibt erhalten. "
        "Bitte wenden Sie sich an die IT. ("
    )
    assert view.opener.windows == []


def test_a_picture_that_cannot_be_read_has_its_reason_in_german(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    german: None,
    tmp_path: Path,
) -> None:
    """A .png that is no picture (a PNG signature, then nothing that decodes): the
    card's preview said Qt's English ("Unable to read image data") before."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view: ChatView = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    broken = tmp_path / "roentgen.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"kein Bild" * 20)
    view.composer.add_files([broken])
    view.composer.submit()
    row = wait_row(qtbot, view, lambda r: bool(r.message.attachments))
    (attachment,) = row.message.attachments
    qtbot.waitUntil(
        lambda: view.thumbnails.peek(attachment.attachment_id) is not None, timeout=TIMEOUT_MS
    )
    preview = view.thumbnails.peek(attachment.attachment_id)
    assert preview is not None and preview.image is None
    assert preview.error == (
        "Dieses Bild kann nicht gelesen werden: Es ist beschädigt oder hat ein Format, das "
        "WardLink nicht anzeigen kann."
    )


def test_several_relay_addresses_that_all_failed_are_worded_in_german(
    qtbot: QtBot, gui_ward: Any, german: None, tmp_path: Path
) -> None:
    """Anna's PC is told (--relay, as by policy) to use two addresses: nobody listens at
    the first, the second is Klinikum Süd's relay. The status bar's tooltip listed each
    with the services' English before ("command line 127.0.0.1:…: Cannot reach …")."""
    profile = gui_ward.enroll("weber.anna")
    theirs = tmp_path / "sued"
    init_relay(theirs, "Klinikum Süd", ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    nobody = f"127.0.0.1:{closed_port()}"
    with relay_process(theirs, advertise=False) as other:
        south = f"127.0.0.1:{other.port}"
        container = Container.open(profile, PASSPHRASE)
        bridge = AsyncBridge()
        events = ServiceEvents(bridge)
        client = _make_client(bridge, container, f"{nobody},{south}", False, None)
        label = ConnectionLabel()
        qtbot.addWidget(label)
        events.connection.connect(label.show_status)
        try:
            bridge.submit(client.start)
            qtbot.waitUntil(lambda: label.toolTip() != "", timeout=TIMEOUT_MS)
            assert label.toolTip() == (
                f"Keines der WardLink bekannten Relays war erreichbar ({nobody}: nicht "
                f"erreichbar; {south}: gehört zu einem anderen Krankenhaus)."
            )
        finally:
            _close(bridge, client, container)


def test_joining_at_several_addresses_that_all_failed_is_worded_in_german(
    qtbot: QtBot, bridge: AsyncBridge, tmp_path: Path, german: None
) -> None:
    """Jonas types two relay addresses from IT's note; neither answers. The join
    dialog's list of reasons was the services' English before."""
    ours = tmp_path / "nord"
    init_relay(ours, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    code = issue_code(ours, "mueller.jonas").code
    first, second = f"127.0.0.1:{closed_port()}", f"127.0.0.1:{closed_port()}"
    controller = make_controller(bridge, tmp_path / "pc", first)
    try:
        dialog = join_dialog(qtbot, controller, code, f"{first},{second}")
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=TIMEOUT_MS)
        assert dialog.error.text() == (
            "Keines der Relays im Netz gehört zu Ihrem Krankenhaus oder hat den Code "
            f"angenommen ({first}: nicht erreichbar; {second}: nicht erreichbar). Bitte "
            "erfragen Sie die Relay-Adresse bei der IT."
        )
        assert controller.profiles.people() == []
    finally:
        controller.shutdown()
