"""The task merge rule: every device that saw the same changes shows the same tasks,
whatever order (and however often) the changes arrived."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.tasks import (
    Priority,
    TaskChange,
    TaskError,
    TaskRegisters,
    TaskState,
    check,
    is_mine,
    merge,
    next_clock,
)


def change(
    cid: str, clock: int, device: str, by: str = "weber.anna", **fields: object
) -> TaskChange:
    return TaskChange("t1", cid, by, device, clock, 1_000 * clock, fields)  # type: ignore[arg-type]


CREATE = change(
    "c0", 1, "dev-a", title="Zimmer 12: Troponin", state="open", assignee="dienstarzt.kardio",
    priority="normal", created=True, **{"item.a": ["Blut abnehmen", False]},
)  # fmt: skip


def test_a_later_change_wins_and_says_who_changed_the_state() -> None:
    done = change("c1", next_clock(1), "dev-b", by="mueller.jonas", state="done")
    (task,) = merge([CREATE, done]).values()
    assert task.state is TaskState.DONE
    assert (task.state_by, task.created_by) == ("mueller.jonas", "weber.anna")
    assert task.title == "Zimmer 12: Troponin" and task.priority is Priority.NORMAL


def test_changes_before_the_creation_are_kept_until_it_arrives() -> None:
    registers = TaskRegisters("t1")
    registers.apply(change("c1", 2, "dev-b", state="in-progress"))
    assert registers.view() is None
    registers.apply(CREATE)
    task = registers.view()
    assert task is not None and task.state is TaskState.IN_PROGRESS


def test_concurrent_checklist_edits_merge_item_by_item() -> None:
    tick = change("c1", 2, "dev-a", **{"item.a": ["Blut abnehmen", True]})
    add = change("c2", 2, "dev-b", **{"item.b": ["EKG schreiben", False]})
    (task,) = merge([CREATE, add, tick]).values()
    assert [(i.text, i.done) for i in task.items] == [
        ("Blut abnehmen", True),
        ("EKG schreiben", False),
    ]
    removed = change("c3", 3, "dev-b", **{"item.a": None})
    (task,) = merge([CREATE, add, tick, removed]).values()
    assert [i.text for i in task.items] == ["EKG schreiben"]


def test_my_tasks_follow_the_role_i_hold_now() -> None:
    (task,) = merge([CREATE]).values()
    assert is_mine(task, "yilmaz.mia", frozenset({"dienstarzt.kardio"}))
    assert not is_mine(task, "mueller.jonas", frozenset())  # handed over: no longer his
    (done,) = merge([CREATE, change("c1", 2, "dev-a", state="done")]).values()
    assert not is_mine(done, "yilmaz.mia", frozenset({"dienstarzt.kardio"}))


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"colour": "red"},
        {"title": ""},
        {"title": "x" * 201},
        {"state": "paused"},
        {"due_ms": True},
        {"due_ms": -1},
        {"created": False},
        {"item.": ["x", False]},
        {"item.a": ["x"]},
        {"item.a": ["", False]},
        {f"item.{'x' * 65}": ["x", False]},
    ],
)
def test_what_no_honest_client_writes_is_refused(fields: dict[str, object]) -> None:
    with pytest.raises(TaskError):
        check(change("c9", 1, "dev-a", **fields))


def test_a_valid_creation_passes_the_check() -> None:
    check(CREATE)


_devices = st.sampled_from(["dev-a", "dev-b", "dev-c"])
_values = {
    "title": st.sampled_from(["A", "B", "C"]),
    "state": st.sampled_from([s.value for s in TaskState]),
    "assignee": st.sampled_from([None, "weber.anna", "dienstarzt.kardio"]),
    "item.a": st.sampled_from([None, ["x", True], ["x", False]]),
    "item.b": st.sampled_from([None, ["y", True]]),
}
_changes = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=6),
        _devices,
        st.dictionaries(st.sampled_from(sorted(_values)), st.none(), min_size=1),
    ),
    min_size=1,
    max_size=12,
)


@st.composite
def histories(draw: st.DrawFn) -> list[TaskChange]:
    out = [CREATE]
    for n, (clock, device, names) in enumerate(draw(_changes)):
        fields = {name: draw(_values[name]) for name in names}
        out.append(change(f"c{n + 1}", clock, device, **fields))
    return out


@settings(max_examples=300, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_any_order_and_duplicates_give_the_same_tasks(
    history: list[TaskChange], rnd: object
) -> None:
    shuffled = list(history) + history[: len(history) // 2]  # some arrive twice
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert merge(shuffled) == merge(history)
