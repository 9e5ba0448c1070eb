"""The QtMultimedia device layer of calls without sound hardware, and its byte pipes."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.services.call_audio import FRAME_SAMPLES, SAMPLE_BYTES, SAMPLE_RATE
from desktop_app.ui.calls.devices import MAX_BUFFERED_MS, PcmPipe, QtAudioDevices, call_format


def test_a_pipe_pads_the_microphone_with_silence_and_drops_old_sound() -> None:
    pipe = PcmPipe()
    pipe.write(b"\x01\x00" * 10)
    got = pipe.read(FRAME_SAMPLES)
    assert len(got) == FRAME_SAMPLES * SAMPLE_BYTES
    assert got[:20] == b"\x01\x00" * 10 and set(got[20:]) == {0}
    limit = SAMPLE_RATE * SAMPLE_BYTES * MAX_BUFFERED_MS // 1000
    pipe.write(b"\x02\x00" * limit)  # a stalled speaker: latency is capped, not grown
    pipe.write(b"\x03\x00" * 5)
    kept = pipe.take(10 * limit)
    assert len(kept) == limit and kept.endswith(b"\x03\x00" * 5)


def test_qt_devices_open_and_close_on_a_pc_without_sound_hardware(qtbot: QtBot) -> None:
    fmt = call_format()
    assert (fmt.sampleRate(), fmt.channelCount(), fmt.bytesPerSample()) == (
        SAMPLE_RATE,
        1,
        SAMPLE_BYTES,
    )
    devices = QtAudioDevices()
    audio = devices.open()
    qtbot.wait(50)  # the pump runs once or more
    assert len(audio.microphone.read(FRAME_SAMPLES)) == FRAME_SAMPLES * SAMPLE_BYTES
    audio.speaker.write(bytes(FRAME_SAMPLES * SAMPLE_BYTES))
    devices.close()
    devices.close()  # twice is harmless (hang-up after a failure)
