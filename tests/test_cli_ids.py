"""Ids beginning with "-" given to every command that takes an id (issue 19).

Old clients made url-safe ids of which about one in 64 began with "-"; they live on in
containers and relay stores. Here they are real: a device enrolled through the relay by
a client whose random id began with "--", and a group, message and attachment stored in
a container under such ids. Each id-taking command must read them as ids.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.cli import build_parser
from desktop_app.domain.ids import AttachmentId, ConversationId, MessageId, Uid
from desktop_app.domain.model import Attachment, Message, MessageState
from desktop_app.storage.container import Container
from tests.relay.conftest import relay_process
from tests.test_cli_message_path import PASS, ok, wardlink

OLD_DEVICE = "--fazsQ4kXvB2mTw"  # 16 characters, as token_urlsafe(12) made them
GROUP = "-Gq7rT0bKx2LmN4vZp9sYc"  # 22 characters, as token_urlsafe(16) made them
MESSAGE = "-Mh3kW8qZr1tYb6nVx0cAe"
ATTACHMENT = "--a5JpL2sXw9dQk7uEr3fG"

# An old client: enrollment as today, but its random device id began with "--".
OLD_CLIENT = (
    "import sys\n"
    "import desktop_app.services.enrollment as enrollment\n"
    "from desktop_app.cli import main\n"
    f"enrollment.new_device_id = lambda: {OLD_DEVICE!r}\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)


def _forge(profile: Path, real_group: str, scan: Path) -> None:
    """Store a copy of a real group, a message and an attachment under "-…" ids."""
    container = Container.open(profile, PASS)
    try:
        now = datetime.now(UTC)
        state = container.conversations.state(ConversationId(real_group))
        assert state is not None
        container.conversations.apply_state(ConversationId(GROUP), state, now)
        container.messages.add(
            Message(
                MessageId(MESSAGE),
                ConversationId(GROUP),
                Uid("weber.anna"),
                now,
                "Befund anbei",
                state=MessageState.SENT,
            )
        )
        with scan.open("rb") as fh:
            stored = container.blobs.put(fh)
        attachment = Attachment(
            AttachmentId(ATTACHMENT),
            MessageId(MESSAGE),
            scan.name,
            "image/png",
            stored.size,
            stored.sha256,
        )
        container.attachments.register(attachment, stored, None)
    finally:
        container.close()


def test_every_id_command_takes_ids_beginning_with_a_dash(tmp_path: Path) -> None:
    data = tmp_path / "relay"
    ok("relay", "init", "--data", str(data), "--org", "Klinikum Nord")
    codes = {
        uid: ok("admin", "--data", str(data), "enroll", uid).split()[0]
        for uid in ("weber.anna", "mueller.jonas")
    }
    old_code = ok("admin", "--data", str(data), "enroll", "weber.anna").split()[0]
    with relay_process(data, advertise=False) as relay:
        addr = f"127.0.0.1:{relay.port}"
        anna, jonas, old = tmp_path / "anna", tmp_path / "jonas", tmp_path / "old"
        for uid, profile in (("weber.anna", anna), ("mueller.jonas", jonas)):
            ok("client", "--profile", str(profile), "enroll", "--relay", addr, "--code", codes[uid])
        enrolled = subprocess.run(
            [
                sys.executable,
                "-c",
                OLD_CLIENT,
                "client",
                "--profile",
                str(old),
                "enroll",
                *("--relay", addr, "--code", old_code),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "WARDLINK_PASSPHRASE": PASS},
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
        assert f"as device {OLD_DEVICE}" in enrolled.stdout, enrolled.stderr

        client = ("client", "--profile", str(anna))
        real_group = ok(*client, "group", "create", "Team", "mueller.jonas")
        scan = tmp_path / "thorax.png"
        scan.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(5_000))
        _forge(anna, real_group.strip(), scan)

        history = ok(*client, "history", GROUP)
        assert "Befund anbei" in history
        (line,) = ok(*client, "history", GROUP, "--json").splitlines()
        shown = json.loads(line)
        assert (shown["id"], shown["attachments"][0]["id"]) == (MESSAGE, ATTACHMENT)
        assert ok(*client, "history", "--json", "--", GROUP) == line + "\n"

        target = tmp_path / "export.png"
        ok(*client, "save-attachment", MESSAGE, ATTACHMENT, str(target))
        assert target.read_bytes() == scan.read_bytes()

        assert ok(*client, "group", "remove", GROUP, "mueller.jonas").strip() == (
            "remove mueller.jonas: done"
        )
        assert ok(*client, "group", "add", GROUP, "mueller.jonas").strip() == (
            "add mueller.jonas: done"
        )
        ok(*client, "send", GROUP, "Bitte ansehen", "--urgent")
        ok(*client, "send-file", GROUP, str(scan), "--text", "Nachtrag")
        assert "Bitte ansehen" in ok(*client, "history", GROUP)

        revoked = ok("admin", "--data", str(data), "revoke", OLD_DEVICE)
        assert revoked.startswith(f"revoked device {OLD_DEVICE} of weber.anna")
        devices = ok("admin", "--data", str(data), "devices", "weber.anna")
        (row,) = [r for r in devices.splitlines() if OLD_DEVICE in r]
        assert not row.endswith(" -")  # the REVOKED column holds a time

        refused = wardlink("client", "--profile", str(old), "sync")
        assert refused.returncode == 1 and "revoked" in refused.stderr.lower()


@pytest.mark.parametrize(
    "words",
    [
        ["client", "--profile", "P", "history", "--json", GROUP],
        ["client", "--profile", "P", "history", GROUP, "--js"],  # abbreviations still work
        ["client", "--profile", "P", "history", "--json", "--", GROUP],
    ],
)
def test_an_id_after_or_before_options_is_the_positional(words: list[str]) -> None:
    args = build_parser().parse_args(words)
    assert (args.conversation, args.json) == (GROUP, True)


def test_unknown_options_and_short_words_are_still_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for words in (
        ["client", "--profile", "P", "history", "--jsn", GROUP],  # a typo, not an id
        ["client", "--profile", "P", "save-attachment", MESSAGE, "-x", "out"],
    ):
        with pytest.raises(SystemExit):
            build_parser().parse_args(words)
    assert "unrecognized arguments: --jsn" in capsys.readouterr().err


def test_help_of_id_commands_says_ids_may_begin_with_a_dash() -> None:
    for words in (
        ["client", "--profile", "P", "history"],
        ["client", "--profile", "P", "save-attachment"],
        ["client", "--profile", "P", "refetch-attachment"],
        ["issuing", "sign-enrollments"],
        ["client", "--profile", "P", "group", "add"],
        ["client", "--profile", "P", "send"],
        ["admin", "--data", "D", "revoke"],
    ):
        done = wardlink(*words, "--help")
        assert done.returncode == 0
        assert "Ids may begin with '-'" in done.stdout and "'--'" in done.stdout


def test_refetch_and_the_signing_device_option_take_ids_beginning_with_a_dash() -> None:
    args = build_parser().parse_args(
        ["client", "--profile", "P", "refetch-attachment", MESSAGE, ATTACHMENT]
    )
    assert (args.message_id, args.attachment_id) == (MESSAGE, ATTACHMENT)
    device = "-fazs" + "A" * 12
    args = build_parser().parse_args(
        ["issuing", "sign-enrollments", "req.json", "--keys", "K", "--out", "O",
         "--device", device, "--device", "plainDeviceId0001"]
    )  # fmt: skip
    assert args.device == [device, "plainDeviceId0001"]
