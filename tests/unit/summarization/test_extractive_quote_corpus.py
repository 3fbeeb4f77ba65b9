"""The offline favorite quote on every corpus transcript: verbatim, about the talk, never a plug,
a question or a line that leans on what came before (as quality_prose.weak_quote, written apart, counts it)."""

import functools

import pytest

from podcast_digest.models import Episode, Feed, Summary, Transcript
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.quotable import INTRO_OUTRO_SHARE
from podcast_digest.summarization.quality import weak_quote
from podcast_digest.summarization.quotes import normalise
from podcast_digest.summarization.talk import summarize_talk
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path

pytestmark = pytest.mark.corpus

EPISODES = {
    "talkpython__386-h2o-wave.txt": "Realtime Web Apps and Dashboards with H2O Wave",
    "talkpython__386-h2o-wave.vtt": "Realtime Web Apps and Dashboards with H2O Wave",
    "changelog__the-changelog-594.md": "Microsoft is all-in on AI: Part 1",
    "changelog__practical-ai-100.md": "Practical AI's 100th episode",
    "podcastnamespace__example.srt": "Podcasting 2.0 example episode",
    "podcastnamespace__example.html": "Podcasting 2.0 example episode",
}
NAMES = [
    pytest.param(n, marks=pytest.mark.slow) if n == "changelog__the-changelog-594.md" else n for n in EPISODES
]


@functools.cache
def _summarized(name: str) -> tuple[Summary, Transcript]:
    transcript = parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name)
    feed = Feed(feed_id="corpus", url="https://podcast.example/feed.xml", title="Corpus")
    episode = Episode(episode_id=name, feed_id="corpus", title=EPISODES[name])
    return summarize_talk(ExtractiveSummarizer(), feed, episode, transcript), transcript


@pytest.mark.parametrize("name", NAMES)
def test_the_quote_is_a_verbatim_line_a_listener_would_underline(name):
    summary, transcript = _summarized(name)
    quote = summary.favorite_quote
    assert quote is not None
    assert quote.verified
    assert normalise(quote.text) in normalise(transcript.text)
    assert 12 <= len(quote.text.split()) <= 40
    assert weak_quote(quote.text) is None, quote.text


@pytest.mark.parametrize("name", NAMES)
def test_the_quote_is_not_from_the_intro_or_the_outro(name):
    summary, transcript = _summarized(name)
    quote = summary.favorite_quote
    assert quote is not None
    starts = [s.start for s in transcript.segments if s.text.strip()]
    first, last = min(starts), max(transcript.duration, max(starts))
    edge = INTRO_OUTRO_SHARE * (last - first)
    assert first + edge <= quote.start_seconds <= last - edge


def test_the_sign_off_plug_of_practical_ai_100_is_not_the_quote():
    quote = _summarized("changelog__practical-ai-100.md")[0].favorite_quote
    assert quote is not None
    assert "you can do that there" not in quote.text
