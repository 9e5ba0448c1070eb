"""Settings, crypto pickles, peers and the outbox survive a reopen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from desktop_app.domain.ids import DeviceId, EnvelopeId, MessageId, Uid
from desktop_app.domain.model import Device, Person
from desktop_app.storage.container import Container
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
