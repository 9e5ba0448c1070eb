"""What the GUI says about an error, in the UI language.

Errors from storage and services carry English messages (the CLI's language). For the
ones a person meets at the PC (unlock, PIN, new secrets, enrollment) the GUI has its
own tr() sentence per error class (and ``WeakSecret.key``); anything else is shown
as the error's own message.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from desktop_app.services.call_media import CallRefused
from desktop_app.services.documents import DocumentRefused
from desktop_app.services.errors import (
    EnrollmentPending,
    NoRelayAccepted,
    NoRelayFound,
    WrongOrganisation,
)
from desktop_app.storage.errors import (
    ContainerLocked,
    SchemaTooNew,
    SchemaUpgradeFailed,
    WeakSecret,
    WrongPassphrase,
    WrongPin,
)


def _filled(texts: dict[str, str], key: str, params: Mapping[str, object]) -> str | None:
    """The sentence for ``key`` with its ``%name`` parts filled in; None if unknown."""
    text = texts.get(key)
    if text is None:
        return None
    for name, value in params.items():
        text = text.replace(f"%{name}", str(value))
    return text


def _weak_secret(error: WeakSecret) -> str | None:
    translate = QCoreApplication.translate
    texts = {
        "passphrase_short": translate(
            "ErrorText", "The passphrase needs at least %minimum characters."
        ),
        "passphrase_long": translate("ErrorText", "The passphrase is too long."),
        "passphrase_repetitive": translate(
            "ErrorText", "The passphrase repeats too few characters."
        ),
        "pin_digits": translate("ErrorText", "A PIN consists of digits only."),
        "pin_length": translate("ErrorText", "A PIN has %minimum to %maximum digits."),
        "pin_trivial": translate(
            "ErrorText", "This PIN is too easy to guess (repeated or consecutive digits)."
        ),
    }
    return _filled(texts, error.key, error.params)


def _call_refused(error: CallRefused) -> str | None:
    translate = QCoreApplication.translate
    texts = {
        "busy": translate("ErrorText", "You are in a call already; hang up first."),
        "not_group_call": translate("ErrorText", "That is not a group call."),
        "no_longer_rings": translate("ErrorText", "That group call invitation no longer rings."),
        "inviter_left": translate("ErrorText", "%name is not in the group call any more."),
        "full": translate(
            "ErrorText", "The group call is full: %maximum people are in it already."
        ),
        "needs_group": translate("ErrorText", "A group call needs a group conversation."),
        "is_group": translate(
            "ErrorText", "This is a group conversation: start a group call instead."
        ),
        "no_device": translate("ErrorText", "%name has no device that can be called."),
        "calls_off": translate(
            "ErrorText", "Calls are switched off on this PC by your IT department."
        ),
        "video_off": translate(
            "ErrorText", "Video calls are switched off on this PC by your IT department."
        ),
    }
    return _filled(texts, error.key, error.params)


def _document_refused(error: DocumentRefused) -> str | None:
    translate = QCoreApplication.translate
    texts = {
        "not_on_relay": translate("ErrorText", "%name could not be downloaded from the relay."),
        "damaged": translate("ErrorText", "%name arrived damaged; it was not kept."),
        "too_large": translate("ErrorText", "%name is larger than the relay accepts."),
        "open_too_large": translate(
            "ErrorText", "%name is too large to open here; save a copy instead."
        ),
        "taken": translate(
            "ErrorText", "Someone stored a version of %name at the same moment; try again."
        ),
        "not_member": translate("ErrorText", "You are no longer a member of this conversation."),
    }
    return _filled(texts, error.key, error.params)


def user_message(error: BaseException) -> str:
    """One line for the person at the PC, in the UI language where we know the error."""
    translate = QCoreApplication.translate
    text: str | None = None
    if isinstance(error, WrongPassphrase):
        text = translate("ErrorText", "Wrong passphrase.")
    elif isinstance(error, WrongPin):
        text = translate("ErrorText", "Wrong PIN, %1 attempt(s) left.").replace(
            "%1", str(error.attempts_left)
        )
    elif isinstance(error, ContainerLocked):
        text = translate("ErrorText", "The container is locked.")
    elif isinstance(error, WeakSecret):
        text = _weak_secret(error)
    elif isinstance(error, CallRefused):
        text = _call_refused(error)
    elif isinstance(error, DocumentRefused):
        text = _document_refused(error)
    elif isinstance(error, SchemaTooNew):
        text = translate(
            "ErrorText",
            "This person's data was written by a newer WardLink. Please have WardLink "
            "updated on this PC; nothing was changed.",
        )
    elif isinstance(error, SchemaUpgradeFailed):
        text = translate(
            "ErrorText",
            "This person's data could not be brought up to date for this WardLink version "
            "(step %1); nothing was changed. Please tell IT.",
        ).replace("%1", error.step)
    elif isinstance(error, EnrollmentPending):
        text = translate(
            "ErrorText",
            "Waiting for IT to confirm this device; try again later with the same code. "
            "(Device key: %1)",
        ).replace("%1", error.key_fingerprint)
    elif isinstance(error, WrongOrganisation):
        text = translate(
            "ErrorText",
            "This enrollment code belongs to another organisation than the one this PC "
            "is managed for.",
        )
    elif isinstance(error, NoRelayFound):
        text = translate(
            "ErrorText",
            "No relay found on the network. Enter the relay address from your IT "
            "department (HOST:PORT).",
        )
    elif isinstance(error, NoRelayAccepted):
        text = translate(
            "ErrorText",
            "None of the relays on the network belongs to your hospital or accepted the "
            "code (%1). Ask IT for the relay address.",
        ).replace("%1", "; ".join(error.problems))
    return text or str(error) or type(error).__name__
