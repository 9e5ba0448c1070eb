"""Another relay node of an organisation whose store is in PostgreSQL (docs/scale.md).

A node is a data directory of its own: the organisation's certificates and wrapped
issuing key copied from the first node (never the root key: serving does not need it),
its own relay id and its own TLS key and certificate (issued here by the issuing CA for
the node's host names), its own audit log, and relay.json naming the same database.
Every node accepts every device; they share enrollment codes, devices, mailboxes,
revocations and directory versions through the database.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from desktop_app.crypto.certificates import issue_relay_certificate, save_relay_credentials
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.org_files import ROOT_KEY_FILE, load_issuing_authority
from desktop_app.relay.admin import new_relay_id
from desktop_app.relay.data_dir import ORG_FILES, RelayDataDir, RelaySettings
from desktop_app.relay.errors import AdminInputError, RelayDataError


def init_node(
    root: Path,
    first: Path,
    passphrase: str,
    hosts: Sequence[str],
    *,
    kdf: KdfParams | None = None,
    now: datetime | None = None,
) -> RelaySettings:
    """Create node ``root`` from the initialised data directory ``first``.

    Refuses a ``first`` whose store is relay.db (one process owns a SQLite file) and a
    ``root`` that already holds relay files. relay.json is written last.
    """
    source = RelayDataDir(first)
    settings = source.read_settings()
    if not settings.database:
        raise RelayDataError(
            f"{first} keeps its store in relay.db; several nodes need the store in "
            "PostgreSQL (wardlink relay migrate-store first, docs/scale.md)"
        )
    if not hosts:
        raise AdminInputError("the node's certificate needs at least one host name or address")
    target = RelayDataDir(root)
    existing = target.existing_relay_files()
    if existing:
        raise RelayDataError(
            f"{root} already holds a relay ({', '.join(existing)}); refusing to overwrite it"
        )
    issuer = load_issuing_authority(first, passphrase)  # the right passphrase, first
    node = replace(settings, relay_id=new_relay_id())
    creds = issue_relay_certificate(issuer, node.relay_id, list(hosts), now)
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name in ORG_FILES:
            if name != ROOT_KEY_FILE and (first / name).exists():
                shutil.copy2(first / name, root / name)
    except OSError as exc:
        raise RelayDataError(f"cannot create the node in {root}: {exc.strerror}") from exc
    save_relay_credentials(creds, root, passphrase, kdf)
    if not node.blobs_dir:  # else the directory every node shares (relay.json blobs_dir)
        target.blob_files()
    target.write_settings(node)
    target.audit().record("relay_initialised", relay_id=node.relay_id)
    return node


__all__ = ["init_node"]
