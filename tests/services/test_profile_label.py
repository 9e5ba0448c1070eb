"""The start screen names a container as the signed directory does, not as typed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.directory.model import Entry
from desktop_app.relay.directory_admin import import_directory
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.profiles import ProfileRoot
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import ward

ANNA = Entry(uid="klein.anna", cn="Dr. Anna Klein", department="Neurologie")


def test_a_typed_label_becomes_the_directory_name_at_connect(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Anna typed "klein.anna" (the ward fixture's label) at joining; once her PC has the
    directory, the chooser shows "Dr. Anna Klein, Neurologie", and says so after a
    restart (the key file), while the key still opens the container."""
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)

    async def scenario() -> Path:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            assert anna.container.slot.owner == Owner("Dr. Anna Klein", "Neurologie", ANNA.uid)
            return anna.profile

    profile = asyncio.run(scenario())
    assert Container.read_keyslot(profile).owner == Owner("Dr. Anna Klein", "Neurologie", ANNA.uid)
    people = ProfileRoot(profile.parent).people()
    assert [(p.owner.display_name, p.owner.department) for p in people] == [
        ("Dr. Anna Klein", "Neurologie")
    ]


def test_without_a_directory_the_typed_label_stays(relay_dir: Path, tmp_path: Path) -> None:
    """A relay that published no directory yet (a new installation) leaves the label."""

    async def scenario() -> Path:
        async with ward(relay_dir, tmp_path) as w:
            jonas = await w.person("mueller.jonas")
            assert jonas.container.slot.owner == Owner("mueller.jonas")
            return jonas.profile

    assert Container.read_keyslot(asyncio.run(scenario())).owner == Owner("mueller.jonas")
