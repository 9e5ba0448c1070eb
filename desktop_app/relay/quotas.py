"""Storage quotas and key-claim limits of a relay, as ``relay.json`` may set them.

A hospital relay is shared by every ward PC and laptop, so no single device may fill
its disk or empty a colleague's stock of one-time keys. The defaults fit a hospital:
a mailbox holds far more than a month of any real person's mail (messages are a few
KB; attachments travel as blobs), and a fan-out to the largest group (1,000 devices)
fits the claim budget. Every number can be overridden in the ``"limits"`` object of
``relay.json`` (docs/relay.md); a missing key keeps its default, an unknown one is an
error so a typo never silently leaves a limit off.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.protocol.limits import GiB, MiB
from desktop_app.relay.errors import RelayDataError


@dataclass(frozen=True, slots=True)
class RelayLimits:
    """Per-device bounds the relay enforces; all positive whole numbers."""

    # One recipient device's mailbox: what waits for it, from everyone.
    mailbox_max_bytes: int = 512 * MiB
    mailbox_max_envelopes: int = 20_000
    # One sender device's share of one recipient's mailbox, so a flood from one device
    # leaves room for everyone else's mail to that recipient.
    mailbox_max_bytes_per_sender: int = 64 * MiB
    mailbox_max_envelopes_per_sender: int = 5_000
    # One sender device's pending mail in all mailboxes (each recipient's copy counts).
    sender_max_bytes: int = 1 * GiB
    sender_max_envelopes: int = 200_000
    # Blobs (attachment bodies) one device has stored, until they expire.
    blob_max_bytes: int = 1 * GiB
    device_blob_max_bytes: int = 2 * GiB
    device_max_blobs: int = 5_000
    # One-time key claims per window; beyond any of them a claim gets the fallback key.
    key_claim_window_s: int = 600
    key_claims_per_claimer: int = 1_000
    key_claims_per_target: int = 25
    key_claims_per_pair: int = 2

    def to_json(self) -> dict[str, int]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, doc: Any, where: Path) -> RelayLimits:
        if doc is None:
            return cls()
        if not isinstance(doc, dict):
            raise RelayDataError(f"{where}: limits must be an object of whole numbers")
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(doc) - names)
        if unknown:
            raise RelayDataError(f"{where}: unknown limit {unknown[0]!r}; known: {sorted(names)}")
        for name, value in doc.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise RelayDataError(f"{where}: limit {name} must be a whole number above 0")
        return cls(**doc)
