"""Grey-scale chain: golden values for PS3.3 window functions, LUTs, inversion, presets."""

from __future__ import annotations

import io

import numpy as np
import pytest
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.pixels.processing import apply_modality_lut, apply_voi_lut
from pydicom.sequence import Sequence

from desktop_app.medical.display import downsample, first_display, prepare, render
from desktop_app.medical.greyscale import (
    GreyscaleChain,
    VoiFunction,
    Window,
    apply_lut,
    auto_window,
    build_lut,
    greyscale_chain,
    render_grey,
    to_grey,
)
from desktop_app.medical.loading import load_image
from desktop_app.medical.pixels import decode_frame
from tests.medical import generators
from tests.medical.conftest import shipped


def grey(values: list[float], window: Window, chain: GreyscaleChain | None = None) -> list[int]:
    out = to_grey(np.array(values, dtype=np.float64), chain or GreyscaleChain(), window)
    return [int(v) for v in out]


def test_linear_window_matches_ps33_formula() -> None:
    w = Window(100, 11, VoiFunction.LINEAR)
    # thresholds: <= 94.5 -> 0, > 104.5 -> 255; x=95 -> 0.05, x=100 -> 0.55, x=104 -> 0.95
    assert grey([94, 94.5, 95, 100, 104, 104.5, 105], w) == [0, 0, 13, 140, 242, 255, 255]


def test_linear_exact_window() -> None:
    w = Window(100, 10, VoiFunction.LINEAR_EXACT)
    assert grey([94, 95, 97.5, 100, 105, 106], w) == [0, 0, 64, 128, 255, 255]


def test_sigmoid_window() -> None:
    w = Window(100, 10, VoiFunction.SIGMOID)
    # 255 / (1 + exp(-4 (x - c) / w)): x=105 -> 224.6, x=95 -> 30.4
    assert grey([95, 100, 105], w) == [30, 128, 225]


def test_rescale_then_window() -> None:
    chain = GreyscaleChain(slope=2.0, intercept=-1024.0)
    # stored 512 -> 0 HU (centre of the window) -> mid grey; stored 612 -> 200 HU -> white
    assert grey([512, 612, 412], Window(0, 400, VoiFunction.LINEAR_EXACT), chain) == [
        128,
        255,
        0,
    ]


def test_generated_dx_chain_monochrome1_presets_and_single_inversion() -> None:
    img = load_image(generators.to_bytes(generators.make_dx(300, 250)))
    chain = greyscale_chain(img.dataset)
    assert chain.invert  # MONOCHROME1 + INVERSE: one inversion, not two
    assert [w.explanation for w in chain.windows] == ["FULL RANGE", "LUNG"]
    assert [(w.center, w.width) for w in chain.windows] == [(2000, 4000), (1000, 1000)]
    stored = decode_frame(img)
    out = render_grey(stored, chain, chain.windows[0])
    assert out[150, 150] == 0  # the 4000 square: highest value, black in MONOCHROME1
    assert out[0, 0] == 255  # stored 0 -> white
    lung = render_grey(stored, chain, chain.windows[1])
    assert stored[299, 202] == 800  # LUNG: (800 - 999.5) / 999 + 0.5 = 0.3003 -> 77
    assert lung[299, 202] == 255 - 77
    assert lung[0, 0] == 255 and lung[150, 150] == 0


def test_lut_equals_per_pixel_floats_and_pydicom_float_pipeline() -> None:
    ds = generators.make_dx(64, 64)
    ds.PhotometricInterpretation = "MONOCHROME2"
    del ds.PresentationLUTShape
    img = load_image(generators.to_bytes(ds))
    stored = decode_frame(img)
    chain = greyscale_chain(img.dataset)
    for window in chain.windows:
        via_lut = apply_lut(stored, build_lut(chain, stored.dtype, window))
        via_floats = to_grey(stored.astype(np.float64), chain, window)
        assert np.array_equal(via_lut, via_floats)
    # pydicom applies the first window with outputs 0..2^BitsStored-1
    index = 0
    reference = apply_voi_lut(apply_modality_lut(stored, img.dataset), img.dataset, index)
    ours = apply_lut(stored, build_lut(chain, stored.dtype, chain.windows[index]))
    assert np.abs(reference / 4095.0 * 255.0 - ours).max() <= 1.0


def test_signed_ct_lut_via_bit_pattern_view() -> None:
    img = load_image(shipped("CT_small.dcm"))
    stored = decode_frame(img)
    assert stored.dtype == np.int16
    chain = greyscale_chain(img.dataset)
    window = Window(40, 400, VoiFunction.LINEAR, "soft tissue")
    assert np.array_equal(
        render_grey(stored, chain, window), to_grey(stored.astype(np.float64), chain, window)
    )
    reference = apply_modality_lut(stored, img.dataset)
    assert np.allclose(chain.modality(stored.astype(np.float64)), reference)


def _lut_item(
    first: int, data: list[int], bits: int, explanation: str = "", *, as_ow: bool = False
) -> Dataset:
    item = Dataset()
    item.LUTDescriptor = [len(data), first, bits]
    if as_ow:  # 16-bit words as raw bytes, as most modalities write it
        item.add_new("LUTData", "OW", np.array(data, dtype="<u2").tobytes())
    else:
        item.add_new("LUTData", "US", data)
    if explanation:
        item.LUTExplanation = explanation
    return item


def test_modality_lut_sequence_and_voi_lut_sequence() -> None:
    ds = generators.make_dx(4, 4)
    ds.PhotometricInterpretation = "MONOCHROME2"
    del ds.PresentationLUTShape, ds.WindowCenter, ds.WindowWidth
    del ds.WindowCenterWidthExplanation, ds.RescaleSlope, ds.RescaleIntercept
    # Modality LUT: stored 10..13 -> 0, 100, 200, 300; below clamps to first, above to last.
    ds.ModalityLUTSequence = [_lut_item(10, [0, 100, 200, 300], 16)]
    ds.ModalityLUTSequence[0].ModalityLUTType = "US"
    # VOI LUT over modality values 0..300: 301 entries, output 8-bit, reversed ramp.
    ramp = [round(255 * (300 - v) / 300) for v in range(301)]
    ds.VOILUTSequence = [_lut_item(0, ramp, 8, "REVERSED", as_ow=True)]
    stored = np.array([5, 10, 11, 12, 13, 99], dtype=np.uint16)
    written = dcmread(io.BytesIO(generators.to_bytes(ds)))  # LUT Data as OW bytes
    for source in (ds, written):
        chain = greyscale_chain(source)
        default = chain.default_window()
        assert default is chain.voi_luts[0] and chain.voi_luts[0].explanation == "REVERSED"
        assert render_grey(stored, chain, default).tolist() == [255, 255, 170, 85, 0, 0]


def test_presentation_lut_sequence_maps_voi_output() -> None:
    ds = generators.make_dx(4, 4)
    ds.PhotometricInterpretation = "MONOCHROME2"
    del ds.PresentationLUTShape
    # 256-entry, 12-bit Presentation LUT: a gamma-like curve p = 4095 * (x/255)^2.
    curve = [round(4095 * (x / 255) ** 2) for x in range(256)]
    ds.PresentationLUTSequence = [_lut_item(0, curve, 12)]
    chain = greyscale_chain(ds)
    assert chain.presentation_lut is not None and not chain.invert
    window = Window(127.5, 255, VoiFunction.LINEAR_EXACT)  # 0..255 -> exactly x / 255
    values = np.array([0, 64, 128, 192, 255], dtype=np.float64)
    expected = [round(255 * (v / 255) ** 2) for v in (0, 64, 128, 192, 255)]
    assert to_grey(values, chain, window).tolist() == expected


def test_auto_window_uses_histogram_percentiles() -> None:
    stored = np.arange(1000, dtype=np.uint16).reshape(40, 25)
    window = auto_window(stored, GreyscaleChain(slope=1.0, intercept=-500.0))
    assert window.explanation.startswith("AUTO")
    # 1st percentile ~ 10 - 500, 99th ~ 989 - 500
    assert window.center == pytest.approx(-0.5, abs=1.0)
    assert window.width == pytest.approx(979, abs=2.0)


def test_downsample_block_mean_golden() -> None:
    stored = generators.dx_pixels(3000, 2500)
    small = downsample(stored, 2048)
    assert small.shape == (1500, 1250) and small.dtype == np.uint16
    # block (0,0) holds 0,1,2,3 -> mean 1.5 -> 1; block (75,75) is inside the 4000 square
    assert small[0, 0] == 1 and small[75, 75] == 4000
    assert downsample(stored[:100, :100], 2048) is not None


def test_first_display_full_size_dx() -> None:
    img = load_image(generators.to_bytes(generators.make_dx()))
    source, pixels = first_display(img)
    assert pixels.shape == (1500, 1250) and pixels.dtype == np.uint8
    assert source.scale == 2
    assert [getattr(p, "explanation", "") for p in source.presets] == ["FULL RANGE", "LUNG"]
    assert pixels[75, 75] == 0 and pixels[0, 0] == 255
    lung = render(source, source.presets[1])
    assert lung[75, 75] == 0 and lung[0, 0] == 255


def test_palette_colour_to_rgb() -> None:
    img = load_image(shipped("examples_palette.dcm"))
    source = prepare(img, decode_frame(img))
    rgb = render(source)
    assert rgb.shape == (350, 800, 3) and rgb.dtype == np.uint8
    from pydicom.pixels.processing import apply_color_lut

    reference = apply_color_lut(decode_frame(img), img.dataset)
    assert np.array_equal(rgb, (reference >> 8).astype(np.uint8))


def test_rgb_passes_through() -> None:
    img = load_image(shipped("SC_rgb_rle.dcm"))
    _, rgb = first_display(img)
    assert rgb[5, 50].tolist() == [255, 0, 0]


def test_no_header_window_uses_auto() -> None:
    img = load_image(shipped("MR_small.dcm"))
    source = prepare(img, decode_frame(img))
    assert isinstance(source.default_voi, Window)
    if not greyscale_chain(img.dataset).windows:
        assert source.default_voi.explanation.startswith("AUTO")


def _fg(**macros: dict[str, object]) -> Dataset:
    item = Dataset()
    for macro, attrs in macros.items():
        entry = Dataset()
        for key, value in attrs.items():
            setattr(entry, key, value)
        setattr(item, macro, Sequence([entry]))
    return item


def test_enhanced_multiframe_functional_groups_per_frame() -> None:
    ds = generators.make_multiframe(frames=2)
    del ds.WindowCenter, ds.WindowWidth, ds.WindowCenterWidthExplanation
    del ds.RescaleSlope, ds.RescaleIntercept
    ds.SharedFunctionalGroupsSequence = Sequence(
        [_fg(PixelValueTransformationSequence={"RescaleSlope": 2, "RescaleIntercept": -100,
                                                 "RescaleType": "HU"})]
    )  # fmt: skip
    ds.PerFrameFunctionalGroupsSequence = Sequence(
        [
            _fg(FrameVOILUTSequence={"WindowCenter": 0, "WindowWidth": 200,
                                     "WindowCenterWidthExplanation": "SOFT"}),
            _fg(FrameVOILUTSequence={"WindowCenter": 300, "WindowWidth": 100,
                                     "WindowCenterWidthExplanation": "BONE",
                                     "VOILUTFunction": "LINEAR_EXACT"}),
        ]
    )  # fmt: skip
    img = load_image(generators.to_bytes(ds))
    first, second = greyscale_chain(img.dataset, frame=0), greyscale_chain(img.dataset, frame=1)
    assert (first.slope, first.intercept, first.rescale_type) == (2.0, -100.0, "HU")
    assert first.windows == (Window(0.0, 200.0, VoiFunction.LINEAR, "SOFT"),)
    assert second.windows == (Window(300.0, 100.0, VoiFunction.LINEAR_EXACT, "BONE"),)
    # frame k, row r holds stored 100 k + r -> HU = 2 (100 k + r) - 100
    source, pixels = first_display(img, frame=1)
    assert source.default_voi == second.windows[0]
    assert int(pixels.max()) == 0  # 100..226 HU all lie below BONE (250..350)
    soft = first_display(img, frame=0)[1]
    # -100 HU -> 0; 0 HU -> (0.5/199 + 0.5) * 255 = 128.1; 26 HU -> 161.5
    assert [int(soft[r, 0]) for r in (0, 50, 63)] == [0, 128, 161]
