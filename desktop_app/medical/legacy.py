"""Old DICOM files without the 128-byte preamble and file meta (ACR-NEMA style, implicit
VR), as still found on archive CDs.

pydicom reads them with ``force=True``, but force reads anything, random bytes too. So a
file without "DICM" is only opened when its first elements look like a data set: tags
strictly ascending, in the low groups a header starts with (0000 command/length, 0002,
0008), every length within the file, and explicit VRs (if any) real VR codes. Random
bytes fail this almost surely (a first group of 0000/0002/0008 alone is 3 in 65,536).
"""

from __future__ import annotations

import struct
from typing import Final

PLAUSIBLE_FIRST_GROUPS: Final = (0x0000, 0x0002, 0x0008)
ELEMENTS_CHECKED: Final = 4
MAX_FIRST_GROUP: Final = 0x0010  # the first few elements of a header stay below patient data
_VRS: Final = frozenset(
    b"AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM "
    b"UC UI UL UN UR US UT UV".split()
)
_LONG_VRS: Final = frozenset(b"OB OD OF OL OV OW SQ UC UN UR UT SV UV".split())
UNDEFINED: Final = 0xFFFFFFFF


def looks_like_legacy_dicom(head: bytes, total: int) -> bool:
    """True if ``head`` (the file's first bytes; the file is ``total`` bytes long)
    starts with a plausible little-endian data set, implicit or explicit VR."""
    return _walk(head, total, explicit=False) or _walk(head, total, explicit=True)


def is_explicit(head: bytes, total: int) -> bool:
    return _walk(head, total, explicit=True)


def _walk(head: bytes, total: int, *, explicit: bool) -> bool:
    offset = 0
    previous = -1
    for index in range(ELEMENTS_CHECKED):
        if offset + 8 > len(head):
            return index >= 3 and offset == total  # a tiny but complete data set
        group, element = struct.unpack_from("<HH", head, offset)
        tag = group << 16 | element
        if tag <= previous or group > MAX_FIRST_GROUP or group % 2:
            return False
        if index == 0 and group not in PLAUSIBLE_FIRST_GROUPS:
            return False
        if explicit:
            vr = head[offset + 4 : offset + 6]
            if vr not in _VRS:
                return False
            if vr in _LONG_VRS:
                if offset + 12 > len(head):
                    return False
                (length,) = struct.unpack_from("<I", head, offset + 8)
                offset += 12
            else:
                (length,) = struct.unpack_from("<H", head, offset + 6)
                offset += 8
        else:
            (length,) = struct.unpack_from("<I", head, offset + 4)
            offset += 8
        if length == UNDEFINED:
            return index >= 1  # a sequence of undefined length: stop checking here
        if offset + length > total:
            return False
        offset += length
        previous = tag
    return True
