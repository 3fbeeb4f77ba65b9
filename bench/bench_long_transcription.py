"""Long episodes through OpenAI in Lambda: what one invocation spends, and what a continued one saves.

Against the local transcription server (real `openai` client, marker audio,
no network), for an episode of SECONDS (default 3 h):

1. one uninterrupted pass (decode, encode every chunk, send): the wall time
   of the whole transcription, beside Lambda's 900 s limit;
2. the continued invocation after a pause with all but the last chunk kept:
   decoding past the kept chunks without encoding them (ours) against the
   obvious alternative, encoding everything again and sending only the
   missing chunk.

This machine is not a Lambda (1024 MB gets about 0.6 of a vCPU): read the
figures as ratios, and the absolute times as a lower bound.

Run: PYTHONPATH=shared .venv/bin/python bench/bench_long_transcription.py [SECONDS]
"""

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from podcast_digest.adapters.folder_blobs import FolderBlobStore  # noqa: E402
from podcast_digest.models import Episode  # noqa: E402
from podcast_digest.settings import Settings  # noqa: E402
from podcast_digest.transcription.audio import DecodeReport, encode_opus_chunks  # noqa: E402
from podcast_digest.transcription.engines.openai_engine import OpenAITranscriber  # noqa: E402
from tests.support.transcription_server import TranscriptionServer, write_marker_audio  # noqa: E402

KEY = "audio/feed/long.wav"
LAMBDA_LIMIT_SECONDS = 900


def main(seconds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, TranscriptionServer() as server:
        blobs = FolderBlobStore(Path(tmp) / "blobs")
        wav = write_marker_audio(Path(tmp) / "long.wav", seconds)
        with wav.open("rb") as f:
            blobs.put_stream(KEY, f, "audio/wav")
        settings = Settings(openai_api_key="sk-bench", openai_base_url=server.base_url)
        engine = OpenAITranscriber(settings, blobs)
        episode = Episode(episode_id="bench-long", feed_id="feed", title="Long")

        started = time.perf_counter()
        transcript = engine.transcribe(episode, KEY)
        whole = time.perf_counter() - started
        chunks = len(server.uploads)
        print(f"episode: {seconds} s of audio, {chunks} chunks, {len(transcript.segments)} segments")
        print(f"one uninterrupted pass: {whole:.1f} s (Lambda limit {LAMBDA_LIMIT_SECONDS} s)")

        plan = engine._plan  # the engine's own cutting plan
        keep = set(range(chunks - 1))
        for label, skip in (
            ("re-encode everything (alternative)", None),
            ("skip kept chunks (ours)", keep.__contains__),
        ):
            started = time.perf_counter()
            with blobs.open(KEY) as source:
                made = [c for c in encode_opus_chunks(source, plan, DecodeReport(), skip=skip) if c.data]
            print(
                f"continued pass, audio prepared, {label}: {time.perf_counter() - started:.1f} s, {len(made)} chunk(s) encoded"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3 * 3600)
