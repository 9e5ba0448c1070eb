"""The one place where asyncio meets Qt.

The client services (``desktop_app.services``) are asyncio code; Qt wants every widget
touched from its own thread. ``AsyncBridge`` owns a second thread that runs the asyncio
event loop for the app's lifetime. The GUI hands it work with ``submit`` (a coroutine
factory, called on the loop thread) and hears back through Qt signals, which Qt
delivers in the GUI thread because the bridge object lives there. Services report
events (a new message, a lost connection) with ``post``; that too becomes a signal.

No other ui module imports asyncio or calls into the loop (an import-linter contract
says so), so every thread hop of the app is in this file.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Final

from PySide6.QtCore import QObject, Qt, Signal

from desktop_app.storage.errors import SchemaUpgradeFailed
from desktop_app.ui.error_text import user_message

log = logging.getLogger("wardlink.bridge")

CoroFactory = Callable[[], Coroutine[Any, Any, Any]]
Done = Callable[[Any], None]
Error = Callable[[str], None]
SHUTDOWN_TIMEOUT_S = 10.0


class AsyncBridge(QObject):
    """Runs coroutines on a private asyncio thread; results come back as signals."""

    finished = Signal(int, object)  # request id, result
    failed = Signal(int, str)  # request id, one-line message for the person at the PC
    service_event = Signal(str, object)  # service event name, payload

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loop = asyncio.new_event_loop()
        self._ids = itertools.count(1)
        self._pending: dict[int, Future[Any]] = {}
        self._callbacks: dict[int, tuple[Done | None, Error | None]] = {}
        # Queued even when the work finished before submit() returned (then _done runs
        # in this thread): a callback must never run inside the call that asked for it.
        self.finished.connect(self._call_done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._call_error, Qt.ConnectionType.QueuedConnection)
        self._offload_pool = ThreadPoolExecutor(1, thread_name_prefix="wardlink-offload")
        self._thread = threading.Thread(target=self._run, name="wardlink-asyncio", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_forever()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """For the composition root to build services on; widgets never use it."""
        return self._loop

    def submit(
        self, make: CoroFactory, *, done: Done | None = None, error: Error | None = None
    ) -> int:
        """Run ``make()`` on the loop; ``finished`` or ``failed`` carries the outcome."""
        request = next(self._ids)
        if self._loop.is_closed():
            # After shutdown a window's late timer (a reload) has nowhere to run: the
            # session is gone, so the call is dropped rather than raised into Qt.
            log.debug("dropped a service call after shutdown")
            return request
        if done is not None or error is not None:
            self._callbacks[request] = (done, error)

        async def run() -> Any:
            return await make()

        future = asyncio.run_coroutine_threadsafe(run(), self._loop)
        self._pending[request] = future
        future.add_done_callback(functools.partial(self._done, request))
        return request

    def call(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Done | None = None,
        error: Error | None = None,
    ) -> int:
        """Run the plain function ``fn(*args)`` on the loop thread (the services' thread).

        The services' objects (the open container above all) belong to that thread, so
        even a quick read goes through here rather than being called from a widget.
        """

        async def run() -> Any:
            return fn(*args)

        return self.submit(run, done=done, error=error)

    def wait(self, make: CoroFactory, timeout: float = SHUTDOWN_TIMEOUT_S) -> Any:
        """Run ``make()`` and block the calling thread for its result: for shutdown only,
        where the app must not quit before the container is closed cleanly."""
        return asyncio.run_coroutine_threadsafe(make(), self._loop).result(timeout)

    def offload(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Done | None = None,
        error: Error | None = None,
    ) -> int:
        """Run the plain function ``fn(*args)`` on a separate worker thread.

        For CPU-heavy work that touches no service object (decoding a thumbnail from
        bytes already read): the asyncio thread stays free for the network meanwhile.
        One worker, so big decodes do not pile up in memory side by side.
        """
        pool = self._offload_pool

        async def run() -> Any:
            return await asyncio.get_running_loop().run_in_executor(pool, lambda: fn(*args))

        return self.submit(run, done=done, error=error)

    def cancel(self, request: int) -> None:
        self._callbacks.pop(request, None)
        future = self._pending.pop(request, None)
        if future is not None:
            future.cancel()

    def post(self, name: str, payload: object = None) -> None:
        """Thread-safe: a service reports an event to the GUI."""
        self.service_event.emit(name, payload)

    def _call_done(self, request: int, result: object) -> None:
        done, _ = self._callbacks.pop(request, (None, None))
        if done is not None:
            _guarded(done, result)

    def _call_error(self, request: int, message: str) -> None:
        _, error = self._callbacks.pop(request, (None, None))
        if error is not None:
            _guarded(error, message)

    def _done(self, request: int, future: Future[Any]) -> None:
        # Runs on the loop thread; emitting from here queues the signal to the GUI thread.
        self._pending.pop(request, None)
        if future.cancelled():
            self._callbacks.pop(request, None)
            return
        error = future.exception()
        if error is None:
            self.finished.emit(request, future.result())
        else:
            if isinstance(error, SchemaUpgradeFailed):
                log.warning("%s", error)  # the SQL detail, for IT (the GUI names the step)
            self.failed.emit(request, user_message(error))  # in the UI language

    def shutdown(self) -> None:
        """Cancel what is running, stop the loop and join its thread."""
        if not self._thread.is_alive():
            return

        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(cancel_all(), self._loop).result(SHUTDOWN_TIMEOUT_S)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(SHUTDOWN_TIMEOUT_S)
        self._loop.close()
        self._offload_pool.shutdown(wait=True, cancel_futures=True)


_DELETED: Final = ("already deleted", "Signal source has been deleted")
"""How PySide6 words a call on, or a signal of, an object Qt has deleted."""


def _guarded(callback: Callable[[Any], None], value: object) -> None:
    """Call back a widget, unless Qt has deleted it since the request went out (a chat
    closed while its page loaded: the answer then emits a signal of a deleted model)."""
    try:
        callback(value)
    except RuntimeError as exc:
        if not any(words in str(exc) for words in _DELETED):
            raise
