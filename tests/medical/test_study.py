"""A study from a folder, a DICOMDIR and a ZIP sorts the same; hostile ZIPs are refused."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from pydicom.dataset import Dataset
from pydicom.fileset import FileSet

from desktop_app.medical.study import MAX_STUDY_SERIES, Study, StudyRefused, load_study
from desktop_app.medical.study_package import (
    PackageRefused,
    package_chunks,
    package_size,
    read_manifest,
    read_series,
)
from tests.medical.generators import make_ct_series, make_dx, to_bytes

SLICES = 60


@pytest.fixture(scope="module")
def ct() -> list[Dataset]:
    return make_ct_series(SLICES)


def _shuffled_folder(root: Path, datasets: list[Dataset]) -> Path:
    order = list(range(len(datasets)))
    random.Random(7).shuffle(order)
    root.mkdir()
    for name_index, k in enumerate(order):
        (root / f"IM{name_index:04d}").write_bytes(to_bytes(datasets[k]))
    (root / "notes.txt").write_text("not dicom")
    return root


def _order(study: Study) -> list[str]:
    return [i.sop_instance_uid for s in study.series for i in s.instances]


def _expected(datasets: list[Dataset]) -> list[str]:
    return [str(ds.SOPInstanceUID) for ds in datasets]  # generated in z order


def test_folder_is_sorted_by_position_not_name_or_number(tmp_path: Path, ct) -> None:
    study = load_study(_shuffled_folder(tmp_path / "ct", ct))
    assert len(study.series) == 1
    assert _order(study) == _expected(ct)
    positions = [i.position for i in study.series[0].instances]
    assert positions[0] == pytest.approx(-100.0) and positions[-1] == pytest.approx(47.5)
    assert study.series[0].instances[0].thickness == 2.5


def test_dicomdir_and_zip_give_the_same_study(tmp_path: Path, ct) -> None:
    fileset = FileSet()
    shuffled = ct[:]
    random.Random(3).shuffle(shuffled)
    for ds in shuffled:
        fileset.add(ds)
    fileset.write(tmp_path / "cd")
    from_dicomdir = load_study(tmp_path / "cd" / "DICOMDIR")
    from_cd_folder = load_study(tmp_path / "cd")

    archive = tmp_path / "ct.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, ds in enumerate(shuffled):
            zf.writestr(f"study/s{n % 3}/{n:03d}.dcm", to_bytes(ds))
    from_zip = load_study(archive)

    for study in (from_dicomdir, from_cd_folder, from_zip):
        assert _order(study) == _expected(ct)
    summary = from_zip.summary()
    assert (summary.modalities, summary.body_parts, summary.series, summary.images) == (
        ("CT",),
        ("CHEST",),
        1,
        SLICES,
    )
    assert "Mustermann" not in summary.text() and "CT, CHEST, 1 series, 60 images" in summary.text()


def test_series_are_separated_and_ordered(tmp_path: Path, ct) -> None:
    root = tmp_path / "mixed"
    root.mkdir()
    dx = make_dx(32, 32)
    dx.SeriesNumber = 1
    (root / "dx.dcm").write_bytes(to_bytes(dx))
    for k, ds in enumerate(ct[:5]):
        (root / f"ct{k}.dcm").write_bytes(to_bytes(ds))
    study = load_study(root)
    assert [(s.modality, len(s.instances)) for s in study.series] == [("DX", 1), ("CT", 5)]


@pytest.mark.parametrize(
    "name", ["../evil.dcm", "/etc/passwd", "a/../../b.dcm", "C:/win.dcm", "a\\..\\b.dcm"]
)
def test_zip_with_unsafe_paths_is_refused(tmp_path: Path, ct, name: str) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("ok.dcm", to_bytes(ct[0]))
        zf.writestr(zipfile.ZipInfo(name), to_bytes(ct[1]))
    with pytest.raises(StudyRefused, match="unsafe path"):
        load_study(archive)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf,
        zf.open("bomb.dcm", "w", force_zip64=True) as fh,
    ):
        for _ in range(200):
            fh.write(bytes(1 << 20))
    assert archive.stat().st_size < 1 << 20
    with pytest.raises(StudyRefused, match="ZIP bomb"):
        load_study(archive)


def test_not_a_study_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "x.bin").write_bytes(b"\x00" * 300)
    with pytest.raises(StudyRefused, match="not a folder, a DICOMDIR or a ZIP"):
        load_study(tmp_path / "x.bin")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StudyRefused, match="no DICOM images"):
        load_study(empty)


def test_more_series_than_a_receiver_opens_are_refused_before_sending(tmp_path: Path) -> None:
    """Receivers refuse a package of more than MAX_STUDY_SERIES series (a flood of
    browser rows); the sender says so instead of sending one nobody can open."""
    dx = make_dx(4, 4)
    for n in range(MAX_STUDY_SERIES + 1):
        dx.SeriesInstanceUID = f"2.25.{n + 1}"
        (tmp_path / f"IM{n:04d}").write_bytes(to_bytes(dx))
    with pytest.raises(StudyRefused, match="more than 1000 series"):
        load_study(tmp_path)


def test_package_round_trip_reads_one_series(tmp_path: Path, ct) -> None:
    root = tmp_path / "two"
    root.mkdir()
    dx = make_dx(32, 32)
    dx.SeriesNumber = 1
    (root / "dx.dcm").write_bytes(to_bytes(dx))
    for k, ds in enumerate(ct[:6]):
        (root / f"ct{k}.dcm").write_bytes(to_bytes(ds))
    study = load_study(root)
    chunks = list(package_chunks(study))
    assert sum(len(c) for c in chunks) == package_size(study)
    manifest, _ = read_manifest(iter(chunks))
    assert manifest.summary == study.summary()
    assert [len(s.instances) for s in manifest.series] == [1, 6]
    assert manifest.series[1].instances[0].position == pytest.approx(-100.0)
    _, files = read_series(iter(chunks), 1)
    assert files == [i.ref.read() for i in study.series[1].instances]
    with pytest.raises(PackageRefused, match="cut short"):
        read_series(iter(chunks[:-1]), 1)
    with pytest.raises(PackageRefused, match="not a WardLink study"):
        read_manifest(iter([b"PK\x03\x04" + bytes(100)]))
