"""Machine policy for managed ward PCs: what hospital IT fixes for every user of a PC.

Sources (later wins, field by field):

1. the machine policy file: ``/etc/wardlink/policy.json`` on Linux,
   ``%ProgramData%\\WardLink\\policy.json`` on Windows (a JSON object, keys below);
2. on Windows the registry key ``HKLM\\Software\\Policies\\WardLink`` that Group Policy
   writes from installer/windows/policy/wardlink.admx (value names = the same keys;
   strings as REG_SZ, numbers and switches as REG_DWORD).

Keys: ``org_fingerprint`` (the organisation's SHA-256 fingerprint as
``wardlink relay init`` prints it), ``relay_address`` (HOST:PORT), ``relay_addresses``
(several relay nodes, tried in turn), ``auto_lock_minutes``, ``retention_days``,
``receipts``, ``export_allowed``, ``copy_allowed`` and
``block_screen_capture`` (true/false, or 1/0 in the registry), ``prune_unused_days``
(the app shreds containers not unlocked for that many days at start;
``storage/prune.py``), and the hospital's own privacy notice ``privacy_notice_de`` /
``privacy_notice_en`` (the text itself, or the absolute path of a UTF-8 text file
holding it; ``privacy_notice_version`` is a hash of both, so a changed text is shown
again), ``urgent_escalation_minutes`` (an urgent message nobody acknowledged within this
many minutes is sent on to the sender's escalation target; default 5, 0 = off;
``services/escalation.py``), ``receive_while_pin_locked`` (a PIN-locked PC keeps
receiving so an urgent message shows on the lock screen and rings; default on; off keeps
no database key in a locked process; docs/desktop-app.md), ``ephemeral_hours`` (every
conversation's messages are deleted that many hours after reading on this PC;
services/ephemeral.py; unset: only conversations marked so), ``forward_allowed``
(forwarding a message into another conversation; default on), ``call_interfaces`` (the
local IP addresses calls may use for media, separated by commas or spaces, e.g. the
clinical network's address; unset: every address; docs/calls.md), ``turn_servers`` (TURN
servers for calls between networks that cannot reach each other: ``turn:HOST:PORT USER
SECRET``, several separated by ``;``; unset: none, calls stay on the LAN),
``typing_indicator`` ("Anna is typing…" under the chat title, sent end-to-end
encrypted; default off; services/typing.py), ``video_allowed`` (camera video in calls;
off: this PC sends none and answers a video call audio-only; default on; docs/calls.md),
``screen_share_allowed`` (sharing the screen in a call; default on), ``turn_only``
(call media only through the ``turn_servers``, never directly; default off),
``calls_allowed`` (calls at all; off: no Call button, incoming calls are declined
without ringing; default on), ``call_udp_ports`` (``LOW-HIGH``: the UDP ports call media
binds to on this PC, for a firewall rule; unset: any port). A field that
no source sets (or sets to JSON ``null``) is ``None``: not managed, the user decides.

Every value is checked. A bad value is logged as a warning, recorded in
``Policy.problems`` and ignored, while the rest still applies. An unreadable or broken
file is one clear error line and the file is ignored as a whole; the app still starts
(a broken policy must not keep a ward from working). ``effective`` is the one rule for
how a managed value overrides the user's own setting.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TypeVar

from desktop_app.services import policy_values
from desktop_app.storage.lock_state import MAX_SESSION_SECONDS
from desktop_app.storage.repositories import SettingsRepository

log = logging.getLogger("wardlink.policy")

POLICY_FILE_NAME = "policy.json"
LINUX_POLICY_DIR = Path("/etc/wardlink")
WINDOWS_POLICY_SUBDIR = "WardLink"  # under %ProgramData%
REGISTRY_KEY = r"Software\Policies\WardLink"  # under HKEY_LOCAL_MACHINE
MAX_POLICY_BYTES = 64 * 1024

# Defaults when neither policy nor the user chose (DESIGN.md sections 4 and 5).
DEFAULT_AUTO_LOCK_MINUTES = 10
MIN_AUTO_LOCK_MINUTES = 1
MAX_AUTO_LOCK_MINUTES = MAX_SESSION_SECONDS // 60  # the session ends after 12 h anyway
DEFAULT_RETENTION_DAYS = 90  # DSK: delete what is no longer needed; IT may set 0 = keep
MIN_RETENTION_DAYS = 0  # 0: keep messages until the user deletes them
MAX_RETENTION_DAYS = 3650
DEFAULT_RECEIPTS = False  # read receipts are off by default (TI-Messenger's default)
DEFAULT_EXPORT_ALLOWED = True  # export needs the user's explicit action and a warning
DEFAULT_COPY_ALLOWED = True  # copying a message's text to the clipboard
DEFAULT_FORWARD_ALLOWED = True  # forwarding a message into another conversation
DEFAULT_VIDEO_ALLOWED = True  # camera video in calls (services/call_media.py)
DEFAULT_TURN_ONLY = False  # call media through TURN only (services/call_network.py)
DEFAULT_SCREEN_SHARE_ALLOWED = True  # sharing the screen in a call
DEFAULT_CALLS_ALLOWED = True  # calls between ward PCs (services/calls.py)
DEFAULT_TYPING_INDICATOR = False  # who is typing is metadata: only where IT allows it
DEFAULT_BLOCK_SCREEN_CAPTURE = False  # Windows only: hide the windows from screenshots
MIN_PRUNE_DAYS = 1  # unset: containers stay until IT prunes them
DEFAULT_URGENT_ESCALATION_MINUTES = 5  # unacknowledged urgent goes on (services/escalation)
MAX_URGENT_ESCALATION_MINUTES = 24 * 60  # 0: never escalate
DEFAULT_RECEIVE_WHILE_PIN_LOCKED = True  # urgent messages must reach a locked ward PC
MAX_EPHEMERAL_HOURS = 24 * 30  # as protocol/content.py allows

# Container setting for a relay address written by an older enrollment; the machine
# policy wins over it.
POLICY_SETTING = "policy.relay_address"


@dataclass(frozen=True, slots=True)
class Policy:
    """What the machine policy fixes; ``None`` means not managed (the user decides)."""

    org_fingerprint: str | None = None
    relay_address: str | None = None
    relay_addresses: str | None = None  # several relay nodes: "h1:p1,h2:p2", tried in turn
    auto_lock_minutes: int | None = None
    retention_days: int | None = None
    receipts: bool | None = None
    export_allowed: bool | None = None
    copy_allowed: bool | None = None
    block_screen_capture: bool | None = None
    privacy_notice_de: str | None = None  # the text (a configured file is read at load)
    privacy_notice_en: str | None = None
    prune_unused_days: int | None = None  # shred containers not unlocked for this long
    urgent_escalation_minutes: int | None = None  # 0: off; services/escalation.py
    receive_while_pin_locked: bool | None = None  # keep receiving behind the PIN lock
    ephemeral_hours: int | None = None  # disappearing messages for every conversation
    forward_allowed: bool | None = None  # services/forwarding.py
    call_interfaces: str | None = None  # "10.1.2.3, 10.1.2.4"; call_interfaces() parses
    turn_servers: str | None = None  # "turn:h:3478 user secret; ..."; turn_servers() parses
    typing_indicator: bool | None = None  # services/typing.py; off by default
    video_allowed: bool | None = None  # calls with camera video; off: audio-only
    screen_share_allowed: bool | None = None  # screen sharing in calls
    turn_only: bool | None = None  # call media only through the TURN servers
    calls_allowed: bool | None = None  # voice and video calls at all on this PC
    call_udp_ports: str | None = None  # "50000-50100": the UDP ports of call media
    # Why values or files were ignored, one sentence each (for the UI and --self-test).
    problems: tuple[str, ...] = ()

    def is_managed(self, name: str) -> bool:
        """True if IT fixed this setting (the UI shows "managed by your IT")."""
        if name not in POLICY_FIELDS:
            raise KeyError(f"{name!r} is not a policy setting")
        return getattr(self, name) is not None

    @property
    def relay_nodes(self) -> str | None:
        """Every relay address IT fixed, ``relay_addresses`` first, each once
        ("h1:p1,h2:p2"), or None: the client tries them in turn (failover)."""
        listed = ",".join(a for a in (self.relay_addresses, self.relay_address) if a)
        return ",".join(dict.fromkeys(listed.split(","))) if listed else None

    @property
    def managed(self) -> tuple[str, ...]:
        """The names of the managed settings, in field order."""
        return tuple(name for name in POLICY_FIELDS if self.is_managed(name))

    @property
    def privacy_notice_version(self) -> str | None:
        """A short hash of both notice texts; ``None`` when IT configured no notice."""
        if self.privacy_notice_de is None and self.privacy_notice_en is None:
            return None
        both = f"{self.privacy_notice_de or ''}\x00{self.privacy_notice_en or ''}"
        return hashlib.sha256(both.encode("utf-8")).hexdigest()[:16]


POLICY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Policy) if f.name != "problems")


def urgent_escalation_minutes(policy: Policy) -> int:
    """Minutes after which an unacknowledged urgent message is escalated; 0 = never."""
    return effective(policy.urgent_escalation_minutes, None, DEFAULT_URGENT_ESCALATION_MINUTES)


def forward_allowed(policy: Policy) -> bool:
    return effective(policy.forward_allowed, None, DEFAULT_FORWARD_ALLOWED)


def video_allowed(policy: Policy) -> bool:
    """Whether calls on this PC may carry camera video (off: a video call is answered
    audio-only and none is placed)."""
    return effective(policy.video_allowed, None, DEFAULT_VIDEO_ALLOWED)


def calls_allowed(policy: Policy) -> bool:
    """Whether this PC places and takes calls at all (off: no Call button, an incoming
    call is declined at once without ringing)."""
    return effective(policy.calls_allowed, None, DEFAULT_CALLS_ALLOWED)


def call_udp_ports(policy: Policy) -> tuple[int, int] | None:
    """The lowest and highest UDP port call media may use on this PC (a firewall rule
    for the ward PCs); None: any port the system gives."""
    if not policy.call_udp_ports:
        return None
    low, high = policy.call_udp_ports.split("-")
    return int(low), int(high)


def turn_only(policy: Policy) -> bool:
    """Whether calls offer only relayed (TURN) candidates, so media never goes directly
    between the PCs (wards on VLANs that cannot reach each other, or IT wants it so)."""
    return effective(policy.turn_only, None, DEFAULT_TURN_ONLY)


def screen_share_allowed(policy: Policy) -> bool:
    return effective(policy.screen_share_allowed, None, DEFAULT_SCREEN_SHARE_ALLOWED)


def typing_indicator(policy: Policy) -> bool:
    """Whether this PC sends and shows "is typing" (both ways: off means neither)."""
    return effective(policy.typing_indicator, None, DEFAULT_TYPING_INDICATOR)


def receive_while_pin_locked(policy: Policy) -> bool:
    """Whether a PIN-locked app keeps its client running (the database key stays in
    SQLCipher's memory) so that urgent messages are signalled on the lock screen."""
    return effective(policy.receive_while_pin_locked, None, DEFAULT_RECEIVE_WHILE_PIN_LOCKED)


def call_interfaces(policy: Policy) -> tuple[str, ...]:
    """The local addresses calls may use; empty: every address of the PC."""
    return tuple(policy.call_interfaces.split(", ")) if policy.call_interfaces else ()


def turn_servers(policy: Policy) -> tuple[tuple[str, str, str], ...]:
    """(url, username, credential) of each TURN server IT configured."""
    if not policy.turn_servers:
        return ()
    return tuple(
        (url, user, secret)
        for url, user, secret in (entry.split(" ") for entry in policy.turn_servers.split("; "))
    )


def retention_days(policy: Policy) -> int | None:
    """Days after which messages are deleted on this PC; None keeps them (policy 0)."""
    days = effective(policy.retention_days, None, DEFAULT_RETENTION_DAYS)
    return days or None


T = TypeVar("T")


def effective(policy_value: T | None, user_value: T | None, default: T) -> T:
    """The value in force: the policy's if managed, else the user's, else the default."""
    if policy_value is not None:
        return policy_value
    if user_value is not None:
        return user_value
    return default


_CHECKS: dict[str, Callable[[object], object]] = {
    "org_fingerprint": policy_values.fingerprint,
    "relay_address": policy_values.address,
    "relay_addresses": policy_values.relay_addresses,
    "auto_lock_minutes": policy_values.number(
        MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES, "minutes"
    ),
    "retention_days": policy_values.number(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS, "days"),
    "receipts": policy_values.switch,
    "export_allowed": policy_values.switch,
    "copy_allowed": policy_values.switch,
    "block_screen_capture": policy_values.switch,
    "privacy_notice_de": policy_values.notice,
    "privacy_notice_en": policy_values.notice,
    "prune_unused_days": policy_values.number(MIN_PRUNE_DAYS, MAX_RETENTION_DAYS, "days"),
    "urgent_escalation_minutes": policy_values.number(0, MAX_URGENT_ESCALATION_MINUTES, "minutes"),
    "receive_while_pin_locked": policy_values.switch,
    "ephemeral_hours": policy_values.number(1, MAX_EPHEMERAL_HOURS, "hours"),
    "forward_allowed": policy_values.switch,
    "call_interfaces": policy_values.ip_addresses,
    "turn_servers": policy_values.turn_servers,
    "typing_indicator": policy_values.switch,
    "video_allowed": policy_values.switch,
    "screen_share_allowed": policy_values.switch,
    "turn_only": policy_values.switch,
    "calls_allowed": policy_values.switch,
    "call_udp_ports": policy_values.port_range,
}


def _apply(base: Policy, values: Mapping[str, object], where: str) -> Policy:
    """``base`` with every valid value of ``values``; bad and unknown ones are reported."""
    changes: dict[str, object] = {}
    problems = list(base.problems)
    for key, value in values.items():
        check = _CHECKS.get(key)
        if check is None:
            problems.append(f"{where}: unknown setting {key!r} is ignored")
            continue
        if value is None:  # JSON null: explicitly not managed
            continue
        try:
            changes[key] = check(value)
        except policy_values.BadValue as exc:
            problems.append(f"{where}: {key} {exc}; this setting is ignored")
    for problem in problems[len(base.problems) :]:
        log.warning("policy %s", problem)
    return replace(base, **changes, problems=tuple(problems))  # type: ignore[arg-type]


# ---- sources ---------------------------------------------------------------------------


def default_policy_path() -> Path:
    """The machine-wide policy file of this OS."""
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / WINDOWS_POLICY_SUBDIR / POLICY_FILE_NAME
    return LINUX_POLICY_DIR / POLICY_FILE_NAME


class PolicyFileError(Exception):
    """The policy file exists but cannot be used at all; the message says why."""


def read_policy_file(path: Path) -> dict[str, object] | None:
    """The file's JSON object, ``None`` if there is no file; PolicyFileError if broken."""
    try:
        with path.open("rb") as fp:
            raw = fp.read(MAX_POLICY_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PolicyFileError(f"cannot read the policy file {path}: {exc.strerror}") from None
    if len(raw) > MAX_POLICY_BYTES:
        raise PolicyFileError(
            f"the policy file {path} is larger than {MAX_POLICY_BYTES // 1024} KiB"
        )
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PolicyFileError(f"the policy file {path} is not valid JSON ({exc})") from None
    except RecursionError:
        raise PolicyFileError(f"the policy file {path} nests JSON too deeply") from None
    if not isinstance(doc, dict):
        raise PolicyFileError(
            f'the policy file {path} must hold one JSON object like {{"auto_lock_minutes": 10}}'
        )
    return doc


RegistryReader = Callable[[], Mapping[str, object]]


def read_windows_registry() -> dict[str, object]:
    """Values under HKLM\\Software\\Policies\\WardLink (empty if the key is absent)."""
    import winreg  # Windows only

    values: dict[str, object] = {}
    try:
        key = winreg.OpenKey(  # type: ignore[attr-defined,unused-ignore]
            winreg.HKEY_LOCAL_MACHINE,  # type: ignore[attr-defined,unused-ignore]
            REGISTRY_KEY,
        )
    except FileNotFoundError:
        return values
    with key:
        index = 0
        while True:
            try:
                name, value, _kind = winreg.EnumValue(key, index)  # type: ignore[attr-defined,unused-ignore]
            except OSError:  # no more values
                return values
            values[str(name)] = value
            index += 1


def load_policy(
    path: Path | None = None,
    *,
    registry: bool | None = None,
    read_registry: RegistryReader | None = None,
) -> Policy:
    """The machine policy: the file, then (on Windows) the registry on top of it.

    ``path`` defaults to ``default_policy_path()``. ``registry`` defaults to "on
    Windows"; ``read_registry`` replaces the winreg reader (tests, other platforms).
    Never raises for bad content: problems are logged and listed in ``Policy.problems``.
    """
    path = default_policy_path() if path is None else path
    policy = Policy()
    try:
        doc = read_policy_file(path)
    except PolicyFileError as exc:
        message = f"{exc}; the file is ignored"
        log.error("policy: %s", message)
        policy = Policy(problems=(message,))
    else:
        if doc is not None:
            policy = _apply(policy, doc, str(path))
    use_registry = sys.platform == "win32" if registry is None else registry
    if use_registry:
        reader = read_registry or read_windows_registry
        try:
            values = reader()
        except OSError as exc:
            message = f"cannot read the registry key HKLM\\{REGISTRY_KEY}: {exc}"
            log.error("policy: %s", message)
            return replace(policy, problems=(*policy.problems, message))
        policy = _apply(policy, values, f"HKLM\\{REGISTRY_KEY}")
    return policy


def policy_relay_address(settings: SettingsRepository, policy_file: Path | None) -> str | None:
    """The fixed relay address: machine policy first, then the container setting.

    A missing file means no policy. A broken one is logged and ignored: a broken policy
    must not keep a ward from finding its relay otherwise.
    """
    if policy_file is not None:
        value = load_policy(policy_file).relay_nodes
        if value:
            return value
    return settings.get(POLICY_SETTING) or None
