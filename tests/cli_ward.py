"""Two people enrolled by the real `wardlink` commands on a relay process (CLI tests).

Every headless-client test starts the same way: `relay init`, `admin enroll` for each
uid, `relay serve`, `client enroll` for each profile; only what follows differs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.relay.conftest import relay_process
from tests.test_cli_message_path import ok

PAIR = ("weber.anna", "mueller.jonas")


@contextmanager
def enrolled(tmp_path: Path, uids: tuple[str, ...] = PAIR) -> Iterator[dict[str, Path]]:
    """Yield {uid: profile dir} while the relay runs; profiles are named by first name."""
    data = tmp_path / "relay"
    ok("relay", "init", "--data", str(data), "--org", "Klinikum Nord")
    people = {uid: tmp_path / uid.split(".")[-1] for uid in uids}
    codes = {uid: ok("admin", "--data", str(data), "enroll", uid).split()[0] for uid in people}
    with relay_process(data, advertise=False) as relay:
        address = f"127.0.0.1:{relay.port}"
        for uid, profile in people.items():
            ok("client", "--profile", str(profile), "enroll", "--relay", address,
               "--code", codes[uid], "--accept-privacy-notice")  # fmt: skip
        yield people
