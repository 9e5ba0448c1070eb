"""Call signalling: what one device tells another to set up, ring and end a call.

A ``CallSignal`` travels end-to-end encrypted inside an Olm ``Control`` message named
``CALL_CONTROL`` to each device of the peer (services/calls.py); the relay sees one more
ciphertext envelope. Signals are not trickled: an offer or answer carries the complete
SDP with every gathered host candidate, so one message per step is enough.

The SDP of an offer/answer is applied to the media connection exactly as it came out of
Olm: its ``a=fingerprint`` names the DTLS certificate of the sender's side, and aiortc
refuses a DTLS handshake with any other certificate. ``fingerprints`` repeats them
outside the SDP so the receiver can check both agree before it answers
(``sdp_fingerprints``).

Decoding is strict and bounded like every other content (protocol/content.py).
"""

from __future__ import annotations

import re
from typing import Annotated, Final, Literal

import msgspec

from desktop_app.protocol.fields import ChosenId, DirectoryId

CALL_CONTROL: Final = "call.signal"
MAX_SDP_BYTES: Final = 16 * 1024  # an audio+video offer with a few host candidates: ~3 KiB
# A PC answering an offer sends connectivity checks to every candidate in it: far more
# than a ward PC gathers (a few per network interface, media bundled) would make it
# probe hosts and ports of the caller's choosing.
MAX_SDP_CANDIDATES: Final = 64
MAX_FINGERPRINT_CHARS: Final = 200
# What a WardLink PC offers and answers: one audio section, then maybe one video section.
# aiortc would take every section as a track of its own (receiver, decoder thread,
# player): an offer of 60 audio sections fits 16 KiB.
CALL_MEDIA_SECTIONS: Final = (("audio",), ("audio", "video"))
MAX_CALL_ID_CHARS: Final = 64

_CallId = Annotated[str, msgspec.Meta(pattern=r"\A[A-Za-z0-9_-]{16,64}\Z")]  # "$" let "\n" end it
_Sdp = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_SDP_BYTES)]
_Fingerprint = Annotated[
    str, msgspec.Meta(pattern=r"\Asha-(256|384|512) ([0-9A-F]{2}:){31,63}[0-9A-F]{2}\Z")
]
_Fingerprints = Annotated[list[_Fingerprint], msgspec.Meta(min_length=1, max_length=4)]
_Ms = Annotated[int, msgspec.Meta(ge=0)]


class CallSignalError(ValueError):
    """A decrypted call signal is malformed; it is dropped."""


class _Signal(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="t"):
    v: Literal[1]
    call_id: _CallId
    conversation_id: ChosenId
    sent_ms: _Ms


class Offer(_Signal, frozen=True, tag="offer"):
    """The caller rings: its SDP offer, sent to every device of the callee."""

    sdp: _Sdp
    fingerprints: _Fingerprints
    video: bool = False
    role: DirectoryId | None = None  # a call to this functional account: its holders ring
    group: _CallId | None = None  # a leg of this group call (services/group_calls.py)
    join: bool = False  # a mesh leg between two who are in the group call: no ringing


class Ringing(_Signal, frozen=True, tag="ringing"):
    """A callee device shows the call (so the caller hears a ringing tone)."""


class Answer(_Signal, frozen=True, tag="answer"):
    """A callee device accepted: its SDP answer. The first answer wins."""

    sdp: _Sdp
    fingerprints: _Fingerprints


class Decline(_Signal, frozen=True, tag="decline"):
    """The callee declined on one device."""


class Busy(_Signal, frozen=True, tag="busy"):
    """The callee device is already in a call."""


HangupReason = Literal[
    "hangup", "cancelled", "no_answer", "answered_elsewhere", "declined", "failed"
]


class Hangup(_Signal, frozen=True, tag="hangup"):
    """The call ends. To the callee's other devices, which still ring: it was answered on
    ``answered_by`` ("answered_elsewhere") or declined on one of them ("declined");
    ``answered_uid``: which holder took a call to a functional account."""

    reason: HangupReason = "hangup"
    answered_by: DirectoryId | None = None
    answered_uid: DirectoryId | None = None


class GroupPresence(_Signal, frozen=True, tag="group_presence"):
    """To every member of a group conversation: the sender is now in (``joined``) or out
    of the group call ``call_id``. Each person speaks only for itself. ``heartbeat``: the
    periodic "still in" (services/group_heartbeat.py), which never starts or revives a
    call nor brings back someone who said "out"."""

    joined: bool
    heartbeat: bool = False
    muted: bool = False  # the sender's microphone is muted (its tile says so)


CallSignal = Offer | Ringing | Answer | Decline | Busy | Hangup | GroupPresence

_ENCODER = msgspec.msgpack.Encoder()
_DECODER: msgspec.msgpack.Decoder[CallSignal] = msgspec.msgpack.Decoder(CallSignal)
_FINGERPRINT_LINE = re.compile(r"^a=fingerprint:(\S+) (\S+)\r?$", re.MULTILINE)


def encode_signal(signal: CallSignal) -> bytes:
    return _ENCODER.encode(signal)


def decode_signal(data: bytes) -> CallSignal:
    try:
        return _DECODER.decode(data)
    except msgspec.DecodeError as exc:
        raise CallSignalError(f"malformed call signal: {exc}") from None


def sdp_candidates(sdp: str) -> int:
    """How many ICE candidates an SDP lists (``a=candidate:`` lines, all media)."""
    return sum(1 for line in sdp.splitlines() if line.startswith("a=candidate:"))


def sdp_media_kinds(sdp: str) -> tuple[str, ...]:
    """The kinds of an SDP's media sections in order (``m=audio ...`` is "audio")."""
    return tuple(line[2:].split(" ", 1)[0] for line in sdp.splitlines() if line.startswith("m="))


def sdp_fingerprints(sdp: str) -> list[str]:
    """The DTLS fingerprints an SDP names ("sha-256 AB:CD:...", one per hash algorithm of
    the one certificate), sorted; refused if there are none or two for one algorithm."""
    found = {f"{algo.lower()} {value.upper()}" for algo, value in _FINGERPRINT_LINE.findall(sdp)}
    algorithms = [f.split(" ", 1)[0] for f in found]
    if not found or len(set(algorithms)) != len(algorithms):
        raise CallSignalError("the SDP must name one DTLS certificate (one fingerprint per hash)")
    return sorted(found)
