"""Files the person chose in a dialog: their OS errors as FileUnusable (services/errors.py).

Wrap only the steps that touch her file (opening, reading it in, writing the copy),
not the container's own writes: a full container is storage's DiskFull, said as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.services.errors import FileUnusable
from desktop_app.storage.errors import DiskFull


@contextmanager
def chosen_file(path: Path, *, saving: bool = False) -> Iterator[None]:
    """Raise FileUnusable naming ``path`` for an OSError (or a full disk) in the block."""
    try:
        yield
    except (OSError, DiskFull) as exc:
        raise FileUnusable(path, exc, saving=saving) from exc
