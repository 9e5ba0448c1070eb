"""Organisation authority: root and issuing CA, saved wrapped under the admin passphrase."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import NameOID

from desktop_app.crypto.keywrap import (
    PASSPHRASE_MEMORY_KIB,
    PASSPHRASE_PARALLELISM,
    PASSPHRASE_TIME_COST,
)
from desktop_app.crypto.org import OrgCertificates, create_org
from desktop_app.crypto.org_files import (
    ISSUING_CERT_FILE,
    ISSUING_KEY_FILE,
    ROOT_CERT_FILE,
    ROOT_KEY_FILE,
    load_issuing_authority,
    load_org,
    load_org_certificates,
    org_exists,
    save_org,
)
from desktop_app.crypto.trust_errors import (
    FingerprintError,
    InvalidIdentifier,
    OrgStoreError,
    UntrustedIssuer,
    WrongAdminPassphrase,
)
from tests.conftest import FAST_KDF, T0

ADMIN = "Admin-Passphrase mit Umlauten äöü"


def test_root_and_issuing_certificate_profiles() -> None:
    org = create_org("Klinikum Nord", now=T0)
    root, issuing = org.certificates.root, org.certificates.issuing
    assert root.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Klinikum Nord"
    assert root.issuer == root.subject
    root.verify_directly_issued_by(root)
    issuing.verify_directly_issued_by(root)
    root_bc = root.extensions.get_extension_for_class(x509.BasicConstraints)
    issuing_bc = issuing.extensions.get_extension_for_class(x509.BasicConstraints)
    assert root_bc.critical and root_bc.value.ca and root_bc.value.path_length == 1
    assert issuing_bc.critical and issuing_bc.value.ca and issuing_bc.value.path_length == 0
    for cert in (root, issuing):
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        assert ku.key_cert_sign and ku.crl_sign and not ku.digital_signature
        assert isinstance(cert.public_key(), ed25519.Ed25519PublicKey)
        assert cert.not_valid_before_utc < T0 < cert.not_valid_after_utc
    assert root.public_key() == org.root_key.public_key()
    assert issuing.public_key() == org.issuing_key.public_key()
    assert org.certificates.name == "Klinikum Nord"


def test_org_name_may_use_umlauts_up_to_64_bytes() -> None:
    name = "Klinikum Süd " + "ä" * 25  # 13 + 50 = 63 bytes
    assert create_org(name, now=T0).certificates.name == name


def test_two_orgs_have_different_fingerprints() -> None:
    a, b = create_org("A", now=T0), create_org("A", now=T0)
    assert a.certificates.fingerprint != b.certificates.fingerprint


@pytest.mark.parametrize("name", ["", " Nord", "x" * 65, "Ä" * 33, "Nord\nSüd"])
def test_bad_org_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidIdentifier):
        create_org(name, now=T0)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    org = create_org("Klinikum Nord", now=T0)
    save_org(org, tmp_path, ADMIN, FAST_KDF)
    assert org_exists(tmp_path)
    loaded = load_org(tmp_path, ADMIN, now=T0)
    assert loaded.certificates == org.certificates
    assert loaded.certificates.fingerprint == org.certificates.fingerprint
    assert loaded.root_key.private_bytes_raw() == org.root_key.private_bytes_raw()
    assert loaded.issuing_key.private_bytes_raw() == org.issuing_key.private_bytes_raw()
    public = load_org_certificates(tmp_path, now=T0)
    assert public.fingerprint == org.certificates.fingerprint


def test_key_files_are_wrapped_and_private(tmp_path: Path) -> None:
    org = create_org("Klinikum Nord", now=T0)
    save_org(org, tmp_path, ADMIN, FAST_KDF)
    for name, key in ((ROOT_KEY_FILE, org.root_key), (ISSUING_KEY_FILE, org.issuing_key)):
        data = (tmp_path / name).read_bytes()
        raw = key.private_bytes_raw()
        assert raw not in data and raw.hex().encode() not in data
        doc = json.loads(data)
        assert doc["kdf"] == "argon2id" and doc["memory_kib"] == FAST_KDF.memory_kib
        assert set(doc) >= {"salt", "nonce", "ciphertext"}
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert b"BEGIN CERTIFICATE" in (tmp_path / ROOT_CERT_FILE).read_bytes()


def test_wrong_passphrase_is_a_typed_error(tmp_path: Path) -> None:
    save_org(create_org("Klinikum Nord", now=T0), tmp_path, ADMIN, FAST_KDF)
    with pytest.raises(WrongAdminPassphrase, match="admin passphrase does not open"):
        load_org(tmp_path, ADMIN + "x", now=T0)
    with pytest.raises(WrongAdminPassphrase, match="issuing key"):
        load_issuing_authority(tmp_path, "falsch", now=T0)


def test_relay_needs_only_the_issuing_key(tmp_path: Path) -> None:
    org = create_org("Klinikum Nord", now=T0)
    save_org(org, tmp_path, ADMIN, FAST_KDF)
    (tmp_path / ROOT_KEY_FILE).unlink()
    issuer = load_issuing_authority(tmp_path, ADMIN, now=T0)
    assert issuer.key.private_bytes_raw() == org.issuing_key.private_bytes_raw()
    with pytest.raises(OrgStoreError, match=ROOT_KEY_FILE):
        load_org(tmp_path, ADMIN, now=T0)


def test_swapped_key_files_do_not_open(tmp_path: Path) -> None:
    save_org(create_org("Klinikum Nord", now=T0), tmp_path, ADMIN, FAST_KDF)
    (tmp_path / ISSUING_KEY_FILE).write_bytes((tmp_path / ROOT_KEY_FILE).read_bytes())
    with pytest.raises(WrongAdminPassphrase):
        load_issuing_authority(tmp_path, ADMIN, now=T0)


def test_existing_org_is_never_overwritten(tmp_path: Path) -> None:
    first = create_org("Klinikum Nord", now=T0)
    save_org(first, tmp_path, ADMIN, FAST_KDF)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(OrgStoreError, match="refusing to overwrite"):
        save_org(create_org("Klinikum Süd", now=T0), tmp_path, ADMIN, FAST_KDF)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"{not json", "corrupt"), (b'{"format": "other"}', "not a WardLink key file")],
)
def test_corrupt_key_file(tmp_path: Path, content: bytes, message: str) -> None:
    save_org(create_org("Klinikum Nord", now=T0), tmp_path, ADMIN, FAST_KDF)
    (tmp_path / ISSUING_KEY_FILE).write_bytes(content)
    with pytest.raises(OrgStoreError, match=message):
        load_issuing_authority(tmp_path, ADMIN, now=T0)


def test_hostile_kdf_parameters_are_refused_before_use(tmp_path: Path) -> None:
    save_org(create_org("Klinikum Nord", now=T0), tmp_path, ADMIN, FAST_KDF)
    path = tmp_path / ISSUING_KEY_FILE
    doc = json.loads(path.read_bytes())
    doc["memory_kib"] = 64 * 1024 * 1024
    path.write_text(json.dumps(doc))
    with pytest.raises(OrgStoreError, match="out of range"):
        load_issuing_authority(tmp_path, ADMIN, now=T0)


def test_missing_directory_says_what_to_do(tmp_path: Path) -> None:
    assert not org_exists(tmp_path / "nothing")
    with pytest.raises(OrgStoreError, match="relay init"):
        load_org_certificates(tmp_path / "nothing")


def test_empty_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OrgStoreError, match="empty"):
        save_org(create_org("Klinikum Nord", now=T0), tmp_path, "", FAST_KDF)
    assert not org_exists(tmp_path)


def test_default_kdf_parameters_are_the_production_ones(tmp_path: Path) -> None:
    org = create_org("Klinikum Nord", now=T0)
    save_org(org, tmp_path, ADMIN)
    doc = json.loads((tmp_path / ROOT_KEY_FILE).read_bytes())
    assert (doc["time_cost"], doc["memory_kib"], doc["parallelism"]) == (
        PASSPHRASE_TIME_COST,
        PASSPHRASE_MEMORY_KIB,
        PASSPHRASE_PARALLELISM,
    )
    assert load_issuing_authority(tmp_path, ADMIN, now=T0).key.private_bytes_raw() == (
        org.issuing_key.private_bytes_raw()
    )


def test_verified_bundle_checks_fingerprint_and_signature() -> None:
    org, rogue = create_org("Nord", now=T0), create_org("Nord", now=T0)
    pem = org.certificates
    ok = OrgCertificates.verified(pem.root_pem(), pem.issuing_pem(), pem.fingerprint_text, T0)
    assert ok == org.certificates
    with pytest.raises(FingerprintError, match="not the pinned one"):
        OrgCertificates.verified(
            rogue.certificates.root_pem(), rogue.certificates.issuing_pem(), pem.fingerprint, T0
        )
    with pytest.raises(UntrustedIssuer):
        OrgCertificates.verified(pem.root_pem(), rogue.certificates.issuing_pem(), None, T0)
    der = pem.root.public_bytes(serialization.Encoding.DER)
    assert OrgCertificates.verified(der, pem.issuing, pem.fingerprint, T0).root == pem.root


def test_certificates_of_another_org_do_not_fit_the_keys(tmp_path: Path) -> None:
    save_org(create_org("Klinikum Nord", now=T0), tmp_path, ADMIN, FAST_KDF)
    other = tmp_path / "other"
    save_org(create_org("Klinikum Nord", now=T0), other, ADMIN, FAST_KDF)
    for name in (ROOT_CERT_FILE, ISSUING_CERT_FILE):
        (tmp_path / name).write_bytes((other / name).read_bytes())
    with pytest.raises(OrgStoreError, match="issuing key does not belong"):
        load_issuing_authority(tmp_path, ADMIN, now=T0)


def test_unwritable_directory_is_a_typed_error_and_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    with pytest.raises(OrgStoreError, match="cannot write"):
        save_org(create_org("Klinikum Nord", now=T0), blocker / "org", ADMIN, FAST_KDF)
    # The last file cannot be created: the three written before it must vanish too.
    target = tmp_path / "org"
    (target / ".tmp-org-issuing.key.json").mkdir(parents=True)
    with pytest.raises(OrgStoreError, match="cannot write"):
        save_org(create_org("Klinikum Nord", now=T0), target, ADMIN, FAST_KDF)
    assert [p.name for p in target.iterdir()] == [".tmp-org-issuing.key.json"]
    assert not org_exists(target)


def test_from_chain_finds_the_org_by_fingerprint() -> None:
    org, rogue = create_org("Nord", now=T0), create_org("Nord", now=T0)
    mine, theirs = org.certificates, rogue.certificates
    fp = mine.fingerprint_text
    assert OrgCertificates.from_chain([mine.root, mine.issuing], fp, T0) == mine
    assert OrgCertificates.from_chain([theirs.issuing, mine.root, mine.issuing], fp, T0) == mine
    with pytest.raises(FingerprintError, match="did not present the organisation"):
        OrgCertificates.from_chain([theirs.issuing, theirs.root], fp, T0)
    with pytest.raises(UntrustedIssuer, match="no issuing CA"):
        OrgCertificates.from_chain([mine.root], fp, T0)
    # Their issuing CA has the same subject name as ours, but our root did not sign it.
    with pytest.raises(UntrustedIssuer, match="not signed by"):
        OrgCertificates.from_chain([theirs.issuing, mine.root], fp, T0)
