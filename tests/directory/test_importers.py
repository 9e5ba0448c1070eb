"""CSV and LDIF import: good rows come through, bad rows are reported by number."""

from __future__ import annotations

import base64

import pytest

from desktop_app.directory.errors import ImportFailed
from desktop_app.directory.importers import import_csv, import_file, import_ldif
from desktop_app.directory.model import EntryKind

CSV = """uid,givenName,sn,title,department,ward,roles,telephoneNumber,pager,mail,kind,holders
mueller.jonas,Jonas,Müller,Oberarzt,Kardiologie,Station 3B,Dienstarzt;Reanimationsteam,+49 1,\
4711,j@k.example,,
weber.anna,Anna,Weber,Pflegerin,Chirurgie,Station 1A,,,,,,
Bad Uid,X,Y,,,,,,,,,
,Kein,Uid,,,,,,,,,
mueller.jonas,Dup,Licate,,,,,,,,,
short,row
dienst.kardio,,,,Kardiologie,,,,,,function,mueller.jonas
,,,,,,,,,,,
x.y,Nur,Name,,,,,,,,robot,
"""


def test_csv_imports_good_rows_and_reports_bad_ones() -> None:
    result = import_csv(CSV.encode())
    assert [e.uid for e in result.entries] == ["mueller.jonas", "weber.anna"]
    assert [str(e) for e in result.errors] == [
        "row 4: uid 'Bad Uid' must be lower-case letters, digits, '.', '_' or '-'",
        "row 5: uid is missing",
        "row 6: uid mueller.jonas appears twice; the first one is kept",
        "row 7: has 2 cells, the header 12",
        "row 8: dienst.kardio: cn (or givenName and sn) is missing",
        "row 10: kind 'robot' is neither 'person' nor 'function'",
    ]
    jonas = result.entries[0]
    assert jonas.cn == "Jonas Müller" and jonas.roles == ("Dienstarzt", "Reanimationsteam")
    assert jonas.pager == "4711" and jonas.ward == "Station 3B"


def test_csv_semicolon_and_functional_account() -> None:
    text = (
        "uid;cn;department;kind;holders\nd.k;Dienstarzt Kardiologie;Kardiologie;function;a.b,c.d\n"
    )
    result = import_csv(text.encode("utf-8-sig"))
    assert result.errors == ()
    (entry,) = result.entries
    assert entry.kind is EntryKind.FUNCTION and entry.holders == ("a.b", "c.d")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the CSV file is empty"),
        (b"uid,shoesize\nx,42\n", "unknown attributes: shoesize"),
        (b"cn,sn\nx,y\n", "no uid column"),
        (b"uid,cn\n\xff\xfe,x\n", "not UTF-8"),
    ],
)
def test_unusable_csv_files_fail_as_a_whole(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailed, match=message):
        import_csv(data)


LDIF = f"""version: 1
# the units themselves have no uid and are skipped
dn: ou=Kardiologie,o=Klinikum
objectClass: organizationalUnit
ou: Kardiologie

dn: uid=mueller.jonas,ou=Kardiologie,o=Klinikum
objectClass: inetOrgPerson
uid: mueller.jonas
cn: Jonas Müller
sn:: {base64.b64encode("Müller".encode()).decode()}
givenName: Jonas
title: Ober
 arzt
ou: Kardiologie
telephoneNumber: +49 40 1234

dn: uid=broken,o=Klinikum
uid: broken
sn:: !!!notbase64
cn: Broken

dn: uid=noattr,o=Klinikum
this line has no colon

dn: uid=weber.anna,o=Klinikum
uid: weber.anna
cn: Anna Weber
role: Praxisanleitung
role: Dienstarzt
"""


def test_ldif_imports_good_records_and_reports_bad_lines() -> None:
    result = import_ldif(LDIF.encode())
    assert [e.uid for e in result.entries] == ["mueller.jonas", "weber.anna"]
    assert [str(e) for e in result.errors] == [
        "line 20: sn has invalid base64 or non-UTF-8 text",
        "line 24: 'this line has no colon' is not 'attribute: value'",
    ]
    jonas, anna = result.entries
    assert (jonas.sn, jonas.title, jonas.department) == ("Müller", "Oberarzt", "Kardiologie")
    assert anna.roles == ("Praxisanleitung", "Dienstarzt")


def test_ldif_base64_value_with_non_ascii_characters_is_a_row_error() -> None:
    # Found by fuzzing (tests/fuzz): b64decode raised a bare ValueError for "sn:: Vé".
    result = import_ldif("uid: weber.anna\ncn: Anna\nsn:: Vé\n".encode())
    assert result.entries == ()
    assert [str(e) for e in result.errors] == ["line 3: sn has invalid base64 or non-UTF-8 text"]


def test_import_file_chooses_by_extension() -> None:
    assert import_file("staff.LDIF", LDIF.encode()).entries[0].uid == "mueller.jonas"
    assert import_file("staff.csv", CSV.encode()).entries[1].uid == "weber.anna"


def test_imported_texts_lose_controls_and_direction_overrides() -> None:
    """What the LDAP sync does (tests/relay/test_ldap_hostile.py), CSV and LDIF do too:
    the right-to-left override that made "Dr. \\u202eRELLÜM" read "Dr. MÜLLER" is
    dropped, a decomposed umlaut composed, an escape character a space."""
    csv_file = "uid,cn,title,roles\nrlo,Dr. \u202eRELLÜM,Ober\x1barzt,Dienst\u200barzt\n"
    (entry,) = import_csv(csv_file.encode()).entries
    assert (entry.cn, entry.title, entry.roles) == ("Dr. RELLÜM", "Ober arzt", ("Dienstarzt",))
    cn = base64.b64encode("Dr. Mu\u0308ller\u2067".encode()).decode()
    (entry,) = import_ldif(f"dn: uid=nfd,o=x\nuid: nfd\ncn:: {cn}\n".encode()).entries
    assert entry.cn == "Dr. M\u00fcller"
