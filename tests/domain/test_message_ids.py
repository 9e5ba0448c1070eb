"""Message ids name their sender (domain/message_ids.py): an id made for one person is
refused from anyone else, an id of an earlier release (a bare token) from nobody."""

from __future__ import annotations

from desktop_app.domain import message_ids
from desktop_app.domain.ids import is_system_message_id, is_visible_id, new_message_id


def test_an_id_names_its_sender_and_no_one_else() -> None:
    made = message_ids.new_id_from("weber.anna")
    assert not message_ids.made_for_another("weber.anna", made)
    assert message_ids.made_for_another("mueller.jonas", made)
    assert message_ids.made_for_another("weber.ann", made)  # not a prefix match
    assert is_visible_id(made) and not is_system_message_id(made)
    assert len(made) <= 64
    assert made != message_ids.new_id_from("weber.anna")


def test_an_id_of_an_earlier_release_names_nobody() -> None:
    old = new_message_id()
    assert not message_ids.made_for_another("weber.anna", old)
    assert not message_ids.made_for_another("mueller.jonas", old)
    assert not message_ids.made_for_another("mueller.jonas", "later-1")
