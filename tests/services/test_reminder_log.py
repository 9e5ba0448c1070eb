"""The reminder log in a real (SQLCipher) container: survives a reopen, never moves back,
and forgets shown keys only once they can no longer fall due again."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.reminder_log import SHOWN_KEEP_MS, ReminderLog
from desktop_app.storage.container import Container
from tests.conftest import PASSPHRASE

DAY = 86_400_000


def test_the_log_keeps_what_was_shown_and_up_to_when_across_a_reopen(
    container: Container, container_dir: Path
) -> None:
    log = ReminderLog(container.settings)
    assert log.checked_until() is None and log.shown() == {}
    now = 1_800_000_000_000
    log.record({"task:a:1": now - 10 * DAY, "task:b:2": now - DAY}, now)
    assert log.checked_until() == now

    # A clock set back does not move the mark back (no reminder replays).
    log.record({}, now - DAY)
    assert log.checked_until() == now

    # Keys older than the keep window are dropped at the next record; recent ones stay.
    later = now + DAY
    log.record({"event:c:3": later}, later)
    assert set(log.shown()) == {"task:b:2", "event:c:3"}
    assert now - 10 * DAY < later - SHOWN_KEEP_MS

    # Closed and opened again (the app restarted): the same marks.
    container.close()
    with Container.open(container_dir, PASSPHRASE) as reopened:
        again = ReminderLog(reopened.settings)
        assert again.checked_until() == later
        assert again.shown() == {"task:b:2": now - DAY, "event:c:3": later}
        reopened.settings.set("reminders.shown", "[not json")
        assert again.shown() == {}  # damaged: the worst is a repeat, never a crash
