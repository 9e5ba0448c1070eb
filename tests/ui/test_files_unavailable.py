"""Team files whose body could not be fetched, provoked through a real relay: one
version's blob deleted on the relay, another's damaged there. The Files tab marks them
"not available on this PC" with the reason (still after the app restarted), opening and
restoring them say why that cannot work, and a click fetches again once the relay has
the file back."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations
from desktop_app.ui.teamwork.files_window import FilesWindow
from desktop_app.ui.viewers.text_window import TextWindow
from tests.ui.chat_support import TIMEOUT_MS, call, start_direct
from tests.ui.live import app_run
from tests.ui.test_chat_forward_mentions import submit

WORDS = {
    "en": {
        "mark": "15 B · Not available on this PC (deleted on the relay) – click to try again",
        "old_mark": "13 B · Not available on this PC (arrived damaged) – click to try again",
        "not_opened": "Not opened: Dienstplan.txt is not on this PC, and the relay no longer "
        "has it; ask whoever added it to add it again.",
        "not_restored": "Version 1 was not restored: Dienstplan.txt arrived damaged and was "
        "not kept; try again, or ask whoever added it to add it again.",
        "retry": "Try again",
        "fetched": "Dienstplan.txt is now on this PC.",
    },
    "de": {
        "mark": "15 B · Auf diesem PC nicht verfügbar (auf dem Relay gelöscht) – für neuen "
        "Versuch anklicken",
        "old_mark": "13 B · Auf diesem PC nicht verfügbar (beschädigt angekommen) – für neuen "
        "Versuch anklicken",
        "not_opened": "Nicht geöffnet: Dienstplan.txt ist nicht auf diesem PC, und das Relay "
        "hat die Datei nicht mehr; bitten Sie die Person, die sie hinzugefügt hat, sie erneut "
        "hinzuzufügen.",
        "not_restored": "Version 1 wurde nicht wiederhergestellt: Dienstplan.txt kam beschädigt "
        "an und wurde nicht behalten; versuchen Sie es erneut oder bitten Sie die Person, die "
        "sie hinzugefügt hat, sie erneut hinzuzufügen.",
        "retry": "Erneut versuchen",
        "fetched": "Dienstplan.txt ist jetzt auf diesem PC.",
    },
}


def click(qtbot: QtBot, window: FilesWindow, item: QTreeWidgetItem) -> None:
    rect = window.tree.visualItemRect(item)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_document_the_relay_lost_or_damaged_is_marked_explained_and_fetched_again(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    language: str,
) -> None:
    words = WORDS[language]
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, language) if language != "en" else []
    request.addfinalizer(lambda: [app.removeTranslator(t) for t in installed])
    gui_ward.enroll("mueller.jonas")  # his PC is off while Anna shares the plan
    anna = live_session(gui_ward, "weber.anna")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    at_anna = FilesWindow(anna.ctx, cid, "Jonas Müller")
    qtbot.addWidget(at_anna)
    plan = tmp_path / "Dienstplan.txt"
    for number, text in ((1, "Früh: Weber\n"), (2, "Früh: Müller\n")):
        plan.write_text(text, encoding="utf-8")
        at_anna.upload(plan)
        qtbot.waitUntil(lambda n=number: f" {n}" in at_anna.status.text(), timeout=TIMEOUT_MS)

    # On the relay: version 2's blob is gone, version 1's is damaged
    documents = call(qtbot, anna, anna.ctx.client.messenger.documents.files, cid).documents
    first, second = documents[0].versions
    blobs = gui_ward.root / "blobs"
    kept = tmp_path / "kept-blob"
    shutil.move(blobs / second.blob_id, kept)
    damaged = bytearray((blobs / first.blob_id).read_bytes())
    damaged[-5] ^= 0x01
    (blobs / first.blob_id).write_bytes(bytes(damaged))

    jonas = live_session(gui_ward, "mueller.jonas")  # his login fetches both, and fails
    window = FilesWindow(jonas.ctx, cid, "Dr. Anna Weber")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(
        lambda: (
            window.tree.topLevelItemCount() == 1
            and window.tree.topLevelItem(0).text(5) == words["mark"]
            and window.tree.topLevelItem(0).child(0).text(5) == words["old_mark"]
        ),
        timeout=TIMEOUT_MS,
    )
    latest = window.tree.topLevelItem(0)
    assert latest.toolTip(0) != "" and not latest.icon(0).isNull()
    assert window.retry_button.isHidden()  # nothing chosen yet

    # Opening the latest version says why it cannot work
    window.tree.setCurrentItem(latest)
    assert window.retry_button.isVisible() and window.retry_button.text() == words["retry"]
    window.open_button.click()
    qtbot.waitUntil(lambda: window.status.text() == words["not_opened"], timeout=TIMEOUT_MS)

    # Restoring the damaged version 1 says why it cannot work
    window.tree.setCurrentItem(window.tree.topLevelItem(0).child(0))
    window.restore_button.click()
    qtbot.waitUntil(lambda: window.status.text() == words["not_restored"], timeout=TIMEOUT_MS)
    assert window.tree.topLevelItem(0).child(0).text(5) == words["old_mark"]  # still marked

    # The relay has version 2 again: a click on the marked row fetches it
    shutil.move(kept, blobs / second.blob_id)
    click(qtbot, window, window.tree.topLevelItem(0))
    qtbot.waitUntil(lambda: window.status.text() == words["fetched"], timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.tree.topLevelItem(0).text(5) == "15 B", timeout=TIMEOUT_MS)
    assert window.selected() is not None and window.selected()[1] == 2  # still chosen
    assert window.retry_button.isHidden()
    window.open_button.click()
    qtbot.waitUntil(lambda: bool(window.opener.windows), timeout=TIMEOUT_MS)
    viewer = window.opener.windows[-1]
    assert isinstance(viewer, TextWindow)
    assert viewer.editor.toPlainText() == "Früh: Müller\n"
    window.opener.close_all()
    window.close()
    at_anna.close()


def test_a_chat_file_whose_download_failed_is_marked_and_fetched_again_on_a_click(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path
) -> None:
    gui_ward.enroll("mueller.jonas")  # his PC is off while Anna sends the file
    anna = live_session(gui_ward, "weber.anna")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    note = tmp_path / "Befund.txt"
    note.write_text("Troponin negativ\n", encoding="utf-8")
    submit(qtbot, anna, lambda: anna.ctx.client.send_files(cid, [note]))
    blobs = gui_ward.root / "blobs"
    aside = tmp_path / "aside"
    aside.mkdir()
    for blob in blobs.iterdir():  # the relay lost it
        shutil.move(blob, aside / blob.name)

    jonas = live_session(gui_ward, "mueller.jonas")  # his login downloads it, and fails
    window = FilesWindow(jonas.ctx, cid, "Dr. Anna Weber")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    mark = "17 B · Not available on this PC – click to try again"
    qtbot.waitUntil(
        lambda: (
            window.tree.topLevelItemCount() == 1 and window.tree.topLevelItem(0).text(5) == mark
        ),
        timeout=TIMEOUT_MS,
    )
    click(qtbot, window, window.tree.topLevelItem(0))
    qtbot.waitUntil(
        lambda: (
            window.status.text()
            == "Befund.txt is still not available: the relay could not provide it; ask whoever "
            "shared it to send it again."
        ),
        timeout=TIMEOUT_MS,
    )

    for blob in aside.iterdir():  # the relay has it again
        shutil.move(blob, blobs / blob.name)
    click(qtbot, window, window.tree.topLevelItem(0))
    qtbot.waitUntil(
        lambda: window.status.text() == "Befund.txt is now on this PC.", timeout=TIMEOUT_MS
    )
    qtbot.waitUntil(lambda: window.tree.topLevelItem(0).text(5) == "17 B", timeout=TIMEOUT_MS)
    window.open_button.click()
    qtbot.waitUntil(lambda: bool(window.opener.windows), timeout=TIMEOUT_MS)
    viewer = window.opener.windows[-1]
    assert isinstance(viewer, TextWindow)
    assert viewer.editor.toPlainText() == "Troponin negativ\n"
    window.opener.close_all()
    window.close()


def test_after_a_restart_a_marked_file_still_says_why_it_is_not_here(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path
) -> None:
    gui_ward.enroll("mueller.jonas")  # his PC is off while Anna shares the plan
    anna = live_session(gui_ward, "weber.anna")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    at_anna = FilesWindow(anna.ctx, cid, "Jonas Müller")
    qtbot.addWidget(at_anna)
    plan = tmp_path / "Dienstplan.txt"
    plan.write_text("Früh: Weber\n", encoding="utf-8")
    at_anna.upload(plan)
    qtbot.waitUntil(lambda: " 1" in at_anna.status.text(), timeout=TIMEOUT_MS)
    (document,) = call(qtbot, anna, anna.ctx.client.messenger.documents.files, cid).documents
    (blob,) = (v.blob_id for v in document.versions)
    (gui_ward.root / "blobs" / blob).unlink()  # deleted on the relay

    with app_run(qtbot, gui_ward, "mueller.jonas") as jonas:  # his login fetches it, and fails
        store = jonas.container.documents
        qtbot.waitUntil(lambda: bool(call(qtbot, jonas, store.unfetched, cid)), timeout=TIMEOUT_MS)
    # WardLink restarted: nothing of the failure is left in memory
    jonas = live_session(gui_ward, "mueller.jonas")
    window = FilesWindow(jonas.ctx, cid, "Dr. Anna Weber")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    mark = "13 B · Not available on this PC (deleted on the relay) – click to try again"
    qtbot.waitUntil(
        lambda: (
            window.tree.topLevelItemCount() == 1 and window.tree.topLevelItem(0).text(5) == mark
        ),
        timeout=TIMEOUT_MS,
    )
    assert window.tree.topLevelItem(0).toolTip(5).startswith("The relay no longer has this file.")
    window.close()
    at_anna.close()
