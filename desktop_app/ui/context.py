"""What every window and view of an unlocked session is given (no global singletons).

``client`` lives on the bridge's asyncio thread: widgets call its methods only through
``bridge.call`` (plain methods) or ``bridge.submit`` (coroutines), with ``done``/``error``
callbacks, and learn about changes from ``events``. ``policy`` says which settings hospital
IT fixed (shown as managed in the UI).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.services.live_client import LiveClient
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.clipboard_guard import ClipboardGuard, CopyRule
from desktop_app.ui.service_events import ServiceEvents

if TYPE_CHECKING:
    from desktop_app.ui.calls.group_controller import GroupCallController


@dataclass(frozen=True)
class UiContext:
    bridge: AsyncBridge
    client: LiveClient
    events: ServiceEvents
    export_allowed: bool = True  # policy: may decrypted copies of attachments leave the app
    copy_allowed: bool = True  # policy: may message text be copied to the clipboard
    clipboard: ClipboardGuard = field(default_factory=ClipboardGuard)  # outlives the session
    # Ring a uid or 1:1 conversation (target, name shown): ui/calls/controller.py; None: no calls
    place_call: Callable[[str, str], None] | None = None
    # The group calls running in my conversations (a chat's Join bar); None: no calls
    group_calls: GroupCallController | None = None

    @property
    def copy_rule(self) -> CopyRule:
        """For viewers of decrypted text: copies through the guard, as policy allows."""
        return CopyRule(self.clipboard, self.copy_allowed)

    @property
    def my_uid(self) -> str:
        return self.client.uid  # fixed for the session; safe to read from the GUI thread
