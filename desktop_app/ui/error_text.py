"""What the GUI says about an error, in the UI language.

Errors from storage and services carry English messages (the CLI's language). The GUI
words them itself: storage errors (unlock, PIN, new secrets, schema, a full disk, a
damaged container or one that cannot be read, a container gone, an attachment's copy
missing) per error class (and ``WeakSecret.key``; ui/error_texts_storage.py), service
errors by their ``ClientError.key`` (ui/error_texts_services.py). A list of relay
addresses that all failed is worded address by address. An error without a key, or
with one not in the table, is shown as its own message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from desktop_app.services.errors import ClientError
from desktop_app.storage.errors import (
    AttachmentMissing,
    ContainerExists,
    ContainerIOError,
    ContainerLocked,
    ContainerNotFound,
    CorruptContainer,
    DiskFull,
    NotAContainer,
    PassphraseRequired,
    SchemaTooNew,
    SchemaUpgradeFailed,
    WeakSecret,
    WrongPassphrase,
    WrongPin,
    os_detail,
)
from desktop_app.ui.error_texts_services import relay_failure_reasons, service_texts
from desktop_app.ui.error_texts_storage import (
    attachment_missing_text,
    container_place_text,
    passphrase_required_text,
)

_PART = re.compile(r"%([A-Za-z_]+)")


def _filled(texts: dict[str, str], key: str, params: Mapping[str, object]) -> str | None:
    """The sentence for ``key`` with its ``%name`` parts filled in; None if unknown.

    One pass, so a value that itself contains ``%something`` (a file name) stays as it is.
    """
    text = texts.get(key)
    if text is None:
        return None
    return _PART.sub(lambda m: str(params[m[1]]) if m[1] in params else m[0], text)


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


def _params(error: ClientError) -> Mapping[str, object]:
    """The error's params, with its list of failed relay addresses (``failures``: pairs
    of address and error, from the locator or joining) worded in the UI language as
    ``tried`` and ``problems``; the services' own ``tried`` is the CLI's English."""
    failures = error.params.get("failures")
    if not isinstance(failures, tuple) or not failures:
        return error.params
    reasons = relay_failure_reasons()
    worded = "; ".join(f"{address}: {_reason(failure, reasons)}" for address, failure in failures)
    return {**error.params, "tried": worded, "problems": worded}


def _reason(error: BaseException, reasons: Mapping[str, str]) -> str:
    """A few words for one address's failure; its whole sentence if it has none."""
    key = getattr(error, "key", "")
    return reasons.get(key) or user_message(error).rstrip(".")


def _detail(error: BaseException) -> str:
    """The lower layer's English sentence, for IT in brackets (without its full stop)."""
    return (str(error) or type(error).__name__).rstrip(".")


def user_message(error: BaseException) -> str:
    """One line for the person at the PC, in the UI language where we know the error."""
    translate = QCoreApplication.translate
    text: str | None = None
    if isinstance(error, ClientError):
        text = _filled(service_texts(), error.key, _params(error)) if error.key else None
    elif isinstance(error, WrongPassphrase):
        text = translate("ErrorText", "Wrong passphrase.")
    elif isinstance(error, WrongPin):
        text = (
            translate("ErrorText", "Wrong PIN, 1 attempt left.")
            if error.attempts_left == 1
            else translate("ErrorText", "Wrong PIN, %1 attempts left.").replace(
                "%1", str(error.attempts_left)
            )
        )
    elif isinstance(error, ContainerLocked):
        text = translate("ErrorText", "The container is locked.")
    elif isinstance(error, DiskFull):
        text = translate(
            "ErrorText",
            "This PC's disk is full; WardLink cannot save anything now (what was saved before is kept). Please tell your IT department.",  # noqa: E501
        ) + (f" ({error.detail})" if error.detail else "")
    elif isinstance(error, ContainerIOError):
        text = translate(
            "ErrorText",
            "WardLink could not read or write this person's data on this PC (a problem with the disk or drive); try again, and tell IT if it persists. (%1)",  # noqa: E501
        ).replace("%1", error.detail)
    elif isinstance(error, CorruptContainer):
        text = translate(
            "ErrorText",
            "This person's WardLink data on this PC is damaged and cannot be opened; nothing was changed. Please tell IT. (%1)",  # noqa: E501
        ).replace("%1", _detail(error))
    elif isinstance(error, NotAContainer):
        text = translate(
            "ErrorText",
            "There is no WardLink data here that this version can open; nothing was changed. Please tell IT. (%1)",  # noqa: E501
        ).replace("%1", _detail(error))
    elif isinstance(error, PassphraseRequired):
        text = passphrase_required_text(error)
    elif isinstance(error, ContainerNotFound | ContainerExists):
        text = container_place_text(error)
    elif isinstance(error, AttachmentMissing):
        text = attachment_missing_text(error)
    elif isinstance(error, WeakSecret):
        text = _weak_secret(error)
    elif isinstance(error, SchemaTooNew):
        text = translate(
            "ErrorText",
            "This person's data was written by a newer WardLink. Please have WardLink updated on this PC; nothing was changed.",  # noqa: E501
        )
    elif isinstance(error, SchemaUpgradeFailed):
        text = translate(
            "ErrorText",
            "This person's data could not be brought up to date for this WardLink version (step %1); nothing was changed. Please tell IT.",  # noqa: E501
        ).replace("%1", error.step)
    elif isinstance(error, OSError):  # a file of the installation or the PC, not a container's
        text = translate(
            "ErrorText",
            "WardLink could not use a file on this PC; nothing was changed. Try again, and tell IT if it persists. (%1)",  # noqa: E501
        ).replace("%1", os_detail(error))
    return text or str(error) or type(error).__name__
