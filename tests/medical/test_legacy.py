"""Old archive files without preamble and file meta open when their first elements look
like a data set; random or damaged bytes are still refused cleanly."""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from pydicom import dcmwrite

from desktop_app.medical.documents import ObjectKind, identify
from desktop_app.medical.errors import MedicalError, NotDicom
from desktop_app.medical.legacy import looks_like_legacy_dicom
from desktop_app.medical.loading import load_image
from tests.medical.generators import make_dx


def legacy_bytes(*, implicit: bool = True) -> bytes:
    ds = make_dx(64, 48)
    del ds.file_meta  # ACR-NEMA style: no preamble, no file meta
    buffer = io.BytesIO()
    dcmwrite(buffer, ds, implicit_vr=implicit, little_endian=True, enforce_file_format=False)
    data = buffer.getvalue()
    assert b"DICM" not in data[:200]
    return data


@pytest.mark.parametrize("implicit", [True, False], ids=["implicit", "explicit"])
def test_a_file_without_preamble_opens_with_its_pixels(implicit: bool) -> None:
    data = legacy_bytes(implicit=implicit)
    assert identify(data) is ObjectKind.IMAGE
    image = load_image(data)
    assert (image.header.rows, image.header.columns) == (64, 48)
    assert np.array_equal(image.dataset.pixel_array, make_dx(64, 48).pixel_array)


def test_random_bytes_are_not_taken_for_a_legacy_file() -> None:
    rnd = random.Random(7)
    taken = 0
    for _ in range(20_000):
        blob = rnd.randbytes(256)
        taken += looks_like_legacy_dicom(blob, len(blob))
    assert taken == 0


@pytest.mark.parametrize(
    "data",
    [
        b"\x08\x00\x16\x00" + b"\xff\xff\xff\x7f" + b"x" * 40,  # length beyond the file
        b"\x08\x00\x18\x00\x02\x00\x00\x00ab\x08\x00\x16\x00\x02\x00\x00\x00ab" * 2,  # order
        b"\x10\x00\x10\x00\x04\x00\x00\x00Demo" * 3,  # starts with patient data
    ],
    ids=["length", "order", "group"],
)
def test_implausible_headers_are_refused_as_not_dicom(data: bytes) -> None:
    with pytest.raises(NotDicom):
        load_image(data)


def test_a_cut_legacy_file_gives_a_clear_error() -> None:
    data = legacy_bytes()
    with pytest.raises(MedicalError) as raised:
        load_image(data[: len(data) // 2])
    assert str(raised.value)
