"""First start on a PC: a new container for this person, enrolled with the hospital.

The enrollment code pins the organisation (its fingerprint is in the code), so the
relay address only says where to ask; a relay of another organisation is refused in
the TLS handshake. If enrollment fails, the half-made container is removed again: the
person simply tries again with the same or a new code.
"""

from __future__ import annotations

import platform
import shutil
from pathlib import Path

from desktop_app.crypto.enrollment import parse_code
from desktop_app.crypto.fingerprint import fingerprints_match
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import ClientError
from desktop_app.services.identity import parse_address
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.profiles import ProfileRoot


async def join_hospital(
    root: ProfileRoot,
    owner: Owner,
    passphrase: str,
    code: str,
    relay: str,
    *,
    kdf: KdfParams | None = None,
    expected_org: str | None = None,
) -> Path:
    """Create and enroll a container; returns its directory (closed again).

    ``expected_org``: the organisation fingerprint IT fixed by policy; a code of any
    other organisation is refused before anything is created.
    """
    if expected_org is not None:
        pinned = parse_code(code).org_fingerprint
        if not fingerprints_match(pinned, expected_org):
            raise ClientError(
                "This enrollment code belongs to another organisation than the one this "
                "PC is managed for. / Dieser Code gehört zu einer anderen Organisation als "
                "der, für die dieser PC eingerichtet ist."
            )
    if not relay.strip():
        raise ClientError(
            "Enter the relay address from your IT department (HOST:PORT). / "
            "Bitte die Relay-Adresse Ihrer IT eingeben (HOST:PORT)."
        )
    address = parse_address(relay.strip())
    directory = root.new_directory(owner)
    container = Container.create(directory, passphrase, owner, kdf=kdf)
    try:
        await enroll(container, address, code.strip(), device_name())
    except BaseException:
        container.close()
        shutil.rmtree(directory, ignore_errors=True)
        raise
    container.close()
    return directory


def device_name() -> str:
    """How this PC appears in IT's device list ("Station 3B PC 2")."""
    return (platform.node() or "WardLink PC")[:64]
