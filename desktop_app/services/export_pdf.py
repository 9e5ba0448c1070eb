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
import re
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
# What ends a line for fpdf2 or a reader (str.splitlines' set) and the other controls.
LINE_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Where the rest of a wrapped line at the margin goes: deeper than a message's text, so
# only a head's (or a title's) first line is ever at the margin.
HANGING = 2


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    level: int = 0  # indentation; a wrapped line keeps it (at 0: goes on at HANGING)


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
    body = [Line(one_line(title)), Line("")]
    for line in lines:
        stripped = line.lstrip(" ")
        body.append(Line(one_line(stripped), (len(line) - len(stripped)) // 2))
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
            if line.level > 0:
                _cell(pdf, line.text, line.level)
                continue
            # A line at the margin (a message's head) wraps onto HANGING: a colleague's
            # id padded with spaces must not wrap a head of their making to the margin.
            first, *rest = _cell(pdf, line.text, 0, dry_run=True) or [""]
            _cell(pdf, first, 0)
            if rest:
                _cell(pdf, " ".join(rest), HANGING)
    finally:
        fonts_log.setLevel(level)


def _cell(pdf: FPDF, text: str, level: int, *, dry_run: bool = False) -> list[str]:
    """Write ``text`` wrapped at ``level`` (or, dry, only return its wrapped lines)."""
    from fpdf.enums import MethodReturnValue

    left = MARGIN + INDENT * level
    pdf.set_x(left)
    wrapped = pdf.multi_cell(
        w=pdf.w - MARGIN - left,
        h=LEADING,
        text=text,
        new_x="LMARGIN",
        new_y="NEXT",
        dry_run=dry_run,
        output=MethodReturnValue.LINES,
    )
    assert isinstance(wrapped, list)  # output=LINES: the wrapped lines
    return [str(piece) for piece in wrapped]


def one_line(text: str) -> str:
    """``text`` as ONE line of the PDF: its line breaks and other controls written as
    escapes (``\\u000a``). A message id, a name, a file's type are a colleague's choice;
    written as they came, a line break in one started a line of the sender's making at
    the margin, such as another message's head naming another sender."""
    return LINE_BREAKING.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _lines(doc: ExportDocument) -> list[Line]:
    members = one_line(", ".join(doc.members))
    by = f"{one_line(doc.exported_by)} on device {one_line(doc.exported_from)}"
    out = [
        Line(f"WardLink conversation export: {one_line(doc.title)}"),
        Line(f"Conversation {one_line(doc.conversation_id)}; members: {members}"),
        Line(f"Exported {_when(doc.exported_at)} by {by}"),
        Line(f"{len(doc.messages)} message(s). Attachments are embedded files of this PDF."),
        Line(""),
    ]
    for message in doc.messages:
        out.extend(_message_lines(message))
    return out


def _message_lines(message: ExportedMessage) -> list[Line]:
    urgent = " [URGENT]" if message.urgent else ""
    sender, message_id = one_line(message.sender_uid), one_line(message.message_id)
    out = [Line(f"{_when(message.sent_at)}  {sender}{urgent}  (message {message_id})")]
    out.extend(Line(paragraph, 1) for paragraph in message.text.splitlines() or [""])
    for att in message.attachments:
        where = "embedded" if att.data else "not embedded (too large or not stored)"
        kind = f"{one_line(att.file_name)} ({one_line(att.mime_type)}, {att.size} B)"
        out.append(Line(f"Attachment: {kind}, {where}", 1))
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
