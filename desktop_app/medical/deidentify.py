"""De-identification for the user's explicit export (DICOM PS3.15 Annex E, Basic Profile).

Only tags are cleaned, not pixels: text burned into the image or written inside an
encapsulated PDF survives, so the result carries warnings that the export dialog must
show (BurnedInAnnotation YES, recognisable features, encapsulated documents).

Actions follow the Basic Profile column of Table E.1-1 for the attributes that occur
in practice; where the table offers a choice (X/Z, X/Z/D ...) the strictest one that
keeps the object valid is used. All UIDs except well-known class / syntax UIDs are
re-mapped through a UidMapper, so files of one study exported together stay linked.
"""

from __future__ import annotations

import enum
import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid

from desktop_app.medical.errors import reported_as_corrupt
from desktop_app.medical.loading import DicomSource, describe, read_dataset

# Z: keep the attribute, empty value (type 2 attributes must stay present).
EMPTY = frozenset({
    "AccessionNumber", "ContentCreatorName", "ContentDate", "ContentTime", "PatientBirthDate",
    "PatientID", "PatientName", "PatientSex", "ReferringPhysicianName", "StudyDate", "StudyID",
    "StudyTime", "FillerOrderNumberImagingServiceRequest", "PlacerOrderNumberImagingServiceRequest",
})  # fmt: skip

# D: replace with a dummy value of the same VR (type 1 attributes).
DUMMY = frozenset({"VerifyingObserverName", "VerifyingOrganization", "PersonName",
                   "ObserverContextUID"})  # fmt: skip

# X: remove.
REMOVE = frozenset({
    "AcquisitionComments", "AcquisitionDate", "AcquisitionDateTime", "AcquisitionTime",
    "AcquisitionDeviceProcessingDescription", "ActualHumanPerformersSequence",
    "AdditionalPatientHistory", "AdmissionID", "AdmittingDate", "AdmittingDiagnosesCodeSequence",
    "AdmittingDiagnosesDescription", "AdmittingTime", "Allergies", "BranchOfService",
    "CountryOfResidence", "CurrentPatientLocation", "DerivationDescription", "DetectorID",
    "DeviceSerialNumber", "DischargeDiagnosisDescription", "EthnicGroup", "FrameComments",
    "GantryID", "ImageComments", "InstanceCreationDate", "InstanceCreationTime",
    "InstitutionAddress", "InstitutionCodeSequence", "InstitutionName",
    "InstitutionalDepartmentName", "IssuerOfAdmissionID", "IssuerOfPatientID",
    "MedicalAlerts", "MedicalRecordLocator", "MilitaryRank", "NameOfPhysiciansReadingStudy",
    "Occupation", "OperatorsName", "OtherPatientIDs", "OtherPatientIDsSequence",
    "OtherPatientNames", "PatientAddress", "PatientAge", "PatientBirthName", "PatientBirthTime",
    "PatientComments", "PatientInsurancePlanCodeSequence", "PatientMotherBirthName",
    "PatientReligiousPreference", "PatientSize", "PatientState", "PatientTelephoneNumbers",
    "PatientWeight", "PerformedLocation", "PerformedProcedureStepDescription",
    "PerformedProcedureStepEndDate", "PerformedProcedureStepEndTime", "PerformedProcedureStepID",
    "PerformedProcedureStepStartDate", "PerformedProcedureStepStartTime",
    "PerformedStationAETitle", "PerformedStationName", "PerformingPhysicianName",
    "PerformingPhysicianIdentificationSequence", "PhysiciansOfRecord",
    "PhysiciansReadingStudyIdentificationSequence", "PlateID", "PregnancyStatus",
    "ProtocolName", "ReferringPhysicianAddress", "ReferringPhysicianTelephoneNumbers",
    "ReferringPhysicianIdentificationSequence", "RequestAttributesSequence",
    "RequestingPhysician", "RequestingService", "ResponsibleOrganization", "ResponsiblePerson",
    "ScheduledPerformingPhysicianName", "ScheduledProcedureStepDescription",
    "SeriesDate", "SeriesDescription", "SeriesTime", "SmokingStatus", "SpecialNeeds",
    "StationName", "StudyDescription", "TextComments", "TopicAuthor", "TopicKeywords",
    "TopicSubject", "TopicTitle", "VisitComments", "PatientIdentityRemoved",
    "DeidentificationMethod", "DeidentificationMethodCodeSequence", "DataSetTrailingPadding",
    "OriginalAttributesSequence", "ModifiedAttributesSequence", "DigitalSignaturesSequence",
})  # fmt: skip

_DUMMIES = {"PN": "ANONYMOUS", "DA": "19000101", "TM": "000000", "DT": "19000101000000",
            "UI": "2.25.0"}  # fmt: skip

DICOM_ROOT = "1.2.840.10008."
METHOD = "DICOM PS3.15 E.1 Basic Application Level Confidentiality Profile (WardLink)"


class UidMapper:
    """Consistent old->new UID replacement for one export (one mapper per export job)."""

    def __init__(self) -> None:
        self._salt = secrets.token_hex(16)
        self._map: dict[str, str] = {}

    def __call__(self, old: str) -> str:
        if _well_known(old):
            return old
        new = self._map.get(old)
        if new is None:
            new = str(generate_uid(prefix=None, entropy_srcs=[self._salt, old]))
            self._map[old] = new
        return new


def _well_known(value: str) -> bool:
    """UIDs under the DICOM root (SOP classes, syntaxes, coding schemes) identify nobody."""
    return value.startswith(DICOM_ROOT)


class DeidWarning(enum.StrEnum):
    """What de-identification of the tags cannot remove; the export must say so (the
    GUI words each kind in its language)."""

    BURNED_IN = "burned_in"  # BurnedInAnnotation YES: patient data may be in the pixels
    RECOGNISABLE = "recognisable"  # RecognizableVisualFeatures YES (e.g. a face)
    ENCAPSULATED = "encapsulated"  # an encapsulated document (PDF) is not de-identified


@dataclass(frozen=True)
class DeidResult:
    data: bytes  # the de-identified Part 10 file
    warnings: tuple[DeidWarning, ...]
    burned_in_annotation: bool


def _clean(ds: Dataset, remap: Callable[[str], str]) -> None:
    ds.remove_private_tags()
    for elem in list(ds):
        keyword = elem.keyword
        if (
            keyword in REMOVE
            or (elem.tag.group & 0xFF00) == 0x5000
            or ((elem.tag.group & 0xFF00) == 0x6000 and elem.tag.element == 0x4000)
        ):  # retired curves, overlay comments
            del ds[elem.tag]
        elif keyword in EMPTY:
            elem.value = None if elem.VR != "SQ" else Sequence()
        elif keyword in DUMMY:
            elem.value = _DUMMIES.get(elem.VR, "ANONYMIZED")
        elif elem.VR == "UI" and elem.value:
            _remap(elem, remap)
        elif elem.VR == "SQ":
            for item in elem.value:
                _clean(item, remap)


def _remap(elem: DataElement, remap: Callable[[str], str]) -> None:
    if isinstance(elem.value, str):
        elem.value = remap(elem.value)
    else:
        elem.value = [remap(str(v)) for v in elem.value]


def _warnings(ds: Dataset) -> tuple[bool, list[DeidWarning]]:
    burned = str(ds.get("BurnedInAnnotation", "")).upper() == "YES"
    notes = []
    if burned:
        notes.append(DeidWarning.BURNED_IN)
    if str(ds.get("RecognizableVisualFeatures", "")).upper() == "YES":
        notes.append(DeidWarning.RECOGNISABLE)
    if "EncapsulatedDocument" in ds:
        notes.append(DeidWarning.ENCAPSULATED)
    return burned, notes


def deidentify(source: DicomSource, mapper: UidMapper | None = None) -> DeidResult:
    """A de-identified copy of a DICOM file; pixel data and waveforms are unchanged."""
    mapper = mapper or UidMapper()
    with reported_as_corrupt(f"cannot de-identify {describe(source)}"):
        ds = read_dataset(source, with_pixels=True)
        burned, notes = _warnings(ds)
        _clean(ds, mapper)
        ds.PatientIdentityRemoved = "YES"
        ds.DeidentificationMethod = METHOD
        code = Dataset()
        code.CodeValue, code.CodingSchemeDesignator = "113100", "DCM"
        code.CodeMeaning = "Basic Application Confidentiality Profile"
        ds.DeidentificationMethodCodeSequence = Sequence([code])
        meta = ds.file_meta
        if "SOPInstanceUID" in ds:
            meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        buffer = io.BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        return DeidResult(buffer.getvalue(), tuple(notes), burned)
