"""A private OpenLDAP slapd on a loopback port, for the directory sync tests and bench.

Never touches the system slapd: its own slapd.conf, database and run files in a temp
directory, data loaded with ``slapadd`` before start, stopped and reaped in ``finally``.
Needs the Debian packages ``slapd`` and ``ldap-utils`` (``.ci/run`` installs them).
"""

from __future__ import annotations

import base64
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop_app.directory.model import Entry

SLAPD = Path("/usr/sbin/slapd")
SLAPADD = Path("/usr/sbin/slapadd")
SCHEMA = Path("/etc/ldap/schema")
MODULES = Path("/usr/lib/ldap")
BASE = "dc=klinikum,dc=example"
PEOPLE = f"ou=people,{BASE}"
ADMIN_DN = f"cn=admin,{BASE}"
ADMIN_PASSWORD = "slapd-test-secret"  # a throwaway server on loopback
START_TIMEOUT_S = 20.0


def available() -> bool:
    return SLAPD.exists() and SLAPADD.exists() and (SCHEMA / "inetorgperson.schema").exists()


@dataclass(frozen=True)
class Slapd:
    url: str
    ldaps_url: str | None = None
    ca_file: Path | None = None
    base: str = BASE
    people: str = PEOPLE
    bind_dn: str = ADMIN_DN
    password: str = ADMIN_PASSWORD


def _value(name: str, value: str) -> str:
    if value.isascii() and not value.startswith((" ", ":", "<")):
        return f"{name}: {value}"
    return f"{name}:: {base64.b64encode(value.encode()).decode()}"


def person_ldif(entry: Entry) -> str:
    """An inetOrgPerson as WardLink's OpenLDAP defaults read it (ward in
    physicalDeliveryOfficeName, roles in employeeType)."""
    lines = [
        f"dn: uid={entry.uid},{PEOPLE}",
        "objectClass: inetOrgPerson",
        _value("uid", entry.uid),
        _value("cn", entry.cn),
        _value("sn", entry.sn or entry.cn),
    ]
    for name, value in (
        ("givenName", entry.given_name),
        ("title", entry.title),
        ("ou", entry.department),
        ("physicalDeliveryOfficeName", entry.ward),
        ("telephoneNumber", entry.telephone_number),
        ("pager", entry.pager),
        ("mail", entry.mail),
    ):
        if value:
            lines.append(_value(name, value))
    lines.extend(_value("employeeType", role) for role in entry.roles)
    return "\n".join(lines) + "\n\n"


def _tls_files(root: Path, dns_name: str = "localhost") -> str:
    """A throwaway CA and a server certificate (for 127.0.0.1 unless another
    ``dns_name`` is given); slapd.conf TLS lines."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder().subject_name(name("LDAP CA")).issuer_name(name("LDAP CA"))
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = [x509.DNSName(dns_name)]
    if dns_name == "localhost":
        names.insert(0, x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    cert = (
        x509.CertificateBuilder().subject_name(name(dns_name)).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    pem = serialization.Encoding.PEM
    (root / "ca.pem").write_bytes(ca.public_bytes(pem))
    (root / "server.pem").write_bytes(cert.public_bytes(pem))
    (root / "server.key").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return (
        f"TLSCACertificateFile {root}/ca.pem\n"
        f"TLSCertificateFile {root}/server.pem\n"
        f"TLSCertificateKeyFile {root}/server.key\n"
    )


def _config(root: Path, port: int, tls: str = "", referral: str | None = None) -> str:
    schemas = "\n".join(
        f"include {SCHEMA / name}.schema" for name in ("core", "cosine", "inetorgperson", "nis")
    )
    return f"""{schemas}
pidfile {root}/slapd.pid
argsfile {root}/slapd.args
modulepath {MODULES}
moduleload back_mdb
sizelimit unlimited
{f"referral {referral}" if referral else ""}
{tls}database mdb
maxsize 1073741824
suffix "{BASE}"
rootdn "{ADMIN_DN}"
rootpw {ADMIN_PASSWORD}
directory {root}/db
index uid eq
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_slapd(
    entries: Iterable[Entry],
    *,
    tls: bool = False,
    cert_name: str = "localhost",
    referral: str | None = None,
    extra_ldif: str = "",
) -> Iterator[Slapd]:
    """slapd on 127.0.0.1 with ``entries`` under ou=people; always stopped. With
    ``tls``: StartTLS on the ldap:// port and an ldaps:// port, under a fresh test CA,
    with a certificate for 127.0.0.1 and localhost (or only for ``cert_name``).
    ``referral``: the URL slapd refers a search outside its suffix to; ``extra_ldif``:
    raw LDIF records loaded after the people (a colleague's odd attributes)."""
    root = Path(tempfile.mkdtemp(prefix="wardlink-slapd-"))
    proc: subprocess.Popen[bytes] | None = None
    try:
        (root / "db").mkdir()
        port = _free_port()
        conf = root / "slapd.conf"
        conf.write_text(_config(root, port, _tls_files(root, cert_name) if tls else "", referral))
        tls_port = _free_port() if tls else None
        data = root / "data.ldif"
        with data.open("w", encoding="utf-8") as out:
            out.write(f"dn: {BASE}\nobjectClass: dcObject\nobjectClass: organization\n"
                      "o: Klinikum\ndc: klinikum\n\n")  # fmt: skip
            out.write(f"dn: {PEOPLE}\nobjectClass: organizationalUnit\nou: people\n\n")
            for entry in entries:
                out.write(person_ldif(entry))
            out.write(extra_ldif)
        subprocess.run(
            [SLAPADD, "-q", "-f", conf, "-l", data], check=True, capture_output=True, timeout=300
        )
        url = f"ldap://127.0.0.1:{port}"
        urls = f"{url}/" + (f" ldaps://127.0.0.1:{tls_port}/" if tls_port else "")
        proc = subprocess.Popen(
            [SLAPD, "-d", "0", "-f", conf, "-h", urls],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"slapd did not start (exit {proc.poll()})") from None
                time.sleep(0.05)
        if tls_port is None:
            yield Slapd(url)
        else:
            yield Slapd(url, f"ldaps://127.0.0.1:{tls_port}", root / "ca.pem")
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        shutil.rmtree(root, ignore_errors=True)
