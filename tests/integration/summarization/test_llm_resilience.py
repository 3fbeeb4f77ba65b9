"""Faults a real API throws (429, 500, timeouts, invalid JSON, truncation, refusals) injected by the
local server and met by the real openai client and the summarizer's own retries and cache."""

import re

import pytest

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.errors import (
    ConfigurationError,
    SummarizationError,
    UpstreamThrottled,
    UpstreamUnavailable,
)
from podcast_digest.models import Transcript
from podcast_digest.settings import Settings
from podcast_digest.summarization.llm import LLMSummarizer
from podcast_digest.summarization.llm.cache import PREFIX
from podcast_digest.summarization.sections import split_sections
from tests.integration.summarization.llm_support import corpus_transcript, episode, feed, summarizer
from tests.support.chat_server import ChatServer

pytestmark = pytest.mark.corpus


def short_transcript(minutes: float = 15.0) -> Transcript:
    """The first minutes of a real episode: a few sections, quick to summarize."""
    full = corpus_transcript("talkpython-vtt")
    return full.model_copy(update={"segments": [s for s in full.segments if s.end <= minutes * 60]})


def section_phrase(transcript: Transcript, index: int) -> str:
    """Words that only that section's map request carries."""
    section = split_sections(transcript)[index]
    return max((s.text for s in section.segments), key=len)


def map_calls_with(server: ChatServer, phrase: str) -> list:
    return [c for c in server.calls if c.schema == "section_notes" and phrase in c.request_text]


def test_throttling_is_retried_by_the_client_and_the_summary_completes():
    transcript = short_transcript()
    with ChatServer() as server:
        server.inject("429", times=2, schema="section_notes")
        summary = summarizer(server).summarize(feed(), episode(), transcript)
        assert [c.status for c in server.calls].count(429) == 2
        assert len(summary.in_depth) == len(split_sections(transcript))
        # Refused requests are not billed: provenance counts only answered calls.
        assert summary.provenance.model_calls == len(server.completed())


def test_server_errors_on_the_reduce_are_retried_with_backoff():
    with ChatServer() as server:
        server.inject("500", times=2, schema="episode_overview")
        summary = summarizer(server, max_retries=2).summarize(feed(), episode(), short_transcript())
        assert [c.status for c in server.calls if c.schema == "episode_overview"] == [500, 500, 200]
        assert summary.conclusion


def test_a_request_that_times_out_is_retried():
    with ChatServer(timeout_sleep=1.5) as server:
        server.inject("timeout", times=1, schema="episode_overview")
        summary = summarizer(server, timeout_seconds=0.5).summarize(feed(), episode(), short_transcript())
        assert [c.fault for c in server.calls if c.schema == "episode_overview"] == ["timeout", None]
        assert summary.tldr


def test_invalid_json_is_asked_again_and_the_wasted_attempt_is_still_paid_for():
    transcript = short_transcript()
    phrase = section_phrase(transcript, 1)
    with ChatServer() as server:
        server.inject("invalid_json", times=1, schema="section_notes", match=phrase)
        summary = summarizer(server).summarize(feed(), episode(), transcript)
        assert len(map_calls_with(server, phrase)) == 2
        assert summary.provenance.input_tokens == server.input_tokens
        assert summary.provenance.model_calls == len(server.completed())


@pytest.mark.parametrize("fault", ["invalid_json", "wrong_shape"])
def test_an_answer_that_stays_invalid_ends_in_a_summarization_error(fault):
    transcript = short_transcript()
    phrase = section_phrase(transcript, 0)
    with ChatServer() as server:
        server.inject(fault, times=10, schema="section_notes", match=phrase)
        with pytest.raises(SummarizationError, match="invalid 3 times"):
            summarizer(server).summarize(feed(), episode(), transcript)
        assert len(map_calls_with(server, phrase)) == 3


def test_a_truncated_answer_is_retried_once_with_twice_the_output_budget():
    with ChatServer() as server:
        server.inject("truncated", times=1, schema="episode_overview")
        summary = summarizer(server).summarize(feed(), episode(), short_transcript())
        budgets = [c.max_tokens for c in server.calls if c.schema == "episode_overview"]
        assert budgets == [budgets[0], 2 * budgets[0]]
        assert summary.lessons


def test_an_answer_truncated_twice_is_an_error_that_says_what_to_do():
    with ChatServer() as server:
        server.inject("truncated", times=2, schema="episode_overview")
        with pytest.raises(SummarizationError, match=r"cut off .* larger output limit"):
            summarizer(server).summarize(feed(), episode(), short_transcript())


def test_a_refusal_is_an_error_carrying_the_models_words_and_is_not_retried():
    with ChatServer() as server:
        server.inject("refusal", times=1, schema="episode_overview")
        with pytest.raises(SummarizationError, match="I'm sorry, I can't help with that"):
            summarizer(server).summarize(feed(), episode(), short_transcript())
        assert len([c for c in server.calls if c.schema == "episode_overview"]) == 1


def test_a_section_that_fails_after_the_clients_retries_is_retried_alone():
    transcript = short_transcript()
    phrase = section_phrase(transcript, 1)
    with ChatServer() as server:
        # The client's own attempts (1 + 2 retries) all fail; the section's second round succeeds.
        server.inject("500", times=3, schema="section_notes", match=phrase)
        # One section per batch, so that a batch is a section.
        summary = summarizer(server, max_retries=2, batch_tokens=1).summarize(feed(), episode(), transcript)
        assert [c.status for c in map_calls_with(server, phrase)] == [500, 500, 500, 200]
        others = [c for c in server.completed("section_notes") if phrase not in c.request_text]
        assert len(others) == len(split_sections(transcript)) - 1  # nothing else asked twice
        assert len(summary.in_depth) == len(split_sections(transcript))


def test_a_section_that_keeps_failing_raises_a_transient_error_and_a_rerun_pays_only_for_it(tmp_path):
    transcript = short_transcript()
    phrase = section_phrase(transcript, 2)
    blobs = FolderBlobStore(tmp_path)
    sections = len(split_sections(transcript))
    with ChatServer() as server:
        server.inject("500", times=100, schema="section_notes", match=phrase)
        with pytest.raises(UpstreamUnavailable, match=f"1 of {sections} sections .* cached"):
            summarizer(server, blobs, max_retries=1, batch_tokens=1).summarize(feed(), episode(), transcript)
        assert len(blobs.list_keys(f"{PREFIX}/ep-1/")) == sections - 1

        server.reset()  # the API is healthy again
        summary = summarizer(server, blobs, batch_tokens=1).summarize(feed(), episode(), transcript)
        assert [c.schema for c in server.calls] == ["section_notes", "episode_overview"]
        assert phrase in server.calls[0].request_text
        # The summary still reports every call it took to make it, cached ones included.
        assert summary.provenance.model_calls == sections + 1


def test_persistent_throttling_surfaces_as_upstream_throttled():
    with ChatServer() as server:
        server.inject("429", times=1000)
        with pytest.raises(UpstreamThrottled):
            summarizer(server, max_retries=1).summarize(feed(), episode(), short_transcript(5))


def test_a_rerun_of_a_finished_summary_makes_no_model_calls(tmp_path):
    transcript = short_transcript()
    blobs = FolderBlobStore(tmp_path)
    with ChatServer() as server:
        first = summarizer(server, blobs).summarize(feed(), episode(), transcript)
        paid = len(server.calls)
        second = summarizer(server, blobs).summarize(feed(), episode(), transcript)
        assert len(server.calls) == paid
        assert second.model_dump(exclude={"provenance"}) == first.model_dump(exclude={"provenance"})
        assert second.provenance.cost_usd == pytest.approx(first.provenance.cost_usd)

        summarizer(server, blobs, model="gpt-4o").summarize(feed(), episode(), transcript)
        assert len(server.calls) == 2 * paid  # another model is another summary


def test_an_invented_quote_is_never_shown_and_another_candidate_is_used():
    transcript = short_transcript()
    with ChatServer(invent_quotes=1) as server:
        summary = summarizer(server).summarize(feed(), episode(), transcript)
    assert summary.favorite_quote is not None
    assert summary.favorite_quote.verified


def test_when_no_candidate_is_in_the_transcript_there_is_no_favorite_quote():
    with ChatServer(invent_quotes=3) as server:
        summary = summarizer(server).summarize(feed(), episode(), short_transcript())
    assert summary.favorite_quote is None


def test_without_a_key_or_base_url_the_summarizer_says_what_to_set():
    with pytest.raises(ConfigurationError, match="PODCAST_DIGEST_OPENAI_API_KEY"):
        LLMSummarizer(Settings())


def test_an_unreachable_endpoint_is_a_transient_error_naming_it():
    settings = Settings(openai_base_url="http://127.0.0.1:9/v1")
    with pytest.raises(UpstreamUnavailable, match=re.escape("127.0.0.1:9")):
        LLMSummarizer(settings, max_retries=0, timeout_seconds=2).summarize(
            feed(), episode(), short_transcript(5)
        )
