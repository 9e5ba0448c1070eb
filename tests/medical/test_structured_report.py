"""DICOM Structured Reports read as an indented content tree, bounded for hostile ones,
and printed by `wardlink view --info`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydicom import uid
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from desktop_app.medical.documents import ObjectKind, identify
from desktop_app.medical.samples import demo_patient, file_meta
from desktop_app.medical.structured_report import MAX_DEPTH, read_report
from tests.medical.generators import to_bytes

COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33"


def code(value: str, meaning: str, scheme: str = "DCM") -> Dataset:
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = value, scheme, meaning
    return item


def content(
    value_type: str, name: str, relationship: str = "CONTAINS", **values: object
) -> Dataset:
    item = Dataset()
    item.RelationshipType = relationship
    item.ValueType = value_type
    item.ConceptNameCodeSequence = Sequence([code("121071", name)])
    for keyword, value in values.items():
        setattr(item, keyword, value)
    return item


def make_report() -> Dataset:
    sop = uid.generate_uid()
    ds = Dataset()
    ds.file_meta = file_meta(uid.ExplicitVRLittleEndian, COMPREHENSIVE_SR, sop)
    ds.SOPClassUID, ds.SOPInstanceUID, ds.Modality = COMPREHENSIVE_SR, sop, "SR"
    demo_patient(ds)
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = Sequence([code("18748-4", "Röntgen Thorax Befund", "LN")])
    ds.ContinuityOfContent = "SEPARATE"
    ds.CompletionFlag, ds.VerificationFlag = "COMPLETE", "VERIFIED"
    observer = Dataset()
    observer.VerifyingObserverName = "Weber^Anna"
    ds.VerifyingObserverSequence = Sequence([observer])
    number = Dataset()
    number.NumericValue = "12.5"
    number.MeasurementUnitsCodeSequence = Sequence([code("mm", "millimeter", "UCUM")])
    findings = content("CONTAINER", "Findings", ContinuityOfContent="SEPARATE")
    findings.ContentSequence = Sequence(
        [
            content("TEXT", "Finding", TextValue="Kein Pneumothorax."),
            content(
                "CODE",
                "Finding site",
                ConceptCodeSequence=Sequence([code("39607008", "Lung", "SCT")]),
            ),
            content("NUM", "Diameter", MeasuredValueSequence=Sequence([number])),
            content("SCOORD", "Region", "INFERRED FROM", GraphicType="POLYLINE"),
        ]
    )
    ds.ContentSequence = Sequence(
        [findings, content("TEXT", "Impression", TextValue="Unauffällig.")]
    )
    return ds


def test_a_report_reads_as_an_indented_tree() -> None:
    data = to_bytes(make_report())
    assert identify(data) is ObjectKind.REPORT
    report = read_report(data)
    assert report.title == "Röntgen Thorax Befund"
    assert (report.completion, report.verification, report.observer) == (
        "COMPLETE", "VERIFIED", "Weber Anna",
    )  # fmt: skip
    assert report.as_text().splitlines()[2:] == [
        "Findings",
        "  Finding: Kein Pneumothorax.",
        "  Finding site: Lung",
        "  Diameter: 12.5 mm",
        "  Region: scoord POLYLINE",
        "Impression: Unauffällig.",
    ]
    assert not report.truncated


def test_a_hostile_report_nested_too_deep_is_cut_not_followed() -> None:
    ds = make_report()
    node = ds
    for depth in range(MAX_DEPTH + 20):
        child = content("CONTAINER", f"Level {depth}")
        node.ContentSequence = Sequence([child])
        node = child
    report = read_report(to_bytes(ds))
    assert report.truncated and len(report.lines) == MAX_DEPTH


def test_view_info_prints_the_report(tmp_path: Path) -> None:
    path = tmp_path / "befund.dcm"
    path.write_bytes(to_bytes(make_report()))
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "view", str(path), "--info"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Verified by" in done.stdout and "  Diameter: 12.5 mm" in done.stdout


@pytest.mark.parametrize("keyword", ["ConceptNameCodeSequence", "MeasuredValueSequence"])
def test_missing_parts_still_read(keyword: str) -> None:
    ds = make_report()
    findings = ds.ContentSequence[0]
    for item in findings.ContentSequence:
        if keyword in item:
            del item[keyword]
    lines = read_report(to_bytes(ds)).as_text()
    assert "Findings" in lines
