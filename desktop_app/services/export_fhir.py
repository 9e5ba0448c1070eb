"""A conversation as a FHIR R4 Bundle for the hospital information system.

Hand-built JSON (no FHIR library is a dependency; fhir.resources would bring pydantic
for a handful of fields): a ``collection`` Bundle whose entries are one
``Communication`` per message (sender, recipients, time, priority, the text as
``payload.contentString``) and one ``Binary`` per embedded attachment, referenced from
the message's ``payload.contentAttachment.url``. ``Attachment.hash`` is the base64
SHA-1 the R4 specification asks for; the SHA-256 the app verifies is given too, in an
extension. Resource ids are UUIDs derived from the WardLink ids, so exporting the same
message twice yields the same resources and the HIS can de-duplicate.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from datetime import datetime
from typing import Any

from desktop_app.services.export_model import (
    ExportDocument,
    ExportedAttachment,
    ExportedMessage,
)

ID_SYSTEM = "urn:wardlink:uid"  # identifier system of people (the directory's uid)
MESSAGE_SYSTEM = "urn:wardlink:message"
CONVERSATION_SYSTEM = "urn:wardlink:conversation"
SHA256_EXTENSION = "https://wardlink.invalid/fhir/StructureDefinition/attachment-sha256"
_NAMESPACE = uuid.UUID("8a1f5b2e-4c7d-5e9f-a0b1-c2d3e4f5a6b7")

Json = dict[str, Any]


def render_fhir(doc: ExportDocument) -> bytes:
    """The Bundle as UTF-8 JSON."""
    entries: list[Json] = []
    for message in doc.messages:
        binaries = [_binary(a) for a in message.attachments if a.data is not None]
        entries.append(_entry(_communication(doc, message)))
        entries.extend(_entry(b) for b in binaries)
    bundle: Json = {
        "resourceType": "Bundle",
        "id": _uuid("bundle", doc.conversation_id, _iso(doc.exported_at)),
        "identifier": {"system": CONVERSATION_SYSTEM, "value": doc.conversation_id},
        "type": "collection",
        "timestamp": _iso(doc.exported_at),
        "entry": entries,
    }
    return json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")


def _entry(resource: Json) -> Json:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def _communication(doc: ExportDocument, message: ExportedMessage) -> Json:
    payload: list[Json] = []
    if message.text:
        payload.append({"contentString": message.text})
    payload.extend({"contentAttachment": _attachment(a)} for a in message.attachments)
    if not payload:  # R4: payload is optional, but an empty one says "nothing was sent"
        payload.append({"contentString": ""})
    return {
        "resourceType": "Communication",
        "id": _uuid("message", message.message_id),
        "identifier": [{"system": MESSAGE_SYSTEM, "value": message.message_id}],
        "status": "completed",
        "priority": "urgent" if message.urgent else "routine",
        "topic": {"text": doc.title},
        "sent": _iso(message.sent_at),
        "sender": _person(message.sender_uid),
        "recipient": [_person(uid) for uid in doc.members if uid != message.sender_uid],
        "payload": payload,
    }


def _attachment(att: ExportedAttachment) -> Json:
    out: Json = {
        "contentType": att.mime_type,
        "title": att.file_name,
        "size": att.size,
        "extension": [{"url": SHA256_EXTENSION, "valueString": att.sha256}],
    }
    if att.data is not None:
        out["url"] = f"urn:uuid:{_uuid('attachment', att.attachment_id)}"
        out["hash"] = base64.b64encode(hashlib.sha1(att.data).digest()).decode("ascii")  # noqa: S324 - FHIR R4 Attachment.hash is SHA-1 by definition
    return out


def _binary(att: ExportedAttachment) -> Json:
    assert att.data is not None
    return {
        "resourceType": "Binary",
        "id": _uuid("attachment", att.attachment_id),
        "contentType": att.mime_type,
        "data": base64.b64encode(att.data).decode("ascii"),
    }


def _person(uid: str) -> Json:
    return {"identifier": {"system": ID_SYSTEM, "value": uid}, "display": uid}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")
