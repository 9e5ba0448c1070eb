"""The GUI's sentences for the conversation and message keys of ``ClientError`` (split
from ui/error_texts_services.py, which joins them with the other areas' tables)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def conversation_texts() -> dict[str, str]:
    """Conversations, messages, groups and devices: key -> sentence in the UI language."""
    translate = QCoreApplication.translate
    return {
        "not_member": translate("ErrorText", "You are no longer a member of this conversation."),
        "no_conversation": translate("ErrorText", "This conversation is no longer on this PC."),
        "no_message": translate("ErrorText", "This message is no longer on this PC."),
        "reply_gone": translate(
            "ErrorText", "The message you are replying to is no longer in this conversation."
        ),
        # A message an earlier release kept under an id no PC accepts now: sent, it would
        # be dropped by every receiver (services/message_events.py _named_by_receivers).
        "reply_old_message": translate(
            "ErrorText",
            "This message came from an earlier WardLink version; a reply to it would reach nobody. Write a new message instead.",  # noqa: E501
        ),
        "react_old_message": translate(
            "ErrorText",
            "This message came from an earlier WardLink version; a reaction to it would reach nobody.",  # noqa: E501
        ),
        "pin_old_message": translate(
            "ErrorText",
            "This message came from an earlier WardLink version; pinning or unpinning it would reach nobody.",  # noqa: E501
        ),
        "chat_with_yourself": translate(
            "ErrorText", "You cannot start a conversation with yourself."
        ),
        "new_chat_offline": translate(
            "ErrorText",
            "A new conversation needs the connection to the relay (to check the person's devices); existing conversations also work offline.",  # noqa: E501
        ),
        "nobody_can_receive": translate(
            "ErrorText",
            "Nobody else in this conversation has a device that can receive messages.",
        ),
        "no_enrolled_device": translate(
            "ErrorText",
            "No device is enrolled for %who yet; messages cannot be delivered.",
        ),
        "not_in_directory": translate(
            "ErrorText", "Someone you chose is no longer in the staff directory."
        ),
        "mention_not_member": translate(
            "ErrorText", "Only members or functional accounts can be mentioned, not %who."
        ),
        "escalate_urgent_only": translate(
            "ErrorText", "Only an urgent message can be escalated to someone."
        ),
        "escalate_not_in_directory": translate(
            "ErrorText",
            "The chosen escalation target is not in the staff directory; urgent messages can only be escalated to a person or functional account of the directory.",  # noqa: E501
        ),
        "role_not_held": translate("ErrorText", "Nobody else holds %role right now."),
        "role_offline": translate(
            "ErrorText",
            "Writing to %role needs the connection to the relay (to find out who holds it now).",
        ),
        "not_a_file": translate("ErrorText", "%name is not a file."),
        "group_needs_someone": translate("ErrorText", "A group needs at least one other person."),
        "group_nobody_enrolled": translate(
            "ErrorText",
            "Nobody you chose has an enrolled device yet.",
        ),
        "direct_members_fixed": translate(
            "ErrorText",
            "A 1:1 conversation always has these two people; start a group to add someone.",
        ),
        "admins_only": translate("ErrorText", "Only the group's admins can add or remove members."),
        "rename_admins_only": translate("ErrorText", "Only the group's admins can rename it."),
        "rename_direct": translate(
            "ErrorText", "A 1:1 conversation has no name of its own; start a group."
        ),
        "group_title_empty": translate("ErrorText", "A group needs a name."),
        "pins_full": translate(
            "ErrorText", "At most %maximum messages can be pinned; unpin one first."
        ),
        "edit_length": translate(
            "ErrorText", "The changed text must be 1 to %maximum characters long."
        ),
        "delete_too_old": translate(
            "ErrorText",
            "This message is older than %days days; it can no longer be deleted for everyone.",
        ),
        "urgent_no_edit": translate(
            "ErrorText",
            "An urgent message cannot be changed: its acknowledgements answer its text. "
            "Send a new urgent message instead.",
        ),
        "sender_only": translate(
            "ErrorText", "Only the sender of a message can edit or delete it."
        ),
        "info_own_only": translate(
            "ErrorText", "Message info is only available for your own messages."
        ),
        "forward_off": translate(
            "ErrorText", "Forwarding messages is switched off by your IT department."
        ),
        "forward_system_line": translate("ErrorText", "Only messages and files can be forwarded."),
        "forward_file_missing": translate(
            "ErrorText", "A file of this message is not on this PC yet; download it first."
        ),
        "export_off": translate(
            "ErrorText",
            "Exporting from WardLink is switched off by your IT department; nothing was saved.",
        ),
        "disappearing_hours": translate("ErrorText", "Choose 1 to %maximum hours."),
        "disappearing_admins_only": translate(
            "ErrorText", "Only an admin of the group can change disappearing messages."
        ),
        "chats_pinned_full": translate(
            "ErrorText", "At most %maximum conversations can be pinned; unpin one first."
        ),
        "auto_lock_fixed": translate(
            "ErrorText", "Your IT department has set when WardLink locks automatically."
        ),
        "auto_lock_range": translate(
            "ErrorText", "WardLink can lock automatically after %minimum to %maximum minutes."
        ),
        "receipts_fixed": translate(
            "ErrorText", "Your IT department has set whether read receipts are sent."
        ),
        "unknown_language": translate("ErrorText", "WardLink speaks German and English."),
        "compare_key_changed": translate(
            "ErrorText", "This device's key changed while you compared; compare again."
        ),
        "device_unknown": translate("ErrorText", "This device is no longer known on this PC."),
        "device_revoked": translate(
            "ErrorText", "This device was revoked by IT; there is nothing to compare."
        ),
        "own_device": translate("ErrorText", "This is your own device."),
    }
