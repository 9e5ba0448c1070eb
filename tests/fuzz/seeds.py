"""Write the seed corpora: ``python -m tests.fuzz.seeds`` (rewrites tests/fuzz/corpus/).

Seeds are small valid (and a few typical invalid) inputs, so the fuzzer starts from
the shapes real peers send instead of discovering msgpack or DICOM from nothing.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from tests.fuzz.targets import NOW, _org, chunk, dump

CORPUS = Path(__file__).resolve().parent / "corpus"


def frame_decode() -> Iterable[bytes]:
    from desktop_app.protocol.codec import encode
    from tests.protocol.frame_samples import SAMPLES

    return [encode(f) for f in SAMPLES]


def connection() -> Iterable[bytes]:
    from desktop_app.protocol.codec import encode
    from desktop_app.protocol.frames import Hello, Ping

    hello = encode(Hello(1, "WardLink fuzz"))
    # relay: receive Hello, send Welcome (sample 1), receive Authenticate (sample 4,
    # req_id 2), send Authenticated (5), receive Ping, and the transport closes.
    relay = bytes([0, 0]) + chunk(hello) + bytes([2, 1, 0, 1, 4, 2, 2, 5, 2])
    relay += bytes([0]) + chunk(encode(Ping(req_id=3))) + bytes([3])
    # client: send Hello (sample 0), receive Welcome, send Enroll (2), receive Enrolled.
    client = bytes([1, 2, 0, 0, 1, 1, 0, 2, 2, 1, 1, 3, 1])
    return [relay, client, bytes([0, 0]) + chunk(b"\x81\xa1t\xa5hello")]


def e2e_content() -> Iterable[bytes]:
    from desktop_app.crypto.e2e import payloads
    from desktop_app.protocol import content

    ref = content.AttachmentRef("a1", "b1", bytes(32), "ekg.pdf", "application/pdf", 10, "a" * 64)
    chat = content.ChatMessage(1, "m1", 1, "Bitte Rückruf", True, [ref])
    group = content.GroupState(1, "group", "3B", ["anna", "jonas"], ["anna"], 2, 5)
    receipt = content.Receipt(1, "read", ["m1"], 7)
    body = content.EnvelopeBody(1, "conv", "sess", b"cipher")
    olm = content.OlmPart(1, 0, b"olm")
    room = payloads.RoomKey("conv", "sess", "key", "ED")
    control = payloads.Control("group.state", b"\x01")
    out = [bytes([0]) + content.encode(c) for c in (chat, group, receipt)]
    out += [bytes([1]) + content.encode(body), bytes([2]) + content.encode(olm)]
    for c in (room, control):
        out.append(
            bytes([3])
            + payloads.encode_payload(
                c, sender_device_id="dev-a", recipient_device_id="dev-b", recipient_ed25519="ED"
            )
        )
    out.append(
        bytes([4]) + payloads.encode_group_content(b"x", conversation_id="c", sender_device_id="d")
    )
    out.append(bytes([5]) + content.encode_removal(content.Removal(1, "g-1", group)))
    return out


def megolm_message() -> Iterable[bytes]:
    import vodozemac as vz

    from desktop_app.crypto.e2e.payloads import encode_group_content
    from tests.fuzz.targets import MEGOLM_KEY, MEGOLM_SENDER

    session = vz.GroupSession()
    MEGOLM_KEY.write_text(session.session_key.to_base64() + "\n")
    out = []
    for i, text in enumerate([b"Bitte R\xc3\xbcckruf", b"", b"x" * 300]):
        plain = encode_group_content(
            text, conversation_id="conv-1", sender_device_id=MEGOLM_SENDER[0]
        )
        out.append(bytes([i]) + session.encrypt(plain).to_bytes())
    other = encode_group_content(b"y", conversation_id="conv-2", sender_device_id="dev-x")
    out.append(bytes([9]) + session.encrypt(other).to_bytes())
    return out


def enrollment_code() -> Iterable[bytes]:
    from desktop_app.crypto.enrollment import new_code

    text, _ = new_code(_org().certificates.fingerprint)
    return [text.encode(), text.lower().replace("-", " ").encode(), b"WL2-abcde", b"WL1-"]


def certificates() -> Iterable[bytes]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

    from desktop_app.crypto.device_certificates import issue_device_certificate
    from desktop_app.crypto.revocation import RevocationEntry, sign_revocation_list

    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    cert = issue_device_certificate(
        _org().issuer,
        "weber.anna",
        "dev-anna-1",
        ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(*raw),
        x25519.X25519PrivateKey.generate().public_key().public_bytes(*raw),
        NOW - timedelta(days=1),
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    crl = sign_revocation_list(
        _org().issuer, [RevocationEntry(7, NOW - timedelta(hours=2), "dev-x")], 2, NOW
    )
    return [bytes([0]) + der, bytes([1]) + der, bytes([2]) + crl.der, bytes([2]) + crl.pem()]


def relay_advert() -> Iterable[bytes]:
    from desktop_app.crypto.relay_descriptor import sign_descriptor, txt_properties

    rid = "relay-3f9c0a1b2c4d"
    blob = sign_descriptor(_org().issuer, rid, 8443, hashlib.sha256(b"tls").digest(), NOW)
    props = txt_properties(rid, blob)
    txt = b"".join(bytes([len(k) + 1 + len(v)]) + k + b"=" + v for k, v in props.items())
    expired = sign_descriptor(
        _org().issuer, rid, 8443, bytes(32), NOW - timedelta(days=2), timedelta(hours=1)
    )
    return [
        chunk(struct.pack(">H", 8443), txt, blob, rid.encode()),
        chunk(struct.pack(">H", 8443), txt, expired, rid.encode()),
        chunk(b"\x00\x01", b"\x03v=2", b"", b""),
    ]


def _entries() -> list[object]:
    from desktop_app.directory.model import make_entry

    return [
        make_entry({"uid": "weber.anna", "given_name": "Anna", "sn": "Weber", "ward": "3B"}),
        make_entry(
            {
                "uid": "dienst.kardio",
                "cn": "Dienstarzt Kardiologie",
                "kind": "function",
                "holders": ["weber.anna"],
                "roles": ["Dienstarzt"],
            }
        ),
    ]


def directory_snapshot() -> Iterable[bytes]:
    from desktop_app.directory.snapshot import encode_entry, sign_header

    org = _org()
    encoded = {e.uid: encode_entry(e) for e in _entries()}  # type: ignore[attr-defined]
    signed = sign_header(org.issuer.key, org.certificates.fingerprint, 3, 1, encoded)
    full = chunk(signed.header, *encoded.values())
    return [full, chunk(signed.header, b"-weber.anna", *encoded.values())]


def directory_csv() -> Iterable[bytes]:
    from tests.directory.files import to_csv

    semicolon = b"uid;cn;roles\nweber.anna;Anna Weber;Dienstarzt,Oberarzt\n"
    return [to_csv(_entries()), semicolon]  # type: ignore[arg-type]


def directory_ldif() -> Iterable[bytes]:
    return [
        b"version: 1\n\ndn: ou=people,dc=klinik\nobjectClass: organizationalUnit\n\n"
        b"dn: uid=weber.anna,ou=people,dc=klinik\nuid: weber.anna\ncn: Anna Weber\n"
        b"sn:: V2ViZXI=\nemployeeType: Dienstarzt\nroles: Oberarzt\n title continued\n"
        b"# comment\nou: Kardiologie\n"
    ]


def ldap_filter() -> Iterable[bytes]:
    return [
        b"(&(department=Kardiologie)(title=*arzt*))",
        b"(|(sn=muller)(!(mail=*)))",
        b"givenName=J\\2a*",
        b"(cn>=a)",
    ]


def ldap_entry() -> Iterable[bytes]:
    return [
        bytes([0]) + chunk(b"uid", b"Weber.Anna", b"cn", b"Anna Weber", b"ou", b"Kardio"),
        bytes([1]) + chunk(b"sAMAccountName", b"WEBERA", b"displayName", b"Anna Weber"),
    ]


def policy_file() -> Iterable[bytes]:
    return [
        dump(
            {
                "org_fingerprint": None,
                "relay_address": "[fe80::1]:8443",
                "auto_lock_minutes": 10,
                "retention_days": 90,
                "receipts": True,
                "export_allowed": 0,
            }
        ),
        b'\xef\xbb\xbf{"relay_address": "relay:99999", "x": 1}',
        b"[]",
    ]


def _small_ecg() -> bytes:
    from tests.medical.ecg_generator import make_ecg
    from tests.medical.generators import to_bytes

    ds = make_ecg()
    for group in ds.WaveformSequence:
        samples = 40
        group.WaveformData = group.WaveformData[
            : samples * group.NumberOfWaveformChannels * group.WaveformBitsAllocated // 8
        ]
        group.NumberOfWaveformSamples = samples
    return to_bytes(ds)


def dicom() -> Iterable[bytes]:
    from pydicom import uid

    from tests.medical.generators import (
        compressed,
        deflated_with_pad,
        make_dx,
        make_multiframe,
        to_bytes,
    )

    small = make_dx(8, 6)
    return [
        to_bytes(small),
        deflated_with_pad(small),  # read by medical/deflated.py as it inflates
        to_bytes(make_multiframe(2, 4, 4)),
        to_bytes(compressed(small, uid.RLELossless)),
        to_bytes(compressed(small, uid.JPEG2000Lossless)),
        b"%PDF-1.4\n",
    ]


def ecg() -> Iterable[bytes]:
    return [_small_ecg()]


def container_keyfile() -> Iterable[bytes]:
    from tests.fuzz.targets import _container

    directory, _ = _container()
    return [(directory / "wardlink-key.json").read_bytes(), b"{}"]


def container_database() -> Iterable[bytes]:
    return [
        chunk(b"", struct.pack(">I", 100) + b"\xff"),
        chunk(struct.pack(">I", 4096)),
        chunk(b"", struct.pack(">I", 0) + b"SQLite format 3\x00"),
    ]


def main() -> None:
    from tests.fuzz.targets import TARGETS

    for name in TARGETS:
        directory = CORPUS / name
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        for data in globals()[name]():
            (directory / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


if __name__ == "__main__":
    main()
