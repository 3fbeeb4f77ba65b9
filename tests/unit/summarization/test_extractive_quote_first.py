"""The favorite quote is chosen first, from the whole talk, before any other top part takes its lines;
and the lines a real episode said that read badly alone (an aside that points back, a pitch, a broken-off
condition, a guess) are not the quote (issue 13, third pass: the quote chosen first)."""

import pytest

from podcast_digest.models import Episode, Feed
from podcast_digest.summarization.extractive import summarizer as extractive
from podcast_digest.summarization.extractive.quotable import (
    QuoteContext,
    hangs,
    is_plug,
    quotability,
    quotable,
    refers_back,
)
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.sections import split_sections
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path

HOUR = QuoteContext(english=True, talk_start=0.0, talk_end=3600.0)


def _said(text: str) -> TranscriptSentence:
    return TranscriptSentence(raw=text, clean=text, start=1800.0, speaker="Guest", section=0, position=0)


# Practical AI #100's old quote: "doing this" is what was said before it.
ASIDE = (
    "All of us that are doing this - we have day jobs, so we need the people that we work with to make "
    "allowances and accommodate, to some degree; we have families who are supportive."
)
# The example episode's would-be quote: the condition's consequence never comes.
HANGING = (
    "Creating good audio is really key to keeping your podcast listeners engaged because no matter how good "
    "the content is, if your audio quality isn't good."
)
# The Changelog #594's would-be quote once it came first: a product's pitch.
PITCH = "The Azure AI studio is the place where you can really build your generative AI applications."
# Talk Python 386's would-be quote: a guess at a set-up step.
GUESS = (
    "I guess you might have to pip install H2O-Wave before you can start the server if you haven't got it "
    "globally available but then you just have to write a little bit of code."
)


def test_an_aside_that_points_at_what_was_said_before_is_not_the_quote():
    assert refers_back(ASIDE)
    assert refers_back(
        "We have these things happening, and I think it's just a result of the economy, honestly."
    )
    assert not quotable(_said(ASIDE), HOUR)


def test_a_condition_left_hanging_is_not_the_quote():
    assert hangs(HANGING)
    assert not quotable(_said(HANGING), HOUR)
    whole = "Be a guest on other people's podcasts, but not just anyone's podcast podcasts that have a similar target audience that you do."
    assert not hangs(whole)
    assert quotable(_said(whole), HOUR)


def test_a_products_pitch_is_a_plug():
    assert is_plug(PITCH)
    assert is_plug("Go and build some great applications using Azure AI.")  # the Changelog #594's sign-off
    assert not is_plug("Going to the cloud made every one of those models cheaper to run.")
    assert not quotable(_said(PITCH), HOUR)


def test_a_guess_weighs_less_than_the_same_line_said_plainly():
    plain = "You" + GUESS.removeprefix("I guess you")
    assert quotability(_said(GUESS), HOUR) < 0.6 * quotability(_said(plain), HOUR)


@pytest.fixture(scope="module")
def practical_ai_run():
    name = "changelog__practical-ai-100.md"
    transcript = parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name)
    feed = Feed(feed_id="corpus", url="https://podcast.example/feed.xml", title="changelog")
    episode = Episode(
        episode_id="practical-ai-100",
        feed_id="corpus",
        title="Practical AI's 100th episode",
        description="Jerod and Adam turn the tables on Chris and Daniel to celebrate 100 episodes of Practical AI.",
    )
    run = extractive._Run(feed, episode, transcript, split_sections(transcript, target_seconds=270.0))
    return run, run.summary()


def test_the_quote_is_the_first_line_a_top_part_takes(practical_ai_run):
    run, summary = practical_ai_run
    quote = summary.favorite_quote
    assert quote is not None
    assert quote.verified
    first = run.sentences[run.used[0]]
    assert first.raw.strip() == quote.text.strip()
    assert "day jobs" not in quote.text  # the old aside


def test_the_quotes_topic_words_come_from_the_episodes_topics_not_its_key_ideas(practical_ai_run):
    run, _ = practical_ai_run
    context = run._quote_context(list(range(len(run.sentences))))
    topic_words = {w for key in run.episode_topics for w in run.space.content_words(run.phrases.spell(key))}
    assert topic_words
    assert topic_words <= context.topic_words
