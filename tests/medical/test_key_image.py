"""Key image notes (KOS) by highdicom: read back to the flagged slice; hostile ones refused."""

from __future__ import annotations

import io

import pytest
from pydicom.dataset import Dataset

from desktop_app.medical.key_image import (
    KOS_SOP_CLASS,
    MAX_KEY_REFERENCES,
    KeyImageError,
    is_key_image,
    make_key_image,
    read_key_image,
)
from desktop_app.medical.presentation_state import parse_bytes
from tests.medical.generators import make_ct_series, to_bytes


def _saved(ds: Dataset) -> bytes:
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()


def test_the_note_references_the_flagged_slice() -> None:
    slices = make_ct_series(3)
    data = make_key_image(slices[1], "Rippenfraktur")
    ds = parse_bytes(data)
    assert ds.SOPClassUID == KOS_SOP_CLASS and "PixelData" not in ds
    assert ds.StudyInstanceUID == slices[1].StudyInstanceUID
    note = read_key_image(data)
    assert note.sop_instance_uid == slices[1].SOPInstanceUID
    assert note.series_instance_uid == slices[1].SeriesInstanceUID
    assert is_key_image(data) and not is_key_image(to_bytes(slices[1]))


def test_an_image_or_too_many_references_are_refused() -> None:
    slices = make_ct_series(2)
    with pytest.raises(KeyImageError, match="not a key object selection"):
        read_key_image(to_bytes(slices[0]))
    ds = parse_bytes(make_key_image(slices[0]))
    series = ds.CurrentRequestedProcedureEvidenceSequence[0].ReferencedSeriesSequence[0]
    item = series.ReferencedSOPSequence[0]
    series.ReferencedSOPSequence = [item] * (MAX_KEY_REFERENCES + 1)
    with pytest.raises(KeyImageError, match=f"more than {MAX_KEY_REFERENCES}") as info:
        read_key_image(_saved(ds))
    assert "\n" not in str(info.value)
