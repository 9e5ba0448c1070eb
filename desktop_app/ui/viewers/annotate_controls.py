"""The image viewer's annotation side: the text tool's words, "Send annotated", a
received presentation state drawn over the image.

Kept apart from image_viewer.py: the viewer stays about looking at one image, this
module about what travels back to the chat. The viewer knows nothing of chats: the
opener passes `send` (it replies to the image's message) and this module only hands
it the GSPS bytes made by ui.viewers.presentation.
"""

from __future__ import annotations

from collections.abc import Callable

from pydicom.dataset import Dataset
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel, QToolBar, QWidget

from desktop_app.medical.errors import MedicalError
from desktop_app.medical.presentation_state import MAX_TEXT_LENGTH, Presentation
from desktop_app.ui.viewers.annotation_marks import TextMark
from desktop_app.ui.viewers.image_view import ImageView
from desktop_app.ui.viewers.medical_text import medical_error_text
from desktop_app.ui.viewers.presentation import apply_presentation, presentation_of

# send(gsps_bytes, report): report(text, failed) says how the sending went.
Report = Callable[[str, bool], None]
SendAnnotated = Callable[[bytes, Report], None]


def ask_text_dialog(parent: QWidget) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("AnnotationControls", "Text on the image"),
        QCoreApplication.translate("AnnotationControls", "Text:"),
    )
    return text if ok and text.strip() else None


class AnnotationControls(QObject):
    def __init__(
        self,
        view: ImageView,
        dataset: Dataset,
        hint: QLabel,
        send: SendAnnotated | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.view, self._dataset, self._hint, self._send = view, dataset, hint, send
        self._parent = parent
        self.pending: Presentation | None = None  # applied when the first frame is shown
        self.ask_text: Callable[[], str | None] = lambda: ask_text_dialog(parent)
        self.send_action = QAction(self.tr("Send annotated"), self)
        self.send_action.setToolTip(
            self.tr("Reply in the chat with your marks, window and zoom (the image is not re-sent)")
        )
        self.send_action.triggered.connect(self.send_now)
        view.marks_changed.connect(self._text_wanted)

    def add_to(self, bar: QToolBar) -> None:
        if self._send is not None:
            bar.addSeparator()
            bar.addAction(self.send_action)

    def first_frame_shown(self) -> None:
        if self.pending is not None:
            apply_presentation(self.view, self.pending)
            self.pending = None

    def _text_wanted(self) -> None:
        marks = self.view.editor.marks
        if not marks or not isinstance(marks[-1], TextMark) or marks[-1].text:
            return
        mark = marks[-1]
        text = self.ask_text()
        if text is None:
            marks.remove(mark)
        else:
            mark.text = text[:MAX_TEXT_LENGTH]
        self.view.update()

    def send_now(self) -> None:
        if self._send is None:
            return
        try:
            data = presentation_of(self.view, self._dataset)
        except (MedicalError, ValueError, TypeError) as exc:  # highdicom checks its input
            why = medical_error_text(exc, self.tr("The annotations could not be stored."))
            self.report(self.tr("Not sent: %1").replace("%1", why), True)
            return
        self.send_action.setEnabled(False)
        self._hint.setText(self.tr("Sending the annotations …"))
        self._hint.show()
        self._send(data, self.report)

    def report(self, text: str, failed: bool) -> None:
        self.send_action.setEnabled(True)
        self._hint.setText(text)
        self._hint.setStyleSheet("padding: 2px 8px;" + (" color: #a00000;" if failed else ""))
        self._hint.show()
