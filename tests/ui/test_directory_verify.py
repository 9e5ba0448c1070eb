"""Comparing safety numbers in person: the same on both screens, remembered, per key."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import DeviceId, Uid
from desktop_app.domain.model import Device
from desktop_app.relay.admin import issue_code
from desktop_app.services.directory_view import DeviceTrust, trust_of
from desktop_app.services.enrollment import enroll
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.sql_confirmations import DeviceCheck, Outcome
from desktop_app.ui.directory import DirectoryPanel, VerifyDialog
from tests.conftest import FAST_KDF, PASSPHRASE

WAIT = 10000


def _panel(qtbot: QtBot, session: Any, uid: str) -> DirectoryPanel:
    panel = DirectoryPanel(session.ctx)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        panel.show_person(uid)
    return panel


def _open_verify(qtbot: QtBot, panel: DirectoryPanel, row: int = 0) -> VerifyDialog:
    button = panel.card.device_rows()[row].button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(VerifyDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=WAIT)
    return dialog


def _emoji(dialog: VerifyDialog) -> list[str]:
    assert dialog.view is not None
    return [e.emoji for e in dialog.view.number.emoji]


def test_both_screens_show_the_same_and_a_match_is_remembered(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    panel = _panel(qtbot, anna, "mueller.jonas")
    jonas_panel = _panel(qtbot, jonas, "weber.anna")
    at_anna = _open_verify(qtbot, panel)
    at_jonas = _open_verify(qtbot, jonas_panel)
    assert at_anna.digits.text() == at_jonas.digits.text()
    assert len(at_anna.digits.text().split()) == 12
    assert _emoji(at_anna) == _emoji(at_jonas) and len(_emoji(at_anna)) == 7
    assert at_anna.state.text() == "Certified by the hospital, not yet compared in person."
    # the names under the pictures are the (translated) names of the table
    assert at_anna.view is not None
    names = [e.name for e in at_anna.view.number.emoji]
    shown = [w.text() for w in at_anna.pictures.findChildren(type(at_anna.heading))]
    assert all(name in shown for name in names)

    device = at_anna.view.device_id
    with qtbot.waitSignals([at_anna.accepted, panel.card_shown], timeout=WAIT):
        qtbot.mouseClick(at_anna.match_button, Qt.MouseButton.LeftButton)
    rows = panel.card.device_rows()
    assert rows[0].device.trust is DeviceTrust.CONFIRMED
    assert "confirmed in person by you" in rows[0].state.text()

    with Container.open(gui_ward.profiles["weber.anna"], PASSPHRASE) as again:  # reopened
        check = again.confirmations.get(DeviceId(device))
        assert check is not None and check.outcome is Outcome.MATCH
        assert check.by_uid == "weber.anna" and check.uid == "mueller.jonas"
        (stored,) = again.peers.devices_of(Uid("mueller.jonas"))
        assert trust_of(stored, check) is DeviceTrust.CONFIRMED


def test_a_new_device_of_a_confirmed_person_is_not_confirmed(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Any
) -> None:
    gui_ward.enroll("mueller.jonas")
    anna = live_session(gui_ward, "weber.anna")
    panel = _panel(qtbot, anna, "mueller.jonas")
    dialog = _open_verify(qtbot, panel)
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        qtbot.mouseClick(dialog.match_button, Qt.MouseButton.LeftButton)
    assert panel.card.device_rows()[0].device.trust is DeviceTrust.CONFIRMED

    # Jonas gets a second PC (enrolled by IT like the first)
    second = tmp_path / "jonas-second-pc"
    with Container.create(second, PASSPHRASE, Owner("Jonas Müller"), kdf=FAST_KDF) as c:
        code = issue_code(gui_ward.root, "mueller.jonas").code
        asyncio.run(enroll(c, ("127.0.0.1", gui_ward.relay.port), code, "PC 3B Flur"))
    forgot: list[object] = []
    anna.ctx.bridge.call(anna.ctx.client.session.peers.forget_fetch_times, done=forgot.append)
    qtbot.waitUntil(lambda: bool(forgot), timeout=WAIT)
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        panel.show_person("mueller.jonas")
    trusts = [row.device.trust for row in panel.card.device_rows()]
    assert trusts == [DeviceTrust.CONFIRMED, DeviceTrust.CERTIFIED]
    new_row = panel.card.device_rows()[1]
    assert new_row.button is not None and new_row.button.text() == "Verify…"


def test_they_dont_match_warns_and_is_shown_on_the_card(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    gui_ward.enroll("mueller.jonas")
    anna = live_session(gui_ward, "weber.anna")
    panel = _panel(qtbot, anna, "mueller.jonas")
    dialog = _open_verify(qtbot, panel)
    with qtbot.waitSignal(dialog.recorded, timeout=WAIT) as recorded:
        qtbot.mouseClick(dialog.mismatch_button, Qt.MouseButton.LeftButton)
    assert recorded.args[0] == "mueller.jonas" and recorded.args[2] is False
    QApplication.processEvents()
    assert dialog.isVisible() and dialog.warning.isVisible()
    warning = dialog.warning.text()
    assert "do not match" in warning and "impostor" in warning and "tell IT" in warning
    assert not dialog.match_button.isVisible()
    qtbot.waitUntil(
        lambda: panel.card.device_rows()[0].device.trust is DeviceTrust.MISMATCH, timeout=WAIT
    )
    assert "did NOT match" in panel.card.device_rows()[0].state.text()
    assert panel.card.device_rows()[0].button.text() == "Compare again…"  # type: ignore[union-attr]


def test_a_confirmation_holds_only_for_the_compared_key() -> None:
    at = datetime(2025, 3, 1, tzinfo=UTC)
    device = Device(DeviceId("PC-3B"), Uid("mueller.jonas"), "curve", "key-1", verified=True)
    matched = DeviceCheck(
        device.device_id, device.uid, "key-1", Outcome.MATCH, Uid("weber.anna"),
        DeviceId("PC-A"), at,
    )  # fmt: skip
    assert trust_of(device, None) is DeviceTrust.CERTIFIED
    assert trust_of(device, matched) is DeviceTrust.CONFIRMED
    changed = Device(device.device_id, device.uid, "curve", "key-2", verified=True)
    assert trust_of(changed, matched) is DeviceTrust.CERTIFIED
    revoked = Device(device.device_id, device.uid, "curve", "key-1", verified=True, revoked=True)
    assert trust_of(revoked, matched) is DeviceTrust.REVOKED
    mismatch = DeviceCheck(
        device.device_id, device.uid, "key-1", Outcome.MISMATCH, Uid("weber.anna"),
        DeviceId("PC-A"), at,
    )  # fmt: skip
    assert trust_of(device, mismatch) is DeviceTrust.MISMATCH
    assert trust_of(changed, mismatch) is DeviceTrust.CERTIFIED
