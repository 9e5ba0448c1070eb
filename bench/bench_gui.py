"""Desktop app: cold start to the unlock screen, unlock to the main window, scrolling a
10 k-message conversation, and memory with those messages loaded.

Goals (issue 7): cold start <= 1.0 s and unlock -> main window <= 1.0 s (heavy modules
imported lazily); smooth scrolling (frame time); bounded RSS after 10 k messages.

Baselines measured in the same run, since the machine is shared and noisy:

* cold start vs. a bare PySide6 process that shows one QLabel (the floor any Qt app
  pays: interpreter, Qt libraries, the platform plugin);
* unlock vs. the Argon2id key derivation alone (the cost chosen on purpose);
* scrolling vs. a QListView over a QStringListModel of the same 10 k texts;
* RSS growth vs. the same plain list.

Offscreen (QT_QPA_PLATFORM=offscreen): frame times are paint times without a GPU swap.
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from bench.table import print_table

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COLD_CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from desktop_app.storage.profiles import ProfileRoot
from desktop_app.ui.start.start_window import StartWindow
window = StartWindow()
window.set_people(ProfileRoot(Path(sys.argv[1])).people())
window.show()
window.grab()
app.processEvents()
print(time.time(), flush=True)
"""

BARE_CHILD = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("WardLink")
label.show()
label.grab()
app.processEvents()
print(time.time(), flush=True)
"""


def _child_seconds(code: str, *args: str) -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, timeout=60
    )
    return float(out.stdout.strip().splitlines()[-1]) - start


def _median(fn: Callable[[], float], repeat: int) -> float:
    return statistics.median(fn() for _ in range(repeat))


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20
