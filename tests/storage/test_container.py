"""Creating, opening and re-keying containers; every bad input gets a typed error."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from desktop_app.storage import migrations
from desktop_app.storage.container import DB_NAME, Container
from desktop_app.storage.errors import (
    ContainerExists,
    ContainerNotFound,
    CorruptContainer,
    NotAContainer,
    SchemaTooNew,
    WeakSecret,
    WrongPassphrase,
)
from desktop_app.storage.keyslot import KEYSLOT_NAME, Owner
from desktop_app.storage.profiles import ProfileRoot
from tests.conftest import FAST_KDF, PASSPHRASE, make_conversation, make_message
from tests.storage.forensics import decrypted_db


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_then_open_with_the_passphrase(container: Container, container_dir: Path) -> None:
    cid = make_conversation(container)
    container.messages.add(make_message(cid, "Visite um 9 Uhr"))
    container.close()
    with Container.open(container_dir, PASSPHRASE) as again:
        assert [m.body for m in again.messages.page(cid).messages] == ["Visite um 9 Uhr"]
        assert again.schema_version == migrations.LATEST
        assert again.integrity_check() == []


def test_database_key_is_raw_random_and_file_is_encrypted(
    container: Container, container_dir: Path
) -> None:
    key = Container.unlock_key(container_dir, PASSPHRASE)
    assert len(key) == 32
    container.close()
    raw = (container_dir / DB_NAME).read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"CREATE TABLE" not in raw
    # ...and our forensic reader proves the key in the key file is the database key.
    assert b"CREATE TABLE messages" in decrypted_db(container_dir / DB_NAME, key)


def test_wrong_passphrase_is_refused_and_changes_nothing(
    container: Container, container_dir: Path
) -> None:
    container.close()
    before = sha(container_dir / DB_NAME), sha(container_dir / KEYSLOT_NAME)
    with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
        Container.open(container_dir, "not the passphrase at all")
    assert (sha(container_dir / DB_NAME), sha(container_dir / KEYSLOT_NAME)) == before


def test_change_passphrase_rewraps_without_reencrypting(
    container: Container, container_dir: Path
) -> None:
    cid = make_conversation(container)
    container.messages.add(make_message(cid, "bleibt erhalten"))
    key_before = Container.unlock_key(container_dir, PASSPHRASE)
    new = "ein ganz anderes Geheimnis"
    container.change_passphrase(PASSPHRASE, new)
    container.close()
    assert Container.unlock_key(container_dir, new) == key_before
    with pytest.raises(WrongPassphrase):
        Container.open(container_dir, PASSPHRASE)
    with Container.open(container_dir, new) as again:
        assert again.messages.page(cid).messages[0].body == "bleibt erhalten"


def test_change_passphrase_needs_the_old_one_and_a_strong_new_one(container: Container) -> None:
    with pytest.raises(WrongPassphrase):
        container.change_passphrase("wrong old passphrase", "a brand new passphrase")
    with pytest.raises(WeakSecret):
        container.change_passphrase(PASSPHRASE, "short")


@pytest.mark.parametrize("weak", ["", "kurz", "aaaaaaaaaaaaaa", "abababababab"])
def test_weak_passphrase_is_refused_at_creation(tmp_path: Path, weak: str) -> None:
    with pytest.raises(WeakSecret):
        Container.create(tmp_path / "x", weak, Owner("X"), kdf=FAST_KDF)
    assert not (tmp_path / "x" / DB_NAME).exists()


def test_two_people_in_one_root_each_open_only_their_own(tmp_path: Path) -> None:
    root = ProfileRoot(tmp_path / "profiles")
    anna, jonas = Owner("Dr. Anna Weber", "Kardiologie", "weber.anna"), Owner("Jonas Müller")
    dir_a, dir_j = root.new_directory(anna), root.new_directory(jonas)
    Container.create(dir_a, "Anna's passphrase!", anna, kdf=FAST_KDF).close()
    Container.create(dir_j, "Jonas' passphrase!", jonas, kdf=FAST_KDF).close()
    assert [p.owner.display_name for p in root.people()] == ["Dr. Anna Weber", "Jonas Müller"]

    Container.open(dir_a, "Anna's passphrase!").close()
    Container.open(dir_j, "Jonas' passphrase!").close()
    with pytest.raises(WrongPassphrase):
        Container.open(dir_a, "Jonas' passphrase!")
    with pytest.raises(WrongPassphrase):
        Container.open(dir_j, "Anna's passphrase!")
    # Even Jonas' unwrapped database key does not open Anna's database.
    with pytest.raises(CorruptContainer):
        Container.open_with_key(dir_a, Container.unlock_key(dir_j, "Jonas' passphrase!"))


def test_create_refuses_an_existing_container(container: Container, container_dir: Path) -> None:
    container.close()
    before = sha(container_dir / DB_NAME), sha(container_dir / KEYSLOT_NAME)
    with pytest.raises(ContainerExists):
        Container.create(container_dir, "another passphrase", Owner("Mallory"), kdf=FAST_KDF)
    assert (sha(container_dir / DB_NAME), sha(container_dir / KEYSLOT_NAME)) == before
    Container.open(container_dir, PASSPHRASE).close()


def test_missing_container(tmp_path: Path) -> None:
    with pytest.raises(ContainerNotFound, match="No WardLink container"):
        Container.open(tmp_path / "nobody", PASSPHRASE)


def test_missing_key_file(container: Container, container_dir: Path) -> None:
    container.close()
    (container_dir / KEYSLOT_NAME).unlink()
    with pytest.raises(CorruptContainer, match=r"key file .* is missing"):
        Container.open(container_dir, PASSPHRASE)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01binary",
        b"not json",
        json.dumps({"format": "something-else"}).encode(),
        b"[" * 5000,  # was a RecursionError (tests/fuzz)
    ],
)
def test_foreign_key_file_is_not_a_container(tmp_path: Path, content: bytes) -> None:
    tmp_path.joinpath(KEYSLOT_NAME).write_bytes(content)
    with pytest.raises(NotAContainer):
        Container.open(tmp_path, PASSPHRASE)


def test_damaged_key_file(container: Container, container_dir: Path) -> None:
    container.close()
    path = container_dir / KEYSLOT_NAME
    doc = json.loads(path.read_text())
    doc["kdf"]["memory_kib"] = 10**9  # a hostile file asking for a terabyte
    path.write_text(json.dumps(doc))
    with pytest.raises(CorruptContainer, match="out of range"):
        Container.open(container_dir, PASSPHRASE)
    del doc["wrap"]
    path.write_text(json.dumps(doc))
    with pytest.raises(CorruptContainer):
        Container.open(container_dir, PASSPHRASE)


def test_infinite_kdf_cost_in_key_file_is_damage_not_a_crash(
    container: Container, container_dir: Path
) -> None:
    # Found by fuzzing (tests/fuzz): JSON allows Infinity, and int(inf) is an OverflowError.
    container.close()
    path = container_dir / KEYSLOT_NAME
    path.write_text(path.read_text().replace('"time_cost": 1', '"time_cost": Infinity'))
    with pytest.raises(CorruptContainer, match="damaged"):
        Container.open(container_dir, PASSPHRASE)


def test_lowered_kdf_cost_in_key_file_is_detected(
    container: Container, container_dir: Path
) -> None:
    container.close()
    path = container_dir / KEYSLOT_NAME
    doc = json.loads(path.read_text())
    doc["kdf"]["memory_kib"] = 8  # parameters are authenticated with the wrapped key
    path.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphrase):
        Container.open(container_dir, PASSPHRASE)


@pytest.mark.parametrize("cut", ["mid-page", "page-boundary", "empty"])
def test_truncated_database(container: Container, container_dir: Path, cut: str) -> None:
    cid = make_conversation(container)
    container.messages.add_many([make_message(cid, "x" * 500) for _ in range(200)])
    container.close()
    db = container_dir / DB_NAME
    data = db.read_bytes()
    assert len(data) > 8 * 4096
    size = {"mid-page": len(data) // 2 + 100, "page-boundary": 4096 * 3, "empty": 0}[cut]
    db.write_bytes(data[:size])
    with pytest.raises(CorruptContainer):
        c = Container.open(container_dir, PASSPHRASE)
        # A cut on a page boundary may only show when the missing pages are read.
        c.messages.page(cid, limit=500)


def test_bit_flip_in_database_is_detected(container: Container, container_dir: Path) -> None:
    cid = make_conversation(container)
    container.messages.add_many([make_message(cid, "y" * 300) for _ in range(100)])
    container.close()
    db = container_dir / DB_NAME
    data = bytearray(db.read_bytes())
    data[4096 * 2 + 100] ^= 0x01
    db.write_bytes(bytes(data))
    with pytest.raises(CorruptContainer):
        c = Container.open(container_dir, PASSPHRASE)
        c.messages.page(cid, limit=500)
        assert c.integrity_check() == []


def test_random_file_as_database(container: Container, container_dir: Path) -> None:
    container.close()
    (container_dir / DB_NAME).write_bytes(bytes(range(256)) * 64)
    with pytest.raises(CorruptContainer):
        Container.open(container_dir, PASSPHRASE)


def test_newer_schema_is_refused_without_changing_the_file(
    container: Container, container_dir: Path
) -> None:
    container.database.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    container.close()
    before = sha(container_dir / DB_NAME)
    with pytest.raises(SchemaTooNew, match="newer WardLink"):
        Container.open(container_dir, PASSPHRASE)
    assert sha(container_dir / DB_NAME) == before
