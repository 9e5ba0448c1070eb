"""Room for a line edit's hint: a field whose hint ("Neuer Checklistenpunkt, Eingabetaste
fügt ihn hinzu") is wider than the field shows it cut, and the cut part was the part
that said how to use it. Measured in the language shown, so German gets its room too."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame

TEXT_GAP = 2  # Qt's own gap between a line edit's contents and its text, each side


def fit_hint(edit: QLineEdit) -> None:
    """Make ``edit`` at least as wide as its placeholder text needs (call after setting
    it); the layout around it grows the window to match."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    inside = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    frame = edit.width() - inside.width()  # the style's frame, whatever the edit's width
    margins = edit.textMargins()
    hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    edit.setMinimumWidth(hint + frame + margins.left() + margins.right() + 2 * TEXT_GAP + 1)
