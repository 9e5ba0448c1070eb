"""More of what reached a German window in English, now said in German: this PC's
certificate about to expire (its date worded in the UI language), a relay given by
address that cannot be trusted, a damaged container or one WardLink cannot read, the
relay answering enrollment with another device's certificate, de-identification's
warnings after an export, and a calendar file too large to import (refused before it
is read). Each with the lower layer's words in brackets for IT where they help."""

from __future__ import annotations

import asyncio
import dataclasses
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from desktop_app.domain.ics import MAX_ICS_BYTES
from desktop_app.protocol.frames_session import Enrolled
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.services.enrollment import enroll
from desktop_app.services.live_views import ConnectionStatus, Link
from desktop_app.services.relay_link import RelayLink
from desktop_app.storage.container import DB_NAME, Container
from desktop_app.storage.database import translate
from desktop_app.storage.errors import ContainerIOError, CorruptContainer, NotAContainer
from desktop_app.storage.keyslot import KEYSLOT_NAME, Owner
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.chat import ChatView
from desktop_app.ui.error_text import user_message
from desktop_app.ui.service_events import ServiceEvents
from desktop_app.ui.shell.connection_label import ConnectionLabel
from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.medical import generators
from tests.relay.conftest import ADMIN, ORG, relay_process
from tests.ui.chat_support import TIMEOUT_MS, chat_view, start_direct, wait_row
from tests.ui.live import _close, _make_client
from tests.ui.shell_rig import make_controller
from tests.ui.test_error_words_pc import bridge, join_dialog

__all__ = ["bridge", "chat_view"]  # the fixtures


def test_a_certificate_about_to_expire_names_its_date_in_german(qtbot: QtBot, german: None) -> None:
    """Before: the services' English sentence with an ISO date as tooltip."""
    label = ConnectionLabel()
    qtbot.addWidget(label)
    expires = datetime(2027, 1, 12, 10, 0, tzinfo=UTC)
    label.show_status(ConnectionStatus(Link.CONNECTED, "relay:1", certificate_expires=expires))
    assert "Das Zertifikat dieses PCs läuft bald ab" in label.text()
    assert label.toolTip() == (
        "Das Zertifikat dieses PCs läuft am 12.01.2027 ab und konnte nicht erneuert werden; "
        "bitte wenden Sie sich an die IT-Abteilung."
    )
    label.show_status(
        ConnectionStatus(
            Link.CONNECTED, "relay:1", certificate_expires=expires, certificate_expired=True
        )
    )
    assert label.toolTip() == (
        "Das Zertifikat dieses PCs ist abgelaufen; bitte wenden Sie sich an die "
        "IT-Abteilung, damit es erneuert wird."
    )


def test_a_relay_of_another_hospital_given_by_address_is_said_in_german(
    qtbot: QtBot, gui_ward: Any, german: None, tmp_path: Path
) -> None:
    """Anna's PC is told (--relay, as by policy) to use Klinikum Süd's relay. The TLS
    handshake refuses it; the status bar's tooltip said crypto's English before."""
    profile = gui_ward.enroll("weber.anna")
    theirs = tmp_path / "sued"
    init_relay(theirs, "Klinikum Süd", ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    with relay_process(theirs, advertise=False) as other:
        address = f"127.0.0.1:{other.port}"
        container = Container.open(profile, PASSPHRASE)
        bridge = AsyncBridge()
        events = ServiceEvents(bridge)
        client = _make_client(bridge, container, address, False, None)
        label = ConnectionLabel()
        qtbot.addWidget(label)
        events.connection.connect(label.show_status)
        try:
            bridge.submit(client.start)
            qtbot.waitUntil(lambda: label.toolTip() != "", timeout=TIMEOUT_MS)
            assert label.toolTip().startswith(
                f"Das Relay unter {address} gehört nicht zu Ihrem Krankenhaus; WardLink hat "
                "nichts dorthin gesendet und versucht es weiter. Bitte wenden Sie sich an die "
                "IT. (the relay's certificate does not belong to your organisation"
            )
        finally:
            _close(bridge, client, container)


def test_unlocking_a_damaged_container_is_said_in_german(
    qtbot: QtBot, gui_ward: Any, german: None, tmp_path: Path
) -> None:
    """The database file was cut short (a copy interrupted): the start window's error
    line said the storage layer's English before."""
    profile = gui_ward.enroll("weber.anna")
    database = profile / DB_NAME
    database.write_bytes(database.read_bytes()[:-1000])
    bridge = AsyncBridge()
    controller = make_controller(bridge, profile.parent, gui_ward.address)
    try:
        controller.show_start()
        controller.unlock(profile, bytearray(PASSPHRASE.encode()))
        qtbot.waitUntil(lambda: "beschädigt" in controller.start.error.text(), timeout=TIMEOUT_MS)
        assert controller.start.error.text().startswith(
            "Die WardLink-Daten dieser Person auf diesem PC sind beschädigt und können nicht "
            "geöffnet werden; es wurde nichts verändert. Bitte wenden Sie sich an die IT. "
            "(The container's database is truncated ("
        )
    finally:
        controller.shutdown()
        bridge.shutdown()


def test_a_folder_that_holds_no_container_and_a_disk_error_are_said_in_german(
    qtbot: QtBot, german: None, tmp_path: Path
) -> None:
    (tmp_path / KEYSLOT_NAME).write_text("kein WardLink", encoding="utf-8")
    with pytest.raises(NotAContainer) as not_ours:
        Container.read_keyslot(tmp_path)
    assert user_message(not_ours.value) == (
        "Hier liegen keine WardLink-Daten, die diese Version öffnen kann; es wurde nichts "
        "verändert. Bitte wenden Sie sich an die IT. (This is not a WardLink container (key "
        "file is not JSON))"
    )

    class DiskIOError(Exception):  # what the SQLCipher driver raises, with SQLite's code
        sqlite_errorcode = 10 | (13 << 8)  # SQLITE_IOERR_FSYNC

    failed = translate(DiskIOError("disk I/O error"))
    assert isinstance(failed, ContainerIOError)
    assert user_message(failed) == (
        "WardLink konnte die Daten dieser Person auf diesem PC nicht lesen oder schreiben "
        "(ein Problem mit der Festplatte oder dem Laufwerk). Bitte versuchen Sie es erneut "
        "und wenden Sie sich an die IT, wenn das anhält. (disk I/O error)"
    )
    assert isinstance(
        translate(DiskIOError("file is not a database")), ContainerIOError | CorruptContainer
    )


def test_a_certificate_for_another_device_at_enrollment_is_said_in_german(
    qtbot: QtBot, german: None, bridge: AsyncBridge, tmp_path: Path, monkeypatch: Any
) -> None:
    """A rogue relay that holds the organisation's device CA (online issuing) answers
    Jonas's enrollment with the certificate of a PC enrolled before (Anna's): before,
    services/enrollment.py raised a ValueError in English. The relay is real; the test
    plays its rogue part by swapping the certificate in its answer."""
    root = tmp_path / "nord"
    init_relay(root, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    with relay_process(root, advertise=False) as relay:
        address = f"127.0.0.1:{relay.port}"
        anna = Container.create(tmp_path / "anna", PASSPHRASE, Owner("weber.anna"), kdf=FAST_KDF)
        try:
            code = issue_code(root, "weber.anna").code
            annas = asyncio.run(enroll(anna, ("127.0.0.1", relay.port), code, "PC")).certificate
        finally:
            anna.close()
        honest = RelayLink.request

        async def rogue(link: RelayLink, frame: Any, *args: Any, **kwargs: Any) -> Any:
            reply = await honest(link, frame, *args, **kwargs)
            if isinstance(reply, Enrolled):
                return msgspec.structs.replace(reply, device_certificate=annas)
            return reply

        monkeypatch.setattr(RelayLink, "request", rogue)
        controller = make_controller(bridge, tmp_path / "pc", address)
        try:
            dialog = join_dialog(qtbot, controller, issue_code(root, "mueller.jonas").code, address)
            qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=TIMEOUT_MS)
            assert dialog.error.text() == (
                f"Das Relay unter {address} hat ein Zertifikat für ein anderes Gerät "
                "geschickt; dieser PC wurde deshalb nicht angemeldet. Bitte wenden Sie sich "
                "an die IT."
            )
            assert controller.profiles.people() == [] and controller.main is None
        finally:
            controller.shutdown()


def test_deidentification_warnings_after_an_export_are_said_in_german(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    german: None,
    tmp_path: Path,
) -> None:
    """A DICOM whose pixels carry the patient's name and face: the tags are cleaned, and
    the export says in German what that could not remove (before: medical's English)."""
    ds = generators.make_dx(96, 80)
    ds.BurnedInAnnotation = "YES"
    ds.RecognizableVisualFeatures = "YES"
    hostile = tmp_path / "gesicht.dcm"
    ds.save_as(hostile, enforce_file_format=True)
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view: ChatView = chat_view(dataclasses.replace(anna, ctx=anna.ctx))
    view.show_conversation(cid, "Jonas Müller")
    view.composer.add_files([hostile])
    view.composer.submit()
    row = wait_row(qtbot, view, lambda r: bool(r.message.attachments))
    with qtbot.waitSignal(view.exporter.done, timeout=TIMEOUT_MS) as done:
        view.exporter.write(row.message.attachments[0], tmp_path / "out.dcm", True)
    assert done.args[0].endswith(
        "Achtung: Patientendaten können im Bild selbst eingebrannt sein (BurnedInAnnotation "
        "YES); prüfen Sie das Bild, bevor Sie es weitergeben; das Bild zeigt Merkmale, an "
        "denen die Patientin oder der Patient erkannt werden kann (z. B. ein Gesicht)"
    )


def test_a_calendar_file_over_the_limit_is_refused_unread_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None, tmp_path: Path
) -> None:
    """Four times the limit (sparse: no disk used). Before, the whole file was read into
    memory and then refused; now its size is looked at first and nothing is read."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    window = CalendarWindow(anna.ctx, cid, "Jonas Müller")
    qtbot.addWidget(window)
    window.show()
    huge = tmp_path / "dienstplan.ics"
    with huge.open("wb") as fh:
        fh.truncate(4 * MAX_ICS_BYTES)
    tracemalloc.start()
    try:
        window.import_ics(str(huge))
        qtbot.waitUntil(lambda: window.status.text() != "", timeout=TIMEOUT_MS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert window.status.text() == (
        "Diese Kalenderdatei kann nicht importiert werden: Sie ist keine iCalendar-Datei "
        "(.ics), sie ist zu groß, oder einer ihrer Termine ist ungültig."
    )
    assert peak < MAX_ICS_BYTES
