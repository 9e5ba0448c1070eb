"""Every transfer syntax shipped with pydicom (and generated ones) decodes to the reference."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread, uid
from pydicom.pixels.decoders.base import get_decoder

from desktop_app.medical.errors import UnsupportedCompression
from desktop_app.medical.loading import load_image
from desktop_app.medical.pixels import decode_frame
from tests.medical import generators
from tests.medical.conftest import shipped


def frame(source: Path | bytes, index: int = 0) -> np.ndarray:
    return decode_frame(load_image(source), index)


MR_VARIANTS = [
    "MR_small_implicit.dcm",  # Implicit VR Little Endian
    "MR_small_bigendian.dcm",  # Explicit VR Big Endian
    "MR_small_expb.dcm",
    "MR_small_RLE.dcm",  # RLE Lossless
    "MR_small_jp2klossless.dcm",  # JPEG 2000 Lossless
    "MR_small_jpeg_ls_lossless.dcm",  # JPEG-LS Lossless
    "MR_small_padded.dcm",
]


@pytest.mark.parametrize("name", MR_VARIANTS)
def test_mr_variants_match_uncompressed_reference(name: str) -> None:
    reference = frame(shipped("MR_small.dcm"))
    assert reference[0, :5].tolist() == [905, 1019, 1227, 1259, 761]
    assert np.array_equal(frame(shipped(name)), reference)


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("rtdose_rle.dcm", "rtdose.dcm"),
        ("rtdose_expb.dcm", "rtdose.dcm"),
        ("liver_expb_1frame.dcm", "liver_1frame.dcm"),
        ("SC_rgb_small_odd_big_endian.dcm", "SC_rgb_small_odd.dcm"),
    ],
)
def test_pairs_match(name: str, reference: str) -> None:
    assert np.array_equal(frame(shipped(name)), frame(shipped(reference)))


def test_rgb_small_odd_golden() -> None:
    rgb = frame(shipped("SC_rgb_small_odd.dcm"))
    assert rgb[0, 0].tolist() == [166, 141, 52]
    assert rgb[1, 2].tolist() == [63, 87, 176]


# SC_rgb pattern: ten horizontal stripes, 10 rows each.
STRIPES = [
    (255, 0, 0), (255, 128, 128), (0, 255, 0), (128, 255, 128), (0, 0, 255),
    (128, 128, 255), (0, 0, 0), (64, 64, 64), (192, 192, 192), (255, 255, 255),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "tolerance"),
    [
        ("SC_rgb_rle.dcm", 0),  # RLE
        ("SC_rgb_jpeg_gdcm.dcm", 0),  # JPEG Lossless SV1, RGB
        ("SC_rgb_gdcm_KY.dcm", 0),  # JPEG 2000, RGB
        ("SC_rgb_dcmtk_+eb+cr.dcm", 0),  # JPEG baseline, RGB, no transform
        ("SC_rgb_jpeg_dcmtk.dcm", 8),  # JPEG baseline, YBR_FULL
        ("SC_rgb_dcmtk_+eb+cy+np.dcm", 8),  # JPEG baseline, YBR_FULL_422
        ("SC_rgb_dcmtk_+eb+cy+s2.dcm", 8),
        ("SC_rgb_jpeg_lossy_gdcm.dcm", 8),
        ("SC_rgb_jls_lossy_line.dcm", 8),  # JPEG-LS near-lossless, colour
        ("SC_rgb_jls_lossy_sample.dcm", 8),
        ("SC_rgb_rle_2frame.dcm", 0),
    ],
)
def test_colour_stripes(name: str, tolerance: int) -> None:
    rgb = frame(shipped(name)).astype(int)
    for k, colour in enumerate(STRIPES):
        assert np.abs(rgb[10 * k + 5, 50] - np.array(colour)).max() <= tolerance, (k, name)


def test_rgb_16bit_rle_second_frame_is_inverse() -> None:
    path = shipped("SC_rgb_rle_16bit_2frame.dcm")
    first, second = frame(path, 0), frame(path, 1)
    assert first[5, 50].tolist() == [65535, 0, 0]
    assert second[5, 50].tolist() == [0, 65535, 65535]


def test_ybr_full_422_uncompressed_converted_to_rgb() -> None:
    rgb = frame(shipped("SC_ybr_full_422_uncompressed.dcm")).astype(int)
    assert np.abs(rgb[5, 50] - np.array(STRIPES[0])).max() <= 3
    assert np.abs(rgb[95, 50] - np.array(STRIPES[9])).max() <= 3


def test_deflated_matches_pydicom_and_golden_values() -> None:
    path = shipped("image_dfl.dcm")
    arr = frame(path)
    assert arr[0, :5].tolist() == [213] * 5
    assert int(arr.sum()) == 33322688
    assert np.array_equal(arr, dcmread(path).pixel_array)


@pytest.mark.parametrize("name", ["JPGExtended.dcm", "JPEG-lossy.dcm"])
def test_jpeg_extended_12bit(name: str) -> None:
    # GDCM and Pillow refuse 12-bit JPEG Extended; golden values from pydicom's
    # pixels reference (JPGE_16_12_1_0_1F_M2, decoded there by pylibjpeg-libjpeg).
    arr = frame(shipped(name))
    assert arr.shape == (1024, 256) and arr.dtype == np.uint16
    assert arr[420, 140] == 244 and arr[230, 120] == 95


def test_jpeg2000_signed_ct() -> None:
    arr = frame(shipped("693_J2KI.dcm"))
    assert arr.dtype == np.int16
    assert int(arr.min()) < 0  # signed CT values survive


@pytest.mark.parametrize(
    "ts",
    [
        uid.RLELossless,
        uid.JPEGLosslessSV1,
        uid.JPEGLSLossless,
        uid.JPEG2000Lossless,
        uid.HTJ2KLossless,
    ],
)
def test_generated_dx_lossless_roundtrip(ts: str) -> None:
    ds = generators.make_dx(300, 250)
    data = generators.to_bytes(generators.compressed(ds, ts))
    img = load_image(data)
    assert img.header.transfer_syntax == ts
    arr = decode_frame(img)
    assert np.array_equal(arr, generators.dx_pixels(300, 250))
    assert arr[150, 150] == 4000 and arr[0, 7] == 7 and arr[10, 3] == 23


def test_generated_multiframe_jpeg_lossless_every_frame() -> None:
    ds = generators.make_multiframe(frames=5)
    img = load_image(generators.to_bytes(generators.compressed(ds, uid.JPEGLosslessSV1)))
    for k in range(5):
        arr = decode_frame(img, k)
        assert arr[0, 0] == 100 * k and arr[63, 47] == 100 * k + 63


def test_unknown_compression_has_clear_message() -> None:
    ds = generators.make_dx(8, 8)
    ds.file_meta.TransferSyntaxUID = uid.MPEG2MPML
    ds.PixelData = generators.compressed(generators.make_dx(8, 8), uid.RLELossless).PixelData
    with pytest.raises(UnsupportedCompression) as caught:
        load_image(generators.to_bytes(ds))
    assert str(caught.value) == "unsupported compression: MPEG2 Main Profile / Main Level"


@pytest.mark.parametrize(
    "name",
    [
        "693_J2KI.dcm",  # signed, irreversible
        "J2K_pixelrep_mismatch.dcm",  # unsigned codestream, signed DICOM, 13 bits stored
        "GDCMJ2K_TextGBR.dcm",  # JP2 header inside DICOM, YBR_RCT
        "examples_jpeg2k.dcm",  # YBR_RCT colour
        "JPEG2000.dcm",
        "MR_small_jp2klossless.dcm",
        "SC_rgb_gdcm_KY.dcm",
    ],
)
def test_jpeg2000_imagecodecs_matches_pylibjpeg_openjpeg(name: str) -> None:
    img = load_image(shipped(name))
    reference, _ = get_decoder(img.header.transfer_syntax).as_array(
        img.dataset, decoding_plugin="pylibjpeg"
    )
    assert np.array_equal(frame(shipped(name)), reference)


def test_j2k_sign_extension_golden() -> None:
    arr = frame(shipped("J2K_pixelrep_mismatch.dcm"))
    assert arr.dtype == np.int16 and int(arr.min()) == -2000 and int(arr.max()) == 1896
