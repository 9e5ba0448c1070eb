"""A person's own settings, and what is in force once the machine policy has spoken.

The person may choose the auto-lock time, whether to send read receipts and the
language WardLink speaks to them (on a shared ward PC not everyone reads the PC's
language); their choice lives in their own container. Whatever hospital IT fixed by
policy wins and is reported as managed, so the settings dialog can show it greyed out
with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from desktop_app.services import policy as machine
from desktop_app.services.errors import ClientError
from desktop_app.storage.repositories import SettingsRepository

AUTO_LOCK_KEY = "prefs.auto_lock_minutes"
RECEIPTS_KEY = "prefs.receipts"
ESCALATE_TO_KEY = "urgent_escalation_to"  # read by services/escalation.py
LANGUAGE_KEY = "prefs.language"
LANGUAGES = ("de", "en")
"""What a person may choose; none stored means the PC's language."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    value: T
    managed: bool  # fixed by the machine policy; the person cannot change it


@dataclass(frozen=True, slots=True)
class Preferences:
    auto_lock_minutes: Setting[int]
    receipts: Setting[bool]
    export_allowed: Setting[bool]  # policy only; shown so nobody wonders
    escalate_to: str = ""  # who gets my unacknowledged urgent messages ("" = nobody)
    language: str = ""  # "de", "en", or "" for the PC's language


def load(settings: SettingsRepository, rules: machine.Policy) -> Preferences:
    minutes = _int(settings.get(AUTO_LOCK_KEY))
    receipts = _bool(settings.get(RECEIPTS_KEY))
    return Preferences(
        Setting(
            machine.effective(rules.auto_lock_minutes, minutes, machine.DEFAULT_AUTO_LOCK_MINUTES),
            rules.is_managed("auto_lock_minutes"),
        ),
        Setting(
            machine.effective(rules.receipts, receipts, machine.DEFAULT_RECEIPTS),
            rules.is_managed("receipts"),
        ),
        Setting(
            machine.effective(rules.export_allowed, None, machine.DEFAULT_EXPORT_ALLOWED),
            rules.is_managed("export_allowed"),
        ),
        settings.get(ESCALATE_TO_KEY) or "",
        _language(settings.get(LANGUAGE_KEY)),
    )


def save(
    settings: SettingsRepository,
    rules: machine.Policy,
    *,
    auto_lock_minutes: int | None = None,
    receipts: bool | None = None,
    language: str | None = None,
) -> Preferences:
    """Store the person's choices; a managed setting is refused, not silently ignored.
    ``language`` "" goes back to the PC's language."""
    if auto_lock_minutes is not None:
        if rules.is_managed("auto_lock_minutes"):
            raise ClientError("Your IT department fixed the auto-lock time.", key="auto_lock_fixed")
        if not machine.MIN_AUTO_LOCK_MINUTES <= auto_lock_minutes <= machine.MAX_AUTO_LOCK_MINUTES:
            raise ClientError(
                f"Auto-lock takes {machine.MIN_AUTO_LOCK_MINUTES} to "
                f"{machine.MAX_AUTO_LOCK_MINUTES} minutes.",
                key="auto_lock_range",
                minimum=machine.MIN_AUTO_LOCK_MINUTES,
                maximum=machine.MAX_AUTO_LOCK_MINUTES,
            )
        settings.set(AUTO_LOCK_KEY, str(auto_lock_minutes))
    if receipts is not None:
        if rules.is_managed("receipts"):
            raise ClientError(
                "Your IT department fixed whether read receipts are sent.", key="receipts_fixed"
            )
        settings.set(RECEIPTS_KEY, "1" if receipts else "0")
    if language is not None:
        if language and language not in LANGUAGES:
            raise ClientError(f"WardLink does not speak {language!r}.", key="unknown_language")
        if language:
            settings.set(LANGUAGE_KEY, language)
        else:
            settings.delete(LANGUAGE_KEY)
    return load(settings, rules)


def _int(text: str | None) -> int | None:
    try:
        value = int(text) if text is not None else None
    except ValueError:
        return None
    if value is None or not (
        machine.MIN_AUTO_LOCK_MINUTES <= value <= machine.MAX_AUTO_LOCK_MINUTES
    ):
        return None
    return value


def _bool(text: str | None) -> bool | None:
    return None if text not in ("0", "1") else text == "1"


def _language(text: str | None) -> str:
    return text if text in LANGUAGES else ""
