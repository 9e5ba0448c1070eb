"""Which codec decodes which transfer syntax, and the names users see.

Codec choice (measured 2026-11-28 on a 3000x3000 12-bit synthetic DX, best of 3, with a
2 ms ticker thread measuring the longest GIL stall; bench/bench_medical.py repeats it):

    JPEG lossless SV1   imagecodecs  96 ms, stall  21 ms   | GDCM 286 ms, stall 240 ms
    JPEG-LS lossless    imagecodecs 172 ms, stall  10 ms   | pyjpegls 186 ms, stall 194 ms
                                                           | GDCM 301 ms, stall 276 ms
    JPEG 2000 lossless  imagecodecs 509 ms (2 threads)     | pylibjpeg-openjpeg 997 ms
    HTJ2K lossless      imagecodecs/OpenJPH 47 ms          | pylibjpeg-openjpeg 93 ms

imagecodecs (libjpeg-turbo 3 + CharLS, BSD-3) is the fastest, releases the GIL, and is
the only permissive option for 12-bit JPEG Extended (GDCM and Pillow refuse it). All
three agreed bit-exactly on every JPEG/JPEG-LS file shipped with pydicom once RGB
JPEGs are decoded without a colour transform. GDCM is not a dependency: it is slower,
holds the GIL, bundles OpenSSL 1.1.1 and imports with RTLD_GLOBAL -- and, found by
tests/medical/test_hostile.py, it aborts the whole process (SIGABRT inside GetBuffer) on
a bit-flipped baseline JPEG. So even when python-gdcm happens to be installed it is
never used; other pydicom plugins serve as fallbacks: pylibjpeg-openjpeg (MIT) for
J2K/HTJ2K, pylibjpeg-rle or pydicom's own decoder for RLE. imagecodecs and
pylibjpeg-openjpeg agree bit-exactly on every JPEG 2000 file shipped with pydicom,
including the signed/unsigned mismatch and the JP2-wrapped YBR_RCT file.
"""

from __future__ import annotations

import contextlib

from pydicom import uid
from pydicom.pixels.decoders.base import get_decoder

from desktop_app.medical import plugin_imagecodecs
from desktop_app.medical.errors import UnsupportedCompression

PLUGIN_LABEL = "wardlink-imagecodecs"
_PLUGIN_MODULE = "desktop_app.medical.plugin_imagecodecs"

# Plugin tried first for a syntax; others registered with pydicom are the fallback.
PREFERRED_PLUGIN: dict[str, str] = {
    **{str(ts): PLUGIN_LABEL for ts in plugin_imagecodecs.DECODER_DEPENDENCIES},
    str(uid.RLELossless): "pylibjpeg",
}

# Native (uncompressed) syntaxes pydicom reads without any plugin.
NATIVE_SYNTAXES = frozenset(
    {
        uid.ImplicitVRLittleEndian,
        uid.ExplicitVRLittleEndian,
        uid.ExplicitVRBigEndian,
        uid.DeflatedExplicitVRLittleEndian,
    }
)


def install_decoders() -> None:
    """Register the imagecodecs plugin with pydicom; safe to call any number of times.

    pydicom keeps its decoder registry per process, so every worker process calls this
    too (the spawn context starts with a fresh interpreter).
    """
    for ts in plugin_imagecodecs.DECODER_DEPENDENCIES:
        decoder = get_decoder(ts)
        with contextlib.suppress(ValueError):  # already registered in this process
            decoder.add_plugin(PLUGIN_LABEL, (_PLUGIN_MODULE, "_decode_frame"))


def syntax_name(ts: str) -> str:
    """Human name of a transfer syntax (e.g. "JPEG 2000 Image Compression")."""
    name = uid.UID(ts).name
    return name if name and name != ts else f"unknown transfer syntax {ts}"


def check_supported(ts: str) -> None:
    """Raise UnsupportedCompression unless some installed codec can decode `ts`."""
    if ts in NATIVE_SYNTAXES:
        return
    install_decoders()
    try:
        usable = decoding_plugins(ts)
    except NotImplementedError:
        raise UnsupportedCompression(syntax_name(ts)) from None
    if not usable:
        raise UnsupportedCompression(syntax_name(ts))


# Plugins that can take the process down on hostile input (see module docstring).
EXCLUDED_PLUGINS = frozenset({"gdcm"})


def decoding_plugins(ts: str) -> list[str]:
    """Plugins to try in order: the measured favourite, then the other safe ones.

    "" (pydicom's own choice) is only used for native syntaxes, which need no plugin.
    """
    if ts in NATIVE_SYNTAXES:
        return [""]
    available = [p for p in get_decoder(ts).available_plugins if p not in EXCLUDED_PLUGINS]
    preferred = PREFERRED_PLUGIN.get(str(ts))
    if preferred in available:
        available.remove(preferred)
        available.insert(0, preferred)
    return available
