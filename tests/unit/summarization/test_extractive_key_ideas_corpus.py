"""On the corpus, Key Ideas read alone, sit under headings they say, and are about the sample's length.

The counts are quality.py's, written apart from the summarizer's rules (the code before this work scored
16 loose Key Ideas, 35% of bullets saying their heading and 18.4 words per idea on the same transcripts).
"""

import functools

import pytest

from podcast_digest.models import Episode, Feed
from podcast_digest.summarization import quality
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.talk import summarize_talk
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path

pytestmark = pytest.mark.corpus

HOUR_LONG = [
    "talkpython__386-h2o-wave.txt",
    "talkpython__386-h2o-wave.vtt",
    "changelog__practical-ai-100.md",
    pytest.param("changelog__the-changelog-594.md", marks=pytest.mark.slow),
]
SHORT = ["podcastnamespace__example.srt", "podcastnamespace__example.html"]


@functools.cache
def _scored(name: str) -> quality.SummaryQuality:
    transcript = parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name)
    feed = Feed(feed_id="corpus", url="https://podcast.example/feed.xml", title="Corpus")
    episode = Episode(episode_id=name, feed_id="corpus", title="An episode")
    return quality.score_summary(
        summarize_talk(ExtractiveSummarizer(), feed, episode, transcript), transcript
    )


@pytest.mark.parametrize("name", [*HOUR_LONG, *SHORT])
def test_no_key_idea_opens_on_a_reference_a_feeling_or_filler(name):
    q = _scored(name)
    assert q.loose_ideas["key_ideas"] == 0, q.examples.get("loose idea")
    # In-Depth keeps a part's every idea, so a few may still lean on their neighbours: at most one in ten.
    assert q.loose_ideas["in_depth_ideas"] <= 0.1 * q.units["in_depth_ideas"], q.examples.get("loose idea")


def test_most_key_ideas_say_their_heading():
    # The long episode is left out to keep this quick; the bench prints its figure (about 95%).
    scored = [_scored(n) for n in HOUR_LONG if isinstance(n, str)]
    assert quality.strict_heading_support(scored, "key_ideas") >= 0.6
    # Practical AI #100 repeats few topic phrases in stand-alone sentences: its last groups are runs of talk
    # (the format's minimum of six), so it is held to a lower floor; those groups now take three ideas, the
    # ones saying their heading first, not five with filler (34.6% before, 50% now).
    # The sentence gate then refused its "Networks" group's two props (an answer pointing back, a clause
    # with no main clause); headings that name a subject ("Adversarial Networks") keep it at the floor.
    for q in scored:
        assert quality.strict_heading_support([q], "key_ideas") >= 0.5, q.examples.get(
            "bullet off its heading"
        )


@pytest.mark.parametrize("name", HOUR_LONG)
def test_ideas_are_about_the_samples_length(name):
    assert quality.mean_words_per_idea([_scored(name)]) <= 18


def test_in_depth_headings_are_named_by_their_ideas_not_a_lesson_title():
    # Before: 4 of these parts were headed by a phrase only a lesson's title or the part's other talk said.
    scored = [_scored(n) for n in HOUR_LONG if isinstance(n, str)]
    assert sum(q.unsupported_headings["in_depth_ideas"] for q in scored) <= 1, [
        q.examples.get("unsupported heading") for q in scored
    ]
