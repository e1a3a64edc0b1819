"""The run lock beside the database."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Any

from ..errors import LockHeld, StoreError


class RunLock:
    """An flock on ``<db>.lock``, held for the whole run. The kernel releases it if the process dies,
    so a killed run never blocks the next one; the file is never removed (that would race)."""

    def __init__(self, db_path: Path | str) -> None:
        self.path = Path(str(db_path) + ".lock")
        self._file: Any = None

    def __enter__(self) -> RunLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "a+", encoding="ascii")
        except OSError as exc:
            raise StoreError(self.path, f"cannot make the run's lock file ({exc.strerror or exc}): the database's "
                                        "folder must be writable by the user that runs cc-syndicate") from None
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._file.close()
            raise LockHeld(f"another run holds {self.path}; this one stops without doing anything") from None
        self._file.seek(0)
        self._file.truncate()
        self._file.write(f"{os.getpid()}\n")
        self._file.flush()
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()
