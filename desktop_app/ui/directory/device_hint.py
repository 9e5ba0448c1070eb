"""Say "no device yet" in the New conversation dialog before "Write message" is pressed.

Seen in the walk as a ward nurse: in the demo most colleagues are not enrolled yet. The
directory panel marks them "no device yet", but New conversation did not: she chose
"Emma Müller", pressed "Write message", and only then read that no device was enrolled.
Now the chosen row's devices are fetched as the card fetches them (one request per
choice), the row is marked as in the directory, and the same sentence the refusal
would bring shows at once. "Write message" stays pressable: IT may enroll meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from desktop_app.services import directory_view
from desktop_app.services.directory_view import PersonCard
from desktop_app.services.errors import UnknownRecipient
from desktop_app.ui.context import UiContext
from desktop_app.ui.directory.search import PersonSearch, SearchResultsModel
from desktop_app.ui.error_text import user_message


def mark_known_without_device(
    ctx: UiContext, model: SearchResultsModel, *, add: bool = False
) -> None:
    """Mark the rows of people whose device lists this session already read and found
    empty (no request per row; ``add``: keep the marks already set)."""
    uids = model.uids()
    if not uids:
        return

    def marked(found: object) -> None:
        if isinstance(found, frozenset):
            model.mark_without_device(found, add=add)

    ctx.bridge.call(directory_view.without_device, ctx.client, uids, done=marked)


class NoDeviceHint(QObject):
    """Watches ``search``'s current row and says in ``line`` if that person has no device."""

    def __init__(
        self, ctx: UiContext, search: PersonSearch, line: QLabel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx, self._search, self.line = ctx, search, line
        self._seq = 0
        self._said: str | None = None  # the uid the line speaks of
        search.highlighted.connect(self.check)
        search.searched.connect(self._mark_known)

    def _mark_known(self, _text: str, _count: int) -> None:
        mark_known_without_device(self._ctx, self._search.model, add=True)

    def check(self, uid: str) -> None:
        """Fetch ``uid``'s devices; an answer for an earlier row is dropped."""
        self._seq += 1
        seq, client = self._seq, self._ctx.client
        if self._said != uid:
            self.line.hide()

        async def fetch() -> PersonCard | None:
            return await directory_view.card(client, uid)

        self._ctx.bridge.submit(fetch, done=lambda card: self._answered(seq, uid, card))

    def forget(self) -> None:
        """Hide the line and drop an answer still on its way (the chat is being opened)."""
        self._seq += 1
        self._said = None
        self.line.hide()

    def _answered(self, seq: int, uid: str, card: object) -> None:
        if seq != self._seq or not isinstance(card, PersonCard):
            return
        if card.entry.is_function or card.is_me or card.has_device:
            self._search.model.unmark(uid)
            if self._said == uid:
                self.line.hide()
            return
        self._search.model.mark_without_device(frozenset({uid}), add=True)
        self._said = uid
        name = card.entry.cn
        self.line.setText(user_message(UnknownRecipient("", key="no_enrolled_device", who=name)))
        self.line.show()
