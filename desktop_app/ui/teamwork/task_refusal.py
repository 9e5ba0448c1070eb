"""Why the tasks would refuse what the task dialog holds, asked before it closes.

The dialog closed on OK and the services refused a too long title, notes or item, or a
due time outside the years tasks take, after everything typed was gone. Each field is
put to the pure rule (``domain.tasks.check``) on its own, so the field at fault is known;
the sentence is the services' own (``task_invalid``)."""

from __future__ import annotations

from typing import Literal

from desktop_app.domain.tasks import ITEM_PREFIX, FieldValue, TaskChange, TaskError
from desktop_app.domain.tasks import check as check_change
from desktop_app.services.teamwork import TeamworkRefused
from desktop_app.ui.error_text import user_message

TaskField = Literal["title", "notes", "due", "items"]


def refusal(
    title: str, notes: str, due_ms: int | None, items: list[str]
) -> tuple[str, TaskField] | None:
    """(the sentence the nurse reads, the field at fault), or None if it may be saved."""
    asked: list[tuple[TaskField, dict[str, FieldValue]]] = [
        ("title", {"title": title}),
        ("notes", {"notes": notes}),
        ("due", {"due_ms": due_ms}),
        *(("items", {ITEM_PREFIX + "asked": [text, False]}) for text in items),
    ]
    for field, fields in asked:
        try:
            check_change(TaskChange("asked", "asked", "", "", 1, 0, fields))
        except TaskError as exc:
            return user_message(TeamworkRefused(str(exc), key="task_invalid")), field
    return None
