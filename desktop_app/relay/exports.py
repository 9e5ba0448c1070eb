"""The relay's half of an audited export (``ReportExport``, docs/privacy.md, Exports).

A client that exported messages to a PDF or a FHIR Bundle for the patient record says
so; the relay writes ``export_recorded`` with who (uid, device), the format and how
many messages, so the DPO can see in one place that exports happen and by whom. What
was exported stays in the person's container (its local export log), never here.
"""

from __future__ import annotations

from desktop_app.protocol import ExportRecorded, ReportExport
from desktop_app.relay.audit import AuditLog
from desktop_app.relay.store import DeviceRecord


def record_export(
    audit: AuditLog, device: DeviceRecord, frame: ReportExport, peer: str
) -> ExportRecorded:
    """Audit the export (no content, no message ids) and acknowledge it."""
    audit.record(
        "export_recorded",
        uid=device.uid,
        device_id=device.device_id,
        kind=frame.kind.value,
        count=frame.messages,
        peer=peer,
    )
    return ExportRecorded(frame.req_id)
