"""Machine policy: the file, the Windows registry on top, every value checked."""

from __future__ import annotations

import json
import logging
from dataclasses import fields
from pathlib import Path

import pytest

from desktop_app.services import policy as policy_mod
from desktop_app.services.policy import (
    DEFAULT_AUTO_LOCK_MINUTES,
    DEFAULT_RETENTION_DAYS,
    MAX_AUTO_LOCK_MINUTES,
    POLICY_FIELDS,
    Policy,
    call_udp_ports,
    calls_allowed,
    effective,
    load_policy,
    retention_days,
)

FINGERPRINT = " ".join(["3F2A"] * 16)
TYPED_FINGERPRINT = "3f:2a:" * 15 + "3f:2a"


def write(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_no_file_and_no_registry_means_nothing_is_managed(tmp_path: Path) -> None:
    policy = load_policy(tmp_path / "missing.json", registry=False)
    assert policy == Policy()
    assert policy.managed == ()
    assert not policy.is_managed("auto_lock_minutes")
    with pytest.raises(KeyError):
        policy.is_managed("problems")


def test_a_complete_file(tmp_path: Path) -> None:
    notice_file = tmp_path / "privacy-notice.en.md"
    notice_file.write_text("Privacy notice\nDPO: ext. 1234\n", encoding="utf-8")
    path = write(
        tmp_path,
        {
            "org_fingerprint": TYPED_FINGERPRINT,
            "relay_address": " relay.klinikum.local:8443 ",
            "relay_addresses": ["relay1.klinikum.local:8443", " [fd00::6]:8443"],
            "auto_lock_minutes": 5,
            "retention_days": 90,
            "receipts": True,
            "export_allowed": False,
            "copy_allowed": False,
            "block_screen_capture": True,
            "privacy_notice_de": "Datenschutzhinweise\nDSB: Tel. 1234",
            "privacy_notice_en": str(notice_file),
            "prune_unused_days": 90,
            "urgent_escalation_minutes": 0,
            "receive_while_pin_locked": False,
            "ephemeral_hours": 24,
            "forward_allowed": False,
            "call_interfaces": "10.20.0.15,  fd00::5 127.0.0.1",
            "turn_servers": " turn:10.20.0.9:3478 wl s3cret ;turns:turn.klinik.local:5349  a b;",
            "typing_indicator": True,
            "video_allowed": False,
            "screen_share_allowed": False,
            "turn_only": True,
            "calls_allowed": False,
            "call_udp_ports": " 50000 - 50100",
        },
    )
    policy = load_policy(path, registry=False)
    assert policy == Policy(
        org_fingerprint=FINGERPRINT,  # normalised to the form fingerprint.py prints
        relay_address="relay.klinikum.local:8443",
        relay_addresses="relay1.klinikum.local:8443,[fd00::6]:8443",
        auto_lock_minutes=5,
        retention_days=90,
        receipts=True,
        export_allowed=False,
        copy_allowed=False,
        block_screen_capture=True,
        privacy_notice_de="Datenschutzhinweise\nDSB: Tel. 1234",
        privacy_notice_en="Privacy notice\nDPO: ext. 1234",  # read from the file
        prune_unused_days=90,
        urgent_escalation_minutes=0,
        receive_while_pin_locked=False,
        ephemeral_hours=24,
        forward_allowed=False,
        call_interfaces="10.20.0.15, fd00::5, 127.0.0.1",
        turn_servers="turn:10.20.0.9:3478 wl s3cret; turns:turn.klinik.local:5349 a b",
        typing_indicator=True,
        video_allowed=False,
        screen_share_allowed=False,
        turn_only=True,
        calls_allowed=False,
        call_udp_ports="50000-50100",
    )
    assert policy.managed == POLICY_FIELDS
    assert call_udp_ports(policy) == (50000, 50100) and not calls_allowed(policy)
    assert call_udp_ports(Policy()) is None and calls_allowed(Policy())
    version = policy.privacy_notice_version
    assert version is not None and len(version) == 16
    notice_file.write_text("Privacy notice\nDPO: ext. 5678\n", encoding="utf-8")
    assert load_policy(path, registry=False).privacy_notice_version != version
    assert Policy().privacy_notice_version is None
    assert load_policy(write(tmp_path, {"relay_address": "[fd00::5]:8443"})).relay_address == (
        "[fd00::5]:8443"
    )


BAD_VALUES = [
    ("privacy_notice_de", "/nonexistent/privacy-notice.de.md"),  # a file that is not there
    ("privacy_notice_en", ""),
    ("copy_allowed", "no"),
    ("org_fingerprint", "3F2A 91C0"),  # too short
    ("org_fingerprint", "not hex at all" * 5),
    ("org_fingerprint", 42),
    ("call_interfaces", "10.0.0.5, eth0"),  # an interface name, not an address
    ("call_interfaces", "10.0.0.256"),
    ("call_interfaces", " "),
    ("turn_servers", "turn:10.20.0.9:3478"),  # no credentials
    ("turn_servers", "stun:stun.l.google.com:19302 a b"),  # not TURN
    ("turn_servers", "turn:h:1 a b; " * 5),  # too many
    ("relay_address", "10.0.0.5"),  # no port
    ("relay_address", "10.0.0.5:0"),
    ("relay_address", "10.0.0.5:70000"),
    ("relay_address", "https://relay/x:8443"),
    ("relay_address", 8443),
    ("relay_address", ""),
    ("auto_lock_minutes", 0),
    ("auto_lock_minutes", MAX_AUTO_LOCK_MINUTES + 1),
    ("auto_lock_minutes", "10"),
    ("auto_lock_minutes", 2.5),
    ("auto_lock_minutes", True),
    ("retention_days", -1),
    ("retention_days", 100_000),
    ("receipts", "yes"),
    ("receipts", 2),
    ("export_allowed", "false"),
    ("calls_allowed", "off"),
    ("call_udp_ports", "50000"),  # one port, no range
    ("call_udp_ports", "50100-50000"),  # upside down
    ("call_udp_ports", "80-90"),  # privileged
    ("call_udp_ports", "50000-50002"),  # too few for a call with a group
    ("call_udp_ports", 50000),
]


@pytest.mark.parametrize(("key", "value"), BAD_VALUES)
def test_a_bad_value_is_reported_and_ignored_the_rest_applies(
    tmp_path: Path, key: str, value: object, caplog: pytest.LogCaptureFixture
) -> None:
    good_key = "retention_days" if key != "retention_days" else "auto_lock_minutes"
    path = write(tmp_path, {key: value, good_key: 30})
    with caplog.at_level(logging.WARNING, logger="wardlink.policy"):
        policy = load_policy(path, registry=False)
    assert getattr(policy, key) is None
    assert getattr(policy, good_key) == 30
    assert len(policy.problems) == 1
    assert policy.problems[0].startswith(f"{path}: {key} ")
    assert policy.problems[0].endswith("; this setting is ignored")
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert key in caplog.records[0].getMessage()


def test_null_means_not_managed(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, {"retention_days": None, "receipts": False}))
    assert policy == Policy(receipts=False)


def test_unknown_keys_are_reported(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, {"autolock_minutes": 5}), registry=False)
    assert policy.auto_lock_minutes is None
    assert policy.problems == (
        f"{tmp_path / 'policy.json'}: unknown setting 'autolock_minutes' is ignored",
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "is not valid JSON"),
        (b"[1, 2]", "must hold one JSON object"),
        (b"\xff\xfe{}", "is not valid JSON"),
        (b" " * 70_000, "is larger than 64 KiB"),
        (b"[" * 5000, "nests JSON too deeply"),  # was a RecursionError (tests/fuzz)
    ],
)
def test_a_broken_file_is_one_clear_error_not_a_crash(
    tmp_path: Path, content: bytes, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "policy.json"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="wardlink.policy"):
        policy = load_policy(path, registry=False)
    assert policy.managed == ()
    (problem,) = policy.problems
    assert reason in problem and str(path) in problem and problem.endswith("the file is ignored")
    assert [r.levelno for r in caplog.records] == [logging.ERROR]


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.mkdir()  # reading a directory fails with an OSError on every OS
    (problem,) = load_policy(path, registry=False).problems
    assert problem.startswith(f"cannot read the policy file {path}")


def test_a_utf8_bom_from_notepad_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"receipts": False}).encode())
    assert load_policy(path, registry=False) == Policy(receipts=False)


def test_the_registry_wins_over_the_file_field_by_field(tmp_path: Path) -> None:
    path = write(tmp_path, {"auto_lock_minutes": 5, "relay_address": "10.0.0.5:8443"})
    registry = {"auto_lock_minutes": 15, "export_allowed": 0, "receipts": 1}
    policy = load_policy(path, registry=True, read_registry=lambda: registry)
    assert policy == Policy(
        relay_address="10.0.0.5:8443",  # only in the file
        auto_lock_minutes=15,  # the registry wins
        receipts=True,
        export_allowed=False,  # REG_DWORD 0
    )
    # Without the registry switch (as on Linux) the reader is never asked.
    assert load_policy(path, registry=False, read_registry=lambda: registry).auto_lock_minutes == 5


def test_a_bad_registry_value_leaves_the_file_value(tmp_path: Path) -> None:
    path = write(tmp_path, {"auto_lock_minutes": 5})
    policy = load_policy(path, registry=True, read_registry=lambda: {"auto_lock_minutes": 0})
    assert policy.auto_lock_minutes == 5
    (problem,) = policy.problems
    assert problem.startswith("HKLM\\Software\\Policies\\WardLink: auto_lock_minutes must be")


def test_registry_only_and_an_unreadable_registry(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    assert load_policy(missing, registry=True, read_registry=lambda: {"retention_days": 7}) == (
        Policy(retention_days=7)
    )

    def denied() -> dict[str, object]:
        raise PermissionError("access denied")

    policy = load_policy(write(tmp_path, {"receipts": True}), registry=True, read_registry=denied)
    assert policy.receipts is True
    assert "cannot read the registry key" in policy.problems[0]


def test_registry_defaults_to_windows_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []

    def reader() -> dict[str, object]:
        asked.append(True)
        return {}

    monkeypatch.setattr(policy_mod.sys, "platform", "linux")
    load_policy(tmp_path / "none.json", read_registry=reader)
    assert asked == []
    monkeypatch.setattr(policy_mod.sys, "platform", "win32")
    load_policy(tmp_path / "none.json", read_registry=reader)
    assert asked == [True]


def test_default_path_per_os(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy_mod.sys, "platform", "linux")
    assert policy_mod.default_policy_path() == Path("/etc/wardlink/policy.json")
    monkeypatch.setattr(policy_mod.sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "D:\\PD")
    assert policy_mod.default_policy_path() == Path("D:\\PD") / "WardLink" / "policy.json"


def test_effective_policy_then_user_then_default() -> None:
    assert effective(5, 30, DEFAULT_AUTO_LOCK_MINUTES) == 5
    assert effective(None, 30, DEFAULT_AUTO_LOCK_MINUTES) == 30
    assert effective(None, None, DEFAULT_AUTO_LOCK_MINUTES) == 10
    assert effective(False, True, True) is False  # a managed False is still managed


def test_every_field_except_problems_is_a_setting() -> None:
    names = [f.name for f in fields(Policy)]
    assert names[-1] == "problems"
    assert tuple(names[:-1]) == POLICY_FIELDS
    assert set(policy_mod._CHECKS) == set(POLICY_FIELDS)


def test_retention_is_90_days_unless_it_sets_another_and_0_keeps_forever(tmp_path: Path) -> None:
    assert retention_days(Policy()) == DEFAULT_RETENTION_DAYS == 90
    assert retention_days(load_policy(write(tmp_path, {"retention_days": 30}))) == 30
    kept = load_policy(write(tmp_path, {"retention_days": 0}))
    assert kept.retention_days == 0 and not kept.problems
    assert retention_days(kept) is None
