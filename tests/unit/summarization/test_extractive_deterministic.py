"""The offline summary of a transcript is the same in every process: Python's hash seed (which
orders sets and differs per process unless PYTHONHASHSEED is set) must never pick a heading, an
idea or a lesson. Found on Talk Python 386, (the VTT), whose key-idea heading was "Framework" under one seed
and "Visuals" under another."""

import os
import subprocess
import sys

import pytest

from tests.support.corpus import REPO, corpus_path

SUMMARISE = """
import sys
from podcast_digest.models import Episode, Feed
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.talk import summarize_talk
from podcast_digest.transcription.publisher import parse_transcript
path = sys.argv[1]
transcript = parse_transcript(open(path, "rb").read(), hint=path.rsplit("/", 1)[-1], episode_id="e")
feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="talkpython")
episode = Episode(
    episode_id="e",
    feed_id="f",
    title="Realtime Web Apps and Dashboards with H2O Wave",
    description="On this episode, we'll talk about H2O Wave, a dashboard framework for Python.",
)
summary = summarize_talk(ExtractiveSummarizer(), feed, episode, transcript)
print(summary.model_dump_json(exclude={"created_at", "provenance"}))
"""


def _summary_under_seed(path: str, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO / "shared")}
    done = subprocess.run(
        [sys.executable, "-c", SUMMARISE, path],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.slow
@pytest.mark.corpus
def test_the_same_transcript_gives_the_same_summary_whatever_the_hash_seed():
    path = str(corpus_path("transcripts", "talkpython__386-h2o-wave.vtt"))
    summaries = {seed: _summary_under_seed(path, seed) for seed in ("0", "3", "7")}
    assert summaries["0"] == summaries["3"] == summaries["7"]
