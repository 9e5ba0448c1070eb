"""Ids a peer chooses in end-to-end content are visible ASCII (insider attack round 18).

A colleague's modified client chose a message id with a line break and forged a head
line in the PDF export. Now the strict content decode refuses such an id wherever a
peer chooses one (``fields.ChosenId``): every hostile class below is malformed content,
every id an honest client makes (or made) still decodes, and uids and device ids,
which the directory names, keep their old rule.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
import uuid
from collections.abc import Callable
from typing import Any

import msgspec
import pytest
import vodozemac
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import bound_ids, ics, ids, tasks
from desktop_app.protocol import call_signal, content_files
from desktop_app.protocol import content as wire
from desktop_app.services.membership import direct_conversation_id, group_conversation_id

HOSTILE = {
    "line feed": "m1\nNEU: Patient verstorben",
    "carriage return": "m1\rX",
    "final line break": "m1\n",  # "$" in a pattern would let this one through
    "tab": "m\t1",
    "escape (C0)": "m1\x1b[2J",
    "DEL": "m1\x7f",
    "next line (C1)": "m1\x85X",
    "CSI (C1)": "m1\x9b31m",
    "line separator (Zl)": "m1\u2028X",
    "paragraph separator (Zp)": "m1\u2029X",
    "right-to-left override": "m1\u202efdp.exe",
    "right-to-left isolate": "m1\u2067X",
    "right-to-left mark": "m1\u200f",
    "zero width space": "m\u200b1",
    "word joiner": "m\u20601",
    "byte order mark": "\ufeffm1",
    "soft hyphen": "m\u00ad1",
    "tag character": "m1\U000e0041",
    "space": "m 1",
    "no-break space": "m\u00a01",
    "ideographic space": "m\u30001",
    "lookalike letter": "m\u04301",  # Cyrillic a
    "NUL": "m\x001",
}

START, END = "2026-12-07T06:00:00+01:00", "2026-12-07T14:00:00+01:00"
KEY = b"\0" * 32
ITEM_ID_MAX = 64  # domain.tasks: "a checklist item needs an id of 1 to 64 characters"


def attachment(attachment_id: str = "a1", blob_id: str = "b1") -> wire.AttachmentRef:
    return wire.AttachmentRef(attachment_id, blob_id, KEY, "x.pdf", "application/pdf", 1, "0" * 64)


def document(document_id: str = "d1", blob_id: str = "b1") -> wire.DocumentVersion:
    return wire.DocumentVersion(1, document_id, 1, "SOP.pdf", "", blob_id, KEY, "0" * 64, 1, 0)


def content_with(i: str) -> dict[str, wire.Content]:
    """One content per place a peer chooses an id, holding ``i`` there."""
    return {
        "chat message_id": wire.ChatMessage(1, i, 0, "x"),
        "chat reply_to": wire.ChatMessage(1, "m1", 0, "x", reply_to=i),
        "attachment_id": wire.ChatMessage(1, "m1", 0, "x", attachments=[attachment(i)]),
        "attachment blob_id": wire.ChatMessage(1, "m1", 0, "", attachments=[attachment("a", i)]),
        "reaction": wire.Reaction(1, i, None, 0),
        "edit message_id": wire.Edit(1, i, "e1", "x", 0),
        "edit_id": wire.Edit(1, "m1", i, "x", 0),
        "delete": wire.Delete(1, i, 0),
        "pin": wire.Pin(1, i, True, 0),
        "receipt": wire.Receipt(1, "read", ["m1", i], 0),
        "task_id": wire.TaskChange(1, i, "c1", 1, 0, {"title": "EKG"}),
        "task change_id": wire.TaskChange(1, "t1", i, 1, 0, {"title": "EKG"}),
        "checklist item id": wire.TaskChange(1, "t1", "c1", 1, 0, {"item." + i: ["x", False]}),
        "event_id": wire.CalendarChange(1, i, "c1", 1, 0, "Dienst", START, END),
        "event change_id": wire.CalendarChange(1, "e1", i, 1, 0, "Dienst", START, END),
        "batched event_id": wire.CalendarBatch(
            1, [wire.CalendarChange(1, i, "c1", 1, 0, "Dienst", START, END)]
        ),
        "document_id": document(i),
        "document blob_id": document("d1", i),
    }


def refused(value: Any, decode: Callable[[bytes], object]) -> bool:
    try:
        decode(msgspec.msgpack.encode(value))
    except (ValueError, msgspec.DecodeError):
        return True
    return False


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_every_place_a_peer_chooses_an_id_refuses_each_hostile_class(hostile: str) -> None:
    bad = HOSTILE[hostile]
    for place, content in content_with(bad).items():
        assert refused(content, wire.decode_content), place
        assert refused(content, wire.decode_content_or_unsupported), place
    others = {
        "body conversation_id": (wire.EnvelopeBody(1, bad, "s1", b""), wire.decode_body),
        "body session_id": (wire.EnvelopeBody(1, "c1", bad, b""), wire.decode_body),
        "removal": (
            wire.Removal(1, bad, wire.GroupState(1, "group", "x", ["a"], ["a"], 1, 0)),
            wire.decode_removal,
        ),
        "share": (
            content_files.DocumentShare(1, bad, [shared("d1")]),
            content_files.decode_share,
        ),
        "shared document_id": (
            content_files.DocumentShare(1, "c1", [shared(bad)]),
            content_files.decode_share,
        ),
        "call conversation_id": (
            call_signal.Ringing(1, "c" * 16, bad, 0),
            call_signal.decode_signal,
        ),
    }
    for place, (value, decode) in others.items():
        assert refused(value, decode), place


def shared(document_id: str) -> content_files.SharedVersion:
    return content_files.SharedVersion(
        document_id, 1, "SOP.pdf", "", "b1", KEY, "0" * 64, 1, "weber.anna", 0
    )


def test_a_call_id_with_a_final_line_break_is_refused() -> None:
    good = "A" * 16
    assert not refused(call_signal.Ringing(1, good, "c1", 0), call_signal.decode_signal)
    assert refused(call_signal.Ringing(1, good + "\n", "c1", 0), call_signal.decode_signal)


def test_a_task_naming_a_message_by_a_hostile_id_breaks_the_task_rules() -> None:
    def change(message_id: str) -> tasks.TaskChange:
        fields = {"title": "EKG", "message_id": message_id}
        return tasks.TaskChange("t1", "c1", "weber.anna", "pc1", 1, 0, fields)

    tasks.check(change(ids.new_message_id()))
    with pytest.raises(tasks.TaskError):
        tasks.check(change("m1\u202e"))


def honest_ids() -> dict[str, str]:
    """An id from every generator an honest client has used (see git history)."""
    cid = ids.new_conversation_id()
    ics_digest = "ics-" + hashlib.sha256(f"{cid}\nroster-1".encode()).hexdigest()[:32]
    group = vodozemac.GroupSession()
    return {
        "message": ids.new_message_id(),
        "token": ids.new_token(),
        "attachment": ids.new_attachment_id(),
        "blob": ids.new_blob_id(),
        "conversation (token, older groups)": cid,
        "direct conversation": direct_conversation_id("weber.anna", "braun.bob"),
        "group conversation": group_conversation_id("weber.anna", b"\1" * 16),
        "uuid4 hex (tasks, changes, edits, older events and documents)": uuid.uuid4().hex,
        "bound id": bound_ids.new_id(cid),
        "bound ics id": bound_ids.bind(cid, ics_digest),
        "ics id (before ids were bound)": ics_digest,
        "ics UID digest": ics.event_id_for("DIENST-2026-12-07@roster.example"),
        "ics UID of our export": ics.event_id_for(bound_ids.new_id(cid) + ics.UID_DOMAIN),
        "checklist item": tasks.item_id(2**40, 7, uuid.uuid4().hex),
        "older checklist item": uuid.uuid4().hex[:12],
        "system line": "sys-" + hashlib.sha256(b"x").hexdigest()[:24],
        "megolm session": group.session_id,
        "longest": "x" * 128,
    }


@pytest.mark.parametrize("kind", sorted(honest_ids()))
def test_every_honest_generator_makes_ids_that_decode(kind: str) -> None:
    good = honest_ids()[kind]
    assert ids.is_visible_id(good)
    for place, content in content_with(good).items():
        if place == "checklist item id" and len(good) > ITEM_ID_MAX:
            continue  # a field name is shorter: an item id has at most 64 characters
        assert wire.decode_content(wire.encode(content)) == content, place
    body = wire.EnvelopeBody(1, good, good, b"x")
    assert wire.decode_body(wire.encode(body)) == body


def test_uids_and_device_ids_keep_their_rule() -> None:
    """The directory names people and devices; their ids are not a peer's choice."""
    odd = "müller anna"
    state = wire.GroupState(1, "group", "Station", [odd, "b"], [odd], 1, 0, odd)
    assert wire.decode_content(wire.encode(state)) == state
    hangup = call_signal.Hangup(1, "A" * 16, "c1", 0, "answered_elsewhere", odd, odd)
    assert call_signal.decode_signal(call_signal.encode_signal(hangup)) == hangup


def invisible_or_control() -> list[str]:
    """Every code point of Unicode categories Cc, Cf, Zl, Zp, Zs, or whitespace."""
    wanted = {"Cc", "Cf", "Zl", "Zp", "Zs"}
    return [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if not 0xD800 <= ord(c) <= 0xDFFF and (unicodedata.category(c) in wanted or c.isspace())
    ]


def test_no_control_format_separator_or_space_character_passes() -> None:
    chars = invisible_or_control()
    assert len(chars) > 200  # the classes the brief names, as this Python's Unicode has them
    let_through = [
        f"U+{ord(c):04X}"
        for c in chars
        if not refused(wire.Delete(1, f"m{c}1", 0), wire.decode_content)
    ]
    assert let_through == []


VISIBLE = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=128)


@given(VISIBLE)
def test_any_visible_ascii_id_decodes(i: str) -> None:
    message = wire.ChatMessage(1, i, 0, "x", reply_to=i)
    assert wire.decode_content(wire.encode(message)) == message


OTHER = st.characters(exclude_characters=[chr(c) for c in range(0x21, 0x7F)], codec="utf-8")


@given(VISIBLE.filter(lambda i: len(i) < 128), OTHER, st.data())
def test_any_other_character_anywhere_is_refused(i: str, c: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(min_value=0, max_value=len(i)))
    assert refused(wire.ChatMessage(1, i[:at] + c + i[at:], 0, "x"), wire.decode_content)
