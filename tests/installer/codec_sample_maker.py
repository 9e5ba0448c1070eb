"""Make the codestreams embedded in desktop_app/medical/codec_samples.py.

    .venv/bin/python -m tests.installer.codec_sample_maker > /tmp/streams.py

prints the ``_STREAMS`` dict; paste it over the one in codec_samples.py. The encoders
(imagecodecs, pydicom's RLE) are needed only here: the self-test must decode samples
that were made elsewhere, or a bundle with a broken codec could pass by encoding and
decoding its own mistakes.
"""

from __future__ import annotations

import base64
import textwrap
from typing import Any

import imagecodecs
import numpy as np
from numpy.typing import NDArray
from pydicom import uid
from pydicom.dataset import Dataset
from pydicom.encaps import generate_frames

from desktop_app.medical.codec_samples import SAMPLES, CodecSample, reference


def encode(sample: CodecSample, arr: NDArray[Any]) -> bytes:
    ts = sample.transfer_syntax
    bits = sample.bits_stored
    if ts == uid.JPEGBaseline8Bit:
        if sample.photometric == "YBR_FULL_422":
            return bytes(imagecodecs.jpeg8_encode(arr, level=95, subsampling="422"))
        return bytes(imagecodecs.jpeg8_encode(arr, level=95))
    if ts == uid.JPEGExtended12Bit:
        return bytes(imagecodecs.jpeg8_encode(arr, level=95, bitspersample=bits))
    if ts == uid.JPEGLossless:
        return bytes(imagecodecs.jpeg8_encode(arr, lossless=True, predictor=7, bitspersample=bits))
    if ts == uid.JPEGLosslessSV1:
        return bytes(imagecodecs.jpeg8_encode(arr, lossless=True, predictor=1, bitspersample=bits))
    if ts == uid.JPEGLSLossless:
        return bytes(imagecodecs.jpegls_encode(arr))
    if ts == uid.JPEGLSNearLossless:
        return bytes(imagecodecs.jpegls_encode(arr, level=2))
    if ts == uid.JPEG2000Lossless:
        return bytes(imagecodecs.jpeg2k_encode(arr, codecformat="J2K", reversible=True, level=0))
    if ts == uid.JPEG2000:
        return bytes(imagecodecs.jpeg2k_encode(arr, codecformat="J2K", reversible=False))
    if ts in (uid.HTJ2KLossless, uid.HTJ2KLosslessRPCL):
        return bytes(imagecodecs.htj2k_encode(arr, reversible=True))
    if ts == uid.HTJ2K:
        return bytes(imagecodecs.htj2k_encode(arr, reversible=False))
    if ts == uid.RLELossless:
        ds = Dataset()
        ds.Rows, ds.Columns = arr.shape[:2]
        ds.SamplesPerPixel = 1 if arr.ndim == 2 else arr.shape[2]
        ds.PhotometricInterpretation = sample.photometric
        ds.BitsAllocated = 16 if bits > 8 else 8
        ds.BitsStored = bits
        ds.HighBit = bits - 1
        ds.PixelRepresentation = 0
        if ds.SamplesPerPixel > 1:
            ds.PlanarConfiguration = 0
        ds.compress(uid.RLELossless, arr, encoding_plugin="pydicom")
        return next(generate_frames(ds.PixelData, number_of_frames=1))
    raise ValueError(f"no encoder for {ts}")


def main() -> None:
    print("_STREAMS: dict[str, str] = {")
    for sample in SAMPLES:
        arr = reference(sample)
        if sample.photometric.startswith("YBR"):
            arr = arr.astype(np.uint8)
        text = base64.b64encode(encode(sample, arr)).decode()
        print(f"    {sample.key!r}: (")
        for line in textwrap.wrap(text, 80):
            print(f'        "{line}"')
        print("    ),")
    print("}")


if __name__ == "__main__":
    main()
