"""Real TLS on 127.0.0.1: the client trusts only relays of its pinned organisation."""

from __future__ import annotations

import asyncio
import socket
import ssl
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop_app.crypto.certificates import (
    RelayCredentials,
    issue_relay_certificate,
    spki_sha256,
)
from desktop_app.crypto.device_certificates import issue_device_certificate
from desktop_app.crypto.org import OrgAuthority, create_org
from desktop_app.crypto.trust_errors import (
    FingerprintError,
    RelayNotTrusted,
    UntrustedIssuer,
    WrongCertificateUsage,
)
from desktop_app.relay.tls_server import relay_server_context, server_context
from desktop_app.services.tls_client import (
    client_context,
    enrollment_context,
    explain_handshake_failure,
    peer_chain,
    verify_enrollment_peer,
    verify_relay_peer,
)
from tests.conftest import T0

GREETING = b"wardlink relay says hello"


@pytest.fixture(scope="module")
def org() -> OrgAuthority:
    return create_org("Klinikum Nord", now=T0 - timedelta(days=1))


@pytest.fixture(scope="module")
def rogue() -> OrgAuthority:
    return create_org("Klinikum Nord", now=T0 - timedelta(days=1))


@pytest.fixture(scope="module")
def relay(org: OrgAuthority) -> RelayCredentials:
    return issue_relay_certificate(org.issuer, "relay-1", ["127.0.0.1"])


@contextmanager
def tls_server(ctx: ssl.SSLContext) -> Iterator[tuple[str, int]]:
    """Accept one connection on 127.0.0.1, do the handshake, send a greeting."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        conn.settimeout(5)
        try:
            with ctx.wrap_socket(conn, server_side=True) as tls:
                tls.sendall(GREETING)
        except (ssl.SSLError, OSError):
            pass  # the client refused us: that is what several tests want

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[:2]
    finally:
        listener.close()
        thread.join(5)


def connect(address: tuple[str, int], ctx: ssl.SSLContext) -> ssl.SSLSocket:
    raw = socket.create_connection(address, timeout=5)
    try:
        return ctx.wrap_socket(raw, server_hostname="wardlink-relay")
    except BaseException:
        raw.close()
        raise


def test_pinned_client_connects_and_verifies_the_relay(
    org: OrgAuthority, relay: RelayCredentials
) -> None:
    ctx = client_context(org.certificates.root_pem())
    with tls_server(relay_server_context(relay)) as address, connect(address, ctx) as tls:
        assert tls.version() == "TLSv1.3"
        identity = verify_relay_peer(tls, org.certificates, expected_relay_id="relay-1")
        assert identity.relay_id == "relay-1"
        assert identity.spki_sha256 == spki_sha256(relay.certificate)
        assert tls.recv(len(GREETING)) == GREETING


def test_client_context_trusts_only_the_pinned_root(org: OrgAuthority) -> None:
    ctx = client_context(org.certificates.root_pem())
    cas = ctx.get_ca_certs(binary_form=True)
    assert cas == [org.certificates.root.public_bytes(serialization.Encoding.DER)]
    assert ctx.verify_mode == ssl.CERT_REQUIRED
    assert ctx.minimum_version == ssl.TLSVersion.TLSv1_3
    assert not ctx.check_hostname


def test_client_pinned_to_another_org_fails_the_handshake(
    org: OrgAuthority, rogue: OrgAuthority, relay: RelayCredentials
) -> None:
    ctx = client_context(rogue.certificates.root_pem())
    with (
        tls_server(relay_server_context(relay)) as address,
        pytest.raises(ssl.SSLCertVerificationError) as info,
    ):
        connect(address, ctx)
    error = explain_handshake_failure(info.value, rogue.certificates.fingerprint)
    assert isinstance(error, RelayNotTrusted)
    assert "does not belong to your organisation" in str(error)
    assert rogue.certificates.fingerprint_text in str(error)


def test_relay_of_a_rogue_org_is_refused(org: OrgAuthority, rogue: OrgAuthority) -> None:
    rogue_relay = issue_relay_certificate(rogue.issuer, "relay-1", ["127.0.0.1"])
    ctx = client_context(org.certificates.root_pem())
    with (
        tls_server(relay_server_context(rogue_relay)) as address,
        pytest.raises(ssl.SSLCertVerificationError) as info,
    ):
        connect(address, ctx)
    assert "does not belong to your organisation" in str(explain_handshake_failure(info.value))


def test_device_certificate_as_server_certificate_is_refused(org: OrgAuthority) -> None:
    device_key = ed25519.Ed25519PrivateKey.generate()
    cert = issue_device_certificate(
        org.issuer, "weber.anna", "DEV1", device_key.public_key().public_bytes_raw(), b"\x09" * 32
    )
    chain = cert.public_bytes(serialization.Encoding.PEM) + org.certificates.issuing_pem()
    ctx = client_context(org.certificates.root_pem())
    with (
        tls_server(server_context(chain, device_key)) as address,
        pytest.raises(ssl.SSLCertVerificationError) as info,
    ):
        connect(address, ctx)
    assert info.value.verify_code == 26  # X509_V_ERR_INVALID_PURPOSE: no serverAuth
    assert "not a relay certificate" in str(explain_handshake_failure(info.value))


def test_expired_relay_certificate_is_refused(org: OrgAuthority) -> None:
    old = issue_relay_certificate(
        org.issuer, "relay-1", ["127.0.0.1"], now=T0 - timedelta(days=40), validity=timedelta(1)
    )
    ctx = client_context(org.certificates.root_pem())
    with (
        tls_server(relay_server_context(old)) as address,
        pytest.raises(ssl.SSLCertVerificationError) as info,
    ):
        connect(address, ctx)
    assert "expired" in str(explain_handshake_failure(info.value))


def test_enrollment_pins_the_org_from_the_fingerprint_alone(
    org: OrgAuthority, relay: RelayCredentials
) -> None:
    certs = org.certificates
    with (
        tls_server(relay_server_context(relay)) as address,
        connect(address, enrollment_context()) as tls,
    ):
        assert [c.subject for c in peer_chain(tls)] == [
            relay.certificate.subject,
            certs.issuing.subject,
            certs.root.subject,
        ]
        pinned, identity = verify_enrollment_peer(tls, certs.fingerprint_text.lower())
    assert pinned == certs and identity.relay_id == "relay-1"
    assert identity.spki_sha256 == spki_sha256(relay.certificate)


def test_enrollment_refuses_a_relay_of_another_org(org: OrgAuthority, rogue: OrgAuthority) -> None:
    rogue_relay = issue_relay_certificate(rogue.issuer, "relay-1", ["127.0.0.1"])
    with (
        tls_server(relay_server_context(rogue_relay)) as address,
        connect(address, enrollment_context()) as tls,
        pytest.raises(FingerprintError, match="did not present the organisation"),
    ):
        verify_enrollment_peer(tls, org.certificates.fingerprint)


def test_enrollment_refuses_a_rogue_relay_that_sends_the_real_org_certificates(
    org: OrgAuthority, rogue: OrgAuthority
) -> None:
    rogue_relay = issue_relay_certificate(rogue.issuer, "relay-1", ["127.0.0.1"])
    chain = (
        rogue_relay.certificate.public_bytes(serialization.Encoding.PEM)
        + org.certificates.issuing_pem()
        + org.certificates.root_pem()
    )
    with (
        tls_server(server_context(chain, rogue_relay.key)) as address,
        connect(address, enrollment_context()) as tls,
        pytest.raises(UntrustedIssuer, match="relay certificate is not signed by"),
    ):
        verify_enrollment_peer(tls, org.certificates.fingerprint)


def test_enrollment_refuses_a_device_posing_as_relay(org: OrgAuthority) -> None:
    device_key = ed25519.Ed25519PrivateKey.generate()
    cert = issue_device_certificate(
        org.issuer, "weber.anna", "DEV1", device_key.public_key().public_bytes_raw(), b"\x09" * 32
    )
    chain = (
        cert.public_bytes(serialization.Encoding.PEM)
        + org.certificates.issuing_pem()
        + org.certificates.root_pem()
    )
    # enrollment_context does not check the purpose in the handshake; the peer check does.
    with (
        tls_server(server_context(chain, device_key)) as address,
        connect(address, enrollment_context()) as tls,
        pytest.raises(WrongCertificateUsage, match="not certified for relay"),
    ):
        verify_enrollment_peer(tls, org.certificates.fingerprint)


def test_asyncio_client_checks_the_relay_before_sending(
    org: OrgAuthority, relay: RelayCredentials
) -> None:
    async def scenario() -> str:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(GREETING)
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=relay_server_context(relay))
        port = server.sockets[0].getsockname()[1]
        async with server:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, ssl=client_context(org.certificates.root_pem())
            )
            identity = verify_relay_peer(writer.get_extra_info("ssl_object"), org.certificates)
            assert await reader.readexactly(len(GREETING)) == GREETING
            writer.close()
            await writer.wait_closed()
            # First contact over asyncio: the same check works on an SSLObject.
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, ssl=enrollment_context()
            )
            pinned, _ = verify_enrollment_peer(
                writer.get_extra_info("ssl_object"), org.certificates.fingerprint
            )
            assert pinned == org.certificates
            writer.close()
            await writer.wait_closed()
        return identity.relay_id

    assert asyncio.run(scenario()) == "relay-1"


def test_server_context_leaves_no_key_file_behind(
    relay: RelayCredentials, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ctx = relay_server_context(relay)
    assert ctx.minimum_version == ssl.TLSVersion.TLSv1_3
    assert list(tmp_path.iterdir()) == []


def test_other_tls_failures_keep_openssl_text() -> None:
    error = explain_handshake_failure(ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong"))
    assert isinstance(error, RelayNotTrusted)
    assert "secure connection to the relay failed" in str(error)
    assert "WRONG_VERSION_NUMBER" in str(error)


def test_client_context_refuses_more_than_one_anchor(
    org: OrgAuthority, rogue: OrgAuthority
) -> None:
    with pytest.raises(ValueError, match="exactly one root"):
        client_context(org.certificates.root_pem() + rogue.certificates.root_pem())
