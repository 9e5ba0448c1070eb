"""A list reached by Tab shows which row the keys act on.

Qt makes the first row current when Tab enters a list but neither selects nor (with
WardLink's painted rows) draws it: the nurse saw nothing highlighted, and her first
Down went to the second row, so on the start screen Tab, Down, Enter opened the second
colleague's unlock page (walk 20). Selecting the row the keys will act on shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView

_KEYBOARD = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)


def show_current_on_tab(view: QAbstractItemView) -> None:
    """Entering ``view`` by Tab or Shift+Tab selects its current row (the first if none),
    unless something is selected already."""
    view.installEventFilter(_ShowCurrent(view))


class _ShowCurrent(QObject):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            and event.reason() in _KEYBOARD
        ):
            self._select_current()
        return False

    def _select_current(self) -> None:
        selection, model = self.view.selectionModel(), self.view.model()
        if selection is None or model is None or selection.hasSelection():
            return
        index = self.view.currentIndex()
        if not index.isValid():
            index = model.index(0, 0)
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag
            selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
