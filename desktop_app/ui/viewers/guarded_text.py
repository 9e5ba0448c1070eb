"""Read-only decrypted text (a lab file, a DICOM report) whose copies go through the
guard (ui/guarded_copy.py says why)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.ui.clipboard_guard import CopyRule
from desktop_app.ui.guarded_copy import GuardedCopyEdit


class GuardedText(GuardedCopyEdit):
    """``rule`` None: Qt's plain copy (the stand-alone viewer of a file already on disk)."""

    def __init__(self, rule: CopyRule | None, parent: QWidget | None = None) -> None:
        super().__init__(rule, parent)
        self.setReadOnly(True)
