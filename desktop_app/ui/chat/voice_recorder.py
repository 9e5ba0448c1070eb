"""Recording a voice message in the composer (issue 13): click the microphone to start,
click again to send, Esc cancels. Audio is collected in memory as mono 16-bit PCM and
handed to the services, which encode it to Opus; nothing is written to disk.

The input is an ``AudioInput`` so tests (and PCs without a microphone) can supply their
own; the real one wraps QAudioSource on the default input device."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QElapsedTimer, QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

from desktop_app.ui import media_calls

RECORD_RATE = 48_000
MAX_RECORD_MS = 15 * 60 * 1000  # services/voice.py MAX_VOICE_SECONDS: stops and sends
TICK_MS = 200  # how often the elapsed time is shown


class NoMicrophone(OSError):
    """The PC has no input device to record from."""


class AudioInput(Protocol):
    rate: int

    def start(self, on_data: Callable[[bytes], None]) -> None: ...
    def stop(self) -> None: ...


class MicrophoneInput:
    """The default microphone through QAudioSource (push mode, into memory)."""

    rate = RECORD_RATE

    def __init__(self) -> None:
        self._source: QAudioSource | None = None
        self._device: QIODevice | None = None

    def start(self, on_data: Callable[[bytes], None]) -> None:
        fmt = QAudioFormat()
        fmt.setSampleRate(self.rate)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        device = QMediaDevices.defaultAudioInput()
        if device.isNull():
            raise NoMicrophone("no default audio input device")
        self._source = QAudioSource(device, fmt)
        self._device = self._source.start()
        stream = self._device
        stream.readyRead.connect(lambda: on_data(bytes(stream.readAll().data())))

    def stop(self) -> None:
        if self._source is not None:  # stopped by its destructor, from the event loop
            media_calls.retire_audio(self._source)
        self._source = self._device = None


class VoiceRecorder(QObject):
    recorded = Signal(bytes, int)  # mono 16-bit PCM, sample rate
    elapsed = Signal(int)  # ms while recording
    state_changed = Signal(bool)  # recording now?
    failed = Signal(str)

    def __init__(
        self, make_input: Callable[[], AudioInput] = MicrophoneInput, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.make_input = make_input
        self._input: AudioInput | None = None
        self._chunks: list[bytes] = []
        self._clock = QElapsedTimer()
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._on_tick)

    @property
    def recording(self) -> bool:
        return self._input is not None

    def toggle(self) -> None:
        if self.recording:
            self.finish()
        else:
            self.start()

    def start(self) -> None:
        source = self.make_input()
        self._chunks = []
        try:
            source.start(self._chunks.append)
        except NoMicrophone:
            self.failed.emit(self.tr("No microphone was found on this PC; connect one, or ask IT."))
            return
        except OSError as exc:  # the OS's words for IT
            self.failed.emit(
                self.tr(
                    "The microphone cannot be used right now; try again, or ask IT. (%1)"
                ).replace("%1", exc.strerror or str(exc) or type(exc).__name__)
            )
            return
        self._input = source
        self._clock.start()
        self._tick.start()
        self.state_changed.emit(True)

    def finish(self) -> None:
        """Stop and hand the recording over (it is sent)."""
        source = self._end()
        if source is None:
            return
        pcm = b"".join(self._chunks)
        self._chunks = []
        if pcm:
            self.recorded.emit(pcm, source.rate)

    def cancel(self) -> None:
        """Esc: stop and throw the recording away."""
        self._end()
        self._chunks = []

    def _end(self) -> AudioInput | None:
        source, self._input = self._input, None
        self._tick.stop()
        if source is not None:
            source.stop()
            self.state_changed.emit(False)
        return source

    def _on_tick(self) -> None:
        ms = self._clock.elapsed()
        self.elapsed.emit(ms)
        if ms >= MAX_RECORD_MS:
            self.finish()
