"""`admin person report UID`: what the relay holds about one person, for her request of
access (Art. 15 GDPR), on both store backends.

A real relay on 127.0.0.1 with a directory, two people (Anna, Jonas), devices enrolled,
a take-over of a functional account Jonas held, messages and files waiting, an export
reported by each; the report names everything of Anna's and nothing of Jonas's.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.commands.person_report_text import render
from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry, TakeoverPolicy
from desktop_app.domain.ids import Uid
from desktop_app.protocol import (
    AnswerRoleRequest,
    BlobChunk,
    BlobReady,
    BlobStored,
    BlobUpload,
    EnvelopeAccepted,
    ExportKind,
    ExportRecorded,
    ReportExport,
    RoleRequestAnswered,
    RoleRequested,
    RoleTaken,
    SendEnvelope,
    TakeOverRole,
)
from desktop_app.relay import audit
from desktop_app.relay.admin import issue_code
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import import_directory
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.leavers import remove_person
from desktop_app.relay.person_report import REPORT_KEYS, UnknownPerson, person_report
from desktop_app.relay.person_report_audit import Redactor
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN, live_relay
from tests.relay.wire_client import Device, WireClient

ANNA, JONAS, PHONE, NIGHT = "klein.anna", "mueller.jonas", "dienst.kardio", "nacht.kardio"
STAFF = [
    Entry(ANNA, "Anna Klein", "Anna", "Klein", "Dr.", "Kardiologie", "Station 3A",
          telephone_number="+49 40 1234-111", mail="anna.klein@klinikum.example"),
    Entry(JONAS, "Jonas Müller", "Jonas", "Müller", "", "Kardiologie", "Station 3A",
          telephone_number="+49 40 1234-222", mail="jonas.mueller@klinikum.example"),
    functional_account(PHONE, "Dienstarzt Kardiologie", "Kardiologie", (JONAS,)),
    dataclasses.replace(functional_account(NIGHT, "Nachtdienst Kardiologie", "Kardiologie",
                                           (JONAS,)), takeover_policy=TakeoverPolicy.HOLDER),
]  # fmt: skip
ANNA_BLOB, JONAS_BLOB = os.urandom(70_001), os.urandom(50_003)
DEVICE_KEYS = {"device_id", "device_name", "enrolled", "revoked", "last_seen",
               "certificate_serial", "certificate_expires", "published_keys",
               "waiting_envelopes", "waiting_blobs", "blobs_uploaded"}  # fmt: skip
"""docs/privacy.md "Requests of the people concerned": the keys a device has."""
JONAS_TRACES = (JONAS, "Jonas", "Müller", "JONAS-PC1", "Jonas Laptop", "+49 40 1234-222", "fhir")


async def _upload(client: WireClient, blob_id: str, data: bytes) -> None:
    ready = await client.request(BlobUpload(client.ids.next(), blob_id, len(data)))
    assert isinstance(ready, BlobReady) and ready.offset == 0, ready
    await client.send(BlobChunk(ready.req_id, blob_id, 0, data, True))
    while not isinstance(frame := await client.next_frame(), BlobStored):
        pass  # a delivery pushed meanwhile
    assert frame.blob_id == blob_id


async def _send(client: WireClient, envelope_id: str, to: list[str], blobs: list[str]) -> None:
    frame = SendEnvelope(client.ids.next(), envelope_id, to, b"ciphertext " * 20, {}, blobs)  # type: ignore[arg-type]
    assert isinstance(await client.request(frame), EnvelopeAccepted)


async def _ward(root: Path) -> dict[str, str]:
    """Anna: two PCs, takes the phone over from Jonas, asks for the night phone (Jonas
    declines), uploads and sends a file to Jonas, exports once. Jonas: one PC, sends
    her two messages and a file, exports."""
    async with live_relay(root) as relay:
        anna, _ = await relay.enrolled(ANNA, "ANNA-PC1")
        first, pc2 = await relay.enrolled(ANNA, "ANNA-PC2")
        await first.close()
        anna2 = await relay.logged_in(pc2)  # a login: "last seen"
        jonas = await relay.client()
        enrolled = await jonas.enroll(Device(JONAS, "JONAS-PC1"), issue_code(root, JONAS).code,
                                      name="Jonas Laptop")  # fmt: skip
        assert type(enrolled).__name__ == "Enrolled", enrolled  # and logged in
        taken = await anna.request(TakeOverRole(anna.ids.next(), Uid(PHONE)))
        assert isinstance(taken, RoleTaken), taken
        asked = await anna.request(TakeOverRole(anna.ids.next(), Uid(NIGHT)))
        assert isinstance(asked, RoleRequested), asked
        no = await jonas.request(AnswerRoleRequest(jonas.ids.next(), asked.request_id, False))
        assert isinstance(no, RoleRequestAnswered) and not no.approved, no
        await _upload(anna, "anna-file", ANNA_BLOB)
        await _upload(jonas, "jonas-file", JONAS_BLOB)
        await _send(anna, "E-ANNA-1", ["JONAS-PC1"], ["anna-file"])
        for n in (1, 2):
            await _send(jonas, f"E-JONAS-{n}", ["ANNA-PC1", "ANNA-PC2"], ["jonas-file"])
        pdf = await anna.request(ReportExport(anna.ids.next(), ExportKind.PDF, 3))
        fhir = await jonas.request(ReportExport(jonas.ids.next(), ExportKind.FHIR, 7))
        assert isinstance(pdf, ExportRecorded) and isinstance(fhir, ExportRecorded)
        for client in (anna, anna2, jonas):
            await client.close()
    store = RelayDataDir(root).open_store()
    try:
        return {d.device_id: d.serial for d in store.devices(None)}
    finally:
        store.close()


def test_report_names_all_of_anna_and_nothing_of_jonas(
    any_relay_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = any_relay_root
    staff = tmp_path / "staff.csv"
    staff.write_bytes(to_csv(STAFF))
    assert import_directory(root, staff, ADMIN).error_count == 0
    serials = asyncio.run(_ward(root))
    issue_code(root, ANNA)  # not redeemed: "valid"
    issue_code(root, JONAS)

    doc = person_report(root, ANNA, "json")

    assert tuple(doc) == REPORT_KEYS and doc["format"] == "wardlink-person-report-v1"
    directory = doc["directory"]
    assert directory["status"] == "current"
    assert directory["entry"]["cn"] == "Anna Klein"
    assert directory["entry"]["telephone_number"] == "+49 40 1234-111"
    assert [v["version"] for v in directory["versions"]] == [1, 2]  # import, take-over
    assert all(v["date"] for v in directory["versions"])
    roles = doc["functional_accounts"]
    assert roles["holds_now"] == [{"uid": PHONE, "cn": "Dienstarzt Kardiologie"}]
    assert [(h["role"], h["holders"], h["set_by"]) for h in roles["handovers"]] == [
        (PHONE, [ANNA], ANNA)
    ]
    [request] = roles["takeover_requests"]
    assert (request["role"], request["requester"], request["status"]) == (NIGHT, ANNA, "declined")
    assert request["answered_by"] == "(another person)" and request["answered"]
    devices = {d["device_id"]: d for d in doc["devices"]}
    assert set(devices) == {"ANNA-PC1", "ANNA-PC2"}
    for device_id, device in devices.items():
        assert set(device) == DEVICE_KEYS
        assert device["certificate_serial"] == serials[device_id]
        assert device["revoked"] is None and device["enrolled"]
        assert device["waiting_envelopes"]["count"] == 2  # Jonas's two messages
        assert device["waiting_envelopes"]["bytes"] > 0
        assert device["waiting_blobs"] == {
            "count": 1, "bytes": len(JONAS_BLOB), "oldest": device["waiting_blobs"]["oldest"]
        }  # fmt: skip
    assert devices["ANNA-PC2"]["last_seen"] and devices["ANNA-PC1"]["last_seen"] is None
    [upload] = devices["ANNA-PC1"]["blobs_uploaded"]
    assert (upload["size"], upload["complete"], upload["readers"]) == (len(ANNA_BLOB), True, 1)
    assert devices["ANNA-PC2"]["blobs_uploaded"] == []
    codes = doc["enrollment_codes"]
    assert sorted(c["state"] for c in codes) == ["used", "used", "valid"]
    assert {c["used_by_device"] for c in codes} == {"ANNA-PC1", "ANNA-PC2", None}
    assert doc["sent_waiting"]["count"] == 1
    assert [(e["kind"], e["messages"]) for e in doc["exports"]] == [("pdf", 3)]
    events = [e["event"] for e in doc["audit"]]
    for event in ("enrollment_code_issued", "enrolled", "login", "role_handover",
                  "role_request", "role_request_declined", "export_recorded"):  # fmt: skip
        assert event in events, events
    [handover] = [e for e in doc["audit"] if e["event"] == "role_handover"]
    assert handover["old_holders"] == "(another person)"

    as_json = json.dumps(doc, ensure_ascii=False)
    text = render(doc)
    for report in (as_json, text):
        for trace in JONAS_TRACES:
            assert trace not in report, trace
        assert serials["JONAS-PC1"] not in report
        for anna_thing in ("Anna Klein", "ANNA-PC1", "ANNA-PC2", serials["ANNA-PC1"],
                           "Dienstarzt Kardiologie", "pdf"):  # fmt: skip
            assert anna_thing in report, anna_thing
    assert json.loads(as_json) == doc

    reported = [e for e in RelayDataDir(root).audit().entries() if e["event"] == "person_reported"]
    assert [(e["uid"], e["kind"]) for e in reported] == [(ANNA, "json")]

    # The command: JSON into a new private file; its keys as documented; audited with the operator.
    monkeypatch.setattr(audit, "_operator", None)
    out = tmp_path / "klein.anna.json"
    admin = ["admin", "--data", str(root), "--operator", "dpo-ticket-42", "person", "report"]
    assert cli.main([*admin, ANNA, "--format", "json", "--out", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    again = json.loads(out.read_text(encoding="utf-8"))
    assert tuple(again) == REPORT_KEYS and again["devices"] == json.loads(as_json)["devices"]
    last = RelayDataDir(root).audit().entries()[-1]
    assert (last["event"], last["uid"], last["operator"]) == (
        "person_reported",
        ANNA,
        "dpo-ticket-42",
    )
    assert cli.main([*admin, ANNA, "--format", "json", "--out", str(out)]) != 0  # no overwrite
    capsys.readouterr()
    assert cli.main([*admin, ANNA]) == 0  # text on stdout, the default
    shown = capsys.readouterr().out
    assert "what the relay holds about klein.anna" in shown and "Devices: 2" in shown
    assert JONAS not in shown

    # After `person remove`, a report on Jonas shows what stays (devices, audit), not his entry.
    remove_person(root, JONAS, ADMIN)
    left = person_report(root, JONAS, "text")
    assert left["directory"]["status"] == "removed" and left["directory"]["entry"] is None
    assert [d["revoked"] is not None for d in left["devices"]] == [True]
    assert "person_removed" in [e["event"] for e in left["audit"]]


def test_unknown_uid_and_functional_account_are_refused(
    any_relay_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(audit, "_operator", None)
    staff = tmp_path / "staff.csv"
    staff.write_bytes(to_csv(STAFF))
    assert import_directory(any_relay_root, staff, ADMIN).error_count == 0
    with pytest.raises(UnknownPerson, match=r"holds nothing about 'klein\.anne'"):
        person_report(any_relay_root, "klein.anne")
    code = cli.main(["admin", "--data", str(any_relay_root), "person", "report", "nobody"])
    assert code != 0
    assert "the relay holds nothing about 'nobody'" in capsys.readouterr().err
    with pytest.raises(AdminInputError, match="functional account, not a person"):
        person_report(any_relay_root, PHONE)
    events = [e["event"] for e in RelayDataDir(any_relay_root).audit().entries()]
    assert "person_reported" not in events


def test_other_people_are_replaced_as_whole_uids() -> None:
    """A colleague whose uid contains hers, or is contained in it, is still someone else."""
    red = Redactor(ANNA, [ANNA, "anna", "klein.anna2", "it"])
    assert red.text("holders of x set by klein.anna2") == "holders of x set by (another person)"
    assert red.text("person anna removed, klein.anna kept") == (
        "person (another person) removed, klein.anna kept"
    )
    assert not red.names_person("set by klein.anna2") and red.names_person("by klein.anna")
    assert red.people([ANNA, "anna", "it"]) == [ANNA, "(another person)", "it"]
