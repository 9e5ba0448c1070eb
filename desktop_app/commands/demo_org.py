"""Make the demo organisation the way hospital IT would: relay, directory, enrolled people.

Every step is the product's own: ``init_relay`` (org keys, relay certificate),
a signed directory version, a container per person, a one-time enrollment code
(``issue_code``) redeemed by ``services.enrollment.enroll`` over TLS against the
embedded relay. Only the passphrases are fixed and printed, because this is a demo.
The Argon2 cost is the product's unless a caller passes ``kdf`` (tests do).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from desktop_app.commands.demo_directory import DemoDirectory, demo_directory, publish_directory
from desktop_app.commands.demo_layout import (
    DemoLayout,
    DemoPerson,
    DemoRecord,
    SeededConversation,
)
from desktop_app.commands.demo_relay import EmbeddedRelay
from desktop_app.commands.demo_seed import SceneClock, seed_conversations
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.directory.model import Entry
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.services.enrollment import enroll
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import KEYSLOT_NAME, Owner
from desktop_app.storage.profiles import ProfileRoot

ORG_NAME = "Klinikum Nord (Demo)"
DEMO_PASSPHRASE = "demo-station-3b"  # noqa: S105 (demo data, printed to the user)
DEMO_ADMIN_PASSPHRASE = "demo-relay-admin-3b"  # noqa: S105 (demo data, printed to the user)
DEVICE_NAME = "Stationsrechner 3B (Demo)"
RELAY_HOSTS = ("127.0.0.1", "localhost")

Say = Callable[[str], None]


def create_demo(
    layout: DemoLayout, kdf: KdfParams | None, say: Say, *, advertise: bool = True
) -> tuple[DemoRecord, EmbeddedRelay]:
    """Create everything in an empty ``layout``; the relay keeps running for the window.

    ``demo.json`` is written first (unfinished) and last (complete), so an interruption
    anywhere is recognised next time and the demo is made again.
    """
    layout.write(DemoRecord(ORG_NAME, "", "", 0, (), complete=False))
    say(f"Creating the demo organisation {ORG_NAME} in {layout.root}/ …")
    init = init_relay(layout.relay_dir, ORG_NAME, DEMO_ADMIN_PASSPHRASE, RELAY_HOSTS, kdf=kdf)
    directory = demo_directory()
    publish_directory(layout.relay_dir, DEMO_ADMIN_PASSPHRASE, directory.entries)
    clock = SceneClock()
    relay = EmbeddedRelay(
        layout.relay_dir, DEMO_ADMIN_PASSPHRASE, advertise=advertise, clock_ms=clock.ms
    )
    port = relay.start()
    try:
        record = DemoRecord(
            organisation=ORG_NAME,
            relay_id=init.settings.relay_id,
            fingerprint=init.fingerprint_text,
            port=port,
            people=plan_people(layout, directory),
            directory_entries=len(directory.entries),
            functional_accounts=tuple(e.cn for e in directory.functional_accounts),
        )
        layout.write(record)
        names = " and ".join(p.name for p in record.people)
        say(f"Enrolling {names} and sending their conversations through the relay …")
        conversations = asyncio.run(_enroll_and_seed(layout, record, relay.address, kdf, clock))
        record = replace(record, conversations=conversations, complete=True)
        layout.write(record)
    except BaseException:
        relay.stop()
        raise
    return record, relay


def plan_people(layout: DemoLayout, directory: DemoDirectory) -> tuple[DemoPerson, DemoPerson]:
    """FIRST is the nurse, SECOND the physician; each gets a fresh container directory."""
    profiles = ProfileRoot(layout.profiles_dir)

    def person(role: str, entry: Entry) -> DemoPerson:
        path = profiles.new_directory(_owner(entry))
        return DemoPerson(
            role=role,
            uid=entry.uid,
            name=entry.cn,
            title=entry.title,
            department=entry.department,
            ward=entry.ward,
            profile=path.relative_to(layout.root).as_posix(),
        )

    return person("FIRST", directory.nurse), person("SECOND", directory.physician)


def _owner(entry: Entry | DemoPerson) -> Owner:
    name = entry.cn if isinstance(entry, Entry) else entry.name
    return Owner(name, entry.department, entry.uid)


async def _enroll_and_seed(
    layout: DemoLayout,
    record: DemoRecord,
    address: tuple[str, int],
    kdf: KdfParams | None,
    clock: SceneClock,
) -> tuple[SeededConversation, ...]:
    containers: list[Container] = []
    try:
        for person in record.people:
            container = Container.create(
                layout.profile(person), DEMO_PASSPHRASE, _owner(person), kdf=kdf
            )
            containers.append(container)
            code = issue_code(layout.relay_dir, person.uid).code
            await enroll(container, address, code, DEVICE_NAME)
        first, second = record.people
        return await seed_conversations(
            (first, second), (containers[0], containers[1]), address, clock
        )
    finally:
        for container in containers:
            container.close()


def missing_files(layout: DemoLayout, record: DemoRecord) -> list[Path]:
    """What a finished demo needs on disk but is not there (deleted by hand?)."""
    needed = [RelayDataDir(layout.relay_dir).settings_path]
    needed += [layout.profile(p) / KEYSLOT_NAME for p in record.people]
    return [path for path in needed if not path.is_file()]
