"""`podcast-digest serve` as a user starts it (a subprocess on 127.0.0.1, port 0), and a podcast to serve.

The podcast is a real RSS file with an audio enclosure and a publisher
transcript (WebVTT), so the pipeline runs offline and every timestamp has
audio to link to.
"""

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from tests.integration.pipeline.conftest import VTT, write_feed

REPO = Path(__file__).resolve().parents[2]
AUDIO_URL = "https://audio.example.com/garden-hour/{guid}.mp3"
COMMAND = [sys.executable, "-c", "from podcast_digest.cli.main import app; app(prog_name='podcast-digest')"]
PHRASE_SECONDS = 46  # the VTT cue below that says "roots grow down"
GARDEN_VTT = VTT.replace("so the roots grow down", "so the marigold roots grow down")


def write_podcast(folder: Path, guids: list[str], title: str = "Garden Hour <Live>") -> Path:
    """An RSS file (title with markup, hostile show notes) whose episodes carry audio and a VTT."""
    items = [
        {
            "title": f"Balcony tomatoes, part {number}",
            "guid": guid,
            "transcript": GARDEN_VTT,
            "date": f"Mon, 0{number} Jun 2026 12:00:00 +0000",
            "description": "<![CDATA[<p>Ana and Ben on <b>containers</b>.</p><script>alert(1)</script>"
            "<img src=x onerror=alert(2)>]]>",
            "extra": f'<enclosure url="{AUDIO_URL.format(guid=guid)}" type="audio/mpeg" length="1000"/>',
        }
        for number, guid in enumerate(guids, start=1)
    ]
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return write_feed(folder, items, title=escaped)


def cli_env(home: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PODCAST_DIGEST_", "OPENAI_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "shared"), env.get("PYTHONPATH")]))
    env["PODCAST_DIGEST_HOME"] = str(home)
    env["PODCAST_DIGEST_SENDER"] = "digest@digest.example.com"
    env.update({f"PODCAST_DIGEST_{k.upper()}": v for k, v in settings.items()})
    return env


def cli(home: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args],
        env=cli_env(home, **settings),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@contextmanager
def serving(home: Path, *args: str, **settings: str) -> Iterator[str]:
    """Start `serve --port 0`, yield its URL once it listens, stop it (SIGTERM, then kill)."""
    process = subprocess.Popen(
        [*COMMAND, "serve", "--port", "0", *args],
        env={**cli_env(home, **settings), "COLUMNS": "300"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield _wait_for_url(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_url(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        found = re.search(r"serving on (http://127\.0\.0\.1:\d+)", line)
        if found:
            return found.group(1)
    raise AssertionError("serve did not start:\n" + "".join(seen))


def outbox_messages(home: Path) -> list[EmailMessage]:
    folder = home / "outbox"
    paths = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [message_from_bytes(p.read_bytes(), policy=policy.default) for p in paths]  # type: ignore[misc]


def messages_to(home: Path, address: str, subject_word: str) -> list[EmailMessage]:
    return [m for m in outbox_messages(home) if m["To"] == address and subject_word in m["Subject"]]


def link_in(message: EmailMessage, pattern: str) -> str:
    """The first link matching pattern in the plain text, else in the HTML part."""
    for kind in ("plain", "html"):
        body = message.get_body((kind,))
        found = re.search(pattern, body.get_content()) if body is not None else None
        if found:
            return found.group(0)
    raise AssertionError(f"no link matching {pattern!r} in the message")
