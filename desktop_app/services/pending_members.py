"""People chosen for a group before they had an enrolled device ("pending members").

Only a group's creator changes it (docs/e2e.md, "Who may change a conversation"), so
the pending list lives in the creator's container only and never goes on the wire:
the others learn of such a person the ordinary way, when the creator's client adds
them with ``Messenger.add_member`` after they enrolled (checked at every connect and
with the device watch). Kept as one JSON setting ``{conversation id: [uid, ...]}``;
a ward has a handful of these, so no table is needed.
"""

from __future__ import annotations

import json
from typing import Final

from desktop_app.storage.repositories import SettingsRepository

SETTING: Final = "pending_members"
MAX_PENDING_PER_GROUP: Final = 200  # a group larger than a ward is a mistake, not a plan


def load(settings: SettingsRepository) -> dict[str, tuple[str, ...]]:
    """Every group's pending people (empty when there are none or the value is damaged)."""
    raw = settings.get(SETTING)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(cid): tuple(str(u) for u in uids if isinstance(u, str))
        for cid, uids in data.items()
        if isinstance(uids, list) and uids
    }


def of(settings: SettingsRepository, conversation_id: str) -> tuple[str, ...]:
    return load(settings).get(conversation_id, ())


def add(settings: SettingsRepository, conversation_id: str, uids: list[str]) -> None:
    everyone = load(settings)
    known = list(everyone.get(conversation_id, ()))
    known += [u for u in uids if u not in known]
    everyone[conversation_id] = tuple(known[:MAX_PENDING_PER_GROUP])
    _save(settings, everyone)


def remove(settings: SettingsRepository, conversation_id: str, uids: list[str]) -> None:
    everyone = load(settings)
    left = tuple(u for u in everyone.get(conversation_id, ()) if u not in uids)
    if left:
        everyone[conversation_id] = left
    else:
        everyone.pop(conversation_id, None)
    _save(settings, everyone)


def forget(settings: SettingsRepository, conversation_id: str) -> None:
    everyone = load(settings)
    if everyone.pop(conversation_id, None) is not None:
        _save(settings, everyone)


def _save(settings: SettingsRepository, everyone: dict[str, tuple[str, ...]]) -> None:
    if everyone:
        settings.set(SETTING, json.dumps({c: list(u) for c, u in sorted(everyone.items())}))
    else:
        settings.delete(SETTING)
