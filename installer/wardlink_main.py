"""Entry point of the frozen app (PyInstaller): the `wardlink` command.

freeze_support() must run first: the DICOM decode worker uses multiprocessing's
"spawn" context, and in a frozen app each worker process starts this executable again.
The PDF renderer process (desktop_app/ui/viewers/pdf_launch.py) is this executable
started with the hidden first argument --pdf-renderer: it is dispatched here, before the
command line parser, which does not know it.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--pdf-renderer"]:
        from desktop_app.ui.viewers.pdf_renderer import main as renderer_main

        sys.exit(renderer_main())
    from desktop_app.cli import main

    sys.exit(main())
