"""The image viewer: toolbar, ImageView, cine bar and metadata panel around one DICOM image.

Opening reads only the header on the GUI thread (milliseconds, pixel data skipped);
pixels arrive from the FrameFeed (the DecodeWorker process in the app), so a 1 s
JPEG 2000 decode never freezes the window. Until the first frame arrives the view
shows "Decoding ...".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from desktop_app.medical.display import Voi
from desktop_app.medical.errors import reported_as_corrupt
from desktop_app.medical.geometry import pixel_spacing
from desktop_app.medical.greyscale import LookupTable, Window
from desktop_app.medical.loading import DicomSource, ImageHeader, describe, read_dataset
from desktop_app.medical.presentation_state import presentation_for
from desktop_app.medical.summary import summarize
from desktop_app.medical.worker import DecodedFrame, DecodeWorker
from desktop_app.ui.viewers.annotate_controls import AnnotationControls, SendAnnotated
from desktop_app.ui.viewers.cine import CineBar, FrameFeed
from desktop_app.ui.viewers.detail import FULL_RESOLUTION
from desktop_app.ui.viewers.image_view import ImageView
from desktop_app.ui.viewers.language import display_language
from desktop_app.ui.viewers.measure import Tool
from desktop_app.ui.viewers.metadata_panel import MetadataPanel
from desktop_app.ui.viewers.overlays import OverlayInfo, describe_voi


def preset_label(voi: Voi) -> str:
    if isinstance(voi, LookupTable):
        return f"VOI LUT {voi.explanation}".strip()
    name = voi.explanation or QCoreApplication.translate("ImageViewer", "Window")
    return f"{name} ({describe_voi(voi)})"


class ImageViewer(QWidget):
    """Everything for one image object; raises MedicalError if the header is unusable."""

    def __init__(
        self,
        source: DicomSource,
        worker: DecodeWorker | None,
        *,
        frame: int = 0,
        window: Window | None = None,
        detail_worker: DecodeWorker | None = None,
        presentation: bytes | None = None,
        send_annotated: SendAnnotated | None = None,
        name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`presentation`: a GSPS drawn over the image; `send_annotated`: where "Send
        annotated" hands the GSPS of the marks (None: no such button); `name`: the
        attachment's file name, for an image held in memory (else "<6816904 bytes>")."""
        super().__init__(parent)
        with reported_as_corrupt(f"damaged DICOM file {describe(source)}"):
            dataset = read_dataset(source, with_pixels=False)
            header = ImageHeader.from_dataset(dataset)
            info, spacing = OverlayInfo.from_dataset(dataset), pixel_spacing(dataset)
            rows = summarize(source, display_language())
        if name:  # the summary's first row names the file
            rows = [("File", name), *rows[1:]]
        state = None if presentation is None else presentation_for(presentation, dataset)
        self.frames = header.frames
        self._initial_window = window
        self.view = ImageView()
        self.view.set_header(info, spacing, self.frames)
        self.view.show_message(self.tr("Decoding …"))
        self.metadata = MetadataPanel()
        self.metadata.show_rows(rows, dataset)
        self.cine = CineBar(self.frames)
        self.feed = FrameFeed(source, worker, self)
        # Full resolution for magnified views: from a worker with an unlimited max_size,
        # or in-process when everything is (tests, headless); never on the GUI thread
        # when the frames themselves come from a worker.
        self.detail_feed: FrameFeed | None = None
        if detail_worker is not None or worker is None:
            self.detail_feed = FrameFeed(source, detail_worker, self, FULL_RESOLUTION)
        self.presets = QComboBox()
        self.presets.setMinimumContentsLength(18)
        # The file's presets arrive after the first show: grow to them, not cut
        # "FULL RANGE (C 2048 / W 4096)" to the width of the empty box.
        self.presets.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._preset_values: list[Voi] = []
        self.toolbar = QToolBar()
        self.tool_actions: dict[Tool, QAction] = {}
        self._build_toolbar()
        # How to use the measuring tool in hand, step by step: the angle's three clicks
        # are not something anyone guesses.
        self.hint = QLabel()
        self.hint.setObjectName("measureHint")
        self.hint.setStyleSheet("padding: 2px 8px;")
        self.hint.hide()
        self.annotations = AnnotationControls(self.view, dataset, self.hint, send_annotated, self)
        self.annotations.pending = state
        self.annotations.add_to(self.toolbar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.metadata)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([900, 300])
        self.metadata.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.cine)

        self.feed.frame_ready.connect(self._show_frame)
        self.feed.failed.connect(self.view.show_error)
        self.cine.frame_chosen.connect(self.feed.request)
        self.cine.ready = self.feed.is_ready
        self.view.frame_step_requested.connect(self.cine.step)
        if self.detail_feed is not None:
            self.view.detail_wanted.connect(self._want_detail)
            self.detail_feed.frame_ready.connect(self._show_detail)
            self.cine.play_button.toggled.connect(self._cine_toggled)
        self.presets.activated.connect(self._preset_chosen)
        self.view.voi_changed.connect(self._show_preset)
        self.view.marks_changed.connect(self._show_hint)
        self.cine.set_current(frame)
        if frame == 0:  # set_current(0) emits nothing when the slider is already at 0
            self.feed.request(0)

    def _build_toolbar(self) -> None:
        bar = self.toolbar
        tools = QActionGroup(self)
        for tool, key in (
            (Tool.WINDOW, "W"),
            (Tool.PAN, "P"),
            (Tool.DISTANCE, "D"),
            (Tool.ANGLE, "A"),
            (Tool.ARROW, "V"),
            (Tool.ELLIPSE, "E"),
            (Tool.TEXT, "T"),
        ):
            action = QAction(self._tool_name(tool), self, checkable=True)
            action.setShortcut(QKeySequence(key))
            action.setChecked(tool is Tool.WINDOW)
            action.setToolTip(self._tool_tip(tool))
            self.tool_actions[tool] = action
            action.triggered.connect(lambda _=False, tool=tool: self._set_tool(tool))
            tools.addAction(action)
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.presets)
        self.invert_action = QAction(self.tr("Invert"), self, checkable=True)
        self.invert_action.toggled.connect(self.view.set_inverted)
        bar.addAction(self.invert_action)
        # The flips are short on the bar ("Spiegeln ↔", the German row was too long for
        # 1280 px) and say it whole in their tooltips.
        for text, tip, slot in (
            (self.tr("Rotate"), "", lambda: self.view.rotate(90)),
            (self.tr("Flip H"), self.tr("Flip horizontally"), self.view.flip_horizontal),
            (self.tr("Flip V"), self.tr("Flip vertically"), self.view.flip_vertical),
            (self.tr("Fit"), "", self.view.fit),
            ("1:1", "", self.view.one_to_one),
            (self.tr("Reset"), "", self._reset),
            (self.tr("Overlays"), "", self.view.toggle_overlays),
        ):
            action = QAction(text, self)
            action.setToolTip(tip or text)
            action.triggered.connect(slot)
            bar.addAction(action)
        info = QAction(self.tr("Info"), self, checkable=True)
        info.toggled.connect(self.metadata.setVisible)
        bar.addAction(info)

    def _tool_name(self, tool: Tool) -> str:
        return {
            Tool.WINDOW: self.tr("Window/level"),
            Tool.PAN: self.tr("Pan"),
            Tool.DISTANCE: self.tr("Distance"),
            Tool.ANGLE: self.tr("Angle"),
            Tool.ARROW: self.tr("Arrow"),
            Tool.ELLIPSE: self.tr("Ellipse"),
            Tool.TEXT: self.tr("Text"),
        }[tool]

    def _tool_tip(self, tool: Tool) -> str:
        return {
            Tool.WINDOW: self.tr("Window/level: drag with the left or right button (W)"),
            Tool.PAN: self.tr("Pan: drag the image (P)"),
            Tool.DISTANCE: self.tr("Distance: drag from one end to the other (D)"),
            Tool.ANGLE: self.tr(
                "Angle: click the end of the first arm, then the vertex, "
                "then the end of the second arm (A)"
            ),
            Tool.ARROW: self.tr("Arrow: drag from the tail to the point it shows (V)"),
            Tool.ELLIPSE: self.tr("Ellipse: drag from one corner to the opposite one (E)"),
            Tool.TEXT: self.tr("Text: click where the text goes (T)"),
        }[tool]

    def _set_tool(self, tool: Tool) -> None:
        self.view.editor.cancel()  # a half-made angle does not carry over to another tool
        self.view.update()
        self.view.tool = tool
        self._show_hint()

    def _show_hint(self) -> None:
        """The next step of the measuring tool in hand; hidden for the other tools."""
        tool, step = self.view.tool, self.view.editor.angle_step()
        if tool is Tool.ANGLE:
            text = (
                self.tr("Angle: click the end of the first arm.")
                if step == 0
                else self.tr("Angle: click the vertex.")
                if step == 1
                else self.tr("Angle: click the end of the second arm.")
            )
            text += " " + self.tr("Esc cancels.")
        elif tool is Tool.DISTANCE:
            text = self.tr("Distance: drag from one end to the other. Del removes all marks.")
        elif tool in (Tool.ARROW, Tool.ELLIPSE, Tool.TEXT):
            text = self._tool_tip(tool) + " " + self.tr("Del removes all marks.")
        else:
            text = ""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def _reset(self) -> None:
        self.view.reset()
        self.invert_action.setChecked(False)

    def _show_frame(self, decoded: DecodedFrame) -> None:
        first = self.view.source is None
        self.view.show_message("")
        self.view.set_frame(decoded.display, decoded.frame, decoded.pixels)  # cine: no lookup here
        if first:
            self._fill_presets(decoded)
            if self._initial_window is not None:
                self.view.set_voi(self._initial_window)
            self.annotations.first_frame_shown()
        self.feed.decode_ahead(decoded.frame, self.frames)

    def _want_detail(self, frame: int) -> None:
        # During cine every frame would queue a full-resolution decode that arrives
        # after the frame is gone; ask once playback stops instead.
        if self.detail_feed is not None and not self.cine.playing():
            self.detail_feed.request(frame)

    def _cine_toggled(self, playing: bool) -> None:
        if not playing:
            self.view.ask_detail_again()

    def _show_detail(self, decoded: DecodedFrame) -> None:
        self.view.set_detail(decoded.frame, decoded.display)

    def _fill_presets(self, decoded: DecodedFrame) -> None:
        self._preset_values = list(decoded.display.presets)
        self.presets.clear()
        self.presets.addItems([preset_label(voi) for voi in self._preset_values])
        self.presets.setEnabled(decoded.display.kind == "grey" and bool(self._preset_values))
        self._keep_presets_whole()

    def _show_preset(self, voi: Voi) -> None:
        """The box names the preset in use, or "Custom" after a manual W/L change."""
        if voi in self._preset_values:
            self.presets.setCurrentIndex(self._preset_values.index(voi))
            return
        if self.presets.count() == len(self._preset_values):
            self.presets.addItem(self.tr("Custom"))
            self._keep_presets_whole()
        self.presets.setCurrentIndex(len(self._preset_values))

    def _keep_presets_whole(self) -> None:
        """The toolbar squeezes its widgets when the row is too long (the German tool
        names at 1280 px cut "FULL RANGE (C 2048 / W 40…"): the box keeps the width of
        its longest preset; the buttons that no longer fit go to the toolbar's » menu."""
        self.presets.setMinimumWidth(self.presets.sizeHint().width())

    def _preset_chosen(self, index: int) -> None:
        if 0 <= index < len(self._preset_values):
            self.view.set_voi(self._preset_values[index])
