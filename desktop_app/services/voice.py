"""Voice messages (issue 13): PCM from a WAV file (headless) or the microphone is encoded
to Opus in an Ogg file, entirely in memory, and sent as an ordinary end-to-end encrypted
attachment named ``*.opus``. Nothing is written in clear anywhere.

The receiver does not trust a duration or waveform the sender might claim: both are
read from the audio itself (``probe``), so a voice message needs no new content type
and older clients show it as a file.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.domain.model import Attachment, AttachmentState, Message
from desktop_app.services.errors import ClientError
from desktop_app.services.live_views import VoiceInfo
from desktop_app.services.messenger import Messenger
from desktop_app.storage.container import Container

if TYPE_CHECKING:  # PyAV and numpy come with the calls/medical extras: imported on use
    import numpy as np

VOICE_SUFFIX: Final = ".opus"  # Ogg Opus (RFC 7845); how a voice message is recognised
OPUS_RATE: Final = 48_000  # libopus works at 48 kHz; everything is resampled to it
BITRATE: Final = 32_000  # speech, mono: clear at a small size (about 4 kB per second)
MAX_VOICE_SECONDS: Final = 15 * 60  # longer recordings are refused (a dictation is a file)
WAVEFORM_BARS: Final = 48  # peaks shown in the bubble
MAX_VOICE_BYTES: Final = 16 * 1024 * 1024  # a larger ".opus" is not read as a voice message
MAX_VOICE_FRAMES: Final = (MAX_VOICE_SECONDS + 1) * 50
"""Opus frames a voice message may hold: 15 minutes (and one second) of the 20 ms
frames ``encode`` makes. A colleague's file of 2.5 ms frames (the shortest Opus has)
is eight times as many frames for the same length, each decoded and resampled alone."""


class VoiceError(ClientError):
    """Not a usable recording (format, length) or not a voice message."""


@dataclass(frozen=True, slots=True)
class VoiceClip:
    data: bytes  # the Ogg Opus file
    duration_ms: int


def _pyav() -> Any:
    try:
        import av
    except ImportError as exc:  # a PC installed without the calls extra
        raise VoiceError(
            "Voice messages need PyAV, which is not installed on this PC.", key="voice_no_pyav"
        ) from exc
    return av


def voice_name(at: datetime) -> str:
    """Language-neutral: the receivers' apps show it as a voice message, not this name."""
    return f"voice-{at:%Y%m%d-%H%M%S}{VOICE_SUFFIX}"


def is_voice(file_name: str) -> bool:
    return file_name.lower().endswith(VOICE_SUFFIX)


def read_wav(data: bytes) -> tuple[np.ndarray, int]:
    """16-bit PCM WAV (any rate, mono or stereo) → mono int16 samples and the rate."""
    import numpy as np

    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            width, channels, rate = wav.getsampwidth(), wav.getnchannels(), wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as exc:
        raise VoiceError(f"Not a WAV file: {exc}") from exc
    if width != 2:
        raise VoiceError("Only 16-bit PCM WAV files can be sent as voice messages.")
    samples = np.frombuffer(frames, dtype="<i2").reshape(-1, channels)
    mono = samples.mean(axis=1).astype(np.int16) if channels > 1 else samples[:, 0].copy()
    return mono, rate


def encode(samples: np.ndarray, rate: int) -> VoiceClip:
    """Mono int16 PCM at ``rate`` → Ogg Opus bytes (in memory only)."""
    if samples.size == 0:
        raise VoiceError("The recording is empty.", key="voice_empty")
    if samples.size / rate > MAX_VOICE_SECONDS:
        raise VoiceError(
            f"Voice messages can be at most {MAX_VOICE_SECONDS // 60} minutes.",
            key="voice_too_long",
            minutes=MAX_VOICE_SECONDS // 60,
        )
    av = _pyav()
    out = io.BytesIO()
    with av.open(out, "w", format="ogg") as container:
        stream = container.add_stream("libopus", rate=OPUS_RATE, layout="mono")
        stream.bit_rate = BITRATE
        resampler = av.AudioResampler(format="s16", layout="mono", rate=OPUS_RATE)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = rate
        for chunk in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(chunk):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    data = out.getvalue()
    return VoiceClip(data, probe(data).duration_ms)


def encode_pcm(pcm: bytes, rate: int) -> VoiceClip:
    """Raw mono 16-bit little-endian PCM (the app's microphone) → Ogg Opus."""
    import numpy as np

    if not 8_000 <= rate <= 192_000:
        raise VoiceError(f"Unsupported sample rate {rate} Hz.", key="voice_rate", rate=rate)
    return encode(np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2"), rate)


def encode_wav(data: bytes) -> VoiceClip:
    samples, rate = read_wav(data)
    return encode(samples, rate)


def decode(data: bytes) -> np.ndarray:
    """Ogg Opus bytes → mono int16 samples at OPUS_RATE (pre-skip already removed)."""
    import numpy as np

    av = _pyav()
    try:
        with av.open(io.BytesIO(data), "r") as container:
            if not container.streams.audio:
                raise VoiceError("No audio in this file.", key="voice_damaged")
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="s16", layout="mono", rate=OPUS_RATE)
            parts = []
            held = 0  # samples so far: summing the parts at every frame was quadratic
            for number, frame in enumerate(container.decode(stream)):
                for out in resampler.resample(frame):
                    parts.append(out.to_ndarray().reshape(-1))
                    held += parts[-1].size
                if held > MAX_VOICE_SECONDS * OPUS_RATE or number >= MAX_VOICE_FRAMES:
                    raise VoiceError(
                        "This voice message is too long.",
                        key="voice_too_long",
                        minutes=MAX_VOICE_SECONDS // 60,
                    )
            for out in resampler.resample(None):
                parts.append(out.to_ndarray().reshape(-1))
    except av.FFmpegError as exc:
        raise VoiceError(f"Not a voice message: {exc}", key="voice_damaged") from exc
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)


def probe(data: bytes) -> VoiceInfo:
    """Duration and waveform, from the decoded audio (never from what a sender claims)."""
    import numpy as np

    samples = decode(data)
    duration_ms = round(samples.size * 1000 / OPUS_RATE)
    if samples.size == 0:
        return VoiceInfo(0, (0,) * WAVEFORM_BARS)
    bars = np.array_split(np.abs(samples.astype(np.int32)), WAVEFORM_BARS)
    peak = max(1, int(np.abs(samples.astype(np.int32)).max()))
    wave_ = tuple(int(100 * (int(b.max()) if b.size else 0) / peak) for b in bars)
    return VoiceInfo(duration_ms, wave_)


def stored_voice(
    container: Container,
    message_id: MessageId,
    cache: dict[AttachmentId, VoiceInfo | None] | None = None,
) -> VoiceInfo | None:
    """The voice message attached to a message (decrypted into memory), or None."""
    for attachment in container.attachments.for_message(message_id):
        if is_voice(attachment.file_name) and attachment.state is AttachmentState.STORED:
            if cache is None:
                return _measure(container, attachment)
            if attachment.attachment_id not in cache:
                cache[attachment.attachment_id] = _measure(container, attachment)
            return cache[attachment.attachment_id]
    return None


def _measure(container: Container, attachment: Attachment) -> VoiceInfo | None:
    if attachment.size > MAX_VOICE_BYTES:
        return None
    data = b"".join(container.attachments.read_chunks(attachment.attachment_id))
    try:
        return probe(data)
    except VoiceError:
        return None


async def send_voice(
    messenger: Messenger, to: str, clip: VoiceClip, *, deliver: bool = True
) -> Message:
    """Send an encoded recording to a uid or conversation (stored first, then delivered)."""
    name = voice_name(messenger.s.clock().astimezone())
    return await messenger.send_bytes(to, name, clip.data, deliver=deliver)
