"""A real local HTTP server that speaks OpenAI's `POST /v1/audio/transcriptions` to the real `openai` client.

It listens on 127.0.0.1 only, decodes every upload with PyAV, records what
it measured (bytes, seconds, model) and refuses what the real API refuses
(over 25 MiB; over 1400 s for the gpt-4o models). What it "hears" comes
from the audio itself: the marker files made by `write_marker_audio` carry,
in every second, two tones that encode that second's number, so the
server can answer with words naming the absolute seconds it received
("s0 s1 s2 …"). A test then proves one transcript, in order, with no
second lost or doubled across the chunks' overlaps.

Faults are injected by the chunk's first second (`fail_chunk`) or for the
next requests whatever their audio (`fail_next`).
"""

from __future__ import annotations

import email.parser
import email.policy
import io
import json
import threading
import time
import wave
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import av
import numpy as np

API_MAX_BYTES = 25 * 1024 * 1024  # the API's "Maximum content size limit (26214400)"
GPT4O_MAX_SECONDS = 1400
MARKER_RATE = 8000  # the server decodes what it gets to this rate
_ONES_HZ, _ONES_STEP = 300, 20  # second % 100 → 300…2280 Hz
_HUNDREDS_HZ, _HUNDREDS_STEP = 2400, 8  # second // 100 → 2400…3272 Hz (up to 3 h 20 min)
_MARK_FROM, _MARK_TO = 0.25, 0.75  # the tones sound in the middle of each second; silence around
_MAX_BODY = 64 * 1024 * 1024


def marker_word(second: int) -> str:
    return f"s{second}"


def write_marker_audio(path: Path, seconds: int, sample_rate: int = MARKER_RATE) -> Path:
    """A mono 16-bit WAV of `seconds` seconds where each second's tones encode its number."""
    t = np.arange(sample_rate) / sample_rate
    envelope = ((t >= _MARK_FROM) & (t < _MARK_TO)) * 0.3
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        for second in range(seconds):
            ones = _ONES_HZ + _ONES_STEP * (second % 100)
            hundreds = _HUNDREDS_HZ + _HUNDREDS_STEP * (second // 100)
            tone = (np.sin(2 * np.pi * ones * t) + np.sin(2 * np.pi * hundreds * t)) * envelope
            out.writeframes((tone * 32767).astype("<i2").tobytes())
    return path


def read_markers(samples: np.ndarray, sample_rate: int = MARKER_RATE) -> list[int | None]:
    """The second number each whole second of `samples` encodes (None where no marker is heard)."""
    found: list[int | None] = []
    a, b = int(0.3 * sample_rate), int(0.7 * sample_rate)
    window = np.hanning(b - a)
    freqs = np.fft.rfftfreq(b - a, 1 / sample_rate)
    low = (freqs >= _ONES_HZ - _ONES_STEP) & (freqs < _ONES_HZ + _ONES_STEP * 100)
    high = (freqs >= _HUNDREDS_HZ - _HUNDREDS_STEP) & (freqs < _HUNDREDS_HZ + _HUNDREDS_STEP * 120)
    for start in range(0, len(samples) - sample_rate + 1, sample_rate):
        part = samples[start + a : start + b]
        spectrum = np.abs(np.fft.rfft(part * window))
        if spectrum[low].max() < 1.0 or spectrum[high].max() < 1.0:
            found.append(None)
            continue
        ones = round((freqs[low][spectrum[low].argmax()] - _ONES_HZ) / _ONES_STEP)
        hundreds = round((freqs[high][spectrum[high].argmax()] - _HUNDREDS_HZ) / _HUNDREDS_STEP)
        found.append(hundreds * 100 + ones)
    return found


def hear_upload(data: bytes) -> tuple[float, list[int | None]]:
    """Decode an upload with PyAV, second by second: its duration and the marker heard in each second."""
    seconds_heard: list[int | None] = []
    held: list[np.ndarray] = []
    held_samples = total = 0
    with av.open(io.BytesIO(data)) as container:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=MARKER_RATE)
        for frame in _resampled(container, resampler):
            samples = frame.to_ndarray().reshape(-1)
            total += len(samples)
            held.append(samples)
            held_samples += len(samples)
            if held_samples >= 64 * MARKER_RATE:  # hear whole seconds as they come; keep memory small
                joined = np.concatenate(held)
                whole = len(joined) // MARKER_RATE * MARKER_RATE
                seconds_heard += read_markers(joined[:whole])
                held, held_samples = [joined[whole:]], len(joined) - whole
    if held_samples:
        seconds_heard += read_markers(np.concatenate(held))
    return total / MARKER_RATE, seconds_heard


def _resampled(container, resampler):
    for frame in container.decode(audio=0):
        yield from resampler.resample(frame)
    yield from resampler.resample(None)


@dataclass
class Upload:
    model: str
    response_format: str
    language: str | None
    size: int
    seconds: float
    first_second: int | None  # the episode second the chunk starts at, from its markers
    status: int = 200


@dataclass
class TranscriptionServer:
    """Run with `with TranscriptionServer() as server:`; point the client at `server.base_url`."""

    garble_edges: bool = True  # a chunk's first and last word come back wrong, as cut words do
    uploads: list[Upload] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    requests_by_chunk: dict[int | None, int] = field(default_factory=lambda: defaultdict(int))
    stalled: int = 0
    received: int = 0  # counted on arrival, before any stall

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._fail_by_chunk: dict[int, list[int]] = {}
        self._fail_next: list[int] = []
        self._stalls: list[float] = []
        self._httpd: ThreadingHTTPServer | None = None

    # Fault injection --------------------------------------------------------
    def fail_chunk(self, first_second: int, *statuses: int) -> None:
        """The chunk starting at this episode second is answered with these statuses first, in order."""
        with self._lock:
            self._fail_by_chunk[first_second] = list(statuses)

    def fail_next(self, *statuses: int) -> None:
        """The next requests, whichever chunk they carry, get these statuses first."""
        with self._lock:
            self._fail_next.extend(statuses)

    def stall_next(self, seconds: float, count: int = 1) -> None:
        """The next `count` requests are answered only after `seconds` (a client with a shorter timeout gives up)."""
        with self._lock:
            self._stalls.extend([seconds] * count)

    # Lifecycle ----------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> TranscriptionServer:
        server = self

        class Handler(_TranscriptionHandler):
            owner = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    # What the server does with one upload --------------------------------------
    def handle(self, fields: dict[str, str], data: bytes) -> tuple[int, dict | str]:
        with self._lock:
            self.received += 1
            stall = self._stalls.pop(0) if self._stalls else 0.0
            self.stalled += 1 if stall else 0
        if stall:
            time.sleep(stall)
        model = fields.get("model", "")
        response_format = fields.get("response_format", "json")
        if len(data) > API_MAX_BYTES:
            return self._refuse(413, f"upload of {len(data)} bytes is over {API_MAX_BYTES}")
        try:
            seconds, markers = hear_upload(data)
        except av.error.FFmpegError as exc:
            return self._refuse(400, f"Audio file could not be decoded: {exc}")
        first = _first_second(markers)
        upload = Upload(model, response_format, fields.get("language"), len(data), seconds, first)
        with self._lock:
            self.uploads.append(upload)
            self.requests_by_chunk[first] += 1
            pending = self._fail_by_chunk.get(first) if first is not None else None
            status = pending.pop(0) if pending else (self._fail_next.pop(0) if self._fail_next else 200)
        if model.startswith("gpt-4o") and seconds > GPT4O_MAX_SECONDS:
            return self._refuse(400, f"audio duration {seconds:.0f} seconds is longer than 1400 seconds")
        if status != 200:
            upload.status = status
            return status, {"error": {"message": f"injected {status}", "type": "server_error", "code": None}}
        return 200, _answer(markers, first, seconds, response_format, self.garble_edges)

    def _refuse(self, status: int, message: str) -> tuple[int, dict]:
        with self._lock:
            self.violations.append(message)
        return status, {"error": {"message": message, "type": "invalid_request_error", "code": None}}


def _first_second(markers: list[int | None]) -> int | None:
    """The chunk's start in episode seconds: what most heard markers say, each minus its position.

    Opus can blur a tone into a neighbour now and then; a vote over every
    second of the chunk is not swayed by a few misheard ones.
    """
    votes: dict[int, int] = defaultdict(int)
    for position, value in enumerate(markers):
        if value is not None:
            votes[value - position] += 1
    return max(votes, key=lambda k: votes[k]) if votes else None


def _answer(markers: list[int | None], first: int | None, seconds: float, response_format: str, garble: bool):
    words = [
        (i, marker_word(first + i if first is not None else -1))
        for i, m in enumerate(markers)
        if m is not None
    ]
    if garble and len(words) > 2:
        words[0] = (words[0][0], "uh")
        words[-1] = (words[-1][0], "mm")
    text = " ".join(w for _, w in words)
    if response_format == "verbose_json":
        segments = [
            {
                "id": n,
                "seek": 0,
                "start": float(i),
                "end": float(i + 1),
                "text": " " + word,
                "tokens": [],
                "temperature": 0.0,
                "avg_logprob": -0.1,
                "compression_ratio": 1.0,
                "no_speech_prob": 0.0,
            }
            for n, (i, word) in enumerate(words)
        ]
        return {
            "task": "transcribe",
            "language": "english",
            "duration": seconds,
            "text": text,
            "segments": segments,
        }
    if response_format == "text":
        return text
    return {"text": text, "usage": {"type": "duration", "seconds": int(np.ceil(seconds))}}


class _TranscriptionHandler(BaseHTTPRequestHandler):
    owner: TranscriptionServer
    timeout = 60  # a stalled client cannot hold a thread for ever

    def do_POST(self) -> None:
        if self.path.rstrip("/") != "/v1/audio/transcriptions":
            self._send(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > _MAX_BODY:
            self._send(
                413, {"error": {"message": "missing or oversized body", "type": "invalid_request_error"}}
            )
            return
        body = self.rfile.read(length)
        fields, data = _parse_multipart(self.headers.get("Content-Type", ""), body)
        if data is None:
            self._send(400, {"error": {"message": "no file part", "type": "invalid_request_error"}})
            return
        status, answer = self.owner.handle(fields, data)
        self._send(status, answer)

    def _send(self, status: int, answer: dict | str) -> None:
        payload = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if isinstance(answer, str) else "application/json")
        self.send_header("Content-Length", str(len(payload)))
        if status in (429, 500, 502, 503):
            self.send_header("retry-after-ms", "20")  # keeps the client's own backoff short in tests
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        return


def _parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, str], bytes | None]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    fields: dict[str, str] = {}
    data = None
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if name == "file":
            data = payload
        elif name:
            fields[str(name)] = payload.decode("utf-8", "replace")
    return fields, data
