"""Small helpers the shell can call with what the panel's signals carry."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.services import directory_view
from desktop_app.ui.context import UiContext


def open_conversation(
    ctx: UiContext,
    uid: str,
    *,
    done: Callable[[str], None],
    error: Callable[[str], None] | None = None,
) -> int:
    """Start (or find) the conversation for "Write message" with ``uid``: 1:1 with a
    person, or with a functional account's current holders. ``done`` gets the
    conversation id in the GUI thread; returns the bridge request id."""
    client = ctx.client

    async def run() -> str:
        return str(await directory_view.open_conversation(client, uid))

    return ctx.bridge.submit(run, done=lambda cid: done(str(cid)), error=error)


def create_group(
    ctx: UiContext,
    title: str,
    uids: list[str],
    *,
    done: Callable[[str], None],
    error: Callable[[str], None] | None = None,
) -> int:
    """Create a group with me as admin and ``uids`` as members; ``done`` gets its id."""
    client = ctx.client
    people = list(uids)

    async def run() -> str:
        return str(await client.create_group(title, people))

    return ctx.bridge.submit(run, done=lambda cid: done(str(cid)), error=error)
