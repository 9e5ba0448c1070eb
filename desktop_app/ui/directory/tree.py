"""The organisational tree (hospital -> department -> ward -> people) as a Qt model."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from desktop_app.services.directory_view import DirectoryHit, UnitNode
from desktop_app.ui.directory.search import FUNCTION_ROLE, SUBTITLE_ROLE, UID_ROLE, subtitle
from desktop_app.ui.literal_text import literal


class DirectoryTreeModel(QStandardItemModel):
    """Units are bold rows "name (count)"; people carry their uid in ``UID_ROLE``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([self.tr("Organisation")])

    def load(self, root: UnitNode) -> None:
        self.clear()
        self.setHorizontalHeaderLabels([self.tr("Organisation")])
        self.invisibleRootItem().appendRow(self._unit(root))

    def _unit(self, node: UnitNode) -> QStandardItem:
        item = QStandardItem(f"{node.name} ({node.count()})")
        item.setData(node.name, Qt.ItemDataRole.AccessibleTextRole)
        item.setEditable(False)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        for child in node.children:
            item.appendRow(self._unit(child))
        for hit in node.members:
            item.appendRow(self._person(hit))
        return item

    def _person(self, hit: DirectoryHit) -> QStandardItem:
        item = QStandardItem(hit.name)
        item.setEditable(False)
        item.setData(hit.uid, UID_ROLE)
        item.setData(hit.is_function, FUNCTION_ROLE)
        line = subtitle(hit, self.tr("Functional account"))
        item.setData(line, SUBTITLE_ROLE)
        item.setToolTip(literal(line))  # title and department from LDAP
        if hit.is_function:
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
        return item

    def find_unit(self, *path: str) -> QModelIndex:
        """The index of a unit by names from the top, e.g. ("Kardiologie", "Station 3B")."""
        index = self.index(0, 0)
        for name in path:
            item = self.itemFromIndex(index)
            found = None
            for row in range(item.rowCount() if item is not None else 0):
                child = item.child(row) if item is not None else None
                if child is not None and child.data(Qt.ItemDataRole.AccessibleTextRole) == name:
                    found = child.index()
                    break
            if found is None:
                return QModelIndex()
            index = found
        return index

    def find_person(self, uid: str) -> QModelIndex:
        hits = self.match(
            self.index(0, 0),
            UID_ROLE,
            uid,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        return hits[0] if hits else QModelIndex()


class DirectoryTreeView(QTreeView):
    """Selecting a person emits ``person_selected``; Enter / double click ``activated_person``."""

    person_selected = Signal(str)
    person_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree_model = DirectoryTreeModel(self)
        self.setModel(self.tree_model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(self.tr("Organisation tree"))
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.activated.connect(self._activated)

    def load(self, root: UnitNode) -> None:
        self.tree_model.load(root)
        top = self.tree_model.index(0, 0)
        self.expand(top)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        uid = current.data(UID_ROLE) if current.isValid() else None
        if isinstance(uid, str):
            self.person_selected.emit(uid)

    def _activated(self, index: QModelIndex) -> None:
        uid = index.data(UID_ROLE)
        if isinstance(uid, str):
            self.person_activated.emit(uid)
