"""Is this file a sound Podcast Digest database? Checked before use, and in depth by `doctor`.

An existing file is never silently taken over: a zero-byte file (a failed copy, a
truncated backup) or one that is not SQLite is refused before SQLite would
happily start a new empty database in its place, and a SQLite file that is not
ours is refused before a migration adds our tables to it.
"""

import sqlite3
import time
from pathlib import Path

from podcast_digest.errors import ConfigurationError

SQLITE_HEADER = b"SQLite format 3\x00"
MAX_PROBLEMS = 20
EMPTY_RECHECKS = 20  # an empty file is looked at again for up to a second before it is refused
EMPTY_RECHECK_SECONDS = 0.05


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise ConfigurationError(f"{path} cannot be read ({exc.strerror}): check its permissions") from exc


def refuse_unusable_file(path: Path) -> None:
    """Raise ConfigurationError, in one line that says what to do, when `path` exists but is not ours."""
    if path.exists() and not path.is_file():
        raise ConfigurationError(f"{path} is not a file (a folder?): point PODCAST_DIGEST_HOME elsewhere")
    if not path.exists():
        return
    header = _header(path)
    for _ in range(EMPTY_RECHECKS):
        if header:
            break
        # Another opener may have just created the file and be about to write its header.
        time.sleep(EMPTY_RECHECK_SECONDS)
        header = _header(path)
    if not header:
        raise ConfigurationError(
            f"{path} is an empty file (0 bytes), not a Podcast Digest database: restore it from a backup, "
            "or delete it to start afresh with no feeds or subscribers"
        )
    if header != SQLITE_HEADER:
        raise ConfigurationError(
            f"{path} is not a SQLite database (it starts with {header[:8]!r}): restore it from a backup, "
            "or point PODCAST_DIGEST_HOME at another folder"
        )


def refuse_foreign_database(connection: sqlite3.Connection, path: Path) -> None:
    """A SQLite file with tables but no schema_migrations is some other program's: never migrate it."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "schema_migrations" not in tables:
        raise ConfigurationError(
            f"{path} is a SQLite database of another program (tables: {', '.join(sorted(tables)[:5])}): "
            "point PODCAST_DIGEST_HOME at another folder"
        )


def integrity_problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` finds (read-only; [] when sound). Raises ConfigurationError when
    the file cannot be opened as a database at all."""
    refuse_unusable_file(path)
    if not path.exists():
        raise ConfigurationError(f"{path} does not exist yet: it is made by the first command that needs it")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ConfigurationError(f"{path} cannot be opened ({exc})") from exc
    try:
        rows = connection.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found
