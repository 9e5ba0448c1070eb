"""Tiny embedded DICOM samples, one per compressed transfer syntax the viewer supports.

``wardlink --self-test`` decodes them inside the installed (frozen) app to prove that
every bundled codec is present and works: imagecodecs (JPEG, JPEG-LS, JPEG 2000,
HTJ2K), pylibjpeg-openjpeg (JPEG 2000, HTJ2K) and pylibjpeg-rle (RLE). A bundle that
lost a shared library fails here with a clear line instead of on a ward PC when the
first X-ray arrives.

Each sample is a 16 x 16 codestream (made once by tests/installer/codec_sample_maker.py
with encoders the app does not ship) wrapped here into a Part 10 file in memory. It is
decoded through the viewer's own path (``loading.load_image`` and
``pixels.decode_frame``), and once more by each bundled codec alone, and compared with
the closed formula in ``reference``: exactly for lossless syntaxes, within
``max_error`` for lossy ones.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydicom import uid
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.pixels.decoders.base import get_decoder

from desktop_app.medical.codecs import PLUGIN_LABEL, decoding_plugins, install_decoders
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.loading import LoadedImage, load_image
from desktop_app.medical.pixels import decode_frame

SIZE = 16
SC_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7"  # Secondary Capture Image Storage
_UID_ROOT = "1.2.826.0.1.3680043.8.498.4711."  # fixed UIDs: the samples never leave memory


class CodecCheckFailed(MedicalError):
    """A bundled codec is missing, or decoded a sample to the wrong pixels."""


_FAMILIES = (
    ("htj2k", "HTJ2K"),
    ("j2k", "JPEG 2000"),
    ("jpeg-ls", "JPEG-LS"),
    ("jpeg", "JPEG"),
    ("rle", "RLE"),
)


@dataclass(frozen=True, slots=True)
class CodecSample:
    key: str
    transfer_syntax: str
    bits_stored: int
    photometric: str = "MONOCHROME2"
    max_error: int = 0  # largest allowed |decoded - reference|; 0 for lossless

    @property
    def name(self) -> str:
        return uid.UID(self.transfer_syntax).name

    @property
    def family(self) -> str:
        """Short codec family for one-line reports: JPEG, JPEG-LS, JPEG 2000, HTJ2K, RLE."""
        return next(family for prefix, family in _FAMILIES if self.key.startswith(prefix))

    @property
    def samples_per_pixel(self) -> int:
        return 1 if self.photometric.startswith("MONOCHROME") else 3


SAMPLES: tuple[CodecSample, ...] = (
    CodecSample("jpeg-baseline", uid.JPEGBaseline8Bit, 8, max_error=12),
    CodecSample("jpeg-baseline-ybr", uid.JPEGBaseline8Bit, 8, "YBR_FULL_422", max_error=32),
    CodecSample("jpeg-extended-12", uid.JPEGExtended12Bit, 12, max_error=32),
    CodecSample("jpeg-lossless", uid.JPEGLossless, 12),
    CodecSample("jpeg-lossless-sv1", uid.JPEGLosslessSV1, 12),
    CodecSample("jpeg-ls", uid.JPEGLSLossless, 12),
    CodecSample("jpeg-ls-near", uid.JPEGLSNearLossless, 12, max_error=2),
    CodecSample("j2k-lossless", uid.JPEG2000Lossless, 12),
    CodecSample("j2k", uid.JPEG2000, 12, max_error=8),
    CodecSample("htj2k-lossless", uid.HTJ2KLossless, 12),
    CodecSample("htj2k-rpcl", uid.HTJ2KLosslessRPCL, 12),
    CodecSample("htj2k", uid.HTJ2K, 12, max_error=8),
    CodecSample("rle", uid.RLELossless, 12),
)

_J2K = {
    uid.JPEG2000Lossless,
    uid.JPEG2000,
    uid.HTJ2KLossless,
    uid.HTJ2KLosslessRPCL,
    uid.HTJ2K,
}

# Each codec package the installer bundles: the pydicom plugin it serves as, and the
# transfer syntaxes it must decode on its own.
BUNDLED_CODECS: dict[str, tuple[str, frozenset[str]]] = {
    "imagecodecs": (
        PLUGIN_LABEL,
        frozenset(s.transfer_syntax for s in SAMPLES if s.transfer_syntax != uid.RLELossless),
    ),
    "pylibjpeg-openjpeg": ("pylibjpeg", frozenset(_J2K)),
    "pylibjpeg-rle": ("pylibjpeg", frozenset({uid.RLELossless})),
}


def reference(sample: CodecSample) -> NDArray[Any]:
    """The pixels every sample encodes: smooth ramps with a bright 4 x 4 square."""
    y, x = np.mgrid[0:SIZE, 0:SIZE]
    out: NDArray[Any]
    if sample.samples_per_pixel == 3:
        out = np.stack([16 * x, 16 * y, np.full_like(x, 96)], axis=-1).astype(np.uint8)
        out[6:10, 6:10] = 240
        return out
    top = (1 << sample.bits_stored) - 1
    out = ((x * 15 + y * 8) * top // 360).astype(np.uint8 if top <= 255 else np.uint16)
    out[6:10, 6:10] = top * 15 // 16
    return out


def sample_file(sample: CodecSample) -> bytes:
    """The sample as a DICOM Part 10 file, built in memory."""
    sop = uid.UID(_UID_ROOT + str(SAMPLES.index(sample) + 1))
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = uid.UID(SC_SOP_CLASS)
    ds.file_meta.MediaStorageSOPInstanceUID = sop
    ds.file_meta.TransferSyntaxUID = uid.UID(sample.transfer_syntax)
    ds.file_meta.ImplementationClassUID = uid.UID(_UID_ROOT + "0")
    ds.SOPClassUID = SC_SOP_CLASS
    ds.SOPInstanceUID = sop
    ds.Modality = "OT"
    ds.PatientName = "Selftest^Codec"
    ds.Rows = ds.Columns = SIZE
    ds.SamplesPerPixel = sample.samples_per_pixel
    ds.PhotometricInterpretation = sample.photometric
    if sample.samples_per_pixel > 1:
        ds.PlanarConfiguration = 0
    ds.BitsAllocated = 8 if sample.bits_stored <= 8 else 16
    ds.BitsStored = sample.bits_stored
    ds.HighBit = sample.bits_stored - 1
    ds.PixelRepresentation = 0
    ds.PixelData = encapsulate([base64.b64decode(_STREAMS[sample.key])])
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _compare(sample: CodecSample, decoded: NDArray[Any], by: str) -> None:
    expected = reference(sample)
    if decoded.shape != expected.shape:
        raise CodecCheckFailed(
            f"{by} decoded {sample.name} to shape {decoded.shape}, expected {expected.shape}"
        )
    error = int(np.abs(decoded.astype(np.int32) - expected.astype(np.int32)).max())
    if error > sample.max_error:
        raise CodecCheckFailed(
            f"{by} decoded {sample.name} with pixel error {error} (allowed {sample.max_error})"
        )


def check_viewer_path(sample: CodecSample) -> None:
    """Decode through load_image + decode_frame, exactly as the viewer does."""
    try:
        decoded = decode_frame(load_image(sample_file(sample)))
    except MedicalError as exc:
        raise CodecCheckFailed(f"{sample.name}: {exc}") from exc
    _compare(sample, decoded, "the viewer")


def check_codec(codec: str) -> list[CodecSample]:
    """Decode every sample ``codec`` is responsible for with that codec alone."""
    plugin, syntaxes = BUNDLED_CODECS[codec]
    install_decoders()
    checked = []
    for sample in SAMPLES:
        if sample.transfer_syntax not in syntaxes:
            continue
        image: LoadedImage = load_image(sample_file(sample))
        if plugin not in decoding_plugins(sample.transfer_syntax):
            raise CodecCheckFailed(f"{codec} is not available for {sample.name}")
        try:
            decoded, _meta = get_decoder(sample.transfer_syntax).as_array(
                image.dataset, index=0, decoding_plugin=plugin
            )
        except Exception as exc:  # any codec failure is the finding
            raise CodecCheckFailed(f"{codec} cannot decode {sample.name}: {exc}") from exc
        _compare(sample, decoded, codec)
        checked.append(sample)
    return checked


# Made by tests/installer/codec_sample_maker.py; base64 of one codestream per sample.
_STREAMS: dict[str, str] = {
    "jpeg-baseline": (
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYG"
        "BwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/wAALCAAQABABAREA/8QAHwAAAQUBAQEBAQEAAAAA"
        "AAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEI"
        "I0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1"
        "dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi"
        "4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/APgP/gnR+yF49+Nvj3R/hj8MfC41PXNSEhsrI3MUHmCK"
        "F5n+eZkQYjjduWGcYGSQK/U74C/soeM/hH41k+HfxC8ODT9Y05oheWguIpvLLxrIvzxMyNlXU8E9eeci"
        "vmP/AIJ36N45+DfjjSPiP8NtSOm61p4kFnei1jl8sSxPC/ySqyHKSOvIOM5GCAa/U/8AZ+8M+L/in4wb"
        "x749vTf6tqBiN5dm2jj8woixr8saqowqqOAOlf/Z"
    ),
    "jpeg-baseline-ybr": (
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYG"
        "BwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/2wBDAQICAgICAgUDAwUKBwYHCgoKCgoKCgoKCgoK"
        "CgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgr/wAARCAAQABADASEAAhEBAxEB/8QA"
        "HwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIh"
        "MUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW"
        "V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXG"
        "x8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQF"
        "BgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAV"
        "YnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOE"
        "hYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq"
        "8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD4T/ZQ/wCCfnj744eP9M+F/wAL/CA1PXNTEv2GyNzDAJPKieZ/"
        "3kzIi4jjc/MwzjAySBX0vF+wH46+C3ju6+GfxK8JDTtb0wxfbbJbiKcR+ZEkqfPCzo2UdTwxxnBwQRX0"
        "/GPF0uWUubQ/cPo3cfxU6EefV6/db/NH0j+y58IPG/we8bad8RvhxdHTdZ04SCzvRaxymPzInif5ZFZT"
        "lHccg9cjnBr6X034NeM/i14zuPiD8Qrg6jrGoGM3l41rHGZNkaxr8saqowiKOAOnrX8r8Y8bVPZSpc/u"
        "3v8APbfc/i36N3H7aoLm2/W3+SP/2Q=="
    ),
    "jpeg-extended-12": (
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYG"
        "BwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/wQALDAAQABABAREA/8QAFQABAQAAAAAAAAAAAAAA"
        "AAAADA3/xAAiEAAABAcAAwEAAAAAAAAAAAAEBQYHAQIDCAkKCwwNFBX/2gAIAQEAAD8AAx+uhPELd9Pt"
        "qb5uHzmScxzWBCZKc3uSAqcQysxssH3JtSyFJwQrYtMrXgXFSZaO4p0ujif81CIBWnEJTQ6BzDIlUAQO"
        "AoeLBgxFT+4L/ig+5tyON1Bb88ToQ65wSwXMHjpNWvLbx7SAD9Ns79JAClggky4Kdpyq5sVCokocfWl1"
        "YQGEZis3GS0Ij4hhEaIoOID0TGfrvnDbvI8bvd5xIdHTm45HBeNvM9j4Kl6W2gXngLXm4daq34VyWtVL"
        "TLWnKlnLTaiS5n+kiF0qieMxgUipgsDWIoLEONDhRVCp/wDj9Wslt59Tfb8Ue+nvmXni79csl/pq2pld"
        "xdmPt4Qrc1V8KSqJTiFIKkydQJCRp0t+VNpgiL4Sl5aFlqwAwr1oVRFWtWqf/9k="
    ),
    "jpeg-lossless": (
        "/9j/4AAQSkZJRgABAQAAAQABAAD/wwALDAAQABABAREA/8QAGQABAAMBAQAAAAAAAAAAAAAACAAHCgsM"
        "/9oACAEBAAcAAPP/AKqVaqVarVSrVaqVaqVarVSrttBoNBoNBoNBoNBoNBoNBoNB22g0Gg0Gg0Gg0Gg0"
        "Gg0Gg0Gg7bQaDQaDQaDQaDQaDQaDQaDQdtoNBoNBoNBoNBoNBoNBoNBoO20Gg0Gg0Gg0Gg0Gg0Gg0Gg0"
        "HbaDQaDQaD9LD0R9+W53Img0Gg0Gg7bQaDQaDQfSXkmUFBoNBoNB22g0Gg0Gg+jTJMtyDQaDQaDttBoN"
        "BoNB9DySZnEGg0Gg0HbaDQaDQaDxN48co+ZtBoNBoNBoO20Gg0Gg0Gg0Gg0Gg0Gg0Gg0HbaDQaDQaDQa"
        "DQaDQaDQaDQaDttBoNBoNBoNBoNBoNBoNBoNB22g0Gg0Gg0Gg0Gg0Gg0Gg0Gg7bQaDQaDQaDQaDQaDQa"
        "DQaDQf8A/9k="
    ),
    "jpeg-lossless-sv1": (
        "/9j/4AAQSkZJRgABAQAAAQABAAD/wwALDAAQABABAREA/8QAGAABAQEBAQAAAAAAAAAAAAAACAcADAv/"
        "2gAIAQEAAQAA5/8AVSrVSrVaqVarVSrVSrVaqVdbVSrVSrVaqVarVSrVSrVaqVdbVSrVSrVaqVarVSrV"
        "SrVaqVdbVSrVSrVaqVarVSrVSrVaqVdbVSrVSrVaqVarVSrVSrVaqVdbVSrVSrVaqVarVSrVSrVaqVdb"
        "VSrVSrVfTEbbxzFUq1WqlXW1Uq1Uq1X0lu28idVKtVqpV1tVKtVKtV9GltvKCVSrVaqVdbVSrVSrVfQ7"
        "7by3VUq1WqlXW1Uq1Uq1WqlWq1Uq1Uq1WqlXW1Uq1Uq1WqlWq1Uq1Uq1WqlXW1Uq1Uq1WqlWq1Uq1Uq1"
        "WqlXW1Uq1Uq1WqlWq1Uq1Uq1WqlXW1Uq1Uq1WqlWq1Uq1Uq1WqlXW1Uq1Uq1WqlWq1Uq1Uq1WqlX/9k="
    ),
    "jpeg-ls": (
        "/9j/6AAgU1BJRkYAAgAAAQAAABAAAAAQChAGAQAAASwAAAEs/+gACAAAAAH/2P/3AAsQABAAEAEBEQD/"
        "+AANAf//ABIAQwEUAED/2gAIAQEAAAAAqp1VqnVPUdN03S9H0fQ1DUFPU9ltLaWlZVhV2s1Wo02k0Wgz"
        "2cltmsxlspksgjkYikQhkIgkB/S0/Pr49vTy8O7s6ujm5OLgrLe3NrY1tTS0M7OzMrKyMasMbExMLCwL"
        "68urq4trS05Vdy4bt2zYAAAAAAACI8sAIAgAACy1FNTUmspKSioqKW0AOlrQUFBQaqenp6cnJaQBstZy"
        "amprUTExMS0tWUAZWtatUqaapUpUqVYAAHjXBbqp1WpUqVDSUKFChQoTp06dOmTJkzRTJkyVKlSpUqVV"
        "RRRRoKKKKKKKKKJppppps9NNNNNJJJJJJJJJJnJJKUpSlKUpSUpZoP/Z"
    ),
    "jpeg-ls-near": (
        "/9j/6AAgU1BJRkYAAgAAAQAAABAAAAAQChAGAQAAASwAAAEs/+gACAAAAAH/2P/3AAsQABAAEAEBEQD/"
        "+AANAf//ABgATQEiAED/2gAIAQEAAgAAqHQ6Hh4eDhoKCg//dB+/5JJKSkpMWTFiwYMGD5BJEH333n3n"
        "nnnXXXXVJx1xxxtttptttpplSZZZYZZYYYXXXYe9Se973Oc5znNa1rFrGtawAAAAAAAAhysAgIAAe6qK"
        "KMVFE000mgHSWaiibFNNRNakgNo7UtbFa1LWooDKOlqUxUpSUqQAHlISqHRKSlTBSVKUpKkpUlSlYKqq"
        "qqqqqqisFVVVFVVRUVCCKio2m2mmQaaaTSTTT4D/2Q=="
    ),
    "j2k-lossless": (
        "/0//UQApAAAAAAAQAAAAEAAAAAAAAAAAAAAAEAAAABAAAAAAAAAAAAABDwEB/1IADAAAAAEAAQQEAAH/"
        "XAAHQICIiJD/ZAAlAAFDcmVhdGVkIGJ5IE9wZW5KUEVHIHZlcnNpb24gMi41LjT/kAAKAAAAAADWAAH/"
        "k9/4k3ASK2cWj4+hghf8ypByKfmglEknSlRsSULWYFTx+dtfyZmf2906QV+F3kEo28Bjpu26yUAR9f3D"
        "vIdfTj1VKzAe9ePC5VaoHxC3avc+Qhi0J7KqQOnWxGOcyzKoVKagAF/kz2gnQQj0IT9bArfun8B/JDAf"
        "yNwB+weARYD08YScsTbfzCC75+Pkgv8LvVfJDjagRr3gWdnoI6Q/KBQ1qW8picaRVHMC6d1i0a1tS8d/"
        "IVgkT1uLHoBitsIV9eFWW6GHB0G//9k="
    ),
    "j2k": (
        "/0//UQApAAAAAAAQAAAAEAAAAAAAAAAAAAAAEAAAABAAAAAAAAAAAAABDwEB/1IADAAAAAEAAQQEAAD/"
        "XAALQogkl9OX05di/2QAJQABQ3JlYXRlZCBieSBPcGVuSlBFRyB2ZXJzaW9uIDIuNS40/5AACgAAAAAB"
        "NAAB/5PP/EnQEVBUr4ExV1eCAwAnSUmsdlPJtFK/NdvqdnIoU6fHC+15nOdXC55OMsRQp9q4DVD1iZAK"
        "2EyFx9g072ImK7DaurL6J4Bk6sX2VSlxIIWYFbBa4xKDF4hDeg85xEuPm5j/VNkk/G03hU3ixMG/bVFU"
        "Y+pfkXHAP5Q4B/J9AD8yIEWA9PGEmu9e88IbVbfMzce1U1edQr1xgrZ2MlvOTjgVJWaNLEXBONmed6M7"
        "M/49B+QyHNjbnWJBuQJcmw4l4fo0CT8oFDWpbyslYGcge0bHSr6ZoomuLLKWqWSZPK00/F4FpabQXIl2"
        "j6mCiRAhaKnGh/dASaCDhlYyftk3etec5x5s3EmteWguk28R7Bfn03y4Fh91NceanIqttCdERfjBprz/"
        "2Q=="
    ),
    "htj2k-lossless": (
        "/0//UQApQAAAAAAQAAAAEAAAAAAAAAAAAAAAEAAAABAAAAAAAAAAAAABDwEB/1AACAACAAAACv9SAAwA"
        "AgABAAUEBEAB/1wAEyCIkJCQkJCQkJCQkJCQiIiI/2QAFwABT3BlbkpQSCBWZXIgMC4yNi4zLv+QAAoA"
        "AAAAAR0AAf+TwAAmC/YFB3QAAMAAE0AAE0AAEwDM/gMHdAAw+QMHdACo+wMHdADAABVQAAVUAAFU+rkp"
        "mYL6AMKUAPZR+1VD8ADDlACEpJnQKU4A45QAwAAW1AABbEAAFpgIsJghwJ8/kWwAFrehW1f89fcBIC9F"
        "EWh4AAgHCCKuM8glB8wewOxazFjB7BFoYTGWABDwEJKbZt0cb3H9CCXmIQG/mADAAC66AAF0sAALTAAA"
        "UFFx5PcAAOAYagEAUFFN5DpQ2BIAAFRUAAAAABXVkkbZJcWLBJpRGGFZHgAaCX4TFkM7BE1rTNDSaDQa"
        "jUb78QCEB79iEB7LKG8orMG8orIBbgRAxtsBEPPycAg/kFZB/KK7AP/Z"
    ),
    "htj2k-rpcl": (
        "/0//UQApQAAAAAAQAAAAEAAAAAAAAAAAAAAAEAAAABAAAAAAAAAAAAABDwEB/1AACAACAAAACv9SAAwA"
        "AgABAAUEBEAB/1wAEyCIkJCQkJCQkJCQkJCQiIiI/2QAFwABT3BlbkpQSCBWZXIgMC4yNi4zLv+QAAoA"
        "AAAAAR0AAf+TwAAmC/YFB3QAAMAAE0AAE0AAEwDM/gMHdAAw+QMHdACo+wMHdADAABVQAAVUAAFU+rkp"
        "mYL6AMKUAPZR+1VD8ADDlACEpJnQKU4A45QAwAAW1AABbEAAFpgIsJghwJ8/kWwAFrehW1f89fcBIC9F"
        "EWh4AAgHCCKuM8glB8wewOxazFjB7BFoYTGWABDwEJKbZt0cb3H9CCXmIQG/mADAAC66AAF0sAALTAAA"
        "UFFx5PcAAOAYagEAUFFN5DpQ2BIAAFRUAAAAABXVkkbZJcWLBJpRGGFZHgAaCX4TFkM7BE1rTNDSaDQa"
        "jUb78QCEB79iEB7LKG8orMG8orIBbgRAxtsBEPPycAg/kFZB/KK7AP/Z"
    ),
    "htj2k": (
        "/0//UQApQAAAAAAQAAAAEAAAAAAAAAAAAAAAEAAAABAAAAAAAAAAAAABDwEB/1AACAACAAAAKv9SAAwA"
        "AgABAAUEBEAA/1wAIyK3GLbqtuq2vK8ArwCu4qdMp0ynZJADkAOQRpfSl9KXYf9kABcAAU9wZW5KUEgg"
        "VmVyIDAuMjYuMy7/kAAKAAAAAAGIAAH/k8AAAThdcOAIB3QAAMAAAmgAAE0AAAmAMN8Eh3QAkPoEB3QA"
        "XPADh3QAwAAFVAAAVUAABVhlEJHo9b0A4pQARUC3T1leAOOUAGzCICEmlfEBA5QAwAAW7AABbkAAFsgu"
        "UnHJjNYjTGLZDx4uK8FCV8ENcP4Cl2IwgLG4ALSQ5BZ6I4kdThATcNVHZHX0dA0U9QEWiBAzlwAsjqzo"
        "vZbo8NWLRzF2CAPmg/IGLEQQM5cAwAAXpsAAF6VAABdOkhQxLAzs7KCgSEl1ANFyPQh5BSJYAnDs7KCg"
        "SCGFZERcJzjRiQKqKDliwc4OCoqUFMDFgHd2UFD+AwlO0ecKFoMHKAEUiEIjJ5CadAGMRVg2WIBY4Fh4"
        "mGBDQ4sIw1dWj+Ycpgl3YJFJAoTKITQhNFEgH84H54fz4Xw4H86H8+H8AZdgggEXSFiTwPjhEnA4MBvA"
        "hER2AZBXFHFf7jAx0jDhTIoDYkKeFXEOcHKIAPwABASCLgLIg4QCcrfeAP/Z"
    ),
    "rle": (
        "AgAAAEAAAACIAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAP8A/wEAAv8DAAT/BQAG/wcACP8JAAD/AQAC/wMABP8FAAb/BwAI/wkACgEAAf8CAAP/BAAF/wYA"
        "B/8IAAn/Cv8BAAL/AwAE/wUABv8HAAj/CQEKCwAB/wIAA/8EAAX/BgAH/wgACf8KAAsBAQL/AwAE/wUA"
        "Bv8HAAj/CQAK/wv/AgAD/wQABf0OAQgJ/woBCwwAAv8DAAT/Bf0O/wkACv8LAAwBAgP/BAEFBv0OAAn/"
        "CgAL/wz/AwAE/wUABv0OAQkK/wsBDA0AA/8EAAX/BgAH/wgACf8KAAv/DAANAQME/wUABv8HAAj/CQAK"
        "/wsADP8N/wQABf8GAAf/CAAJ/woAC/8MAQ0OAAT/BQAG/wcACP8JAAr/CwAM/w0ADgEEBf8GAAf/CAAJ"
        "/woAC/8MAA3/Dv8FAAb/BwAI/wkACv8LAAz/DQEODwAPAKpV/6pV/6pV/6pU/6pU/w9bBbBaBbBaBbBa"
        "Ba9aBa9aD7ZgC7VgC7VgC7VgCrVgCrUPEbtmELtmELtmELtlELtlEA9sFsFrFsFrFsFrFsBrFsBrD8dx"
        "HMZxHMZxHMZxG8ZxG8YFIsx3Icx3/f8FzHYhzHYhBX0n0nwn0v3/BSfRfCfRfAXYgi3Xgi39/wWCLNeC"
        "LNcFM92IMt2I/f8F3Ycy3YcyD4444404440444044o044o0P6ZM+6JM+6JM+6JM96JM96A9E7plD7plD"
        "7plD7phD7phDD59J9J5J9J5J9J5J855J854P+qRP+aRP+aRP+aRO+aRO+Q9V/6pU/6pU/6pU/6lU/6lU"
    ),
}
