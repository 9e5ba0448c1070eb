"""The `wardlink` command as a user runs it: real processes, one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.storage.keyslot import KEYSLOT_NAME

PASS = "Station 3B Nachtdienst"


def wardlink(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def test_help_lists_the_subcommands() -> None:
    done = wardlink("--help")
    assert done.returncode == 0
    for command in ("container", "profiles", "demo"):
        assert command in done.stdout


def test_create_info_check_passwd_and_errors(tmp_path: Path) -> None:
    profile = tmp_path / "anna"
    done = wardlink(
        "container",
        "create",
        "--profile",
        str(profile),
        "--name",
        "Dr. Anna Weber",
        "--department",
        "Kardiologie",
        env={"WARDLINK_PASSPHRASE": PASS},
    )
    assert done.returncode == 0, done.stderr
    assert "created container" in done.stdout

    info = wardlink("container", "info", "--profile", str(profile))
    assert "Dr. Anna Weber (Kardiologie)" in info.stdout and "argon2id" in info.stdout

    check = wardlink(
        "container", "check", "--profile", str(profile), env={"WARDLINK_PASSPHRASE": PASS}
    )
    assert check.returncode == 0 and check.stdout.strip().endswith("ok")

    wrong = wardlink(
        "container",
        "check",
        "--profile",
        str(profile),
        env={"WARDLINK_PASSPHRASE": "nope nope nope"},
    )
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == "wardlink: Wrong passphrase."
    assert "Traceback" not in wrong.stderr

    passwd = wardlink(
        "container",
        "passwd",
        "--profile",
        str(profile),
        env={"WARDLINK_PASSPHRASE": PASS, "WARDLINK_NEW_PASSPHRASE": "ein neues Geheimnis"},
    )
    assert passwd.returncode == 0, passwd.stderr
    assert (
        wardlink(
            "container",
            "check",
            "--profile",
            str(profile),
            env={"WARDLINK_PASSPHRASE": "ein neues Geheimnis"},
        ).returncode
        == 0
    )

    listing = wardlink("profiles", "--root", str(tmp_path))
    assert "Dr. Anna Weber — Kardiologie" in listing.stdout


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("missing", "No WardLink container"),
        ("foreign", "not a WardLink container"),
        ("no-terminal", "set WARDLINK_PASSPHRASE"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path: Path, setup: str, expected: str) -> None:
    profile = tmp_path / "p"
    env: dict[str, str] | None = {"WARDLINK_PASSPHRASE": PASS}
    if setup == "foreign":
        profile.mkdir()
        (profile / KEYSLOT_NAME).write_text(json.dumps({"format": "zip"}))
    if setup == "no-terminal":
        env = None
        wardlink(
            "container",
            "create",
            "--profile",
            str(profile),
            "--name",
            "X",
            env={"WARDLINK_PASSPHRASE": PASS},
        )
    done = wardlink("container", "check", "--profile", str(profile), env=env)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], done.stderr


def test_weak_passphrase_is_refused_by_create(tmp_path: Path) -> None:
    done = wardlink(
        "container",
        "create",
        "--profile",
        str(tmp_path / "p"),
        "--name",
        "X",
        env={"WARDLINK_PASSPHRASE": "kurz"},
    )
    assert done.returncode == 1 and "at least 10 characters" in done.stderr
    assert not (tmp_path / "p" / KEYSLOT_NAME).exists()


def test_client_container_destroy_needs_the_passphrase_and_shreds(tmp_path: Path) -> None:
    profile = tmp_path / "anna"
    env = {"WARDLINK_PASSPHRASE": PASS}
    created = wardlink("container", "create", "--profile", str(profile), "--name", "A", env=env)
    assert created.returncode == 0, created.stderr
    key_inode = tmp_path / "key-inode"  # a second name for the key file's bytes
    os.link(profile / KEYSLOT_NAME, key_inode)

    wrong = wardlink(
        "client",
        "--profile",
        str(profile),
        "container",
        "destroy",
        env={"WARDLINK_PASSPHRASE": "nope nope nope"},
    )
    assert wrong.returncode == 1 and "Wrong passphrase" in wrong.stderr
    assert (profile / KEYSLOT_NAME).is_file()

    done = wardlink("client", "--profile", str(profile), "container", "destroy", env=env)
    assert done.returncode == 0, done.stderr
    assert "for good" in done.stderr and "destroyed the container" in done.stdout
    assert not profile.exists()
    data = key_inode.read_bytes()
    assert data == bytes(len(data))  # overwritten before it was unlinked
