"""Export for the patient record (issue 17): PDF and FHIR R4 through a real relay.

The headless client exports a conversation with a text and an attachment; the PDF is
checked with a small reader (cross-reference table, text strings, embedded files) and
the FHIR Bundle structurally against R4 (fhir.resources is not a dependency). The relay
audit must show ``export_recorded`` without any content; the container's export log
records who, what and where to; the policy refuses an export with nothing written.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop_app import cli
from desktop_app.commands import attachment_client_cmd
from desktop_app.relay.data_dir import AUDIT_FILE
from desktop_app.services.policy import Policy
from desktop_app.storage.container import Container
from tests.conftest import PASSPHRASE

TEXT = "Kalium 6,1 mmol/l – bitte Kontrolle. Übergabe an Dr. Müller (Station 3)."
SECOND = "Kontrolle erledigt: 4,9."
SCAN = b"%PDF-1.4 EKG-Befund " * 200
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


def pdf_texts(data: bytes) -> list[str]:
    """The text lines of a PDF, as a PDF reader extracts them (pypdf)."""
    reader = PdfReader(io.BytesIO(data))
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def pdf_embedded_files(data: bytes) -> list[bytes]:
    reader = PdfReader(io.BytesIO(data))
    return [body for _name, bodies in sorted(reader.attachments.items()) for body in bodies]


def check_fhir_bundle(bundle: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """R4 structure: Communications and Binaries with ids, fullUrls and resolvable urls."""
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert FHIR_ID.fullmatch(bundle["id"])
    by_url: dict[str, dict[str, Any]] = {}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        assert FHIR_ID.fullmatch(resource["id"])
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
        by_url[entry["fullUrl"]] = resource
    comms = [r for r in by_url.values() if r["resourceType"] == "Communication"]
    binaries = {u: r for u, r in by_url.items() if r["resourceType"] == "Binary"}
    assert len(comms) + len(binaries) == len(by_url)
    for comm in comms:
        assert comm["status"] == "completed" and comm["priority"] in ("routine", "urgent")
        assert comm["sender"]["identifier"]["value"] and comm["payload"]
        for part in comm["payload"]:
            (kind,) = part  # payload.content[x]: exactly one
            assert kind in ("contentString", "contentAttachment")
            if kind == "contentAttachment" and "url" in part[kind]:
                assert part[kind]["url"] in binaries
    return comms, binaries


@pytest.fixture
def policy(monkeypatch: pytest.MonkeyPatch) -> list[Policy]:
    current = [Policy()]
    monkeypatch.setattr(attachment_client_cmd, "load_policy", lambda: current[0])
    monkeypatch.setenv("WARDLINK_PASSPHRASE", PASSPHRASE)
    return current


def test_export_pdf_and_fhir_through_the_relay(
    make_ward: Any,
    tmp_path: Path,
    policy: list[Policy],
    capsys: pytest.CaptureFixture[str],
) -> None:
    scan = tmp_path / "ekg.pdf"
    scan.write_bytes(SCAN)
    out = tmp_path / "out"
    out.mkdir()

    async def scenario() -> tuple[Path, str, list[str]]:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_file("mueller.jonas", scan, TEXT)
            await anna.messenger.send_text("mueller.jonas", SECOND)
            got = await jonas.messenger.sync()
            assert [m.body for m in got] == [TEXT, SECOND]
            cid = got[0].conversation_id
            await jonas.session.close()
            jonas.container.close()

            def client(*args: str) -> int:
                return cli.main(
                    ["client", "--profile", str(jonas.profile), "--relay",
                     f"127.0.0.1:{w.relay.port}", "export", cid, *args]
                )  # fmt: skip

            codes = [
                await asyncio.to_thread(client, "--format", "pdf", "--out", str(out / "c.pdf")),
                await asyncio.to_thread(client, "--format", "fhir", "--out", str(out / "c.json")),
                await asyncio.to_thread(
                    client, "--format", "fhir", "--out", str(out / "m.json"),
                    "--message", got[1].message_id,
                ),
            ]  # fmt: skip
            assert codes == [0, 0, 0], capsys.readouterr().err
            policy[0] = Policy(export_allowed=False)
            refused = await asyncio.to_thread(
                client, "--format", "pdf", "--out", str(out / "no.pdf")
            )
            assert refused == 1 and not (out / "no.pdf").exists()
            assert "switched off by your IT department" in capsys.readouterr().err
            return jonas.profile, cid, [m.message_id for m in got]

    profile, cid, message_ids = asyncio.run(scenario())
    digest = hashlib.sha256(SCAN).hexdigest()

    # PDF: the texts, senders, the attachment's hash, and the attachment itself.
    pdf = (out / "c.pdf").read_bytes()
    lines = pdf_texts(pdf)
    joined = "\n".join(lines)
    assert TEXT[:60] in joined and SECOND in joined and "weber.anna" in joined
    assert any(digest in line for line in lines) and "ekg.pdf" in joined
    assert pdf_embedded_files(pdf) == [SCAN]

    # FHIR: two Communications, the attachment as Binary with both hashes.
    comms, binaries = check_fhir_bundle(json.loads((out / "c.json").read_text("utf-8")))
    assert [c["identifier"][0]["value"] for c in comms] == message_ids
    assert comms[0]["payload"][0] == {"contentString": TEXT}
    attachment = comms[0]["payload"][1]["contentAttachment"]
    assert attachment["extension"][0]["valueString"] == digest
    assert attachment["hash"] == base64.b64encode(hashlib.sha1(SCAN).digest()).decode()
    assert base64.b64decode(binaries[attachment["url"]]["data"]) == SCAN
    single, _ = check_fhir_bundle(json.loads((out / "m.json").read_text("utf-8")))
    assert [c["payload"] for c in single] == [[{"contentString": SECOND}]]

    # Relay audit: that the exports happened, by whom, how many; no content, no ids.
    audit_text = (tmp_path / "relay" / AUDIT_FILE).read_text("utf-8")
    events = [
        e for e in map(json.loads, audit_text.splitlines()) if e["event"] == "export_recorded"
    ]
    assert [(e["uid"], e["kind"], e["count"]) for e in events] == [
        ("mueller.jonas", "pdf", 2),
        ("mueller.jonas", "fhir", 2),
        ("mueller.jonas", "fhir", 1),
    ]
    for secret in ("Kalium", "Kontrolle", "ekg.pdf", digest, cid, *message_ids):
        assert secret not in audit_text

    # Local export log: who, what, when, where to; the refused export is not in it.
    with Container.open(profile, PASSPHRASE) as container:
        log = container.exports.all()
    assert [(r.kind, r.message_id, r.messages) for r in log] == [
        ("pdf", None, 2),
        ("fhir", None, 2),
        ("fhir", message_ids[1], 1),
    ]
    assert all(r.uid == "mueller.jonas" and r.conversation_id == cid for r in log)
    assert [Path(r.destination).name for r in log] == ["c.pdf", "c.json", "m.json"]


NAMES = "Dr. Yılmaz, Łukasz Wójcik, Ганна Шевченко, Σοφία, Dvořák – 10:38\u202fAM"


def test_the_pdf_keeps_every_character_of_names_and_text(tmp_path: Path) -> None:
    """Helvetica's cp1252 printed 'Y?lmaz' and '?ukasz' in a document made for the
    patient record; the PDF now embeds a font that has them, and its text layer says
    exactly what was stored (files embedded with their names, several of one name)."""
    from datetime import UTC, datetime

    from desktop_app.services.export_model import (
        ExportDocument,
        ExportedAttachment,
        ExportedMessage,
    )
    from desktop_app.services.export_pdf import render_pdf, text_pdf

    at = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    files = tuple(
        ExportedAttachment(f"a{n}", "befund.pdf", "application/pdf", 3, "ab" * 32, body)
        for n, body in enumerate((b"one", b"two"))
    )
    message = ExportedMessage("m1", "yilmaz.ben", "d1", at, NAMES, False, files)
    doc = ExportDocument("c1", "Station 3B – Übergabe", ("yilmaz.ben",), "u", "d", at, (message,))
    data = render_pdf(doc)
    joined = "\n".join(pdf_texts(data))
    for name in NAMES.split(", "):
        assert name in joined, name
    assert "?" not in joined.replace("(message", "")
    assert pdf_embedded_files(data) == [b"one", b"two"]
    handover = text_pdf("Übergabe Station 3B", ["Dr. Yılmaz", "    [ ] Łukasz: Labor"], at)
    lines = pdf_texts(handover)
    assert lines[:1] == ["Übergabe Station 3B"] and "Dr. Yılmaz" in lines
    assert "[ ] Łukasz: Labor" in lines
