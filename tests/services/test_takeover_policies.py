"""Take-over policies of functional accounts (issue 16, finding 16), through the real
relay with real clients: who may make themselves the holder of "Dienstarzt Kardiologie"
and who has to approve, and the audit line each change leaves behind."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry, TakeoverPolicy
from desktop_app.relay.admin import now_ms
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import import_directory
from desktop_app.relay.role_handover import it_set_holders
from desktop_app.services.errors import RelayRefused
from tests.conftest import PASSPHRASE
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import Person, texts, ward

ANNA = Entry(uid="weber.anna", cn="Anna Weber", department="Chirurgie")
JONAS = Entry(uid="mueller.jonas", cn="Jonas Müller", department="Kardiologie")
MIA = Entry(uid="yilmaz.mia", cn="Mia Yılmaz", department="Kardiologie")
ROLE = "dienst.kardio"


def setup(relay_dir: Path, tmp_path: Path, policy: TakeoverPolicy) -> None:
    role = functional_account(ROLE, "Dienstarzt Kardiologie", "Kardiologie", (JONAS.uid,))
    entries = [ANNA, JONAS, MIA, replace(role, takeover_policy=policy)]
    (tmp_path / "staff.csv").write_bytes(to_csv(entries))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)


async def holders(person: Person) -> tuple[str, ...]:
    """The holders in the person's verified directory copy, fresh from the relay."""
    await person.session.directory.refresh(person.session.require_link())
    role = person.session.directory.get(ROLE)
    assert role is not None
    return role.holders


async def chat(person: Person) -> list[str]:
    return [t for t in texts(await person.messenger.sync()) if t]


def handovers(relay_dir: Path) -> list[dict[str, object]]:
    """Audit lines about the role; read after the relay stopped (all lines written)."""
    lines = RelayDataDir(relay_dir).audit().entries()
    return [e for e in lines if str(e["event"]).startswith("role_")]


def test_same_department_colleague_only_asks_under_policy_holder(
    relay_dir: Path, tmp_path: Path
) -> None:
    """The original attack: Mia, of the same department, takes over the cardiology duty
    phone as its only holder without anyone agreeing. Under policy ``holder`` her
    take-over now only waits for Jonas, and messages keep reaching Jonas alone."""
    setup(relay_dir, tmp_path, TakeoverPolicy.HOLDER)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)

            result = await mia.session.directory.take_over(mia.session.require_link(), ROLE)
            assert await holders(mia) == (JONAS.uid,)
            assert result.waiting and result.approvers == (JONAS.uid,)
            again = await mia.session.directory.take_over(mia.session.require_link(), ROLE)
            assert again.request_id == result.request_id  # asking twice queues once

            await anna.messenger.send_text(ROLE, "Patient Zi. 4 hat Brustschmerz")
            assert await chat(jonas) == ["Patient Zi. 4 hat Brustschmerz"]
            assert await chat(mia) == []

    asyncio.run(scenario())
    events = handovers(relay_dir)
    assert [e["event"] for e in events] == ["role_request"]
    assert events[0]["uid"] == MIA.uid and events[0]["role"] == ROLE
    assert events[0]["policy"] == "holder" and events[0]["holders"] == JONAS.uid


def test_holder_approves_and_the_role_moves(relay_dir: Path, tmp_path: Path) -> None:
    setup(relay_dir, tmp_path, TakeoverPolicy.HOLDER)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)
            asked = await mia.session.directory.take_over(mia.session.require_link(), ROLE)
            assert asked.request_id is not None

            # somebody who does not hold the role cannot approve, not even the requester
            for outsider in (mia, anna):
                with pytest.raises(RelayRefused, match="only a current holder"):
                    await outsider.session.directory.answer_request(
                        outsider.session.require_link(), asked.request_id, True
                    )

            waiting = await jonas.session.directory.role_requests(jonas.session.require_link())
            assert [(r.request_id, r.requester, r.role_uid, r.status) for r in waiting] == [
                (asked.request_id, MIA.uid, ROLE, "pending")
            ]
            version = await jonas.session.directory.answer_request(
                jonas.session.require_link(), asked.request_id, True
            )
            assert version == 2
            assert await holders(mia) == (MIA.uid,)
            mine = await mia.session.directory.role_requests(mia.session.require_link())
            assert [(r.status, r.answered_by) for r in mine] == [("approved", JONAS.uid)]

            await anna.messenger.send_text(ROLE, "EKG auffällig, bitte kommen")
            assert await chat(mia) == ["EKG auffällig, bitte kommen"]
            assert await chat(jonas) == []
            with pytest.raises(RelayRefused, match="is waiting"):  # answered once only
                await jonas.session.directory.answer_request(
                    jonas.session.require_link(), asked.request_id, False
                )

    asyncio.run(scenario())
    request, handover = handovers(relay_dir)
    assert request["event"] == "role_request"
    assert handover["event"] == "role_handover"
    assert (handover["uid"], handover["role"], handover["policy"]) == (MIA.uid, ROLE, "holder")
    assert (handover["old_holders"], handover["holders"]) == (JONAS.uid, MIA.uid)
    assert handover["answered_by"] == JONAS.uid and handover["version"] == 2
    assert handover["request"] == request["request"]


def test_holder_declines_and_nothing_changes(relay_dir: Path, tmp_path: Path) -> None:
    setup(relay_dir, tmp_path, TakeoverPolicy.HOLDER)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            jonas = await w.person(JONAS.uid)
            anna = await w.person(ANNA.uid)  # another department may ask, Jonas decides
            asked = await anna.session.directory.take_over(anna.session.require_link(), ROLE)
            assert asked.request_id is not None
            version = await jonas.session.directory.answer_request(
                jonas.session.require_link(), asked.request_id, False
            )
            assert version == 0
            assert await holders(anna) == (JONAS.uid,)
            mine = await anna.session.directory.role_requests(anna.session.require_link())
            assert [(r.status, r.answered_by) for r in mine] == [("declined", JONAS.uid)]
            assert await jonas.session.directory.role_requests(jonas.session.require_link()) == []

    asyncio.run(scenario())
    request, declined = handovers(relay_dir)
    assert request["event"] == "role_request"
    assert declined["event"] == "role_request_declined"
    assert (declined["uid"], declined["role"], declined["answered_by"]) == (
        ANNA.uid,
        ROLE,
        JONAS.uid,
    )
    assert declined["holders"] == JONAS.uid and declined["policy"] == "holder"


def test_policy_it_refuses_everyone_but_the_admin(relay_dir: Path, tmp_path: Path) -> None:
    setup(relay_dir, tmp_path, TakeoverPolicy.IT)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            mia = await w.person(MIA.uid)
            with pytest.raises(RelayRefused, match="only IT can hand over"):
                await mia.session.directory.take_over(mia.session.require_link(), ROLE)
            assert await holders(mia) == (JONAS.uid,)

            data = RelayDataDir(relay_dir)
            store = data.open_store()
            try:
                issuer = load_issuing_authority(relay_dir, ADMIN)
                it_set_holders(store, issuer, data.audit(), ROLE, [MIA.uid], now_ms())
            finally:
                store.close()
            assert await holders(mia) == (MIA.uid,)

    asyncio.run(scenario())
    (handover,) = handovers(relay_dir)
    assert handover["event"] == "role_handover"
    assert (handover["uid"], handover["role"], handover["policy"]) == ("it", ROLE, "it")
    assert (handover["old_holders"], handover["holders"]) == (JONAS.uid, MIA.uid)


def test_policy_open_lets_anyone_take_over(relay_dir: Path, tmp_path: Path) -> None:
    setup(relay_dir, tmp_path, TakeoverPolicy.OPEN)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)  # a surgeon: refused under "department"
            taken = await anna.session.directory.take_over(anna.session.require_link(), ROLE)
            assert taken.version == 2 and not taken.waiting
            assert await holders(anna) == (ANNA.uid,)

    asyncio.run(scenario())
    (handover,) = handovers(relay_dir)
    assert (handover["event"], handover["uid"], handover["policy"]) == (
        "role_handover",
        ANNA.uid,
        "open",
    )
    assert (handover["old_holders"], handover["holders"]) == (JONAS.uid, ANNA.uid)


def test_policy_holder_without_holder_falls_back_to_it(relay_dir: Path, tmp_path: Path) -> None:
    role = functional_account(ROLE, "Dienstarzt Kardiologie", "Kardiologie", ())
    policy = replace(role, takeover_policy=TakeoverPolicy.HOLDER)
    (tmp_path / "staff.csv").write_bytes(to_csv([JONAS, policy]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            jonas = await w.person(JONAS.uid)
            with pytest.raises(RelayRefused, match=r"nobody holds .* ask IT"):
                await jonas.session.directory.take_over(jonas.session.require_link(), ROLE)

    asyncio.run(scenario())
    assert handovers(relay_dir) == []


def test_cli_take_over_waits_then_holder_approves(relay_dir: Path, tmp_path: Path) -> None:
    """``wardlink client … directory take-over / requests / approve`` end to end."""
    setup(relay_dir, tmp_path, TakeoverPolicy.HOLDER)
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    env["WARDLINK_PASSPHRASE"] = PASSPHRASE

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            profiles = {
                p.uid: p.profile for p in [await w.person(JONAS.uid), await w.person(MIA.uid)]
            }
            relay = f"127.0.0.1:{w.relay.port}"

            async def run(uid: str, *args: str) -> str:
                done = await asyncio.to_thread(
                    subprocess.run,
                    [sys.executable, "-m", "desktop_app", "client", "--profile",
                     str(profiles[uid]), "--relay", relay, "directory", *args],
                    capture_output=True, text=True, env=env, timeout=60, check=False,
                )  # fmt: skip
                assert done.returncode == 0, done.stderr
                return done.stdout.strip()

            out = await run(MIA.uid, "take-over", ROLE)
            assert out.startswith(f"waiting for approval by Jonas Müller ({JONAS.uid}): request ")
            number = out.split("request ")[1].split()[0]
            out = await run(JONAS.uid, "requests")
            assert out == (
                f"request {number}: Mia Yılmaz ({MIA.uid}) asks to take over "
                f"Dienstarzt Kardiologie ({ROLE}) (approve or decline)"
            )
            out = await run(JONAS.uid, "approve", number)
            assert out == f"approved request {number}: published directory version 2"
            out = await run(MIA.uid, "requests")
            assert out.endswith(": approved by Jonas Müller (mueller.jonas)")
            out = await run(MIA.uid, "show", ROLE, "--json")
            assert '"holders": ["yilmaz.mia"]' in out and '"takeover_policy": "holder"' in out

    asyncio.run(scenario())
