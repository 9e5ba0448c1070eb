"""Calls between enrolled people on a real relay, over loopback only."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path

import numpy as np

from desktop_app.services.call_network import CallNetwork
from desktop_app.services.calls import CallEvent, Calls
from desktop_app.services.errors import UnknownRecipient
from tests.services.conftest import Person, make_ward, relay_dir

LOOPBACK = CallNetwork(interfaces=("127.0.0.1",))
RATE = 48_000
SHOWN_WAIT_S = 30  # an upper bound for one text on a loaded box, not a speed claim


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


async def shown_after(sender: Phone, cid: str, victim: Phone, text: str) -> None:
    """``sender`` sends ``text`` in ``cid`` and we wait until ``victim`` shows it: one
    sender device's envelopes are handled in order, so whatever that device sent before
    (a forged signal) has been handled by then; an absence asserted after this is real."""
    async with sender.calls.lock:  # its receive pump shares the ratchets
        await sender.person.messenger.send_text(cid, text)
    await until_shown(victim, cid, text)


async def until_shown(victim: Phone, cid: str, text: str) -> None:
    """Wait until ``victim`` shows ``text`` in ``cid`` (it fails after SHOWN_WAIT_S)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SHOWN_WAIT_S
    while text not in _bodies(victim, cid):
        assert loop.time() < deadline, f"{text!r} never arrived"
        await asyncio.sleep(0.1)


def _bodies(phone: Phone, cid: str) -> list[str]:
    try:
        return [m.body for m in phone.person.messenger.history(cid)]
    except UnknownRecipient:  # the conversation has not arrived yet either
        return []


__all__ = ["make_ward", "relay_dir", "shown_after", "until_shown"]
