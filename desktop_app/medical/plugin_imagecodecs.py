"""pydicom decoder plugin that uses imagecodecs (libjpeg-turbo 3, CharLS).

pydicom's own JPEG plugins are either GPL (pylibjpeg-libjpeg) or limited (Pillow has no
12-bit or lossless JPEG; GDCM refuses 12-bit JPEG Extended). libjpeg-turbo 3 decodes
8/12-bit baseline/extended and 2..16-bit lossless (SOF3), releases the GIL and is
BSD-licensed, so it fills those gaps. For JPEG 2000 the same OpenJPEG as
pylibjpeg-openjpeg is used, but multi-threaded and without holding the GIL; HTJ2K uses
OpenJPH. pydicom imports this module by name
(see codecs.install_decoders) and calls ``_decode_frame`` once per frame.
"""

from __future__ import annotations

from typing import Any

from pydicom import uid
from pydicom.pixels.decoders.base import DecodeRunner

try:
    import imagecodecs

    HAVE_IMAGECODECS = bool(imagecodecs.JPEG8.available and imagecodecs.JPEGLS.available)
except ImportError:  # pragma: no cover - depends on the installation
    HAVE_IMAGECODECS = False

JPEG_SYNTAXES = (
    uid.JPEGBaseline8Bit,
    uid.JPEGExtended12Bit,
    uid.JPEGLossless,
    uid.JPEGLosslessSV1,
)
JPEGLS_SYNTAXES = (uid.JPEGLSLossless, uid.JPEGLSNearLossless)
J2K_SYNTAXES = (uid.JPEG2000Lossless, uid.JPEG2000)
HTJ2K_SYNTAXES = (uid.HTJ2KLossless, uid.HTJ2KLosslessRPCL, uid.HTJ2K)
# OpenJPEG threads per frame; the ward PC has few cores and decoding runs in a worker.
J2K_THREADS = 2

DECODER_DEPENDENCIES = {ts: ("numpy", "imagecodecs>=2024.1") for ts in JPEG_SYNTAXES}
for _ts in (*JPEGLS_SYNTAXES, *J2K_SYNTAXES, *HTJ2K_SYNTAXES):
    DECODER_DEPENDENCIES[_ts] = ("numpy", "imagecodecs>=2024.1")

_YBR = ("YBR_FULL", "YBR_FULL_422")


def is_available(ts: str) -> bool:
    """pydicom asks this before registering the plugin for a transfer syntax."""
    return HAVE_IMAGECODECS and ts in DECODER_DEPENDENCIES


def _decode_frame(src: bytes, runner: DecodeRunner) -> bytes:
    """Return one frame in pydicom's native layout (colour-by-pixel, little endian).

    For YCbCr JPEGs the colour transform is suppressed, as pydicom's own plugins do, so
    that pydicom's YBR->RGB conversion runs exactly once.
    """
    ts = runner.transfer_syntax
    arr: Any
    if ts in JPEGLS_SYNTAXES:
        arr = imagecodecs.jpegls_decode(src)
    elif ts in J2K_SYNTAXES or ts in HTJ2K_SYNTAXES:
        if ts in HTJ2K_SYNTAXES:
            arr = imagecodecs.htj2k_decode(src)
        else:
            arr = imagecodecs.jpeg2k_decode(src, numthreads=J2K_THREADS)
        if runner.photometric_interpretation in ("YBR_ICT", "YBR_RCT"):
            # OpenJPEG applies the inverse component transform itself.
            runner.set_option("photometric_interpretation", "RGB")
    elif runner.samples_per_pixel > 1:
        # The DICOM header, not JFIF/Adobe guessing, says what the samples are:
        # RGB photometric means "no transform" (matches GDCM and dcmtk on pydicom's
        # SC_rgb_jpeg.dcm), YBR means "leave as YCbCr for pydicom to convert".
        space = "YCBCR" if runner.photometric_interpretation in _YBR else "RGB"
        arr = imagecodecs.jpeg8_decode(src, colorspace=space, outcolorspace=space)
    else:
        arr = imagecodecs.jpeg8_decode(src)
    if runner.samples_per_pixel > 1:
        runner.set_option("planar_configuration", 0)
    # The codec returns uint8 or uint16 samples; pydicom then applies Pixel
    # Representation and Bits Stored itself, exactly as for its own plugins.
    runner.set_option("bits_allocated", 8 * int(arr.dtype.itemsize))
    return bytes(arr.astype(arr.dtype.newbyteorder("<"), copy=False).tobytes())
