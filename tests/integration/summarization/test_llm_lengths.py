"""Episodes from 5 minutes to 4 hours: the critical path stays two calls deep."""

import json
import re

import pytest

from podcast_digest.models import Transcript
from tests.integration.summarization.llm_support import corpus_transcript, episode, feed, summarizer
from tests.support.chat_server import ChatServer

pytestmark = pytest.mark.corpus


def four_hours() -> Transcript:
    """Two real episodes back to back (2h45 + 1h08), as one long recording."""
    first, second = corpus_transcript("changelog-594"), corpus_transcript("practical-ai-100")
    offset = first.duration + 5.0
    shifted = [
        s.model_copy(update={"start": s.start + offset, "end": s.end + offset}) for s in second.segments
    ]
    return first.model_copy(update={"segments": [*first.segments, *shifted]})


def test_a_five_minute_episode_still_gets_every_part():
    full = corpus_transcript("talkpython-vtt")
    short = full.model_copy(update={"segments": [s for s in full.segments if s.end <= 300]})
    with ChatServer() as server:
        summary = summarizer(server).summarize(feed(), episode(), short)
        assert len(server.completed()) == 1 + len(summary.in_depth)
    assert summary.key_ideas
    assert summary.lessons
    assert summary.tldr
    assert summary.in_depth[0].start_seconds == short.segments[0].start


@pytest.mark.slow
def test_a_four_hour_episode_is_two_calls_deep():
    transcript = four_hours()
    assert transcript.duration > 3.8 * 3600
    with ChatServer() as server:
        summary = summarizer(server, concurrency=8).summarize(feed(), episode(), transcript)
        assert server.dependency_depth() == 2
        assert len(server.completed("episode_overview")) == 1
    assert len(summary.in_depth) >= transcript.duration / 330  # a part about every 4-5 minutes
    assert summary.in_depth[-1].end_seconds == pytest.approx(transcript.duration)


def test_notes_too_long_for_the_reduce_budget_are_compacted_not_reduced_in_more_calls():
    transcript = corpus_transcript("changelog-594")
    with ChatServer() as server:
        summary = summarizer(server, reduce_input_tokens=4000).summarize(feed(), episode(), transcript)
        (reduce_call,) = server.completed("episode_overview")
        assert server.dependency_depth() == 2
    token = re.search(r"<<<END LABEL ([0-9a-f]+)>>>", reduce_call.request_text).group(1)
    notes = re.search(rf"<<<SECTION NOTES {token}>>>\n(.*?)\n<<<END", reduce_call.request_text, re.S).group(1)
    rows = [json.loads(line) for line in notes.splitlines()]
    assert len(rows) == len(summary.in_depth)
    assert max(len(row["ideas"]) for row in rows) < max(len(s.key_ideas) for s in summary.in_depth)
    # The In-Depth part keeps every idea: only what the reduce reads was compacted.
    assert sum(len(s.key_ideas) for s in summary.in_depth) > sum(len(row["ideas"]) for row in rows)
