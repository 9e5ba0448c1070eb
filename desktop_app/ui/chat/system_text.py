"""System lines in the reader's language, rendered when shown (not when stored).

The stored body is a kind and parameters (domain.system_lines); each kind has one
translatable sentence here. Old lines stored as finished text are shown unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain import system_lines


def _sentence(kind: str) -> str:
    # Literal strings, so that lupdate finds every one of them.
    sentences = {
        "you_created": QCoreApplication.translate("SystemLine", "You created the group “%title”."),
        "group_created": QCoreApplication.translate(
            "SystemLine", "%by created the group “%title”."
        ),
        "added_you": QCoreApplication.translate(
            "SystemLine", "%by added you to the group “%title”."
        ),
        "member_added": QCoreApplication.translate("SystemLine", "%by added %who."),
        "member_removed": QCoreApplication.translate("SystemLine", "%by removed %who."),
        "renamed": QCoreApplication.translate("SystemLine", "%by renamed the group to “%title”."),
        "new_device": QCoreApplication.translate("SystemLine", "%who has a new device."),
        "removed_you": QCoreApplication.translate("SystemLine", "%by removed you from the group."),
        "escalated": QCoreApplication.translate(
            "SystemLine", "Not acknowledged within %minutes minutes: sent on to %to."
        ),
        "deleted": QCoreApplication.translate("SystemLine", "Message deleted by %by at %at."),
        "needs_newer": QCoreApplication.translate(
            "SystemLine", "This message needs a newer WardLink."
        ),
        "ephemeral_on": QCoreApplication.translate(
            "SystemLine",
            "%by turned on disappearing messages: deleted %hours hours after reading.",
        ),
        "ephemeral_off": QCoreApplication.translate(
            "SystemLine", "%by turned off disappearing messages."
        ),
        "missed_call": QCoreApplication.translate("SystemLine", "Missed call from %who."),
        "call_held": QCoreApplication.translate("SystemLine", "Call with %who, %duration."),
        "call_out": QCoreApplication.translate("SystemLine", "Outgoing call to %who, %duration."),
        "call_in": QCoreApplication.translate("SystemLine", "Incoming call from %who, %duration."),
        "call_not_answered": QCoreApplication.translate(
            "SystemLine", "Outgoing call to %who: no answer."
        ),
        "call_declined": QCoreApplication.translate(
            "SystemLine", "Outgoing call to %who: declined."
        ),
        "call_busy": QCoreApplication.translate("SystemLine", "Outgoing call to %who: busy."),
        "call_failed": QCoreApplication.translate("SystemLine", "Call with %who: no connection."),
        "you_declined": QCoreApplication.translate(
            "SystemLine", "Incoming call from %who: declined."
        ),
        "group_call": QCoreApplication.translate("SystemLine", "Group call: %who."),
        "group_call_over": QCoreApplication.translate("SystemLine", "The group call has ended."),
    }
    return sentences[kind]


def render(body: str) -> str:
    """The line for the UI language; an old plain-text line as it was stored."""
    decoded = system_lines.decode(body)
    if decoded is None:
        return body
    kind, params = decoded
    text = _sentence(kind)
    # One pass over the placeholders, so a name containing "%title" stays as it is.
    out, i = [], 0
    while i < len(text):
        for name, value in params.items():
            if text.startswith("%" + name, i):
                out.append(value)
                i += len(name) + 1
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


KINDS = tuple(system_lines.TEMPLATES)  # for the completeness test
