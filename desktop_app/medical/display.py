"""From a decoded frame to what the screen shows: a display-size copy and uint8 pixels.

The viewer keeps one `DisplaySource` per frame (stored values already reduced to at
most `max_size` pixels on the long side) and calls `render` on every W/L change; that
call is a table build plus one `np.take`, a few milliseconds on a 3000x3000 DX.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from desktop_app.medical.colour import palette_to_rgb, to_rgb8
from desktop_app.medical.errors import reported_as_corrupt
from desktop_app.medical.greyscale import (
    GreyscaleChain,
    LookupTable,
    Window,
    auto_window,
    greyscale_chain,
    render_grey,
)
from desktop_app.medical.loading import LoadedImage
from desktop_app.medical.pixels import decode_frame

DEFAULT_MAX_SIZE = 2048

Voi = Window | LookupTable


def downsample(arr: NDArray[Any], max_size: int, *, average: bool = True) -> NDArray[Any]:
    """Shrink by an integer factor so the long side fits `max_size`.

    Averaging blocks keeps fine structure visible and reduces noise; palette indices
    must not be averaged, so they use `average=False` (nearest pixel).
    """
    factor = -(-max(arr.shape[0], arr.shape[1]) // max_size)
    if factor <= 1:
        return arr
    if not average or arr.dtype.kind not in "iu":
        return np.ascontiguousarray(arr[::factor, ::factor])
    h, w = (arr.shape[0] // factor) * factor, (arr.shape[1] // factor) * factor
    # Sum the factor x factor strided views instead of reshape().sum(): no int64 temporary
    # over the whole image (64 ms -> ~8 ms on 3000x3000). uint32/int32 cannot overflow for
    # <= 16-bit samples and factors up to 256.
    wide = (
        np.int64 if arr.dtype.itemsize > 2 else (np.int32 if arr.dtype.kind == "i" else np.uint32)
    )
    acc = np.zeros((h // factor, w // factor, *arr.shape[2:]), dtype=wide)
    for i in range(factor):
        for j in range(factor):
            acc += arr[i:h:factor, j:w:factor]
    out: NDArray[Any] = (acc // (factor * factor)).astype(arr.dtype)
    return out


@dataclass(frozen=True, eq=False)
class DisplaySource:
    """One frame ready for repeated rendering."""

    pixels: NDArray[Any]  # stored values (grey), RGB or palette indices, display size
    kind: str  # "grey", "rgb" or "palette"
    chain: GreyscaleChain
    default_voi: Voi
    scale: int  # original pixels per display pixel (for measurements)
    rows: int
    columns: int

    @property
    def presets(self) -> tuple[Voi, ...]:
        """Header windows and VOI LUTs, each with its explanation, then the auto window."""
        auto = self.default_voi if isinstance(self.default_voi, Window) else None
        extra: tuple[Voi, ...] = () if self.chain.windows or auto is None else (auto,)
        return (*self.chain.windows, *self.chain.voi_luts, *extra)


def prepare(
    img: LoadedImage, pixels: NDArray[Any], max_size: int = DEFAULT_MAX_SIZE, frame: int = 0
) -> DisplaySource:
    """Reduce decoded frame `frame` and choose its default VOI (header first, else auto)."""
    with reported_as_corrupt(f"cannot display {img.label}"):
        return _prepare(img, pixels, max_size, frame)


def _prepare(img: LoadedImage, pixels: NDArray[Any], max_size: int, frame: int) -> DisplaySource:
    header = img.header
    chain = greyscale_chain(img.dataset, header.bits_stored, frame)
    if header.photometric == "PALETTE COLOR":
        small = downsample(pixels, max_size, average=False)
        rgb = palette_to_rgb(small, img.dataset)
        kind, small = "palette", rgb
    elif pixels.ndim == 3:
        small, kind = downsample(pixels, max_size), "rgb"
    else:
        small, kind = downsample(pixels, max_size), "grey"
    default: Voi
    header_default = chain.default_window()
    if kind != "grey":
        default = Window(127.5, 256.0)
    elif header_default is not None:
        default = header_default
    else:
        default = auto_window(small, chain)
    scale = -(-max(header.rows, header.columns) // max_size)
    return DisplaySource(small, kind, chain, default, max(scale, 1), header.rows, header.columns)


def render(source: DisplaySource, voi: Voi | None = None) -> NDArray[np.uint8]:
    """uint8 pixels (H x W grey or H x W x 3 RGB) for the given or default VOI."""
    if source.kind == "palette":
        return np.asarray(source.pixels, dtype=np.uint8)
    if source.kind == "rgb":
        return to_rgb8(source.pixels, int(source.chain.bits_stored))
    return render_grey(source.pixels, source.chain, voi or source.default_voi)


def first_display(
    img: LoadedImage, frame: int = 0, max_size: int = DEFAULT_MAX_SIZE
) -> tuple[DisplaySource, NDArray[np.uint8]]:
    """Open -> first paint: decode, reduce, render with the default VOI."""
    with reported_as_corrupt(f"cannot display {img.label}"):
        source = prepare(img, decode_frame(img, frame), max_size, frame)
        return source, render(source)
