"""Quotas inside one group commit (relay/store_accept.py), on SQLite and PostgreSQL.

A batch reads the quota usage once and counts each accepted envelope in memory, so
every limit must still refuse exactly the envelope that would exceed it: the ones
before it in the batch are accepted, it stores nothing, and envelopes that other
limits do not touch are accepted after it. Then the same through the real relay, with
the envelopes pipelined on one connection so that they share group commits.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from desktop_app.protocol import EnvelopeAccepted, Error, ErrorCode, SendEnvelope
from desktop_app.relay.quotas import RelayLimits
from desktop_app.relay.store import DeviceRecord, NewEnvelope, RelayStore
from tests.relay.conftest import live_relay

NOW = 1_800_000_000_000
DAY = 86_400_000
COST = 100  # bytes per recipient copy: the payload, no per-device part


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> RelayStore:
    if request.param == "sqlite":
        s = RelayStore(tmp_path / "relay.db")
    else:
        s = RelayStore(request.getfixturevalue("pg_server").database())
    for d in ("A1", "J1", "J2", "M1"):
        s.add_device(DeviceRecord(d, d.lower(), "PC", b"cert-" + d.encode(), "01", NOW, None, None))
    return s


def env(sender: str, envelope_id: str, recipients: list[str]) -> NewEnvelope:
    return NewEnvelope(sender, "x", envelope_id, recipients, b"p" * COST, {}, NOW, NOW + DAY)


# (limit, its value, an envelope no other limit stops after the refusal, the refusal's text).
# A1 already has one envelope waiting for J1; the limit lets two more through.
LIMITS = [
    ("sender_max_envelopes", 3, ("M1", "J1"), "waiting to be picked up"),
    ("sender_max_bytes", 3 * COST, ("M1", "J1"), "waiting to be picked up"),
    ("mailbox_max_envelopes_per_sender", 3, ("A1", "J2"), "has not picked up 3 envelopes"),
    ("mailbox_max_bytes_per_sender", 3 * COST, ("A1", "J2"), "has not picked up 3 envelopes"),
    ("mailbox_max_envelopes", 3, ("A1", "J2"), "mailbox of device J1 is full (3 envelopes"),
    ("mailbox_max_bytes", 3 * COST, ("A1", "J2"), "mailbox of device J1 is full (3 envelopes"),
]


@pytest.mark.parametrize(("limit", "value", "other", "why"), LIMITS)
def test_each_limit_refuses_exactly_the_envelope_of_a_batch_that_exceeds_it(
    store: RelayStore, limit: str, value: int, other: tuple[str, str], why: str
) -> None:
    limits = RelayLimits(**{limit: value})
    assert store.accept_envelopes([env("A1", "E1", ["J1"])], limits)[0].new
    results = store.accept_envelopes(
        [
            env("A1", "E2", ["J1"]),
            env("A1", "E3", ["J1"]),
            env("A1", "E4", ["J1"]),  # over the limit
            env(other[0], "X1", [other[1]]),
            env("A1", "E2", ["J1"]),  # a resend of an accepted one: still a duplicate
        ],
        limits,
    )
    assert [r.new for r in results] == [True, True, False, True, False]
    assert why in results[2].over_quota
    assert [r.over_quota for r in results[:2] + results[3:]] == ["", "", "", ""]
    assert [i.envelope_id for i in store.pending("J1", 10) if i.sender_device == "A1"] == [
        "E1",
        "E2",
        "E3",
    ]
    assert store.mailbox_usage("J1")[0] == 3 + (other[1] == "J1")
    # The counters the next batch reads agree with what this batch counted in memory.
    again = store.accept_envelopes([env("A1", "E4", ["J1"])], limits)[0]
    assert not again.new and why in again.over_quota


def test_a_refused_envelope_to_several_devices_stores_nothing_and_the_next_fits(
    store: RelayStore,
) -> None:
    """The refused envelope's copies are not counted: a smaller one after it fits."""
    limits = RelayLimits(sender_max_envelopes=4)
    results = store.accept_envelopes(
        [
            env("A1", "E1", ["J1", "J2"]),
            env("A1", "E2", ["J1", "J2", "M1"]),  # 5 copies: over
            env("A1", "E3", ["J1", "J2"]),  # 4: fits exactly
            env("A1", "E4", ["M1"]),  # 5: over
        ],
        limits,
    )
    assert [r.new for r in results] == [True, False, True, False]
    assert store.pending("M1", 10) == []
    assert [i.envelope_id for i in store.pending("J2", 10)] == ["E1", "E3"]
    assert store.mailbox_usage("J1") == (2, 2 * COST)


def test_a_batch_keeps_each_senders_order_in_the_mailbox(store: RelayStore) -> None:
    """Row ids come from one counter update, in the order the batch accepted them."""
    batch = [env(s, f"{s}-{i}", ["J1"]) for i in range(5) for s in ("A1", "M1")]
    assert all(r.new for r in store.accept_envelopes(batch))
    assert all(r.new for r in store.accept_envelopes([env("A1", "late", ["J1"])]))
    rows = store.pending("J1", 20)
    assert [i.envelope_id for i in rows] == [e.envelope_id for e in batch] + ["late"]
    assert [i.row for i in rows] == sorted(i.row for i in rows)


def test_pipelined_envelopes_over_a_quota_through_the_relay(relay_root: Path) -> None:
    """Five envelopes sent at once (they share group commits): two fit the sender's
    quota, the next two are refused, a colleague's envelope is accepted."""
    path = relay_root / "relay.json"
    doc = json.loads(path.read_text())
    doc["limits"] = {"mailbox_max_envelopes_per_sender": 2}
    path.write_text(json.dumps(doc))

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            mallory, _ = await relay.enrolled("evil.mallory", "MALLORY-PC1")
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas_conn, _ = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await jonas_conn.close()  # offline: his mailbox only fills
            req_ids = []
            for i in range(4):
                req_ids.append(mallory.ids.next())
                frame = SendEnvelope(req_ids[-1], f"M{i}", ["MUELLER-PC1"], b"ct", {})  # type: ignore[arg-type]
                await mallory.send(frame)
            replies = {}
            while len(replies) < 4:
                reply = await mallory.next_frame()
                replies[reply.req_id] = reply  # type: ignore[attr-defined]
            answers = [replies[r] for r in req_ids]
            assert [type(a) for a in answers[:2]] == [EnvelopeAccepted, EnvelopeAccepted]
            for refused in answers[2:]:
                assert isinstance(refused, Error) and refused.code is ErrorCode.QUOTA_EXCEEDED
                assert not refused.fatal and "MUELLER-PC1" in refused.message
            colleague = SendEnvelope(anna.ids.next(), "A0", ["MUELLER-PC1"], b"ct", {})  # type: ignore[arg-type]
            assert isinstance(await anna.request(colleague), EnvelopeAccepted)
            assert relay.runner.ctx.store.mailbox_usage("MUELLER-PC1")[0] == 3

    asyncio.run(scenario())
