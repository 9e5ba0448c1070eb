"""The title field of the task and event dialogs, with the reason OK did not close.

OK on an empty title used to move the focus to the (already focused) title and nothing
else: a nurse pressed it again and again and saw no reason. Now a red line under the
field says what is missing, and goes as soon as something is typed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.ui.directory.dialogs import error_label


class TitleField(QWidget):
    """``edit`` with a hidden red line below it; ``filled()`` is the OK button's check."""

    def __init__(self, edit: QLineEdit, missing: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.missing: QLabel = error_label(self)
        self.missing.setText(missing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit)
        layout.addWidget(self.missing)
        edit.textChanged.connect(lambda text: self.missing.setVisible(False))

    def filled(self) -> bool:
        """True with a title; else say so under the field and put the cursor there."""
        if self.edit.text().strip():
            return True
        self.missing.show()
        self.edit.setFocus()
        return False
