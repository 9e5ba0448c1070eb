"""The login's retries of failed document bodies download at most a small budget, so
large bodies that failed (a CT series) cannot hold back the mailbox after a login; they
wait for a later login with room, or for being opened."""

from __future__ import annotations

from desktop_app.services.documents import BODY_RETRY_BYTES_AT_LOGIN, _within
from desktop_app.storage.sql_documents import DocVersion

MB = 1024 * 1024


def version(n: int, size: int) -> DocVersion:
    return DocVersion(f"d{n}", 1, f"f{n}", "", f"b{n}", b"k" * 32, "0" * 64, size, "a", 0)


def test_large_bodies_are_left_for_later_and_smaller_ones_after_them_still_fit() -> None:
    due = [version(1, 20 * MB), version(2, 200 * MB), version(3, 10 * MB), version(4, 5 * MB)]
    chosen = [v.document_id for v in _within(due, BODY_RETRY_BYTES_AT_LOGIN)]
    assert BODY_RETRY_BYTES_AT_LOGIN == 32 * MB
    assert chosen == ["d1", "d3"]  # 20 + 10 MB; the 200 MB one waits, 5 MB no longer fits
