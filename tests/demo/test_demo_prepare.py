"""`wardlink demo --prepare-only`: a real organisation, real enrollment, real messages.

The demo is made once per module (real relay on 127.0.0.1, real SQLCipher, real
vodozemac; only the Argon2 cost is lowered) and read back from the relay store and
from both people's containers, the way the desktop app will read them.
"""

from __future__ import annotations

import json
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.commands.demo_flow import prepare_demo
from desktop_app.commands.demo_layout import DemoDirError, DemoLayout, DirKind
from desktop_app.commands.demo_org import DEMO_PASSPHRASE
from desktop_app.directory.model import EntryKind
from desktop_app.directory.snapshot import decode_entry
from desktop_app.domain.calendar import on_duty
from desktop_app.domain.model import ConversationKind, Message, MessageKind
from desktop_app.medical.ecg import load_ecg
from desktop_app.medical.loading import load_image
from desktop_app.medical.pixels import decode_frame
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.resource_files import resources_dir
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.timeutil import utc_now
from tests.conftest import FAST_KDF
from tests.demo.conftest import MadeDemo

SCRIPT = json.loads((resources_dir() / "demo" / "ward_chat.json").read_text("utf-8"))
DIRECT_TEXTS = [m["text"] for m in SCRIPT["messages"] if m["to"] in ("FIRST", "SECOND")]
URGENT = next(m["text"] for m in SCRIPT["messages"] if m.get("urgent"))


def texts(container: Container, title: str) -> list[Message]:
    """The text messages of the conversation called ``title``, oldest first."""
    found = [
        s.conversation for s in container.conversations.recent() if s.conversation.title == title
    ]
    assert len(found) == 1, [s.conversation.title for s in container.conversations.recent()]
    page = container.messages.page(found[0].conversation_id, limit=100)
    return [m for m in reversed(page.messages) if m.kind is MessageKind.TEXT]


def attachment(container: Container, message: Message) -> tuple[str, bytes]:
    (only,) = container.attachments.for_message(message.message_id)
    return only.file_name, b"".join(container.attachments.read_chunks(only.attachment_id))


def test_the_organisation_has_a_signed_directory_and_two_enrolled_people(
    made_demo: MadeDemo,
) -> None:
    record = made_demo.record
    nurse, physician = record.people
    assert (nurse.role, physician.role) == ("FIRST", "SECOND")
    assert nurse.title in ("Pflegefachmann", "Gesundheits- und Krankenpflegerin")
    assert physician.title in ("Oberarzt", "Oberärztin") and physician.name.startswith("Dr. ")
    assert {(p.department, p.ward) for p in record.people} == {("Kardiologie", "Station 3B")}
    assert record.complete and record.port > 0 and record.relay_id.startswith("relay-")
    store = RelayDataDir(made_demo.root / "relay").open_store()
    try:
        entries = {uid: decode_entry(raw) for uid, raw in store.directory_entries().items()}
        devices = {p.uid: store.devices(p.uid) for p in record.people}
        version = store.directory_version()
    finally:
        store.close()
    people = [e for e in entries.values() if e.kind is EntryKind.PERSON]
    functions = {e.cn: e for e in entries.values() if e.kind is EntryKind.FUNCTION}
    assert len(people) == 200 and len(entries) == record.directory_entries == 206
    assert version is not None and version.version == 1
    assert entries[nurse.uid].cn == nurse.name and entries[physician.uid].ward == "Station 3B"
    assert functions["Dienstarzt Kardiologie"].holders == (physician.uid,)
    assert functions["Stationstelefon 3B"].holders == (nurse.uid,)
    assert all(f.holders for f in functions.values()), functions
    assert all(set(f.holders) <= set(entries) for f in functions.values())
    assert len({e.department for e in people}) >= 10 and len({e.ward for e in people}) >= 20
    for uid, listed in devices.items():
        assert len(listed) == 1 and not listed[0].revoked, uid
    assert any("Creating the demo organisation" in line for line in made_demo.said)


def test_both_containers_hold_the_seeded_conversations(made_demo: MadeDemo) -> None:
    nurse, physician = made_demo.record.people
    layout = DemoLayout(made_demo.root)
    with Container.open(layout.profile(nurse), DEMO_PASSPHRASE) as mine:
        assert mine.slot.owner == Owner(nurse.name, "Kardiologie", nurse.uid)
        direct = texts(mine, physician.name)
        assert [m.body for m in direct] == DIRECT_TEXTS
        assert [m.body for m in direct if m.urgent] == [URGENT]
        ecg_message = next(m for m in direct if "EKG" in m.body and m.sender_uid == nurse.uid)
        xray_message = next(m for m in direct if "Röntgen-Thorax p.a." in m.body)
        assert xray_message.sender_uid == physician.uid  # received through the relay
        ecg_name, ecg_bytes = attachment(mine, ecg_message)
        xray_name, xray_bytes = attachment(mine, xray_message)
        group = texts(mine, "Station 3B")
        assert [m.sender_uid for m in group] == [nurse.uid, physician.uid]
        plan_name, plan = attachment(mine, group[0])
        role = texts(mine, "Dienstarzt Kardiologie")
        assert len(role) == 1 and "Kalium" in role[0].body
        # What came after the nurse's own last reply is unread, nothing before it.
        unread = {s.conversation.title: s.unread for s in mine.conversations.recent()}
        last_mine = max(i for i, m in enumerate(direct) if m.sender_uid == nurse.uid)
        assert unread[physician.name] == len(direct) - 1 - last_mine
        kinds = {s.conversation.title: s.conversation.kind for s in mine.conversations.recent()}
        assert kinds[physician.name] is ConversationKind.DIRECT
        assert kinds["Station 3B"] is ConversationKind.GROUP
        # backdated to the script's minutes: 96 to 40 minutes ago, in order
        times = [m.sent_at for m in direct]
        assert times == sorted(times)
        assert abs((times[-1] - times[0]).total_seconds() / 60 - 56) < 2

    assert ecg_name.endswith(".dcm") and xray_name.endswith(".dcm")
    recording = load_ecg(ecg_bytes)
    assert [lead.name for lead in recording.group(0)][:3] == ["I", "II", "III"]
    assert len(recording.group(0)) == 12
    assert {len(lead.samples_mv) for lead in recording.group(0)} == {5000}
    image = load_image(xray_bytes)
    assert decode_frame(image).shape == (2048, 1664)
    assert str(image.dataset.PatientName) == "Demo^Patient"
    assert plan_name == "dienstplan-dezember.txt"
    assert plan == (resources_dir() / "demo" / plan_name).read_bytes()

    with Container.open(layout.profile(physician), DEMO_PASSPHRASE) as theirs:
        received = [
            m for c in theirs.conversations.recent() for m in texts(theirs, c.conversation.title)
        ]
        assert len(received) == len(SCRIPT["messages"])
        urgent = [m for m in received if m.urgent]
        assert [(m.body, m.sender_uid) for m in urgent] == [(URGENT, nurse.uid)]
        ecg_there = next(m for m in received if m.message_id == ecg_message.message_id)
        assert attachment(theirs, ecg_there) == (ecg_name, ecg_bytes)


def test_both_containers_hold_the_ward_tasks_and_duty_calendar(made_demo: MadeDemo) -> None:
    """The demo opens with open tasks and the physician on duty now, as the main window's
    duty line and "My tasks" show them, made through the relay like the messages."""
    nurse, physician = made_demo.record.people
    layout = DemoLayout(made_demo.root)
    for person in (nurse, physician):
        with Container.open(layout.profile(person), DEMO_PASSPHRASE) as container:
            tasks = {t.title: t for _cid, t in container.tasks.everywhere()}
            assert set(tasks) == {t["title"] for t in SCRIPT["tasks"]}
            troponin = tasks["Troponin-Kontrolle Zimmer 12"]
            assert troponin.assignee == nurse.uid and len(troponin.items) == 2
            assert tasks["Kalium-Kontrolle Zimmer 7"].assignee == "dienstarzt.kardiologie"
            events = [e for _cid, e in container.calendar.events()]
            assert {e.title for e in events} == {e["title"] for e in SCRIPT["calendar"]}
            duty = on_duty(events, "dienstarzt.kardiologie", utc_now(), timedelta(days=1))
            assert duty.now is not None and duty.now.duty_holder == physician.uid


def test_a_second_run_reuses_the_demo_quickly(made_demo: MadeDemo, tmp_path: Path) -> None:
    root = made_demo.copy(tmp_path / "demo")
    said: list[str] = []
    started = time.monotonic()
    again = prepare_demo(root, kdf=FAST_KDF, advertise=False, say=said.append)
    took = time.monotonic() - started
    assert not again.created and again.relay is None and said == []
    assert again.record == made_demo.record
    assert took < min(2.0, made_demo.seconds / 3), (took, made_demo.seconds)
    nurse = made_demo.record.people[0]
    with Container.open(root / nurse.profile, DEMO_PASSPHRASE) as mine:
        assert mine.messages.count() == sum(
            c.messages for c in made_demo.record.conversations
        ) + sum(1 for c in made_demo.record.conversations if c.kind == "group")  # + "created"


def test_fresh_makes_a_new_organisation(made_demo: MadeDemo, tmp_path: Path) -> None:
    root = made_demo.copy(tmp_path / "demo")
    (root / "notes.txt").write_text("mine")  # not the demo's: --fresh leaves it alone
    old_ids = {
        p.uid: Container.read_keyslot(root / p.profile).container_id
        for p in made_demo.record.people
    }
    said: list[str] = []
    fresh = prepare_demo(root, fresh=True, kdf=FAST_KDF, advertise=False, say=said.append)
    fresh.stop_relay()
    assert fresh.created and fresh.record.relay_id != made_demo.record.relay_id
    assert fresh.record.fingerprint != made_demo.record.fingerprint
    assert fresh.record.conversations == made_demo.record.conversations  # not doubled
    for person in fresh.record.people:
        assert Container.read_keyslot(root / person.profile).container_id != old_ids[person.uid]
    assert (root / "notes.txt").read_text() == "mine"
    assert said[0].startswith("--fresh: removing the demo")


def test_the_previous_demo_container_is_moved_aside(tmp_path: Path) -> None:
    root = tmp_path / "demo-profile"
    with Container.create(
        root, "old demo passphrase", Owner("Pflege Demo (Station 3B)"), kdf=FAST_KDF
    ) as old:
        old.settings.set("marker", "from the old demo")
    said: list[str] = []
    prepared = prepare_demo(root, kdf=FAST_KDF, advertise=False, say=said.append)
    prepared.stop_relay()
    aside = prepared.moved_aside
    assert aside is not None and aside.parent == root
    assert "moved it to" in said[0] and str(aside) in said[0]
    with Container.open(aside, "old demo passphrase") as kept:
        assert kept.settings.get("marker") == "from the old demo"
    assert prepared.created and DemoLayout(root).kind() is DirKind.DEMO
    assert sorted(p.name for p in root.iterdir()) == sorted(
        [aside.name, "demo.json", "profiles", "relay"]
    )


def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "documents"
    root.mkdir()
    (root / "befund.pdf").write_bytes(b"%PDF-1.4")
    for fresh in (False, True):
        with pytest.raises(DemoDirError, match=re.escape("holds no WardLink demo (befund.pdf)")):
            prepare_demo(root, fresh=fresh, kdf=FAST_KDF, advertise=False, say=print)
    assert [p.name for p in root.iterdir()] == ["befund.pdf"]


def test_an_unfinished_demo_is_recognised_and_only_our_files_go(
    made_demo: MadeDemo, tmp_path: Path
) -> None:
    root = made_demo.copy(tmp_path / "demo")
    layout = DemoLayout(root)
    doc = json.loads(layout.record_path.read_text())
    layout.record_path.write_text(json.dumps({**doc, "complete": False}))
    (root / "previous-demo-container-20261127-101500").mkdir()
    assert layout.kind() is DirKind.UNFINISHED
    layout.remove_demo()
    assert [p.name for p in root.iterdir()] == ["previous-demo-container-20261127-101500"]
    assert layout.kind() is DirKind.EMPTY
    layout.record_path.write_text('{"format": "something else"}')
    assert layout.kind() is DirKind.FOREIGN
