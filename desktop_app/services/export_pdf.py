"""A conversation (or the handover list) as a PDF, every character as it was written.

Before, the PDF was written by hand with the standard Helvetica font, whose encoding
(WinAnsi, cp1252) has no ı, ł, ś, č, Cyrillic or Greek: "Yılmaz" printed as "Y?lmaz", a
patient's or colleague's name changed in a document made for the patient record. Now
fpdf2 (LGPL-3.0, used unmodified like Qt) embeds the subset of DejaVu Sans that the
text needs (resources/fonts, Bitstream Vera licence), so the PDF shows and copies
exactly the stored text. Characters DejaVu Sans has no glyph for (emoji, CJK) print as
the font's empty box and are still in the text layer; right-to-left scripts are not
shaped. Attachments are embedded files (shown in every PDF viewer's attachment pane)
with their SHA-256 printed next to their name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desktop_app.resource_files import resources_dir
from desktop_app.services.export_model import ExportDocument, ExportedMessage

if TYPE_CHECKING:
    from fpdf import FPDF

MARGIN = 50  # points, A4
FONT_SIZE = 10
LEADING = 14
INDENT = 24  # points per level
FONT_FILE = "DejaVuSans.ttf"
FAMILY = "WardLinkSans"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    level: int = 0  # indentation; a wrapped line keeps it


def render_pdf(doc: ExportDocument) -> bytes:
    """The whole PDF file."""
    pdf = _document(f"WardLink: {doc.title}", doc.exported_at)
    _write(pdf, _lines(doc))
    used: set[str] = set()
    for index, message in enumerate(doc.messages):
        for att in message.attachments:
            if not att.data:
                continue
            name = _unique(f"{index + 1:04d} {att.file_name}", used)
            pdf.embed_file(
                bytes=att.data,
                basename=name,
                mime_type=att.mime_type or None,
                desc=f"SHA-256 {att.sha256}",
                compress=True,
            )
    return bytes(pdf.output())


def text_pdf(title: str, lines: list[str], at: datetime) -> bytes:
    """A plain text document (the handover list): the title, then the lines, wrapped;
    a line's leading spaces indent it (two per level)."""
    pdf = _document(title, at)
    body = [Line(title), Line("")]
    for line in lines:
        stripped = line.lstrip(" ")
        body.append(Line(stripped, (len(line) - len(stripped)) // 2))
    _write(pdf, body)
    return bytes(pdf.output())


def _document(title: str, at: datetime) -> FPDF:
    # fpdf2 brings Pillow and numpy: loaded when a PDF is written, not with every
    # `wardlink` command (a relay host needs neither; tests/test_architecture.py).
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.add_font(FAMILY, fname=str(resources_dir() / "fonts" / FONT_FILE))
    pdf.set_font(FAMILY, size=FONT_SIZE)
    pdf.set_title(title)
    pdf.set_producer("WardLink")
    pdf.set_creator("WardLink")
    pdf.set_creation_date(at)
    pdf.add_page()
    return pdf


def _write(pdf: FPDF, lines: list[Line]) -> None:
    # fpdf2 warns once per document about glyphs the font lacks; the box it prints and
    # the text layer are what the reader gets, so the warning is noise in the app's log.
    fonts_log = logging.getLogger("fpdf.output")
    level = fonts_log.level
    fonts_log.setLevel(logging.ERROR)
    try:
        for line in lines:
            left = MARGIN + INDENT * line.level
            pdf.set_x(left)
            pdf.multi_cell(
                w=pdf.w - MARGIN - left,
                h=LEADING,
                text=line.text,
                new_x="LMARGIN",
                new_y="NEXT",
            )
    finally:
        fonts_log.setLevel(level)


def _lines(doc: ExportDocument) -> list[Line]:
    out = [
        Line(f"WardLink conversation export: {doc.title}"),
        Line(f"Conversation {doc.conversation_id}; members: {', '.join(doc.members)}"),
        Line(
            f"Exported {_when(doc.exported_at)} by {doc.exported_by} on device {doc.exported_from}"
        ),
        Line(f"{len(doc.messages)} message(s). Attachments are embedded files of this PDF."),
        Line(""),
    ]
    for message in doc.messages:
        out.extend(_message_lines(message))
    return out


def _message_lines(message: ExportedMessage) -> list[Line]:
    urgent = " [URGENT]" if message.urgent else ""
    head = f"{_when(message.sent_at)}  {message.sender_uid}{urgent}  (message {message.message_id})"
    out = [Line(head)]
    out.extend(Line(paragraph, 1) for paragraph in message.text.splitlines() or [""])
    for att in message.attachments:
        where = "embedded" if att.data else "not embedded (too large or not stored)"
        out.append(Line(f"Attachment: {att.file_name} ({att.mime_type}, {att.size} B), {where}", 1))
        out.append(Line(f"SHA-256 {att.sha256}", 2))
    out.append(Line(""))
    return out


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name} ({n})"
    used.add(candidate)
    return candidate


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
