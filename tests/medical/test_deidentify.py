"""Basic Profile de-identification: identifying values gone, pixels unchanged, UIDs linked."""

from __future__ import annotations

import io

import numpy as np
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from desktop_app.medical.deidentify import DeidWarning, UidMapper, deidentify
from desktop_app.medical.ecg import load_ecg
from desktop_app.medical.loading import load_image
from desktop_app.medical.pixels import decode_frame
from tests.medical import ecg_generator, generators

IDENTIFYING = ["Mustermann", "PID-4711", "19640812", "ACC-0815", "Weber", "Klinikum Nord",
               "DX-ROOM-2", "SN-998877", "Dr. Secret", "Privatklinik"]  # fmt: skip


def identified_dx() -> Dataset:
    ds = generators.make_dx(32, 24)
    ds.OperatorsName = "Dr. Secret"
    ds.FrameOfReferenceUID = "1.2.3.4.5.6.7"
    ds.private_block(0x0009, "ACME 1.0", create=True).add_new(0x01, "LO", "Privatklinik")
    step = Dataset()
    step.PerformingPhysicianName = "Weber^Anna"
    step.ReferencedSOPInstanceUID = ds.StudyInstanceUID
    ds.ReferencedPerformedProcedureStepSequence = Sequence([step])
    return ds


def test_identifying_values_are_gone_and_pixels_unchanged() -> None:
    original = identified_dx()
    result = deidentify(generators.to_bytes(original))
    for text in IDENTIFYING:
        assert text.encode() not in result.data, text
    out = dcmread(io.BytesIO(result.data))
    assert out.PatientIdentityRemoved == "YES"
    assert "Basic Application Level Confidentiality Profile" in out.DeidentificationMethod
    assert out.DeidentificationMethodCodeSequence[0].CodeValue == "113100"
    assert out.PatientName == "" and out.PatientID == "" and out.StudyDate == ""
    assert "InstitutionName" not in out and "DeviceSerialNumber" not in out
    assert "OperatorsName" not in out and not any(e.tag.is_private for e in out)
    assert "PerformingPhysicianName" not in out.ReferencedPerformedProcedureStepSequence[0]
    assert out.Modality == "DX" and out.ImagerPixelSpacing == [0.139, 0.139]
    assert out.PixelData == original.PixelData
    assert np.array_equal(
        decode_frame(load_image(result.data)),
        decode_frame(load_image(generators.to_bytes(original))),
    )
    assert not result.burned_in_annotation and result.warnings == ()


def test_uids_remapped_consistently_within_one_export() -> None:
    first, second = identified_dx(), identified_dx()
    second.StudyInstanceUID = first.StudyInstanceUID  # same study, different instances
    mapper = UidMapper()
    out1 = dcmread(io.BytesIO(deidentify(generators.to_bytes(first), mapper).data))
    out2 = dcmread(io.BytesIO(deidentify(generators.to_bytes(second), mapper).data))
    assert out1.StudyInstanceUID == out2.StudyInstanceUID != first.StudyInstanceUID
    assert out1.SOPInstanceUID != out2.SOPInstanceUID
    assert out1.file_meta.MediaStorageSOPInstanceUID == out1.SOPInstanceUID
    assert out1.FrameOfReferenceUID != "1.2.3.4.5.6.7"
    ref = out1.ReferencedPerformedProcedureStepSequence[0].ReferencedSOPInstanceUID
    assert ref == out1.StudyInstanceUID  # references follow the same mapping
    assert out1.SOPClassUID == first.SOPClassUID  # class UIDs are public, kept
    other = dcmread(io.BytesIO(deidentify(generators.to_bytes(first)).data))
    assert other.StudyInstanceUID != out1.StudyInstanceUID  # a new export, new mapping


def test_burned_in_annotation_warns() -> None:
    ds = identified_dx()
    ds.BurnedInAnnotation = "YES"
    result = deidentify(generators.to_bytes(ds))
    assert result.burned_in_annotation
    assert result.warnings == (DeidWarning.BURNED_IN,)


def test_ecg_deidentified_waveform_unchanged() -> None:
    data = generators.to_bytes(ecg_generator.make_ecg())
    result = deidentify(data)
    assert b"Mustermann" not in result.data
    before, after = load_ecg(data), load_ecg(result.data)
    assert np.array_equal(before.lead("V5").samples_mv, after.lead("V5").samples_mv)
    assert after.statements == before.statements
