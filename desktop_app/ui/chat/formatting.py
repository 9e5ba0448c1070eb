"""Words and numbers the chat shows: file sizes, times, day separators, attachment kinds.

Times are stored in UTC; the ward PC shows them in its local time zone. Day labels say
"Today" and "Yesterday" like every messenger, the weekday within the last week, and the
date (in the PC's locale) beyond that.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from desktop_app.domain.model import Attachment
from desktop_app.medical.study_package import MIME_TYPE as STUDY_MIME
from desktop_app.services.video import is_video
from desktop_app.ui import dates

DICOM_MAGIC_OFFSET = 128
DICOM_MAGIC = b"DICM"
VIDEO_TYPES = frozenset({"video/mp4", "video/webm", "video/quicktime"})
PLAIN_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp"})

# lupdate finds only literal arguments, so every translate() call below spells out its
# context "ChatFormatting" and its English source text.


class AttachmentKind(enum.StrEnum):
    DICOM = "dicom"  # an X-ray, CT slice, ECG waveform … (decided by content when opened)
    IMAGE = "image"  # PNG, JPEG … shown in a plain image window
    PDF = "pdf"
    VOICE = "voice"  # Ogg Opus recorded in the app: played in the bubble
    VIDEO = "video"  # MP4/MOV/WebM: poster in the card, played in a video window
    OTHER = "other"


def attachment_kind(attachment: Attachment) -> AttachmentKind:
    """What the card promises from name and type; opening checks the bytes again."""
    mime = attachment.mime_type.lower()
    name = attachment.file_name.lower()
    if name.endswith(".opus"):  # services/voice.py VOICE_SUFFIX
        return AttachmentKind.VOICE
    if is_video(name) or mime in VIDEO_TYPES:
        return AttachmentKind.VIDEO
    if mime == "application/dicom" or name.endswith((".dcm", ".dicom")):
        return AttachmentKind.DICOM
    if mime in PLAIN_IMAGE_TYPES:
        return AttachmentKind.IMAGE
    if mime == "application/pdf" or name.endswith(".pdf"):
        return AttachmentKind.PDF
    return AttachmentKind.OTHER


def looks_like_dicom(data: bytes) -> bool:
    return data[DICOM_MAGIC_OFFSET : DICOM_MAGIC_OFFSET + 4] == DICOM_MAGIC


def human_size(size: int, locale: QLocale | None = None) -> str:
    """1536 -> "1.5 KB" (decimal separator of the locale); below 1 KB in bytes ("512 B")."""
    loc = locale or QLocale()
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            digits = 0 if value >= 100 else 1
            return f"{loc.toString(value, 'f', digits)} {unit}"
    raise AssertionError("unreachable")


def type_label(attachment: Attachment) -> str:
    kind = attachment_kind(attachment)
    if kind is AttachmentKind.DICOM or attachment.mime_type == STUDY_MIME:
        return "DICOM"
    if kind is AttachmentKind.PDF:
        return "PDF"
    suffix = attachment.file_name.rsplit(".", 1)[-1] if "." in attachment.file_name else ""
    if 0 < len(suffix) <= 5:
        return suffix.upper()
    return QCoreApplication.translate("ChatFormatting", "File")


def local_time(moment: datetime) -> datetime:
    return moment.astimezone()


def clock_text(moment: datetime) -> str:
    """14:02, in the UI language's form (ui/dates.py)."""
    return dates.clock(moment)


def day_label(day: date, today: date, locale: QLocale | None = None) -> str:
    """Today / Yesterday / Monday / 3. November 2026 (in the PC's locale)."""
    delta = (today - day).days
    if delta == 0:
        return QCoreApplication.translate("ChatFormatting", "Today")
    if delta == 1:
        return QCoreApplication.translate("ChatFormatting", "Yesterday")
    loc = locale or QLocale()
    qdate = QDate(day.year, day.month, day.day)
    if 1 < delta < 7:
        return loc.dayName(qdate.dayOfWeek(), QLocale.FormatType.LongFormat)
    return loc.toString(qdate, QLocale.FormatType.LongFormat)
