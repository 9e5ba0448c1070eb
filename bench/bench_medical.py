"""Medical decoding benchmark: open -> first paint, W/L re-render, UI stalls, ECG decode.

Every figure is measured beside a baseline in the same run (plain pydicom decode, and
pydicom's float pipeline apply_modality_lut + apply_voi_lut) and reported as a ratio.
Timings are medians of a few repeats; nothing is asserted. "raw pydicom decode" uses
whichever plugin pydicom tries first (GDCM when python-gdcm is installed, else
pylibjpeg), so that column depends on the environment. Our ECG decode is slower than
pydicom's waveform_array because loading converts and length-checks every element of
the file (the hostile-file guard) and reads all annotations. Goals from issue 6:
<= 300 ms first paint uncompressed, <= 16 ms per W/L frame, no UI stall > 50 ms,
ECG <= 50 ms.
"""

from __future__ import annotations

import copy
import io
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import imagecodecs
import numpy as np
from pydicom import dcmread, uid
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate
from pydicom.pixels.decoders.base import get_decoder
from pydicom.pixels.processing import apply_modality_lut, apply_voi_lut

from desktop_app.medical.codecs import install_decoders
from desktop_app.medical.display import first_display, render
from desktop_app.medical.ecg import load_ecg
from desktop_app.medical.greyscale import VoiFunction, Window, apply_lut, build_lut
from desktop_app.medical.loading import load_image
from desktop_app.medical.pixels import decode_frame
from desktop_app.medical.worker import DecodeWorker

SIZE = 3000
REPEATS = 3


def _timed(action: Callable[[], Any], repeats: int = REPEATS) -> float:
    """Median wall time in ms."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _dx_dataset() -> tuple[Dataset, np.ndarray]:
    """3000x3000 12-bit DX, MONOCHROME1, two presets; smooth anatomy-like field + noise."""
    from tests.medical.generators import make_dx

    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32) / SIZE
    field = 1800 + 900 * np.sin(6 * x) * np.cos(4 * y) + 600 * np.exp(-((x - 0.5) ** 2) * 20)
    pixels = (field + rng.normal(0, 25, field.shape)).clip(0, 4095).astype(np.uint16)
    ds = make_dx(8, 8)
    ds.Rows = ds.Columns = SIZE
    ds.PixelData = pixels.tobytes()
    return ds, pixels


def _encoded(ds: Dataset, pixels: np.ndarray, ts: str) -> bytes:
    out = copy.deepcopy(ds)
    out.file_meta.TransferSyntaxUID = ts
    if ts == uid.JPEGLosslessSV1:
        frame = imagecodecs.jpeg8_encode(pixels, lossless=True, predictor=1, bitspersample=12)
    elif ts == uid.JPEGLSLossless:
        frame = imagecodecs.jpegls_encode(pixels)
    elif ts == uid.JPEG2000Lossless:
        frame = imagecodecs.jpeg2k_encode(pixels, codecformat="J2K", reversible=True, level=0)
    elif ts == uid.HTJ2KLossless:
        frame = imagecodecs.htj2k_encode(pixels, reversible=True)
    else:
        frame = None
    if frame is not None:
        out.PixelData = encapsulate([bytes(frame)])
        out["PixelData"].VR = "OB"
        out["PixelData"].is_undefined_length = True
    buffer = io.BytesIO()
    out.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _pydicom_decode(data: bytes) -> np.ndarray:
    return dcmread(io.BytesIO(data)).pixel_array


def _pydicom_first_paint(data: bytes) -> np.ndarray:
    ds = dcmread(io.BytesIO(data))
    values = apply_voi_lut(apply_modality_lut(ds.pixel_array, ds), ds)
    return (values / 4095.0 * 255.0).astype(np.uint8)


def _ours_first_paint(data: bytes) -> np.ndarray:
    return first_display(load_image(data))[1]


def _max_stall(action: Callable[[], Any]) -> tuple[float, float]:
    """(action ms, longest gap in ms seen by a 2 ms ticker thread) -- a UI stand-in."""
    gaps: list[float] = []
    stop = threading.Event()

    def tick() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(0.002)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.02)
    start = time.perf_counter()
    action()
    took = (time.perf_counter() - start) * 1000
    stop.set()
    ticker.join()
    return took, max(gaps) * 1000


def _row(name: str, ours: float | None, base: float | None, note: str = "") -> str:
    o = f"{ours:9.1f}" if ours is not None else "      n/a"
    b = f"{base:9.1f}" if base is not None else "      n/a"
    ratio = f"{base / ours:7.1f}x" if ours and base else "     - "
    return f"{name:<44} {o} {b} {ratio}  {note}"


def _bench_images(lines: list[str]) -> dict[str, bytes]:
    ds, pixels = _dx_dataset()
    files = {
        "uncompressed": _encoded(ds, pixels, uid.ExplicitVRLittleEndian),
        "JPEG lossless SV1": _encoded(ds, pixels, uid.JPEGLosslessSV1),
        "JPEG-LS lossless": _encoded(ds, pixels, uid.JPEGLSLossless),
        "JPEG 2000 lossless": _encoded(ds, pixels, uid.JPEG2000Lossless),
        "HTJ2K lossless": _encoded(ds, pixels, uid.HTJ2KLossless),
    }
    lines.append("open -> first display-ready uint8 frame (3000x3000 12-bit DX):")
    for name, data in files.items():
        assert np.array_equal(decode_frame(load_image(data)), pixels)
        ours = _timed(lambda data=data: _ours_first_paint(data))
        try:
            base: float | None = _timed(lambda data=data: _pydicom_first_paint(data))
            raw: float | None = _timed(lambda data=data: _pydicom_decode(data))
            note = f"raw pydicom decode {raw:.0f} ms"
        except Exception as exc:  # pydicom without a plugin for this syntax
            base, note = None, f"pydicom alone: {type(exc).__name__}"
        lines.append(_row(f"  {name} ({len(data) >> 20} MiB)", ours, base, note))
    return files


def _bench_window_level(lines: list[str], data: bytes) -> None:
    img = load_image(data)
    source, _ = first_display(img)
    full = decode_frame(img)
    ds = img.dataset
    windows = [Window(1000 + 50 * k, 800 + 20 * k, VoiFunction.LINEAR) for k in range(8)]
    k = iter(range(10**6))

    def ours_display() -> None:
        render(source, windows[next(k) % len(windows)])

    def ours_full() -> None:
        w = windows[next(k) % len(windows)]
        apply_lut(full, build_lut(source.chain, full.dtype, w))

    def pydicom_full() -> None:
        w = windows[next(k) % len(windows)]
        ds.WindowCenter, ds.WindowWidth = w.center, w.width
        apply_voi_lut(apply_modality_lut(full, ds), ds)

    lines.append("window/level re-render per frame:")
    base = _timed(pydicom_full, 5)
    display_ms = _timed(ours_display, 10)
    shape = "x".join(str(v) for v in source.pixels.shape)
    lines.append(_row(f"  LUT on display copy ({shape})", display_ms, base, "vs pydicom float"))
    lines.append(_row("  LUT on full 3000x3000", _timed(ours_full, 5), base, "vs pydicom float"))


def _bench_stalls(lines: list[str], files: dict[str, bytes]) -> None:
    lines.append("longest UI-thread stall during a compressed decode (2 ms ticker):")
    with DecodeWorker(processes=1) as worker:
        worker.warm_up()
        for name in ("JPEG lossless SV1", "JPEG 2000 lossless"):
            data = files[name]
            took, stall = _max_stall(lambda data=data: decode_frame(load_image(data)))
            lines.append(f"  {name:<26} in-process  {took:7.1f} ms, stall {stall:6.1f} ms")
            took, stall = _max_stall(lambda data=data: worker.decode(data).result(60))
            lines.append(f"  {name:<26} DecodeWorker {took:6.1f} ms, stall {stall:6.1f} ms")


def _bench_codecs(lines: list[str], files: dict[str, bytes]) -> None:
    """Every installed pydicom plugin on the same frame: the codec choice in codecs.py."""
    install_decoders()
    lines.append("decoder plugins on the 3000x3000 frame (decode ms, longest GIL stall ms):")
    for name in ("JPEG lossless SV1", "JPEG-LS lossless", "JPEG 2000 lossless"):
        ds = dcmread(io.BytesIO(files[name]))
        decoder = get_decoder(ds.file_meta.TransferSyntaxUID)
        results = []
        for plugin in decoder.available_plugins:
            try:
                took, stall = min(
                    _max_stall(lambda p=plugin, d=decoder, ds=ds: d.as_array(ds, decoding_plugin=p))
                    for _ in range(2)
                )
                results.append(f"{plugin} {took:.0f}/{stall:.0f}")
            except Exception as exc:
                results.append(f"{plugin} failed ({type(exc).__name__})")
        lines.append(f"  {name:<22} " + ", ".join(results))


def _bench_ecg(lines: list[str]) -> None:
    from tests.medical.ecg_generator import make_ecg

    buffer = io.BytesIO()
    make_ecg().save_as(buffer, enforce_file_format=True)
    lines.append("ECG decode to mV (all groups, annotations):")
    for name, data in (
        ("generated 12-lead 10 s @500 Hz", buffer.getvalue()),
        ("pydicom waveform_ecg.dcm", Path(str(get_testdata_file("waveform_ecg.dcm"))).read_bytes()),
    ):
        ds = dcmread(io.BytesIO(data))

        def baseline(data: bytes = data) -> None:
            ds = dcmread(io.BytesIO(data))
            for i in range(len(ds.WaveformSequence)):
                ds.waveform_array(i)

        lines.append(
            _row(
                f"  {name}",
                _timed(lambda data=data: load_ecg(data), 5),
                _timed(baseline, 5),
                "vs pydicom waveform_array",
            )
        )
        del ds


def main(argv: list[str]) -> None:
    lines = [
        "bench_medical",
        f"{'':<44} {'ours ms':>9} {'base ms':>9} {'speedup':>8}",
    ]
    files = _bench_images(lines)
    _bench_window_level(lines, files["uncompressed"])
    _bench_stalls(lines, files)
    _bench_codecs(lines, files)
    _bench_ecg(lines)
    print("\n".join(lines))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
