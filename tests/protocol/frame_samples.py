"""One realistic instance of every frame type, shared by the codec and limit tests."""

from __future__ import annotations

from desktop_app.domain.ids import DeviceId, EnvelopeId, Uid
from desktop_app.protocol.frames import (
    AckDelivery,
    Acked,
    AnswerRoleRequest,
    Authenticate,
    Authenticated,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    Bye,
    CertificateRenewed,
    ClaimedKey,
    ClaimedKeys,
    ClaimKeys,
    Deliver,
    Devices,
    DirectoryPage,
    Enroll,
    Enrolled,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    ExportKind,
    ExportRecorded,
    FetchDevices,
    FetchDirectory,
    FetchRevocations,
    FetchRoleRequests,
    Frame,
    Hello,
    KeysPublished,
    Ping,
    Pong,
    PublishKeys,
    RenewCertificate,
    ReportExport,
    Revocations,
    RoleRequest,
    RoleRequestAnswered,
    RoleRequested,
    RoleRequests,
    RoleTaken,
    SendEnvelope,
    SignedKey,
    TakeOverRole,
    Welcome,
)

ANNA = Uid("weber.anna")
JONAS = Uid("mueller.jonas")
ANNA_PC = DeviceId("dev-anna-3b-pc1")
JONAS_PC = DeviceId("dev-jonas-3b-pc2")
JONAS_LAPTOP = DeviceId("dev-jonas-laptop")
CURVE = "3S6H2uT9y3Jv5B0qkE7m8uGkqk1L0e7a2Qx9Vd4c1Wc"
ED = "Yh8q2aJ0k3Xn4p5R6s7T8u9V0w1X2y3Z4a5B6c7D8eF"
SIG = bytes(range(64))
CHALLENGE = bytes(range(100, 132))
ENVELOPE = EnvelopeId("env-7Qe2x9")
SHA = "a" * 64

SAMPLES: list[Frame] = [
    Hello(version=1, client_name="WardLink 0.1 (Station 3B)"),
    Welcome(version=1, relay_id="relay.klinikum-nord", challenge=CHALLENGE, server_time_ms=1),
    Enroll(
        req_id=1,
        code="WL1-ab12-cd34-ef56",
        device_id=ANNA_PC,
        curve25519=CURVE,
        ed25519=ED,
        device_name="Stationsrechner 3B-1 (Ärztezimmer)",
        signature=SIG,
    ),
    Enrolled(req_id=1, device_certificate=b"\x30cert", chain=[b"\x30issuer"], revocations=b"crl"),
    Authenticate(req_id=2, device_id=ANNA_PC, signature=SIG),
    Authenticated(req_id=2, device_id=ANNA_PC, pending=3),
    RenewCertificate(req_id=2),
    CertificateRenewed(req_id=2, device_certificate=b"\x30cert", chain=[b"\x30issuer"]),
    PublishKeys(
        req_id=3,
        one_time_keys=[SignedKey("AAAAAQ", CURVE, SIG), SignedKey("AAAAAg", ED, SIG)],
        fallback_key=SignedKey("F1", CURVE, SIG),
    ),
    PublishKeys(req_id=3, one_time_keys=[], fallback_key=None),
    KeysPublished(req_id=3, one_time_key_count=50),
    FetchDevices(req_id=4, uids=[JONAS, ANNA]),
    Devices(req_id=4, certificates={JONAS: [b"c1", b"c2"], ANNA: []}),
    ClaimKeys(req_id=5, device_ids=[JONAS_PC, JONAS_LAPTOP]),
    ClaimedKeys(
        req_id=5,
        keys={
            JONAS_PC: ClaimedKey(
                JONAS_PC, b"cert", one_time_key=SignedKey("AAAAAQ", CURVE, SIG), fallback_key=None
            ),
            JONAS_LAPTOP: ClaimedKey(
                JONAS_LAPTOP, b"cert", one_time_key=None, fallback_key=SignedKey("F1", ED, SIG)
            ),
        },
    ),
    FetchRevocations(req_id=6),
    Revocations(req_id=6, crl=b"signed crl"),
    Revocations(req_id=0, crl=b"pushed crl"),
    FetchDirectory(req_id=7, since=0, after=""),
    DirectoryPage(
        req_id=7,
        version=3,
        header=b"signed header",
        signature=SIG,
        changed=[b"entry bytes"],
        removed=[ANNA],
        next_after=JONAS,
    ),
    TakeOverRole(req_id=8, role_uid=Uid("dienst.kardio")),
    RoleTaken(req_id=8, role_uid=Uid("dienst.kardio"), version=4),
    RoleRequested(req_id=8, role_uid=Uid("dienst.kardio"), request_id=3, approvers=[JONAS]),
    FetchRoleRequests(req_id=9),
    RoleRequests(
        req_id=9,
        requests=[
            RoleRequest(
                request_id=3,
                role_uid=Uid("dienst.kardio"),
                requester=ANNA,
                created_ms=1_700_000_000_000,
                status="pending",
                answered_by="",
            )
        ],
    ),
    AnswerRoleRequest(req_id=10, request_id=3, approve=True),
    RoleRequestAnswered(req_id=10, request_id=3, approved=True, version=5),
    SendEnvelope(
        req_id=7,
        envelope_id=ENVELOPE,
        recipients=[JONAS_PC, JONAS_LAPTOP],
        payload=b"megolm",
        per_device={JONAS_LAPTOP: b"olm"},
    ),
    EnvelopeAccepted(req_id=7, envelope_id=ENVELOPE),
    Deliver(
        envelope_id=ENVELOPE,
        sender_uid=ANNA,
        sender_device=ANNA_PC,
        received_ms=1_764_000_000_000,
        payload=b"megolm",
        device_payload=None,
    ),
    Deliver(ENVELOPE, ANNA, ANNA_PC, 0, b"", b"olm"),
    AckDelivery(req_id=8, deliveries=[(ANNA_PC, ENVELOPE)]),
    Acked(req_id=8, count=1),
    BlobUpload(req_id=9, blob_id="blob-1", total_size=10),
    BlobReady(req_id=9, blob_id="blob-1", offset=0),
    BlobChunk(req_id=9, blob_id="blob-1", offset=0, data=b"0123456789", last=True),
    BlobChunk(req_id=9, blob_id="blob-1", offset=10, data=b"", last=True),
    BlobStored(req_id=9, blob_id="blob-1", sha256=SHA),
    BlobDownload(req_id=10, blob_id="blob-1", offset=4),
    ReportExport(req_id=13, kind=ExportKind.FHIR, messages=2),
    ExportRecorded(req_id=13),
    Ping(req_id=11),
    Pong(req_id=11),
    Error(req_id=0, code=ErrorCode.BAD_FRAME, message="kaputt", fatal=True),
    Error(req_id=12, code=ErrorCode.NOT_FOUND, message="no such blob", fatal=False),
    Bye(reason="Schichtende"),
]
