"""The self-test's embedded DICOM samples cover every supported syntax and catch a bad codec."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from pydicom import uid

from desktop_app.medical import codec_samples
from desktop_app.medical.codec_samples import (
    BUNDLED_CODECS,
    SAMPLES,
    CodecCheckFailed,
    CodecSample,
    check_codec,
    check_viewer_path,
    reference,
)
from desktop_app.medical.codecs import PREFERRED_PLUGIN
from tests.installer.codec_sample_maker import encode


def test_every_compressed_syntax_the_viewer_supports_has_a_sample() -> None:
    assert {s.transfer_syntax for s in SAMPLES} == set(PREFERRED_PLUGIN)
    covered = set().union(*(syntaxes for _plugin, syntaxes in BUNDLED_CODECS.values()))
    assert covered == set(PREFERRED_PLUGIN)
    assert len({s.key for s in SAMPLES}) == len(SAMPLES)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.key)
def test_each_sample_decodes_through_the_viewer_path(sample: CodecSample) -> None:
    check_viewer_path(sample)


@pytest.mark.parametrize("codec", sorted(BUNDLED_CODECS))
def test_each_bundled_codec_decodes_its_samples_alone(codec: str) -> None:
    checked = check_codec(codec)
    assert {s.transfer_syntax for s in checked} == BUNDLED_CODECS[codec][1]


def test_lossy_tolerances_are_narrow() -> None:
    """Well under a sixth of the range: a wrong or blank image cannot pass."""
    for sample in SAMPLES:
        ref = reference(sample).astype(np.int32)
        assert sample.max_error < (ref.max() - ref.min()) // 6


def test_a_damaged_codestream_fails_with_a_clear_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    sample = next(s for s in SAMPLES if s.transfer_syntax == uid.JPEGLSLossless)
    stream = bytearray(base64.b64decode(codec_samples._STREAMS[sample.key]))
    stream[40:60] = bytes(20)  # inside the entropy-coded data
    monkeypatch.setitem(codec_samples._STREAMS, sample.key, base64.b64encode(stream).decode())
    with pytest.raises(CodecCheckFailed, match="JPEG-LS Lossless"):
        check_viewer_path(sample)
    with pytest.raises(CodecCheckFailed, match="imagecodecs"):
        check_codec("imagecodecs")


def test_a_missing_codec_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec_samples, "decoding_plugins", lambda ts: ["wardlink-imagecodecs"])
    with pytest.raises(CodecCheckFailed, match="pylibjpeg-rle is not available for RLE Lossless"):
        check_codec("pylibjpeg-rle")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.key)
def test_the_maker_still_makes_equivalent_streams(sample: CodecSample) -> None:
    """Regenerating the embedded streams (codec_sample_maker) gives decodable samples."""
    arr = reference(sample)
    stream = encode(sample, arr)
    fresh = {**codec_samples._STREAMS, sample.key: base64.b64encode(stream).decode()}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(codec_samples, "_STREAMS", fresh)
        check_viewer_path(sample)
