"""Video clips (issue 13): sent as an attachment through a real relay, measured by the
receiver from the decrypted bytes (poster, duration, size, codec); hostile and damaged
clips give a clear VideoError, never a crash."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from desktop_app.services import video
from desktop_app.services.video import MAX_VIDEO_BYTES, VideoError, probe, stored_video
from tests.video_samples import make_clip


def test_a_clip_sent_through_the_relay_is_measured_by_the_receiver(
    make_ward: Any, tmp_path: Path
) -> None:
    clip = make_clip("libx264", "mp4", seconds=1.0, audio=True)
    source = tmp_path / "wundverlauf.mp4"
    source.write_bytes(clip)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_file("mueller.jonas", source, "Verband Tag 3")
            (got,) = await jonas.messenger.sync()
            (attachment,) = jonas.container.attachments.for_message(got.message_id)
            assert attachment.sha256 == hashlib.sha256(clip).hexdigest()
            info = stored_video(jonas.container, got.message_id, poster=True)
            assert info is not None and info.poster is not None
            assert abs(info.duration_ms - 1000) <= 50
            assert (info.width, info.height, info.codec, info.has_audio) == (160, 120, "h264", True)
            poster = np.frombuffer(info.poster.rgb, np.uint8).reshape(
                info.poster.height, info.poster.width, 3
            )
            assert poster[:, :4, 0].mean() > 150 > poster[:, -20:, 0].mean()  # the red bar
            # A cache keeps one measurement per attachment.
            cache: dict[Any, Any] = {}
            assert stored_video(jonas.container, got.message_id, cache) is not None
            assert list(cache) == [attachment.attachment_id]

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("codec", "fmt", "name"),
    [("mpeg4", "mp4", "mpeg4"), ("libvpx-vp9", "webm", "vp9"), ("libx264", "mov", "h264")],
)
def test_mp4_webm_and_mov_are_measured(codec: str, fmt: str, name: str) -> None:
    info = probe(make_clip(codec, fmt, seconds=2.0, size=(640, 360)), poster_box=(320, 240))
    assert abs(info.duration_ms - 2000) <= 50 and info.codec == name
    assert info.poster is not None and (info.poster.width, info.poster.height) == (320, 180)
    assert len(info.poster.rgb) == 320 * 180 * 3


def test_the_poster_comes_from_the_first_keyframe_without_waiting_for_the_next() -> None:
    """H.264 with B-frames: a decoder not drained after the first keyframe released it
    only with the next one, beyond MAX_POSTER_PACKETS in a 12 s clip (no poster)."""
    info = probe(make_clip("libx264", "mp4", seconds=12.0, size=(640, 360)))
    assert info.poster is not None and info.duration_ms == 12_000


def test_without_a_poster_only_the_numbers_are_measured() -> None:
    info = probe(make_clip(), poster_box=None)
    assert info.poster is None and abs(info.duration_ms - 1000) <= 50


def test_hostile_and_damaged_clips_are_refused_with_a_sentence() -> None:
    clip = make_clip()
    cases = {
        "truncated": clip[: len(clip) // 2],
        "header only": clip[:64],
        "garbage": bytes(np.random.default_rng(7).integers(0, 256, 50_000, dtype=np.uint8)),
        "fake mp4 box": b"\x00\x00\x00\x18ftyp" + b"\xff" * 5_000,
        "fake webm": video.WEBM_MAGIC + b"\x00" * 5_000,
        "playlist": b"#EXTM3U\n#EXT-X-TARGETDURATION:1\nfile:///etc/passwd\n",
        "empty": b"",
    }
    for label, data in cases.items():
        with pytest.raises(VideoError) as caught:
            probe(data)
        assert str(caught.value), label


def test_audio_only_and_oversized_files_are_not_clips() -> None:
    with pytest.raises(VideoError, match="no video"):
        probe(make_clip_audio_only())
    with pytest.raises(VideoError, match="at most 100 MB"):
        probe(b"\x00" * (MAX_VIDEO_BYTES + 1))


def test_too_many_packets_and_huge_pictures_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    clip = make_clip(seconds=2.0)
    monkeypatch.setattr(video, "MAX_PACKETS", 10)
    with pytest.raises(VideoError, match="too many frames"):
        probe(clip, poster_box=None)
    monkeypatch.setattr(video, "MAX_DIMENSION", 100)
    with pytest.raises(VideoError, match="picture size 160×120"):
        probe(clip)


def test_names_and_magic() -> None:
    assert video.is_video("Wunde.MP4") and video.is_video("a.webm") and video.is_video("x.mov")
    assert not video.is_video("voice.opus") and not video.is_video("mp4.txt")
    assert video.looks_like_video(make_clip()) and not video.looks_like_video(b"%PDF-1.7")


def make_clip_audio_only() -> bytes:
    import io

    import av

    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("aac", rate=48_000)
        tone = np.zeros((1, 48_000), np.float32)
        frame = av.AudioFrame.from_ndarray(tone, format="fltp", layout="mono")
        frame.sample_rate = 48_000
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return out.getvalue()
