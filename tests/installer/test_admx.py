"""The Group Policy templates write exactly the registry values load_policy reads."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import fields
from pathlib import Path

import pytest

from desktop_app.services import policy
from desktop_app.services.policy import POLICY_FIELDS, Policy, load_policy

ROOT = Path(__file__).resolve().parents[2]
POLICY_DIR = ROOT / "installer" / "windows" / "policy"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
LANGUAGES = ("en-US", "de-DE")


def admx() -> ET.Element:
    return ET.parse(POLICY_DIR / "wardlink.admx").getroot()


def adml(language: str) -> ET.Element:
    return ET.parse(POLICY_DIR / language / "wardlink.adml").getroot()


def policies() -> list[ET.Element]:
    return admx().findall("p:policies/p:policy", NS)


def value_name(element: ET.Element) -> str:
    """The registry value a policy writes: on the policy itself or its one element."""
    if "valueName" in element.attrib:
        return element.attrib["valueName"]
    (child,) = children(element)
    return child.attrib["valueName"]


def children(element: ET.Element) -> list[ET.Element]:
    """The policy's <elements> (text, decimal, ...); none for an on/off policy."""
    found = element.find("p:elements", NS)
    return [] if found is None else list(found)


def test_every_policy_field_has_exactly_one_policy_and_nothing_else() -> None:
    names = [value_name(p) for p in policies()]
    assert sorted(names) == sorted(POLICY_FIELDS)
    assert len(names) == len(set(names))


def test_all_under_the_key_load_policy_reads_machine_wide() -> None:
    for element in policies():
        assert element.attrib["key"] == policy.REGISTRY_KEY
        assert element.attrib["class"] == "Machine"


def test_element_types_and_ranges_match_the_checks() -> None:
    by_value = {value_name(p): p for p in policies()}
    ints = {
        "auto_lock_minutes": (policy.MIN_AUTO_LOCK_MINUTES, policy.MAX_AUTO_LOCK_MINUTES),
        "retention_days": (policy.MIN_RETENTION_DAYS, policy.MAX_RETENTION_DAYS),
        "prune_unused_days": (policy.MIN_PRUNE_DAYS, policy.MAX_RETENTION_DAYS),
        "urgent_escalation_minutes": (0, policy.MAX_URGENT_ESCALATION_MINUTES),
        "ephemeral_hours": (1, policy.MAX_EPHEMERAL_HOURS),
    }
    for field in fields(Policy):
        if field.name == "problems":
            continue
        name = field.name
        element = by_value[name]
        kind = str(field.type)
        if "bool" in kind:  # enabled 1 / disabled 0 as REG_DWORD
            assert element.find("p:enabledValue/p:decimal", NS).attrib["value"] == "1"
            assert element.find("p:disabledValue/p:decimal", NS).attrib["value"] == "0"
        elif "int" in kind:
            decimal = element.find("p:elements/p:decimal", NS)
            assert decimal is not None, name
            low, high = ints[name]
            assert (int(decimal.attrib["minValue"]), int(decimal.attrib["maxValue"])) == (low, high)
            assert decimal.attrib.get("storeAsText", "false") == "false"  # REG_DWORD
        else:
            assert element.find("p:elements/p:text", NS) is not None, name


def test_what_group_policy_writes_is_what_load_policy_accepts(tmp_path: Path) -> None:
    """Values as GPO stores them (REG_SZ text, REG_DWORD numbers) pass validation."""
    written = {
        "org_fingerprint": "3f2a91c05b7e2d448a10c3f90e6b7d2194af38c25d07e1b6a9f04c832e9571da",
        "relay_address": "relay.klinik.local:8443",
        "relay_addresses": "relay1.klinik.local:8443,relay2.klinik.local:8443",
        "auto_lock_minutes": 5,
        "retention_days": 365,
        "receipts": 0,
        "export_allowed": 1,
        "copy_allowed": 0,
        "block_screen_capture": 1,
        "privacy_notice_de": "Datenschutzhinweise des Klinikums ...",
        "privacy_notice_en": "Privacy notice of the hospital ...",
        "prune_unused_days": 90,
        "urgent_escalation_minutes": 0,
        "receive_while_pin_locked": 0,
        "ephemeral_hours": 24,
        "forward_allowed": 0,
        "typing_indicator": 1,
        "video_allowed": 0,
        "screen_share_allowed": 1,
        "turn_only": 1,
        "call_interfaces": "10.20.0.15, 10.30.0.15",
        "turn_servers": "turn:10.20.0.9:3478?transport=udp wardlink s3cret",
        "calls_allowed": 0,
        "call_udp_ports": "50000-50100",
    }
    assert set(written) == {value_name(p) for p in policies()}
    loaded = load_policy(tmp_path / "none.json", registry=True, read_registry=lambda: written)
    assert loaded.problems == ()
    assert loaded.managed == POLICY_FIELDS


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_and_presentation_exists_in_each_language(language: str) -> None:
    text = (POLICY_DIR / "wardlink.admx").read_text(encoding="utf-8")
    strings = set(re.findall(r"\$\(string\.(\w+)\)", text))
    presentations = set(re.findall(r"\$\(presentation\.(\w+)\)", text))
    resources = adml(language)
    have_strings = {s.attrib["id"] for s in resources.iterfind(".//p:stringTable/p:string", NS)}
    assert have_strings == strings
    table = {
        p.attrib["id"]: p for p in resources.iterfind(".//p:presentationTable/p:presentation", NS)
    }
    assert set(table) == presentations
    for element in policies():
        ref = re.fullmatch(r"\$\(presentation\.(\w+)\)", element.attrib.get("presentation", ""))
        ids = {e.attrib["id"] for e in children(element)}
        if ref is None:
            assert not ids
            continue
        controls = {c.attrib["refId"] for c in table[ref.group(1)]}
        assert controls == ids


def test_the_example_policy_file_is_valid() -> None:
    example = ROOT / "installer" / "linux" / "debian" / "policy.json.example"
    loaded = load_policy(example, registry=False)
    assert loaded.problems == ()
    # Every setting is named; those set to null (not managed) are there to be seen.
    named = json.loads(example.read_text(encoding="utf-8"))
    assert set(named) == set(POLICY_FIELDS)
    assert loaded.managed == tuple(f for f in POLICY_FIELDS if named[f] is not None)
