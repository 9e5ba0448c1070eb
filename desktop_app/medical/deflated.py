"""Read a Deflated Explicit VR Little Endian data set, inflating only what is read.

pydicom inflates the whole data set in one call before it reads the first element,
even for a header-only read: a 1 MB file declaring 1 GiB of pixels cost 2 GB and 11 s
of CPU for the two header checks the chat's card makes on the GUI thread (key image?
presentation state?). Here the data set is inflated as pydicom reads it, so a header
read stops at Pixel Data after a few kilobytes, and a whole read inflates once, never
beyond ``MAX_INFLATED_BYTES`` (the zip-bomb guard).
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.filereader import read_dataset

from desktop_app.medical import limits
from desktop_app.medical.errors import TooLarge

INPUT_CHUNK = 1 << 20  # compressed bytes read at a time
OUTPUT_STEP = 1 << 24  # at most this much inflated per call


class InflatingReader(io.RawIOBase):
    """A seekable view of the inflated stream of ``source``, inflated on demand."""

    def __init__(self, source: BinaryIO, cap: int) -> None:
        super().__init__()
        self._source = source
        self._cap = cap
        self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        self._data = bytearray()
        self._pos = 0
        self._ended = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def _inflate_to(self, size: int) -> None:
        """Inflate until ``size`` bytes are held or the stream ends."""
        while len(self._data) < size and not self._ended:
            chunk = self._inflater.unconsumed_tail or self._source.read(INPUT_CHUNK)
            if not chunk:  # cut short: the reader meets the end of what there is
                self._ended = True
                break
            self._data += self._inflater.decompress(chunk, OUTPUT_STEP)
            self._ended = self._inflater.eof  # what follows the stream is padding
            if len(self._data) > self._cap:
                raise TooLarge(
                    f"deflated dataset inflates beyond {self._cap >> 20} MiB (MAX_INFLATED_BYTES)"
                )

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes (all that is left for None or -1), copied once."""
        end = self._cap + 1 if size is None or size < 0 else self._pos + size
        self._inflate_to(end)
        with memoryview(self._data) as view:
            piece = bytes(view[self._pos : end])
        self._pos += len(piece)
        return piece

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        piece = self.read(len(buffer))
        buffer[: len(piece)] = piece
        return len(piece)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END:
            self._inflate_to(self._cap + 1)
            offset += len(self._data)
        elif whence == io.SEEK_CUR:
            offset += self._pos
        self._pos = max(offset, 0)
        return self._pos

    def tell(self) -> int:
        return self._pos


def _at_pixel_data(tag: int, _vr: str | None, _length: int) -> bool:
    return tag in (0x7FE00010, 0x7FE00009, 0x7FE00008)


def read_deflated(
    source: BinaryIO, preamble: bytes | None, meta: FileMetaDataset, *, with_pixels: bool
) -> Dataset:
    """The data set after the file meta of ``source`` (positioned there); without pixels
    it is inflated only up to Pixel Data."""
    stream = InflatingReader(source, limits.MAX_INFLATED_BYTES)
    stop = None if with_pixels else _at_pixel_data
    dataset = read_dataset(stream, False, True, stop_when=stop)  # type: ignore[arg-type]
    return FileDataset("", dataset, preamble, meta, False, True)
