"""The Qt half of `wardlink view`: headless PNG rendering or the viewer window.

desktop_app.commands.view_cmd parses the arguments (and prints --info without Qt);
this module is imported only when Qt is needed, and it creates the one QApplication
of the process here, passes it along, and never stores it in a module global.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop_app.medical.documents import load_pdf
from desktop_app.medical.greyscale import Window
from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.viewers.detail import FULL_RESOLUTION
from desktop_app.ui.viewers.ecg_layout import Layout
from desktop_app.ui.viewers.pdf_document import open_pdf, pdf_title
from desktop_app.ui.viewers.placement import place_on_screen
from desktop_app.ui.viewers.render import render_to_png
from desktop_app.ui.viewers.viewer_window import WINDOW_SIZE, ViewerWindow


def _application(headless: bool) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication([sys.argv[0] if sys.argv else "wardlink"])


def run(args: argparse.Namespace) -> int:
    """Handler for parsed `wardlink view` arguments; MedicalError propagates to cli.py."""
    window = Window(args.window[0], args.window[1]) if args.window else None
    layout = Layout(args.layout)
    source = Path(args.file)
    if args.png is not None:
        _application(headless=True)
        try:
            # The pool starts a process only if a compressed frame needs decoding.
            with DecodeWorker(processes=1) as worker:
                image = render_to_png(
                    source,
                    Path(args.png),
                    frame=args.frame,
                    page=args.page - 1,
                    window=window,
                    layout=layout,
                    worker=worker,
                    presentation=args.presentation,
                )
        except OSError as exc:
            print(f"wardlink: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {args.png} ({image.width()} x {image.height()})")
        return 0
    app = _application(headless=False)
    # Processes start on first use: the detail worker only when the user zooms in.
    with (
        DecodeWorker(processes=1) as worker,
        DecodeWorker(processes=1, max_size=FULL_RESOLUTION) as detail_worker,
    ):
        viewer = open_window(args, worker, detail_worker)
        place_on_screen(viewer, WINDOW_SIZE)
        viewer.show()
        return int(app.exec())


def pdf_rows(source: Path, rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`--info` rows of a PDF with its page count and its own title (when it has one)."""
    _application(headless=True)
    label = source.name
    document = open_pdf(load_pdf(source).data, label)
    try:
        title = dict(rows).get("Title", label)
        extra = [("Pages", str(document.pageCount()))]
        titled = [(k, pdf_title(document, title) if k == "Title" else v) for k, v in rows]
        return titled + extra
    finally:
        document.close()


def open_window(
    args: argparse.Namespace,
    worker: DecodeWorker | None,
    detail_worker: DecodeWorker | None = None,
) -> ViewerWindow:
    """The window `wardlink view FILE` shows (not yet shown; the caller runs the loop)."""
    window = Window(args.window[0], args.window[1]) if args.window else None
    return ViewerWindow(
        Path(args.file),
        worker,
        frame=args.frame,
        window=window,
        layout=Layout(args.layout),
        detail_worker=detail_worker,
        presentation=None if args.presentation is None else Path(args.presentation).read_bytes(),
    )
