"""A colleague's modified client rings: what it sends passes the receiver's checks or is
refused (each attack through the real relay)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.domain.system_lines import english
from desktop_app.protocol.call_signal import (
    CALL_CONTROL,
    GroupPresence,
    Offer,
    encode_signal,
    sdp_fingerprints,
)
from desktop_app.relay.directory_admin import import_directory
from desktop_app.services.call_flood import MAX_RINGS_PER_SENDER
from desktop_app.storage.timeutil import to_ms
from tests.calls.conftest import Phone, shown_after, until_shown
from tests.calls.test_call_roles import ANNA, DIENST, JONAS, MIA
from tests.calls.test_group_calls import JONAS as JONAS_UID
from tests.calls.test_group_calls import _huddle
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import ward

SDP = (  # what passes the receiver checks (one audio section): it rings
    "v=0\r\na=fingerprint:sha-256 "
    + ":".join(["AB"] * 32)
    + "\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
)
FLOOD = 3 * MAX_RINGS_PER_SENDER


async def _offers(caller: Phone, to: str, offers: list[Offer]) -> None:
    """What a modified client puts on the wire: these offers, one Olm control each."""
    outgoing = caller.person.messenger.outgoing
    async with caller.calls.lock:
        for offer in offers:
            control = Control(CALL_CONTROL, encode_signal(offer))
            await outgoing.queue_control(to, control, now=caller.person.session.clock())
        await outgoing.flush()


def _offer(caller: Phone, n: int, cid: str, role: str | None = None) -> Offer:
    sent = to_ms(caller.person.session.clock())
    return Offer(1, f"flood{n:027d}", cid, sent, SDP, sdp_fingerprints(SDP), role=role)


def test_a_ring_flood_leaves_a_bounded_number_of_missed_calls(
    make_ward: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="wardlink.calls")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            try:
                cid = await anna.person.messenger.open_conversation("mueller.jonas")
                await shown_after(anna, cid, jonas, "Gleich klingelt es.")
                await _offers(anna, "mueller.jonas", [_offer(anna, n, cid) for n in range(FLOOD)])
                await shown_after(anna, cid, jonas, "Sorry, mein PC spinnt.")
                history = jonas.person.session.container.call_history.recent()
                rung = [c for c in jonas.calls.calls if c.startswith("flood")]
                assert len(rung) == MAX_RINGS_PER_SENDER
                assert len([r for r in history if r.peer_uid == "weber.anna"]) <= len(rung)
                lines = [m.body for m in jonas.person.messenger.history(cid)]
                assert len(lines) < MAX_RINGS_PER_SENDER + 5
                refused = [r.getMessage() for r in caplog.records if "ring flood" in r.getMessage()]
                assert len(refused) == FLOOD - MAX_RINGS_PER_SENDER
            finally:
                await anna.close()
                await jonas.close()

    asyncio.run(scenario())


def test_a_call_cannot_claim_a_role_the_callee_does_not_hold(
    relay_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Mia's client rings Anna "for Dienstarzt Kardiologie" (which only Jonas holds) in
    their 1:1: it rings as Mia's ordinary call, without the role."""
    caplog.set_level(logging.WARNING, logger="wardlink.calls")
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, MIA, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = Phone(await w.person(ANNA.uid))
            mia = Phone(await w.person(MIA.uid))
            try:
                cid = await mia.person.messenger.open_conversation(ANNA.uid)
                await shown_after(mia, cid, anna, "Kurze Frage.")
                await _offers(mia, ANNA.uid, [_offer(mia, 1, cid, role=DIENST.uid)])
                await shown_after(mia, cid, anna, "Hörst du mich?")
                (incoming,) = [e for e in anna.events if e.kind == "incoming"]
                assert incoming.peer == MIA.uid
                assert incoming.data.get("role") is None
                assert "role_name" not in incoming.data
                assert any("does not hold" in r.getMessage() for r in caplog.records)
            finally:
                await anna.close()
                await mia.close()

    asyncio.run(scenario())


def test_a_flood_of_group_calls_leaves_a_bounded_number_of_lines(
    make_ward: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Mia's client reports herself "in" 60 group calls nobody started, then "out" of 60
    more: each new one used to be kept (past the limit on remembered group calls, as
    someone is in it) and written to the huddle's chat."""
    caplog.set_level(logging.WARNING, logger="wardlink.calls")

    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            jonas, mia = phones[1], phones[2].person
            try:
                sent = to_ms(mia.session.clock())
                reports = [
                    GroupPresence(1, f"group{n:027d}", cid, sent + n, n < FLOOD)
                    for n in range(2 * FLOOD)
                ]
                out = mia.messenger.outgoing
                async with phones[2].calls.lock:
                    await mia.session.peers.refresh_stale(mia.session.require_link(), [JONAS_UID])
                    for report in reports:
                        control = Control(CALL_CONTROL, encode_signal(report))
                        await out.queue_control(JONAS_UID, control, now=mia.session.clock())
                    await out.flush()
                    await mia.messenger.send_text(cid, "Falscher Knopf.")
                await until_shown(jonas, cid, "Falscher Knopf.")
                lines = [english(m.body) for m in jonas.person.messenger.history(cid)]
                assert len([x for x in lines if x.startswith("Group call")]) <= MAX_RINGS_PER_SENDER
                assert len(jonas.group.groups) <= MAX_RINGS_PER_SENDER
                refused = [r.getMessage() for r in caplog.records if "ring flood" in r.getMessage()]
                assert len(refused) == FLOOD - MAX_RINGS_PER_SENDER
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())


def offer_never_rings(
    make_ward: Any, caplog: pytest.LogCaptureFixture, sdp: str, call_id: str, refusal: str
) -> None:
    """Anna's modified client sends Jonas an offer with ``sdp``: it never rings, and a
    log line saying ``refusal`` says why."""
    caplog.set_level(logging.WARNING, logger="wardlink.calls")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            try:
                cid = await anna.person.messenger.open_conversation("mueller.jonas")
                await shown_after(anna, cid, jonas, "Gleich klingelt es.")
                sent = to_ms(anna.person.session.clock())
                offer = Offer(1, call_id, cid, sent, sdp, sdp_fingerprints(sdp))
                await _offers(anna, "mueller.jonas", [offer])
                await shown_after(anna, cid, jonas, "Hat es geklingelt?")
                assert call_id not in jonas.calls.calls
                refused = [r.getMessage() for r in caplog.records if refusal in r.getMessage()]
                assert refused, f"the offer was not refused for its {refusal}"
            finally:
                await anna.close()
                await jonas.close()

    asyncio.run(scenario())


def test_an_offer_listing_hundreds_of_candidates_does_not_ring(
    make_ward: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Answering would make Jonas's PC send connectivity checks to 200 addresses of the
    caller's choosing (a scan of the ward network from his PC): refused, never rings."""
    lines = "".join(
        f"a=candidate:{n} 1 udp 2130706431 10.1.{n // 250}.{n % 250 + 1} 9 typ host\r\n"
        for n in range(200)
    )
    offer_never_rings(make_ward, caplog, SDP + lines, "scan" + "0" * 28, "ICE candidates")
