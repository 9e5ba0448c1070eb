"""One transaction for several steps (a batch of received envelopes): a nested
``atomic`` is a savepoint, and what cannot be undone waits for the commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.storage.container import Container
from tests.conftest import PASSPHRASE


def test_a_failed_step_undoes_only_its_own_writes(
    container: Container, container_dir: Path
) -> None:
    db = container.database
    with db.atomic():
        container.inbox.mark_seen("dev-a", "env-1", 1)
        with pytest.raises(ValueError), db.atomic():
            container.inbox.mark_seen("dev-a", "env-2", 2)
            raise ValueError("this envelope is bad")
        with db.atomic():
            container.inbox.mark_seen("dev-a", "env-3", 3)
    container.close()
    with Container.open(container_dir, PASSPHRASE) as again:
        assert again.inbox.seen("dev-a", "env-1")
        assert not again.inbox.seen("dev-a", "env-2")
        assert again.inbox.seen("dev-a", "env-3")


def test_a_failed_batch_stores_none_of_its_steps(container: Container) -> None:
    db = container.database
    with pytest.raises(RuntimeError), db.atomic():
        with db.atomic():
            container.inbox.mark_seen("dev-a", "env-1", 1)
        raise RuntimeError("crash before the commit")
    assert not container.inbox.seen("dev-a", "env-1")
    with db.atomic():  # the connection is usable afterwards
        container.inbox.mark_seen("dev-a", "env-2", 2)
    assert container.inbox.seen("dev-a", "env-2")


def test_after_commit_runs_after_the_outermost_commit_only(container: Container) -> None:
    db = container.database
    ran: list[str] = []
    db.after_commit(lambda: ran.append("now"))
    assert ran == ["now"]
    with db.atomic():
        with db.atomic():
            db.after_commit(lambda: ran.append("committed"))
        assert ran == ["now"]
    assert ran == ["now", "committed"]
    with pytest.raises(RuntimeError), db.atomic():
        db.after_commit(lambda: ran.append("rolled back"))
        raise RuntimeError("rollback")
    with db.atomic():
        pass
    assert ran == ["now", "committed"]


def test_barrier_syncs_only_what_a_durable_commit_did_not(container: Container) -> None:
    """A received batch commits durably (synchronous=FULL), so the barrier before its
    acknowledgement has nothing to do; after any ordinary commit it syncs again."""
    db = container.database

    def barriers() -> int:
        return int(container.settings.get("sync.barrier") or 0)

    container.inbox.mark_seen("dev-a", "env-1", 1)  # an ordinary commit
    assert db.unsynced
    container.barrier()
    assert barriers() == 1 and not db.unsynced
    with db.atomic(durable=True):
        container.inbox.mark_seen("dev-a", "env-2", 2)
    container.barrier()
    assert barriers() == 1  # nothing left to sync
    container.inbox.mark_seen("dev-a", "env-3", 3)
    assert db.unsynced
    with db.atomic(durable=True):
        pass  # wrote nothing, so SQLite synced nothing: the barrier must still run
    assert db.unsynced
    container.barrier()
    assert barriers() == 2
