"""Real corpus transcripts through the whole map-reduce, against the local chat server and the real openai client."""

import pytest

from podcast_digest.summarization.llm.map_reduce import batches
from podcast_digest.summarization.llm.pricing import PRICES, cost_usd
from podcast_digest.summarization.quotes import normalise
from podcast_digest.summarization.sections import split_sections
from tests.integration.summarization.llm_support import (
    TITLES,
    assert_house_format,
    corpus_transcript,
    episode,
    feed,
    summarizer,
)
from tests.support.chat_server import ChatServer

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("key", ["talkpython-vtt", "changelog-594", "practical-ai-100"])
def test_a_corpus_episode_gets_every_part_of_the_house_format(key):
    transcript = corpus_transcript(key)
    sections = split_sections(transcript, target_seconds=270.0, max_tokens=6000)
    with ChatServer() as server:
        summary = summarizer(server).summarize(feed(), episode(TITLES[key]), transcript)

        assert_house_format(summary, transcript, len(sections))
        # One map call per batch of sections (each asked for exactly its parts), then one reduce.
        maps = server.completed("section_notes")
        assert len(maps) == len(batches(sections, 21_000))
        asked = [c.body["response_format"]["json_schema"]["schema"]["properties"]["parts"] for c in maps]
        assert sum(a["minItems"] for a in asked) == sum(a["maxItems"] for a in asked) == len(sections)
        assert len(server.completed("episode_overview")) == 1
        (reduce_call,) = server.completed("episode_overview")
        # The reduce reads the notes, never the transcript again.
        assert "<<<PART" not in reduce_call.request_text
        assert "<<<SECTION NOTES" in reduce_call.request_text
        assert summary.favorite_quote is not None
        # The In-Depth part carries what the model said about each section's own words.
        first_idea = summary.in_depth[0].key_ideas[0].rstrip("…")
        assert normalise(first_idea) in normalise(transcript.text)


@pytest.mark.parametrize("key", ["talkpython-vtt", "changelog-594"])
def test_provenance_reports_the_tokens_the_api_billed_and_their_cost(key):
    transcript = corpus_transcript(key)
    with ChatServer() as server:
        summary = summarizer(server, model="gpt-4o-mini-2024-07-18").summarize(
            feed(), episode(TITLES[key]), transcript
        )
        provenance = summary.provenance
        assert provenance.summarizer == "llm"
        assert provenance.model == "gpt-4o-mini-2024-07-18"
        assert provenance.transcript_source == transcript.source.describe()
        assert provenance.model_calls == len(server.completed())
        assert provenance.input_tokens == server.input_tokens > 0
        assert provenance.output_tokens == server.output_tokens > 0
        price = PRICES["gpt-4o-mini"]
        expected = (
            server.input_tokens * price.input_per_million + server.output_tokens * price.output_per_million
        ) / 1e6
        assert provenance.cost_usd == pytest.approx(expected)
        assert provenance.created_at is not None


def test_an_unknown_local_model_costs_nothing_but_its_tokens_are_still_counted():
    transcript = corpus_transcript("talkpython-vtt")
    with ChatServer() as server:
        summary = summarizer(server, model="llama3.1:8b").summarize(feed(), episode(), transcript)
        assert summary.provenance.cost_usd == 0.0
        assert summary.provenance.input_tokens == server.input_tokens > 0
        assert cost_usd("llama3.1:8b", 1, 1) == 0.0


def test_the_title_promise_is_checked_against_the_sections_and_located():
    transcript = corpus_transcript("talkpython-vtt")
    description = "<p>Martin from H2O.ai shows how Wave builds realtime dashboards in Python.</p>"
    with ChatServer() as server:
        summary = summarizer(server).summarize(
            feed(), episode(TITLES["talkpython-vtt"], description), transcript
        )
    checks = summary.quick_takes.promises
    assert [c.promise for c in checks] == [
        TITLES["talkpython-vtt"],
        "Martin from H2O.ai shows how Wave builds realtime dashboards in Python.",
    ]
    starts = {s.start_seconds for s in summary.in_depth}
    for check in checks:
        assert check.delivered
        assert check.where_seconds in starts
    assert summary.quick_takes.is_clickbait is False
    assert "not clickbait" in summary.quick_takes.verdict


def test_a_title_the_episode_never_talks_about_is_called_clickbait():
    transcript = corpus_transcript("talkpython-vtt")
    with ChatServer() as server:
        summary = summarizer(server).summarize(
            feed(), episode("Secret celebrity gossip and cryptocurrency millionaires revealed"), transcript
        )
    (check,) = summary.quick_takes.promises
    assert check.delivered is False
    assert check.where_seconds is None
    assert summary.quick_takes.is_clickbait is True


def test_map_calls_run_in_parallel_but_never_above_the_concurrency_limit():
    # An hour is one map call now; 2h45 is three batches, run at most two at a time here.
    transcript = corpus_transcript("changelog-594")
    with ChatServer(latency=0.2) as server:
        summarizer(server, concurrency=2).summarize(feed(), episode(), transcript)
        assert server.max_in_flight == 2
        # However many sections, every map call depends on none and the reduce on all of them.
        assert server.dependency_depth() == 2
