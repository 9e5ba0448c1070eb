"""The app's side of one PDF renderer process, driven by QProcess signals.

One renderer per open PDF viewer (not one shared): a PDF that kills its renderer then
takes nothing else with it, another open PDF keeps working, and closing a viewer ends
exactly its process. Start-up (~0.2 s) is paid once per opened document.

`open()` waits (QProcess.waitForReadyRead, the GUI is blocked up to the start-up and
request timeouts) so that a damaged or protected PDF is refused before a viewer exists.
After that `request()` is asynchronous: answers come back in order as `answered(tag,
header, body)`. A watchdog QTimer runs while a request is outstanding; when it fires, the
process is killed. A crash, a hang, or a broken reply ends in `failed(reason)` once, and
every later request fails at once. No Python threads, no atexit hooks: `close()` kills
and reaps the process, and every renderer still running is killed when the application
is about to quit (stop_all).
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal

from desktop_app.ui.viewers.pdf_launch import (
    crashed,
    hung,
    raise_for,
    renderer_command,
    renderer_environment,
)
from desktop_app.ui.viewers.pdf_protocol import (
    REQUEST_TIMEOUT_S,
    START_TIMEOUT_S,
    Decoder,
    PdfInfo,
    PdfRendererFailed,
    ProtocolError,
    encode,
    info_from,
)


class PdfProcess(QObject):
    answered = Signal(object, dict, bytes)  # tag, header, body
    failed = Signal(str)

    def __init__(self, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.failure = ""
        self._closing = False
        self._decoder = Decoder()
        self._waiting: deque[object] = deque()  # tags of the requests sent, in order
        self._next_id = 0
        self.process = QProcess(self)
        self.watchdog = QTimer(self)
        self.watchdog.setSingleShot(True)
        self.watchdog.timeout.connect(self._hung)
        app = QCoreApplication.instance()
        if app is not None:  # quitting ends the renderer with the app
            app.aboutToQuit.connect(self.close)

    # -- start and open, synchronously
    def open(self, data: bytes, title: str) -> PdfInfo:
        """Start the renderer with `data`; PdfUnreadable or PdfRendererFailed if it fails."""
        program, *arguments = renderer_command()
        environment = self.process.processEnvironment()
        for key, value in renderer_environment().items():
            environment.insert(key, value)
        self.process.setProcessEnvironment(environment)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self.process.start(program, arguments)
        if not self.process.waitForStarted(int(START_TIMEOUT_S * 1000)):
            self.close()
            raise PdfRendererFailed(f"the PDF renderer for {self.label} did not start")
        self._send({"op": "open", "label": self.label, "title": title}, data)
        reply = self._wait_for_reply(START_TIMEOUT_S + REQUEST_TIMEOUT_S)
        try:
            raise_for(reply)
            info = info_from(reply)
        except (KeyError, TypeError, ValueError):
            self.close()
            raise PdfRendererFailed(crashed(self.label)) from None
        except Exception:
            self.close()
            raise
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        return info

    def _wait_for_reply(self, timeout_s: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                messages = self._decoder.feed(bytes(self.process.readAllStandardOutput().data()))
            except ProtocolError:
                messages, deadline = [], 0.0
            if messages:
                return messages[0][0]
            remaining = int((deadline - time.monotonic()) * 1000)
            if remaining <= 0 or not self.process.waitForReadyRead(remaining):
                running = self.process.state() is QProcess.ProcessState.Running
                self.close()
                raise PdfRendererFailed(hung(self.label) if running else crashed(self.label))

    # -- requests, asynchronously
    def request(self, header: dict[str, Any], tag: object) -> None:
        """Ask the renderer; the answer comes as answered(tag, ...) or failed(reason)."""
        if self.failure or self._closing:
            QTimer.singleShot(0, self, lambda: self.failed.emit(self.failure or hung(self.label)))
            return
        self._send(header)
        self._waiting.append(tag)
        if not self.watchdog.isActive():
            self.watchdog.start(int(REQUEST_TIMEOUT_S * 1000))

    def _send(self, header: dict[str, Any], body: bytes = b"") -> None:
        self._next_id += 1
        self.process.write(encode({**header, "id": self._next_id}, body))

    def _read(self) -> None:
        try:
            messages = self._decoder.feed(bytes(self.process.readAllStandardOutput().data()))
        except ProtocolError:
            self._fail(crashed(self.label))
            return
        for header, body in messages:
            if not self._waiting:
                self._fail(crashed(self.label))  # an answer nobody asked for
                return
            tag = self._waiting.popleft()
            self.watchdog.stop()
            if self._waiting:
                self.watchdog.start(int(REQUEST_TIMEOUT_S * 1000))
            self.answered.emit(tag, header, body)

    def _hung(self) -> None:
        if self._waiting:
            self._fail(hung(self.label))

    def _finished(self, *_: Any) -> None:
        if not self._closing:
            self._fail(crashed(self.label))

    def _fail(self, reason: str) -> None:
        if self.failure:
            return
        self.failure = reason
        self._waiting.clear()
        self.close()
        self.failed.emit(reason)

    # -- the end
    def busy(self) -> bool:
        """Requests are waiting for their answers."""
        return bool(self._waiting)

    def is_running(self) -> bool:
        if not shiboken6.isValid(self.process):  # deleted with its viewer by Qt
            return False
        return self.process.state() is not QProcess.ProcessState.NotRunning

    def pid(self) -> int:
        return int(self.process.processId())

    def close(self) -> None:
        """Kill the renderer and reap it; nothing of this PDF keeps running."""
        self._closing = True
        self.watchdog.stop()
        if self.is_running():
            self.process.kill()
            self.process.waitForFinished(5000)
