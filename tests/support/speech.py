"""Audio for tests: real speech from Debian's espeak-ng, and plain tones and noise made with PyAV.

`make system-deps` installs espeak-ng (and sox) in CI; where it is absent
the calling test skips with the reason. `word_error_rate` scores what an
engine heard against the text that was spoken.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import wave
from pathlib import Path

import av
import numpy as np
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


def wav_bytes(seconds: float, *, rate: int = 8000, kind: str = "tone") -> bytes:
    """A mono 16-bit WAV: a 440 Hz tone, white noise, or silence."""
    n = int(seconds * rate)
    if kind == "tone":
        samples = 0.3 * np.sin(2 * np.pi * 440 * np.arange(n) / rate)
    elif kind == "noise":
        samples = np.random.default_rng(7).normal(0, 0.2, n).clip(-1, 1)
    else:
        samples = np.zeros(n)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((samples * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def mp3_bytes(seconds: int, *, rate: int = 22050) -> bytes:
    """A mono MP3 of a 440 Hz tone, encoded with PyAV (its Xing header declares the duration)."""
    buffer = io.BytesIO()
    t = np.arange(rate) / rate
    second = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32).reshape(1, -1)
    with av.open(buffer, "w", format="mp3") as out:
        stream = out.add_stream("libmp3lame", rate=rate)
        stream.layout = "mono"
        stream.bit_rate = 64000
        for i in range(seconds):
            frame = av.AudioFrame.from_ndarray(second, format="flt", layout="mono")
            frame.sample_rate = rate
            frame.pts = i * rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buffer.getvalue()


def decoded_seconds(data: bytes) -> float:
    """How long an encoded file really plays, by decoding it with PyAV."""
    total = 0
    rate = 1
    with av.open(io.BytesIO(data)) as container:
        for frame in container.decode(audio=0):
            total += frame.samples
            rate = frame.sample_rate
    return total / rate
