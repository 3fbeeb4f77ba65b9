"""The CLI's session: settings from --home/--config/env, the wired Context, and error reporting."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import typer

from podcast_digest.cli.terminal import PlainConsole, styled
from podcast_digest.errors import PodcastDigestError
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
            self._context = build_context(settings)
        return self._context


session = Session()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    errors.print(styled(("error:", "bold red"), " ", message), soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the package's typed errors into one clear line and a non-zero exit code."""
    try:
        yield
    except PodcastDigestError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        errors.print("interrupted: finished work is kept; run the same command again to resume")
        sys.exit(130)
