"""Video in a group call (headless, real relay, real aiortc on loopback): every leg of
the mesh carries each side's camera (a test pattern file) and each peer's picture is
recorded to its own file, with the pattern's colours."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any

from desktop_app.domain.call_state import CallState
from desktop_app.services.call_media import CallMedia
from desktop_app.services.group_calls import GroupCalls
from tests.calls.conftest import Phone, tone
from tests.calls.test_call_video import BLUE, RED, looks_like, mean_colours, pattern
from tests.calls.test_group_calls import ANNA, JONAS, MIA, TONES, _until
from tests.services.conftest import Person


class VideoPhone(Phone):
    def __init__(self, person: Person, tmp: Path, camera: Path) -> None:
        super().__init__(person)
        me = person.uid
        source = tone(tmp / f"{me}.wav", TONES[me], 12)
        self.seen: dict[str, Path] = {}

        def media(peer: str) -> CallMedia:
            self.seen[peer] = tmp / f"{me}_sees_{peer}.mp4"
            return CallMedia(source, video_in=camera, record_video=self.seen[peer])

        self.group = GroupCalls(self.calls, media)

    async def close(self) -> None:
        await self.group.close()
        await super().close()


def test_every_leg_of_the_mesh_carries_video(make_ward: Any, tmp_path: Path) -> None:
    camera = tmp_path / "pattern.mp4"
    pattern(camera, 1.0)

    async def scenario() -> None:
        async with make_ward() as w:
            phones = [VideoPhone(await w.person(u), tmp_path, camera) for u in (ANNA, JONAS, MIA)]
            anna, jonas, mia = phones
            cid = await anna.person.messenger.create_group("Visite 4B", [JONAS, MIA])
            for p in (jonas, mia):
                container = p.person.container
                await _until(lambda c=container: c.conversations.state(cid) is not None, "known")
            try:
                gid = await anna.group.start(cid)
                for p in (jonas, mia):
                    call_id = await p.calls.next_incoming(15)
                    assert call_id is not None
                    assert await p.group.accept(call_id) is CallState.ACTIVE
                uids = {ANNA, JONAS, MIA}
                await _until(
                    lambda: all(
                        set(p.group.connected(gid)) == uids - {p.person.uid} for p in phones
                    ),
                    "the mesh is up",
                )
                legs = [live for p in phones for live in p.calls.calls.values() if live.pc]
                assert all(live.link is not None and live.link.video for live in legs)
                await asyncio.sleep(3)  # the pattern plays (not an assertion)
                for p in phones:
                    await p.group.leave(gid)
            finally:
                for p in phones:
                    await p.close()
        for viewer, sender in itertools.permutations(phones, 2):
            colours = mean_colours(viewer.seen[sender.person.uid])
            reds = [c for c in colours if looks_like(c, RED)]
            blues = [c for c in colours if looks_like(c, BLUE)]
            assert reds and blues, (viewer.person.uid, sender.person.uid, len(colours))

    asyncio.run(scenario())
