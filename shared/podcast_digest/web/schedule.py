"""`serve --every 1h`: the pipeline on a schedule, in the server's process (the home-server install)."""

import logging
import re
import threading
from collections.abc import Callable
from datetime import timedelta

log = logging.getLogger("podcast_digest.schedule")

_EVERY = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
MIN_EVERY = timedelta(minutes=1)


def parse_every(text: str) -> timedelta:
    """'90s', '30m', '1h', '1d' -> a timedelta; ValueError says what is accepted."""
    match = _EVERY.fullmatch(text.lower())
    if match is None:
        raise ValueError(
            f"--every {text!r} is not a duration: write a number and s, m, h or d, e.g. 30m or 1h"
        )
    every = timedelta(**{_UNITS[match[2]]: int(match[1])})
    if every < MIN_EVERY:
        raise ValueError(f"--every {text!r} is too often: feeds are polled at most once a minute")
    return every


class PipelineSchedule:
    """Runs `run_once` now and then every `every`, on its own thread, until stopped."""

    def __init__(self, every: timedelta, run_once: Callable[[], None]) -> None:
        self.every = every
        self._run_once = run_once
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="pipeline-schedule", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._run_once()
            except Exception:  # one bad run must not end the schedule; the next run retries
                log.exception("scheduled pipeline run failed")
            self._stop.wait(self.every.total_seconds())
