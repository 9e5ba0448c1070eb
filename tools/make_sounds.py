"""Write resources/sounds/*.wav: the urgent alarm and the call ring (run once; committed).

Two patterns a nurse tells apart without looking: urgent is three short, high,
rising beeps (1,050 → 1,400 Hz); a call is two longer, lower dual-tone rings
(440 + 480 Hz, like a telephone). 16-bit mono at 22,050 Hz, faded in and out so
they do not click; a few KB each.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
FADE_S = 0.01
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"


def tone(freqs: tuple[float, ...], seconds: float, volume: float = 0.45) -> list[float]:
    n = int(RATE * seconds)
    fade = int(RATE * FADE_S)
    out = []
    for i in range(n):
        envelope = min(1.0, i / fade, (n - 1 - i) / fade)
        value = sum(math.sin(2 * math.pi * f * i / RATE) for f in freqs) / len(freqs)
        out.append(volume * envelope * value)
    return out


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def write(name: str, samples: list[float]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT / name), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", round(s * 32767)) for s in samples))


def main() -> None:
    urgent: list[float] = []
    for freq in (1050.0, 1225.0, 1400.0):
        urgent += tone((freq,), 0.12) + silence(0.06)
    write("urgent.wav", urgent)
    ring = tone((440.0, 480.0), 0.4) + silence(0.2) + tone((440.0, 480.0), 0.4)
    write("ring.wav", ring)


if __name__ == "__main__":
    main()
