"""Full-resolution pixels for magnified views, rendered only for the visible part.

The display copy (at most 2048 px on the long side) keeps window/level interactive, but
on a 3000 x 3000 DX it holds one pixel per 2 x 2 original pixels, so at 1:1 a fine
fracture line would be averaged away. When the view magnifies the copy, it asks for
the frame at full resolution (asynchronously, from a DecodeWorker) and then renders
just the visible crop through the same VOI: at most about one screen of pixels, so a
W/L drag at 1:1 costs what it costs at fit.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPixmap

from desktop_app.medical.display import DisplaySource, Voi, render
from desktop_app.ui.viewers.qimage import array_to_qimage

FULL_RESOLUTION = 1 << 16  # a max_size no DICOM image exceeds (Rows, Columns are US)

_Key = tuple[int, int, int, int, object, bool]


class DetailLayer:
    """The full-resolution frame of one frame number, and the last rendered crop."""

    def __init__(self, frame: int, source: DisplaySource) -> None:
        self.frame = frame
        self.source = source
        self._key: _Key | None = None
        self._pixmap: QPixmap | None = None
        self.renders = 0  # crops rendered (tests check that paints reuse them)

    def crop(self, visible: QRectF, voi: Voi, inverted: bool) -> tuple[QPixmap, int, int] | None:
        """(pixmap, x, y) covering `visible` (image coordinates), or None if off-image."""
        rows, columns = self.source.pixels.shape[:2]
        x0 = max(0, math.floor(visible.left()) - 1)
        y0 = max(0, math.floor(visible.top()) - 1)
        x1 = min(columns, math.ceil(visible.right()) + 1)
        y1 = min(rows, math.ceil(visible.bottom()) + 1)
        if x1 <= x0 or y1 <= y0:
            return None
        key: _Key = (x0, y0, x1, y1, voi, inverted)
        if key != self._key or self._pixmap is None:
            part = dataclasses.replace(self.source, pixels=self.source.pixels[y0:y1, x0:x1])
            pixels = render(part, voi)
            if inverted:
                pixels = np.subtract(255, pixels, dtype=np.uint8)
            self._pixmap = QPixmap.fromImage(array_to_qimage(pixels))
            self._key = key
            self.renders += 1
        return self._pixmap, x0, y0
