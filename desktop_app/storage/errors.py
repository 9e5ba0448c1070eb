"""Typed container errors. Each message is one sentence a user can act on.

Messages are English (the CLI's language); the GUI shows its own translation per
error class and ``key`` (ui/error_text.py), so a German UI never shows English.
"""


class ContainerError(Exception):
    """Base class for every container failure; ``str(err)`` is the message to show."""


class WrongPassphrase(ContainerError):
    def __init__(self) -> None:
        super().__init__("Wrong passphrase.")


class WrongPin(ContainerError):
    def __init__(self, attempts_left: int) -> None:
        self.attempts_left = attempts_left
        super().__init__(f"Wrong PIN, {attempts_left} attempt(s) left.")


class PassphraseRequired(ContainerError):
    """The in-memory key is gone (too many wrong PINs, no PIN set, or 12 h passed).

    ``key`` names the reason for the GUI (``no_pin``, ``too_many_pins``,
    ``session_expired``, ``pin_not_running``), which words it in the UI language;
    ``reason`` is the English for the CLI and the log.
    """

    def __init__(self, reason: str, key: str = "") -> None:
        self.reason = reason
        self.key = key
        super().__init__(f"Please unlock with your passphrase: {reason}.")


class WeakSecret(ContainerError):
    """A new passphrase or PIN does not meet the minimum; ``key`` names the rule."""

    def __init__(self, message: str, key: str = "", **params: int) -> None:
        self.key = key
        self.params = params
        super().__init__(message)


class ContainerNotFound(ContainerError):
    """No container at ``path`` (removed, or never made); the GUI names the folder for IT."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"No WardLink container at {path}.")


class ContainerExists(ContainerError):
    """Creating a container where one already is; ``path`` for IT, nothing touched."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"A WardLink container already exists at {path}; nothing was changed.")


class NotAContainer(ContainerError):
    """The files are present but are not a WardLink container (or not one we can read)."""


class CorruptContainer(ContainerError):
    """The database or its key file is damaged: truncated, altered, or half-written."""


class ContainerIOError(ContainerError):
    """SQLite could not read or write the database file (SQLITE_IOERR: a failing disk, a
    network drive gone); ``detail`` is the driver's own words (for IT)."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"Could not read or write the container: {detail}")


class SchemaTooNew(ContainerError):
    def __init__(self, found: int, known: int) -> None:
        self.found = found
        self.known = known
        super().__init__(
            f"This container was written by a newer WardLink (schema {found}, this version "
            f"knows {known}). Please update WardLink; the container was not changed."
        )


class SchemaUpgradeFailed(ContainerError):
    """A migration failed for a reason other than a full disk (e.g. a container written
    by a development build whose schema steps were numbered differently)."""

    def __init__(self, found: int, step: str, detail: str) -> None:
        self.found = found
        self.step = step
        super().__init__(
            f"This container could not be brought up to date (schema {found}, step "
            f"{step} failed: {detail}). It was not changed; please tell IT."
        )


class DiskFull(ContainerError):
    """ENOSPC (or quota, or file size limit) from the OS, or SQLite's "database or disk is
    full"; ``detail`` is the OS's own words, if any (for IT)."""

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        suffix = f" ({detail})" if detail else ""
        super().__init__(
            "The disk is full; the last change was not saved, everything saved before is "
            f"intact. Free some space and try again.{suffix}"
        )


class ContainerLocked(ContainerError):
    def __init__(self) -> None:
        super().__init__("The container is locked.")


class AttachmentMissing(ContainerError):
    """An attachment's encrypted body file is gone or was damaged.

    ``key`` names what happened for the GUI, which words it in the UI language:
    ``not_stored`` (no body on this PC), ``file_missing``, ``file_damaged``,
    ``file_name_invalid``, ``download_given_up``, ``download_damaged``; ``detail`` is
    the crypto layer's words for a damaged file (for IT).
    """

    def __init__(self, message: str, key: str = "", detail: str = "") -> None:
        self.key = key
        self.detail = detail
        super().__init__(message)


def os_detail(exc: OSError) -> str:
    """The OS's words and the file they are about, for IT in brackets."""
    words = exc.strerror or type(exc).__name__
    return f"{words}: {exc.filename}" if exc.filename else words
