"""A member's modified client floods one task through the real relay (attack round 18b):
a checklist grown change after change past any size an honest client makes, and
changes in such numbers that merging each one replayed the task's whole history on
every member's PC. No timed assertions: what is kept, and how many merge steps a change
costs, show that neither grows without bound."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop_app.domain import tasks
from desktop_app.protocol import content as wire
from desktop_app.services.teamwork import TeamworkRefused
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_bad_attachment import reconnect
from tests.services.test_teamwork import directory, team

CREATE = {"created": True, "title": "Visite vorbereiten", "state": "open", "priority": "normal"}


def items(batch: int) -> dict[str, tasks.FieldValue]:
    """A change's worth (MAX_ITEMS) of new checklist items, 200 characters each."""
    return {
        f"{tasks.ITEM_PREFIX}{batch:06d}{n:03d}": ["x" * tasks.ITEM_MAX, False]
        for n in range(tasks.MAX_ITEMS)
    }


def test_a_checklist_cannot_grow_past_the_limit_on_any_members_pc(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Jonas's modified client creates a task and adds 50 items a change, 11 changes:
    550 items (it could go on to 100,000, a 25 MB task on every PC). Anna and Mia keep
    500 and refuse the change that would pass it, acknowledging its envelope; Anna's own
    client refuses to add another item, and a tick of an item she holds still goes out."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia, cid = await team(w)
            now = to_ms(utc_now())
            await sneak(jonas, cid, wire.TaskChange(1, "flood-1", "c-0", 1, now, CREATE))
            rounds = tasks.MAX_TASK_ITEMS // tasks.MAX_ITEMS + 1
            for n in range(rounds):
                change = wire.TaskChange(1, "flood-1", f"c-{n + 1}", 2 + n, now, items(n))
                await sneak(jonas, cid, change)
            await handled_before(jonas, cid, (anna, mia), "Checkliste ergänzt")
            for person in (anna, mia):
                task = person.container.tasks.get("flood-1")
                assert task is not None
                assert len(task.items) == tasks.MAX_TASK_ITEMS
            assert await reconnect(anna, w.relay.port) == 0, "left in the mailbox"
            with pytest.raises(TeamworkRefused) as refused:
                await anna.messenger.teamwork.change_task(
                    "flood-1", {tasks.ITEM_PREFIX + "zz-new": ["Labor", False]}
                )
            assert refused.value.key == "task_items_full"
            first = tasks.ITEM_PREFIX + f"{0:06d}{0:03d}"
            ticked = await anna.messenger.teamwork.change_task(
                "flood-1", {first: ["x" * tasks.ITEM_MAX, True]}
            )
            assert ticked.items[0].done
            await handled_before(anna, cid, (mia,), "Erster Punkt erledigt")
            held = mia.container.tasks.get("flood-1")
            assert held is not None and held.items[0].done
            assert len(held.items) == tasks.MAX_TASK_ITEMS

    asyncio.run(scenario())


def test_a_flood_of_changes_to_one_task_costs_each_change_the_same(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jonas's modified client sends 300 changes to one task (each retitles it). Every
    arriving change used to be merged with all the task's earlier ones again, so each
    member's work grew with the square of their number (400 changes of 50 items: 52 s
    of CPU, the 2,000th change alone about a second). Now the 20 changes that follow
    the flood cost Anna's PC one merge step each, as the first 20 did."""
    directory(relay_dir, tmp_path)
    steps = 0
    merge_one = tasks.TaskRegisters.apply

    def counted(self: tasks.TaskRegisters, change: tasks.TaskChange) -> bool:
        nonlocal steps
        steps += 1
        return merge_one(self, change)

    monkeypatch.setattr(tasks.TaskRegisters, "apply", counted)

    async def scenario() -> None:
        nonlocal steps
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            now = to_ms(utc_now())
            clock = 0

            async def retitle(count: int, note: str) -> int:
                nonlocal clock
                for _ in range(count):
                    clock += 1
                    fields = CREATE if clock == 1 else {"title": f"Visite {clock}"}
                    change = wire.TaskChange(1, "busy-1", f"c-{clock}", clock, now, fields)
                    await sneak(jonas, cid, change)
                before = steps
                await handled_before(jonas, cid, (anna,), note)
                return steps - before

            first = await retitle(20, "erste Runde")
            await retitle(300, "Flut")
            last = await retitle(20, "letzte Runde")
            assert first <= 20 and last <= 20, (first, last)
            task = anna.container.tasks.get("busy-1")
            assert task is not None and task.title == f"Visite {clock}"
            assert await reconnect(anna, w.relay.port) == 0, "left in the mailbox"

    asyncio.run(scenario())
