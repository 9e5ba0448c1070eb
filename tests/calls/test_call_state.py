"""The call state machine (pure) and the strict signal codec."""

from __future__ import annotations

import pytest

from desktop_app.domain.call_state import Call, CallState, CallStateError, EndReason, Role
from desktop_app.protocol.call_signal import (
    MAX_SDP_BYTES,
    Answer,
    CallSignalError,
    Hangup,
    Offer,
    decode_signal,
    encode_signal,
    sdp_fingerprints,
)

FP = "sha-256 " + ":".join(["AB"] * 32)
CALL_ID = "c" * 32


def test_caller_happy_path_and_late_signals_refused() -> None:
    call = Call(CALL_ID, Role.CALLER, "mueller.jonas")
    call.start()
    call.answered("DEV1")
    with pytest.raises(CallStateError):
        call.answered("DEV2")  # a second device's answer loses
    call.connected()
    assert call.state is CallState.ACTIVE
    call.end(EndReason.REMOTE_HANGUP)
    assert call.history == [
        CallState.IDLE,
        CallState.RINGING,
        CallState.CONNECTING,
        CallState.ACTIVE,
    ]
    with pytest.raises(CallStateError):
        call.end(EndReason.HANGUP)  # ended is final
    assert call.end_reason is EndReason.REMOTE_HANGUP


def test_callee_decline_only_while_ringing() -> None:
    call = Call(CALL_ID, Role.CALLEE, "weber.anna")
    with pytest.raises(CallStateError):
        call.accept()  # nothing rings yet
    call.offered("DEVA")
    with pytest.raises(CallStateError):
        call.start()  # the callee cannot start the caller's side
    call.accept()
    with pytest.raises(CallStateError):
        call.end(EndReason.DECLINED)  # too late to decline an accepted call
    call.end(EndReason.FAILED)
    assert call.ended and call.end_reason is EndReason.FAILED


@pytest.mark.parametrize(
    "reason", [EndReason.BUSY, EndReason.NO_ANSWER, EndReason.ANSWERED_ELSEWHERE]
)
def test_ringing_ends(reason: EndReason) -> None:
    call = Call(CALL_ID, Role.CALLEE, "weber.anna")
    call.offered("DEVA")
    call.end(reason)
    assert call.state is CallState.ENDED and call.end_reason is reason


def test_cannot_connect_before_answer() -> None:
    call = Call(CALL_ID, Role.CALLER, "mueller.jonas")
    call.start()
    with pytest.raises(CallStateError):
        call.connected()


def test_signal_round_trip_and_bounds() -> None:
    offer = Offer(1, CALL_ID, "conv", 5, f"v=0\r\na=fingerprint:{FP}\r\n", [FP])
    assert decode_signal(encode_signal(offer)) == offer
    hangup = Hangup(1, CALL_ID, "conv", 5, "answered_elsewhere", "DEV1")
    assert decode_signal(encode_signal(hangup)) == hangup
    too_big = Answer(1, CALL_ID, "conv", 5, "x" * (MAX_SDP_BYTES + 1), [FP])
    with pytest.raises(CallSignalError, match="malformed"):
        decode_signal(encode_signal(too_big))
    bad_id = Hangup(1, "short", "conv", 5)
    with pytest.raises(CallSignalError):
        decode_signal(encode_signal(bad_id))
    with pytest.raises(CallSignalError):
        decode_signal(b"\x81\xa1t\xa5bogus")


def test_sdp_names_one_certificate() -> None:
    assert sdp_fingerprints(f"v=0\r\na=fingerprint:SHA-256 {FP[8:].lower()}\r\n") == [FP]
    with pytest.raises(CallSignalError):
        sdp_fingerprints("v=0\r\n")
    other = "sha-256 " + ":".join(["CD"] * 32)
    with pytest.raises(CallSignalError):  # two certificates
        sdp_fingerprints(f"a=fingerprint:{FP}\r\na=fingerprint:{other}\r\n")


def test_policy_becomes_the_call_network() -> None:
    from desktop_app.services.call_network import CallNetwork, from_policy
    from desktop_app.services.policy import Policy

    assert from_policy(Policy()) == CallNetwork()
    assert CallNetwork().configuration().iceServers == []  # never a public STUN server
    network = from_policy(
        Policy(
            call_interfaces="10.20.0.15, fd00::5",
            turn_servers="turn:10.20.0.9:3478 wl s3cret; turns:t.klinik.local:5349 a b",
        )
    )
    assert network.interfaces == ("10.20.0.15", "fd00::5")
    servers = network.configuration().iceServers
    assert [(s.urls, s.username, s.credential) for s in servers] == [
        ("turn:10.20.0.9:3478", "wl", "s3cret"),
        ("turns:t.klinik.local:5349", "a", "b"),
    ]
    assert not network.relay_only
    assert network.configuration().iceTransportPolicy.value == "all"
    relayed = from_policy(Policy(turn_servers="turn:10.20.0.9:3478 wl s3cret", turn_only=True))
    assert relayed.relay_only  # policy turn_only: relayed candidates only
    assert relayed.configuration().iceTransportPolicy.value == "relay"
    with pytest.raises(ValueError):
        CallNetwork(("eth0",))
