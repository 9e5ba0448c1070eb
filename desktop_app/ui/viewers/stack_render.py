"""Display pixels for the image view without redoing per-frame work that does not change.

Scrolling a stack shows hundreds of slices with the same greyscale chain and W/L: the
256-level lookup table over the stored values' domain (65,536 entries for 16-bit CT)
is the same for all of them, so it is built once and kept (a few, keyed by chain, dtype
and VOI) and each slice costs one ``np.take``. The QImage handed to QPixmap wraps the
numpy buffer without a copy; the caller keeps the array referenced as long as the
pixmap (ImageView holds both), so the buffer cannot be freed under it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PySide6.QtGui import QImage, QPixmap

from desktop_app.medical.display import DisplaySource, render
from desktop_app.medical.greyscale import LookupTable, Window, apply_lut, build_lut, lut_domain

LUT_CACHE = 8  # tables kept: a stack, its compare pane, a preset or two
_luts: OrderedDict[Hashable, NDArray[np.uint8]] = OrderedDict()


def display_pixels(
    source: DisplaySource, voi: Window | LookupTable | None, rendered: NDArray[np.uint8] | None
) -> NDArray[np.uint8]:
    """`rendered` (the worker's picture with the default VOI) when that VOI is shown,
    else the cached-table path: a stack scrolled at its default W/L costs no lookup."""
    if rendered is not None and (voi is None or voi is source.default_voi):
        return rendered
    return render_cached(source, voi)


def render_cached(source: DisplaySource, voi: Window | LookupTable | None) -> NDArray[np.uint8]:
    """Same pixels as display.render(source, voi); grey frames reuse a cached table."""
    dtype = source.pixels.dtype
    if source.kind != "grey" or lut_domain(dtype) is None:
        return render(source, voi)
    wanted = voi or source.default_voi
    key = (source.chain, dtype.str, wanted)
    lut = _luts.get(key)
    if lut is None:
        lut = build_lut(source.chain, dtype, wanted)
        _luts[key] = lut
        while len(_luts) > LUT_CACHE:
            _luts.popitem(last=False)
    else:
        _luts.move_to_end(key)
    return apply_lut(source.pixels, lut)


def pixmap_over(pixels: NDArray[Any]) -> tuple[QPixmap, NDArray[np.uint8]]:
    """A pixmap of H x W grey or H x W x 3 RGB uint8 pixels, built on their buffer (no
    intermediate QImage copy), and the array it was built on: keep that one alive while
    the pixmap is used."""
    arr = np.ascontiguousarray(pixels, dtype=np.uint8)
    if arr.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    elif arr.ndim == 3 and arr.shape[2] == 3:
        fmt = QImage.Format.Format_RGB888
    else:
        raise ValueError(f"cannot show an array of shape {arr.shape}")
    image = QImage(arr.data, arr.shape[1], arr.shape[0], arr.strides[0], fmt)
    return QPixmap.fromImage(image), arr
