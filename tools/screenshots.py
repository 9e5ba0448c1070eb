"""`make screenshots`: the README's pictures, rendered offscreen from a real demo.

Builds (or reuses) a demo organisation in a scratch folder, opens the app as the first
demo person exactly as `wardlink demo` does, and saves the start screen, the join dialog
after a mistyped code, the main window with the X-ray chat, that chat with a reply,
reactions and an edit, the task list and the calendar's week and the Files of that chat
(docs/teamwork.md), the find bar (Ctrl+F) in that chat, the ECG viewer, the directory
panel, the privacy notice (as shown when IT configured none: WardLink's filled-in
template), an ECG cart's PDF report in the PDF viewer, the incoming, active and video
call windows, a voice message with search results, a video clip's card and the find bar to
docs/screenshots/. `screenshots.py pdf` renders only the PDF viewer, `screenshots.py
calls` only the call windows, `screenshots.py voice` only the voice message and search
results, `screenshots.py video` only the video card, `screenshots.py find` only the find bar,
`screenshots.py files` only the Files window, `screenshots.py annotate` only the annotated
X-ray sent back into the chat (a GSPS reply) and the compare window, `screenshots.py
study` only a study's card while it downloads (issue 18), `screenshots.py join` only the
join dialog after a mistyped code.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.commands.demo_flow import prepare_demo, prepare_window
from desktop_app.domain.calendar import CalendarEvent
from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.medical.samples import make_dx
from desktop_app.medical.study_package import MIME_TYPE as STUDY_MIME
from desktop_app.medical.worker import DecodeWorker
from desktop_app.services.call_camera import FrameBuffer, RgbFrame
from desktop_app.services.live_views import ConversationRow, MemoryFile, MessageRow, Transfer
from desktop_app.services.policy import Policy
from desktop_app.services.privacy_notice import current_notice
from desktop_app.services.study_downloads import StudyProgress
from desktop_app.ui import translations
from desktop_app.ui.app import ViewBuilder, build_controller
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.calls.group_window import GroupCallWindow
from desktop_app.ui.calls.window import CallWindow
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat import model as chat_roles
from desktop_app.ui.directory import DirectoryPanel
from desktop_app.ui.launch import LaunchOptions
from desktop_app.ui.lock.lock_screen import LockScreen
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.privacy_dialog import PrivacyDialog
from desktop_app.ui.viewers.annotation_marks import ArrowMark, EllipseMark, TextMark
from desktop_app.ui.viewers.compare_window import CompareWindow
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.pdf_view import PdfViewer
from desktop_app.ui.viewers.viewer_window import ViewerWindow
from tests.ui.pdf_samples import ecg_report_pdf
from tests.video_samples import make_clip

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def wait(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, name: str) -> None:
    path = OUT / name
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(OUT.parent.parent)}")


def save_join_dialog(controller: AppController) -> None:
    """Joining with a mistyped code: the dialog says so before anything is sent, and the
    passphrase stays typed (a 1280x800 ward PC's screen)."""
    controller.show_join()
    dialog = controller.joining.dialog
    assert dialog is not None
    dialog.code.setText("WL1-ABCD-EFGH-JKLM-NPQR-STUV")
    dialog.relay.setText("relay.klinikum.local:7443")
    dialog.name.setText("Jonas Müller")
    dialog.passphrase.setText("Visite-um-neun-2026")
    dialog.repeat.setText("Visite-um-neun-2026")
    dialog.understood.setChecked(True)
    dialog.buttons.accepted.emit()
    settle(0.3)
    save(dialog, "join-dialog.png")
    dialog.reject()
    controller.show_start()


def save_privacy_notice() -> None:
    """The notice as a new version asks for it at unlock (German UI, German tab)."""
    dialog = PrivacyDialog(current_notice(Policy()), ask_acknowledgement=True)
    dialog.resize(720, 640)
    dialog.show()
    settle(0.3)
    save(dialog, "privacy-notice.png")
    dialog.close()


def save_lock_screen() -> None:
    """A PIN-locked ward PC after an urgent message (name only) and two others."""
    screen = LockScreen("Dr. Anna Weber", receiving=True)
    screen.resize(640, 480)
    for message_id in ("m1", "m2", "m3"):
        screen.count_waiting(message_id)
    screen.show_urgent("Jonas Müller")
    screen.show()
    settle(0.3)
    save(screen, "lock-screen-urgent.png")
    screen.close()


def save_call_windows() -> None:
    """An incoming call (the caller's name only) and a call in progress, muted."""
    window = CallWindow()
    window.incoming("Dr. Lena Schmidt")
    window.resize(420, 200)
    window.show()
    settle(0.3)
    save(window, "call-incoming.png")
    window.active()
    window.set_peer("Radiologie", True)
    window.mute_button.setChecked(True)
    settle(0.3)
    save(window, "call-active.png")
    window.close()
    save_video_call()
    save_group_call()


def _monitor_picture() -> RgbFrame:
    """A shared monitor curve: a green ECG-like trace on black, 640x360."""
    width, height = 640, 360
    pixels = np.zeros((height, width, 3), np.uint8)
    x = np.arange(width)
    beat = (
        np.exp(-(((x % 160) - 80) ** 2) / 18.0) * 120 - np.exp(-(((x % 160) - 92) ** 2) / 40.0) * 30
    )
    y = (height // 2 - beat + 10 * np.sin(x / 25)).astype(int).clip(2, height - 3)
    for i in range(width - 1):  # each column joins the next: steep spikes stay lines
        low, high = sorted((int(y[i]), int(y[i + 1])))
        pixels[low - 1 : high + 2, i] = (40, 230, 90)
    return RgbFrame(width, height, pixels.tobytes())


def save_video_call() -> None:
    """A call in progress sharing a monitor curve, one's own camera small beside it."""
    window = CallWindow()
    window.name.setText("Dr. Lena Schmidt")
    window.video_possible = window.share_possible = True
    remote, camera = FrameBuffer(), FrameBuffer()
    remote.show(_monitor_picture())
    shade = np.linspace(60, 140, 240, dtype=np.uint8)[:, None, None]
    own = np.broadcast_to(shade, (240, 320, 3)).copy()
    own[:, :, 2] = 170
    camera.show(RgbFrame(320, 240, own.tobytes()))
    window.set_video(remote, camera)
    window.active()
    window.set_peer("Kardiologie", True)
    window.camera_button.setChecked(True)
    window.resize(720, 560)
    window.show()
    settle(0.5)
    save(window, "call-video.png")
    window.close()


GROUPS = "GroupCallController"  # the translation context of the tiles' states


def save_group_call() -> None:
    """A ward huddle of four: one shares a monitor curve, one speaks, one is muted."""
    window = GroupCallWindow()
    window.title.setText("Visite 3B")
    window.video_possible = window.share_possible = True
    window.active()
    people = [
        ("weber.anna", "Dr. Anna Weber", "Kardiologie", True),
        ("mueller.jonas", "Jonas Müller", "Kardiologie", True),
        ("schmidt.lena", "Dr. Lena Schmidt", "Radiologie", False),
        ("yilmaz.derya", "Derya Yılmaz", "Chirurgie", True),
    ]
    window.grid.set_people([(uid, name) for uid, name, _, _ in people])
    monitor = FrameBuffer()
    monitor.show(_monitor_picture())
    for uid, _name, department, confirmed in people:
        tile = window.grid.tiles[uid]
        if uid != "weber.anna":
            tile.set_details(department, confirmed)
            tile.set_state(QCoreApplication.translate(GROUPS, "good connection") + " · 4 ms · 0 %")
    window.grid.tiles["weber.anna"].set_state(QCoreApplication.translate(GROUPS, "you"))
    window.grid.tiles["weber.anna"].set_muted(True)
    window.grid.tiles["schmidt.lena"].watch(monitor)
    window.grid.tiles["mueller.jonas"].set_speaking(True)
    window.mute_button.setChecked(True)
    window.resize(860, 600)
    window.show()
    settle(0.5)
    save(window, "call-group.png")
    window.close()


def save_pdf_viewer() -> None:
    """An ECG cart's PDF report in the app's PDF viewer, searching for a finding."""
    window = ViewerWindow(ecg_report_pdf(), None, title="EKG-Befund.pdf")
    window.resize(1280, 860)
    window.show()
    viewer = window.viewer
    assert isinstance(viewer, PdfViewer), "the PDF did not open"
    wait(viewer.thumbnails_done)
    viewer.open_find()
    viewer.find_box.setText("Sinusrhythmus")
    wait(lambda: viewer.search_count() >= 2 and viewer.settled())
    settle(0.5)
    save(window, "viewer-pdf.png")
    window.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    keep = translations.install(app, "de")
    if sys.argv[1:] == ["pdf"]:  # only the PDF viewer: no demo organisation needed
        save_pdf_viewer()
        return 0
    if sys.argv[1:] == ["calls"]:
        save_call_windows()
        return 0
    only_voice = sys.argv[1:] == ["voice"]  # only the voice message and search results
    only_video = sys.argv[1:] == ["video"]
    only_find = sys.argv[1:] == ["find"]  # only the find bar in the chat
    only_files = sys.argv[1:] == ["files"]
    only_teamwork = sys.argv[1:] == ["teamwork"]  # tasks, week and month
    only_annotate = sys.argv[1:] == ["annotate"]
    only_study = sys.argv[1:] == ["study"]  # only a study's card while it downloads
    only_join = sys.argv[1:] == ["join"]  # only the join dialog with a mistyped code
    only_chat = (
        only_voice
        or only_video
        or only_find
        or only_files
        or only_teamwork
        or only_annotate
        or only_study
    )
    if not only_chat and not only_join:
        save_privacy_notice()
        save_call_windows()
        save_lock_screen()
        save_pdf_viewer()
    scratch = Path(os.environ.get("WARDLINK_SCREENSHOT_DEMO", tempfile.gettempdir())) / "wl-shots"
    prepared = prepare_demo(scratch, fresh=True)  # from this code, never a stale demo
    window = prepare_window(prepared, "FIRST", advertise=False)
    prepared.stop_relay()
    bridge = AsyncBridge()
    worker = DecodeWorker()
    options = LaunchOptions(
        profile_root=window.profile_root,
        relay=window.relay_address,
        discovery=False,
        window_title="WardLink",
    )
    controller = build_controller(app, bridge, options, ViewBuilder(worker), policy=Policy())
    try:
        controller.show_start()
        controller.start.resize(620, 560)
        settle(0.3)
        if only_join:
            save_join_dialog(controller)
            return 0
        if not only_chat:
            save(controller.start, "start-screen.png")
            save_join_dialog(controller)
        controller.unlock(window.open_profile, window.passphrase)
        wait(lambda: controller.main is not None)
        main = controller.main
        assert main is not None
        main.resize(1360, 860)
        wait(lambda: main.conversations.model.rowCount() > 0)
        wait(lambda: "●" in main.connection.text())
        rows: list[ConversationRow] = main.conversations.model.rows()
        direct = next(r for r in rows if r.kind.value == "direct")
        main.open_conversation(direct.conversation_id, direct.title)
        chat = main.chat
        assert isinstance(chat, ChatView)
        wait(lambda: chat.model.rowCount() > 3, 60)
        settle(2.5)  # thumbnails decode on the services' thread
        chat.list.scroll_to_end()
        settle(0.5)
        if only_video:
            save_video_card(main, chat)
            return 0
        if only_files:
            save_files(main, direct.conversation_id, direct.title, scratch)
            return 0
        if only_teamwork:
            save_teamwork(main, direct.conversation_id, direct.title)
            return 0
        if only_voice:
            save_voice_and_search(main, chat)
            return 0
        if only_find:
            save_find_bar(chat)
            return 0
        if only_annotate:
            save_annotated_and_compare(main, chat)
            return 0
        if only_study:
            save_study_downloading(main, chat)
            return 0
        save(main, "main-window.png")
        save(chat, "chat-xray.png")
        save_replies_reactions(chat)
        save_video_card(main, chat)
        save_find_bar(chat)
        save_teamwork(main, direct.conversation_id, direct.title)
        save_files(main, direct.conversation_id, direct.title, scratch)
        save_annotated_and_compare(main, chat)
        save_study_downloading(main, chat)
        ecg = _attachment(chat, "EKG")
        if ecg is not None:
            chat.open_attachment(ecg)
            wait(lambda: bool(chat.opener.windows))
            viewer = chat.opener.windows[-1]
            viewer.resize(1280, 860)
            settle(1.5)
            save(viewer, "ecg-viewer.png")
            viewer.close()
        main.toggle_directory(True)
        panel = main.directory
        assert isinstance(panel, DirectoryPanel)
        panel.search.field.setText("Yılmaz")
        settle(1.0)
        panel.show_person(prepared.record.person("SECOND").uid)
        settle(1.5)
        save(main, "directory-panel.png")
    finally:
        controller.shutdown()
        bridge.shutdown()
        worker.close()
        window.close()
        del keep
    return 0


def save_replies_reactions(chat: ChatView) -> None:
    """A reply quoting the other person, reactions on both sides and an edited message,
    made through the chat's own menu actions and composer (as a person would)."""
    theirs = [r for r in chat.model.rows() if not r.mine and r.message.body]
    if not theirs:
        return
    question = theirs[-1]
    actions, composer = chat.message_actions, chat.composer
    actions.react(question, "👍")
    actions.reply(question)
    composer.editor.setPlainText("Ist notiert, ich schaue um 15 Uhr nach ihm.")
    composer.submit()
    composer.editor.setPlainText("Kalium 3,1 mmol/l")
    composer.submit()
    wait(lambda: any(r.message.body == "Kalium 3,1 mmol/l" for r in chat.model.rows()))
    (potassium,) = [r for r in chat.model.rows() if r.message.body == "Kalium 3,1 mmol/l"]
    composer.start_edit(potassium.message_id, potassium.message.body)
    composer.editor.setPlainText("Kalium 3,4 mmol/l (Kontrolle 14:30)")
    composer.submit()
    wait(lambda: any(r.message.edited_at is not None for r in chat.model.rows()))
    (edited,) = [r for r in chat.model.rows() if r.message.edited_at is not None]
    actions.react(edited, "✅")
    wait(lambda: any(r.reactions for r in chat.model.rows() if r.mine))
    settle(0.5)
    chat.list.scroll_to_end()
    settle(0.3)
    save(chat, "chat-replies-reactions.png")


def save_find_bar(chat: ChatView) -> None:
    """Ctrl+F in the chat: the find bar with its count, the words marked in the bubbles.
    It looks for the chat's most frequent longer word, so there is something to find."""
    words = Counter(
        w.lower() for r in chat.model.rows() for w in re.findall(r"\w{6,}", r.message.body)
    )
    if not words:
        return
    chat.find_bar.open_bar()
    chat.find_bar.field.setText(words.most_common(1)[0][0])
    wait(lambda: bool(chat.find_bar.count.text()))
    settle(0.8)
    save(chat, "chat-find.png")
    chat.find_bar.close_bar()
    chat.list.scroll_to_end()
    settle(0.3)


def run(main: MainWindow, make: Callable[[], Any]) -> Any:
    """Run a service coroutine through the window's bridge and wait for it."""
    out: list[Any] = []
    main.ctx.bridge.submit(make, done=out.append, error=lambda m: out.append(RuntimeError(m)))
    wait(lambda: bool(out))
    if isinstance(out[0], Exception):
        raise out[0]
    return out[0]


def save_teamwork(main: MainWindow, cid: str, title: str) -> None:
    """The task list of the direct chat (one overdue, one for a functional account), the
    calendar's week with duty shifts and its month with a weekly team meeting, made
    through the services as a person would."""
    client = main.ctx.client
    tw = client.teamwork
    me = client.uid
    roles = run(main, _value(client.duty_accounts))
    role = roles[0][0] if roles else None
    members = run(main, _value(lambda: client.members(cid)))
    holders = [me, next((u for u, _n, _a in members if u != me), me)]
    now = datetime.now().astimezone().replace(minute=0, second=0, microsecond=0)
    hour = 3_600_000
    ms = int(now.timestamp() * 1000)
    plans = [
        (
            "Kalium kontrollieren (Zi. 12)",
            me,
            ms - 2 * hour,
            True,
            ("Blut abnehmen", "Wert eintragen"),
        ),
        ("EKG nach Belastung", role, ms + 3 * hour, False, ()),
        ("Entlassbrief vorbereiten", None, ms + 26 * hour, False, ()),
    ]
    for text, assignee, due, urgent, items in plans:
        run(
            main,
            lambda t=text, a=assignee, d=due, u=urgent, i=items: tw.add_task(  # type: ignore[misc]
                cid, t, assignee=a, due_ms=d, urgent=u, notes="", items=i, from_message=None
            ),
        )
    monday = (now - timedelta(days=now.weekday())).replace(hour=7, minute=0)
    for day in range(5):
        for start_h, length, name in ((7, 8, "Frühdienst"), (15, 8, "Spätdienst")):
            begin = monday + timedelta(days=day, hours=start_h - 7)
            event = CalendarEvent(
                uuid.uuid4().hex,
                name,
                begin,
                begin + timedelta(hours=length),
                location="Station 3B",
                duty_role=role,
                duty_holder=holders[(day + start_h) % 2] if role else None,
            )
            run(main, lambda e=event: tw.save_event(cid, e))  # type: ignore[misc]
    first = now.replace(day=1, hour=13)
    meeting = CalendarEvent(
        uuid.uuid4().hex,
        "Teambesprechung",
        first,
        first + timedelta(hours=1),
        location="Stationszimmer",
        rrule="FREQ=WEEKLY;BYDAY=WE",
    )
    run(main, lambda: tw.save_event(cid, meeting))
    team = main.teamwork
    tasks = team.show_tasks(cid, title)
    tasks.resize(980, 360)
    wait(lambda: tasks.table.topLevelItemCount() == 3)
    settle(0.5)
    save(tasks, "teamwork-tasks.png")
    calendar = team.show_calendar(cid, title)
    calendar.resize(1180, 760)
    wait(lambda: len(calendar.view.rows) >= 10)
    settle(0.5)
    save(calendar, "teamwork-week.png")
    calendar.show_month()
    wait(lambda: len(calendar.month_view.rows) >= 14)
    settle(0.5)
    save(calendar, "teamwork-month.png")
    tasks.close()
    calendar.close()


def save_files(main: MainWindow, cid: str, title: str, scratch: Path) -> None:
    """The chat's Files window: an SOP in two versions and a duty plan in folders, beside
    the files shared in the chat, uploaded through the services as a person would."""
    files = main.ctx.client.files
    folder = scratch / "files"
    folder.mkdir(parents=True, exist_ok=True)
    uploads = [
        ("SOPs", "SOP Sepsis.txt", "Blutkulturen vor Antibiose.\n"),
        ("SOPs", "SOP Sepsis.txt", "Blutkulturen vor Antibiose; Laktat nach 2 h.\n"),
        ("Dienstpläne", "Dienstplan Dezember.txt", "Früh: Weber, Spät: Müller\n"),
    ]
    for where, name, text in uploads:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        run(main, lambda p=path, w=where: files.put(cid, p, w))  # type: ignore[misc]
    window = main.teamwork.show_files(cid, title)
    window.resize(1100, 420)
    wait(lambda: window.tree.topLevelItemCount() >= 2)
    window.tree.expandAll()
    settle(0.5)
    save(window, "teamwork-files.png")
    window.close()


def save_annotated_and_compare(main: MainWindow, chat: ChatView) -> None:
    """The X-ray annotated in the viewer (arrow, ellipse, text) and sent back as a GSPS
    reply, the chat showing that reply; then yesterday's film beside today's."""
    xray = _attachment(chat, "thorax")
    assert isinstance(xray, Attachment)
    chat.open_attachment(xray)
    wait(lambda: bool(chat.opener.windows))
    window = chat.opener.windows[-1]
    assert isinstance(window, ViewerWindow) and isinstance(window.viewer, ImageViewer)
    viewer = window.viewer
    window.resize(1280, 860)
    wait(lambda: viewer.view.source is not None)
    marks = viewer.view.editor.marks
    marks.append(ArrowMark(QPointF(420, 420), QPointF(700, 640)))
    marks.append(EllipseMark(QPointF(640, 560), QPointF(900, 820)))
    marks.append(TextMark(QPointF(300, 380), "Pneumothorax?"))
    viewer.view.update()
    viewer.annotations.send_now()
    wait(lambda: any(r.message.reply_to == xray.message_id for r in chat.model.rows()), 60)
    settle(1.0)
    save(window, "viewer-annotated.png")
    window.close()
    chat.list.scroll_to_end()
    settle(0.5)
    save(chat, "chat-annotated.png")
    cid = chat.conversation
    assert cid is not None
    older = MemoryFile("roentgen-thorax-gestern.dcm", _dicom_bytes(make_dx(2048, 1664)))
    run(main, lambda: main.ctx.client.send_files(cid, [older], "Aufnahme von gestern"))
    chat.opener.compare.start(xray)
    wait(lambda: chat.opener.compare.picker is not None)
    picker = chat.opener.compare.picker
    assert picker is not None
    picker.accept()
    wait(lambda: any(isinstance(w, CompareWindow) for w in chat.opener.windows), 60)
    compare = next(w for w in chat.opener.windows if isinstance(w, CompareWindow))
    compare.resize(1500, 820)
    for pane in compare.image_viewers():
        wait(lambda p=pane: p.view.source is not None, 60)
    settle(1.0)
    save(compare, "viewer-compare.png")
    compare.close()


def _dicom_bytes(ds: Any) -> bytes:
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()


def _value(fn: Callable[[], Any]) -> Callable[[], Any]:
    async def call() -> Any:
        return fn()

    return call


class SyntheticVoice:
    """Stands in for the microphone: 2.4 s of a speech-like signal (tones, syllables)."""

    rate = 16_000

    def start(self, on_data: Callable[[bytes], None]) -> None:
        t = np.arange(int(self.rate * 2.4)) / self.rate
        syllables = np.clip(np.sin(2 * np.pi * 2.5 * t), 0, None) * (0.6 + 0.4 * np.sin(t * 3))
        tone = np.sin(2 * np.pi * 180 * t) + 0.4 * np.sin(2 * np.pi * 540 * t)
        on_data((7000 * syllables * tone).astype(np.int16).tobytes())

    def stop(self) -> None:
        pass


def save_voice_and_search(main: MainWindow, chat: ChatView) -> None:
    """A voice message recorded in the composer (a synthetic microphone), then a search
    across all conversations with its results list beside the chat."""
    chat.composer.recorder.make_input = SyntheticVoice
    chat.composer.recorder.toggle()
    chat.composer.recorder.toggle()
    wait(lambda: any(r.voice is not None for r in chat.model.rows()), 60)
    settle(0.5)
    chat.list.scroll_to_end()
    main.conversations.search.setText("Troponin")
    wait(lambda: main.conversations.results.list.count() > 0)
    settle(0.8)
    save(main, "chat-voice-search.png")


def save_video_card(main: MainWindow, chat: ChatView) -> None:
    """A 6-second clip sent from memory: its card with poster, play symbol and duration."""
    cid = chat.conversation
    assert cid is not None
    clip = MemoryFile("verband-zimmer12.mp4", make_clip(seconds=6.0, size=(480, 270)))
    run(main, lambda: main.ctx.client.send_files(cid, [clip], "Verbandswechsel, Tag 3"))
    wait(lambda: any(_is_clip(r) for r in chat.model.rows()), 60)
    (row,) = [r for r in chat.model.rows() if _is_clip(r)]
    wait(lambda: chat.thumbnails.peek(row.message.attachments[0].attachment_id) is not None)
    settle(0.5)
    chat.list.scroll_to_end()
    settle(0.3)
    save(chat, "chat-video.png")


def save_study_downloading(main: MainWindow, chat: ChatView) -> None:
    """A CT study from the other person still arriving (3 of 7 series here): the demo
    has one profile, so its row and progress go through the same signals the services
    emit mid-download (services/study_downloads.py), and the chat paints them as usual."""
    theirs = [r for r in chat.model.rows() if not r.mine]
    if not theirs:
        return
    last = theirs[-1]
    message_id = MessageId(str(uuid.uuid4()))
    size = 525 * 1024 * 1024
    study = Attachment(
        AttachmentId("study-" + message_id), message_id, "CT Thorax.wlstudy", STUDY_MIME,
        size, "0" * 64, AttachmentState.DOWNLOADING,
    )  # fmt: skip
    now = datetime.now().astimezone()
    message = replace(
        last.message,
        message_id=message_id,
        body="Studie: CT, CHEST, Serien: 7, Bilder: 1204, 525 MB",  # as a German sender writes it
        sent_at=now,
        received_at=now,
        attachments=(study,),
        reply_to=None,
    )
    done = 120 * 1024 * 1024
    main.ctx.events.messages.emit((replace(last, message=message, notify=False),))
    main.ctx.events.study_progress.emit(
        StudyProgress(study.attachment_id, message_id, 3, 7, done, size)
    )
    main.ctx.events.transfer.emit(Transfer(study.attachment_id, done, size))
    settle(0.5)
    chat.list.scroll_to_end()
    settle(0.3)
    save(chat, "chat-study-downloading.png")


def _is_clip(row: MessageRow) -> bool:
    return any(a.file_name == "verband-zimmer12.mp4" for a in row.message.attachments)


def _attachment(chat: ChatView, hint: str) -> object:
    for row in range(chat.model.rowCount()):
        value = chat.model.index(row, 0).data(chat_roles.ROW)
        if isinstance(value, MessageRow):
            for attachment in value.message.attachments:
                if hint.casefold() in attachment.file_name.casefold() or (
                    hint == "EKG" and "ecg" in attachment.file_name.casefold()
                ):
                    return attachment
    return None


if __name__ == "__main__":
    sys.exit(main())
