"""`wardlink view FILE`: show a DICOM image, ECG or PDF; render it to PNG; or print --info.

Argument parsing and --info (pure medical layer) live here; the Qt part is in
desktop_app.ui.viewers.cli_entry and is imported only when it is needed, so
`wardlink --help` and every other command start without loading PySide6.
"""

from __future__ import annotations

import argparse
from pathlib import Path

LAYOUTS = ("3x4+1", "6x2", "12x1")


def _window(text: str) -> tuple[float, float]:
    try:
        center, width = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected CENTER,WIDTH such as 40,400, not {text!r}"
        ) from None
    if width <= 0:
        raise argparse.ArgumentTypeError("the window width must be positive")
    return center, width


def _frame(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a frame number, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("frames are numbered from 0")
    return value


def _page(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a page number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("pages are numbered from 1")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    view = sub.add_parser(
        "view",
        help="view a DICOM image, ECG or PDF, render it to PNG, or print its metadata",
        description="Open the viewer, or render headlessly with --png, or print --info.",
    )
    view.add_argument("file", type=Path, metavar="FILE")
    view.add_argument("--png", type=Path, metavar="OUT", help="render to a PNG file, no window")
    view.add_argument("--frame", type=_frame, default=0, metavar="N", help="frame (from 0)")
    view.add_argument(
        "--page", type=_page, default=1, metavar="N", help="page of a PDF (from 1, as in readers)"
    )
    view.add_argument(
        "--window",
        type=_window,
        metavar="CENTER,WIDTH",
        help="window/level instead of the header's",
    )
    view.add_argument(
        "--presentation",
        type=Path,
        metavar="GSPS",
        help="draw a presentation state (annotations, W/L, zoom area) over the image",
    )
    view.add_argument("--layout", choices=LAYOUTS, default="3x4+1", help="ECG layout")
    view.add_argument("--info", action="store_true", help="print a metadata summary and exit")
    view.set_defaults(handler=_view)


def _view(args: argparse.Namespace) -> int:
    if args.info:
        # Imported here: pydicom and numpy load only when a file is really looked at.
        from desktop_app.medical.summary import format_summary, report_text, summarize

        rows = summarize(args.file)
        if ("Kind", "pdf") in rows:  # page count and PDF title need QtPdf
            from desktop_app.ui.platform_deps import require_libraries

            require_libraries(window=False)
            from desktop_app.ui.viewers import cli_entry

            rows = cli_entry.pdf_rows(args.file, rows)
        print(format_summary(rows))
        tree = report_text(args.file)
        if tree is not None:
            print()
            print(tree)
        return 0
    from desktop_app.ui.platform_deps import require_libraries

    require_libraries(window=args.png is None)  # one line, not Qt's abort
    from desktop_app.ui.viewers import cli_entry  # Qt only when a picture is wanted

    return cli_entry.run(args)
