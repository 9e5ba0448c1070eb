"""Repeated log lines and audit refusals are coalesced into one line with a count."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.relay.audit import AuditLog
from desktop_app.relay.log_filter import RepeatFilter


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _record(msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("wardlink.relay", logging.ERROR, __file__, 1, msg, args, None)


def test_repeated_log_lines_pass_once_per_window_and_report_the_count() -> None:
    clock = _Clock()
    repeat = RepeatFilter(window_s=10.0, clock=clock)
    passed = [r for r in (_record("accept failed: %s", n) for n in range(1000)) if repeat.filter(r)]
    assert len(passed) == 1
    assert repeat.filter(_record("another kind")) is True
    clock.now = 11.0
    later = _record("accept failed: %s", "x")
    assert repeat.filter(later) is True
    assert later.getMessage() == "accept failed: x (repeated 999 times)"


def test_refusals_are_written_once_then_counted_and_other_events_are_not(tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "audit.log")
    audit.start()
    for n in range(500):
        audit.record(
            "login_refused", device_id=f"X{n}", reason="unknown device", peer=f"10.0.0.9:{n}"
        )
    audit.record("login_refused", device_id="Y", reason="unknown device", peer="10.0.0.8:1")
    audit.record("login", uid="weber.anna", device_id="WEBER-PC1", peer="10.0.0.7:1")
    audit.record("login", uid="weber.anna", device_id="WEBER-PC1", peer="10.0.0.7:2")
    audit.close()
    entries = audit.entries()
    refused = [e for e in entries if e["event"] == "login_refused"]
    from_9 = [e for e in refused if str(e["peer"]).startswith("10.0.0.9")]
    assert len(from_9) == 2 and from_9[1]["repeated"] == 499 and from_9[1]["peer"] == "10.0.0.9"
    assert len(refused) == 3  # another address has its own line
    assert [e["event"] for e in entries].count("login") == 2  # logins are never coalesced
    audit.record("login", uid="weber.anna", device_id="WEBER-PC1", peer="x")  # after close: direct
    assert len(audit.entries()) == len(entries) + 1
