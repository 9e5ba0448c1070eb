"""docs/protocol.md names every frame, error code and limit the code has."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.protocol import ALL_FRAME_TYPES, ErrorCode, Ping, content, encode, limits
from desktop_app.protocol.frame_base import wire_tag

DOC = (Path(__file__).parents[2] / "docs" / "protocol.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("frame_type", ALL_FRAME_TYPES, ids=lambda t: t.__name__)
def test_every_frame_is_documented_with_its_fields(frame_type: type) -> None:
    rows = [line for line in DOC.splitlines() if line.startswith(f"| `{frame_type.__name__}` |")]
    assert len(rows) == 1
    for field in frame_type.__struct_fields__:
        assert f"`{field}" in rows[0], f"{frame_type.__name__}.{field} is not documented"


def test_every_error_code_is_documented() -> None:
    for code in ErrorCode:
        assert f"| `{code.value}` |" in DOC


def test_every_limit_is_documented() -> None:
    names = [n for n in vars(limits) if n.startswith(("MAX_", "CHALLENGE_", "SIGNATURE_"))]
    assert len(names) > 15
    for name in names:
        assert f"`{name}`" in DOC, name


def test_wire_example_matches_the_code() -> None:
    assert encode(Ping(req_id=7)).hex(" ") in DOC
    assert wire_tag("SendEnvelope") in DOC


@pytest.mark.parametrize(
    "content_type",
    [
        content.EnvelopeBody,
        content.OlmPart,
        content.ChatMessage,
        content.AttachmentRef,
        content.GroupState,
        content.Receipt,
        content.Reaction,
        content.Edit,
        content.Delete,
    ],
    ids=lambda t: t.__name__,
)
def test_every_end_to_end_content_is_documented_with_its_fields(content_type: type) -> None:
    rows = [line for line in DOC.splitlines() if line.startswith(f"| `{content_type.__name__}` |")]
    assert len(rows) == 1
    for field in content_type.__struct_fields__:
        assert f"`{field}" in rows[0], f"{content_type.__name__}.{field} is not documented"
    for name in ("MAX_TEXT_CHARS", "MAX_ATTACHMENTS", "MAX_RECEIPT_IDS", "REACTIONS"):
        assert name in DOC and hasattr(content, name)
