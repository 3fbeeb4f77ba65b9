"""The tl;dr opens on a lead built from the episode's structure (issue 13, s14): the main topics in the
order the talk reaches them, so the statements after it read as the episode's main points."""

import functools

import pytest

from podcast_digest.models import Episode, Feed, Summary, Transcript
from podcast_digest.summarization import quality
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.tldr_lead import tldr_lead
from podcast_digest.summarization.quality_overview import sentences
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path


def test_the_lead_names_the_topics_in_the_order_said():
    assert tldr_lead(["computer vision", "AI ethics", "deep learning"]) == (
        "The talk opens on computer vision, then moves on to AI ethics and deep learning."
    )
    assert tldr_lead(["H2O Wave", "JavaScript"]) == "The talk opens on H2O Wave, then moves on to JavaScript."
    assert tldr_lead(["GDPR"]) == "The talk is about GDPR."
    assert tldr_lead([]) == ""


EPISODES = {
    "changelog__practical-ai-100.md": (
        "Practical AI #100: a milestone episode, with the Changelog hosts dropping in",
        "<p>Daniel Whitenack and Chris Benson reach episode 100 of <b>Practical AI</b>, and Jerod Santo and"
        " Adam Stacoviak of the Changelog crash the recording to talk about the show and AI in practice.</p>",
    ),
    "talkpython__386-h2o-wave.vtt": (
        "Realtime Web Apps and Dashboards with H2O Wave",
        "<p>On this episode, we'll talk about H2O Wave, a dashboard framework.</p>",
    ),
}
# What a listener would call the episode's main topics: the lead names at least two of them.
MAIN_TOPICS = {
    "changelog__practical-ai-100.md": [
        "computer vision",
        "natural language processing",
        "AI ethics",
        "deep learning",
    ],
    "talkpython__386-h2o-wave.vtt": ["H2O Wave", "JavaScript", "HTML", "UI"],
}


@functools.cache
def _summary(name: str) -> tuple[Summary, Transcript]:
    transcript = parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name)
    feed = Feed(feed_id="f", url="https://example.com/f.xml", title="Corpus")
    title, description = EPISODES[name]
    episode = Episode(episode_id=name, feed_id="f", title=title, description=description)
    return ExtractiveSummarizer().summarize(feed, episode, transcript), transcript


@pytest.mark.corpus
@pytest.mark.parametrize("name", list(EPISODES))
def test_the_corpus_tldr_says_what_the_episode_is_about_then_its_points(name):
    summary, transcript = _summary(name)
    lead, *points = sentences(summary.tldr)
    assert lead.startswith("The talk opens on "), lead
    assert sum(t in lead for t in MAIN_TOPICS[name]) >= 2, lead
    assert 3 <= len(points) <= 5
    # The lead is said in no other part, nor near it.
    scored = quality.score_summary(summary, transcript)
    assert scored.total("exact_repeats") + scored.total("near_repeats") == 0, scored.examples.get(
        "near repeat"
    )


@pytest.mark.corpus
def test_a_point_may_say_a_topic_by_its_acronym():
    summary, _ = _summary("changelog__practical-ai-100.md")
    # "natural language processing" is said as "NLP" in the talk's statement on it.
    assert any("NLP" in s for s in sentences(summary.tldr)[1:]), summary.tldr
