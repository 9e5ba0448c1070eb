"""Decode one frame of a checked image into a numpy array of stored values.

Colour images come back as RGB (pydicom converts YBR); PALETTE COLOR keeps its
indices so the palette can be applied after a cheap nearest-neighbour downsample.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydicom.encaps import generate_frames
from pydicom.pixels.decoders.base import get_decoder

from desktop_app.medical.codecs import (
    NATIVE_SYNTAXES,
    decoding_plugins,
    install_decoders,
    syntax_name,
)
from desktop_app.medical.codestream import frame_dimensions
from desktop_app.medical.errors import (
    CorruptImage,
    MedicalError,
    UnsupportedCompression,
    first_line,
    is_library_failure,
    reported_as_corrupt,
)
from desktop_app.medical.loading import LoadedImage

Pixels = NDArray[Any]


def _check_codestream(img: LoadedImage, index: int) -> None:
    """Refuse a compressed frame whose codestream claims other dimensions."""
    header = img.header
    if header.transfer_syntax in NATIVE_SYNTAXES:
        return
    try:
        frames = generate_frames(img.dataset.PixelData, number_of_frames=header.frames)
        fragment = next(f for i, f in enumerate(frames) if i == index)
    except StopIteration:
        raise CorruptImage(f"frame {index + 1} is missing from the pixel data") from None
    except Exception as exc:
        raise CorruptImage(f"damaged compressed pixel data: {exc}") from exc
    dims = frame_dimensions(fragment)
    if dims is None:
        return
    rows, cols = dims
    if (rows, cols) != (header.rows, header.columns):
        raise CorruptImage(
            f"compressed frame claims {cols} x {rows} pixels, header says "
            f"{header.columns} x {header.rows}"
        )


def decode_frame(img: LoadedImage, index: int = 0) -> Pixels:
    """Stored values of frame `index` (0-based); RGB for colour, indices for palette."""
    header = img.header
    if not 0 <= index < header.frames:
        raise IndexError(f"frame {index} outside 0..{header.frames - 1}")
    install_decoders()
    with reported_as_corrupt(f"cannot decode {img.label}"):
        return _decode(img, index)


def _decode(img: LoadedImage, index: int) -> Pixels:
    header = img.header
    ts = header.transfer_syntax
    _check_codestream(img, index)
    errors: list[str] = []
    for plugin in decoding_plugins(ts):
        try:
            arr, _meta = get_decoder(ts).as_array(img.dataset, index=index, decoding_plugin=plugin)
        except MedicalError:
            raise
        except MemoryError as exc:
            raise CorruptImage(f"decoding needs more memory than allowed: {exc}") from exc
        except BaseException as exc:  # codecs raise RuntimeError/ValueError/panics
            if not is_library_failure(exc):
                raise
            errors.append(first_line(exc))
            continue
        return _check_shape(arr, img)
    if not errors:  # only excluded plugins (GDCM) could have tried
        raise UnsupportedCompression(syntax_name(ts))
    raise CorruptImage(f"cannot decode frame {index + 1} ({syntax_name(ts)}): {errors[-1]}")


def _check_shape(arr: Pixels, img: LoadedImage) -> Pixels:
    h = img.header
    expected: tuple[int, ...] = (h.rows, h.columns)
    if h.samples_per_pixel > 1:
        expected = (*expected, h.samples_per_pixel)
    if arr.shape != expected:
        raise CorruptImage(f"decoded frame has shape {arr.shape}, expected {expected}")
    if not arr.dtype.isnative:
        arr = arr.astype(arr.dtype.newbyteorder("="))
    return np.ascontiguousarray(arr)
