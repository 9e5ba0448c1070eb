"""The media sections of a call's SDP, as the receiver checks read them: one audio
section and at most one video section is what WardLink offers and answers."""

from __future__ import annotations

from desktop_app.protocol.call_signal import CALL_MEDIA_SECTIONS, sdp_media_kinds

AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
VIDEO = "m=video 9 UDP/TLS/RTP/SAVPF 97\r\na=mid:1\r\n"
DATA = "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"


def test_wardlinks_own_offers_have_the_allowed_sections() -> None:
    assert sdp_media_kinds("v=0\r\n" + AUDIO) in CALL_MEDIA_SECTIONS
    assert sdp_media_kinds("v=0\r\n" + AUDIO + VIDEO) in CALL_MEDIA_SECTIONS


def test_more_sections_other_kinds_or_none_are_not_allowed() -> None:
    for sdp in ("v=0\r\n", AUDIO * 2, AUDIO + VIDEO * 2, VIDEO + AUDIO, AUDIO + DATA):
        assert sdp_media_kinds(sdp) not in CALL_MEDIA_SECTIONS, sdp
    assert sdp_media_kinds(AUDIO * 60) == ("audio",) * 60
