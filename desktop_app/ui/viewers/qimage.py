"""numpy uint8 arrays to QImage, with the one copy that makes the QImage own its bytes.

A QImage built on a numpy buffer does not keep the array alive; copying once here is
cheaper (about 1 ms for 1500x1500) than a dangling pointer after the array is freed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from PySide6.QtGui import QImage


def array_to_qimage(pixels: NDArray[Any]) -> QImage:
    """H x W grey or H x W x 3 RGB uint8 -> an independent QImage."""
    arr = np.ascontiguousarray(pixels, dtype=np.uint8)
    if arr.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    elif arr.ndim == 3 and arr.shape[2] == 3:
        fmt = QImage.Format.Format_RGB888
    else:
        raise ValueError(f"cannot show an array of shape {arr.shape}")
    height, width = arr.shape[:2]
    image = QImage(arr.data, width, height, arr.strides[0], fmt)
    return image.copy()


def qimage_to_array(image: QImage) -> NDArray[np.uint8]:
    """RGB32 pixels of `image` as H x W x 3 (for tests and the benchmark)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    raw = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=stride * height)
    return raw.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()
