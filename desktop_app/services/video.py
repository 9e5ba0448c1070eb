"""Video clips (issue 13): an MP4, MOV or WebM file is sent as an ordinary end-to-end
encrypted attachment; the receiver plays it from memory. This module measures a clip
from its decrypted bytes, in memory only: duration, picture size, codec and one poster
frame for the file card.

Nothing the sender claims is trusted: the duration comes from the demuxed packets'
timestamps, not from a header or message field. The clip is hostile until proven
otherwise, so only the two demuxers we need are ever used (chosen by magic bytes, never
by FFmpeg's probing, which knows playlist formats that open further URLs), and every
step is bounded: size, packets read, frames decoded for the poster, picture dimensions.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Final

from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.services.errors import ClientError
from desktop_app.storage.container import Container

VIDEO_SUFFIXES: Final = (".mp4", ".m4v", ".mov", ".webm")
MAX_VIDEO_BYTES: Final = 100 * 1024 * 1024  # larger clips are files to export, not to play
MAX_PACKETS: Final = 200_000  # demuxed to measure the duration (≈ 55 min at 60 fps)
MAX_POSTER_PACKETS: Final = 300  # read before the first picture must have decoded
MAX_DIMENSION: Final = 8192  # width or height; beyond 8K a clip is refused
MAX_DURATION_MS: Final = 4 * 60 * 60 * 1000  # timestamps past 4 h are not believed
POSTER_BOX: Final = (320, 240)  # the card's picture fits in this box
WEBM_MAGIC: Final = b"\x1a\x45\xdf\xa3"  # EBML header (Matroska/WebM)
MP4_BOXES: Final = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")  # ISO BMFF / MOV


class VideoError(ClientError):
    """Not a clip this app plays: unknown format, damaged, or beyond the limits."""


@dataclass(frozen=True, slots=True)
class Poster:
    """One frame as packed RGB24 rows (the GUI turns it into an image)."""

    width: int
    height: int
    rgb: bytes


@dataclass(frozen=True, slots=True)
class VideoInfo:
    duration_ms: int
    width: int
    height: int
    codec: str  # FFmpeg's decoder name: "h264", "vp9", "mpeg4" …
    has_audio: bool
    poster: Poster | None = None


def is_video(file_name: str) -> bool:
    return file_name.lower().endswith(VIDEO_SUFFIXES)


def demuxer_for(data: bytes) -> str:
    """The FFmpeg demuxer for these bytes, from magic bytes; VideoError if neither."""
    if data.startswith(WEBM_MAGIC):
        return "matroska"
    if data[4:8] in MP4_BOXES:
        return "mov"
    raise VideoError("Not a video clip (MP4, MOV or WebM).", key="not_a_video")


def looks_like_video(data: bytes) -> bool:
    try:
        demuxer_for(data)
    except VideoError:
        return False
    return True


def _pyav() -> Any:
    try:
        import av
    except ImportError as exc:  # a PC installed without the calls extra
        raise VideoError(
            "Video clips need PyAV, which is not installed on this PC.", key="video_no_pyav"
        ) from exc
    return av


def probe(data: bytes, poster_box: tuple[int, int] | None = POSTER_BOX) -> VideoInfo:
    """Measure a clip held in memory; with ``poster_box`` also decode its first picture
    scaled to fit that box. Raises VideoError for anything hostile, damaged or too big."""
    if len(data) > MAX_VIDEO_BYTES:
        raise VideoError(
            f"Video clips can be at most {MAX_VIDEO_BYTES // (1024 * 1024)} MB.",
            key="video_too_large",
            maximum=MAX_VIDEO_BYTES // (1024 * 1024),
        )
    av = _pyav()
    fmt = demuxer_for(data)
    try:
        with av.open(io.BytesIO(data), "r", format=fmt) as container:
            if not container.streams.video:
                raise VideoError("This file contains no video.", key="not_a_video")
            stream = container.streams.video[0]
            width, height = int(stream.codec_context.width), int(stream.codec_context.height)
            if not (0 < width <= MAX_DIMENSION and 0 < height <= MAX_DIMENSION):
                raise VideoError(f"Unsupported picture size {width}×{height}.", key="video_size")
            codec = str(stream.codec_context.name)
            has_audio = bool(container.streams.audio)
            poster = None if poster_box is None else _poster(container, stream, poster_box)
            if poster is not None:
                container.seek(0)
            duration_ms = _duration_ms(container, stream)
    except av.FFmpegError as exc:
        raise VideoError(
            f"Damaged video clip: {getattr(exc, 'strerror', None) or exc}", key="video_damaged"
        ) from exc
    return VideoInfo(duration_ms, width, height, codec, has_audio, poster)


def _duration_ms(container: Any, stream: Any) -> int:
    """End of the last video packet minus start of the first, from packet timestamps."""
    first: int | None = None
    end: int | None = None
    for count, packet in enumerate(container.demux(stream), 1):
        if count > MAX_PACKETS:
            raise VideoError("This video clip has too many frames.", key="video_too_long")
        if packet.pts is None:
            continue
        first = packet.pts if first is None else min(first, packet.pts)
        stop = packet.pts + max(int(packet.duration or 0), 0)
        end = stop if end is None else max(end, stop)
    if first is None or end is None or stream.time_base is None:
        raise VideoError("This video clip has no timed pictures.", key="video_damaged")
    ms = round(float((end - first) * stream.time_base) * 1000)
    if not 0 <= ms <= MAX_DURATION_MS:
        raise VideoError("This video clip's timing is implausible.", key="video_damaged")
    return ms


def _poster(container: Any, stream: Any, box: tuple[int, int]) -> Poster:
    """The first keyframe, scaled to fit ``box``. Its packet is decoded alone and the
    decoder drained at once: a decoder holding pictures back for reordering (H.264 with
    B-frames) would otherwise release it only at the next keyframe, seconds later."""
    codec = stream.codec_context
    for count, packet in enumerate(container.demux(stream), 1):
        if count > MAX_POSTER_PACKETS:
            break
        if not packet.is_keyframe or packet.size == 0:
            continue
        frames = [*codec.decode(packet), *codec.decode(None)]
        codec.flush_buffers()  # drained: ready again should the next keyframe be needed
        if frames:
            frame = frames[0]
            w, h = _fit(frame.width, frame.height, box)
            rgb = frame.reformat(width=w, height=h, format="rgb24").to_ndarray()
            return Poster(w, h, rgb.tobytes())
    raise VideoError("No picture could be decoded from this video clip.", key="video_damaged")


def _fit(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    scale = min(box[0] / width, box[1] / height, 1.0)
    # even sizes: some scalers refuse odd widths in RGB conversions of YUV 4:2:0
    return max(2, round(width * scale) // 2 * 2), max(2, round(height * scale) // 2 * 2)


def stored_video(
    container: Container,
    message_id: MessageId,
    cache: dict[AttachmentId, VideoInfo | None] | None = None,
    *,
    poster: bool = False,
) -> VideoInfo | None:
    """The video clip attached to a message as measured here, or None (no clip, not yet
    downloaded, or not playable). Decrypted into memory only."""
    for attachment in container.attachments.for_message(message_id):
        if is_video(attachment.file_name) and attachment.state is AttachmentState.STORED:
            if cache is None:
                return _measure(container, attachment, poster)
            if attachment.attachment_id not in cache:
                cache[attachment.attachment_id] = _measure(container, attachment, poster)
            return cache[attachment.attachment_id]
    return None


def _measure(container: Container, attachment: Attachment, poster: bool) -> VideoInfo | None:
    if attachment.size > MAX_VIDEO_BYTES:
        return None
    data = b"".join(container.attachments.read_chunks(attachment.attachment_id))
    try:
        return probe(data, POSTER_BOX if poster else None)
    except VideoError:
        return None
