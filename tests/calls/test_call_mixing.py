"""Group call sound on one PC (services/call_mixing.py): one microphone read once per
frame for every leg, and the peers' voices summed into one speaker."""

from __future__ import annotations

import numpy as np

from desktop_app.services.call_audio import FRAME_SAMPLES, SAMPLE_BYTES
from desktop_app.services.call_mixing import KEPT_FRAMES, AudioMixer, SharedMicrophone


class CountingMic:
    def __init__(self) -> None:
        self.reads = 0

    def read(self, samples: int) -> bytes:
        self.reads += 1
        return np.full(samples, self.reads, "<i2").tobytes()


class Speaker:
    def __init__(self) -> None:
        self.written: list[bytes] = []

    def write(self, pcm: bytes) -> None:
        self.written.append(pcm)


def _frame(value: int) -> bytes:
    return np.full(FRAME_SAMPLES, value, "<i2").tobytes()


def test_every_leg_gets_the_same_frames_and_the_device_is_read_once_per_frame() -> None:
    mic = CountingMic()
    shared = SharedMicrophone(mic)
    legs = [shared.reader() for _ in range(5)]
    for n in range(1, 4):
        frames = {leg.read(FRAME_SAMPLES) for leg in legs}
        assert frames == {_frame(n)}
    assert mic.reads == 3
    late = shared.reader()  # a leg that joins now starts with the next frame
    assert late.read(FRAME_SAMPLES) == _frame(4)


def test_a_leg_far_behind_skips_ahead_instead_of_hearing_old_sound() -> None:
    mic = CountingMic()
    shared = SharedMicrophone(mic)
    slow, fast = shared.reader(), shared.reader()
    for _ in range(KEPT_FRAMES + 10):
        fast.read(FRAME_SAMPLES)
    assert slow.read(FRAME_SAMPLES) == _frame(11)  # the oldest kept, not frame 1


def test_the_mixer_sums_the_peers_clips_and_knows_who_speaks() -> None:
    speaker = Speaker()
    mixer = AudioMixer(speaker)
    mixer.lane("anna").write(_frame(20_000))
    mixer.lane("jonas").write(_frame(20_000))
    mixer.lane("mia").write(_frame(100)[:FRAME_SAMPLES])  # half a frame, quiet
    mixed = np.frombuffer(mixer.mix_once(), "<i2")
    assert mixed.max() == 32767 and mixed.min() > 0  # clipped, not wrapped around
    assert len(speaker.written[0]) == FRAME_SAMPLES * SAMPLE_BYTES
    assert mixer.speaking() == {"anna", "jonas"}
    silent = np.frombuffer(mixer.mix_once(), "<i2")  # nothing queued: silence
    assert not silent.any() and mixer.speaking() == set()
