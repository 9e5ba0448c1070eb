"""Peek at a JPEG frame's own header before a codec allocates for it.

libjpeg-turbo trusts the codestream, not the DICOM header: a 100x100 image whose SOF
claims 65535x65535 would make it allocate 8 GB. Reading the few header bytes lets us
refuse such a frame first. JPEG 2000 is not checked here: OpenJPEG validates SIZ
against the tiles itself (a forged 60000x60000 SIZ fails with "failed to read the
header" at 31 MB RSS), and real files with garbage in unused SIZ bytes still decode.
"""

from __future__ import annotations

import struct

_JPEG_SOF = frozenset(
    {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xF7}
)


def frame_dimensions(fragment: bytes) -> tuple[int, int] | None:
    """(rows, columns) declared by a JPEG or JPEG-LS frame, None if not one."""
    if fragment.startswith(b"\xff\xd8"):
        return _jpeg_dimensions(fragment)
    return None


def _jpeg_dimensions(data: bytes) -> tuple[int, int] | None:
    pos = 2
    limit = min(len(data), 1 << 20)  # tables come first; never scan a whole frame
    while pos + 4 <= limit:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in _JPEG_SOF:
            if pos + 9 > len(data):
                return None
            rows, cols = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return rows, cols
        pos += 2 + length
    return None
