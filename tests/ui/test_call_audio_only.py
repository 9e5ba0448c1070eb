"""An audio-only call opens no video box, though both PCs could send a picture.

When policy allows video and the PCs have cameras, every call negotiates video, and a
camera that is off sends small black frames (services/call_camera.py). Those frames
opened a black box on the other side as soon as they arrived. Now the box opens with
the first real picture. Live: relay on 127.0.0.1, aiortc on loopback, fake cameras.
"""

from __future__ import annotations

from typing import Any

from aiortc.stats import RTCInboundRtpStreamStats
from pytestqt.qtbot import QtBot

from tests.ui.test_call_video import RED, _connect, _looks
from tests.ui.test_calls import WAIT, Phone, phone

__all__ = ["phone"]  # the fixture

VIDEO_PACKETS = 40  # a few seconds of the peer's (black) video have arrived


def video_packets(qtbot: QtBot, person: Phone) -> int:
    """RTP packets of the peer's video this PC received so far (aiortc's own stats)."""
    client = person.session.ctx.client
    call_id = person.calls.call_id
    got: list[int] = []

    async def count() -> int:
        live = client.live_calls.calls.calls.get(call_id)
        if live is None or live.pc is None:
            return 0
        return sum(
            s.packetsReceived
            for s in (await live.pc.getStats()).values()
            if isinstance(s, RTCInboundRtpStreamStats) and s.kind == "video"
        )

    person.session.ctx.bridge.submit(count, done=got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT)
    return got[0]


def test_a_call_without_a_picture_shows_no_black_video_box(qtbot: QtBot, phone: Any) -> None:
    anna = phone("weber.anna", 440.0, RED)
    jonas = phone("mueller.jonas", 880.0, (30, 30, 220))
    _connect(qtbot, anna, jonas)
    a, j = anna.calls.window, jonas.calls.window
    assert a.camera_button.isVisible() and j.camera_button.isVisible()  # video possible
    # The cameras stay off; their black frames do reach the other side.
    qtbot.waitUntil(lambda: video_packets(qtbot, jonas) > VIDEO_PACKETS, timeout=WAIT)
    qtbot.waitUntil(lambda: video_packets(qtbot, anna) > VIDEO_PACKETS, timeout=WAIT)
    already = jonas.devices.speaker.seconds()
    qtbot.waitUntil(lambda: jonas.devices.speaker.seconds() > already + 1.0, timeout=WAIT)
    assert not j.remote_view.isVisible() and not a.remote_view.isVisible()
    assert not j.local_view.isVisible() and not a.local_view.isVisible()

    # The first real picture opens the box.
    a.camera_button.click()
    qtbot.waitUntil(lambda: _looks(j.remote_view, RED), timeout=WAIT)
    assert not a.remote_view.isVisible()  # Jonas still sends none
    a.hang_up_button.click()
    qtbot.waitUntil(lambda: j.face == "ended", timeout=WAIT)
