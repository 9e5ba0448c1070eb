"""What the PC itself refuses, in the German GUI, through a real relay: a full disk, a
relay of another hospital, a file the PC cannot read or a place it cannot save to.
Before, each reached the window in English (the storage layer's, the crypto layer's or
the OS's words); now the nurse reads a German sentence that says what happened and what
to do, the technical detail in brackets for IT where it helps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.services.export import ExportKind
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.shell.connection_label import ConnectionLabel
from desktop_app.ui.start.join_dialog import JoinDialog
from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from tests.conftest import FAST_KDF
from tests.faults.inject import container_disk_full
from tests.relay.conftest import ADMIN, ORG, relay_process
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.shell_rig import make_controller

NEW_PASSPHRASE = "Visite-um-neun-2026"

BIG = "Befund " + "x" * 6000  # needs an overflow page wherever it is stored
DISK_FULL = (
    "Die Festplatte dieses PCs ist voll; WardLink kann jetzt nichts speichern (bisher "
    "Gespeichertes bleibt erhalten). Bitte informieren Sie Ihre IT-Abteilung."
)


def test_a_full_disk_while_receiving_is_said_in_german_in_the_status_bar(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    """Jonas writes while Anna's container cannot grow (a real SQLITE_FULL): her status
    bar turns red, and its tooltip says in German why and that nothing is lost."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, jonas, "weber.anna")
    label = ConnectionLabel()
    qtbot.addWidget(label)
    anna.ctx.events.connection.connect(label.show_status)
    with container_disk_full(anna.container):
        jonas.ctx.bridge.submit(lambda: jonas.ctx.client.send_text(cid, BIG))
        qtbot.waitUntil(
            lambda: "Nachrichten können auf diesem PC nicht gespeichert werden" in label.text(),
            timeout=TIMEOUT_MS,
        )
    assert label.toolTip() == (
        DISK_FULL + "\nNachrichten an Sie warten auf dem Relay, bis sie gespeichert werden können."
    )


def test_a_full_disk_while_sending_is_said_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    """Anna sends while her container cannot grow: what the bridge hands the chat."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    errors: list[str] = []
    with container_disk_full(anna.container):
        anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(cid, BIG), error=errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT_MS)
    assert errors == [DISK_FULL]


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


def join_dialog(qtbot: QtBot, controller: AppController, code: str, relay: str) -> JoinDialog:
    """The start screen's join dialog, filled in and submitted."""
    controller.show_start()
    controller.show_join()
    dialog = controller.joining.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.code, code)
    dialog.relay.setText(relay)
    qtbot.keyClicks(dialog.name, "Jonas Mueller")
    qtbot.keyClicks(dialog.passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, NEW_PASSPHRASE)
    dialog.understood.setChecked(True)
    if dialog.privacy_ack is not None:
        dialog.privacy_ack.setChecked(True)
    dialog.buttons.accepted.emit()
    return dialog


def test_joining_at_a_relay_of_another_hospital_is_refused_in_german(
    qtbot: QtBot, bridge: AsyncBridge, tmp_path: Path, german: None
) -> None:
    """The code is Klinikum Nord's; the address typed is Klinikum Süd's relay. The TLS
    check refuses it before the code is sent (crypto's FingerprintError); the dialog
    says what that means, in German, with crypto's words in brackets for IT."""
    ours, theirs = tmp_path / "nord", tmp_path / "sued"
    init_relay(ours, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    init_relay(theirs, "Klinikum Süd", ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    code = issue_code(ours, "mueller.jonas").code
    with relay_process(theirs, advertise=False) as other:
        address = f"127.0.0.1:{other.port}"
        controller = make_controller(bridge, tmp_path / "pc", address)
        try:
            dialog = join_dialog(qtbot, controller, code, address)
            qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=TIMEOUT_MS)
            assert dialog.error.text() == (
                f"Das Relay unter {address} gehört nicht zu Ihrem Krankenhaus (oder der Code "
                "stammt von einem anderen Krankenhaus); es wurde nichts dorthin gesendet. Bitte "
                "fragen Sie die IT nach der richtigen Relay-Adresse. (the relay did not present "
                "the organisation of your enrollment code: it may be a rogue relay, or the code "
                "is for another organisation)"
            )
            assert controller.profiles.people() == [] and controller.main is None
        finally:
            controller.shutdown()


def test_a_mistyped_enrollment_code_is_refused_in_german(
    qtbot: QtBot, bridge: AsyncBridge, tmp_path: Path, german: None
) -> None:
    """One character of the code is wrong: its check digits say so before any relay is
    asked (crypto's CodeCheckDigits), in German."""
    ours = tmp_path / "nord"
    init_relay(ours, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    code = issue_code(ours, "mueller.jonas").code
    typo = code[:-3] + ("A" if code[-3] != "A" else "B") + code[-2:]
    controller = make_controller(bridge, tmp_path / "pc", "127.0.0.1:9")
    try:
        dialog = join_dialog(qtbot, controller, typo, "127.0.0.1:9")
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=TIMEOUT_MS)
        assert dialog.error.text() == (  # German only: crypto's English stays out of it
            "Der Code hat einen Tippfehler: Eines seiner Zeichen weicht vom Code der IT ab. "
            "Bitte vergleichen Sie ihn Zeichen für Zeichen, oder bitten Sie die IT um einen "
            "neuen Code."
        )
        assert controller.profiles.people() == []
    finally:
        controller.shutdown()


def calendar(qtbot: QtBot, gui_ward: Any, live_session: Any) -> CalendarWindow:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    window = CalendarWindow(anna.ctx, cid, "Jonas Müller")
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_folder_chosen_as_calendar_file_is_named_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None, tmp_path: Path
) -> None:
    """The OS says "[Errno 21] Is a directory: '…'"; the window names the folder."""
    window = calendar(qtbot, gui_ward, live_session)
    folder = tmp_path / "Dienstplan März"
    folder.mkdir()
    window.import_ics(str(folder))
    qtbot.waitUntil(lambda: window.status.text() != "", timeout=TIMEOUT_MS)
    assert window.status.text() == (
        "Dienstplan März ist ein Ordner, keine Datei; bitte wählen Sie eine Datei. (Is a directory)"
    )


def test_a_calendar_file_gone_before_the_import_is_named_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None, tmp_path: Path
) -> None:
    """Chosen in the dialog, then removed (a USB stick pulled) before it was read."""
    window = calendar(qtbot, gui_ward, live_session)
    window.import_ics(str(tmp_path / "stick" / "dienstplan.ics"))
    qtbot.waitUntil(lambda: window.status.text() != "", timeout=TIMEOUT_MS)
    assert window.status.text() == (
        "dienstplan.ics ist auf diesem PC nicht (mehr) zu finden; bitte wählen Sie die Datei "
        "erneut. (No such file or directory)"
    )


def test_a_calendar_export_to_a_place_that_cannot_be_written_is_said_in_german(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    german: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The chosen folder is gone (ENOENT when writing): nothing saved, said in German."""
    window = calendar(qtbot, gui_ward, live_session)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    target = tmp_path / "gone" / "kalender.ics"
    window.export_ics(str(target))
    qtbot.waitUntil(lambda: window.status.text() != "", timeout=TIMEOUT_MS)
    assert window.status.text() == (
        "kalender.ics konnte dort nicht gespeichert werden; es wurde nichts gespeichert. "
        "Wählen Sie einen anderen Ort und wenden Sie sich an die IT, wenn das anhält. "
        "(No such file or directory)"
    )
    assert not target.parent.exists()


def test_a_conversation_export_to_a_folder_that_is_gone_is_said_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None, tmp_path: Path
) -> None:
    """What the bridge hands the export's error box: the chosen file's name, not the
    temporary one the OS named ('.tmp-akte.pdf')."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    client, target = anna.ctx.client, tmp_path / "gone" / "akte.pdf"
    errors: list[str] = []
    anna.ctx.bridge.submit(
        lambda: client.export_conversation(cid, ExportKind.PDF, target, allowed=True),
        error=errors.append,
    )
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT_MS)
    assert errors == [
        "akte.pdf konnte dort nicht gespeichert werden; es wurde nichts gespeichert. Wählen "
        "Sie einen anderen Ort und wenden Sie sich an die IT, wenn das anhält. (No such file "
        "or directory)"
    ]
