"""Who is at the PC, and which window they see: start screen, main window, lock screen.

How it works
------------
States (one person at a time)::

    START ──unlock/join ok──▶ MAIN ──lock (idle, Ctrl+L)──▶ LOCKED ──PIN/passphrase──▶ MAIN
      ▲                        │                              │
      └──────switch user───────┴──────────switch user─────────┘

* START shows ``StartWindow``; no container is open.
* MAIN: a ``PersonSession`` is unlocked and a fresh ``MainWindow`` (with its own
  views and models, built by ``build_views``) shows its data.
* LOCKED: the main window and every model in it were *deleted* (not hidden), the live
  client stopped and the database closed; ``LockScreen`` asks for the PIN, or for the
  passphrase after 5 wrong PINs, without a PIN, or 12 h after the passphrase.
  PIN-locked, the client keeps receiving (machine policy ``receive_while_pin_locked``,
  on unless IT turned it off): the lock screen counts the messages that arrived, an
  urgent one shows "URGENT from <name>" (no content) and starts the repeating
  ``UrgentAlarm``; unlocking or switching user stops it.
* The lock screen takes the main window's place and size; unlock returns to where the
  person was: the window's geometry and the open conversation are remembered at the
  lock (in memory: an opaque id and a rectangle), drafts are kept in the container
  (ui/chat/drafts.py).
* Switch user closes the session completely (the key is discarded) and returns to
  START, so the next person never lands in someone else's container.
* Language: the main window (and the lock screen after it) is built in the person's
  own language from Settings, read from their container before the window is made;
  START speaks the PC's. Choosing another language in Settings builds the main window
  again in it, where the person was (ui/translations.py ``UiLanguage``).

Privacy notice: when it is shown and its acknowledgement stored is ui/shell/notice_flow.py.
Settings and removing this PC's data (by the person or IT): ui/shell/data_removal.py.
Joining the hospital from the start screen: ui/start/join_flow.py.

Clipboard: lock, switch user and quit clear it when it still holds text WardLink copied
(and the X11 / Wayland primary selection while WardLink holds it); every plain text
field copies through the guard (ui/field_copy_guard.py, an application event filter).
A new message's popup (sender's name only): ui/message_popups.py.

Calls (ui/calls/controller.py): the ``CallController`` outlives the main window, so a
call rings behind the PIN lock ("Call from X" on the lock screen, the call ring); the
PIN leads back to the ringing call's Accept. Auto-lock waits while a call rings or
runs; "Lock" ends a call in progress (one ringing in rings on behind the lock), "Switch
user" every call.

Every service call goes through the bridge; this class only reacts to the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.crypto.secret_memory import Secret, secret_buffer, wipe
from desktop_app.services import privacy_notice
from desktop_app.services.live_client import LiveClient
from desktop_app.services.person_session import PersonSession
from desktop_app.services.policy import (
    DEFAULT_COPY_ALLOWED,
    Policy,
    effective,
    receive_while_pin_locked,
)
from desktop_app.services.preferences import Preferences
from desktop_app.storage.container import Container
from desktop_app.storage.errors import ContainerError
from desktop_app.storage.lock_state import LockState
from desktop_app.storage.profiles import ProfileRoot
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.calls.controller import CallController
from desktop_app.ui.clipboard_guard import ClipboardGuard, CopyRule
from desktop_app.ui.context import UiContext
from desktop_app.ui.error_text import user_message
from desktop_app.ui.field_copy_guard import FieldCopyGuard
from desktop_app.ui.lock.alarm import UrgentAlarm
from desktop_app.ui.lock.feed import LockScreenFeed
from desktop_app.ui.lock.idle_watch import IdleWatch
from desktop_app.ui.lock.lock_screen import LockScreen
from desktop_app.ui.message_popups import MessagePopups
from desktop_app.ui.screen_capture import CaptureBlocker
from desktop_app.ui.service_events import ServiceEvents
from desktop_app.ui.shell.data_removal import DataRemoval
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.notice_flow import NoticeFlow
from desktop_app.ui.shell.privacy_dialog import PrivacyDialog
from desktop_app.ui.shell.urgent_alert import Notifier
from desktop_app.ui.start.join_dialog import JoinRequest
from desktop_app.ui.start.join_flow import JoinFlow
from desktop_app.ui.start.start_window import StartWindow
from desktop_app.ui.translations import UiLanguage
from desktop_app.ui.unlocking import with_preferences

AGE_CHECK_MS = 60_000

ViewsFactory = Callable[[UiContext], tuple[QWidget, QWidget | None]]
MainHook = Callable[[MainWindow, UiContext], object]
ClientFactory = Callable[[Container, Callable[[str, object], None]], LiveClient]


class AppController(QObject):
    def __init__(
        self,
        app: QApplication,
        bridge: AsyncBridge,
        profiles: ProfileRoot,
        make_client: ClientFactory,
        build_views: ViewsFactory,
        *,
        idle_ms: int,
        notify: Notifier,
        relay_hint: str = "",
        export_allowed: bool = True,
        window_title: str = "WardLink",
        start_demo: Callable[[], None] | None = None,
        on_main: MainHook | None = None,
        policy: Policy | None = None,
        language: UiLanguage | None = None,
    ) -> None:
        super().__init__(app)
        # The person's own language while unlocked (None: the tests' fixed language).
        self.language = language
        self.app = app
        self.bridge = bridge
        self.events = ServiceEvents(bridge, self)
        self.profiles = profiles
        self._make_client = make_client
        self._build_views = build_views
        self._notify = notify
        self._export_allowed = export_allowed
        self.policy = policy if policy is not None else Policy()
        self.notice = privacy_notice.current_notice(self.policy)
        self._copy_allowed = effective(self.policy.copy_allowed, None, DEFAULT_COPY_ALLOWED)
        self._receive_while_locked = receive_while_pin_locked(self.policy)
        self.clipboard = ClipboardGuard()
        self.field_copies = FieldCopyGuard(CopyRule(self.clipboard, self._copy_allowed), app)
        self.capture_blocker: CaptureBlocker | None = None
        if self.policy.block_screen_capture:
            self.capture_blocker = CaptureBlocker(self)
            app.installEventFilter(self.capture_blocker)
        self.notices = NoticeFlow(bridge, self.notice, self)
        self.notices.declined.connect(self.switch_user)
        self._title = window_title
        self._on_main = on_main
        self._main_extras: object = None  # what on_main built, alive as long as the window
        self._pending_pin: bytearray | None = None  # set for the session once unlocked
        self.person: PersonSession | None = None
        self.person_name = ""
        self.main: MainWindow | None = None
        self._resume: tuple[QByteArray, str] | None = None  # geometry, open conversation
        self.lock_screen: LockScreen | None = None
        self.start = StartWindow()
        self.start.setWindowTitle(window_title)
        self.start.unlock_requested.connect(self._unlock_from_start)
        self.joining = JoinFlow(bridge, profiles, relay_hint, self.notice, self.start, self)
        self.joining.joined.connect(self._joined)
        self.start.join_requested.connect(self.show_join)
        if start_demo is not None:
            self.start.demo_requested.connect(start_demo)
        else:
            self.start.demo_button.hide()
        self.idle = IdleWatch(app, idle_ms, self)
        self.idle.idle.connect(self._idle)
        self._age = QTimer(self)
        self._age.setInterval(AGE_CHECK_MS)
        self._age.timeout.connect(self._check_age)
        self.popups = MessagePopups(lambda: self.main, notify, self)  # name only
        self.events.messages.connect(self.popups.arrived)
        self.data = DataRemoval(bridge, lambda: self.person, self.start, window_title, self)
        self.data.applied.connect(self._settings_applied)
        self.data.removed.connect(self.switch_user)
        self.events.withdrawn.connect(self.data.withdrawn)
        self.alarm = UrgentAlarm(self)  # tests swap its player
        # What reaches a locked PC: counts, "URGENT from …", a call; never content.
        feed = LockScreenFeed(
            lambda: self.lock_screen if self.main is None else None, self.alarm, self
        )
        self.events.messages.connect(feed.count)
        self.events.urgent.connect(feed.urgent)
        self.calls = CallController(bridge, self.events, self)  # tests swap its devices
        self.calls.lock_notice.connect(feed.call)
        self.calls.notification.connect(lambda text: self._notify(self.tr("WardLink"), text))

    # ---- START -------------------------------------------------------------------------

    def show_start(self) -> None:
        self.start.set_people(self.profiles.people())
        self.start.show()
        self.start.raise_()

    def unlock(self, profile: object, passphrase: Secret) -> None:
        """A bytearray passphrase is zeroed by the session once the key is unwrapped."""
        directory = Path(str(profile))
        try:
            owner = Container.read_keyslot(directory).owner
        except ContainerError as exc:  # gone or damaged since the list was shown
            self._unlock_refused(passphrase, exc)
            return
        self.person_name = owner.display_name
        person = PersonSession.for_profile(
            directory,
            lambda container: self._make_client(container, self.bridge.post),
            receive_while_pin_locked=self._receive_while_locked,
        )
        self.person = person

        def failed(message: str) -> None:
            self._drop_pending_pin()
            # On this person's page: an unlock started for them (the demo's) shows
            # why it failed rather than the list of people.
            self.start.ask_passphrase(directory, owner.display_name)
            self.start.show_error(message)

        self.bridge.submit(
            lambda: with_preferences(person.unlock(passphrase)),
            done=self._unlocked,
            error=failed,
        )

    def _unlock_refused(self, passphrase: Secret, error: ContainerError) -> None:
        """The person's key file cannot be read: said on the unlock page, in the UI
        language, while the list behind "Back" is brought up to date."""
        wipe(passphrase if isinstance(passphrase, bytearray) else None)
        self._drop_pending_pin()
        self.start.set_people(self.profiles.people(), keep_page=True)
        self.start.show_error(user_message(error))

    def _unlock_from_start(self, profile: object, passphrase: object, pin: object) -> None:
        assert isinstance(passphrase, bytearray)
        self._drop_pending_pin()
        self._pending_pin = pin if isinstance(pin, bytearray) else None
        self.unlock(profile, passphrase)

    def _drop_pending_pin(self) -> None:
        wipe(self._pending_pin)
        self._pending_pin = None

    def show_join(self) -> None:
        self.joining.show()

    def _joined(self, directory: object, request: object) -> None:
        assert isinstance(request, JoinRequest)
        self.start.set_people(self.profiles.people())
        self._drop_pending_pin()
        self._pending_pin = secret_buffer(request.pin) if request.pin else None
        self.notices.joined = request.notice_version
        self.unlock(directory, secret_buffer(request.passphrase))

    # ---- MAIN --------------------------------------------------------------------------

    def _unlocked(self, unlocked: object) -> None:
        """Unlocked, with the person's preferences read in the same step (their
        language decides what the main window is built in; see ui/unlocking.py)."""
        assert isinstance(unlocked, tuple) and self.person is not None
        client, prefs = unlocked
        assert isinstance(client, LiveClient)
        if self._pending_pin is not None:
            pin, self._pending_pin = self._pending_pin, None
            self.bridge.call(self.person.set_pin, pin)  # zeroes the buffer
        self._open_main(client, prefs)

    def _open_main(self, client: LiveClient, prefs: object) -> None:
        if self.language is not None:
            self.language.use(prefs.language if isinstance(prefs, Preferences) else "")
        ctx = UiContext(
            self.bridge,
            client,
            self.events,
            self._export_allowed,
            self._copy_allowed,
            self.clipboard,
            # Policy calls_allowed off: no Call button anywhere (an incoming call is
            # declined by the client without ringing).
            self.calls.place if client.calls.calls_allowed else None,
            self.calls.group if client.calls.calls_allowed else None,
        )
        self.calls.attach(client)
        chat, directory = self._build_views(ctx)
        # Named here, not by the caller: after "Switch user" it is someone else's window.
        title = f"{self._title} — {self.person_name}"
        main = MainWindow(ctx, chat, directory, self._notify, title=title)
        self._main_extras = self._on_main(main, ctx) if self._on_main is not None else None
        main.lock_requested.connect(self.lock)
        main.settings_requested.connect(self.show_settings)
        main.privacy_requested.connect(self.show_privacy)
        main.switch_user_requested.connect(self.switch_user)
        self.main = main
        self.alarm.stop()
        self._close_lock_screen()
        self.start.hide()
        resume, self._resume = self._resume, None
        if resume is not None:
            main.restoreGeometry(resume[0])
            main.resume(resume[1])
        main.show()
        main.reload()
        self._apply_preferences(prefs)
        self.calls.unlocked()  # a call that rang behind the lock: Accept now
        self.idle.start()
        self._age.start()
        self.notices.unlocked(client, lambda: self._shown_for(client))

    # ---- privacy notice (ui/shell/notice_flow.py) ------------------------------------

    @property
    def privacy_dialog(self) -> PrivacyDialog | None:
        return self.notices.dialog

    @privacy_dialog.setter
    def privacy_dialog(self, dialog: PrivacyDialog | None) -> None:
        self.notices.dialog = dialog

    def show_privacy(self) -> None:
        """The notice at any time, from the main window's "Datenschutz / Privacy"."""
        self.notices.show(self.main)

    def _shown_for(self, client: LiveClient) -> MainWindow | None:
        main = self.main
        return main if main is not None and main.ctx.client is client else None

    def show_settings(self) -> None:
        self.data.show_settings(self.main)

    def _apply_preferences(self, prefs: object) -> None:
        if isinstance(prefs, Preferences):
            self.idle.set_interval(prefs.auto_lock_minutes.value * 60_000)

    def _settings_applied(self, prefs: object) -> None:
        """Settings saved: a new language builds the main window again in it, where the
        person was (as after an unlock)."""
        self._apply_preferences(prefs)
        main = self.main
        if (
            not isinstance(prefs, Preferences)
            or self.language is None
            or main is None
            or not self.language.use(prefs.language)
        ):
            return
        client = main.ctx.client
        self._resume = (main.saveGeometry(), main.current_conversation())
        self._discard_main()
        self._open_main(client, prefs)

    # ---- LOCKED ------------------------------------------------------------------------

    def _idle(self) -> None:
        """Auto-lock, unless a call rings or runs (then the countdown starts again)."""
        if self.calls.busy:
            self.idle.start()
            return
        self.lock()

    def lock(self) -> None:
        """Tear the views down first, then stop the client and close the database."""
        person = self.person
        if person is None or self.main is None:
            return
        self.idle.stop()
        self.clipboard.clear_ours()
        main = self.main
        geometry = main.saveGeometry()
        self._resume = (geometry, main.current_conversation())
        self._discard_main()
        screen = LockScreen(
            self.person_name,
            receiving=self._receive_while_locked,
            pin_receives=self._receive_while_locked,
        )
        screen.setWindowTitle(self._title)
        # Where WardLink was, as large as it was (maximized on most ward PCs): a small
        # window in its place would look as if WardLink had closed.
        screen.restoreGeometry(geometry)
        screen.pin_entered.connect(self._unlock_pin)
        screen.passphrase_entered.connect(self._unlock_passphrase)
        screen.switch_user.connect(self.switch_user)
        self.lock_screen = screen
        self.calls.lock()  # a running call ends; one ringing in rings on the lock screen
        screen.set_busy(True)
        screen.show()
        self.bridge.submit(person.lock, done=self._locked)

    def _locked(self, state: object) -> None:
        if state is not LockState.PIN_LOCKED or not self._receive_while_locked:
            self.calls.detach()  # nothing is received behind this lock: no calls either
        if self.lock_screen is None:
            return
        if state is LockState.PIN_LOCKED:
            self.lock_screen.ask_pin()
        else:
            self.lock_screen.ask_passphrase()

    def _unlock_pin(self, pin: object) -> None:
        person = self.person
        assert isinstance(pin, bytearray)
        if person is None:
            wipe(pin)
            return

        def failed(message: str) -> None:
            screen = self.lock_screen
            if screen is None:
                return
            if person.state is LockState.PIN_LOCKED:
                screen.ask_pin(person.pin_attempts_left)
            else:  # why, in the UI language: too many wrong PINs, or 12 hours passed
                screen.ask_passphrase(message)

        self.bridge.submit(
            lambda: with_preferences(person.unlock_with_pin(pin)),
            done=self._unlocked,
            error=failed,
        )

    def _unlock_passphrase(self, passphrase: object, pin: object = None) -> None:
        """From the lock screen; ``pin``, if given, is the shift's new PIN (set once
        unlocked, as from the start screen)."""
        person = self.person
        assert isinstance(passphrase, bytearray)
        screen = self.lock_screen
        self._drop_pending_pin()
        if person is None or screen is None:
            wipe(passphrase)
            wipe(pin if isinstance(pin, bytearray) else None)
            return
        self._pending_pin = pin if isinstance(pin, bytearray) else None

        def failed(message: str) -> None:
            self._drop_pending_pin()
            screen.show_error(message)

        self.bridge.submit(
            lambda: with_preferences(person.unlock(passphrase)),
            done=self._unlocked,
            error=failed,
        )

    def _check_age(self) -> None:
        person = self.person
        if person is None:
            return

        def checked(state: object) -> None:
            if state is LockState.PASSPHRASE_REQUIRED and self.main is not None:
                self.lock()

        self.bridge.submit(person.check_age, done=checked)

    # ---- switching and closing -----------------------------------------------------------

    def switch_user(self) -> None:
        person, self.person = self.person, None
        self._resume = None
        self._drop_pending_pin()
        self.idle.stop()
        self._age.stop()
        self.clipboard.clear_ours()
        self.calls.hang_up_now()
        self.calls.detach()
        self._discard_main()
        self._close_lock_screen()
        if self.language is not None:
            self.language.use("")  # the start screen speaks the PC's language
        if person is not None:
            self.bridge.submit(person.close)
        self.show_start()

    def shutdown(self) -> None:
        """Quitting: close the container before the bridge's loop stops."""
        person, self.person = self.person, None
        self._drop_pending_pin()
        self.clipboard.clear_ours()  # what was copied must not outlive WardLink either
        self.field_copies.detach()
        self.calls.detach()
        self.calls.window.close()
        self._discard_main()
        self._close_lock_screen()
        self.idle.detach()
        if person is not None:
            self.bridge.wait(person.close)

    def _discard_main(self) -> None:
        main, self.main = self.main, None
        self._main_extras = None
        self.notices.discard()
        if main is not None:
            main.clear()
            main.hide()
            main.deleteLater()

    def _close_lock_screen(self) -> None:
        self.alarm.stop()
        screen, self.lock_screen = self.lock_screen, None
        if screen is not None:
            screen.hide()
            screen.deleteLater()
