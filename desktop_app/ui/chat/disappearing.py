"""Disappearing messages and mute in the conversation menu, and the chat header's line
(issue 17: services/ephemeral.py decides who may change it; every PC checks again)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from desktop_app.services.ephemeral import CHOICES_HOURS
from desktop_app.services.live_convo import Disappearing

HOURS_PER_DAY = 24


def duration_text(hours: int) -> str:
    if hours % HOURS_PER_DAY == 0:
        days = hours // HOURS_PER_DAY
        return (
            QCoreApplication.translate("Disappearing", "1 day")
            if days == 1
            else QCoreApplication.translate("Disappearing", "%1 days").replace("%1", str(days))
        )
    return (
        QCoreApplication.translate("Disappearing", "1 hour")
        if hours == 1
        else QCoreApplication.translate("Disappearing", "%1 hours").replace("%1", str(hours))
    )


def disappearing_note(_widget: QWidget, hours: int | None) -> str:
    """The chat header's line; "" when messages stay."""
    if not hours:
        return ""
    return QCoreApplication.translate(
        "Disappearing", "Messages disappear %1 after reading"
    ).replace("%1", duration_text(hours))


def add_disappearing_menu(
    menu: QMenu, state: Disappearing, choose: Callable[[int | None], None]
) -> QMenu:
    """ "Disappearing messages: Off / 1 hour / 8 hours / 1 day / 7 days" (checked: in force);
    disabled with the reason for someone who may not change it."""
    sub = menu.addMenu(QCoreApplication.translate("Disappearing", "Disappearing messages"))
    sub.setToolTipsVisible(True)
    options: list[tuple[str, int | None]] = [
        (QCoreApplication.translate("Disappearing", "Off"), None)
    ]
    options += [(duration_text(h), h) for h in CHOICES_HOURS]
    for label, hours in options:
        action = sub.addAction(label, partial(choose, hours))
        action.setCheckable(True)
        action.setChecked(state.hours == hours)
        if not state.may_set:
            action.setEnabled(False)
    if not state.may_set:
        sub.setToolTip(
            QCoreApplication.translate(
                "Disappearing", "Only an admin of the group can change disappearing messages."
            )
        )
        sub.menuAction().setToolTip(sub.toolTip())
    elif state.by_policy:
        sub.setToolTip(
            QCoreApplication.translate(
                "Disappearing", "Your IT department limits how long messages stay on this PC."
            )
        )
    return sub


def add_mute_action(menu: QMenu, muted: bool, toggle: Callable[[bool], None]) -> None:
    action = menu.addAction(
        QCoreApplication.translate("Disappearing", "Mute")
        if not muted
        else QCoreApplication.translate("Disappearing", "Unmute"),
        lambda: toggle(not muted),
    )
    action.setToolTip(
        QCoreApplication.translate(
            "Disappearing", "No notifications, except urgent messages and mentions of you."
        )
    )
