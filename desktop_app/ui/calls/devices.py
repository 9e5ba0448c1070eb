"""Sound devices of a call, behind a small interface so tests need no hardware.

``AudioDevices.open()`` gives one call's microphone and speaker as thread-safe PCM byte
pipes (48 kHz mono s16, services/call_audio.py); ``close()`` stops them. The real one
uses QtMultimedia's default input and output (QMediaDevices, QAudioSource/QAudioSink) in
the GUI thread, with a locked buffer each way that the services' loop thread reads and
fills. Tests pass a tone generator and a recorder instead (tests/ui/call_fakes.py).
"""

from __future__ import annotations

import threading
from typing import Final, Protocol

from PySide6.QtCore import QIODevice, QObject, QTimer
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QAudioSource, QMediaDevices

from desktop_app.services.call_audio import SAMPLE_BYTES, SAMPLE_RATE
from desktop_app.services.live_calls import CallAudio
from desktop_app.ui import media_calls

MAX_BUFFERED_MS: Final = 500  # more queued than this is latency, not sound: dropped
PUMP_MS: Final = 10


# A device choice: (id, what the person reads); id b"" is the system's default device.
Choice = tuple[bytes, str]


class AudioDevices(Protocol):
    def open(self) -> CallAudio: ...

    def close(self) -> None: ...

    def microphones(self) -> list[Choice]: ...

    def speakers(self) -> list[Choice]: ...

    def choose(self, microphone: bytes, speaker: bytes) -> None:
        """Use these from now on (also in a running call); b"": the default."""


class PcmPipe:
    """A bounded byte FIFO shared by the GUI thread and the loop thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data = bytearray()
        self._limit = SAMPLE_RATE * SAMPLE_BYTES * MAX_BUFFERED_MS // 1000

    def write(self, pcm: bytes) -> None:
        with self._lock:
            self._data += pcm
            extra = len(self._data) - self._limit
            if extra > 0:
                del self._data[: extra + extra % SAMPLE_BYTES]

    def take(self, size: int) -> bytes:
        with self._lock:
            out = bytes(self._data[:size])
            del self._data[:size]
        return out

    def read(self, samples: int) -> bytes:
        """Exactly ``samples`` samples, padded with silence (the microphone side)."""
        size = samples * SAMPLE_BYTES
        out = self.take(size)
        return out + bytes(size - len(out))


def call_format() -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(SAMPLE_RATE)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return fmt


class QtAudioDevices(QObject):
    """The PC's microphone and speaker (the system default unless one is chosen; the
    choice lasts as long as the app: a ward PC keeps its headset)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: QAudioSource | None = None
        self._sink: QAudioSink | None = None
        self._in: QIODevice | None = None
        self._out: QIODevice | None = None
        self._mic = PcmPipe()
        self._speaker = PcmPipe()
        self._pump = QTimer(self)
        self._pump.setInterval(PUMP_MS)
        self._pump.timeout.connect(self._move)
        self._chosen = (b"", b"")

    def microphones(self) -> list[Choice]:
        return [(bytes(d.id().data()), d.description()) for d in QMediaDevices.audioInputs()]

    def speakers(self) -> list[Choice]:
        return [(bytes(d.id().data()), d.description()) for d in QMediaDevices.audioOutputs()]

    def choose(self, microphone: bytes, speaker: bytes) -> None:
        self._chosen = (microphone, speaker)
        if self._pump.isActive():  # in a call: switch now, the pipes stay
            self._stop_devices()
            self._start_devices()

    def open(self) -> CallAudio:
        self.close()
        self._mic, self._speaker = PcmPipe(), PcmPipe()
        self._start_devices()
        self._pump.start()
        return CallAudio(self._mic, self._speaker)

    def _start_devices(self) -> None:
        fmt = call_format()
        microphone, speaker = self._chosen
        inputs = {bytes(d.id().data()): d for d in QMediaDevices.audioInputs()}
        source_device = inputs.get(microphone, QMediaDevices.defaultAudioInput())
        if not source_device.isNull():
            self._source = QAudioSource(source_device, fmt, self)
            self._in = self._source.start()
        outputs = {bytes(d.id().data()): d for d in QMediaDevices.audioOutputs()}
        sink_device = outputs.get(speaker, QMediaDevices.defaultAudioOutput())
        if not sink_device.isNull():
            self._sink = QAudioSink(sink_device, fmt, self)
            self._out = self._sink.start()

    def _move(self) -> None:
        if self._in is not None:
            data = self._in.readAll().data()
            if data:
                self._mic.write(bytes(data))
        if self._out is not None and self._sink is not None:
            free = self._sink.bytesFree()
            if free > 0:
                chunk = self._speaker.take(free - free % SAMPLE_BYTES)
                if chunk:
                    self._out.write(chunk)

    def close(self) -> None:
        self._pump.stop()
        self._stop_devices()

    def _stop_devices(self) -> None:
        for device in (self._source, self._sink):
            if device is not None:  # stopped by its destructor, from the event loop
                media_calls.retire_audio(device)
        self._source = self._sink = None
        self._in = self._out = None
