"""Colour images to 8-bit RGB for display.

pydicom already converts YBR_FULL / YBR_FULL_422 (and JPEG 2000's YBR_ICT/RCT) to RGB
while decoding; what remains is PALETTE COLOR (indices -> RGB via the palette in the
header) and scaling samples wider than 8 bits.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydicom.dataset import Dataset
from pydicom.pixels.processing import apply_color_lut

from desktop_app.medical.errors import CorruptImage

Rgb8 = NDArray[np.uint8]


def palette_to_rgb(indices: NDArray[Any], ds: Dataset) -> Rgb8:
    """Apply the Red/Green/Blue Palette Color LUTs of `ds` to stored indices."""
    try:
        rgb = apply_color_lut(indices, ds)
    except Exception as exc:  # pydicom raises ValueError/AttributeError on bad palettes
        raise CorruptImage(f"damaged colour palette: {exc}") from exc
    return to_rgb8(rgb, 16 if rgb.dtype.itemsize > 1 else 8)


def to_rgb8(rgb: NDArray[Any], bits_stored: int) -> Rgb8:
    """Scale RGB samples of `bits_stored` bits to 0..255."""
    if rgb.dtype == np.uint8 and bits_stored <= 8:
        return rgb
    shift = max(bits_stored - 8, 0)
    scaled = np.right_shift(rgb.astype(np.uint32, copy=False), shift)
    return np.clip(scaled, 0, 255).astype(np.uint8)
