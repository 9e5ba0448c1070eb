"""The relay's half of an audited export (``ReportExport``, docs/privacy.md, Exports).

A client that exported messages to a PDF or a FHIR Bundle for the patient record says
so; the relay writes ``export_recorded`` with who (uid, device), the format and how
many messages, so the DPO can see in one place that exports happen and by whom. What
was exported stays in the person's container (its local export log), never here.

A person exports by hand, a few a minute at most; a modified client could report
thousands a second, each one an audit line kept for the retention (the relay's disk).
So a device has ``EXPORT_REPORTS_PER_WINDOW`` reports per ``EXPORT_WINDOW_S``; beyond
that it hears ``rate_limited`` (the export does not happen: the client exports only
after the relay recorded it) and the relay logs one line per device and window.
"""

from __future__ import annotations

import logging
from collections import Counter

from desktop_app.protocol import Error, ErrorCode, ExportRecorded, ReportExport
from desktop_app.relay.audit import AuditLog
from desktop_app.relay.store import DeviceRecord

log = logging.getLogger("wardlink.relay")

EXPORT_REPORTS_PER_WINDOW = 30
"""Exports one device may report per window (an honest person clicks far fewer)."""
EXPORT_WINDOW_S = 60


class ExportLimiter:
    """Export reports per device in the current fixed window (this node, in memory:
    counts are dropped whole when the window ends, so they stay bounded)."""

    def __init__(self) -> None:
        self._window = -1
        self._counts: Counter[str] = Counter()

    def allow(self, device_id: str, now_ms: int) -> bool:
        window = now_ms // (EXPORT_WINDOW_S * 1000)
        if window != self._window:
            self._window, self._counts = window, Counter()
        self._counts[device_id] += 1
        return self._counts[device_id] <= EXPORT_REPORTS_PER_WINDOW

    def first_refusal(self, device_id: str) -> bool:
        return self._counts[device_id] == EXPORT_REPORTS_PER_WINDOW + 1


def record_export(
    audit: AuditLog,
    device: DeviceRecord,
    frame: ReportExport,
    peer: str,
    limiter: ExportLimiter,
    now_ms: int,
) -> ExportRecorded | Error:
    """Audit the export (no content, no message ids) and acknowledge it."""
    if not limiter.allow(device.device_id, now_ms):
        if limiter.first_refusal(device.device_id):
            log.warning(
                "device %s reports more than %d exports a minute; refusing the rest",
                device.device_id,
                EXPORT_REPORTS_PER_WINDOW,
            )
        return Error(
            frame.req_id,
            ErrorCode.RATE_LIMITED,
            f"more than {EXPORT_REPORTS_PER_WINDOW} exports in a minute from this device; "
            "try again in a minute",
            False,
        )
    audit.record(
        "export_recorded",
        uid=device.uid,
        device_id=device.device_id,
        kind=frame.kind.value,
        count=frame.messages,
        peer=peer,
    )
    return ExportRecorded(frame.req_id)
