"""The devices of a person are kept in memory between messages; what the store returns
is still exactly what is committed: after a new device, a revocation, a rollback."""

from __future__ import annotations

import pytest

from desktop_app.domain.ids import DeviceId, Uid
from desktop_app.domain.model import Device, Person
from desktop_app.storage.container import Container

WEBER = Uid("weber.anna")


class Boom(Exception):
    pass


@pytest.fixture(autouse=True)
def weber(container: Container) -> None:
    container.peers.upsert_person(Person(WEBER, "Dr. Anna Weber", "Oberärztin", "Kardiologie"))


def ids(container: Container) -> list[str]:
    return [d.device_id for d in container.peers.devices_of(WEBER)]


def test_a_new_device_and_a_revocation_show_at_once(container: Container) -> None:
    container.peers.upsert_device(Device(DeviceId("D1"), WEBER, "c1", "e1"))
    assert ids(container) == ["D1"]  # now kept in memory
    container.peers.upsert_device(Device(DeviceId("D2"), WEBER, "c2", "e2"))
    assert ids(container) == ["D1", "D2"]
    container.peers.upsert_device(Device(DeviceId("D1"), WEBER, "c1", "e1", revoked=True))
    assert [d.revoked for d in container.peers.devices_of(WEBER)] == [True, False]


def test_a_device_read_inside_a_rolled_back_transaction_is_forgotten(
    container: Container,
) -> None:
    container.peers.upsert_device(Device(DeviceId("D1"), WEBER, "c1", "e1"))
    assert ids(container) == ["D1"]
    with pytest.raises(Boom), container.database.atomic():
        container.peers.upsert_device(Device(DeviceId("D2"), WEBER, "c2", "e2"))
        assert ids(container) == ["D1", "D2"]  # seen inside, uncommitted
        raise Boom
    assert ids(container) == ["D1"]


def test_a_rolled_back_savepoint_is_forgotten_too(container: Container) -> None:
    container.peers.upsert_device(Device(DeviceId("D1"), WEBER, "c1", "e1"))
    with container.database.atomic():
        with pytest.raises(Boom), container.database.atomic():  # a batch's failing step
            container.peers.upsert_device(Device(DeviceId("D2"), WEBER, "c2", "e2"))
            assert ids(container) == ["D1", "D2"]
            raise Boom
        assert ids(container) == ["D1"]
    assert ids(container) == ["D1"]


def test_what_is_returned_cannot_change_what_is_kept(container: Container) -> None:
    container.peers.upsert_device(Device(DeviceId("D1"), WEBER, "c1", "e1"))
    container.peers.devices_of(WEBER).clear()
    assert ids(container) == ["D1"]
