"""Calls that must not happen, or end early: each through the real relay."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.domain.call_state import CallState, EndReason
from desktop_app.domain.system_lines import english
from desktop_app.protocol import Deliver, SendEnvelope
from desktop_app.protocol.call_signal import CALL_CONTROL, Offer, encode_signal, sdp_fingerprints
from desktop_app.services.call_media import CallMedia, CallRefused
from desktop_app.storage.timeutil import to_ms
from tests.calls.conftest import Phone, shown_after, tone, until_shown

FLIPPED = re.compile(r"(a=fingerprint:sha-256 )([0-9A-F]{2})")


def _tamper(sdp: str) -> str:
    """The caller's SDP with another certificate's sha-256 fingerprint (first byte flipped),
    as a man in the middle with his own DTLS certificate would need it."""
    return FLIPPED.sub(lambda m: m.group(1) + ("00" if m.group(2) != "00" else "11"), sdp)


def _reason(phone: Phone, call_id: str) -> EndReason | None:
    return phone.calls.calls[call_id].call.end_reason


def test_dtls_certificate_other_than_the_signed_fingerprint_is_refused(
    make_ward: Any, tmp_path: Path
) -> None:
    """Each side checks the other's DTLS certificate against the fingerprint that came
    end to end; whoever is shown another certificate (a man in the middle's) refuses."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            try:
                # Anna's offer names a fingerprint that is not her DTLS certificate's.
                anna.calls.sdp_filter = _tamper
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas.calls.next_incoming(15) == call_id
                media = CallMedia(tone(tmp_path / "j.wav", 880), tmp_path / "heard.wav")
                assert await jonas.calls.accept(call_id, media) is CallState.ENDED
                assert _reason(jonas, call_id) is EndReason.FAILED
                assert "connected" not in jonas.kinds()
                assert await anna.calls.wait_end(call_id, 15) is CallState.ENDED
                # Jonas's answer names another certificate: Anna refuses.
                anna.calls.sdp_filter = lambda sdp: sdp
                jonas.calls.sdp_filter = _tamper
                anna.events.clear()
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas.calls.next_incoming(15) == call_id
                accepting = asyncio.create_task(jonas.calls.accept(call_id, CallMedia()))
                assert await anna.calls.wait_answer(call_id, 15) is CallState.ENDED
                assert _reason(anna, call_id) is EndReason.FAILED
                assert "connected" not in anna.kinds()
                await accepting
            finally:
                await anna.close()
                await jonas.close()

    asyncio.run(scenario())


def _refusals(caplog: pytest.LogCaptureFixture, sender: str) -> list[str]:
    """The call signals from ``sender`` that the receiver logged as refused."""
    lines = [r.getMessage() for r in caplog.records if r.name == "wardlink.calls"]
    return [line for line in lines if f"call signal from {sender}/" in line]


def test_offer_whose_sdp_disagrees_with_its_signed_fingerprints_never_rings(
    make_ward: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="wardlink.calls")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            try:
                cid = await anna.person.messenger.open_conversation("mueller.jonas")
                sdp = "v=0\r\na=fingerprint:sha-256 " + ":".join(["AB"] * 32) + "\r\n"
                other = sdp_fingerprints(sdp.replace("AB", "CD"))
                offer = Offer(1, "x" * 32, cid, to_ms(anna.person.session.clock()), sdp, other)
                outgoing = anna.person.messenger.outgoing
                control = Control(CALL_CONTROL, encode_signal(offer))
                async with anna.calls.lock:
                    await outgoing.queue_control("mueller.jonas", control, now=offer_time(anna))
                    await outgoing.flush()
                # Once Jonas shows Anna's next text, her forged offer has been handled.
                await shown_after(anna, cid, jonas, "Rufst du mich an?")
                assert jonas.calls.incoming.empty()
                assert jonas.calls.calls == {}
                (refused,) = _refusals(caplog, "weber.anna")
                assert "DTLS fingerprint differs from the signed one" in refused
            finally:
                await anna.close()
                await jonas.close()

    asyncio.run(scenario())


def offer_time(phone: Phone) -> Any:
    return phone.person.session.clock()


def test_signalling_is_opaque_to_the_relay(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas_person = await w.person("mueller.jonas")  # no pump yet: we read its frames
            try:
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                link = jonas_person.session.link
                assert link is not None
                seen = b""
                frames = []
                while not frames or frames[-1].device_payload is None:
                    frame = await asyncio.wait_for(link.incoming.get(), 10)
                    assert isinstance(frame, Deliver)
                    frames.append(frame)
                for frame in frames:
                    seen += (frame.payload or b"") + (frame.device_payload or b"")
                sdp = anna.calls.calls[call_id].pc.localDescription.sdp  # type: ignore[union-attr]
                fingerprint = re.search(r"a=fingerprint:\S+ (\S+)", sdp)
                assert fingerprint is not None
                for secret in (call_id, fingerprint.group(1), "127.0.0.1", "offer", "candidate"):
                    assert secret.encode() not in seen
                jonas = Phone(jonas_person)
                for frame in frames:  # and yet they are the offer
                    await jonas_person.messenger.incoming.handle(frame)
                assert await jonas.calls.next_incoming(1) == call_id
                await jonas.close()
            finally:
                await anna.close()

    asyncio.run(scenario())


def test_decline_busy_cancel_and_answered_elsewhere(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas_pc = Phone(await w.person("mueller.jonas", "-pc"))
            jonas_laptop = Phone(await w.person("mueller.jonas", "-laptop"))
            bert = Phone(await w.person("klein.bert"))
            phones = (anna, jonas_pc, jonas_laptop, bert)
            try:
                # Declined on one device: the caller hears "declined".
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas_pc.calls.next_incoming(15) == call_id
                assert await jonas_laptop.calls.next_incoming(15) == call_id
                await jonas_pc.calls.decline(call_id)
                assert await anna.calls.wait_answer(call_id, 15) is CallState.ENDED
                assert _reason(anna, call_id) is EndReason.DECLINED
                assert await jonas_laptop.calls.wait_end(call_id, 15) is CallState.ENDED
                assert _reason(jonas_laptop, call_id) is EndReason.DECLINED  # on the PC
                # The caller gives up before anyone answers: a missed call there.
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas_laptop.calls.next_incoming(15) == call_id
                await anna.calls.hangup(call_id)
                assert await jonas_laptop.calls.wait_end(call_id, 15) is CallState.ENDED
                assert _reason(jonas_laptop, call_id) is EndReason.CANCELLED
                # Answered on the laptop: the PC stops ringing.
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas_pc.calls.next_incoming(15) == call_id
                assert await jonas_laptop.calls.next_incoming(15) == call_id
                media = CallMedia(tone(tmp_path / "j.wav", 880))
                accepting = asyncio.create_task(jonas_laptop.calls.accept(call_id, media))
                assert await anna.calls.wait_answer(call_id, 15) is CallState.ACTIVE
                assert await accepting is CallState.ACTIVE
                assert await jonas_pc.calls.wait_end(call_id, 15) is CallState.ENDED
                assert _reason(jonas_pc, call_id) is EndReason.ANSWERED_ELSEWHERE
                # Bert calls Anna while she talks to Jonas: busy.
                bert_call = await bert.calls.place("weber.anna", CallMedia())
                assert await bert.calls.wait_answer(bert_call, 15) is CallState.ENDED
                assert _reason(bert, bert_call) is EndReason.BUSY
                await jonas_laptop.calls.hangup(call_id)
                assert await anna.calls.wait_end(call_id, 15) is CallState.ENDED
                assert _reason(anna, call_id) is EndReason.REMOTE_HANGUP
            finally:
                for phone in phones:
                    await phone.close()

    asyncio.run(scenario())


def test_offer_naming_a_conversation_the_caller_is_not_in_never_rings(
    make_ward: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="wardlink.calls")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            bert = Phone(await w.person("klein.bert"))
            try:
                # A real offer of Bert's, but naming Anna's and Jonas's conversation.
                theirs = await anna.person.messenger.open_conversation("mueller.jonas")
                # Jonas knows their conversation (Anna and him) before Bert names it.
                await shown_after(anna, theirs, jonas, "Visite um 9?")
                call_id = await bert.calls.place("mueller.jonas", CallMedia())
                assert await jonas.calls.next_incoming(15) == call_id  # his own 1:1 rings
                await bert.calls.hangup(call_id)
                live = bert.calls.calls[call_id]
                sdp = "v=0\r\na=fingerprint:sha-256 " + ":".join(["AB"] * 32) + "\r\n"
                offer = Offer(
                    1, "y" * 32, theirs, to_ms(offer_time(bert)), sdp, sdp_fingerprints(sdp)
                )
                control = Control(CALL_CONTROL, encode_signal(offer))
                outgoing = bert.person.messenger.outgoing
                async with bert.calls.lock:
                    await outgoing.queue_control("mueller.jonas", control, now=offer_time(bert))
                    await outgoing.flush()
                assert live.call.ended
                # Once Jonas shows Bert's next text, the forged offer has been handled.
                await shown_after(bert, live.conversation_id, jonas, "Falsch verbunden.")
                assert jonas.calls.incoming.empty()
                assert "y" * 32 not in jonas.calls.calls
                (refused,) = _refusals(caplog, "klein.bert")
                assert "the caller and this person are not both members" in refused
            finally:
                for phone in (anna, jonas, bert):
                    await phone.close()

    asyncio.run(scenario())


def test_revoked_device_is_not_called_and_cannot_call(make_ward: Any) -> None:
    async def scenario() -> None:
        from desktop_app.relay.admin import revoke
        from tests.relay.conftest import ADMIN

        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas_pc = Phone(await w.person("mueller.jonas", "-pc"))
            jonas_laptop = Phone(await w.person("mueller.jonas", "-laptop"))
            try:
                # The offer reaches both devices while both are valid...
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas_pc.calls.next_incoming(15) == call_id
                await anna.calls.hangup(call_id)
                assert await jonas_pc.calls.wait_end(call_id, 15) is CallState.ENDED
                assert await jonas_laptop.calls.wait_end(call_id, 15) is CallState.ENDED
                # ... then IT revokes the PC: it neither rings nor can it call.
                revoke(w.relay.root, jonas_pc.person.session.device_id, ADMIN)
                await anna.person.session.peers.refresh_revocations(
                    anna.person.session.require_link()
                )
                sent = record_envelopes(anna)
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas_laptop.calls.next_incoming(15) == call_id
                # Proof, not only silence: nothing Anna sent since names the PC.
                pc_id = jonas_pc.person.session.device_id
                assert sent and all(pc_id not in f.recipients for f in sent)
                assert await jonas_pc.calls.next_incoming(2) is None
                await anna.calls.hangup(call_id)
                assert await jonas_laptop.calls.wait_end(call_id, 15) is CallState.ENDED
                # The relay refuses the revoked device's login; should an offer it sent
                # before still arrive (here handed in directly), it never rings.
                assert anna.person.session.peers.device(
                    "mueller.jonas", jonas_pc.person.session.device_id
                ).revoked  # type: ignore[union-attr]
                assert call_id not in jonas_pc.calls.calls
                first = jonas_laptop.calls.calls[call_id].offer
                assert first is not None
                forged = Offer(
                    1, "z" * 32, first.conversation_id, to_ms(offer_time(anna)),
                    first.sdp, first.fingerprints,
                )  # fmt: skip
                anna.calls.received(
                    "mueller.jonas",
                    jonas_pc.person.session.device_id,
                    Control(CALL_CONTROL, encode_signal(forged)),
                )
                assert "z" * 32 not in anna.calls.calls
                anna.calls.received(  # the same offer from the laptop would ring
                    "mueller.jonas",
                    jonas_laptop.person.session.device_id,
                    Control(CALL_CONTROL, encode_signal(forged)),
                )
                assert "z" * 32 in anna.calls.calls
            finally:
                for phone in (anna, jonas_pc, jonas_laptop):
                    await phone.close()

    asyncio.run(scenario())


def test_no_answer_is_a_missed_call_on_every_callee_device(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            try:
                anna.calls.ring_timeout_s = 1.0  # 45 s in the product
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas.calls.next_incoming(15) == call_id
                assert await anna.calls.wait_answer(call_id) is CallState.ENDED
                assert _reason(anna, call_id) is EndReason.NO_ANSWER
                assert await jonas.calls.wait_end(call_id, 15) is CallState.ENDED
                assert _reason(jonas, call_id) is EndReason.NO_ANSWER
                cid = jonas.calls.calls[call_id].conversation_id
                lines = [english(m.body) for m in jonas.person.messenger.history(cid)]
                assert lines[-1] == "Missed call from weber.anna."
                # A caller that vanishes without a hang-up: the callee stops by itself.
                jonas.calls.ring_timeout_s = 1.0
                anna.calls.ring_timeout_s = 60.0
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas.calls.next_incoming(15) == call_id
                gone = anna.calls.calls[call_id]
                gone.call.end(EndReason.FAILED)  # the caller is gone: nothing more is sent
                assert gone.pc is not None
                await gone.pc.close()
                assert await jonas.calls.wait_end(call_id, 15) is CallState.ENDED
                assert _reason(jonas, call_id) is EndReason.NO_ANSWER
            finally:
                await anna.close()
                await jonas.close()

    asyncio.run(scenario())


def test_a_ring_held_in_the_mailbox_for_long_never_rings(
    make_ward: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="wardlink.calls")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas_person = await w.person("mueller.jonas")
            await jonas_person.session.close()  # Jonas's PC is off
            try:
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                await anna.calls.hangup(call_id)  # Anna gives up; both signals wait
                cid = anna.calls.calls[call_id].conversation_id
                async with anna.calls.lock:  # and a text after them
                    await anna.person.messenger.send_text(cid, "Ruf mich bitte zurück.")
                # Jonas logs in later (his clock says: 10 minutes later).
                real = jonas_person.session.clock
                jonas_person.session.clock = lambda: real() + timedelta(minutes=10)
                await jonas_person.connect(w.relay.port)
                jonas = Phone(jonas_person)
                # Once Jonas shows Anna's text, the offer before it has been handled.
                await until_shown(jonas, cid, "Ruf mich bitte zurück.")
                assert jonas.calls.incoming.empty()
                assert call_id not in jonas.calls.calls
                (refused,) = _refusals(caplog, "weber.anna")
                assert "a stale call offer" in refused
                await jonas.close()
            finally:
                await anna.close()

    asyncio.run(scenario())


def test_a_call_that_cannot_start_leaves_nobody_in_a_call(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            await w.person("mueller.jonas")
            try:
                not_audio = tmp_path / "not.wav"
                not_audio.write_bytes(b"no audio in here")
                with pytest.raises(CallRefused, match="cannot be read as audio"):
                    await anna.calls.place("mueller.jonas", CallMedia(not_audio))
                call_id = await anna.calls.place("mueller.jonas", CallMedia())  # not "busy"
                await anna.calls.hangup(call_id)
            finally:
                await anna.close()

    asyncio.run(scenario())


def record_envelopes(phone: Phone) -> list[SendEnvelope]:
    """Every SendEnvelope ``phone`` sends from now on (its link's ``start`` wrapped)."""
    link = phone.person.session.require_link()
    real_start = link.start
    sent: list[SendEnvelope] = []

    async def recording(frame: Any) -> int:
        if isinstance(frame, SendEnvelope):
            sent.append(frame)
        return await real_start(frame)

    link.start = recording  # type: ignore[method-assign]
    return sent
