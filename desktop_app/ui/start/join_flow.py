"""Joining the hospital from the start screen: the Join dialog, then enrolment at the
relay (services/joining.py) on the bridge. The dialog stays open with the error until
enrolment succeeds; the new profile is then unlocked like any other (``joined``).

``join`` is what the composition root replaces to pin the organisation (ui/app.py).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.services.joining import join_hospital
from desktop_app.services.privacy_notice import PrivacyNotice
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.profiles import ProfileRoot
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.start.join_dialog import JoinDialog, JoinRequest

JoinFn = Callable[[ProfileRoot, Owner, str, str, str], Coroutine[Any, Any, Path]]


class JoinFlow(QObject):
    joined = Signal(object, object)  # the new profile's directory, the JoinRequest

    def __init__(
        self,
        bridge: AsyncBridge,
        profiles: ProfileRoot,
        relay_hint: str,
        notice: PrivacyNotice,
        start: QWidget,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.profiles = profiles
        self._relay_hint = relay_hint
        self._notice = notice
        self._start = start
        self.join: JoinFn = join_hospital
        self.dialog: JoinDialog | None = None

    def show(self) -> None:
        dialog = JoinDialog(self._relay_hint, self._start, notice=self._notice)
        dialog.submitted.connect(self._submitted)
        self.dialog = dialog
        dialog.open()

    def _submitted(self, request: object) -> None:
        assert isinstance(request, JoinRequest) and self.dialog is not None
        dialog = self.dialog
        owner = Owner(request.name, request.department)

        def enrolled(directory: object) -> None:
            dialog.accept()
            self.joined.emit(directory, request)

        self.bridge.submit(
            lambda: self.join(
                self.profiles, owner, request.passphrase, request.code, request.relay
            ),
            done=enrolled,
            error=dialog.show_error,
        )
