"""The staff directory panel: organisational tree, search as you type, person card.

``DirectoryPanel(ctx)`` emits ``write_to(uid)`` and ``start_group([uids])``; the shell
wires them (``open_conversation`` in this package does the 1:1 / role conversation).
Cards are fetched on the services' thread; an answer for a person who is no longer
selected is dropped. The tree reloads whenever the client (re)connects, because the
directory is refreshed at every connect.

Layout: the result list gets at least ``RESULTS_MIN_CHARS`` average characters (name,
title, ward and department must be readable to tell two "Ben Müller" apart) and the
splitter starts at ``RESULTS_SHARE`` of the panel, less where the card would get under
``CARD_ROOM_CHARS`` (a narrow card scrolled sideways); both sides stay resizable. A result
row is marked "no device yet" lazily, from device lists this session already read (no
round trip per result); the card fetches the person's devices and corrects the mark.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from desktop_app.services import directory_view
from desktop_app.services.directory_view import PersonCard, UnitNode
from desktop_app.services.live_views import ConnectionStatus, Link
from desktop_app.ui.context import UiContext
from desktop_app.ui.directory.card import PersonCardView
from desktop_app.ui.directory.device_hint import mark_known_without_device
from desktop_app.ui.directory.search import PersonSearch
from desktop_app.ui.directory.tree import DirectoryTreeView
from desktop_app.ui.directory.verify import VerifyDialog
from desktop_app.ui.guarded_label import guard_item_copies

RESULTS_MIN_CHARS = 34  # name plus "title · ward, department" without cutting the ward
CARD_MIN_CHARS = 40
CARD_ROOM_CHARS = 58  # a card whose buttons and lines need no sideways scrolling (345 px)
RESULTS_SHARE = 0.42


class DirectoryPanel(QWidget):
    write_to = Signal(str)  # uid of a person or functional account
    call_to = Signal(str, str)  # uid, name of a person to call
    start_group = Signal(list)  # list[str]: people to start a group with
    card_shown = Signal(str)  # uid whose card is now on screen (tests, the shell's title)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._card_seq = 0
        self._selected: str | None = None
        self._focus_write_for: str | None = None
        self._card_loading = False
        self._notice: tuple[str, str] | None = None  # (uid, text) for the next card shown
        self.setAccessibleName(self.tr("Staff directory"))
        self.tree = DirectoryTreeView(self)
        guard_item_copies(self.tree, ctx.copy_rule)
        self.search = PersonSearch(ctx, self, idle=self.tree)
        self.card = PersonCardView(self, ctx.copy_rule)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.card)
        chars = self.fontMetrics().averageCharWidth()
        scroll.setMinimumWidth(chars * CARD_MIN_CHARS)
        left = QWidget(self)
        left.setMinimumWidth(chars * RESULTS_MIN_CHARS)
        self._left = left
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.search)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setHandleWidth(6)
        self.splitter.setChildrenCollapsible(False)
        self._moved = False  # the person moved the handle: keep her split on resizes
        self.splitter.splitterMoved.connect(self._handle_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setFocusProxy(self.search)

        self.search.highlighted.connect(self.show_person)
        self.search.searched.connect(self._searched)
        self.search.activated.connect(self._open_from_search)
        self.tree.person_selected.connect(self.show_person)
        self.tree.person_activated.connect(self._open_from_search)
        self.card.write_to.connect(self.write_to)
        self.card.call_to.connect(self.call_to)
        self.card.set_can_call(ctx.place_call is not None)
        self.card.start_group.connect(self.start_group)
        self.card.verify_requested.connect(self.verify)
        self.card.take_over.connect(self.take_over)
        self.card.answer_request.connect(self.answer_request)
        ctx.events.connection.connect(self._connection)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._moved and self.width() > 0:  # start at the shares above
            self._share()

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        """Until the person moves the handle, each width is shared anew (the shell sizes
        the panel after showing it); after that only a split squeezed by the window."""
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.isVisible():
            total = self.splitter.width()
            left = self.splitter.sizes()[0]
            if not self._moved or left < total * RESULTS_SHARE * 0.6:
                self._share()

    def _handle_moved(self) -> None:
        self._moved = True

    def _share(self) -> None:
        """Results and card at RESULTS_SHARE, the card given CARD_ROOM_CHARS first."""
        total = self.splitter.width() - self.splitter.handleWidth()
        card = self.fontMetrics().averageCharWidth() * CARD_ROOM_CHARS
        results = min(int(total * RESULTS_SHARE), total - card)
        results = max(results, self._left.minimumWidth())
        self.splitter.setSizes([results, max(total - results, 0)])

    # ---- search ----------------------------------------------------------------------

    def _searched(self, _text: str, _count: int) -> None:
        """A new result list: drop the card of someone no longer in it; mark lazily."""
        uids = self.search.model.uids()
        shown = self.card.card.uid if self.card.card is not None else None
        if self._selected is not None and self._selected not in uids:
            self.clear_card()
        elif shown is not None and shown not in uids:
            self.card.show_hint()  # the new row's card is on its way; not the old one
        mark_known_without_device(self._ctx, self.search.model)

    def clear_card(self) -> None:
        """Nobody selected: the card shows the hint again (a late answer is dropped)."""
        self._selected = None
        self._card_seq += 1
        self._card_loading = False
        self.card.show_hint()

    # ---- tree ------------------------------------------------------------------------

    def reload(self) -> None:
        """Rebuild the tree from the verified directory (and refresh the card shown)."""
        self._ctx.bridge.call(
            directory_view.tree,
            self._ctx.client,
            done=self._tree_loaded,
            error=lambda message: self.card.show_message(
                self.tr("The directory cannot be shown: %1").replace("%1", message)
            ),
        )

    def _tree_loaded(self, root: object) -> None:
        assert isinstance(root, UnitNode)
        self.tree.load(root)
        if self._selected is not None and not self._card_loading:
            self.show_person(self._selected)  # the directory may have changed meanwhile

    def _connection(self, status: object) -> None:
        if isinstance(status, ConnectionStatus) and status.link is Link.CONNECTED:
            self.reload()

    # ---- card ------------------------------------------------------------------------

    def show_person(self, uid: str, *, refresh: bool = True) -> None:
        """Show ``uid``'s card (fetching their current devices first when online)."""
        self._selected = uid
        self._card_loading = True
        self._card_seq += 1
        seq = self._card_seq
        client = self._ctx.client

        async def fetch() -> PersonCard | None:
            return await directory_view.card(client, uid, refresh=refresh)

        self._ctx.bridge.submit(
            fetch,
            done=lambda card: self._card_loaded(seq, uid, card),
            error=lambda message: self._card_failed(seq, message),
        )

    def _card_loaded(self, seq: int, uid: str, card: object) -> None:
        if seq != self._card_seq:
            return  # another person was selected meanwhile
        self._card_loading = False
        if card is None:
            self.card.show_message(self.tr("This person is no longer in the directory."))
            return
        assert isinstance(card, PersonCard)
        self.card.show_card(card)
        if not card.entry.is_function and not card.is_me and not card.has_device:
            self.search.model.mark_without_device(frozenset({uid}), add=True)
        else:
            self.search.model.unmark(uid)
        if self._notice is not None and self._notice[0] == uid:
            self.card.set_notice(self._notice[1])
        self._notice = None
        if self._focus_write_for == uid and self.card.write_button.isVisible():
            self.card.write_button.setFocus()
        self._focus_write_for = None
        self.card_shown.emit(uid)

    def _card_failed(self, seq: int, message: str) -> None:
        if seq == self._card_seq:
            self._card_loading = False
            self.card.show_message(message)

    def _open_from_search(self, uid: str) -> None:
        """Enter on a result: show the card and put the focus on "Write message"."""
        self._focus_write_for = uid
        self.show_person(uid)

    # ---- functional accounts: take over, answer requests ----------------------------

    def take_over(self, role_uid: str) -> None:
        """Take the role over, or ask its holders (policy ``holder``); then show it anew."""
        client = self._ctx.client

        async def go() -> object:
            return await directory_view.take_over(client, role_uid)

        def done(result: object) -> None:
            waiting = getattr(result, "waiting", False)
            text = "" if waiting else self.tr("You hold this role now; messages to it reach you.")
            self._after_role_change(role_uid, text)

        self._ctx.bridge.submit(go, done=done, error=lambda message: self.card.set_notice(message))

    def answer_request(self, request_id: int, approve: bool) -> None:
        """As a holder of the role on the card: approve or decline a take-over request."""
        client = self._ctx.client
        role_uid = self._selected or ""

        async def go() -> int:
            return await directory_view.answer_request(client, request_id, approve)

        text = "" if approve else self.tr("You declined the request.")
        self._ctx.bridge.submit(
            go,
            done=lambda _version: self._after_role_change(role_uid, text),
            error=lambda message: self.card.set_notice(message),
        )

    def _after_role_change(self, role_uid: str, notice: str) -> None:
        self._notice = (role_uid, notice) if notice else None
        if self._selected == role_uid:
            self.show_person(role_uid, refresh=False)

    # ---- verification ----------------------------------------------------------------

    def verify(self, uid: str, device_id: str) -> VerifyDialog:
        """Open the safety-number comparison for one of ``uid``'s devices."""
        dialog = VerifyDialog(self._ctx, uid, device_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self._comparison_recorded)
        dialog.open()
        return dialog

    def _comparison_recorded(self, uid: str, _device_id: str, _matched: bool) -> None:
        if uid == self._selected:
            self.show_person(uid, refresh=False)
