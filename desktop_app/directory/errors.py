"""Typed directory errors; each message is one line a person or IT can act on."""

from __future__ import annotations


class DirectoryError(Exception):
    """Base class for everything the directory package raises on bad input."""


class InvalidEntry(DirectoryError):
    """An entry breaks a rule (missing uid, bad characters, a field too long)."""


class FilterSyntaxError(DirectoryError):
    """An LDAP-style filter string cannot be parsed or exceeds its bounds."""


class ImportFailed(DirectoryError):
    """A whole import file is unusable (unreadable, wrong header, too large)."""


class SnapshotRefused(DirectoryError):
    """A directory snapshot does not verify: wrong signer, bad signature, tampered data."""
