"""Folding, the search index and the LDAP filter subset, on real generated entries."""

from __future__ import annotations

import pytest

from desktop_app.directory.errors import FilterSyntaxError, InvalidEntry
from desktop_app.directory.folding import fold_variants
from desktop_app.directory.generate import functional_account, staff
from desktop_app.directory.ldapfilter import parse_filter
from desktop_app.directory.model import Entry, EntryKind, make_entry, unit_tree
from desktop_app.directory.search import Filters, SearchIndex

MUELLER = Entry(
    uid="mueller.jonas",
    cn="Jonas Müller",
    given_name="Jonas",
    sn="Müller",
    title="Oberarzt",
    department="Kardiologie",
    ward="Station 3B",
    roles=("Dienstarzt",),
    telephone_number="+49 40 1234-5678",
    pager="4711",
)
WEBER = Entry(
    uid="weber.anna",
    cn="Anna Weber",
    given_name="Anna",
    sn="Weber",
    title="Gesundheits- und Krankenpflegerin",
    department="Chirurgie",
    ward="Station 1A",
)
YILMAZ = Entry(uid="yilmaz.mia", cn="Mia Yılmaz", sn="Yılmaz", department="Kardiologie")
GROSS = Entry(uid="gross.ben", cn="Ben Groß", sn="Groß", title="Assistenzarzt")


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex([MUELLER, WEBER, YILMAZ, GROSS, *staff(300)])


def uids(entries: list[Entry]) -> list[str]:
    return [e.uid for e in entries]


def test_fold_variants_cover_stripped_and_transliterated() -> None:
    assert fold_variants("Müller") == ("muller", "mueller")
    assert fold_variants("  WEBER  Anna ") == ("weber anna",)
    assert fold_variants("Groß") == ("gross",)
    assert fold_variants("Yılmaz") == ("yilmaz",)


@pytest.mark.parametrize("query", ["muller", "mueller", "Müller", "MÜLLER", "müll", "ller"])
def test_umlaut_and_case_spellings_all_find_mueller(index: SearchIndex, query: str) -> None:
    assert "mueller.jonas" in uids(index.search(query, limit=1000))


def test_prefix_hits_rank_before_substring_hits(index: SearchIndex) -> None:
    found = index.search("arzt", limit=1000)
    # "Oberarzt", "Assistenzärztin", "Dienstarzt": substring hits only, all of them found
    assert found and all(
        "arzt" in fold_variants(f"{e.title} {' '.join(e.roles)}")[0] for e in found
    )
    expected = [e for e in index.entries if "arzt" in fold_variants(f"{e.title} {e.roles}")[0]]
    assert len(found) == len(expected)
    small = SearchIndex(
        [
            Entry(uid="h", cn="Jonas Hartmann"),
            Entry(uid="m", cn="Mandy Koch"),
            Entry(uid="x", cn="X"),
        ]
    )
    # name order would put Hartmann first; the word-prefix hit on "Mandy" ranks higher
    assert uids(small.search("man")) == ["m", "h"]
    assert uids(small.search("tman")) == ["h"]


def test_every_word_must_match_and_fields_are_searched(index: SearchIndex) -> None:
    assert uids(index.search("müller kardio 3b")) == ["mueller.jonas"]
    assert "weber.anna" in uids(index.search("krankenpfleg chirurgie anna", limit=1000))
    assert uids(index.search("dienstarzt jonas müller")) == ["mueller.jonas"]
    assert index.search("müller chirurgie nonexistentword") == []


def test_phone_and_pager_match_by_digits(index: SearchIndex) -> None:
    assert uids(index.search("1234-5678")) == ["mueller.jonas"]
    assert uids(index.search("4012345678")) == ["mueller.jonas"]
    assert "mueller.jonas" in uids(index.search("4711", limit=1000))


def test_filters_by_department_ward_role(index: SearchIndex) -> None:
    cardio = index.search("", Filters(department="kardiologie"), limit=1000)
    assert {"mueller.jonas", "yilmaz.mia"} <= set(uids(cardio))
    assert all(e.department == "Kardiologie" for e in cardio)
    assert uids(index.search("", Filters(ward="Station 3B", role="Dienstarzt"))) == [
        "mueller.jonas"
    ]
    assert index.search("weber", Filters(department="Kardiologie"), limit=1000) == [
        e for e in index.search("weber", limit=1000) if e.department == "Kardiologie"
    ]


def test_limit_bounds_results(index: SearchIndex) -> None:
    assert len(index.search("a", limit=7)) == 7
    assert len(index.search("a", limit=10**9)) <= 1000


def test_ldap_filter_subset(index: SearchIndex) -> None:
    flt = parse_filter("(&(department=Kardiologie)(title=*arzt*))")
    found = index.search("", Filters(ldap=flt), limit=1000)
    assert "mueller.jonas" in uids(found) and "yilmaz.mia" not in uids(found)
    assert all(e.department == "Kardiologie" and "arzt" in fold_variants(e.title)[0] for e in found)
    expected = {e.uid for e in index.entries if flt.matches(e)}
    assert len(expected) > 5 and set(uids(found)) == expected
    assert parse_filter("(sn=muller)").matches(MUELLER)
    assert parse_filter("(sn=MUELLER)").matches(MUELLER)
    assert parse_filter("(|(ou=chirurgie)(role=dienstarzt))").matches(WEBER)
    assert parse_filter("(!(pager=*))").matches(WEBER)
    assert not parse_filter("(!(pager=*))").matches(MUELLER)
    assert parse_filter("title=ober*").matches(MUELLER)
    assert not parse_filter("(title=*arzt)").matches(WEBER)
    assert parse_filter(r"(cn=jonas m\c3*)").matches(MUELLER) is False  # escape is one char


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("(&(department=Kardiologie)", "expects ')'"),
        ("(foo=bar)", "unknown attribute 'foo'"),
        ("(sn>=a)", "unsupported match type"),
        ("(&)", "empty '&'"),
        ("(sn=a))", "text after the end"),
        ("(&" * 40 + "(sn=a)" + ")" * 40, "nests deeper"),
        ("(sn)", "not attribute=value"),
    ],
)
def test_bad_filters_get_clear_errors(text: str, needle: str) -> None:
    with pytest.raises(FilterSyntaxError, match="filter") as info:
        parse_filter(text)
    assert needle in str(info.value)


def test_make_entry_checks_and_functional_accounts() -> None:
    entry = make_entry({"uid": "koch.lea", "givenName": "", "given_name": "Lea", "sn": "Koch"})
    assert entry.cn == "Lea Koch" and entry.kind is EntryKind.PERSON
    with pytest.raises(InvalidEntry, match="uid 'Koch Lea'"):
        make_entry({"uid": "Koch Lea", "cn": "x"})
    with pytest.raises(InvalidEntry, match="only a functional account has holders"):
        make_entry({"uid": "x", "cn": "x", "holders": ["a"]})
    dienst = make_entry(
        {"uid": "dienst.kardio", "cn": "Dienstarzt Kardiologie", "kind": "function",
         "holders": ["mueller.jonas", "mueller.jonas"]}
    )  # fmt: skip
    assert dienst.is_function and dienst.holders == ("mueller.jonas",)
    assert functional_account("f", "F", "Kardiologie", ("a",)).is_function


def test_unit_tree_is_hospital_department_ward() -> None:
    tree = unit_tree("Klinikum Nord", [MUELLER, WEBER, YILMAZ, GROSS])
    assert tree.name == "Klinikum Nord" and tree.members == ("gross.ben",)
    assert [d.name for d in tree.children] == ["Chirurgie", "Kardiologie"]
    cardio = tree.children[1]
    assert cardio.members == ("yilmaz.mia",)
    assert [(w.name, w.members) for w in cardio.children] == [("Station 3B", ("mueller.jonas",))]
