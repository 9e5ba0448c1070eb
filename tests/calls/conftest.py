"""Calls between enrolled people on a real relay, over loopback only."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path

import numpy as np

from desktop_app.services.call_network import CallNetwork
from desktop_app.services.calls import CallEvent, Calls
from tests.services.conftest import Person, make_ward, relay_dir

LOOPBACK = CallNetwork(interfaces=("127.0.0.1",))
RATE = 48_000


def tone(path: Path, hz: float, seconds: float = 4.0) -> Path:
    t = np.arange(int(RATE * seconds)) / RATE
    samples = (0.5 * 32767 * np.sin(2 * np.pi * hz * t)).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.tobytes())
    return path


def dominant_hz(path: Path) -> float:
    """The strongest frequency of a recording (its first channel), skipping the start."""
    with wave.open(str(path), "rb") as w:
        rate, channels = w.getframerate(), w.getnchannels()
        data = np.frombuffer(w.readframes(w.getnframes()), "<i2")
    mono = data[::channels].astype(float)[rate // 4 :]
    assert len(mono) > rate // 2, "less than half a second of audio was recorded"
    spectrum = np.abs(np.fft.rfft(mono * np.hanning(len(mono))))
    return float(np.fft.rfftfreq(len(mono), 1 / rate)[int(np.argmax(spectrum))])


class Phone:
    """One person's call engine with its receive pump running."""

    def __init__(self, person: Person, network: CallNetwork = LOOPBACK) -> None:
        self.person = person
        self.events: list[CallEvent] = []
        self.calls = Calls(person.messenger, network, on_event=self.events.append)
        self._pump = asyncio.create_task(self.calls.pump())

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    async def close(self) -> None:
        await self.calls.close()
        # Python 3.11's asyncio.wait_for can swallow a cancellation that meets a reply
        # (a frame arriving while we close), leaving the pump waiting: cancel until done.
        while not self._pump.done():
            self._pump.cancel()
            await asyncio.wait([self._pump], timeout=1)
        await asyncio.gather(self._pump, return_exceptions=True)


__all__ = ["make_ward", "relay_dir"]
