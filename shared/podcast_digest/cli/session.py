"""The CLI's session: settings from --home/--config/env, the wired Context, and error reporting."""

import errno
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import typer

from podcast_digest.cli.terminal import PlainConsole, styled
from podcast_digest.errors import ConfigurationError, PodcastDigestError
from podcast_digest.pipeline.context import Context
from podcast_digest.settings import Settings, load_settings

console = PlainConsole()
errors = PlainConsole(stderr=True)


@dataclass
class Session:
    home: Path | None = None
    config: Path | None = None
    _context: Context | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def context(self) -> Context:
        if self._context is None:
            from podcast_digest.wiring import build_context

            settings = load_settings(self.config, home=self.home)
            if settings.home.exists() and not settings.home.is_dir():
                raise ConfigurationError(
                    f"the home {settings.home} is a file, not a folder: point --home (PODCAST_DIGEST_HOME) "
                    "at a folder for the database, blobs and outbox"
                )
            self._context = build_context(settings)
        return self._context


session = Session()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    errors.print(styled(("error:", "bold red"), " ", message), soft_wrap=True)
    return typer.Exit(code)


def write_output(path: Path, text: str) -> None:
    """Write a file whole or not at all: a full disk or a bad path never leaves half a file behind."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if exc.filename == str(partial):
            exc.filename = str(path)  # name what the user asked for, not our temporary file
        raise


def os_error_line(exc: OSError) -> str:
    """An OSError as one line that names the path and what to do (never a traceback)."""
    where = exc.filename if exc.filename is not None else "a file"
    if exc.errno == errno.ENOSPC:
        return f"{where}: no space left on the disk; free some space and run the command again (finished work is kept)"
    what = (exc.strerror or str(exc)).lower()
    hint = {
        errno.EISDIR: "give a file name, not a folder",
        errno.ENOENT: "check the path: its folder must exist",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EACCES: "check the permissions",
        errno.EROFS: "the disk is read-only",
        errno.EEXIST: "a file is in the way of a folder",
    }.get(exc.errno or 0, "check the path, its permissions and free space")
    return f"{where}: {what}: {hint}"


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the package's typed errors, and any OSError or SQLite error, into one clear line and exit 1."""
    try:
        yield
    except PodcastDigestError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(os_error_line(exc)) from None
    except sqlite3.Error as exc:
        full = "full" in str(exc)
        hint = (
            "free some disk space and run the command again"
            if full
            else "run `podcast-digest doctor` to check the database"
        )
        raise fail(f"the database failed ({exc}): {hint}") from None
    except KeyboardInterrupt:
        errors.print("interrupted: finished work is kept; run the same command again to resume")
        sys.exit(130)
