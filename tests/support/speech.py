"""Real speech for tests: Debian's espeak-ng reads a known text into a WAV file.

`make system-deps` installs espeak-ng (and sox) in CI; where it is absent
the calling test skips with the reason. `word_error_rate` scores what an
engine heard against the text that was spoken.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

# A few plain sentences, with numbers written as words so scoring needs no normalisation of digits.
KNOWN_TEXT = (
    "Welcome back to the show. Today we talk about the history of coffee and how it spread around the world. "
    "The first coffee houses opened in the fifteenth century. "
    "Our guest is a farmer who grows beans in the mountains. "
    "Thank you for listening, and see you next week."
)

_WORD = re.compile(r"[a-z0-9']+")


def require_espeak() -> str:
    """The espeak-ng executable, or skip the calling test saying how to get it."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng, or `make system-deps`)")
    return exe


def speak(text: str, path: Path, *, words_per_minute: int = 150, voice: str = "en-us") -> Path:
    """Write text as speech to a WAV file (22.05 kHz mono) at path."""
    exe = require_espeak()
    subprocess.run(
        [exe, "-v", voice, "-s", str(words_per_minute), "-w", str(path), text],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("-", " "))


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / words in the reference, by edit distance over words."""
    ref, hyp = words(reference), words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / len(ref)
