"""Host leases in a small SQLite file of their own, for local runs that overlap (cron, a second shell).

Kept apart from the records database and its migrations: leases are
scratch state that any poller may take over once they expire.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS host_lease (
    host TEXT NOT NULL,
    slot INTEGER NOT NULL,
    holder TEXT NOT NULL,
    lease_until REAL NOT NULL,
    PRIMARY KEY (host, slot)
)
"""


class SQLiteHostLeases:
    """The HostLeases port on one SQLite file."""

    def __init__(self, path: Path, clock: Any = time.time, busy_timeout_seconds: float = 30.0) -> None:
        self.path = path
        self._clock = clock
        self._timeout = busy_timeout_seconds
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
            connection.execute(_SCHEMA)
            self._local.connection = connection
        return connection

    def acquire(self, host: str, holder: str, slots: int, seconds: float) -> int | None:
        now = self._clock()
        connection = self._connection()
        for slot in range(max(1, slots)):
            # One statement: insert the slot, or take it over only when its lease has run out.
            cursor = connection.execute(
                "INSERT INTO host_lease (host, slot, holder, lease_until) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (host, slot) DO UPDATE SET holder = excluded.holder, "
                "lease_until = excluded.lease_until WHERE host_lease.lease_until < ?",
                (host, slot, holder, now + seconds, now),
            )
            if cursor.rowcount == 1:
                return slot
        return None

    def release(self, host: str, slot: int, holder: str) -> None:
        self._connection().execute(
            "DELETE FROM host_lease WHERE host = ? AND slot = ? AND holder = ?", (host, slot, holder)
        )
