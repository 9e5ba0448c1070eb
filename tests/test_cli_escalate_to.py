"""`client send TO TEXT --urgent --escalate-to UID` through a relay: the target goes
with the urgent message (the receiver's history shows it); a uid outside the staff
directory, or a target on a message that is not urgent, is refused."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.directory.model import Entry
from tests.directory.files import to_csv
from tests.relay.conftest import relay_process
from tests.test_cli_message_path import ok, wardlink

STAFF = [
    Entry(uid="weber.anna", cn="Anna Weber", department="Chirurgie"),
    Entry(uid="mueller.jonas", cn="Jonas Müller", department="Kardiologie"),
    Entry(uid="schulz.ben", cn="Ben Schulz", department="Intensiv"),
]


def test_send_urgent_with_a_per_message_escalation_target(tmp_path: Path) -> None:
    data = tmp_path / "relay"
    ok("relay", "init", "--data", str(data), "--org", "Klinikum Nord")
    (tmp_path / "staff.csv").write_bytes(to_csv(STAFF))
    ok("admin", "--data", str(data), "directory", "import", str(tmp_path / "staff.csv"))
    people = {"weber.anna": tmp_path / "anna", "mueller.jonas": tmp_path / "jonas"}
    codes = {uid: ok("admin", "--data", str(data), "enroll", uid).split()[0] for uid in people}
    with relay_process(data, advertise=False) as relay:
        for uid, profile in people.items():
            relay_at = f"127.0.0.1:{relay.port}"
            ok("client", "--profile", str(profile), "enroll", "--relay", relay_at,
               "--code", codes[uid], "--accept-privacy-notice")  # fmt: skip
        anna, jonas = people["weber.anna"], people["mueller.jonas"]
        send = ("client", "--profile", str(anna), "send", "mueller.jonas")
        sent = ok(*send, "Zi. 4 Kalium 6,8", "--urgent", "--escalate-to", "schulz.ben")
        mid = sent.split()[1]
        for args, why in (
            (("x", "--urgent", "--escalate-to", "boss.outside"), "not in the staff directory"),
            (("x", "--escalate-to", "schulz.ben"), "Only an urgent message"),
        ):
            refused = wardlink(*send, *args)
            assert refused.returncode != 0 and why in refused.stderr, refused.stderr
        out = ok("client", "--profile", str(jonas), "sync", "--json")
        got = {m["id"]: m for m in map(json.loads, out.splitlines())}
        assert list(got) == [mid]
        assert got[mid]["urgent"] is True and got[mid]["escalate_to"] == "schulz.ben"
