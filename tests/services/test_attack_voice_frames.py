"""A colleague's voice message made to be expensive to measure (attack round 18b).

The receiver reads a voice message's duration and waveform from the audio itself, on
the client's service loop, whenever it builds the message's row (the chat, `client
history`). Decoding summed every part decoded so far after each frame: the work grew
with the square of the frames. A 15-minute message as WardLink records it (20 ms frames)
cost 100 s of CPU per measurement; one of 2.5 ms frames (Opus's shortest, 3.7 MB) about
an hour, while the loop received nothing, urgent messages included. No timed assertions:
the file of tiny frames is refused as too long, and the work of measuring is counted in
profiler events, which grow with the length, not its square."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import av
import numpy as np

from desktop_app.domain.ids import MessageId
from desktop_app.services import voice
from tests.services.modified_client import handled_before
from tests.services.work_count import profiler_events


def opus(seconds: float, frame_ms: float) -> bytes:
    """Ogg Opus of ``seconds`` of noise in frames of ``frame_ms`` (what any encoder may
    write; WardLink's own is 20 ms)."""
    rng = np.random.default_rng(18)
    samples = rng.integers(-2000, 2000, size=int(seconds * voice.OPUS_RATE), dtype=np.int16)
    out = io.BytesIO()
    with av.open(out, "w", format="ogg") as container:
        stream: Any = container.add_stream(
            "libopus", rate=voice.OPUS_RATE, layout="mono",
            options={"frame_duration": str(frame_ms), "application": "lowdelay"},
        )  # fmt: skip
        stream.bit_rate = 6_000
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = voice.OPUS_RATE
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return out.getvalue()


def test_a_voice_message_of_tiny_frames_shows_as_a_file_and_the_chat_goes_on(
    make_ward: Any,
) -> None:
    """Jonas sends Anna 115 s of 2.5 ms frames (46,000, more than 15 minutes of 20 ms
    frames) named as a voice message. Anna's PC does not measure it as one (before:
    about a minute of CPU for this file, an hour for 15 minutes of such frames) and
    receives his next text."""
    data = opus(115, 2.5)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            sent = await jonas.messenger.send_bytes("weber.anna", "voice-1.opus", data)
            await handled_before(jonas, sent.conversation_id, (anna,), "Bitte zurückrufen")
            assert [a.size for a in anna.container.attachments.for_message(sent.message_id)] == [
                len(data)
            ]
            assert voice.stored_voice(anna.container, MessageId(sent.message_id)) is None

    asyncio.run(scenario())


def test_measuring_a_voice_message_grows_with_its_length_not_its_square() -> None:
    """Twice the length (as WardLink records, 20 ms frames) is about twice the work."""
    short, long = opus(30, 20), opus(60, 20)
    assert voice.probe(long).duration_ms == 60_000
    ratio = profiler_events(lambda: voice.probe(long)) / profiler_events(lambda: voice.probe(short))
    assert ratio < 2.5, ratio


def test_a_voice_message_of_short_frames_within_the_limit_is_measured() -> None:
    """The frame limit leaves room for a shorter message of short frames."""
    assert voice.probe(opus(100, 2.5)).duration_ms == 100_000
