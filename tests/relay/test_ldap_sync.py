"""Directory sync against a real OpenLDAP slapd on loopback: sync, change, delete, re-sync."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import ldap3
import pytest

from desktop_app.directory.errors import DirectoryError
from desktop_app.directory.generate import functional_account, staff
from desktop_app.directory.ldap_mapping import Schema, entry_from_ldap, mapping_for
from desktop_app.directory.snapshot import decode_entry
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import import_directory
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.ldap_sync import LdapSource, LdapSyncError, read_people, sync_ldap
from tests.directory.files import to_csv
from tests.directory.slapd import Slapd, available, running_slapd
from tests.relay.conftest import ADMIN, live_relay, wardlink_env

# On CI a missing slapd is a broken .ci/run, not a reason to skip the real-LDAP tests.
pytestmark = pytest.mark.skipif(
    not available() and not os.environ.get("CI"), reason="slapd is not installed (.ci/run does)"
)

STAFF = staff(300)


def source(slapd: Slapd, **kwargs: object) -> LdapSource:
    return LdapSource.create(
        slapd.url, slapd.base, Schema.OPENLDAP, mapping_for(Schema.OPENLDAP),
        bind_dn=slapd.bind_dn, password=slapd.password, page_size=50, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def entries(root: Path) -> dict[str, object]:
    store = RelayDataDir(root).open_store()
    try:
        return {uid: decode_entry(data) for uid, data in store.directory_entries().items()}
    finally:
        store.close()


def test_sync_change_delete_resync(relay_root: Path, tmp_path: Path) -> None:
    dienst = functional_account("dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", ())
    (tmp_path / "f.csv").write_bytes(to_csv([dienst]))
    import_directory(relay_root, tmp_path / "f.csv", ADMIN)
    leaver = STAFF[10]

    async def enroll() -> None:
        async with live_relay(relay_root) as relay:
            client, _ = await relay.enrolled(leaver.uid, "dev-leaver-pc")
            await client.close()

    with running_slapd(STAFF) as slapd:
        first = sync_ldap(relay_root, source(slapd), ADMIN)
        assert first.people == 300 and first.error_count == 0
        asyncio.run(enroll())  # enrolling needs the uid in the loaded directory
        assert len(first.publish.plan.added) == 300 and first.publish.version == 2
        stored = entries(relay_root)
        assert stored[STAFF[0].uid] == STAFF[0]  # every mapped field came through
        assert stored[dienst.uid] == dienst  # functional accounts are not LDAP's to remove

        # nothing changed in LDAP: no new version
        assert sync_ldap(relay_root, source(slapd), ADMIN).publish.version is None

        conn = ldap3.Connection(slapd.url, slapd.bind_dn, slapd.password, auto_bind=True)
        moved = STAFF[3]
        conn.modify(
            f"uid={moved.uid},{slapd.people}",
            {"title": [(ldap3.MODIFY_REPLACE, ["Chefärztin"])],
             "physicalDeliveryOfficeName": [(ldap3.MODIFY_REPLACE, ["Intensiv 2"])]},
        )  # fmt: skip
        conn.delete(f"uid={leaver.uid},{slapd.people}")
        conn.add(
            f"uid=neu.lea,{slapd.people}",
            "inetOrgPerson",
            {"uid": "neu.lea", "cn": "Lea Neu", "sn": "Neu", "ou": "Radiologie"},
        )
        conn.add(f"uid=Bad Uid,{slapd.people}", "inetOrgPerson", {"cn": "x", "sn": "y"})
        conn.unbind()

        dry = sync_ldap(relay_root, source(slapd), ADMIN, dry_run=True)
        assert (dry.publish.plan.added, dry.publish.plan.changed, dry.publish.plan.removed) == (
            ("neu.lea",),
            (moved.uid,),
            (leaver.uid,),
        )
        assert dry.publish.version is None and leaver.uid in entries(relay_root)
        assert dry.error_count == 1 and "bad uid" in str(dry.errors[0])

        again = sync_ldap(relay_root, source(slapd), ADMIN)
        assert again.publish.version == 3
        assert again.publish.revoked_devices == ("dev-leaver-pc",)
        stored = entries(relay_root)
        assert leaver.uid not in stored and dienst.uid in stored
        assert stored[moved.uid] == dataclasses.replace(
            moved, title="Chefärztin", ward="Intensiv 2"
        )
        store = RelayDataDir(relay_root).open_store()
        try:
            assert store.device("dev-leaver-pc").revoked
        finally:
            store.close()

        # a filter that matches almost nobody would wipe the directory: refused
        narrow = source(slapd, search_filter="(uid=neu.lea)")
        with pytest.raises(LdapSyncError, match="would remove 299 of 301 entries"):
            sync_ldap(relay_root, narrow, ADMIN)
        with pytest.raises(LdapSyncError, match="no people"):
            sync_ldap(relay_root, source(slapd, search_filter="(uid=nobody)"), ADMIN)
        with pytest.raises(LdapSyncError, match="invalidCredentials"):
            sync_ldap(relay_root, dataclasses.replace(source(slapd), password="wrong"), ADMIN)


def test_cli_sync_ldap_dry_run(relay_root: Path) -> None:
    with running_slapd(STAFF[:40]) as slapd:
        env = wardlink_env()
        env["LDAP_PW"] = slapd.password
        done = subprocess.run(
            [sys.executable, "-m", "desktop_app", "admin", "--data", str(relay_root), "directory",
             "sync-ldap", "--url", slapd.url, "--base", slapd.base, "--bind-dn", slapd.bind_dn,
             "--password-env", "LDAP_PW", "--map", "ward=roomNumber", "--dry-run"],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    first20 = ", ".join(sorted(e.uid for e in STAFF[:40])[:20])
    assert done.stdout.splitlines()[:2] == ["LDAP: 40 people", f"added: 40 ({first20} …)"]
    assert done.stdout.splitlines()[-1] == "dry run: nothing was written"
    assert "LDAP_PW" in env and os.environ.get("LDAP_PW") is None


def test_ldaps_and_starttls_verify_the_server(relay_root: Path) -> None:
    mapping = mapping_for(Schema.OPENLDAP)
    with running_slapd(STAFF[:25], tls=True) as slapd:
        assert slapd.ldaps_url is not None and slapd.ca_file is not None
        common = {"bind_dn": slapd.bind_dn, "password": slapd.password}
        ldaps = LdapSource.create(
            slapd.ldaps_url, slapd.base, Schema.OPENLDAP, mapping, ca_file=slapd.ca_file, **common
        )  # type: ignore[arg-type]
        report = sync_ldap(relay_root, ldaps, ADMIN, dry_run=True)
        assert report.people == 25
        starttls = LdapSource.create(
            slapd.url,
            slapd.base,
            Schema.OPENLDAP,
            mapping,
            starttls=True,
            ca_file=slapd.ca_file,
            **common,
        )  # type: ignore[arg-type]
        assert sync_ldap(relay_root, starttls, ADMIN).publish.version == 1
        untrusted = dataclasses.replace(ldaps, ca_file=None)  # system CAs do not know it
        with pytest.raises(LdapSyncError, match="CERTIFICATE_VERIFY_FAILED"):
            sync_ldap(relay_root, untrusted, ADMIN)


def test_ldap_mistakes_name_the_option_to_change(relay_root: Path) -> None:
    """walk20: ldap3's own words (`LDAPInvalidCredentialsResult - 49 - invalidCredentials -
    None - None - bindResponse - None`, a tuple around `socket ssl wrapping error`,
    `password is mandatory in simple bind`) left IT guessing which option was wrong."""
    with running_slapd(STAFF[:3], tls=True) as slapd:
        assert slapd.ldaps_url is not None and slapd.ca_file is not None
        untrusted = LdapSource.create(
            slapd.ldaps_url, slapd.base, Schema.OPENLDAP, mapping_for(Schema.OPENLDAP),
            bind_dn=slapd.bind_dn, password=slapd.password,
        )  # fmt: skip
        with pytest.raises(LdapSyncError, match="give the CA certificate that issued it with --ca"):
            read_people(untrusted)
        trusted = dataclasses.replace(untrusted, ca_file=slapd.ca_file)
        with pytest.raises(LdapSyncError, match="check --bind-dn and the password in the var"):
            read_people(dataclasses.replace(trusted, password="wrong"))
        nowhere = dataclasses.replace(trusted, base=f"ou=nobody,{slapd.base}")
        with pytest.raises(LdapSyncError, match=r"'ou=nobody,dc=klinikum,dc=example' does not "):
            read_people(nowhere)
        no_password = subprocess.run(
            [sys.executable, "-m", "desktop_app", "admin", "--data", str(relay_root), "directory",
             "sync-ldap", "--url", slapd.url, "--base", slapd.base, "--bind-dn", slapd.bind_dn,
             "--dry-run"],
            capture_output=True, text=True, env=wardlink_env(), timeout=60, check=False,
        )  # fmt: skip
        assert no_password.returncode == 1, no_password.stdout
        assert "--bind-dn needs --password-env VAR" in no_password.stderr


def test_unreachable_server_and_plaintext_password_are_refused(relay_root: Path) -> None:
    mapping = mapping_for(Schema.OPENLDAP)
    dead = LdapSource.create("ldap://127.0.0.1:9", "dc=x", Schema.OPENLDAP, mapping)
    with pytest.raises(LdapSyncError, match=r"LDAP 127\.0\.0\.1"):
        sync_ldap(relay_root, dead, ADMIN)
    remote = LdapSource.create(
        "ldap://ldap.klinikum.example", "dc=x", Schema.OPENLDAP, mapping,
        bind_dn="cn=x", password="secret",
    )  # fmt: skip
    with pytest.raises(AdminInputError, match="unencrypted: use ldaps:// or --starttls"):
        sync_ldap(relay_root, remote, ADMIN)


def test_ad_preset_maps_sam_account_name_and_overrides() -> None:
    ad = mapping_for(Schema.AD, ["pager=mobile"])
    entry = entry_from_ldap(
        {"sAMAccountName": ["WeberA"], "displayName": ["Weber, Anna"], "department": ["Chirurgie"],
         "title": ["Oberärztin"], "mobile": ["0171 1"], "telephoneNumber": ["+49 40 9"]},
        ad,
    )  # fmt: skip
    assert (entry.uid, entry.cn, entry.department, entry.pager) == (
        "webera",
        "Weber, Anna",
        "Chirurgie",
        "0171 1",
    )
    with pytest.raises(DirectoryError, match="use attribute=ldapAttribute"):
        mapping_for(Schema.AD, ["shoe=size"])
