"""The numbers behind the demo's clinical samples: a chest phantom and ECG traces.

Closed formulas and a seeded random generator, so every machine makes the same
picture and the same traces. numpy only; ``medical.samples`` wraps them as DICOM.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

ECG_LEADS: Final = ("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6")
ECG_RATE_HZ: Final = 500.0
ECG_SECONDS: Final = 10.0
ECG_HEART_RATE: Final = 72.0

# Wave amplitudes in mV (P, Q, R, S, T) of a normal adult resting ECG: leads I and II
# and the chest leads; III, aVR, aVL and aVF follow from I and II (Einthoven, Goldberger).
_WAVES: Final = {
    "I": (0.08, -0.04, 0.65, -0.10, 0.20),
    "II": (0.15, -0.06, 1.10, -0.15, 0.30),
    "V1": (0.06, 0.0, 0.20, -0.95, -0.08),
    "V2": (0.08, 0.0, 0.40, -1.20, 0.35),
    "V3": (0.08, 0.0, 0.80, -0.80, 0.45),
    "V4": (0.08, -0.05, 1.35, -0.45, 0.45),
    "V5": (0.08, -0.07, 1.40, -0.20, 0.38),
    "V6": (0.07, -0.06, 1.10, -0.10, 0.30),
}
# Centre and width (s) of each wave relative to the R peak: PR 160 ms, QRS 90 ms, QT 380 ms.
_WAVE_TIMES: Final = ((-0.160, 0.025), (-0.028, 0.008), (0.0, 0.011), (0.030, 0.009),
                      (0.250, 0.045))  # fmt: skip


# ---- chest X-ray ---------------------------------------------------------------------


Grid = NDArray[np.floating[Any]]


def _inside(d: Grid, softness: float) -> Grid:
    """1 well inside a shape (``d`` < 1), 0 outside, with a soft edge."""
    out: Grid = (0.5 - 0.5 * np.tanh((d - 1.0) / (2.0 * softness))).astype(np.float32)
    return out


def _ellipse(u: Grid, v: Grid, cu: float, cv: float, ru: float, rv: float) -> Grid:
    out: Grid = np.sqrt(((u - cu) / ru) ** 2 + ((v - cv) / rv) ** 2)
    return out


def _band(distance: Grid, half_width: float) -> Grid:
    out: Grid = np.exp(-((distance / half_width) ** 2))
    return out


def _smooth_noise(rows: int, columns: int, cell: int, rng: np.random.Generator) -> Grid:
    """Noise that varies over about ``cell`` pixels (coarse grid, bilinear upsampling)."""
    coarse = rng.normal(0.0, 1.0, (rows // cell + 2, columns // cell + 2)).astype(np.float32)
    y = np.arange(rows, dtype=np.float32) / cell
    x = np.arange(columns, dtype=np.float32) / cell
    y0, x0 = y.astype(int), x.astype(int)
    fy, fx = (y - y0)[:, None], (x - x0)[None, :]
    top = coarse[y0][:, x0] * (1 - fx) + coarse[y0][:, x0 + 1] * fx
    bottom = coarse[y0 + 1][:, x0] * (1 - fx) + coarse[y0 + 1][:, x0 + 1] * fx
    out: Grid = top * (1 - fy) + bottom * fy
    return out


def chest_attenuation(rows: int, columns: int, seed: int = 3) -> Grid:
    """A PA chest as relative attenuation in 0..1: air and lungs dark, bone bright.

    ``u`` runs from -1 (image left = the patient's right) to 1 across, ``v`` from 0
    (top) to 1 down. Shapes: torso with sloping shoulders, two lungs over diaphragm
    domes, the heart to the patient's left, mediastinum with trachea, spine,
    clavicles, posterior ribs, lung markings, and a little quantum noise.
    """
    rng = np.random.default_rng(seed)
    v = (np.arange(rows, dtype=np.float32) / (rows - 1))[:, None]
    u = (np.arange(columns, dtype=np.float32) / (columns - 1) * 2 - 1)[None, :]
    shoulder_top = 0.05 + 0.10 * u**2
    torso = _inside(np.abs(u) / (0.80 + 0.08 * np.sqrt(v)), 0.015) * _inside(
        shoulder_top / (v + 1e-3), 0.03
    )
    neck = _inside(np.abs(u) / np.float32(0.17), 0.04) * (v < 0.15)
    body = np.maximum(torso, neck)
    image: Grid = 0.07 + 0.43 * body + 0.08 * v * body  # soft tissue thickens towards the abdomen

    lungs = np.zeros((rows, columns), np.float32)
    for side, dome_top in ((-1.0, 0.70), (1.0, 0.73)):  # right hemidiaphragm a bit higher
        cu = side * 0.36
        shape = _inside(_ellipse(u, v, cu, 0.52, 0.27, 0.46), 0.04)
        dome = _inside((v + 0.3) / (dome_top + 0.3 + 0.10 * ((u - cu) / 0.27) ** 2), 0.01)
        lungs = np.maximum(lungs, shape * dome)
    heart = _inside(_ellipse(u, v, 0.13, 0.64, 0.30, 0.17), 0.05)
    mediastinum = _inside(np.abs(u - 0.01) / np.float32(0.13), 0.06) * (v > 0.08)
    lungs *= 1.0 - np.maximum(heart, mediastinum)
    markings = _smooth_noise(rows, columns, max(rows // 60, 2), rng)
    for side in (-1.0, 1.0):  # vessels fan out from the hila and fade to the periphery
        radius = np.hypot(u - side * 0.16, v - 0.46)
        angle = np.arctan2(v - 0.46, (u - side * 0.16) * side)
        vessels = (0.5 + 0.5 * np.cos(angle * 11.0 + 4.0 * np.sin(radius * 7.0))) ** 6
        markings += 1.5 * vessels * np.exp(-radius / 0.18)
    image -= lungs * (0.32 - 0.025 * markings)

    trachea = _inside(_ellipse(u, v, 0.0, 0.20, 0.035, 0.17), 0.15)
    image -= 0.08 * trachea
    spine = _inside(np.abs(u) / np.float32(0.055), 0.08) * body
    image += 0.08 * spine * (0.9 + 0.1 * np.cos(v * 2 * np.pi * 17.0))
    patient_side = np.sign(u)
    outward = np.clip(np.abs(u) - 0.06, 0.0, None)
    # Clavicles: from the sternum up and out to the shoulders.
    clavicle = 0.17 - 0.12 * outward + 0.15 * (outward - 0.25) ** 2
    image += 0.14 * _band(v - clavicle, 0.012) * (outward > 0) * (outward < 0.55)
    # Posterior ribs, ten a side: nearly level at the spine, curving down laterally.
    curve = 0.06 * outward + 0.30 * outward**2 + 0.004 * patient_side
    position = (v - 0.11 - curve) / 0.064
    index = np.rint(position)
    rib = _band((position - index) * 0.064, 0.011)
    reach = _inside(outward / np.float32(0.72), 0.04) * (outward > 0.01)
    image += 0.06 * rib * (index >= 0) * (index < 10) * reach
    image += 0.10 * _inside(_ellipse(u, v, 0.0, 1.05, 0.8, 0.25), 0.05) * body  # abdomen
    image += rng.normal(0.0, 0.006, image.shape).astype(np.float32)
    out: Grid = np.clip(image, 0.0, 1.0)
    return out


# ---- resting ECG ---------------------------------------------------------------------


def _beat_times(seconds: float, heart_rate: float) -> NDArray[np.float64]:
    """R peak times of a sinus rhythm with a gentle respiratory variation (about 5 %)."""
    times: list[float] = []
    t = 0.35
    mean_rr = 60.0 / heart_rate
    while t < seconds - 0.3:
        times.append(t)
        t += mean_rr * (1.0 + 0.05 * np.sin(2 * np.pi * t / 4.0))
    return np.array(times)


def _wave_sum(
    waves: tuple[float, float, float, float, float],
    t: NDArray[np.float64],
    peaks: NDArray[np.float64],
) -> NDArray[np.float64]:
    """One lead in mV: each beat is P, Q, R, S and T as Gaussian bumps around its R peak."""
    out = np.zeros_like(t)
    for amplitude, (centre, width) in zip(waves, _WAVE_TIMES, strict=True):
        if amplitude:
            offsets = (t[None, :] - peaks[:, None] - centre) / width
            out += amplitude * np.exp(-0.5 * offsets**2).sum(axis=0)
    return out


def resting_ecg_mv(seed: int = 7) -> dict[str, NDArray[np.float64]]:
    """The twelve leads in mV, 10 s at 500 Hz, with slight baseline wander and noise."""
    t = np.arange(int(ECG_SECONDS * ECG_RATE_HZ)) / ECG_RATE_HZ
    peaks = _beat_times(ECG_SECONDS, ECG_HEART_RATE)
    rng = np.random.default_rng(seed)
    leads = {name: _wave_sum(waves, t, peaks) for name, waves in _WAVES.items()}
    wander = 0.04 * np.sin(2 * np.pi * 0.22 * t + 0.4)  # breathing moves the limb leads
    lead_i, lead_ii = leads["I"] + wander, leads["II"] + 1.3 * wander
    leads |= {
        "I": lead_i,
        "II": lead_ii,
        "III": lead_ii - lead_i,
        "aVR": -(lead_i + lead_ii) / 2,
        "aVL": lead_i - lead_ii / 2,
        "aVF": lead_ii - lead_i / 2,
    }
    return {name: leads[name] + rng.normal(0.0, 0.008, t.shape) for name in ECG_LEADS}
