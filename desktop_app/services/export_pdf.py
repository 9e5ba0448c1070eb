"""A conversation as a PDF for the patient record, written without any PDF library.

Why hand-written: the pure layers have no Qt, and no permissively licensed PDF library
is a dependency (fpdf2 is LGPL, reportlab would be a new large dependency); the export
needs only lines of text and embedded files, which PDF 1.7 expresses in a few objects.
Text uses the standard Helvetica font with WinAnsiEncoding (German umlauts and ß
print); a character outside cp1252 prints as its nearest cp1252 form where there is one
(the narrow space Qt puts before "AM", Turkish ı and ş in colleagues' names, ≥), else as
``?``; content streams are uncompressed so
an auditor can read them; attachments are embedded files (``/EmbeddedFiles``, shown
in every PDF viewer's attachment pane) with their SHA-256 printed next to their name.
"""

from __future__ import annotations

import textwrap
import unicodedata
import zlib
from datetime import datetime

from desktop_app.services.export_model import ExportDocument, ExportedMessage

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 50
FONT_SIZE = 10
LEADING = 14
WRAP_CHARS = 92  # Helvetica 10 pt: about this many average characters per A4 line
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
# Outside cp1252 and not made printable by dropping an accent (NFKD): the spaces of
# Unicode's typography (Qt writes U+202F before "AM"/"PM"), letters without a
# decomposition, and signs a ward writes in findings.
_NEAREST = str.maketrans(
    {
        **dict.fromkeys(
            "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f", " "
        ),
        "\u0131": "i",  # dotless i (Yılmaz)
        "\u0130": "I",
        "\u0142": "l",
        "\u0141": "L",
        "\u0111": "d",
        "\u0110": "D",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u2192": "->",
        "\u2190": "<-",
    }
)


def render_pdf(doc: ExportDocument) -> bytes:
    """The whole PDF file."""
    lines = _lines(doc)
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    writer = _Writer()
    catalog, pages_ref, font = writer.reserve(), writer.reserve(), writer.reserve()
    writer.put(
        font, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    kids: list[int] = []
    for page_lines in pages or [[]]:
        content = writer.add_stream(_content(page_lines))
        page = writer.add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>"
            % (pages_ref, PAGE_WIDTH, PAGE_HEIGHT, content, font)
        )
        kids.append(page)
    writer.put(
        pages_ref,
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)),
    )
    names: list[bytes] = []
    for index, message in enumerate(doc.messages):
        for att in message.attachments:
            if att.data is None:
                continue
            stream = writer.add_stream(
                zlib.compress(att.data),
                b"/Type /EmbeddedFile /Filter /FlateDecode /Params << /Size %d >>" % len(att.data),
            )
            spec = writer.add(
                b"<< /Type /Filespec /F %s /UF %s /Desc %s /EF << /F %d 0 R >> >>"
                % (
                    _string(att.file_name),
                    _string(att.file_name),
                    _string(f"SHA-256 {att.sha256}"),
                    stream,
                )
            )
            names.append(_string(f"{index + 1:04d} {att.attachment_id}") + b" %d 0 R" % spec)
    embedded = b" /Names << /EmbeddedFiles << /Names [%s] >> >>" % b" ".join(names)
    writer.put(
        catalog,
        b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_ref, embedded if names else b""),
    )
    info = writer.add(
        b"<< /Title %s /Producer (WardLink) /CreationDate %s >>"
        % (_string(f"WardLink: {doc.title}"), _string(_pdf_date(doc.exported_at)))
    )
    return writer.finish(catalog, info)


def text_pdf(title: str, lines: list[str], at: datetime) -> bytes:
    """A plain text document (the handover list): the title, then the lines, wrapped."""
    wrapped = [title, ""]
    for line in lines:
        indent = line[: len(line) - len(line.lstrip())]
        parts = textwrap.wrap(line, WRAP_CHARS, subsequent_indent=indent + "  ")
        wrapped.extend(parts or [""])
    pages = [wrapped[i : i + LINES_PER_PAGE] for i in range(0, len(wrapped), LINES_PER_PAGE)]
    writer = _Writer()
    catalog, pages_ref, font = writer.reserve(), writer.reserve(), writer.reserve()
    writer.put(
        font, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for page_lines in pages:
        content = writer.add_stream(_content(page_lines))
        kids.append(
            writer.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>"
                % (pages_ref, PAGE_WIDTH, PAGE_HEIGHT, content, font)
            )
        )
    writer.put(
        pages_ref,
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)),
    )
    writer.put(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref)
    info = writer.add(
        b"<< /Title %s /Producer (WardLink) /CreationDate %s >>"
        % (_string(title), _string(_pdf_date(at)))
    )
    return writer.finish(catalog, info)


def _lines(doc: ExportDocument) -> list[str]:
    out = [
        f"WardLink conversation export: {doc.title}",
        f"Conversation {doc.conversation_id}; members: {', '.join(doc.members)}",
        f"Exported {_when(doc.exported_at)} by {doc.exported_by} on device {doc.exported_from}",
        f"{len(doc.messages)} message(s). Attachments are embedded files of this PDF.",
        "",
    ]
    for message in doc.messages:
        out.extend(_message_lines(message))
    return out


def _message_lines(message: ExportedMessage) -> list[str]:
    urgent = " [URGENT]" if message.urgent else ""
    head = f"{_when(message.sent_at)}  {message.sender_uid}{urgent}  (message {message.message_id})"
    out = [head]
    for paragraph in message.text.splitlines() or [""]:
        out.extend("    " + part for part in textwrap.wrap(paragraph, WRAP_CHARS - 4) or [""])
    for att in message.attachments:
        where = "embedded" if att.data is not None else "not embedded (too large or not stored)"
        out.append(f"    Attachment: {att.file_name} ({att.mime_type}, {att.size} B), {where}")
        out.append(f"        SHA-256 {att.sha256}")
    out.append("")
    return out


def _content(lines: list[str]) -> bytes:
    parts = [b"BT /F1 %d Tf %d TL %d %d Td" % (FONT_SIZE, LEADING, MARGIN, PAGE_HEIGHT - MARGIN)]
    parts.extend(_string(line) + b" Tj T*" for line in lines)
    parts.append(b"ET")
    return b"\n".join(parts)


def printable(text: str) -> str:
    """``text`` with each character cp1252 cannot print replaced by its nearest form
    that it can (see _NEAREST; accented letters lose the accent), else by ``?``."""
    out = []
    for char in text.translate(_NEAREST):
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            try:
                base.encode("cp1252")
            except UnicodeEncodeError:
                base = ""
            char = base or "?"
        out.append(char)
    return "".join(out)


def _string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252), with \\, ( and ) escaped."""
    raw = printable(text).encode("cp1252", errors="replace")
    escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    escaped = escaped.replace(b"\r", b"\\r").replace(b"\n", b"\\n")
    return b"(" + escaped + b")"


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


def _pdf_date(moment: datetime) -> str:
    return "D:" + moment.strftime("%Y%m%d%H%M%SZ")


class _Writer:
    """Objects numbered from 1, written with a correct cross-reference table."""

    def __init__(self) -> None:
        self._objects: dict[int, bytes] = {}
        self._next = 1

    def reserve(self) -> int:
        number, self._next = self._next, self._next + 1
        return number

    def put(self, number: int, body: bytes) -> None:
        self._objects[number] = body

    def add(self, body: bytes) -> int:
        number = self.reserve()
        self.put(number, body)
        return number

    def add_stream(self, data: bytes, extra: bytes = b"") -> int:
        head = (
            b"<< %s /Length %d >>" % (extra, len(data))
            if extra
            else b"<< /Length %d >>" % len(data)
        )
        return self.add(head + b"\nstream\n" + data + b"\nendstream")

    def finish(self, root: int, info: int) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets: list[int] = []
        for number in range(1, self._next):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + self._objects[number] + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % self._next
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%EOF\n" % (
            self._next,
            root,
            info,
            xref,
        )
        return bytes(out)
