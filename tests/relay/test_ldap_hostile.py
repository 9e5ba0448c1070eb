"""The LDAP sync against a hostile or broken directory: a real slapd on loopback that
refers elsewhere or holds a colleague's self-edited attributes, and a fake server
answering with bytes of its own choosing."""

from __future__ import annotations

import base64
import dataclasses
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desktop_app.directory.generate import staff
from desktop_app.directory.ldap_mapping import Schema, mapping_for
from desktop_app.directory.snapshot import decode_entry
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.ldap_sync import LdapSource, LdapSyncError, read_people, sync_ldap
from tests.directory.slapd import PEOPLE, available, running_slapd
from tests.relay.conftest import ADMIN

pytestmark = pytest.mark.skipif(
    not available() and not os.environ.get("CI"), reason="slapd is not installed (.ci/run does)"
)

MAPPING = mapping_for(Schema.OPENLDAP)


@dataclass
class Listener:
    """A TCP server on 127.0.0.1 that records what one client sends it."""

    port: int
    received: bytearray = field(default_factory=bytearray)
    connected: threading.Event = field(default_factory=threading.Event)


@contextmanager
def listener() -> Iterator[Listener]:
    server = socket.create_server(("127.0.0.1", 0))
    seen = Listener(server.getsockname()[1])
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            seen.connected.set()
            conn.settimeout(0.2)
            with conn:
                while not stop.is_set():
                    try:
                        data = conn.recv(4096)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not data:
                        break
                    seen.received.extend(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join(10)
        server.close()


def test_a_referral_is_not_followed_with_the_bind_password() -> None:
    """ldap3 follows referrals by default, to any host, binding there with our DN and
    password: over plain ldap:// even when IT chose ldaps://."""
    with (
        listener() as elsewhere,
        running_slapd(staff(5), tls=True, referral=f"ldap://127.0.0.1:{elsewhere.port}/") as slapd,
    ):
        assert slapd.ldaps_url is not None
        source = LdapSource.create(
            slapd.ldaps_url, "dc=elsewhere,dc=example", Schema.OPENLDAP, MAPPING,
            bind_dn=slapd.bind_dn, password=slapd.password, ca_file=slapd.ca_file,
        )  # fmt: skip
        with pytest.raises(LdapSyncError, match=r"refers the search .* to ldap://127\.0\.0\.1"):
            read_people(source)
    assert not elsewhere.connected.is_set()
    assert slapd.password.encode() not in elsewhere.received


Reply = Callable[[bytes, socket.socket], None]
"""Answers one request (its message id given) on the client's socket."""
BIND_OK = bytes.fromhex("61070a010004000400")  # BindResponse: success
SEARCH_DONE = bytes.fromhex("65070a010004000400")  # SearchResultDone: success


def message(message_id: bytes, op: bytes) -> bytes:
    body = bytes([0x02, len(message_id)]) + message_id + op
    assert len(body) < 0x80
    return bytes([0x30, len(body)]) + body


def _message_id(request: bytes) -> bytes:
    pos = 2 if request[1] < 0x80 else 2 + (request[1] & 0x7F)
    return request[pos + 2 : pos + 2 + request[pos + 1]]


def answers(*ops: bytes) -> Reply:
    return lambda mid, conn: conn.sendall(b"".join(message(mid, op) for op in ops))


@contextmanager
def rogue_server(*replies: Reply) -> Iterator[str]:
    """An "LDAP server" on 127.0.0.1 answering each request with the next reply; its
    ldap:// URL. Stops answering (and closes) when told or after the replies."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(10)
        try:
            conn, _ = server.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(10)
            for reply in replies:
                try:
                    request = conn.recv(65536)
                    if not request or stop.is_set():
                        return
                    reply(_message_id(request), conn)
                except OSError:
                    return
            while not stop.is_set():
                time.sleep(0.05)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"ldap://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(15)
        server.close()


def _anonymous(url: str, **kwargs: object) -> LdapSource:
    return dataclasses.replace(
        LdapSource.create(url, "dc=x", Schema.OPENLDAP, MAPPING),
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("replies", "where"),
    [
        ((answers(b"\xff\xff"),), "bind is malformed"),  # not a BindResponse at all
        ((answers(BIND_OK), answers(b"\x64\x03\x04\x01\xff")), "a malformed answer"),
        ((answers(BIND_OK), answers(b"\x64\x05\x04\x00\x30\x01\x30")), "a malformed answer"),
        (
            (
                answers(BIND_OK),
                answers(b"\x64\x0a\x04\x00\x30\x06\x30\x04\x04\x00\x31\x05", SEARCH_DONE),
            ),
            "a malformed answer",
        ),
    ],
)
def test_malformed_ber_is_one_clear_error(replies: tuple[Reply, ...], where: str) -> None:
    """ldap3's decoder raised KeyError, IndexError or TypeError on these: a traceback
    for IT instead of one line, and the connection left open."""
    with rogue_server(*replies) as url, pytest.raises(LdapSyncError, match=where):
        read_people(_anonymous(url))


def test_an_attribute_sent_without_values_is_no_crash() -> None:
    entry = b"\x64\x0a\x04\x00\x30\x06\x30\x04\x04\x00\x31\x00"  # attribute "" with no values
    uid = b"\x30\x0c\x04\x03uid\x31\x05\x04\x03abc"
    cn = b"\x30\x0a\x04\x02cn\x31\x04\x04\x02Ab"
    named = (
        b"\x64" + bytes([4 + len(uid + cn)]) + b"\x04\x00\x30" + bytes([len(uid + cn)]) + uid + cn
    )
    with rogue_server(answers(BIND_OK), answers(entry, named, SEARCH_DONE)) as url:
        people, errors, count = read_people(_anonymous(url))
    assert [p.uid for p in people] == ["abc"] and count == 1 and "uid is missing" in str(errors[0])


def test_a_server_that_dribbles_is_cut_at_the_time_limit() -> None:
    """The receive timeout is per recv: a byte every 50 ms kept the read going for as
    long as the server liked (here until it gave up after 10 s: "session terminated")."""

    def dribble(mid: bytes, conn: socket.socket) -> None:
        conn.sendall(b"\x30\x84\x00\x00\x10\x00\x02\x01" + mid[-1:])
        for _ in range(200):
            time.sleep(0.05)
            conn.sendall(b"\x00")

    with (
        rogue_server(answers(BIND_OK), dribble) as url,
        pytest.raises(LdapSyncError, match="took longer than 1 s"),
    ):
        read_people(_anonymous(url, time_limit_s=1.0))


def test_an_entry_grown_past_the_message_bound_stops_the_sync_naming_it() -> None:
    """title is multi-valued in inetOrgPerson: a colleague allowed to edit it adds 4 MB
    values (slapd's default request limit) until the entry is huge. ldap3 read it 4 KiB
    at a time into one growing buffer: 16 MiB took 5 s, 64 MiB over a minute."""
    values = "".join(f"title: {letter * (3 * 1024 * 1024)}\n" for letter in "ABC")
    big = (
        f"dn: uid=gross.titel,{PEOPLE}\nobjectClass: inetOrgPerson\nuid: gross.titel\n"
        f"cn: Gross Titel\nsn: Titel\n{values}\n"
    )
    with running_slapd(staff(5), extra_ldif=big) as slapd:
        source = LdapSource.create(
            slapd.url, slapd.base, Schema.OPENLDAP, MAPPING,
            bind_dn=slapd.bind_dn, password=slapd.password,
        )  # fmt: skip
        with pytest.raises(LdapSyncError, match=r"above 8388608 \(entry 'uid=gross\.titel,"):
            read_people(source)


@pytest.mark.parametrize("starttls", [False, True])
def test_a_certificate_for_another_name_is_refused(starttls: bool) -> None:
    """Signed by the CA IT gives, but for another host: a stolen certificate of any
    server of the hospital would otherwise do to impersonate the directory."""
    with running_slapd(staff(3), tls=True, cert_name="mail.klinikum.example") as slapd:
        assert slapd.ldaps_url is not None
        source = LdapSource.create(
            slapd.url if starttls else slapd.ldaps_url, slapd.base, Schema.OPENLDAP, MAPPING,
            bind_dn=slapd.bind_dn, password=slapd.password, ca_file=slapd.ca_file,
            starttls=starttls,
        )  # fmt: skip
        with pytest.raises(
            LdapSyncError, match=r"certificate is not issued for '(127\.0\.0\.1|localhost)'"
        ):
            read_people(source)
        good = dataclasses.replace(source, url=source.url.replace("127.0.0.1", "localhost"))
        with pytest.raises(
            LdapSyncError, match=r"certificate is not issued for '(127\.0\.0\.1|localhost)'"
        ):
            read_people(good)  # localhost is not the certificate's name either


def _ldif(uid: str, **attributes: str) -> str:
    lines = [f"dn: uid={uid},{PEOPLE}", "objectClass: inetOrgPerson", f"uid: {uid}"]
    lines += [f"{name}:: {base64.b64encode(v.encode()).decode()}" for name, v in attributes.items()]
    return "\n".join(lines) + "\n\n"


def test_names_reach_the_signed_directory_without_controls_or_direction_overrides(
    relay_root: Path,
) -> None:
    """A right-to-left override made "Dr. \\u202eRELLÜM" show as "Dr. MÜLLER"; an escape
    sequence, a line break or a zero-width space went into IT's signed directory and
    from there into every PC's chat headers, notifications, lock screen and exports."""
    hostile = (
        _ldif("rlo", cn="Dr. \u202eRELLÜM", sn="x", title="Ober\u200barzt\nChefarzt")
        + _ldif("nfd", cn="Dr. Mu\u0308ller", sn="Mu\u0308ller", ou="Kardio\x1b[2Jlogie")
        + _ldif(
            "emoji", cn="Lea \u2066Neu\u2069", sn="Neu", title="\U0001f9d1\u200d\u2695\ufe0f Pflege"
        )
    )
    with running_slapd(staff(3), extra_ldif=hostile) as slapd:
        source = LdapSource.create(
            slapd.url, slapd.base, Schema.OPENLDAP, MAPPING,
            bind_dn=slapd.bind_dn, password=slapd.password,
        )  # fmt: skip
        report = sync_ldap(relay_root, source, ADMIN)
    assert report.people == 6 and report.error_count == 0
    store = RelayDataDir(relay_root).open_store()
    try:
        stored = {uid: decode_entry(data) for uid, data in store.directory_entries().items()}
    finally:
        store.close()
    assert (stored["rlo"].cn, stored["rlo"].title) == ("Dr. RELLÜM", "Oberarzt Chefarzt")
    assert (stored["nfd"].cn, stored["nfd"].department) == ("Dr. Müller", "Kardio [2Jlogie")
    assert stored["nfd"].cn == "Dr. M\u00fcller"  # one spelling: NFC
    assert (stored["emoji"].cn, stored["emoji"].title) == (
        "Lea Neu",
        "\U0001f9d1\u200d\u2695\ufe0f Pflege",  # the joiner of the health worker sign stays
    )
