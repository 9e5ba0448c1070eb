"""A person leaves: `admin person remove` (and an LDAP-style full sync) revoke every device
with remote wipe, cancel their enrollment codes and take them off functional accounts.
Real relay, real containers."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry
from desktop_app.directory.snapshot import decode_entry
from desktop_app.relay.admin import issue_code, list_devices
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import import_directory
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.leavers import remove_person
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import DeviceWithdrawn, RelayRefused
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import ward

ANNA = Entry(uid="weber.anna", cn="Anna Weber", department="Kardiologie")
JONAS = Entry(uid="mueller.jonas", cn="Jonas Müller", department="Kardiologie")
DIENST = functional_account(
    "dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", ("mueller.jonas", "weber.anna")
)


def _holders(relay_dir: Path) -> tuple[str, ...]:
    store = RelayDataDir(relay_dir).open_store()
    try:
        entries = store.directory_entries()
    finally:
        store.close()
    return decode_entry(entries["dienst.kardio"]).holders


async def _enroll_with(relay_dir: Path, port: int, profile: Path, code: str) -> None:
    container = Container.create(profile, PASSPHRASE, Owner("X"), kdf=FAST_KDF)
    try:
        await enroll(container, ("127.0.0.1", port), code, "PC")
    finally:
        container.close()


@pytest.mark.parametrize("how", ["person remove", "directory sync"])
def test_leaver_loses_devices_data_codes_and_roles(
    relay_dir: Path, tmp_path: Path, how: str
) -> None:
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas_pc = await w.person(JONAS.uid, "-pc")
            jonas_laptop = await w.person(JONAS.uid, "-laptop")
            await jonas_laptop.session.close()  # offline when IT acts
            spare_code = issue_code(relay_dir, JONAS.uid).code  # issued, never used

            if how == "person remove":
                done = remove_person(relay_dir, JONAS.uid, ADMIN)
                assert sorted(done.revoked_devices) == sorted(
                    [jonas_pc.session.device_id, jonas_laptop.session.device_id]
                )
                assert done.cancelled_codes == 1 and done.roles_left == ("dienst.kardio",)
            else:  # the LDAP sync (a full replace) no longer finds Jonas
                (tmp_path / "sync.csv").write_bytes(to_csv([ANNA, DIENST]))
                import_directory(relay_dir, tmp_path / "sync.csv", ADMIN, replace_all=True)

            assert all(d.revoked for d in list_devices(relay_dir, JONAS.uid))
            assert _holders(relay_dir) == (ANNA.uid,)
            # The connected PC wipes on the pushed list, the laptop at its next login.
            with pytest.raises(DeviceWithdrawn):
                await jonas_pc.messenger.sync(wait_s=10)
            with pytest.raises(DeviceWithdrawn):
                await jonas_laptop.connect(w.relay.port)
            assert not jonas_pc.profile.exists() and not jonas_laptop.profile.exists()
            # The unused code cannot enroll a new device for him.
            with pytest.raises(RelayRefused, match="enrollment"):
                await _enroll_with(relay_dir, w.relay.port, tmp_path / "new", spare_code)
            assert anna.profile.exists()  # colleagues are untouched

    asyncio.run(scenario())


def test_enrolling_needs_the_uid_in_the_loaded_directory(relay_dir: Path, tmp_path: Path) -> None:
    """The relay refuses such a code at Join; IT is refused one already at `admin enroll`
    (walk20: before, IT got a code that only the ward PC learnt was useless)."""
    code = issue_code(relay_dir, "nobody.here").code  # issued before any directory
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)
    with pytest.raises(AdminInputError, match=r"nobody\.here is not in the staff directory"):
        issue_code(relay_dir, "nobody.here")

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            with pytest.raises(RelayRefused, match="not in the hospital directory"):
                await _enroll_with(relay_dir, w.relay.port, tmp_path / "x", code)
            await w.person(ANNA.uid)  # a listed person still enrolls

    asyncio.run(scenario())


def test_a_functional_account_gets_no_device(relay_dir: Path, tmp_path: Path) -> None:
    """walk20: a device enrolled as dienst.kardio wrote to colleagues as "Dienstarzt
    Kardiologie", no person accountable. Now `admin enroll` refuses such a uid, and the
    relay refuses a code issued for it before the directory said it is a role."""
    early = issue_code(relay_dir, DIENST.uid).code  # before any directory was loaded
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)
    with pytest.raises(AdminInputError, match=r"dienst\.kardio is a functional account"):
        issue_code(relay_dir, DIENST.uid)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            with pytest.raises(RelayRefused, match="is a functional account; its holders use"):
                await _enroll_with(relay_dir, w.relay.port, tmp_path / "x", early)
            await w.person(ANNA.uid)  # a holder enrolls under her own uid

    asyncio.run(scenario())
    assert [d.uid for d in list_devices(relay_dir)] == [ANNA.uid]
