"""Settings, crypto pickles, peers and the outbox survive a reopen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from desktop_app.domain.ids import DeviceId, EnvelopeId, MessageId, Uid
from desktop_app.domain.model import Device, Person
from desktop_app.storage.container import Container
from desktop_app.storage.sql_inbox import HeldEnvelope
from tests.conftest import PASSPHRASE, T0


def test_settings_and_pickles_persist(container: Container, container_dir: Path) -> None:
    container.settings.set("autolock.minutes", "10")
    container.settings.set("autolock.minutes", "5")
    container.settings.set("tmp", "x")
    container.settings.delete("tmp")
    container.pickles.save("account", "self", b"pickled-account")
    container.pickles.save("olm", "dev-b", b"s1")
    container.pickles.save("olm", "dev-a", b"s2")
    container.pickles.delete("olm", "dev-b")
    pickle_key = container.pickle_key
    container.close()
    with Container.open(container_dir, PASSPHRASE) as c:
        assert c.settings.get("autolock.minutes") == "5"
        assert c.settings.get("tmp", "default") == "default"
        assert c.pickles.load("account", "self") == b"pickled-account"
        assert c.pickles.names("olm") == ["dev-a"]
        assert c.pickles.load("olm", "dev-b") is None
        assert c.pickle_key == pickle_key and len(pickle_key) == 32


def test_peers_report_new_devices(container: Container) -> None:
    weber = Uid("weber.anna")
    container.peers.upsert_person(Person(weber, "Dr. Anna Weber", "Oberärztin", "Kardiologie"))
    device = Device(DeviceId("D1"), weber, "curve", "ed")
    assert container.peers.upsert_device(device) is True
    assert container.peers.upsert_device(device) is False  # known: no "new device" line
    assert container.peers.upsert_device(Device(DeviceId("D2"), weber, "c2", "e2")) is True
    assert [d.device_id for d in container.peers.devices_of(weber)] == ["D1", "D2"]
    person = container.peers.person(weber)
    assert person is not None and person.title == "Oberärztin"


def test_outbox_keeps_envelopes_until_acked(container: Container, container_dir: Path) -> None:
    recipients = (DeviceId("D1"), DeviceId("D2"))
    container.outbox.enqueue(EnvelopeId("E1"), recipients, b"ciphertext-1", MessageId("M1"), T0)
    container.outbox.enqueue(EnvelopeId("E2"), recipients, b"ciphertext-2", None, T0)
    container.outbox.enqueue(EnvelopeId("E1"), recipients, b"dupe", None, T0)  # idempotent
    container.outbox.postpone(EnvelopeId("E2"), T0 + timedelta(minutes=5))
    container.close()
    with Container.open(container_dir, PASSPHRASE) as c:
        assert len(c.outbox) == 2
        due = c.outbox.due(T0 + timedelta(minutes=1))
        assert [(e.envelope_id, e.payload, e.recipients) for e in due] == [
            ("E1", b"ciphertext-1", recipients)
        ]
        later = c.outbox.due(T0 + timedelta(minutes=6))
        assert [e.envelope_id for e in later] == ["E1", "E2"]
        assert later[1].attempts == 1
        c.outbox.acknowledged(EnvelopeId("E1"))
        assert [e.envelope_id for e in c.outbox.due(T0 + timedelta(hours=1))] == ["E2"]


def test_outbox_sends_in_the_order_written_within_one_millisecond(container: Container) -> None:
    """A room key, the group's state and the message are often queued in the same ms;
    they must leave in that order (random ids must not reorder them)."""
    ids = [EnvelopeId(f"{n:02d}-{'zyxwvutsrq'[n % 10]}") for n in range(40)]
    shuffled = sorted(ids, key=lambda e: e[::-1])  # written in an order unlike the ids'
    for envelope_id in shuffled:
        container.outbox.enqueue(envelope_id, (DeviceId("D1"),), b"c", None, T0)
    due = container.outbox.due(T0 + timedelta(seconds=1), limit=100)
    assert [e.envelope_id for e in due] == shuffled


def test_held_envelopes_come_back_in_arrival_order_within_one_millisecond(
    container: Container,
) -> None:
    names = [f"{n:02d}-{'qrstuvwxyz'[n % 10]}" for n in range(30)]
    arrival = sorted(names, key=lambda e: e[::-1])
    for envelope_id in arrival:
        container.inbox.hold(HeldEnvelope("D1", envelope_id, "weber.anna", 1000, "S", b"x"))
    assert [h.envelope_id for h in container.inbox.held_for("S")] == arrival
