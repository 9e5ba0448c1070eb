"""The GUI's sentence for each ``ClientError.key`` raised in desktop_app/services.

One table, by area; ``%name`` parts are filled from the error's ``params``
(ui/error_text.py). A key raised in the services must have its sentence here
(tests/ui/test_error_keys.py); a sentence says the same as the service's English
message, worded for the person at the PC (no ids, no command-line hints).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.ui.error_texts_code import code_texts
from desktop_app.ui.error_texts_conversations import conversation_texts


def service_texts() -> dict[str, str]:
    """Key -> sentence in the UI language (built per call: the language can change)."""
    return {
        **conversation_texts(),
        **_teamwork(),
        **_files(),
        **_media(),
        **_calls(),
        **_relay(),
        **_joining(),
        **code_texts(),
    }


def _teamwork() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "no_task": translate("ErrorText", "This task is no longer on this PC."),
        "task_not_created": translate(
            "ErrorText",
            "This task has not fully arrived on this PC yet; try again in a moment.",
        ),
        "task_invalid": translate(
            "ErrorText", "This task cannot be saved: an entry is too long or not valid."
        ),
        "task_items_full": translate(
            "ErrorText",
            "This task's checklist is full (removed items count too). Please make a new task for further items.",  # noqa: E501
        ),
        "assignee_invalid": translate(
            "ErrorText",
            "%who is neither a member of this conversation nor a functional account.",
        ),
        "no_event": translate("ErrorText", "This event is no longer on this PC."),
        "event_elsewhere": translate("ErrorText", "This event belongs to another conversation."),
        "event_invalid": translate(
            "ErrorText",
            "This event cannot be saved: its title or notes are too long, or its start and end are not valid.",  # noqa: E501
        ),
        "event_repeat_invalid": translate(
            "ErrorText",
            'This event cannot be saved because of how it repeats: a repeating event must start before %year, and a repetition taken over from a calendar file may be one WardLink does not support. Choose another repetition or "Does not repeat".',  # noqa: E501
        ),
        "ics_invalid": translate(
            "ErrorText",
            "This calendar file cannot be imported: it is not an iCalendar (.ics) file, it is too large, or one of its events is not valid.",  # noqa: E501
        ),
        "task_clock": translate(
            "ErrorText",
            "No more task or calendar changes are possible in this conversation; please tell IT.",
        ),
        "outbox_full": translate(
            "ErrorText",
            "More than %maximum task and calendar changes are waiting for the relay; connect this PC before changing more.",  # noqa: E501
        ),
    }


def _files() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "file_missing": translate(
            "ErrorText",
            "%name cannot be found on this PC (any more); please choose it again. (%detail)",
        ),
        "file_not_allowed": translate(
            "ErrorText",
            "This PC does not allow WardLink to read %name; copy it to another folder first, or ask IT. (%detail)",  # noqa: E501
        ),
        "file_is_folder": translate(
            "ErrorText", "%name is a folder, not a file; please choose a file. (%detail)"
        ),
        "file_unreadable": translate(
            "ErrorText",
            "%name could not be read on this PC; try again, and tell IT if it persists. (%detail)",
        ),
        "save_no_space": translate(
            "ErrorText",
            "There is not enough space to save %name there; nothing was saved. Choose another place, or tell IT. (%detail)",  # noqa: E501
        ),
        "save_not_allowed": translate(
            "ErrorText",
            "WardLink may not save %name in that folder; nothing was saved. Please choose another folder. (%detail)",  # noqa: E501
        ),
        "save_failed": translate(
            "ErrorText",
            "%name could not be saved there; nothing was saved. Choose another place, and tell IT if it persists. (%detail)",  # noqa: E501
        ),
        "not_on_relay": translate(
            "ErrorText", "%name could not be downloaded from the relay; try again later."
        ),
        "gone_from_relay": translate(
            "ErrorText",
            "%name is not on this PC, and the relay no longer has it; ask whoever added it to add it again.",  # noqa: E501
        ),
        "damaged": translate(
            "ErrorText",
            "%name arrived damaged and was not kept; try again, or ask whoever added it to add it again.",  # noqa: E501
        ),
        "too_large": translate("ErrorText", "%name is larger than the relay accepts."),
        "open_too_large": translate(
            "ErrorText", "%name is too large to open here; save a copy instead."
        ),
        "taken": translate(
            "ErrorText", "Someone stored a version of %name at the same moment; try again."
        ),
        "no_document": translate(
            "ErrorText", "%name is no longer among this conversation's files."
        ),
        "no_version": translate("ErrorText", "%name has no version %version on this PC."),
        "bad_name": translate(
            "ErrorText",
            "%name cannot be shared: the file or folder name is too long or contains characters that are not allowed.",  # noqa: E501
        ),
        "no_version_left": translate(
            "ErrorText",
            "%name has no version number left; upload it as a new document instead.",
        ),
        "versions_limit": translate(
            "ErrorText",
            "You have shared %maximum versions in this conversation, the most one member may.",
        ),
        "copy_changed": translate("ErrorText", "%name changed while it was copied; try again."),
        "relay_stored_else": translate(
            "ErrorText", "The relay stored something other than what was sent; try again."
        ),
        "blob_id_taken": translate(
            "ErrorText", "The relay already holds another file under this new id; try again."
        ),
        "file_changed": translate(
            "ErrorText", "The file changed while it was being sent; try again."
        ),
        "no_attachment": translate("ErrorText", "This file is no longer part of the message."),
        "view_too_large": translate("ErrorText", "This file is too large to open in the viewer."),
        "series_too_large": translate(
            "ErrorText", "This series is too large to open in the viewer."
        ),
        "annotations_unreadable": translate(
            "ErrorText",
            "These annotations cannot be shown: they are damaged, or their image is too large to open.",  # noqa: E501
        ),
        "annotated_gone": translate(
            "ErrorText", "The message with the annotated image is no longer in this conversation."
        ),
        "not_a_study": translate(
            "ErrorText",
            "%name cannot be sent as a study: it must be a folder, DICOMDIR or ZIP with DICOM images, within the limits for size and number of files.",  # noqa: E501
        ),
        "study_read_failed": translate(
            "ErrorText",
            "%name could not be read: a file changed or disappeared while it was read; try again.",
        ),
        "study_damaged": translate(
            "ErrorText", "This study cannot be opened; its data is damaged."
        ),
        "series_not_arrived": translate(
            "ErrorText", "Series %number of this study has not arrived yet."
        ),
        "study_not_started": translate("ErrorText", "Nothing of this study has arrived yet."),
        "key_image_unreadable": translate("ErrorText", "This key image note cannot be read."),
        "key_image_no_study": translate(
            "ErrorText", "The study this key image belongs to is not on this PC."
        ),
        "key_image_not_in_study": translate(
            "ErrorText", "The image marked as key image is not in this study."
        ),
    }


def _media() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "not_a_video": translate(
            "ErrorText", "This is not a video clip WardLink can play (MP4, MOV or WebM)."
        ),
        "video_no_pyav": translate(
            "ErrorText",
            "Video clips need a component (PyAV) that is not installed on this PC; please tell IT.",
        ),
        "video_too_large": translate("ErrorText", "Video clips can be at most %maximum MB."),
        "video_size": translate(
            "ErrorText", "The picture size of this video clip is not supported."
        ),
        "video_damaged": translate("ErrorText", "This video clip is damaged."),
        "video_too_long": translate("ErrorText", "This video clip is too long."),
        "voice_no_pyav": translate(
            "ErrorText",
            "Voice messages need a component (PyAV) that is not installed on this PC; please tell IT.",  # noqa: E501
        ),
        "voice_empty": translate("ErrorText", "The recording is empty."),
        "voice_too_long": translate(
            "ErrorText", "Voice messages can be at most %minutes minutes long."
        ),
        "voice_rate": translate(
            "ErrorText",
            "The microphone records at %rate Hz, which WardLink cannot use; choose another microphone.",  # noqa: E501
        ),
        "voice_damaged": translate("ErrorText", "This voice message is damaged."),
    }


def _calls() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
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


def _relay() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "not_connected": translate(
            "ErrorText", "Not connected to the relay; try again when connected."
        ),
        "connection_lost": translate(
            "ErrorText", "The connection to the relay was lost; try again when connected."
        ),
        "relay_timeout": translate("ErrorText", "The relay did not answer in time; try again."),
        "relay_protocol": translate(
            "ErrorText",
            "The relay answered in a way WardLink does not understand; try again, and tell IT if it persists.",  # noqa: E501
        ),
        "relay_unreachable": translate("ErrorText", "The relay at %address cannot be reached."),
        "relay_busy": translate(
            "ErrorText", "The relay at %address cannot serve right now; WardLink tries again."
        ),
        "relays_unreachable": translate(
            "ErrorText", "None of the relays WardLink knows could be reached (%tried)."
        ),
        "relays_no_answer": translate(
            "ErrorText",
            "Relays of your hospital were found on the network, but none accepted a connection in time; WardLink keeps trying.",  # noqa: E501
        ),
        "no_relay_seen": translate(
            "ErrorText",
            "No relay of your hospital answered on the network; WardLink keeps looking.",
        ),
        "no_relay_address": translate(
            "ErrorText",
            "No relay address is known on this PC and looking for one on the network is switched off; ask IT for the relay address.",  # noqa: E501
        ),
        "not_a_relay": translate("ErrorText", "No WardLink relay answers at this address."),
        "relay_cannot_store": translate(
            "ErrorText",
            "The relay cannot store messages right now. Nothing is lost: what you sent stays unsent here and goes out on the next connection; tell IT if it persists.",  # noqa: E501
        ),
        "relay_quota": translate(
            "ErrorText",
            "The relay cannot store this now. It stays unsent and is tried again later (once colleagues have picked up their messages); tell IT if it persists.",  # noqa: E501
        ),
        "relay_refused": translate("ErrorText", "The relay refused this (%code: %message)."),
        "role_taken_too_often": translate(
            "ErrorText",
            "You took over this role %count times in the last %minutes minutes; try again in a few minutes, or ask IT to hand it over.",  # noqa: E501
        ),
        "relay_address_bad": translate(
            "ErrorText", "The relay address %address is not of the form HOST:PORT."
        ),
        "relay_address_missing": translate(
            "ErrorText", "No relay address given: HOST:PORT, or several separated by commas."
        ),
        "relay_addresses_many": translate("ErrorText", "More than %maximum relay addresses given."),
        "connect_other_hospital": translate(
            "ErrorText",
            "The relay at %address does not belong to your hospital; WardLink sent nothing to it and keeps trying. Please tell IT. (%detail)",  # noqa: E501
        ),
        "connect_certificate_time": translate(
            "ErrorText",
            "A certificate of the relay at %address is expired or not yet valid, so WardLink cannot connect. If this PC's date and time are right, please tell IT. (%detail)",  # noqa: E501
        ),
        "connect_not_trusted": translate(
            "ErrorText",
            "WardLink cannot confirm that the relay at %address belongs to your hospital, so it sent nothing to it. Please tell IT. (%detail)",  # noqa: E501
        ),
    }


def _joining() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "not_enrolled": translate(
            "ErrorText",
            "This person has not joined a hospital on this PC yet; use “Join my hospital” with the code from IT.",  # noqa: E501
        ),
        "enrollment_pending": translate(
            "ErrorText",
            "Waiting for IT to confirm this device; try again later with the same code. (Device key: %fingerprint)",  # noqa: E501
        ),
        "wrong_organisation": translate(
            "ErrorText",
            "This enrollment code belongs to another organisation than the one this PC is managed for.",  # noqa: E501
        ),
        "no_relay_found": translate(
            "ErrorText",
            "No relay found on the network. Enter the relay address from your IT department (HOST:PORT).",  # noqa: E501
        ),
        "no_relay_accepted": translate(
            "ErrorText",
            "None of the relays on the network belongs to your hospital or accepted the code (%problems). Ask IT for the relay address.",  # noqa: E501
        ),
        "code_unusable": translate(
            "ErrorText",
            "This enrollment code is not valid. Please check it for typing errors, or ask IT for a new code. (%detail)",  # noqa: E501
        ),
        "relay_other_hospital": translate(
            "ErrorText",
            "The relay at %address does not belong to your hospital (or the code is from another hospital); nothing was sent to it. Please ask IT for the right relay address. (%detail)",  # noqa: E501
        ),
        "relay_certificate_time": translate(
            "ErrorText",
            "A certificate of the relay at %address is expired or not yet valid, so this PC cannot join now. If this PC's date and time are right, please tell IT. (%detail)",  # noqa: E501
        ),
        "relay_not_trusted": translate(
            "ErrorText",
            "WardLink cannot confirm that the relay at %address belongs to your hospital, so this PC was not enrolled. Please tell IT. (%detail)",  # noqa: E501
        ),
        "enroll_other_device": translate(
            "ErrorText",
            "The relay at %address answered with a certificate for another device, so this PC was not enrolled. Please tell IT.",  # noqa: E501
        ),
        "withdrawn_wiped": translate(
            "ErrorText",
            "This device was withdrawn by IT; its WardLink data on this PC has been deleted.",
        ),
        "withdrawn_kept": translate(
            "ErrorText",
            "This device was withdrawn by IT; its WardLink data on this PC was kept.",
        ),
    }


def relay_failure_reasons() -> dict[str, str]:
    """Key -> why one relay address failed, a few words for a list of several tried
    (``relays_unreachable``, ``no_relay_accepted``): each address with its reason."""
    translate = QCoreApplication.translate
    other_hospital = translate("ErrorText", "belongs to another hospital")
    certificate_time = translate("ErrorText", "certificate expired or not yet valid")
    not_trusted = translate("ErrorText", "not confirmed as your hospital's relay")
    return {
        "relay_unreachable": translate("ErrorText", "cannot be reached"),
        "relay_timeout": translate("ErrorText", "did not answer in time"),
        "relay_busy": translate("ErrorText", "cannot serve right now"),
        "relay_protocol": translate("ErrorText", "answered in a way WardLink does not understand"),
        "not_a_relay": translate("ErrorText", "no WardLink relay"),
        "connection_lost": translate("ErrorText", "connection lost"),
        "connect_other_hospital": other_hospital,
        "relay_other_hospital": other_hospital,
        "connect_certificate_time": certificate_time,
        "relay_certificate_time": certificate_time,
        "connect_not_trusted": not_trusted,
        "relay_not_trusted": not_trusted,
    }
