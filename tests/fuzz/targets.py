"""Fuzz targets: every parser that takes bytes from outside, one function each.

A target gets one input (bytes) and may end in exactly two ways: it returns, or it
raises the error class its module documents for bad input (``Target.allowed``). Any
other exception is a crash, i.e. a bug: ``tests/fuzz/run.py`` lets atheris report it
and the smoke test fails on it.

Targets import what they test lazily, so one fuzzing process loads only its module
(and atheris instruments only that). Keys, organisations and containers a target needs
are made once per process (``functools.cache``).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import shutil
import struct
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

NOW = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)
"""A fixed clock: an input must behave the same on every run."""


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[[bytes], None]
    allowed: Callable[[], tuple[type[BaseException], ...]]
    runs: int
    """Inputs per full ``make fuzz`` run (the sum is at least 1,000,000)."""
    instrument: tuple[str, ...] = ("desktop_app",)
    """Packages atheris instruments for coverage feedback."""
    max_len: int = 4096


class Chunks:
    """Splits one fuzz input into a few pieces: ``u16 length | bytes`` each.

    Simpler and more stable under mutation than atheris' FuzzedDataProvider: a seed
    written by ``seeds.py`` keeps its meaning when the fuzzer flips bytes elsewhere.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def __bool__(self) -> bool:
        return self.pos < len(self.data)

    def byte(self) -> int:
        if self.pos >= len(self.data):
            return 0
        self.pos += 1
        return self.data[self.pos - 1]

    def take(self) -> bytes:
        if self.pos + 2 > len(self.data):
            rest = self.data[self.pos :]
            self.pos = len(self.data)
            return rest
        (size,) = struct.unpack_from(">H", self.data, self.pos)
        self.pos += 2
        piece = self.data[self.pos : self.pos + size]
        self.pos += size
        return piece


def chunk(*pieces: bytes) -> bytes:
    """The inverse of ``Chunks.take`` (for seeds)."""
    return b"".join(struct.pack(">H", len(p)) + p for p in pieces)


# ---- protocol ----------------------------------------------------------------------------


def _protocol_errors() -> tuple[type[BaseException], ...]:
    from desktop_app.protocol.errors import RemoteProtocolError

    return (RemoteProtocolError,)


def frame_decode(data: bytes) -> None:
    """One websocket message -> a frame (``codec.decode``); a frame must re-encode."""
    from desktop_app.protocol.codec import decode, encode

    frame = decode(data)
    if decode(encode(frame)) != frame:
        raise AssertionError("a decoded frame does not survive encode/decode")


@functools.cache
def _local_frames() -> list[Any]:
    from tests.protocol.frame_samples import SAMPLES

    return list(SAMPLES)


def connection(data: bytes) -> None:
    """The Connection state machine driven by a script of receives and sends.

    First byte: our role. Then ops: 0 = receive the next chunk as one message,
    1 = receive a sample frame (its req_id from the input), 2 = send a sample frame
    (``LocalProtocolError`` is a correct refusal), 3 = the transport closes.
    """
    import msgspec

    from desktop_app.protocol.codec import encode
    from desktop_app.protocol.connection import NEED_DATA, Connection, ConnectionClosed
    from desktop_app.protocol.errors import LocalProtocolError, RemoteProtocolError
    from desktop_app.protocol.states import Role

    script = Chunks(data)
    conn = Connection(Role.CLIENT if script.byte() & 1 else Role.RELAY, max_pending=4)
    frames = _local_frames()
    for _ in range(64):
        if not script:
            break
        op = script.byte() % 4
        if op == 0:
            message = script.take()
            conn.receive_data(message or b"\x00")
        elif op == 1:
            frame = frames[script.byte() % len(frames)]
            if hasattr(frame, "req_id"):
                frame = msgspec.structs.replace(frame, req_id=script.byte())
            try:
                conn.receive_data(encode(frame))
            except LocalProtocolError:
                continue  # e.g. req_id 0 on a request: not a frame anyone can send
        elif op == 2:
            frame = frames[script.byte() % len(frames)]
            if hasattr(frame, "req_id"):
                frame = msgspec.structs.replace(frame, req_id=script.byte())
            with contextlib.suppress(LocalProtocolError):
                conn.send(frame)
            continue
        else:
            conn.receive_data(b"")
        try:
            while (event := conn.next_event()) is not NEED_DATA:
                if isinstance(event, ConnectionClosed):
                    return
        except RemoteProtocolError:
            return  # the owner answers with an Error frame and closes


# ---- end-to-end content ------------------------------------------------------------------


def _content_errors() -> tuple[type[BaseException], ...]:
    from desktop_app.crypto.e2e.errors import PayloadError
    from desktop_app.protocol.content import ContentError

    return (ContentError, PayloadError)


def e2e_content(data: bytes) -> None:
    """Decrypted Megolm/Olm plaintexts and the envelope's own parts, by the first byte."""
    from desktop_app.crypto.e2e import payloads
    from desktop_app.protocol import content

    which, body = (data[0] % 6, data[1:]) if data else (0, b"")
    if which == 0:
        content.decode_content(body)
    elif which == 1:
        content.decode_body(body)
    elif which == 2:
        content.decode_olm_part(body)
    elif which == 3:
        payloads.decode_payload(
            body, sender_device_id="dev-a", own_device_id="dev-b", own_ed25519="ED"
        )
    elif which == 4:
        payloads.decode_group_content(body)
    else:
        content.decode_removal(body)  # a conversation.removed control's body


MEGOLM_KEY = Path(__file__).resolve().parent / "org" / "megolm-session-key.txt"
"""The exported key of one test Megolm session (written by ``seeds.py``), so the seed
messages, encrypted with that session, decrypt in every fuzzing process."""
MEGOLM_SENDER = ("dev-anna-1", "CURVE-anna", "ED-anna")


class _DictStore:
    def __init__(self) -> None:
        self.data: dict[tuple[str, str], bytes] = {}

    def save(self, kind: str, name: str, pickle: bytes) -> None:
        self.data[kind, name] = pickle

    def save_many(self, kind: str, items: Sequence[tuple[str, bytes]]) -> None:
        for name, pickle in items:
            self.save(kind, name, pickle)

    def load(self, kind: str, name: str) -> bytes | None:
        return self.data.get((kind, name))

    def names(self, kind: str) -> list[str]:
        return [name for k, name in self.data if k == kind]

    def delete(self, kind: str, name: str) -> None:
        self.data.pop((kind, name), None)


@functools.cache
def _megolm() -> tuple[Any, str]:
    import vodozemac as vz

    from desktop_app.crypto.e2e.megolm_inbound import MegolmInbound
    from desktop_app.crypto.e2e.payloads import RoomKey
    from desktop_app.crypto.e2e.rotation import MemberDevice

    if not MEGOLM_KEY.exists():
        MEGOLM_KEY.write_text(vz.GroupSession().session_key.to_base64())
    key = MEGOLM_KEY.read_text().strip()
    session_id = vz.InboundGroupSession(vz.SessionKey(key)).session_id
    inbound = MegolmInbound(_DictStore(), bytes(32))
    sender = MemberDevice(*MEGOLM_SENDER)
    inbound.add_room_key(RoomKey("conv-1", session_id, key, sender.ed25519), sender=sender)
    return inbound, session_id


def megolm_message(data: bytes) -> None:
    """A group message as it arrives in an envelope, decrypted by ``MegolmInbound``
    (vodozemac parses the message, then the signed ``GroupContent`` inside)."""
    inbound, session_id = _megolm()
    inbound.decrypt(
        conversation_id="conv-1",
        sender_device_id=MEGOLM_SENDER[0],
        sender_curve25519=MEGOLM_SENDER[1],
        session_id=session_id,
        body=data[1:],
        envelope_id=f"env-{data[:1].hex()}",  # the same message in another envelope: a replay
    )


def _e2e_errors() -> tuple[type[BaseException], ...]:
    from desktop_app.crypto.e2e.errors import E2EError

    return (E2EError,)


# ---- trust ---------------------------------------------------------------------------------


def _enrollment_errors() -> tuple[type[BaseException], ...]:
    from desktop_app.crypto.trust_errors import EnrollmentCodeError

    return (EnrollmentCodeError,)


def enrollment_code(data: bytes) -> None:
    """A typed or pasted enrollment code (``crypto.enrollment.parse_code``)."""
    from desktop_app.crypto.enrollment import parse_code

    code = parse_code(data.decode("utf-8", "replace"))
    if parse_code(code.text()) != code:
        raise AssertionError("a parsed code does not survive text()/parse_code()")


ORG_DIR = Path(__file__).resolve().parent / "org"
"""A fixed test organisation (keys wrapped under ``ORG_PASSPHRASE``), so the signed
seeds in corpus/ (descriptors, certificates, lists) verify in every fuzzing process."""
ORG_PASSPHRASE = "fuzzing organisation, test keys only"


@functools.cache
def _org() -> Any:
    from desktop_app.crypto.keywrap import KdfParams
    from desktop_app.crypto.org import create_org
    from desktop_app.crypto.org_files import load_org, org_exists, save_org

    if not org_exists(ORG_DIR):
        org = create_org("Klinikum Fuzz", NOW - timedelta(days=1))
        save_org(org, ORG_DIR, ORG_PASSPHRASE, KdfParams(time_cost=1, memory_kib=64, parallelism=1))
    return load_org(ORG_DIR, ORG_PASSPHRASE, NOW)


def _discovery_errors() -> tuple[type[BaseException], ...]:
    from desktop_app.crypto.relay_descriptor import DescriptorError

    return (DescriptorError,)


def relay_advert(data: bytes) -> None:
    """A zeroconf advert: TXT RDATA as on the wire, SRV port, then the client's verdict
    (``services.discovery.judge``) and the descriptor check on its own."""
    from zeroconf import ServiceInfo

    from desktop_app.crypto.relay_descriptor import verify_descriptor
    from desktop_app.services.discovery import SERVICE_TYPE, judge

    parts = Chunks(data)
    port = int.from_bytes(parts.take()[:2] or b"\x00", "big")
    txt = parts.take()
    info = ServiceInfo(SERVICE_TYPE, f"fuzz.{SERVICE_TYPE}")
    info.text = txt
    org = _org().certificates
    advert = judge(info.name, dict(info.properties), ["127.0.0.1"], port, org, NOW)
    if advert.trusted and advert.descriptor is None:
        raise AssertionError("a trusted advert without a descriptor")
    blob, relay_id = parts.take(), parts.take().decode("utf-8", "replace")
    verify_descriptor(blob, relay_id, org, NOW)


def _trust_errors() -> tuple[type[BaseException], ...]:
    from desktop_app.crypto.trust_errors import TrustError

    return (TrustError,)


@functools.cache
def _revocations() -> Any:
    from desktop_app.crypto.revocation import empty_revocation_list

    return empty_revocation_list(_org().issuer, NOW - timedelta(hours=1))


def certificates(data: bytes) -> None:
    """What the relay hands over about other devices: a device certificate (read for
    display without trust, then verified) or a revocation list, by the first byte."""
    from desktop_app.crypto.device_certificates import DeviceVerifier, read_device_certificate
    from desktop_app.crypto.revocation import load_revocation_list

    org = _org().certificates
    which, body = (data[0] % 3, data[1:]) if data else (0, b"")
    if which == 0:
        read_device_certificate(body)
    elif which == 1:
        DeviceVerifier(org.issuing, org.root, _revocations()).verify(body, NOW)
    else:
        load_revocation_list(body, org.issuing, _revocations())


# ---- directory -----------------------------------------------------------------------------


def _directory_errors() -> tuple[type[BaseException], ...]:
    from desktop_app.directory.errors import DirectoryError

    return (DirectoryError,)


def directory_snapshot(data: bytes) -> None:
    """A directory update from the relay: changed entries, removed uids and a header.

    The header bytes come from the input and are signed here with the organisation's
    issuing key, so the fuzzer reaches what runs after the signature check (a relay
    cannot forge it, but a bug in the issuing side could still sign garbage).
    """
    from desktop_app.directory.snapshot import SignedHeader, apply_update, decode_entry

    org = _org()
    parts = Chunks(data)
    header = parts.take()
    changed = []
    removed = []
    while parts:
        piece = parts.take()
        if piece[:1] == b"-":
            removed.append(piece[1:].decode("utf-8", "replace"))
        else:
            changed.append(piece)
    for entry in changed:
        with contextlib.suppress(_directory_errors()):
            decode_entry(entry)
    signed = SignedHeader(header, org.issuer.key.sign(header))
    apply_update(
        {}, changed, removed, signed, org.certificates.issuing, org.certificates.fingerprint
    )


def directory_csv(data: bytes) -> None:
    from desktop_app.directory.importers import import_csv

    import_csv(data)


def directory_ldif(data: bytes) -> None:
    from desktop_app.directory.importers import import_ldif

    import_ldif(data)


@functools.cache
def _sample_entry() -> Any:
    from desktop_app.directory.model import make_entry

    return make_entry(
        {
            "uid": "mueller.jonas",
            "given_name": "Jonas",
            "sn": "Müller",
            "title": "Oberarzt",
            "department": "Kardiologie",
            "roles": ["Dienstarzt", "Oberarzt"],
            "mail": "jonas.mueller@klinikum.example",
        }
    )


def ldap_filter(data: bytes) -> None:
    """An LDAP filter IT types (``directory.ldapfilter``), then matched against an entry."""
    from desktop_app.directory.ldapfilter import parse_filter

    parse_filter(data.decode("utf-8", "replace")).matches(_sample_entry())


def ldap_entry(data: bytes) -> None:
    """One person as the LDAP server returns it (``ldap_mapping.entry_from_ldap``)."""
    from desktop_app.directory.ldap_mapping import Schema, entry_from_ldap, mapping_for

    parts = Chunks(data)
    schema = list(Schema)[parts.byte() % len(Schema)]
    attributes: dict[str, list[str]] = {}
    while parts:
        name = parts.take().decode("utf-8", "replace")
        attributes.setdefault(name, []).append(parts.take().decode("utf-8", "replace"))
    entry_from_ldap(attributes, mapping_for(schema))


# ---- policy file ---------------------------------------------------------------------------


SCRATCH_ENV = "WARDLINK_FUZZ_SCRATCH"
"""Set by run.py to a directory it removes after the fuzzing process has ended."""


def scratch_parent() -> Path | None:
    """RAM-backed /dev/shm when there is one: targets write a file per input."""
    return Path("/dev/shm") if Path("/dev/shm").is_dir() else None


@functools.cache
def _scratch() -> Path:
    if SCRATCH_ENV in os.environ:
        path = Path(os.environ[SCRATCH_ENV]) / "scratch"
        path.mkdir(exist_ok=True)
        return path
    path = Path(tempfile.mkdtemp(prefix="wardlink-fuzz-", dir=scratch_parent()))
    atexit.register(shutil.rmtree, path, ignore_errors=True)  # in-process use (pytest)
    return path


def _no_errors() -> tuple[type[BaseException], ...]:
    return ()


def policy_file(data: bytes) -> None:
    """The machine policy file: ``load_policy`` never raises for bad content."""
    from desktop_app.services.policy import Policy, load_policy

    path = _scratch() / "policy.json"
    path.write_bytes(data)
    policy = load_policy(path, registry=False)
    if not isinstance(policy, Policy):
        raise AssertionError("load_policy returned no Policy")


# ---- medical -------------------------------------------------------------------------------


def _medical_errors() -> tuple[type[BaseException], ...]:
    from desktop_app.medical.errors import MedicalError

    return (MedicalError,)


def dicom(data: bytes) -> None:
    """A DICOM file as an attachment: identify, load, decode and display, summary."""
    from desktop_app.medical.display import first_display
    from desktop_app.medical.documents import ObjectKind, identify
    from desktop_app.medical.loading import load_image
    from desktop_app.medical.summary import summarize

    summarize(data)
    if identify(data) is ObjectKind.IMAGE:
        first_display(load_image(data), 0)


def ecg(data: bytes) -> None:
    """A DICOM ECG waveform (``medical.ecg.load_ecg``)."""
    from desktop_app.medical.ecg import load_ecg

    load_ecg(data)


# ---- container -----------------------------------------------------------------------------

PASSPHRASE = "correct horse battery staple"


@functools.cache
def _container() -> tuple[Path, bytes]:
    """A real container with a message in it, made once; its directory and its key."""
    from desktop_app.crypto.keywrap import KdfParams
    from desktop_app.storage.container import Container
    from desktop_app.storage.keyslot import Owner

    directory = _scratch() / "pristine"
    fast = KdfParams(time_cost=1, memory_kib=64, parallelism=1)
    with Container.create(directory, PASSPHRASE, Owner("Dr. Anna Weber", "Kardiologie"), kdf=fast):
        pass
    return directory, Container.unlock_key(directory, PASSPHRASE)


def _container_errors() -> tuple[type[BaseException], ...]:
    from desktop_app.storage.errors import ContainerError

    return (ContainerError,)


MAX_KDF_KIB_PASSES = 64 * 4
"""Argon2 work a fuzz input may ask for (memory KiB x passes); beyond it only the
bounds check runs. ``KdfParams.check`` bounds the real thing (2 GiB x 64)."""


def container_keyfile(data: bytes) -> None:
    """A damaged key file (``wardlink-key.json``): read, then unlock if it is cheap."""
    from desktop_app.storage.container import Container

    _container()
    directory = _scratch() / "keyfile"
    directory.mkdir(exist_ok=True)
    (directory / "wardlink-key.json").write_bytes(data)
    slot = Container.read_keyslot(directory)
    params = slot.wrapped.params
    if params.memory_kib * params.time_cost * params.parallelism <= MAX_KDF_KIB_PASSES:
        Container.unlock_key(directory, PASSPHRASE)
    else:
        from desktop_app.crypto.errors import KdfParameterError
        from desktop_app.storage.errors import CorruptContainer

        try:
            params.check()
        except KdfParameterError as exc:
            raise CorruptContainer(str(exc)) from None


def container_database(data: bytes) -> None:
    """A damaged database file: the input is a list of (offset, bytes) patches and an
    optional new length, applied to a real container's database; then open it."""
    from desktop_app.storage.container import DB_NAME, Container

    pristine, key = _container()
    directory = _scratch() / "damaged"
    shutil.rmtree(directory, ignore_errors=True)
    shutil.copytree(pristine, directory)
    db = bytearray((pristine / DB_NAME).read_bytes())
    parts = Chunks(data)
    cut = parts.take()
    while parts:
        patch = parts.take()
        if len(patch) < 4:
            continue
        offset = int.from_bytes(patch[:4], "big") % max(len(db), 1)
        db[offset : offset + len(patch) - 4] = patch[4:]
    if len(cut) >= 4:
        del db[int.from_bytes(cut[:4], "big") % (len(db) + 1) :]
    (directory / DB_NAME).write_bytes(bytes(db))
    with Container.open_with_key(directory, key) as container:
        container.integrity_check()
        container.settings.get("crypto.pickle_key")


# ---- the table -----------------------------------------------------------------------------

TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("frame_decode", frame_decode, _protocol_errors, 1_000_000),
        Target("connection", connection, _protocol_errors, 500_000),
        Target("e2e_content", e2e_content, _content_errors, 1_000_000),
        Target("megolm_message", megolm_message, _e2e_errors, 500_000),
        Target("enrollment_code", enrollment_code, _enrollment_errors, 300_000, max_len=512),
        Target("certificates", certificates, _trust_errors, 200_000),
        Target("relay_advert", relay_advert, _discovery_errors, 300_000, max_len=1024),
        Target("directory_snapshot", directory_snapshot, _directory_errors, 200_000),
        Target("directory_csv", directory_csv, _directory_errors, 300_000),
        Target("directory_ldif", directory_ldif, _directory_errors, 300_000),
        Target("ldap_filter", ldap_filter, _directory_errors, 300_000, max_len=2200),
        Target("ldap_entry", ldap_entry, _directory_errors, 200_000),
        Target("policy_file", policy_file, _no_errors, 300_000, max_len=8192),
        Target("dicom", dicom, _medical_errors, 60_000, ("desktop_app", "pydicom"), max_len=16384),
        Target("ecg", ecg, _medical_errors, 30_000, ("desktop_app", "pydicom"), max_len=16384),
        Target("container_keyfile", container_keyfile, _container_errors, 300_000, max_len=2048),
        Target("container_database", container_database, _container_errors, 30_000),
    )
}


def quiet() -> None:
    """Silence what targets log about bad input (policy warnings, SQLCipher's HMAC
    failures): at a million inputs it would drown the fuzzer's own output."""
    import logging

    logging.disable(logging.CRITICAL)
    try:
        from sqlcipher3 import dbapi2 as sqlcipher
    except ImportError:  # pragma: no cover - sqlcipher3 is a runtime dependency
        return
    sqlcipher.connect(":memory:").execute("PRAGMA cipher_log_level = NONE")


def check(name: str, data: bytes) -> None:
    """Run one input through a target; a disallowed exception propagates (= crash)."""
    target = TARGETS[name]
    try:
        target.run(data)
    except target.allowed():
        pass


def dump(value: object) -> bytes:
    """JSON bytes for seeds (policy and key files)."""
    return json.dumps(value, indent=1).encode()
