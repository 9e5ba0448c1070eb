"""One line for IT (a device id), cut in the middle to the width it gets, whole on copy.

In the directory's narrowest column the card's "… · Device ID: GRmVB2_nLluvMDK0M" wrapped
over three lines and pushed the device's state apart. Now the id keeps one line, "…"
where it does not fit; the tooltip shows all of it, and a copy (Ctrl+C or the menu,
through the session's clipboard guard) takes the whole id, not the cut text."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.ui.clipboard_guard import CopyRule
from desktop_app.ui.guarded_label import GuardedLabel, copy_through


class ElidedCopyLabel(GuardedLabel):
    """``full`` on one line, elided in the middle; copying gives ``copied``."""

    def __init__(
        self, full: str, copied: str, parent: QWidget | None = None, rule: CopyRule | None = None
    ) -> None:
        super().__init__(full, parent, rule)
        self.full, self.copied = full, copied
        self.setToolTip(full)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.fontMetrics().horizontalAdvance(self.full), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        shown = self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideMiddle, self.width())
        if shown != self.text():
            self.setText(shown)

    def copy_selection(self) -> None:
        if not self.hasSelectedText():
            return
        if self.copy_rule is not None:
            copy_through(self.copy_rule, self.copied, self)
        else:
            QGuiApplication.clipboard().setText(self.copied)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.matches(QKeySequence.StandardKey.Copy):  # the whole id, never the cut
            event.accept()
            self.copy_selection()
            return
        super().keyPressEvent(event)
