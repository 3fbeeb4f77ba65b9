"""The extractive summarizer cannot translate: asked for another summary language it says so in the
summary's provenance and summarises in the transcript's language; asked for the same, it says nothing."""

import pytest

from podcast_digest.models import FeedControls
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.summarizer import cannot_translate_note
from tests.unit.summarization.episode_text import episode_transcript, feed_and_episode


def summarise(summary_language: str | None):
    feed, episode = feed_and_episode()
    feed = feed.model_copy(update={"controls": FeedControls(summary_language=summary_language)})
    return ExtractiveSummarizer().summarize(feed, episode, episode_transcript())


def test_another_language_is_noted_in_the_provenance_and_the_summary_stays_in_the_transcript_s():
    summary = summarise("de")
    assert summary.language == "en"
    [note] = summary.provenance.notes
    assert "German (de)" in note
    assert "cannot translate" in note
    assert "the transcript's language (en)" in note
    assert summary.one_sentence_summary == summarise(None).one_sentence_summary  # same words, not translated


@pytest.mark.parametrize("language", [None, "en", "en-GB"])
def test_the_transcript_s_own_language_leaves_no_note(language):
    assert summarise(language).provenance.notes == []


def test_an_unknown_transcript_language_is_still_noted():
    note = cannot_translate_note("fr", None)
    assert note is not None
    assert "French (fr)" in note
    assert cannot_translate_note("pt-BR", "pt") is None


def test_instructions_it_cannot_follow_are_noted_not_ignored_silently():
    feed, episode = feed_and_episode()
    feed = feed.model_copy(update={"controls": FeedControls(instructions="Focus on costs.")})
    summary = ExtractiveSummarizer().summarize(feed, episode, episode_transcript())
    [note] = summary.provenance.notes
    assert "cannot follow them" in note
