"""The one base class of all frames: frozen, strict, tagged msgpack maps.

Each frame is a msgpack map whose field ``"t"`` names the frame type in snake_case
(``SendEnvelope`` -> ``"send_envelope"``). Unknown fields are refused rather than
ignored: both ends are built from this package, so an unknown field is a bug or an
attack, and new fields come with a protocol version bump (docs/protocol.md).
"""

from __future__ import annotations

import re

import msgspec

_CAPITAL = re.compile(r"(?<!^)(?=[A-Z])")


def wire_tag(class_name: str) -> str:
    """``SendEnvelope`` -> ``send_envelope``: the value of ``"t"`` on the wire."""
    return _CAPITAL.sub("_", class_name).lower()


class FrameBase(
    msgspec.Struct,
    frozen=True,
    forbid_unknown_fields=True,
    tag_field="t",
    tag=wire_tag,
):
    """Common configuration; never sent itself."""
