""" "Escalate to…" at the composer's urgent toggle: whom THIS urgent message goes on to
if nobody acknowledges it in time (services/escalation.py).

The toggle's arrow opens a menu: "As in Settings" (the default: the person's setting),
the functional accounts on duty from the directory, and "A person…" (the directory
picker Settings uses). Choosing a target switches Urgent on and names it on the button;
switching Urgent off, sending or clearing forgets it. The composer puts the chosen uid
into the draft (``Draft.escalate_to``), and the services accept only directory uids.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton

from desktop_app.ui.chat.composer import Composer
from desktop_app.ui.context import UiContext
from desktop_app.ui.directory.dialogs import PickPersonDialog


class EscalationChoice(QObject):
    def __init__(self, ctx: UiContext, composer: Composer) -> None:
        super().__init__(composer)
        self.ctx = ctx
        self.composer = composer
        self.name = ""  # of the chosen target, "" = as in Settings
        self.picker: PickPersonDialog | None = None
        self.accounts: list[tuple[str, str]] = []
        self.menu = QMenu(composer)
        self.menu.setTitle(self.tr("Escalate to…"))
        self.menu.aboutToShow.connect(self.load)
        self._group = QActionGroup(self.menu)
        button = composer.urgent_button
        button.setMenu(self.menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.toggled.connect(self._urgent_toggled)
        self._build()

    def load(self) -> None:
        """Fetch the functional accounts (each time the menu opens: duty changes)."""
        self.ctx.bridge.call(self.ctx.client.duty_accounts, done=self._loaded)

    def _loaded(self, accounts: object) -> None:
        if isinstance(accounts, list) and accounts != self.accounts:
            self.accounts = [(str(uid), str(name)) for uid, name in accounts]
            self._build()

    def _build(self) -> None:
        menu = self.menu
        menu.clear()
        for action in self._group.actions():
            self._group.removeAction(action)
        menu.addSection(self.tr("Escalate to…"))
        self._add(self.tr("As in Settings"), None, "")
        for uid, name in self.accounts:
            self._add(name, uid, name)
        if self.composer.escalate_to and self.composer.escalate_to not in dict(self.accounts):
            self._add(self.name, self.composer.escalate_to, self.name)  # a picked person
        menu.addSeparator()
        menu.addAction(self.tr("A person…"), self.pick_person)

    def _add(self, text: str, uid: str | None, name: str) -> QAction:
        action = self.menu.addAction(text, partial(self.choose, uid, name))
        action.setCheckable(True)
        action.setChecked(uid == self.composer.escalate_to)
        self._group.addAction(action)
        return action

    def pick_person(self) -> None:
        dialog = PickPersonDialog(
            self.ctx, self.tr("Escalate this urgent message to"), self.composer
        )
        dialog.picked.connect(self.choose)
        self.picker = dialog  # tests reach it; kept while open
        dialog.open()

    def choose(self, uid: str | None, name: str) -> None:
        """This message escalates to ``uid`` (None: as in Settings); Urgent goes on."""
        self.composer.escalate_to = uid
        self.name = name if uid else ""
        button = self.composer.urgent_button
        if uid and not button.isChecked():
            button.setChecked(True)
        self._show()
        self._build()

    def _urgent_toggled(self, on: bool) -> None:
        if not on and self.composer.escalate_to is not None:
            self.composer.escalate_to, self.name = None, ""
            self._show()
            self._build()

    def _show(self) -> None:
        button = self.composer.urgent_button
        if self.name:
            button.setText(self.tr("Urgent → %1").replace("%1", self.name))
            button.setAccessibleName(self.tr("Urgent, escalates to %1").replace("%1", self.name))
        else:
            button.setText(self.tr("Urgent"))
            button.setAccessibleName(self.tr("Urgent"))
