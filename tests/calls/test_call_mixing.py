"""Group call sound on one PC (services/call_mixing.py): one microphone read once per
frame for every leg, and the peers' voices summed into one speaker."""

from __future__ import annotations

import numpy as np

from desktop_app.services.call_audio import FRAME_SAMPLES, SAMPLE_BYTES, SAMPLE_RATE
from desktop_app.services.call_mixing import (
    KEPT_FRAMES,
    RELEASE_MS,
    AudioMixer,
    SharedMicrophone,
)


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


def test_the_mixer_sums_the_peers_limits_and_knows_who_speaks() -> None:
    speaker = Speaker()
    mixer = AudioMixer(speaker)
    mixer.lane("anna").write(_frame(20_000))
    mixer.lane("jonas").write(_frame(20_000))
    mixer.lane("mia").write(_frame(100)[:FRAME_SAMPLES])  # half a frame, quiet
    mixed = np.frombuffer(mixer.mix_once(), "<i2")
    assert 32000 < mixed.max() <= 32767 and mixed.min() > 0  # turned down, not wrapped
    assert len(speaker.written[0]) == FRAME_SAMPLES * SAMPLE_BYTES
    assert mixer.speaking() == {"anna", "jonas"}
    silent = np.frombuffer(mixer.mix_once(), "<i2")  # nothing queued: silence
    assert not silent.any() and mixer.speaking() == set()


def _tone(hz: float, frame: int, amplitude: float = 0.6) -> bytes:
    t = (np.arange(FRAME_SAMPLES) + frame * FRAME_SAMPLES) / SAMPLE_RATE
    return (amplitude * 32767 * np.sin(2 * np.pi * hz * t)).astype("<i2").tobytes()


def _strength(pcm: np.ndarray, hz: float) -> float:
    spectrum = np.abs(np.fft.rfft(pcm * np.hanning(len(pcm))))
    freqs = np.fft.rfftfreq(len(pcm), 1 / SAMPLE_RATE)
    return float(spectrum[np.abs(freqs - hz) < 5].max())


def test_two_loud_voices_together_are_turned_down_not_clipped_into_a_third_tone() -> None:
    """Hard clipping of 660 Hz + 880 Hz adds 440 Hz (2 x 660 - 880), which a listener
    hears as a voice nobody has (and a test takes for the wrong speaker)."""
    mixer = AudioMixer(Speaker())
    frames = []
    for n in range(50):  # one second, both speaking at 60 % of full scale
        mixer.lane("mia").write(_tone(660, n))
        mixer.lane("jonas").write(_tone(880, n))
        frames.append(np.frombuffer(mixer.mix_once(), "<i2").astype(float))
    mixed = np.concatenate(frames[5:])  # the limiter has settled
    voices = min(_strength(mixed, 660), _strength(mixed, 880))
    for product in (440, 1100, 220):  # 2f1 - f2, 2f2 - f1, f2 - f1
        assert _strength(mixed, product) < voices / 300, product


def test_after_a_loud_moment_a_quiet_voice_comes_back_to_full_level() -> None:
    mixer = AudioMixer(Speaker())
    mixer.lane("anna").write(_frame(30_000))
    mixer.lane("jonas").write(_frame(30_000))
    loud = np.frombuffer(mixer.mix_once(), "<i2")
    assert loud.max() <= 32767 and loud.min() > 30_000  # the sum turned down to fit
    levels = []
    for _ in range(RELEASE_MS // 20 + 2):
        mixer.lane("anna").write(_frame(1_000))
        levels.append(int(np.frombuffer(mixer.mix_once(), "<i2")[-1]))
    assert levels[0] < 1_000  # not at once: no jump in loudness
    assert levels == sorted(levels) and levels[-1] == 1_000  # back to her own level
