"""The GUI's sentences for the storage errors that carry a reason or a place: the
passphrase needed again (by ``PassphraseRequired.key``), a person's container gone or
already there, and an attachment's stored copy missing or damaged (by
``AttachmentMissing.key``).

The storage layer raises these with English messages for the CLI and the log; the
person at the PC reads these sentences in the UI language instead (ui/error_text.py).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.storage.errors import (
    AttachmentMissing,
    ContainerExists,
    ContainerNotFound,
    PassphraseRequired,
)


def passphrase_required_text(error: PassphraseRequired) -> str:
    """Why the PIN no longer unlocks, and that the passphrase does."""
    translate = QCoreApplication.translate
    texts = {
        "too_many_pins": translate(
            "ErrorText", "Too many wrong PINs. Please enter your passphrase."
        ),
        "session_expired": translate(
            "ErrorText",
            "12 hours have passed since you entered your passphrase. Please enter it again.",
        ),
        "no_pin": translate(
            "ErrorText", "No PIN is set for this session. Please enter your passphrase."
        ),
    }
    return texts.get(error.key) or translate("ErrorText", "Please enter your passphrase.")


def container_place_text(error: ContainerNotFound | ContainerExists) -> str:
    """A person's data gone from its folder, or a folder that already holds some; the
    folder in brackets for IT."""
    translate = QCoreApplication.translate
    if isinstance(error, ContainerNotFound):
        text = translate(
            "ErrorText",
            "This person's WardLink data is no longer on this PC (it may have been removed). Go “Back” for the current list, or join your hospital again; IT can help. (%1)",  # noqa: E501
        )
    else:
        text = translate(
            "ErrorText",
            "There is WardLink data in this place already; nothing was changed. Please try again, and tell IT if it persists. (%1)",  # noqa: E501
        )
    return text.replace("%1", error.path)


def attachment_missing_text(error: AttachmentMissing) -> str:
    """What is wrong with a file's copy on this PC; the message itself stays."""
    translate = QCoreApplication.translate
    texts = {
        "not_stored": translate(
            "ErrorText",
            "This file is not on this PC yet; wait until it has been downloaded, or download it again.",  # noqa: E501
        ),
        "file_missing": translate(
            "ErrorText",
            "The copy of this file on this PC is missing; the message itself is kept. Please tell IT.",  # noqa: E501
        ),
        "file_damaged": translate(
            "ErrorText",
            "The copy of this file on this PC is damaged and cannot be opened; the message itself is kept. Please tell IT. (%1)",  # noqa: E501
        ),
        "file_name_invalid": translate(
            "ErrorText",
            "The record of this file on this PC is damaged, so it cannot be opened; the message itself is kept. Please tell IT.",  # noqa: E501
        ),
        "download_given_up": translate(
            "ErrorText",
            "The download of this file stopped before it was complete; please try again.",
        ),
        "download_damaged": translate(
            "ErrorText",
            "Part of this file arrived damaged, so it cannot be shown; please download it again. (%1)",  # noqa: E501
        ),
    }
    text = texts.get(error.key) or translate(
        "ErrorText",
        "This file cannot be read on this PC; the message itself is kept. Please tell IT.",
    )
    return text.replace("%1", error.detail.rstrip("."))
