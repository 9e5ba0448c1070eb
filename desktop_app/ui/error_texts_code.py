"""The join dialog's sentences for a mistyped enrollment code, one per kind of mistake.

A nurse types or pastes the code from IT's letter; she reads what is wrong with it in
her language only (the crypto layer's English stays in the log for IT), and what to do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def code_texts() -> dict[str, str]:
    """Key (services/errors.py JoinNotTrusted) -> sentence in the UI language."""
    translate = QCoreApplication.translate
    return {
        "code_incomplete": translate(
            "ErrorText",
            "The code is incomplete: after “WL1-” it has %found of its %expected characters. Please copy or type the whole code from IT again.",  # noqa: E501
        ),
        "code_too_long": translate(
            "ErrorText",
            "The code is too long: after “WL1-” it has %found characters instead of %expected; perhaps a part was pasted twice. Please copy or type the code from IT again.",  # noqa: E501
        ),
        "code_character": translate(
            "ErrorText",
            "The code contains a character that cannot be in it (only the letters A to Z and the digits 2 to 7). Please compare it with the code from IT.",  # noqa: E501
        ),
        "code_check_digits": translate(
            "ErrorText",
            "The code has a typing error: one of its characters differs from the code IT gave you. Please compare it character by character, or ask IT for a new code.",  # noqa: E501
        ),
        "code_prefix": translate(
            "ErrorText",
            "An enrollment code starts with “WL1-”. Please enter the code you got from IT.",
        ),
        "code_other_version": translate(
            "ErrorText",
            "This code is for another version of WardLink. Please ask IT for a new code.",
        ),
    }
