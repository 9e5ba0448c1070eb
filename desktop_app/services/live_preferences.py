"""The person's own settings on this PC: auto-lock, receipts, language, escalation target.

A layer of ``LiveClient`` (which supplies the container, IT's rules and the session);
the rules themselves (what IT fixed, what a person may change) are in
services/preferences.py.
"""

from __future__ import annotations

from desktop_app.services import policy as machine
from desktop_app.services import preferences as prefs_store
from desktop_app.services.errors import ClientError
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container


class LivePreferences:
    container: Container
    rules: machine.Policy
    session: ClientSession
    receipts_enabled: bool

    def preferences(self) -> prefs_store.Preferences:
        return prefs_store.load(self.container.settings, self.rules)

    def change_preferences(
        self,
        *,
        auto_lock_minutes: int | None = None,
        receipts: bool | None = None,
        language: str | None = None,
    ) -> prefs_store.Preferences:
        """Store the person's choice (refused where IT fixed it) and apply it now."""
        prefs = prefs_store.save(
            self.container.settings,
            self.rules,
            auto_lock_minutes=auto_lock_minutes,
            receipts=receipts,
            language=language,
        )
        self.receipts_enabled = prefs.receipts.value
        return prefs

    def duty_accounts(self) -> list[tuple[str, str]]:
        """(uid, name) of the functional accounts, for choosing an escalation target."""
        index = self.session.directory.index()
        return sorted(((e.uid, e.cn) for e in index.entries if e.is_function), key=lambda x: x[1])

    def set_escalation_target(self, uid: str) -> prefs_store.Preferences:
        """Where my unacknowledged urgent messages go ("" = nowhere): a directory entry."""
        if uid and self.session.directory.get(uid) is None:
            raise ClientError(f"{uid} is not in the staff directory.", key="not_in_directory")
        if uid:
            self.container.settings.set(prefs_store.ESCALATE_TO_KEY, uid)
        else:
            self.container.settings.delete(prefs_store.ESCALATE_TO_KEY)
        return self.preferences()
