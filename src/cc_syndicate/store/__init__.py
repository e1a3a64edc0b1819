"""SQLite: the only code that touches the database, split by concern behind one error boundary.

- :mod:`.database`: the connection, transactions, migrations, and the boundary where every
  ``sqlite3.Error`` becomes a :class:`~cc_syndicate.errors.StoreError` that says what to do;
- :mod:`.schema`: the commented schema as numbered, additive migrations;
- :mod:`.originals`: the publishers' originals and the index file beside the database;
- :mod:`.feeds`: feed state, entries handled, hosts that asked to wait;
- :mod:`.pages`: republished pages, reproductions, the violation lifecycle, retention, report queries;
- :mod:`.cases`: editors' cases, the actions taken on them (the audit trail), cases with their findings;
- :mod:`.runs`: runs, announcements, daily reminders;
- :mod:`.users`: editors' accounts (name, password hash, session epoch);
- :mod:`.audits`: the audits of the publishers' own notices;
- :mod:`.lock`: the run lock.

:class:`Store` puts the concerns together; open it once per command and close it (or use ``with``).
"""

from __future__ import annotations

from .audits import AuditStore
from .database import Database, now
from .lock import RunLock
from .originals import OriginalsStore
from .pages import PageStore
from .runs import RunStore
from .schema import SCHEMA
from .users import UserStore

__all__ = ["SCHEMA", "Database", "RunLock", "Store", "now"]


class Store(OriginalsStore, PageStore, RunStore, UserStore, AuditStore):
    """One SQLite database; open it once per command and close it (or use ``with``)."""

    def __enter__(self) -> Store:
        return self
