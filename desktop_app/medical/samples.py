"""Synthetic clinical samples for the demo and the tests: a chest X-ray and a resting ECG.

The demo sends "real" DICOM files through the relay, so they are made here, in product
code, from closed formulas: no real patient, no downloaded data, the same picture on
every machine. The patient is the fictional "Demo^Patient". Only pydicom and numpy are
needed; nothing imports this module at CLI start (``desktop_app.cli`` stays light).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import numpy as np
from pydicom import uid
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import UID, generate_uid

from desktop_app.medical.phantoms import (
    ECG_HEART_RATE,
    ECG_LEADS,
    ECG_RATE_HZ,
    chest_attenuation,
    resting_ecg_mv,
)

DX_SOP_CLASS: Final = "1.2.840.10008.5.1.4.1.1.1.1"  # Digital X-Ray Image, For Presentation
TWELVE_LEAD_SOP_CLASS: Final = "1.2.840.10008.5.1.4.1.1.9.1.1"
IMPLEMENTATION_CLASS_UID: Final = "1.2.826.0.1.3680043.8.498.1"
DETECTOR_HEIGHT_MM: Final = 430.0  # a 43 x 35 cm flat panel, as chest radiography uses
DX_BITS: Final = 12

_MDC_LEAD: Final = {"I": 1, "II": 2, "III": 61, "aVR": 62, "aVL": 63, "aVF": 64,
                    "V1": 3, "V2": 4, "V3": 5, "V4": 6, "V5": 7, "V6": 8}  # fmt: skip
ECG_SENSITIVITY_UV: Final = 2.5  # microvolts per stored unit: 1 mV = 400


def file_meta(transfer_syntax: str, sop_class: str, sop_instance: str) -> FileMetaDataset:
    """The Part 10 header every written sample carries."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = UID(sop_class)
    meta.MediaStorageSOPInstanceUID = UID(sop_instance)
    meta.TransferSyntaxUID = UID(transfer_syntax)
    meta.ImplementationClassUID = UID(IMPLEMENTATION_CLASS_UID)
    return meta


def demo_patient(ds: Dataset, *, study_date: str = "20261127") -> None:
    """A fictional patient and study: nothing here names a real person."""
    ds.PatientName = "Demo^Patient"
    ds.PatientID = "DEMO-0001"
    ds.PatientBirthDate = "19580314"
    ds.PatientSex = "M"
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.StudyDate = study_date
    ds.StudyTime = "091500"
    ds.AccessionNumber = "DEMO-ACC-12"
    ds.ReferringPhysicianName = "Demo^Station 3B"
    ds.InstitutionName = "Klinikum Nord (Demo)"
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1


def save(ds: Dataset, path: Path) -> Path:
    """Write ``ds`` as a DICOM Part 10 file (preamble, file meta) and return the path."""
    ds.save_as(path, enforce_file_format=True)
    return path


# ---- chest X-ray ----------------------------------------------------------------------


def make_dx(rows: int = 2048, columns: int = 1664) -> Dataset:
    """A synthetic PA chest radiograph: DX, MONOCHROME2, 12 bits, ImagerPixelSpacing.

    The spacing makes ``rows`` span a 43 cm detector, so distances measured in the viewer
    come out in plausible millimetres; two windows (full range, lung) are in the header.
    """
    sop = generate_uid()
    ds = Dataset()
    ds.file_meta = file_meta(uid.ExplicitVRLittleEndian, DX_SOP_CLASS, sop)
    ds.SOPClassUID = DX_SOP_CLASS
    ds.SOPInstanceUID = sop
    ds.Modality = "DX"
    demo_patient(ds)
    ds.SeriesDescription = "Thorax p.a."
    ds.BodyPartExamined = "CHEST"
    ds.ViewPosition = "PA"
    ds.PatientOrientation = ["R", "F"]
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.PresentationIntentType = "FOR PRESENTATION"
    spacing = round(DETECTOR_HEIGHT_MM / rows, 4)
    ds.ImagerPixelSpacing = [spacing, spacing]
    ds.Rows, ds.Columns = rows, columns
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = DX_BITS
    ds.HighBit = DX_BITS - 1
    ds.PixelRepresentation = 0
    ds.RescaleSlope = 1
    ds.RescaleIntercept = 0
    ds.RescaleType = "US"
    ds.WindowCenter = [2048, 1100]
    ds.WindowWidth = [4096, 1600]
    ds.WindowCenterWidthExplanation = ["FULL RANGE", "LUNG"]
    ds.VOILUTFunction = "LINEAR"
    ds.BurnedInAnnotation = "NO"
    top = (1 << DX_BITS) - 1
    pixels = np.rint(chest_attenuation(rows, columns) * top).astype(np.uint16)
    ds.PixelData = pixels.tobytes()
    return ds


# ---- resting ECG ----------------------------------------------------------------------


def _code(value: str, scheme: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


def _ecg_channel(name: str) -> Dataset:
    item = Dataset()
    item.ChannelSourceSequence = Sequence([_code(f"2:{_MDC_LEAD[name]}", "MDC", f"Lead {name}")])
    item.ChannelSensitivity = ECG_SENSITIVITY_UV
    item.ChannelSensitivityUnitsSequence = Sequence([_code("uV", "UCUM", "microvolt")])
    item.ChannelSensitivityCorrectionFactor = 1
    item.ChannelBaseline = 0
    item.ChannelSampleSkew = 0
    item.WaveformBitsStored = 16
    item.FilterLowFrequency = 0.05
    item.FilterHighFrequency = 150
    item.NotchFilterFrequency = 50
    return item


def _statement(text: str) -> Dataset:
    item = Dataset()
    item.UnformattedTextValue = text
    item.AnnotationGroupNumber = 0
    item.ReferencedWaveformChannels = [1, 0]
    return item


def _measurement(code: str, meaning: str, value: float, unit: str) -> Dataset:
    item = Dataset()
    item.ConceptNameCodeSequence = Sequence([_code(code, "SCPECG", meaning)])
    item.NumericValue = value
    item.MeasurementUnitsCodeSequence = Sequence([_code(unit, "UCUM", unit)])
    item.ReferencedWaveformChannels = [1, 0]
    item.AnnotationGroupNumber = 1
    return item


def make_resting_ecg() -> Dataset:
    """A 12-lead resting ECG (DICOM 12-Lead ECG Waveform): 10 s, 500 Hz, sinus rhythm 72/min.

    Stored as signed 16-bit at 2.5 uV per unit with the device's measurements and a
    normal interpretation, as a cart at the bedside would send it.
    """
    sop = generate_uid()
    ds = Dataset()
    ds.file_meta = file_meta(uid.ExplicitVRLittleEndian, TWELVE_LEAD_SOP_CLASS, sop)
    ds.SOPClassUID = TWELVE_LEAD_SOP_CLASS
    ds.SOPInstanceUID = sop
    ds.Modality = "ECG"
    demo_patient(ds)
    ds.SeriesDescription = "Ruhe-EKG 12 Kanal"
    ds.AcquisitionDateTime = "20261127091500"
    traces = resting_ecg_mv()
    raw = np.stack([np.rint(traces[n] * 1000 / ECG_SENSITIVITY_UV) for n in ECG_LEADS], axis=1)
    group = Dataset()
    group.MultiplexGroupTimeOffset = 0.0
    group.WaveformOriginality = "ORIGINAL"
    group.NumberOfWaveformChannels = len(ECG_LEADS)
    group.NumberOfWaveformSamples = raw.shape[0]
    group.SamplingFrequency = ECG_RATE_HZ
    group.MultiplexGroupLabel = "RHYTHM"
    group.ChannelDefinitionSequence = Sequence([_ecg_channel(n) for n in ECG_LEADS])
    group.WaveformBitsAllocated = 16
    group.WaveformSampleInterpretation = "SS"
    group.WaveformData = raw.astype("<i2").tobytes()
    ds.WaveformSequence = Sequence([group])
    rr_ms = 60000.0 / ECG_HEART_RATE
    qt_ms = 380.0
    ds.WaveformAnnotationSequence = Sequence(
        [
            _statement("Sinusrhythmus"),
            _statement("Normales EKG"),
            _measurement("5.10.2.1-3", "RR Interval", round(rr_ms), "ms"),
            _measurement("5.13.5-7", "PR Interval", 160, "ms"),
            _measurement("5.13.5-9", "QRS Duration", 90, "ms"),
            _measurement("5.13.5-11", "QT Interval", qt_ms, "ms"),
            _measurement("5.10.2.5-5", "QTc Interval", round(qt_ms / np.sqrt(rr_ms / 1000)), "ms"),
            _measurement("5.10.3-13", "QRS Axis", 60, "deg"),
        ]
    )
    return ds
