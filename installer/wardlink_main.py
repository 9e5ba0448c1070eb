"""Entry point of the frozen app (PyInstaller): the `wardlink` command.

freeze_support() must run first: the DICOM decode worker uses multiprocessing's
"spawn" context, and in a frozen app each worker process starts this executable again.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop_app.cli import main

    sys.exit(main())
