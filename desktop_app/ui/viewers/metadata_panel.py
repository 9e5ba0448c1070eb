"""Metadata panel: the summary the CLI prints with --info, plus every header attribute.

The summary rows come from medical.summary so the panel and `wardlink view --info`
never disagree; the attribute list below it is for the curious (and for checking what
an export would contain), with long values cut so a 10 MB private tag cannot stall it.
Names, dates and times (PN, DA, TM, DT) are formatted by medical.dicom_text in the UI
language; a value that does not parse is shown as stored.
"""

from __future__ import annotations

import re

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.medical import dicom_text
from desktop_app.ui.literal_text import literal
from desktop_app.ui.plural import counted
from desktop_app.ui.viewers.language import display_language

MAX_VALUE_CHARS = 120
MAX_SEQUENCE_ITEMS = 20
_GROUP = re.compile(r"Group (\d+)")


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
        labels, kinds = self._labels(), self._kinds()
        for label, value in rows:
            shown = kinds.get(value, value) if label in ("Kind", "Lossy") else value
            QTreeWidgetItem(summary, [self._label(label, labels), shown]).setToolTip(
                1, literal(shown)
            )
        summary.setExpanded(True)
        if dataset is not None:
            everything = QTreeWidgetItem(self, [self.tr("All attributes"), ""])
            self._add_dataset(everything, dataset)
        self.resizeColumnToContents(0)

    def _label(self, label: str, labels: dict[str, str]) -> str:
        """The summary's labels (medical.summary, English like `wardlink view --info`)
        in the UI language; an ECG's own measurement names stay as the device wrote."""
        group = _GROUP.fullmatch(label)
        if group:
            return self.tr("Group %1").replace("%1", group.group(1))
        return labels.get(label, label)

    def _labels(self) -> dict[str, str]:
        return {
            "File": self.tr("File"),
            "Kind": self.tr("Kind"),
            "Title": self.tr("Title"),
            "Size": self.tr("Size"),
            "Patient": self.tr("Patient"),
            "Patient ID": self.tr("Patient ID"),
            "Birth date": self.tr("Birth date"),
            "Sex": self.tr("Sex"),
            "Study": self.tr("Study"),
            "Series": self.tr("Series"),
            "Image": self.tr("Image"),
            "Modality": self.tr("Modality"),
            "Institution": self.tr("Institution"),
            "Accession": self.tr("Accession number"),
            "Pixels": self.tr("Pixels"),
            "Window": self.tr("Window"),
            "VOI LUT": self.tr("VOI LUT"),
            "Lossy": self.tr("Lossy compression"),
            "Transfer syntax": self.tr("Transfer syntax"),
            "Report": self.tr("Report"),
            "Completion": self.tr("Completion"),
            "Verification": self.tr("Verification"),
            "Verified by": self.tr("Verified by"),
            "Filter": self.tr("Filter"),
            "Statement": self.tr("Statement"),
        }

    def _kinds(self) -> dict[str, str]:
        return {
            "image": self.tr("image"),
            "ecg": self.tr("ECG"),
            "pdf": self.tr("PDF"),
            "report": self.tr("structured report"),
            "other": self.tr("other DICOM object"),
            "yes": self.tr("yes"),
            "no": self.tr("no"),
        }

    def _add_dataset(self, parent: QTreeWidgetItem, ds: Dataset) -> None:
        for elem in ds:
            if elem.keyword in ("PixelData", "WaveformData", "EncapsulatedDocument"):
                value = f"<{len(elem.value or b'')} bytes>" if elem.value is not None else ""
            elif elem.VR == "SQ":
                value = counted(len(elem.value), self.tr("1 item"), self.tr("%n items"))
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
