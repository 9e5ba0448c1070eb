"""Sound devices for call tests: a tone generator as microphone, a recorder as speaker."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtGui import QImage

from desktop_app.services.call_audio import SAMPLE_RATE
from desktop_app.services.call_camera import FrameBuffer, RgbFrame
from desktop_app.services.live_calls import CallAudio

LOOPBACK_ONLY = "127.0.0.1"  # policy call_interfaces in every call test


class ToneInput:
    """A sine at ``hz``, continuous across reads (any thread)."""

    def __init__(self, hz: float) -> None:
        self.hz = hz
        self._n = 0

    def read(self, samples: int) -> bytes:
        t = (np.arange(samples) + self._n) / SAMPLE_RATE
        self._n += samples
        return (0.5 * 32767 * np.sin(2 * np.pi * self.hz * t)).astype("<i2").tobytes()


class Recorder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data = bytearray()

    def write(self, pcm: bytes) -> None:
        with self._lock:
            self._data += pcm

    def samples(self) -> np.ndarray:
        with self._lock:
            return np.frombuffer(bytes(self._data), "<i2").astype(float)

    def seconds(self) -> float:
        with self._lock:
            return len(self._data) / 2 / SAMPLE_RATE

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


class FakeDevices:
    """``AudioDevices`` for tests: every call sends the tone and records what arrives."""

    def __init__(self, hz: float) -> None:
        self.microphone = ToneInput(hz)
        self.speaker = Recorder()
        self.opened = 0
        self.closed = 0
        self.chosen = (b"", b"")

    def open(self) -> CallAudio:
        self.opened += 1
        return CallAudio(self.microphone, self.speaker)

    def close(self) -> None:
        self.closed += 1

    def microphones(self) -> list[tuple[bytes, str]]:
        return [(b"usb-headset", "USB-Headset"), (b"webcam", "Webcam-Mikrofon")]

    def speakers(self) -> list[tuple[bytes, str]]:
        return [(b"usb-headset", "USB-Headset")]

    def choose(self, microphone: bytes, speaker: bytes) -> None:
        self.chosen = (microphone, speaker)


def dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / SAMPLE_RATE)[int(np.argmax(spectrum))])


def loudness(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


class FakeCamera:
    """``CameraDevices`` for tests: a solid colour (320x240) while started."""

    def __init__(self, colour: tuple[int, int, int], available: bool = True) -> None:
        self.buffer = FrameBuffer()
        self.colour = colour
        self.present = available
        self.started = 0
        self.chosen = b""

    def available(self) -> bool:
        return self.present

    def cameras(self) -> list[tuple[bytes, str]]:
        return [(b"usb-cam", "USB-Kamera"), (b"built-in", "Integrierte Kamera")]

    def choose(self, camera: bytes) -> None:
        self.chosen = camera

    def targets(self) -> list[tuple[bytes, str]]:
        """As a screen: the whole screen and two windows to share."""
        return [(b"", ""), (b"PACS Viewer", "PACS Viewer"), (b"Monitor 3B", "Monitor 3B")]

    def start(self) -> None:
        self.started += 1
        self.buffer.show(RgbFrame(320, 240, bytes(self.colour) * 320 * 240))

    def stop(self) -> None:
        self.buffer.clear()


def mean_colour(image: QImage) -> tuple[float, float, float]:
    """The mean RGB of a picture the call window paints."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), -1)
    pixels = rows[:, : rgb.width() * 3].reshape(-1, 3)
    red, green, blue = pixels.mean(axis=0)
    return float(red), float(green), float(blue)
