"""The membership rule on its own: every way a state can be refused, and what passes."""

from __future__ import annotations

import pytest

from desktop_app.domain.ids import Uid
from desktop_app.domain.model import ConversationKind
from desktop_app.protocol import content as wire
from desktop_app.services.membership import (
    Outcome,
    direct_conversation_id,
    group_conversation_id,
    judge,
    judge_removal,
)
from desktop_app.storage.sql_messages import ConversationState

A, B, M = "weber.anna", "mueller.jonas", "schulz.mallory"
SALT = bytes(range(16))
GROUP = group_conversation_id(A, SALT)
DIRECT = direct_conversation_id(A, B)


def group(
    members: list[str], admins: list[str], version: int = 1, creator: str = A, salt: bytes = SALT
) -> wire.GroupState:
    return wire.GroupState(1, "group", "Station 3B", members, admins, version, 0, creator, salt)


def direct(members: list[str], version: int = 1) -> wire.GroupState:
    return wire.GroupState(1, "direct", "", members, members, version, 0)


def held(members: list[str], version: int = 1) -> ConversationState:
    return ConversationState(
        ConversationKind.GROUP,
        "Station 3B",
        tuple(Uid(u) for u in members),
        (Uid(A),),
        version,
        Uid(A),
        SALT,
    )


def test_ids_do_not_start_with_a_dash_and_differ_by_kind() -> None:
    assert DIRECT.startswith("d-") and GROUP.startswith("g-")
    assert direct_conversation_id(B, A) == DIRECT
    assert group_conversation_id(M, SALT) != GROUP


def test_direct_state_from_one_of_the_two_is_accepted_once() -> None:
    assert judge(DIRECT, None, direct([A, B]), sender=A, me=B).outcome is Outcome.ACCEPT
    known = ConversationState(ConversationKind.DIRECT, "", (Uid(A), Uid(B)), (), 1)
    later = judge(DIRECT, known, direct([A, B], version=9), sender=A, me=B)
    assert later.outcome is Outcome.UNCHANGED


@pytest.mark.parametrize(
    ("state", "sender"),
    [
        (direct([A, B, M]), M),  # a third person
        (direct([B, M]), M),  # the wrong pair for this id
        (direct([A, B]), M),  # right pair, sent by someone else
        (group([A, B, M], [M], creator=M), M),  # turned into a group
    ],
)
def test_direct_state_refusals(state: wire.GroupState, sender: str) -> None:
    assert judge(DIRECT, None, state, sender=sender, me=B).outcome is Outcome.REFUSE


def test_first_group_state_only_from_the_creator_the_id_names() -> None:
    assert judge(GROUP, None, group([A, B, M], [A]), sender=A, me=B).outcome is Outcome.ACCEPT
    for state, sender in [
        (group([A, B, M], [M]), M),  # a member claims it
        (group([A, B, M], [A, M]), A),  # an extra admin
        (group([A, B, M], [M], creator=M), M),  # names itself creator of another's id
        (group([A, B, M], [A], salt=b""), A),  # no salt: nothing to check
        (wire.GroupState(1, "group", "x", [A, B], [A], 1, 0), A),  # no creator at all
    ]:
        assert judge(GROUP, None, state, sender=sender, me=B).outcome is Outcome.REFUSE


def test_group_changes_need_an_admin_a_newer_version_and_no_new_admins() -> None:
    """A member repeating the state we hold (its room key rotated) is no change, not a
    refusal; the same version with other members or admins is still refused."""
    now = held([A, B, M], version=3)
    assert judge(GROUP, now, group([A, B], [A], 4), sender=A, me=B).outcome is Outcome.ACCEPT
    assert judge(GROUP, now, group([A, B], [A], 3), sender=A, me=B).outcome is Outcome.UNCHANGED
    assert judge(GROUP, now, group([A, B, M], [A], 9), sender=M, me=B).outcome is Outcome.REFUSE
    assert judge(GROUP, now, group([A, B, M], [A, M], 4), sender=A, me=B).outcome is Outcome.REFUSE
    assert judge(GROUP, now, group([A, B, M], [A], 3), sender=M, me=B).outcome is Outcome.UNCHANGED
    for changed in (group([A, B], [A], 3), group([A, B, M], [A, M], 3)):  # same version
        assert judge(GROUP, now, changed, sender=M, me=B).outcome is Outcome.REFUSE
    other = group([A, B], [A], 4, salt=bytes(16))
    assert judge(GROUP, now, other, sender=A, me=B).outcome is Outcome.REFUSE


def test_sender_must_be_listed_and_a_state_without_me_is_not_applied() -> None:
    assert judge(GROUP, None, group([B, M], [A]), sender=A, me=B).outcome is Outcome.REFUSE
    without_me = judge(GROUP, held([A, B]), group([A, M], [A], 2), sender=A, me=B)
    assert without_me.outcome is Outcome.UNCHANGED


@pytest.mark.parametrize(
    ("cid", "current", "offered", "sender", "outcome"),
    [
        (GROUP, held([A, B, M]), group([A, B], [A], version=2), A, Outcome.ACCEPT),
        (GROUP, None, group([A, B], [A], version=2), A, Outcome.REFUSE),  # unknown here
        (GROUP, held([A, B, M]), group([A, B, M], [A], version=2), A, Outcome.REFUSE),  # keeps me
        (GROUP, held([A, B, M]), group([A, B], [A], version=2), B, Outcome.REFUSE),  # no admin
        (GROUP, held([A, B, M]), group([B], [], version=2), A, Outcome.REFUSE),  # sender absent
        (GROUP, held([A, B, M]), group([A, B], [A, B], version=2), A, Outcome.REFUSE),  # admin
        (GROUP, held([A, B, M]), group([A, B], [A], salt=bytes(16)), A, Outcome.REFUSE),
        (GROUP, held([A, B, M], version=3), group([A, B], [A], version=3), A, Outcome.UNCHANGED),
        (GROUP, held([A, B]), group([A, B], [A], version=2), A, Outcome.UNCHANGED),  # gone
        (DIRECT, held([A, M]), direct([A, B], version=2), A, Outcome.REFUSE),
    ],
)
def test_a_removal_notice_is_judged_by_the_group_rules(
    cid: str,
    current: ConversationState | None,
    offered: wire.GroupState,
    sender: str,
    outcome: Outcome,
) -> None:
    assert judge_removal(cid, current, offered, sender=sender, me=M).outcome is outcome


@pytest.mark.parametrize(
    "title", ["Station 3B\u202egnudebü", "Station 3B\nAnna added you", "\u2067x"]
)
def test_a_group_title_with_control_or_direction_characters_is_refused(title: str) -> None:
    state = wire.GroupState(1, "group", title, [A, B], [A], 1, 0, A, SALT)
    verdict = judge(GROUP, None, state, sender=A, me=B)
    assert verdict.outcome is Outcome.REFUSE and "title" in verdict.reason
    removal = wire.GroupState(1, "group", title, [A], [A], 2, 0, A, SALT)
    assert judge_removal(GROUP, held([A, B]), removal, sender=A, me=B).outcome is Outcome.REFUSE
    plain = wire.GroupState(1, "group", "Station 3B 👩\u200d⚕️", [A, B], [A], 1, 0, A, SALT)
    assert judge(GROUP, None, plain, sender=A, me=B).outcome is Outcome.ACCEPT  # ZWJ emoji
