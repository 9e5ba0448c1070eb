"""`wardlink client send-file` with a video clip through a real relay: the receiver's sync and
history mark the attachment as a video and give the duration, picture size and codec it
measured itself from the clip; the bytes arrive unchanged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.relay.conftest import relay_process
from tests.test_cli_message_path import ok
from tests.video_samples import make_clip


def test_video_clip_round_trip_carries_kind_and_measured_duration(tmp_path: Path) -> None:
    data = tmp_path / "relay"
    ok("relay", "init", "--data", str(data), "--org", "Klinikum Nord")
    people = {"weber.anna": tmp_path / "anna", "mueller.jonas": tmp_path / "jonas"}
    codes = {uid: ok("admin", "--data", str(data), "enroll", uid).split()[0] for uid in people}
    clip = make_clip("libvpx-vp9", "webm", seconds=1.5)
    path = tmp_path / "verband.webm"
    path.write_bytes(clip)
    with relay_process(data, advertise=False) as relay:
        for uid, profile in people.items():
            ok("client", "--profile", str(profile), "enroll", "--relay",
               f"127.0.0.1:{relay.port}", "--code", codes[uid],
               "--accept-privacy-notice")  # fmt: skip
        anna, jonas = people["weber.anna"], people["mueller.jonas"]
        sent = ok("client", "--profile", str(anna), "send-file", "mueller.jonas", str(path),
                  "--text", "Tag 3")  # fmt: skip
        (received,) = [
            json.loads(line)
            for line in ok("client", "--profile", str(jonas), "sync", "--json").splitlines()
        ]
        assert received["id"] == sent.split()[1]
        (attachment,) = received["attachments"]
        assert attachment["kind"] == "video" and attachment["state"] == "stored"
        assert abs(received["duration_ms"] - 1500) <= 50
        assert received["video"] == {"width": 160, "height": 120, "codec": "vp9", "audio": False}
        history = ok(
            "client", "--profile", str(jonas), "history", received["conversation"], "--json"
        )
        last = json.loads(history.splitlines()[-1])
        assert last["duration_ms"] == received["duration_ms"] and last["video"]["codec"] == "vp9"
        saved = tmp_path / "received.webm"
        ok("client", "--profile", str(jonas), "save-attachment", received["id"],
           attachment["id"], str(saved))  # fmt: skip
    assert hashlib.sha256(saved.read_bytes()).digest() == hashlib.sha256(clip).digest()
