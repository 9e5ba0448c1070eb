"""The text form of a person report (person_report.py): for IT and the person to read.

English, as every IT tool of WardLink. Rendered from the JSON document, so both forms
always say the same. Names a client chose (device names) and directory texts are made
visible one cell each, so a hostile device name cannot rewrite the report on a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop_app.commands.terminal_text import one_cell

Doc = dict[str, Any]

NOT_HERE = (
    "Not held by the relay, so not in this report:",
    "- message and file contents: the relay stores only ciphertext it cannot decrypt;",
    "  they are in the person's own encrypted containers on the ward PCs (they can view and",
    "  export them there, 'wardlink client export'), and in the containers of the people",
    "  they wrote to (those people's data, not theirs);",
    "- who sent what waits for their devices (counted above, never attributed);",
    "- delivered messages: after delivery only an HMAC of the envelope id is kept, which",
    "  names no sender or device and cannot be linked to them;",
    "- earlier contents of their directory entry: the relay keeps the current entry and the",
    "  version headers only; the directory's source (LDAP / CSV) is the record of changes.",
)


def render(doc: Doc) -> str:
    """The whole report as lines of text (ends with a newline)."""
    lines = [
        f"WardLink: what the relay holds about {_s(doc['uid'])}",
        f"Organisation {_s(doc['organisation'])}, relay {doc['relay_id']}, "
        f"made {doc['made_at']} (UTC)",
        "",
    ]
    for section in (_directory, _roles, _devices, _codes, _mail, _exports, _audit):
        lines += section(doc)
        lines.append("")
    lines += NOT_HERE
    return "\n".join(lines) + "\n"


def _s(value: object) -> str:
    return one_cell(str(value))


def _when(value: object) -> str:
    return "-" if value is None else str(value)


def _directory(doc: Doc) -> list[str]:
    d = doc["directory"]
    kept = d["versions_kept"]
    out = [f"Directory entry: {d['status']}"]
    if d["entry"]:
        out += [f"  {k}: {_s(v)}" for k, v in d["entry"].items() if v and k != "kind"]
    out.append(
        f"  directory versions kept: {kept['oldest'] or '-'} to {kept['newest'] or '-'}; "
        "those concerning this person:"
    )
    return out + _listed(
        f"  version {v['version']} of {_when(v['date'])}: {', '.join(v['why'])}"
        + (f" ({_s(v['source'])})" if v["source"] else "")
        for v in d["versions"]
    )


def _roles(doc: Doc) -> list[str]:
    r = doc["functional_accounts"]
    out = ["Functional accounts held now: " + (
        ", ".join(f"{_s(h['cn'])} ({h['uid']})" for h in r["holds_now"]) or "none"
    )]  # fmt: skip
    out.append("Hand-overs naming this person:")
    out += _listed(
        f"  {h['at']} {h['role']} holders {', '.join(h['holders']) or '-'} "
        f"(set by {h['set_by']}, version {h['version']})"
        for h in r["handovers"]
    )
    out.append("Take-over requests made or answered by this person:")
    return out + _listed(
        f"  {q['made']} #{q['request']} {q['role']} by {q['requester']}: {q['status']}"
        + (f" ({q['answered_by']}, {q['answered']})" if q["answered"] else "")
        for q in r["takeover_requests"]
    )


def _devices(doc: Doc) -> list[str]:
    out = [f"Devices: {len(doc['devices'])}"]
    for d in doc["devices"]:
        out += [
            f'  {d["device_id"]} "{_s(d["device_name"])}": enrolled {d["enrolled"]}, '
            f"last seen {_when(d['last_seen'])}, revoked {_when(d['revoked'])}",
            f"    certificate serial {d['certificate_serial']}, expires "
            f"{d['certificate_expires']}; published keys: "
            f"{d['published_keys']['one_time_keys']} one-time"
            + (", a fallback key" if d["published_keys"]["fallback_key"] else ""),
            f"    waiting for it: {_queue(d['waiting_envelopes'], 'envelope')}; "
            f"{_queue(d['waiting_blobs'], 'file')}",
        ]
        out += [
            f"    uploaded file: {b['size']} bytes ({b['received']} received"
            f"{', complete' if b['complete'] else ''}) {b['uploaded']}, expires "
            f"{b['expires']}, {b['readers']} reader device(s)"
            for b in d["blobs_uploaded"]
        ]
    for r in doc["device_requests"]:
        out.append(
            f'  waiting for IT ({r["kind"]}): {r["device_id"]} "{_s(r["device_name"])}" '
            f"since {r['requested']}" + (", signed" if r["signed"] else "")
        )
    return out


def _codes(doc: Doc) -> list[str]:
    out = [f"Enrollment codes issued: {len(doc['enrollment_codes'])} (secrets never kept)"]
    out += [
        f"  issued {c['issued']}, expires {c['expires']}: {c['state']}"
        + (f" {c['used']} by {c['used_by_device']}" if c["used"] else "")
        for c in doc["enrollment_codes"]
    ]
    return out


def _mail(doc: Doc) -> list[str]:
    return [
        f"Sent by this person, not yet picked up by all: {_queue(doc['sent_waiting'], 'envelope')}"
    ]


def _exports(doc: Doc) -> list[str]:
    out = [f"Exports reported (for the patient record): {len(doc['exports'])}"]
    out += [
        f"  {e['at']} {e['kind']}, {e['messages']} message(s), device {e['device_id']}"
        for e in doc["exports"]
    ]
    return out


def _audit(doc: Doc) -> list[str]:
    out = [f"Audit log entries naming this person or their devices: {len(doc['audit'])}"]
    for e in doc["audit"]:
        rest = ", ".join(f"{k}={_s(v)}" for k, v in sorted(e.items()) if k not in ("ts", "event"))
        out.append(f"  {e.get('ts')} {e.get('event')}: {rest}")
    return out


def _listed(lines: Iterable[str]) -> list[str]:
    return list(lines) or ["  none"]


def _queue(q: Doc, what: str) -> str:
    if not q["count"]:
        return f"no {what}s"
    return f"{q['count']} {what}(s), {q['bytes']} bytes, oldest {q['oldest']}"
