"""Ids that name the conversation they were made for (domain/bound_ids.py)."""

from __future__ import annotations

from desktop_app.domain import bound_ids


def test_an_id_fits_only_the_conversation_it_was_made_for() -> None:
    made = bound_ids.new_id("g-ward")
    assert bound_ids.made_for("g-ward", made) is True
    assert bound_ids.made_for("d-chat", made) is False
    assert bound_ids.bind("g-ward", "ics-abc") == bound_ids.bind("g-ward", "ics-abc")
    assert bound_ids.bind("g-ward", "ics-abc") != bound_ids.bind("d-chat", "ics-abc")


def test_ids_made_before_name_no_conversation() -> None:
    for old in ("0f3c9a1e2b4d4c8e9f0a1b2c3d4e5f60", "ics-" + "a" * 32, "a.b", ".0123456789abcdef"):
        assert bound_ids.made_for("g-ward", old) is None
