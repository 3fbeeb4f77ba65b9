"""How long the current invocation may still run, for engines whose work can outlast it.

In Lambda a step has 15 minutes at most; a three-hour episode through OpenAI
can take longer (decoding, encoding, rate-limited requests). The step runner
(lambda_support.runtime.once) sets the invocation's remaining time here; an
engine reads it once per transcription and, when little is left, stops
starting work, keeps what it finished and raises TranscriptionPaused. The state
machine runs the step again, and the next invocation does only what is missing.
Outside Lambda nothing is set and engines never pause.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from podcast_digest.errors import PodcastDigestError

SecondsLeft = Callable[[], float]

_seconds_left: ContextVar[SecondsLeft | None] = ContextVar("seconds_left", default=None)


class TranscriptionPaused(PodcastDigestError):
    """Stopped before the invocation's time ran out; what is done is kept. Run the step again for the rest.

    Its class name is what the state machine's Transcribe retrier matches.
    """


@contextlib.contextmanager
def invocation(lambda_context: Any) -> Iterator[None]:
    """While inside, `seconds_left()` reads the Lambda context's remaining time (no context: unbounded)."""
    if lambda_context is None:
        yield
        return
    token = _seconds_left.set(lambda: lambda_context.get_remaining_time_in_millis() / 1000)
    try:
        yield
    finally:
        _seconds_left.reset(token)


def current() -> SecondsLeft | None:
    """The current invocation's clock of remaining seconds, or None when the work has no deadline."""
    return _seconds_left.get()
