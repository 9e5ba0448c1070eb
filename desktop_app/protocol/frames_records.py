"""Record frames: the client tells the relay's audit that something left the app.

An export to the patient record (PDF or FHIR) is audited twice: in the person's
container with what and where to, and on the relay with only that it happened (who,
which device, which format, how many messages), never content or ids of messages.
"""

from __future__ import annotations

import enum

from desktop_app.protocol.fields import Count, ReqId
from desktop_app.protocol.frame_base import FrameBase


class ExportKind(enum.StrEnum):
    """The format of an export (closed set: an unknown kind is malformed)."""

    PDF = "pdf"
    FHIR = "fhir"


class ReportExport(FrameBase, frozen=True):
    """C->R: this device exported ``messages`` messages as ``kind`` (for the relay audit)."""

    req_id: ReqId
    kind: ExportKind
    messages: Count


class ExportRecorded(FrameBase, frozen=True):
    """R->C: the export is in the relay's audit log."""

    req_id: ReqId
