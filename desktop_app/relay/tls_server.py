"""TLS for the relay: TLS 1.3 with the relay certificate chain and its ECDSA key.

``ssl.SSLContext.load_cert_chain`` reads keys only from files. The relay's key lives
wrapped under the admin passphrase (relay.key.json), so it must never reach the disk in
the clear: we write it to a private temporary file as PKCS#8 encrypted under a random
one-time password that exists only in memory, load it, and delete the file. Devices
authenticate by signing a challenge in the protocol, not by TLS client certificates, so
the server requests none.
"""

from __future__ import annotations

import secrets
import ssl
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from desktop_app.crypto.certificates import RelayCredentials
from desktop_app.crypto.keyfile import PrivateKey


def server_context(cert_chain_pem: bytes, key: PrivateKey) -> ssl.SSLContext:
    """A TLS 1.3 server context presenting ``cert_chain_pem`` (leaf first) with ``key``."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.verify_mode = ssl.CERT_NONE
    password = secrets.token_urlsafe(32).encode("ascii")
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    )
    with tempfile.TemporaryDirectory(prefix="wardlink-tls-") as tmp:
        cert_file = Path(tmp) / "chain.pem"
        key_file = Path(tmp) / "key.pem"
        cert_file.write_bytes(cert_chain_pem)
        key_file.touch(mode=0o600)
        key_file.write_bytes(encrypted)
        ctx.load_cert_chain(cert_file, key_file, password=password)
    return ctx


def relay_server_context(creds: RelayCredentials) -> ssl.SSLContext:
    """``server_context`` for credentials from ``load_relay_credentials``."""
    return server_context(creds.chain_pem(), creds.key)
