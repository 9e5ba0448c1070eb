"""Metadata panel: the summary the CLI prints with --info, plus every header attribute.

The summary rows come from medical.summary so the panel and `wardlink view --info`
never disagree; the attribute list below it is for the curious (and for checking what
an export would contain), with long values cut so a 10 MB private tag cannot stall it.
Names, dates and times (PN, DA, TM, DT) are formatted by medical.dicom_text in the UI
language; a value that does not parse is shown as stored.
"""

from __future__ import annotations

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.medical import dicom_text
from desktop_app.ui.literal_text import literal
from desktop_app.ui.viewers.language import display_language

MAX_VALUE_CHARS = 120
MAX_SEQUENCE_ITEMS = 20


def _value_text(elem: DataElement, language: str) -> str:
    value = elem.value
    if elem.VR in ("PN", "DA", "TM", "DT"):
        raw = "\\".join(map(str, value)) if isinstance(value, MultiValue) else str(value or "")
        text = dicom_text.value(elem.VR, raw, language)
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


class MetadataPanel(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        self.setAlternatingRowColors(True)
        self.setMinimumWidth(260)
        self.language = display_language()

    def show_rows(self, rows: list[tuple[str, str]], dataset: Dataset | None = None) -> None:
        self.clear()
        summary = QTreeWidgetItem(self, [self.tr("Summary"), ""])
        for label, value in rows:
            QTreeWidgetItem(summary, [label, value]).setToolTip(1, literal(value))
        summary.setExpanded(True)
        if dataset is not None:
            everything = QTreeWidgetItem(self, [self.tr("All attributes"), ""])
            self._add_dataset(everything, dataset)
        self.resizeColumnToContents(0)

    def _add_dataset(self, parent: QTreeWidgetItem, ds: Dataset) -> None:
        for elem in ds:
            if elem.keyword in ("PixelData", "WaveformData", "EncapsulatedDocument"):
                value = f"<{len(elem.value or b'')} bytes>" if elem.value is not None else ""
            elif elem.VR == "SQ":
                value = f"{len(elem.value)} item(s)"
            else:
                value = _value_text(elem, self.language)
            item = QTreeWidgetItem(parent, [f"{elem.tag} {elem.name}", value])
            item.setToolTip(1, literal(value))
            if elem.VR == "SQ":
                for index, child in enumerate(list(elem.value)[:MAX_SEQUENCE_ITEMS]):
                    sub = QTreeWidgetItem(
                        item, [self.tr("Item %1").replace("%1", str(index + 1)), ""]
                    )
                    self._add_dataset(sub, child)

    def values(self) -> dict[str, str]:
        """Summary label -> value as shown (for tests)."""
        top = self.topLevelItem(0)
        if top is None:
            return {}
        children = (top.child(i) for i in range(top.childCount()))
        return {item.text(0): item.text(1) for item in children if item is not None}
