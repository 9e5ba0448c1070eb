"""Peek at a compressed frame's own header before a codec allocates for it.

A codec trusts the codestream, not the DICOM header: a 100x100 image whose JPEG SOF
claims 65535x65535 would make libjpeg-turbo allocate 8 GB, and a JPEG 2000 SIZ with a
matching tile size is decoded at its claimed size. Reading the few header bytes (JPEG
SOF, JPEG-LS SOF55, J2K SIZ, also inside a JP2 wrapper) lets us refuse such a frame
before decoding.
"""

from __future__ import annotations

import struct

_JPEG_SOF = frozenset(
    {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xF7}
)


_J2K_SOC_SIZ = b"\xff\x4f\xff\x51"


def frame_dimensions(fragment: bytes) -> tuple[int, int] | None:
    """(rows, columns) declared by a JPEG, JPEG-LS or JPEG 2000 frame, None if unknown."""
    if fragment.startswith(_J2K_SOC_SIZ):
        return _j2k_dimensions(fragment, 0)
    if fragment[4:8] == b"jP  ":  # JP2 file format wrapper (non-conformant but seen)
        at = fragment.find(_J2K_SOC_SIZ, 0, 4096)
        return _j2k_dimensions(fragment, at) if at >= 0 else None
    if fragment.startswith(b"\xff\xd8"):
        return _jpeg_dimensions(fragment)
    return None


def _j2k_dimensions(data: bytes, at: int) -> tuple[int, int] | None:
    # SIZ: SOC(2) marker(2) Lsiz(2) Rsiz(2) Xsiz(4) Ysiz(4) XOsiz(4) YOsiz(4)
    body = data[at + 8 : at + 24]
    if len(body) < 16:
        return None
    xsiz, ysiz, xo, yo = struct.unpack(">IIII", body)
    return max(ysiz - yo, 0), max(xsiz - xo, 0)


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
