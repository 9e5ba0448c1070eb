"""Broken and hostile files: a MedicalError subclass, a clear message, bounded memory."""

from __future__ import annotations

import random
import tracemalloc
import zlib
from collections.abc import Callable

import pytest
from pydicom import uid

from desktop_app.medical.display import first_display
from desktop_app.medical.documents import ObjectKind, identify
from desktop_app.medical.errors import CorruptImage, MedicalError, NotDicom, TooLarge
from desktop_app.medical.key_image import is_key_image
from desktop_app.medical.loading import load_image
from desktop_app.medical.presentation_state import is_presentation_state
from tests.medical import generators
from tests.medical.conftest import shipped

MEMORY_LIMIT = 64 << 20  # every case here works on files below 1 MB


def open_and_paint(data: bytes) -> None:
    first_display(load_image(data))


def peak_memory(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def valid_files() -> dict[str, bytes]:
    dx = generators.make_dx(96, 80)
    files = {"native": generators.to_bytes(dx)}
    for ts in (uid.RLELossless, uid.JPEGLosslessSV1, uid.JPEGLSLossless, uid.JPEG2000Lossless):
        files[uid.UID(ts).name] = generators.to_bytes(generators.compressed(dx, ts))
    files["deflated"] = shipped("image_dfl.dcm").read_bytes()
    files["jpeg-ybr"] = shipped("SC_rgb_jpeg_dcmtk.dcm").read_bytes()
    return files


VALID = valid_files()


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_files_open(name: str) -> None:
    open_and_paint(VALID[name])


@pytest.mark.parametrize("name", sorted(VALID))
def test_truncated_files_raise_medical_error(name: str) -> None:
    data = VALID[name]
    for cut in (0, 1, 64, 128, 131, 132, 140, 200, 300, len(data) // 2, len(data) - 300):
        if not 0 <= cut < len(data) - 8:
            continue

        def attempt(cut: int = cut) -> None:
            with pytest.raises(MedicalError) as caught:
                open_and_paint(data[:cut])
            assert str(caught.value), f"empty message at cut {cut}"

        assert peak_memory(attempt) < MEMORY_LIMIT


@pytest.mark.parametrize("name", sorted(VALID))
def test_bit_flipped_files_never_escape_as_other_exceptions(name: str) -> None:
    data = VALID[name]
    rng = random.Random(f"flip-{name}")
    outcomes: dict[str, int] = {}
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.choice((1, 4, 16))):
            pos = rng.randrange(128, len(damaged))  # the preamble is ignored by design
            damaged[pos] ^= 1 << rng.randrange(8)

        def attempt(damaged: bytes = bytes(damaged)) -> None:
            try:
                open_and_paint(damaged)
                outcomes["ok"] = outcomes.get("ok", 0) + 1
            except MedicalError as exc:
                assert str(exc)
                outcomes[type(exc).__name__] = outcomes.get(type(exc).__name__, 0) + 1

        assert peak_memory(attempt) < MEMORY_LIMIT
    assert sum(outcomes.values()) == 60


@pytest.mark.parametrize(
    "data",
    [b"", b"hello world", b"\x89PNG\r\n\x1a\n" + b"\0" * 400, bytes(range(256)) * 4],
    ids=["empty", "text", "png", "noise"],
)
def test_not_dicom(data: bytes) -> None:
    with pytest.raises(NotDicom):
        load_image(data)


def test_declared_60_gb_refused_before_allocation() -> None:
    ds = generators.make_dx(8, 8)
    ds.Rows, ds.Columns, ds.NumberOfFrames = 4096, 4096, 1900  # 32 MiB x 1900 = 59.4 GiB
    data = generators.to_bytes(ds)

    def attempt() -> None:
        with pytest.raises(TooLarge, match=r"59\.4 GiB exceeds .*MAX_PIXEL_BYTES"):
            load_image(data)

    assert peak_memory(attempt) < 1 << 20


def test_absurd_frame_dimensions_refused() -> None:
    ds = generators.make_dx(8, 8)
    ds.Rows = ds.Columns = 65535
    with pytest.raises(TooLarge, match="MAX_FRAME_BYTES"):
        load_image(generators.to_bytes(ds))


@pytest.mark.parametrize(
    ("keyword", "value", "message"),
    [
        ("Rows", 0, "no pixels"),
        ("BitsAllocated", 12, "BitsAllocated 12"),
        ("SamplesPerPixel", 4, "SamplesPerPixel 4"),
        ("BitsStored", 17, "BitsStored 17"),
    ],
)
def test_inconsistent_header(keyword: str, value: int, message: str) -> None:
    ds = generators.make_dx(8, 8)
    setattr(ds, keyword, value)
    with pytest.raises(CorruptImage, match=message):
        load_image(generators.to_bytes(ds))


def test_jpeg_codestream_larger_than_header_is_refused() -> None:
    small = generators.make_dx(16, 16)
    big = generators.compressed(generators.make_dx(64, 64), uid.JPEGLosslessSV1)
    small.file_meta.TransferSyntaxUID = uid.JPEGLosslessSV1
    small.PixelData = big.PixelData
    small["PixelData"].VR = "OB"
    small["PixelData"].is_undefined_length = True
    with pytest.raises(CorruptImage, match="claims 64 x 64"):
        open_and_paint(generators.to_bytes(small))


def test_zip_bomb_in_deflated_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.medical import limits

    data = shipped("image_dfl.dcm").read_bytes()  # inflates to ~260 KB
    monkeypatch.setattr(limits, "MAX_INFLATED_BYTES", 100_000)
    with pytest.raises(TooLarge, match="MAX_INFLATED_BYTES"):
        load_image(data)


def test_truncated_shipped_file() -> None:
    with pytest.raises(CorruptImage, match="cut short"):
        load_image(shipped("MR_truncated.dcm"))


def test_broken_ecg_corpus() -> None:
    from desktop_app.medical.ecg import load_ecg
    from tests.medical.ecg_generator import make_ecg

    data = generators.to_bytes(make_ecg())
    rng = random.Random("ecg")
    for cut in (0, 132, 400, len(data) // 3, len(data) - 7):
        with pytest.raises(MedicalError):
            load_ecg(data[:cut])
    outcomes = {"ok": 0, "error": 0}
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.choice((1, 8))):
            damaged[rng.randrange(128, len(damaged))] ^= 1 << rng.randrange(8)
        try:
            load_ecg(bytes(damaged))
            outcomes["ok"] += 1
        except MedicalError:
            outcomes["error"] += 1
    assert sum(outcomes.values()) == 60


def test_broken_shipped_ecg_and_summary_never_escape() -> None:
    from desktop_app.medical.summary import summarize

    data = shipped("waveform_ecg.dcm").read_bytes()
    rng = random.Random("summary")
    for _ in range(40):
        damaged = bytearray(data[: rng.randrange(200, len(data))])
        damaged[rng.randrange(128, len(damaged))] ^= 0xFF
        try:
            summarize(bytes(damaged))
        except MedicalError as exc:
            assert str(exc)


def test_j2k_codestream_larger_than_header_is_refused() -> None:
    small = generators.make_dx(16, 16)
    big = generators.compressed(generators.make_dx(64, 48), uid.JPEG2000Lossless)
    small.file_meta.TransferSyntaxUID = uid.JPEG2000Lossless
    small.PixelData = big.PixelData
    small["PixelData"].VR = "OB"
    small["PixelData"].is_undefined_length = True
    with pytest.raises(CorruptImage, match="claims 48 x 64"):
        open_and_paint(generators.to_bytes(small))


_INFLATER = zlib.decompressobj


class _CountedInflater:
    """zlib's inflater, refusing to go on past ``limit`` calls (a loop that never ends)."""

    def __init__(self, limit: int) -> None:
        self._inner = _INFLATER(-zlib.MAX_WBITS)
        self._left = limit

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        self._left -= 1
        if self._left < 0:
            raise AssertionError("the inflater was called without end")
        return self._inner.decompress(data, max_length)

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def test_a_deflated_mammography_with_its_pad_byte_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    """An honest 4096 x 4096 16-bit image (32 MiB) in Deflated syntax, its stream padded
    to even length: the deflate guard looped for ever on the pad byte once its 16 MiB
    output cap was met (any deflated data set over 16 MiB with a pad), and with it the
    chat's card check on the GUI thread. 32 MiB inflate in 3 calls of 16 MiB."""
    from desktop_app.medical import deflated

    data = generators.deflated_with_pad(generators.make_dx(4096, 4096))
    inflaters: list[_CountedInflater] = []

    def counted(wbits: int = zlib.MAX_WBITS) -> object:
        if wbits != -zlib.MAX_WBITS:  # not a raw deflate stream: not the guard's
            return _INFLATER(wbits)
        inflaters.append(_CountedInflater(limit=1000))
        return inflaters[-1]

    monkeypatch.setattr(deflated.zlib, "decompressobj", counted)
    loaded = load_image(data)
    assert inflaters  # the data set was inflated here
    _, pixels = first_display(loaded, 0, 512)
    assert pixels.shape == (512, 512) and loaded.header.rows == 4096


def test_header_checks_of_a_deflate_bomb_inflate_only_the_header() -> None:
    """260 KB declaring a 256 MiB frame, Deflated: the header checks the chat's card and
    the click make on the GUI thread (key image? presentation state? which kind?) each
    inflated the whole data set (pydicom inflates all before the first element): 1 GB
    file, 2.1 GB and 11 s for the card's two checks. Now each stops at Pixel Data."""
    ds = generators.make_dx(8, 8)
    ds.PhotometricInterpretation = "MONOCHROME2"
    del ds.PresentationLUTShape
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 8, 8, 7
    ds.Rows = ds.Columns = 16384
    ds.PixelData = bytes(16384 * 16384)
    data = generators.deflated_with_pad(ds)
    assert len(data) < 300_000

    def checks() -> None:
        assert not is_key_image(data) and not is_presentation_state(data)
        assert identify(data) is ObjectKind.IMAGE

    assert peak_memory(checks) < MEMORY_LIMIT
