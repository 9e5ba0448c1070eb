"""Realistic synthetic DICOM files built with pydicom alone (plus imagecodecs encoders).

Pixel values follow a closed formula so tests can check golden values anywhere. The
Part 10 header comes from desktop_app.medical.samples (the demo's X-ray and ECG), so
tests and demo write files the same way.
"""

from __future__ import annotations

import copy
import io
import zlib
from typing import Any

import imagecodecs
import numpy as np
from numpy.typing import NDArray
from pydicom import uid
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate
from pydicom.filereader import _read_file_meta_info, read_preamble
from pydicom.uid import generate_uid

from desktop_app.medical.samples import file_meta

DX_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.1.1"  # Digital X-Ray Image - For Presentation


def dx_pixels(rows: int, columns: int) -> NDArray[np.uint16]:
    """12-bit ramp along x plus y, with a bright square (4000) at rows/columns 100..199."""
    y, x = np.mgrid[0:rows, 0:columns]
    values = (x + 2 * y) % 4000
    values[100:200, 100:200] = 4000
    return values.astype(np.uint16)


def patient_and_study(ds: Dataset) -> None:
    ds.PatientName = "Mustermann^Erika"
    ds.PatientID = "PID-4711"
    ds.PatientBirthDate = "19640812"
    ds.PatientSex = "F"
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.StudyDate = "20261127"
    ds.StudyTime = "081500"
    ds.AccessionNumber = "ACC-0815"
    ds.ReferringPhysicianName = "Weber^Anna"
    ds.InstitutionName = "Klinikum Nord"
    ds.StationName = "DX-ROOM-2"
    ds.DeviceSerialNumber = "SN-998877"
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1


def make_dx(rows: int = 3000, columns: int = 2500) -> Dataset:
    """DX in MONOCHROME1 with ImagerPixelSpacing 0.139 mm and two explained presets."""
    sop = generate_uid()
    ds = Dataset()
    ds.file_meta = file_meta(uid.ExplicitVRLittleEndian, DX_SOP_CLASS, sop)
    ds.SOPClassUID = DX_SOP_CLASS
    ds.SOPInstanceUID = sop
    ds.Modality = "DX"
    patient_and_study(ds)
    ds.BodyPartExamined = "CHEST"
    ds.ImagerPixelSpacing = [0.139, 0.139]
    ds.EstimatedRadiographicMagnificationFactor = 1.1
    ds.Rows, ds.Columns = rows, columns
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME1"
    ds.PresentationLUTShape = "INVERSE"
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.RescaleSlope = 1
    ds.RescaleIntercept = 0
    ds.RescaleType = "US"
    ds.WindowCenter = [2000, 1000]
    ds.WindowWidth = [4000, 1000]
    ds.WindowCenterWidthExplanation = ["FULL RANGE", "LUNG"]
    ds.VOILUTFunction = "LINEAR"
    ds.BurnedInAnnotation = "NO"
    ds.PixelData = dx_pixels(rows, columns).tobytes()
    return ds


def to_bytes(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _encode_frame(arr: NDArray[Any], ts: str, bits: int) -> bytes:
    if ts == uid.JPEGLosslessSV1:
        return bytes(imagecodecs.jpeg8_encode(arr, lossless=True, predictor=1, bitspersample=bits))
    if ts == uid.JPEGLSLossless:
        return bytes(imagecodecs.jpegls_encode(arr))
    if ts == uid.HTJ2KLossless:
        return bytes(imagecodecs.htj2k_encode(arr, reversible=True))
    if ts == uid.JPEG2000Lossless:
        return bytes(imagecodecs.jpeg2k_encode(arr, codecformat="J2K", reversible=True, level=0))
    raise ValueError(f"no encoder for {ts}")


def compressed(ds: Dataset, ts: str) -> Dataset:
    """A copy of `ds` re-encoded losslessly in transfer syntax `ts`."""
    out = copy.deepcopy(ds)
    out.file_meta = file_meta(ts, ds.SOPClassUID, ds.SOPInstanceUID)
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    arr = np.frombuffer(ds.PixelData, dtype=np.uint16 if ds.BitsAllocated == 16 else np.uint8)
    arr = arr.reshape(frames, ds.Rows, ds.Columns)
    if ts == uid.RLELossless:
        out.compress(ts, arr[0] if frames == 1 else arr, encoding_plugin="pydicom")
        return out
    out.PixelData = encapsulate([_encode_frame(a, ts, ds.BitsStored) for a in arr])
    out["PixelData"].VR = "OB"
    out["PixelData"].is_undefined_length = True
    return out


def make_multiframe(frames: int = 8, rows: int = 64, columns: int = 48) -> Dataset:
    """Secondary-capture style multi-frame, frame k holds value 100*k + row."""
    ds = make_dx(rows, columns)
    ds.PhotometricInterpretation = "MONOCHROME2"
    del ds.PresentationLUTShape
    ds.NumberOfFrames = frames
    stack = np.empty((frames, rows, columns), np.uint16)
    for k in range(frames):
        stack[k] = 100 * k + np.arange(rows, dtype=np.uint16)[:, None]
    ds.PixelData = stack.tobytes()
    return ds


CT_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.2"  # CT Image Storage


def make_ct_series(slices: int = 60, rows: int = 64, columns: int = 64) -> list[Dataset]:
    """An axial CT series, slice k at z = -100 + 2.5*k with stored value 1000 + 10*k + row.

    InstanceNumber runs opposite to position for the upper half, so a sort by
    InstanceNumber or by file name gives a different order than the correct one.
    """
    study_uid, series_uid = generate_uid(), generate_uid()
    out = []
    for k in range(slices):
        sop = generate_uid()
        ds = Dataset()
        ds.file_meta = file_meta(uid.ExplicitVRLittleEndian, CT_SOP_CLASS, sop)
        ds.SOPClassUID, ds.SOPInstanceUID = CT_SOP_CLASS, sop
        ds.Modality = "CT"
        patient_and_study(ds)
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, series_uid
        ds.SeriesNumber = 2
        ds.SeriesDescription = "Thorax 2.5 mm"
        ds.BodyPartExamined = "CHEST"
        ds.InstanceNumber = k + 1 if k < slices // 2 else slices + slices // 2 - k
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.ImagePositionPatient = [-160.0, -160.0, -100.0 + 2.5 * k]
        ds.SliceThickness = 2.5
        ds.PixelSpacing = [0.625, 0.625]
        ds.Rows, ds.Columns = rows, columns
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 12, 11
        ds.PixelRepresentation = 0
        ds.RescaleSlope, ds.RescaleIntercept = 1, -1024
        ds.WindowCenter, ds.WindowWidth = 40, 400
        values = (
            1000 + 10 * k + np.arange(rows, dtype=np.uint16)[:, None] + np.zeros(columns, np.uint16)
        )
        ds.PixelData = values.astype(np.uint16).tobytes()
        out.append(ds)
    return out


def deflated(ds: Dataset) -> bytes:
    """``ds`` as a file in Deflated Explicit VR Little Endian (a bomb's usual wrapping)."""
    ds.file_meta = file_meta(uid.DeflatedExplicitVRLittleEndian, ds.SOPClassUID, ds.SOPInstanceUID)
    return to_bytes(ds)


def deflated_with_pad(ds: Dataset) -> bytes:
    """``ds`` in Deflated Explicit VR Little Endian whose deflate stream has odd length,
    so pydicom pads it with one byte after the stream's end (as it does for about every
    second file). The station name grows by a space until that is so."""
    out = copy.deepcopy(ds)
    out.file_meta = file_meta(uid.DeflatedExplicitVRLittleEndian, ds.SOPClassUID, ds.SOPInstanceUID)
    station = str(ds.get("StationName", "DX-ROOM-2"))
    for extra in range(64):
        out.StationName = station + " " * extra
        data = to_bytes(out)
        if _pad_after_stream(data):
            return data
    raise AssertionError("no station name gave an odd deflate stream")


def _pad_after_stream(data: bytes) -> bool:
    fp = io.BytesIO(data)
    read_preamble(fp, False)
    _read_file_meta_info(fp)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    inflater.decompress(fp.read())
    return inflater.eof and len(inflater.unused_data) == 1
