"""DecodeWorker: real spawn-context process pool, real multi-frame files."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from pydicom import uid

from desktop_app.medical.errors import CorruptImage, NotDicom, UnsupportedCompression
from desktop_app.medical.geometry import CalibrationKind
from desktop_app.medical.worker import DecodeWorker
from tests.medical import generators
from tests.medical.conftest import shipped

TIMEOUT = 60


@pytest.fixture(scope="module")
def worker() -> Iterator[DecodeWorker]:
    with DecodeWorker(processes=1, max_size=2048) as w:
        w.warm_up()
        yield w


def test_multiframe_jpeg_lossless_frames_and_decode_ahead(
    worker: DecodeWorker, tmp_path: Path
) -> None:
    ds = generators.compressed(generators.make_multiframe(frames=6), uid.JPEGLosslessSV1)
    path = tmp_path / "cine.dcm"
    ds.save_as(path, enforce_file_format=True)
    first = worker.decode(path, 0).result(TIMEOUT)
    assert first.frames == 6
    ahead = worker.decode_ahead(path, start=0, count=3, frames=first.frames)
    assert [f.result(TIMEOUT).frame for f in ahead] == [1, 2, 3]
    for k, future in enumerate(ahead, start=1):
        pixels = future.result(TIMEOUT).display.pixels
        assert pixels[0, 0] == 100 * k and pixels[63, 47] == 100 * k + 63
    # a repeated request is served by the same future
    assert worker.decode(path, 2) is ahead[1]
    assert worker.decode_ahead(path, start=5, count=1, frames=6)[0].result(TIMEOUT).frame == 0


def test_shipped_multiframe_rle_from_bytes(worker: DecodeWorker) -> None:
    data = shipped("SC_rgb_rle_2frame.dcm").read_bytes()
    frames = [worker.decode(data, k).result(TIMEOUT) for k in range(2)]
    assert frames[0].display.kind == "rgb"
    assert frames[0].display.pixels[5, 50].tolist() == [255, 0, 0]
    assert frames[1].display.pixels[5, 50].tolist() == [0, 255, 255]  # second frame inverted


def test_full_size_dx_in_worker(worker: DecodeWorker) -> None:
    data = generators.to_bytes(generators.compressed(generators.make_dx(), uid.JPEGLSLossless))
    decoded = worker.decode(data).result(TIMEOUT)
    assert decoded.display.pixels.shape == (1500, 1250)
    assert decoded.spacing.kind is CalibrationKind.MAGNIFICATION_CORRECTED
    assert np.array_equal(
        decoded.display.pixels[:2, :3], [[1, 3, 5], [5, 7, 9]]
    )  # 2x2 block means of (x + 2y)


def test_errors_cross_the_process_boundary_typed(worker: DecodeWorker) -> None:
    with pytest.raises(NotDicom):
        worker.decode(b"not a dicom file at all" * 10).result(TIMEOUT)
    ds = generators.make_dx(8, 8)
    ds.file_meta.TransferSyntaxUID = uid.MPEG2MPML
    ds.PixelData = generators.compressed(generators.make_dx(8, 8), uid.RLELossless).PixelData
    with pytest.raises(UnsupportedCompression) as caught:
        worker.decode(generators.to_bytes(ds)).result(TIMEOUT)
    assert str(caught.value) == "unsupported compression: MPEG2 Main Profile / Main Level"
    with pytest.raises(CorruptImage, match="cut short"):
        worker.decode(shipped("MR_truncated.dcm")).result(TIMEOUT)


def test_worker_death_is_reported_and_recovered() -> None:
    data = shipped("MR_small.dcm").read_bytes()
    with DecodeWorker(processes=1) as worker:
        worker.warm_up()
        for pid in worker.process_ids():
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        try:
            first = worker.decode(data).result(TIMEOUT)
            assert first.display.pixels[0, 0] == 905
        except CorruptImage as exc:
            assert "crashed" in str(exc)
        # whatever happened to that request, the worker serves the next one
        assert (
            worker.decode(shipped("MR_small_RLE.dcm")).result(TIMEOUT).display.pixels[0, 0] == 905
        )
