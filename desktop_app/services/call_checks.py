"""What a received call signal must satisfy before it touches any call (docs/calls.md
"Receiver checks"); ``Calls.received`` drops a signal that fails, with a log line.

The Olm layer already proved which device sent it; here: that device is a verified,
unrevoked device of the sender, both people are members of the named conversation (or
it is their 1:1), an offer is fresh (a ring held in a mailbox overnight never rings)
and the DTLS fingerprints in the SDP are the ones the signal names (the binding that
keeps a man in the middle out of the media).
"""

from __future__ import annotations

from typing import Final

from desktop_app.domain.call_state import RING_TIMEOUT_S
from desktop_app.domain.ids import ConversationId
from desktop_app.protocol.call_signal import (
    CALL_MEDIA_SECTIONS,
    MAX_SDP_CANDIDATES,
    Answer,
    CallSignal,
    CallSignalError,
    Offer,
    sdp_candidates,
    sdp_fingerprints,
    sdp_media_kinds,
)
from desktop_app.services import conversations
from desktop_app.services.session import ClientSession
from desktop_app.storage.timeutil import to_ms

MAX_CLOCK_SKEW_S: Final = 120  # ward PCs sync time by domain; a ring older than this is stale


def check_signal(s: ClientSession, sender_uid: str, sender_device: str, signal: CallSignal) -> None:
    """Raises ``CallSignalError`` naming the first check ``signal`` fails."""
    if sender_uid == s.uid:
        raise CallSignalError("calls between one's own devices are not supported")
    device = s.peers.device(sender_uid, sender_device)
    if device is None or not device.verified or device.revoked:
        raise CallSignalError("the sending device is unknown or revoked")
    cid = ConversationId(signal.conversation_id)
    state = s.container.conversations.state(cid)
    if state is None:
        if cid != conversations.direct_conversation_id(s.uid, sender_uid):
            raise CallSignalError("the call names a conversation unknown here")
    elif sender_uid not in state.members or s.uid not in state.members:
        raise CallSignalError("the caller and this person are not both members")
    if isinstance(signal, Offer):
        age_s = (to_ms(s.clock()) - signal.sent_ms) / 1000
        if not -MAX_CLOCK_SKEW_S <= age_s <= RING_TIMEOUT_S + MAX_CLOCK_SKEW_S:
            raise CallSignalError(f"a stale call offer ({age_s:.0f} s old)")
    if isinstance(signal, Offer | Answer) and sdp_fingerprints(signal.sdp) != sorted(
        signal.fingerprints
    ):
        raise CallSignalError("the SDP's DTLS fingerprint differs from the signed one")
    if isinstance(signal, Offer | Answer) and sdp_candidates(signal.sdp) > MAX_SDP_CANDIDATES:
        raise CallSignalError(
            f"the SDP lists more than {MAX_SDP_CANDIDATES} ICE candidates: not probed"
        )
    if (
        isinstance(signal, Offer | Answer)
        and sdp_media_kinds(signal.sdp) not in CALL_MEDIA_SECTIONS
    ):
        raise CallSignalError(
            f"the SDP's {len(sdp_media_kinds(signal.sdp))} media sections are not one audio"
            " and at most one video section"
        )
