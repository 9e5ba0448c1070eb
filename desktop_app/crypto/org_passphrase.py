"""Changing the admin passphrase: every organisation key it wraps, wrapped anew.

When someone of IT leaves, the passphrase they knew must stop opening the
organisation's keys (the issuing key, and in online issuing the root key; after an
issuing rotation the previous issuing key too). Each file is opened with the old
passphrase and written again under the new one, all new files first, then renamed into
place (``write_files``). A run cut off between two renames is finished by running it
again with the same two passphrases: a file the new one already opens is kept.
The offline keys on the admin workstation have their own signing passphrase.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.crypto.keyfile import unwrap_private_key, wrap_private_key
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.org_files import (
    ISSUING_KEY_CONTEXT,
    ISSUING_KEY_FILE,
    PREVIOUS_ISSUING_KEY_FILE,
    ROOT_KEY_CONTEXT,
    ROOT_KEY_FILE,
    read_file,
    write_files,
)
from desktop_app.crypto.trust_errors import OrgStoreError, WrongAdminPassphrase

ADMIN_WRAPPED = (
    (ISSUING_KEY_FILE, ISSUING_KEY_CONTEXT, "issuing key"),
    (ROOT_KEY_FILE, ROOT_KEY_CONTEXT, "root key"),
    (PREVIOUS_ISSUING_KEY_FILE, ISSUING_KEY_CONTEXT, "previous issuing key"),
)


def change_admin_passphrase(
    directory: Path, old: str, new: str, kdf: KdfParams | None = None
) -> tuple[str, ...]:
    """Wrap every key file under ``new`` that ``old`` opens; the names written. Nothing
    is written unless every file opens with one of the two (WrongAdminPassphrase)."""
    if not new:
        raise OrgStoreError("the new admin passphrase must not be empty")
    if new == old:
        raise OrgStoreError("the new admin passphrase is the old one; nothing was changed")
    present = [entry for entry in ADMIN_WRAPPED if (directory / entry[0]).exists()]
    if not present:
        raise OrgStoreError(f"{directory} holds no organisation key (run `wardlink relay init`?)")
    rewrapped: dict[str, bytes] = {}
    for name, context, what in present:
        data = read_file(directory, name)
        try:
            key = unwrap_private_key(data, old, context, what)
        except WrongAdminPassphrase:
            unwrap_private_key(data, new, context, what)  # changed by a run cut off before
            continue
        rewrapped[name] = wrap_private_key(key, new, kdf or KdfParams(), context)
    write_files(directory, rewrapped, overwrite=True)
    return tuple(rewrapped)
