"""Tasks and the duty calendar in a real (SQLCipher) container (issue 14).

Goals from the issue: "my tasks" over 5,000 tasks in 50 conversations p95 <= 20 ms;
a calendar month with 2,000 occurrences within 50 ms (measured here: loading the
events and expanding the month, the part below the GUI's drawing). Printed, never
asserted.

Usage: python -m bench teamwork [--quick]   (--quick: 1,000 tasks)
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bench.table import print_table
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.domain import calendar
from desktop_app.domain.calendar import CalendarEvent, Version
from desktop_app.domain.ids import ConversationId, Uid
from desktop_app.domain.model import Conversation, ConversationKind
from desktop_app.domain.tasks import Stamp, TaskChange
from desktop_app.services.live_teamwork import LiveTeamwork
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner

ME = "weber.anna"
ROLES = frozenset({"dienst.kardio"})
PEOPLE = ("mueller.jonas", "yilmaz.mia", "schmidt.lea", ME, "dienst.kardio")
CONVERSATIONS = 50
T0 = datetime(2026, 12, 1, tzinfo=UTC)
KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)  # the key, not the KDF, is measured


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def timed(fn: object, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - start) * 1000)
    return out


def fill(container: Container, tasks: int, rng: random.Random) -> list[ConversationId]:
    cids = [ConversationId(f"g-{i:032x}") for i in range(CONVERSATIONS)]
    for cid in cids:
        container.conversations.create(
            Conversation(cid, ConversationKind.GROUP, f"Station {cid[-3:]}", T0, (Uid(ME),))
        )
    for n in range(tasks):
        cid = cids[n % CONVERSATIONS]
        fields = {
            "created": True,
            "title": f"Aufgabe {n}",
            "state": rng.choice(["open", "open", "in-progress", "done"]),
            "priority": "normal",
            "assignee": rng.choice(PEOPLE),
            "due_ms": int((T0 + timedelta(hours=n % 500)).timestamp() * 1000),
        }
        change = TaskChange(uuid.uuid4().hex, uuid.uuid4().hex, ME, "dev", n + 1, 0, fields)
        container.tasks.add_change(cid, change)
    return cids


def with_names(container: Container) -> tuple[list[float], list[float]]:
    """ "My tasks" as the GUI gets it (LiveTeamwork rows: conversation titles and assignee
    names), and the same-run baseline of looking the title up once per task, as before."""
    names = {p: p.replace(".", " ").title() for p in PEOPLE}

    def title(cid: str) -> str:  # as LiveClient.conversation_title: reads the state
        state = container.conversations.state(ConversationId(cid))
        return (state.title or cid) if state else cid

    fake: Any = SimpleNamespace(s=SimpleNamespace(container=container))
    live = LiveTeamwork(fake, asyncio.Lock(), names.__getitem__, title, lambda: T0)
    mine = ROLES | {ME}

    def per_task() -> None:
        found = container.tasks.assigned_to(mine)
        [(title(c), names[t.assignee or ME]) for c, t in found]

    return timed(lambda: live.rows(container.tasks.assigned_to(mine)), 100), timed(per_task, 100)


def month(container: Container, cid: ConversationId) -> None:
    """67 daily shifts: 2,010 occurrences in a 30-day month."""
    for n in range(67):
        start = T0 + timedelta(minutes=20 * n)
        event = CalendarEvent(
            f"e{n}", f"Dienst {n}", start, start + timedelta(hours=8), rrule="FREQ=DAILY"
        )
        container.calendar.apply(cid, Version(event, Stamp(n + 1, "dev", f"c{n}"), ME))


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    tasks = 1_000 if quick else 5_000
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as tmp:
        container = Container.create(Path(tmp) / "p", "correct horse battery staple",
                                     Owner(ME), kdf=KDF)  # fmt: skip
        try:
            start = time.perf_counter()
            cids = fill(container, tasks, rng)
            fill_s = time.perf_counter() - start
            mine = timed(lambda: container.tasks.assigned_to(ROLES | {ME}), 200)
            found = len(container.tasks.assigned_to(ROLES | {ME}))
            rows, per_task = with_names(container)
            month(container, cids[0])
            end = T0 + timedelta(days=30)

            def expand() -> int:
                events = [e for _c, e in container.calendar.events(cids[0])]
                return len(calendar.occurrences(events, T0, end))

            occurrences = expand()
            cal = timed(expand, 30)
        finally:
            container.close()
    print_table(
        ["measure", "median ms", "p95 ms", "goal", "note"],
        [
            ["my tasks", f"{statistics.median(mine):.2f}", f"{p95(mine):.2f}", "p95 <= 20",
             f"{found} of {tasks} tasks in {CONVERSATIONS} conversations"],
            ["my tasks, GUI rows", f"{statistics.median(rows):.2f}", f"{p95(rows):.2f}",
             "p95 <= 20", "query + titles and names, each looked up once"],
            ["  same, title per task", f"{statistics.median(per_task):.2f}",
             f"{p95(per_task):.2f}", "baseline", "as before: the state read for every task"],
            ["calendar month", f"{statistics.median(cal):.1f}", f"{p95(cal):.1f}", "<= 50",
             f"{occurrences} occurrences, load + expand (no drawing)"],
            ["store a change", f"{fill_s * 1000 / tasks:.2f}", "", "",
             "add_change, one transaction each (merge + view row)"],
        ],
    )  # fmt: skip
