"""Versioned schema migrations for the SQLite records file.

Migrations are numbered SQL files shipped as package data
(``migrations/0001_initial.sql``, ``0002_….sql``…), read with
importlib.resources so they work from a wheel, a zip or the Lambda layer.
The ``schema_migrations`` table records which ones a database has had; on
open, the missing ones run in order inside one ``BEGIN IMMEDIATE``
transaction, so two processes opening the same file cannot both apply them
and a failed migration leaves the database as it was.

A database whose schema is newer than this code is refused: writing to it
with old code could lose what the newer schema keeps.
"""

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable

from podcast_digest.errors import ConfigurationError

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)


class SchemaError(ConfigurationError):
    """The database's schema cannot be used by this version of Podcast Digest."""


@dataclass(frozen=True, order=True)
class Migration:
    version: int
    name: str
    sql: str


def shipped_migrations() -> list[Migration]:
    """The migrations that ship with this package, in order."""
    return load_migrations(resources.files("podcast_digest.adapters.sqlite") / "migrations")


def load_migrations(folder: Traversable) -> list[Migration]:
    """Read ``NNNN_name.sql`` files from a folder; versions must run 1, 2, 3… with no gap."""
    migrations = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _FILE_NAME.fullmatch(entry.name)
        if match is None:
            raise SchemaError(
                f"migration file {entry.name!r} is misnamed: use a 4-digit version, an underscore "
                "and a lower-case name, e.g. 0002_add_feed_tags.sql"
            )
        migrations.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    migrations.sort()
    for expected, migration in enumerate(migrations, start=1):
        if migration.version != expected:
            raise SchemaError(
                f"migrations must be numbered 1, 2, 3… without gaps or repeats: expected {expected:04d}, "
                f"found {migration.version:04d}_{migration.name}.sql"
            )
    return migrations


def split_statements(sql: str) -> list[str]:
    """Split a script into statements, honouring semicolons inside strings, comments and triggers.

    Executed one by one (not with executescript, which commits first) so a
    migration runs inside the caller's transaction.
    """
    statements = []
    start = 0
    position = sql.find(";")
    while position != -1:
        candidate = sql[start : position + 1]
        if sqlite3.complete_statement(candidate):
            if _COMMENTS.sub("", candidate).strip(" \t\r\n;"):
                statements.append(candidate.strip())
            start = position + 1
        position = sql.find(";", position + 1)
    rest = _COMMENTS.sub("", sql[start:]).strip()
    if rest:
        raise SchemaError(f"migration ends with an unterminated statement (missing ';'): {rest[:80]!r}")
    return statements


def current_version(connection: sqlite3.Connection) -> int:
    """The schema version a database has (0 for a new file)."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if has_table is None:
        return 0
    return int(connection.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0])


def migrate(connection: sqlite3.Connection, migrations: Sequence[Migration]) -> list[int]:
    """Bring the database up to the newest migration; returns the versions applied now.

    The connection must be in autocommit mode (isolation_level=None): this
    function opens and ends its own transaction.
    """
    latest = migrations[-1].version if migrations else 0
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        current = current_version(connection)
        if current > latest:
            raise SchemaError(
                f"database schema {current} is newer than this Podcast Digest ({latest}): upgrade podcast-digest"
            )
        applied = []
        for migration in migrations:
            if migration.version <= current:
                continue
            for statement in split_statements(migration.sql):
                try:
                    connection.execute(statement)
                except sqlite3.Error as exc:
                    raise SchemaError(
                        f"migration {migration.version:04d}_{migration.name}.sql failed ({exc}); "
                        "the database was left unchanged"
                    ) from exc
            connection.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat()),
            )
            applied.append(migration.version)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return applied
