"""Safety-number comparisons (schema 6) survive a reopen and go with their device."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.domain.ids import DeviceId, Uid
from desktop_app.domain.model import Device, Person
from desktop_app.storage.container import Container
from desktop_app.storage.sql_confirmations import DeviceCheck, Outcome
from tests.conftest import PASSPHRASE, T0

JONAS = Uid("mueller.jonas")


def _device(container: Container, device_id: str = "PC-3B") -> DeviceId:
    container.peers.upsert_person(Person(JONAS, "Jonas Müller"))
    container.peers.upsert_device(Device(DeviceId(device_id), JONAS, "curve", "ed-key", True))
    return DeviceId(device_id)


def _check(device: DeviceId, outcome: Outcome = Outcome.MATCH) -> DeviceCheck:
    return DeviceCheck(device, JONAS, "ed-key", outcome, Uid("weber.anna"), DeviceId("PC-ANNA"), T0)


def test_recorded_check_persists(container: Container, container_dir: Path) -> None:
    device = _device(container)
    container.confirmations.record(_check(device))
    container.close()
    with Container.open(container_dir, PASSPHRASE) as again:
        assert again.confirmations.get(device) == _check(device)
        assert again.confirmations.of_person(JONAS) == {device: _check(device)}
        assert again.confirmations.of_person(Uid("weber.anna")) == {}


def test_latest_comparison_wins_and_forget(container: Container) -> None:
    device = _device(container)
    container.confirmations.record(_check(device))
    later = DeviceCheck(
        device, JONAS, "ed-key", Outcome.MISMATCH, Uid("weber.anna"), DeviceId("PC-ANNA"),
        T0 + timedelta(hours=1),
    )  # fmt: skip
    container.confirmations.record(later)
    assert container.confirmations.get(device) == later
    container.confirmations.forget(device)
    assert container.confirmations.get(device) is None


def test_unknown_device_is_refused(container: Container) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"):
        container.confirmations.record(_check(DeviceId("nobody")))


def test_checks_go_with_their_device(container: Container) -> None:
    device = _device(container)
    container.confirmations.record(_check(device))
    with container.database.transaction() as cur:
        cur.execute("DELETE FROM peers WHERE uid = ?", (JONAS,))
    assert container.confirmations.get(device) is None
