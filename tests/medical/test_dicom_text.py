"""DICOM names, dates and times as staff read them; malformed values are shown as stored."""

from __future__ import annotations

import pytest

from desktop_app.medical import dicom_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Demo^Patient", "Demo, Patient"),
        ("Weber^Anna^Maria^Dr.^MD", "Weber, Dr. Anna Maria MD"),
        ("Weber^Anna^^Dr.", "Weber, Dr. Anna"),
        ("Mustermann", "Mustermann"),
        ("^Erika", "Erika"),
        ("Yamada^Tarou=山田^太郎=やまだ^たろう", "Yamada, Tarou"),
        (" Demo ^ Patient ", "Demo, Patient"),
        ("=山田^太郎=やまだ^たろう", "山田, 太郎"),
        ("", ""),
        ("^^^^", ""),
        ("a^b^c^d^e^f^g", "a, d b c e"),  # more than five components: the rest is ignored
    ],
)
def test_person_names(raw: str, shown: str) -> None:
    assert dicom_text.person_name(raw) == shown


@pytest.mark.parametrize(
    ("raw", "de", "en"),
    [
        ("19580314", "14.03.1958", "1958-03-14"),
        ("1958.03.14", "14.03.1958", "1958-03-14"),  # ACR-NEMA form
        ("20260231", "20260231", "20260231"),  # no such day: raw
        ("1958031", "1958031", "1958031"),
        ("19581314", "19581314", "19581314"),
        ("abcdefgh", "abcdefgh", "abcdefgh"),
        ("", "", ""),
    ],
)
def test_dates_by_language(raw: str, de: str, en: str) -> None:
    assert dicom_text.date(raw, "de") == de
    assert dicom_text.date(raw, "en") == en


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("140312.123456", "14:03:12"),
        ("140312", "14:03:12"),
        ("1403", "14:03"),
        ("14", "14:00"),
        ("14:03:12", "14:03:12"),  # old form with colons
        ("250000", "250000"),
        ("146100", "146100"),
        ("14031", "14031"),
        ("14.5", "14.5"),
        ("noon", "noon"),
    ],
)
def test_times(raw: str, shown: str) -> None:
    assert dicom_text.time(raw) == shown


@pytest.mark.parametrize(
    ("raw", "de", "en"),
    [
        ("19580314140312.5+0100", "14.03.1958 14:03:12 +0100", "1958-03-14 14:03:12 +0100"),
        ("195803141403", "14.03.1958 14:03", "1958-03-14 14:03"),
        ("19580314", "14.03.1958", "1958-03-14"),
        ("195803", "03.1958", "1958-03"),
        ("1958", "1958", "1958"),
        ("195813", "195813", "195813"),
        ("19580314996699", "19580314996699", "19580314996699"),
        ("1958031414x", "1958031414x", "1958031414x"),
    ],
)
def test_date_times(raw: str, de: str, en: str) -> None:
    assert dicom_text.date_time(raw, "de") == de
    assert dicom_text.date_time(raw, "en") == en


def test_values_by_vr_and_multi_values() -> None:
    assert dicom_text.value("PN", "Demo^Patient", "de") == "Demo, Patient"
    assert dicom_text.value("DA", "19580314\\2026131", "de") == "14.03.1958; 2026131"
    assert dicom_text.value("TM", "0800\\1630", "en") == "08:00; 16:30"
    assert dicom_text.value("LO", "19580314", "de") == "19580314"  # other VRs as stored
