"""Reading passphrases: from the environment for scripts and tests, else a hidden prompt."""

from __future__ import annotations

import getpass
import os
import sys

PASSPHRASE_ENV = "WARDLINK_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
NEW_PASSPHRASE_ENV = "WARDLINK_NEW_PASSPHRASE"  # noqa: S105
ADMIN_PASSPHRASE_ENV = "WARDLINK_ADMIN_PASSPHRASE"  # noqa: S105 (the organisation's keys)


class InputAborted(Exception):
    """No passphrase could be read (no terminal and no environment variable)."""


def read_passphrase(prompt: str = "Passphrase: ", env: str = PASSPHRASE_ENV) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise InputAborted(f"no terminal to ask for the passphrase; set {env}")
    return getpass.getpass(prompt)


def read_new_passphrase(env: str = PASSPHRASE_ENV, heading: str = "") -> str:
    """A new passphrase, typed twice when prompted; ``heading`` (on stderr) says which
    one, and only when there is a prompt to head (not when ``env`` supplies it)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if heading:
        print(heading, file=sys.stderr)
    first = read_passphrase("New passphrase / Neue Passphrase: ", env)
    second = read_passphrase("Repeat / Wiederholen: ", env)
    if first != second:
        raise InputAborted("the two passphrases differ; nothing was changed")
    return first
