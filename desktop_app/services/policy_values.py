"""Checks of single machine-policy values: each returns the normalised value or raises
``BadValue`` whose message completes the sentence "<key> ...", so one bad setting is
reported and ignored while the rest of the policy still applies."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

from desktop_app.crypto.fingerprint import format_fingerprint, parse_fingerprint
from desktop_app.crypto.trust_errors import FingerprintError
from desktop_app.services.errors import ClientError
from desktop_app.services.identity import MAX_RELAY_ADDRESSES, parse_address

MAX_NOTICE_BYTES = 64 * 1024  # one privacy notice, inline or from its file
MAX_HOST_CHARS = 253


class BadValue(ValueError):
    """A value that is ignored; the message completes the sentence "<key> ..."."""


def nonempty_text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadValue("must be a non-empty text")
    return value.strip()


def fingerprint(value: object) -> str:
    try:
        return format_fingerprint(parse_fingerprint(nonempty_text(value)))
    except FingerprintError as exc:
        raise BadValue(f"is not an organisation fingerprint ({exc})") from None


def address(value: object) -> str:
    text = nonempty_text(value)
    try:
        host, port = parse_address(text)
    except ClientError:
        raise BadValue(
            "must be HOST:PORT with a port from 1 to 65535, e.g. 10.0.0.5:8443"
        ) from None
    if len(host) > MAX_HOST_CHARS or any(c.isspace() or c in "/@?#" for c in host):
        raise BadValue("has an invalid host name")
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def relay_addresses(value: object) -> str:
    """Relay nodes as a JSON list or one comma-separated string, normalised "h1:p1,h2:p2"."""
    items = value if isinstance(value, list) else nonempty_text(value).split(",")
    parts = [address(item) for item in items if str(item).strip()]
    if not parts:
        raise BadValue("names no address")
    if len(parts) > MAX_RELAY_ADDRESSES:
        raise BadValue(f"names more than {MAX_RELAY_ADDRESSES} addresses")
    return ",".join(dict.fromkeys(parts))


MAX_CALL_INTERFACES = 16


def ip_addresses(value: object) -> str:
    """IP addresses separated by commas or spaces, normalised to "a, b"."""
    parts = nonempty_text(value).replace(",", " ").split()
    if len(parts) > MAX_CALL_INTERFACES:
        raise BadValue(f"names more than {MAX_CALL_INTERFACES} addresses")
    try:
        return ", ".join(str(ipaddress.ip_address(p)) for p in parts)
    except ValueError as exc:
        raise BadValue(f"must be IP addresses separated by commas ({exc})") from None


MAX_TURN_SERVERS = 4
_TURN_URL = re.compile(r"^turns?:[A-Za-z0-9.\-\[\]:]{1,260}(\?transport=(udp|tcp))?$")


def turn_servers(value: object) -> str:
    """``turn:HOST:PORT USER SECRET`` entries separated by ``;``, normalised."""
    entries = [e.split() for e in nonempty_text(value).split(";") if e.strip()]
    if len(entries) > MAX_TURN_SERVERS:
        raise BadValue(f"names more than {MAX_TURN_SERVERS} servers")
    for entry in entries:
        if len(entry) != 3 or not _TURN_URL.fullmatch(entry[0]):
            raise BadValue("must be 'turn:HOST:PORT USER SECRET' entries separated by ';'")
    return "; ".join(" ".join(entry) for entry in entries)


def number(low: int, high: int, unit: str) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadValue(f"must be a whole number of {unit}")
        if not low <= value <= high:
            raise BadValue(f"must be between {low} and {high} {unit}, not {value}")
        return value

    return check


def switch(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):  # REG_DWORD from Group Policy
        return bool(value)
    raise BadValue("must be true or false (1 or 0 in the registry)")


def notice(value: object) -> str:
    """The notice text; one line that is an absolute path names a file holding it."""
    text = nonempty_text(value)
    if "\n" in text or not (Path(text).is_absolute() or PureWindowsPath(text).is_absolute()):
        if len(text.encode("utf-8")) > MAX_NOTICE_BYTES:
            raise BadValue(f"is longer than {MAX_NOTICE_BYTES // 1024} KiB")
        return text
    try:
        with Path(text).open("rb") as fp:
            raw = fp.read(MAX_NOTICE_BYTES + 1)
    except OSError as exc:
        raise BadValue(f"names the file {text} that cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_NOTICE_BYTES:
        raise BadValue(f"names the file {text} that is larger than {MAX_NOTICE_BYTES // 1024} KiB")
    try:
        return nonempty_text(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BadValue(f"names the file {text} that is not UTF-8 text") from None
    except BadValue:
        raise BadValue(f"names the file {text} that is empty") from None


MIN_CALL_PORT = 1024  # below: ports that need privileges
MIN_CALL_PORTS = 4  # a call needs a port per peer connection; a group call up to five


def port_range(value: object) -> str:
    """``LOW-HIGH`` UDP ports for call media, normalised "50000-50100"."""
    parts = nonempty_text(value).replace(" ", "").split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise BadValue("must be LOW-HIGH, e.g. 50000-50100")
    low, high = int(parts[0]), int(parts[1])
    if not MIN_CALL_PORT <= low <= high <= 65535:
        raise BadValue(f"must lie between {MIN_CALL_PORT} and 65535 with LOW <= HIGH")
    if high - low + 1 < MIN_CALL_PORTS:
        raise BadValue(f"must hold at least {MIN_CALL_PORTS} ports")
    return f"{low}-{high}"
