"""Grey-scale display chain (PS3.3 C.11): Modality LUT -> VOI -> Presentation, as a LUT.

Why lookup tables: the chain is a pure function of the stored value, so for data of at
most 16 bits we evaluate it once per possible value (65536 floats, ~1 ms) and then
index a uint8 table with the stored pixels. A window/level drag rebuilds only the table;
pydicom's apply_voi_lut instead recomputes floats for every pixel of every frame.

MONOCHROME1 and PresentationLUTShape INVERSE describe the same single inversion (the DX
IOD pairs MONOCHROME1 with INVERSE), so the output is inverted when either is present,
never twice. A Presentation LUT Sequence (instead of a shape, C.11.6) maps the VOI
output, scaled to the LUT's input range, to P-values; it comes before that inversion.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue

from desktop_app.medical.errors import CorruptImage

FloatArray = NDArray[np.float64]
Lut8 = NDArray[np.uint8]

LUT_MAX_BITS = 16  # above this (32-bit dose grids, float data) we compute per pixel


class VoiFunction(enum.StrEnum):
    """VOI LUT Function (0028,1056)."""

    LINEAR = "LINEAR"
    LINEAR_EXACT = "LINEAR_EXACT"
    SIGMOID = "SIGMOID"


@dataclass(frozen=True)
class Window:
    """A window preset or a user's W/L; `explanation` is shown in the preset menu."""

    center: float
    width: float
    function: VoiFunction = VoiFunction.LINEAR
    explanation: str = ""


@dataclass(frozen=True, eq=False)
class LookupTable:
    """A Modality or VOI LUT from the header (LUT Descriptor + LUT Data)."""

    first_mapped: int
    data: NDArray[np.int64]
    bits: int
    explanation: str = ""

    def apply(self, values: FloatArray) -> FloatArray:
        """Clamp out-of-range input to the first/last entry, as PS3.3 C.11.1.1 says."""
        idx = np.clip(np.rint(values) - self.first_mapped, 0, len(self.data) - 1)
        out: FloatArray = self.data[idx.astype(np.int64)].astype(np.float64)
        return out


@dataclass(frozen=True)
class GreyscaleChain:
    """Everything from the header that maps stored values to display grey levels."""

    slope: float = 1.0
    intercept: float = 0.0
    modality_lut: LookupTable | None = None
    windows: tuple[Window, ...] = ()
    voi_luts: tuple[LookupTable, ...] = ()
    invert: bool = False
    presentation_lut: LookupTable | None = None
    bits_stored: int = 16
    signed: bool = False
    rescale_type: str = field(default="")

    def modality(self, stored: FloatArray) -> FloatArray:
        """Stored values -> modality values (e.g. Hounsfield units)."""
        if self.modality_lut is not None:
            return self.modality_lut.apply(stored)
        if self.slope == 1.0 and self.intercept == 0.0:
            return stored
        return stored * self.slope + self.intercept

    def default_window(self) -> Window | LookupTable | None:
        """The header's first choice: the first window, else the first VOI LUT."""
        if self.windows:
            return self.windows[0]
        if self.voi_luts:
            return self.voi_luts[0]
        return None


def _floats(value: Any) -> list[float]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, MultiValue | list | tuple) else [value]
    return [float(v) for v in items]


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, MultiValue | list | tuple) else [value]
    return [str(v) for v in items]


def _lut_from_item(item: Dataset) -> LookupTable:
    try:
        entries, first, bits = (int(v) for v in item.LUTDescriptor)
        raw = item["LUTData"].value
        if isinstance(raw, bytes):
            dtype = np.uint8 if bits <= 8 and len(raw) == (entries or 65536) else np.uint16
            data = np.frombuffer(raw, dtype="<" + np.dtype(dtype).str[1:])
        else:
            data = np.asarray(raw if isinstance(raw, MultiValue | list) else [raw])
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise CorruptImage(f"damaged lookup table in header: {exc}") from exc
    entries = entries or 65536  # 0 means 2^16 (PS3.3 C.11.1.1.1)
    if len(data) < entries or not 1 <= bits <= 16:
        raise CorruptImage(f"lookup table has {len(data)} of {entries} entries, {bits} bits")
    if first >= 32768:  # the descriptor's second value is US or SS; we read it as US
        first -= 65536
    return LookupTable(
        first_mapped=first,
        data=data[:entries].astype(np.int64),
        bits=bits,
        explanation=str(item.get("LUTExplanation", "")),
    )


# Enhanced multi-frame objects move these attributes into functional group macros.
_FUNCTIONAL_GROUP = {
    "RescaleSlope": "PixelValueTransformationSequence",
    "RescaleIntercept": "PixelValueTransformationSequence",
    "RescaleType": "PixelValueTransformationSequence",
    "WindowCenter": "FrameVOILUTSequence",
    "WindowWidth": "FrameVOILUTSequence",
    "WindowCenterWidthExplanation": "FrameVOILUTSequence",
    "VOILUTFunction": "FrameVOILUTSequence",
}


class _FrameView:
    """Attribute lookup for one frame: per-frame group, then shared group, then top level."""

    def __init__(self, ds: Dataset, frame: int) -> None:
        self._ds = ds
        self._items: list[Dataset] = []
        per_frame = ds.get("PerFrameFunctionalGroupsSequence") or []
        if 0 <= frame < len(per_frame):
            self._items.append(per_frame[frame])
        shared = ds.get("SharedFunctionalGroupsSequence") or []
        if shared:
            self._items.append(shared[0])

    def get(self, keyword: str, default: Any = None) -> Any:
        macro = _FUNCTIONAL_GROUP.get(keyword)
        if macro is not None:
            for item in self._items:
                for entry in (item.get(macro) or [])[:1]:
                    if keyword in entry:
                        return entry.get(keyword)
        return self._ds.get(keyword, default)


def greyscale_chain(ds: Dataset, bits_stored: int | None = None, frame: int = 0) -> GreyscaleChain:
    """Collect the chain's parameters for one frame of an image (raises CorruptImage).

    For enhanced multi-frame objects the rescale and window of `frame` come from its
    functional groups (per-frame before shared), as PS3.3 C.7.6.16 requires.
    """
    view = _FrameView(ds, frame)
    try:
        slope = float(view.get("RescaleSlope", 1.0) or 1.0)
        intercept = float(view.get("RescaleIntercept", 0.0) or 0.0)
        centers = _floats(view.get("WindowCenter"))
        widths = _floats(view.get("WindowWidth"))
    except (TypeError, ValueError) as exc:
        raise CorruptImage(f"rescale or window values are not numbers: {exc}") from exc
    modality_lut = None
    if "ModalityLUTSequence" in ds and len(ds.ModalityLUTSequence):
        modality_lut = _lut_from_item(ds.ModalityLUTSequence[0])
    explanations = _strings(view.get("WindowCenterWidthExplanation"))
    try:
        function = VoiFunction(str(view.get("VOILUTFunction", "LINEAR") or "LINEAR").strip())
    except ValueError:
        function = VoiFunction.LINEAR  # unknown function: LINEAR is the default (C.11.2.1.3)
    windows = tuple(
        Window(c, w, function, explanations[i] if i < len(explanations) else f"Preset {i + 1}")
        for i, (c, w) in enumerate(zip(centers, widths, strict=False))
        if w > 0
    )
    voi_luts = tuple(_lut_from_item(item) for item in ds.get("VOILUTSequence", []))
    photometric = str(ds.get("PhotometricInterpretation", "")).strip()
    shape = str(ds.get("PresentationLUTShape", "")).strip()
    presentation_lut = None
    if "PresentationLUTSequence" in ds and len(ds.PresentationLUTSequence):
        presentation_lut = _lut_from_item(ds.PresentationLUTSequence[0])
    return GreyscaleChain(
        slope=slope,
        intercept=intercept,
        modality_lut=modality_lut,
        windows=windows,
        voi_luts=voi_luts,
        invert=photometric == "MONOCHROME1" or shape == "INVERSE",
        presentation_lut=presentation_lut,
        bits_stored=int(bits_stored or ds.get("BitsStored", 16) or 16),
        signed=int(ds.get("PixelRepresentation", 0) or 0) == 1,
        rescale_type=str(view.get("RescaleType", "") or ""),
    )


def apply_window(values: FloatArray, window: Window) -> FloatArray:
    """PS3.3 C.11.2.1.2 window functions, output scaled to 0..1."""
    c, w = window.center, window.width
    if window.function is VoiFunction.SIGMOID:
        return 1.0 / (1.0 + np.exp(-4.0 * (values - c) / w))
    if window.function is VoiFunction.LINEAR_EXACT:
        return np.clip((values - c) / w + 0.5, 0.0, 1.0)
    # LINEAR: x <= c-0.5-(w-1)/2 -> 0; x > c-0.5+(w-1)/2 -> 1; else linear.
    if w <= 1:
        return (values > c - 0.5).astype(np.float64)
    return np.clip((values - (c - 0.5)) / (w - 1) + 0.5, 0.0, 1.0)


def _voi(values: FloatArray, voi: Window | LookupTable) -> FloatArray:
    if isinstance(voi, Window):
        return apply_window(values, voi)
    return voi.apply(values) / float((1 << voi.bits) - 1)


def to_grey(stored: FloatArray, chain: GreyscaleChain, voi: Window | LookupTable) -> Lut8:
    """The whole chain for an array of stored values, as uint8 (0 = black)."""
    out = _voi(chain.modality(stored), voi)
    if chain.presentation_lut is not None:
        lut = chain.presentation_lut
        index = np.clip(out, 0.0, 1.0) * (len(lut.data) - 1) + lut.first_mapped
        out = lut.apply(index) / float((1 << lut.bits) - 1)
    if chain.invert:
        out = 1.0 - out
    return np.rint(np.clip(out, 0.0, 1.0) * 255.0).astype(np.uint8)


def lut_domain(dtype: np.dtype[Any]) -> FloatArray | None:
    """Every stored value of a <=16-bit integer dtype, ordered by its unsigned bit pattern.

    Ordering by bit pattern lets signed pixels index the table through a zero-copy
    ``view(uint16)`` instead of an offset addition over the whole image.
    """
    if dtype.kind not in "iu" or dtype.itemsize * 8 > LUT_MAX_BITS:
        return None
    unsigned = np.arange(1 << (8 * dtype.itemsize), dtype=f"u{dtype.itemsize}")
    return unsigned.view(dtype.newbyteorder("=")).astype(np.float64)


def build_lut(chain: GreyscaleChain, dtype: np.dtype[Any], voi: Window | LookupTable) -> Lut8:
    """uint8 table indexed by the stored value's bit pattern (see lut_domain)."""
    domain = lut_domain(dtype)
    if domain is None:
        raise ValueError(f"no lookup table for {dtype}; use to_grey per pixel")
    return to_grey(domain, chain, voi)


def apply_lut(stored: NDArray[Any], lut: Lut8) -> Lut8:
    """Index the table with the stored pixels; the whole per-frame cost of a W/L change."""
    index = stored.view(f"u{stored.dtype.itemsize}")
    return np.take(lut, index)


def render_grey(stored: NDArray[Any], chain: GreyscaleChain, voi: Window | LookupTable) -> Lut8:
    """uint8 image for any stored dtype: LUT when possible, per-pixel floats otherwise."""
    if lut_domain(stored.dtype) is not None:
        return apply_lut(stored, build_lut(chain, stored.dtype, voi))
    return to_grey(stored.astype(np.float64), chain, voi)


def auto_window(
    stored: NDArray[Any], chain: GreyscaleChain, low: float = 1.0, high: float = 99.0
) -> Window:
    """Window spanning the low..high percentiles of modality values (header has none)."""
    if lut_domain(stored.dtype) is not None:
        index = stored.view(f"u{stored.dtype.itemsize}").ravel()
        counts = np.bincount(index, minlength=1 << (8 * stored.dtype.itemsize))
        domain = lut_domain(stored.dtype)
        assert domain is not None
        values = chain.modality(domain)
        order = np.argsort(values, kind="stable")
        cumulative = np.cumsum(counts[order])
        total = float(cumulative[-1])
        ranked = values[order]
        last = len(ranked) - 1
        lo = float(ranked[min(int(np.searchsorted(cumulative, total * low / 100.0)), last)])
        hi = float(ranked[min(int(np.searchsorted(cumulative, total * high / 100.0)), last)])
    else:
        finite = chain.modality(stored.astype(np.float64).ravel())
        finite = finite[np.isfinite(finite)]
        if finite.size == 0:
            return Window(0.0, 1.0, VoiFunction.LINEAR_EXACT, "AUTO")
        lo, hi = (float(v) for v in np.percentile(finite, [low, high]))
    width = max(hi - lo, 1.0)
    return Window(
        (lo + hi) / 2.0, width, VoiFunction.LINEAR_EXACT, f"AUTO ({low:g}th-{high:g}th percentile)"
    )
