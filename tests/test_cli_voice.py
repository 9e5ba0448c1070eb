"""`wardlink client send-voice` through a real relay: the receiver's history gives the
duration measured from the audio (within 50 ms of the recording), and the decoded
audio it received correlates with what was recorded."""

from __future__ import annotations

import io
import json
import wave
from pathlib import Path

import numpy as np

from desktop_app.services.voice import OPUS_RATE, decode
from tests.cli_ward import enrolled
from tests.test_cli_message_path import ok

RATE = 16_000
SECONDS = 3.217


def recording() -> tuple[np.ndarray, bytes]:
    """A spoken-like test signal: two tones under a slow envelope, as 16-bit mono WAV."""
    t = np.arange(int(RATE * SECONDS)) / RATE
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 2.0 * t)
    signal = (
        9000 * envelope * (np.sin(2 * np.pi * 220 * t) + 0.5 * np.sin(2 * np.pi * 660 * t)) / 1.5
    ).astype(np.int16)
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(signal.tobytes())
    return signal, out.getvalue()


def test_voice_message_round_trip_keeps_duration_and_sound(tmp_path: Path) -> None:
    signal, wav_bytes = recording()
    wav_path = tmp_path / "aufnahme.wav"
    wav_path.write_bytes(wav_bytes)
    with enrolled(tmp_path) as people:
        anna, jonas = people["weber.anna"], people["mueller.jonas"]
        sent = ok("client", "--profile", str(anna), "send-voice", "mueller.jonas", str(wav_path))
        voice_id = sent.split()[1]
        (received,) = [
            json.loads(line)
            for line in ok("client", "--profile", str(jonas), "sync", "--json").splitlines()
        ]
        assert received["id"] == voice_id
        (attachment,) = received["attachments"]
        assert attachment["name"].endswith(".opus") and attachment["state"] == "stored"
        assert abs(received["duration_ms"] - SECONDS * 1000) <= 50
        history = ok(
            "client", "--profile", str(jonas), "history", received["conversation"], "--json"
        )
        assert json.loads(history.splitlines()[-1])["duration_ms"] == received["duration_ms"]

        saved = tmp_path / "received.opus"
        ok("client", "--profile", str(jonas), "save-attachment", voice_id, attachment["id"],
           str(saved))  # fmt: skip
    decoded = decode(saved.read_bytes()).astype(float)
    source = np.interp(np.arange(decoded.size) / OPUS_RATE, np.arange(signal.size) / RATE,
                       signal.astype(float))  # fmt: skip
    n = min(source.size, decoded.size)
    assert np.corrcoef(source[:n], decoded[:n])[0, 1] > 0.95
    assert abs(decoded.size / OPUS_RATE - SECONDS) < 0.05
