"""The conclusion of a transcript the engine left unpunctuated (issue 13, fourth pass): only statements that
read whole (both ends recovered, a subject and a finite verb, no run-on, no "sure"/"right" tag), fewer of
them rather than caption garbage. The sentences are Talk Python #386's own, as its captions cut them."""

import functools

import pytest

from podcast_digest.models import Episode, Feed, Summary, Transcript
from podcast_digest.summarization import quality_overview
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.statements import reads_whole, states_a_fact
from podcast_digest.summarization.talk import summarize_talk
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path

# What Talk Python #386's conclusion showed, and the other broken lines of its unpunctuated half.
BROKEN = [
    # a "sure" tag mid-sentence
    "We want to target also Python developers sure if you're doing pure HTML Django servers up.",
    # two clauses run on without a link
    "We use it for visual regression testing we use it for generating our imagery into documentation.",
    "It's you have this inner information more round tripped I think it'll resonate with a lot of people "
    "it's definitely easier.",
    # a "right" tag at the end
    "It really allows you to create scalable code right.",
    # opens on no subject
    "In that's a lot of heavy lifting for us.",
    "Before you get out of here got the final two questions for you if we're going to write some code what editor.",
    # talk that restarts
    "You can you can edit it and your changes should be reflected on the right side as well.",
    # the host's closing question, and an object that points back
    "Final call action people want to get started with wave.",
    "We help with that a little bit as well.",
    # cut before what its last word asks for
    "You don't need to think about how.",
]
WHOLE = [
    "You have nice support for just markdown out of the box.",
    "We support search filter sort even pagination if you want and have really a lot of data.",
    "Starlight is the same foundation as FastAPI and other things as well.",
    "The annotate function will give you one parameter which is Q and that stands for query and that allows "
    "you to control your wave up.",
    "You need to make sure the app runs right now on the right side.",
]


@pytest.mark.parametrize("text", BROKEN)
def test_caption_talk_that_is_no_whole_sentence_does_not_read_whole(text):
    assert not reads_whole(text)


@pytest.mark.parametrize("text", WHOLE)
def test_a_whole_statement_cut_from_unpunctuated_talk_reads_whole(text):
    assert reads_whole(text)


@pytest.mark.parametrize("text", BROKEN[:4])
def test_the_bench_counts_run_on_and_tagged_talk(text):
    assert quality_overview.is_unsettled_talk(text)


@pytest.mark.parametrize(
    "text",
    [
        *WHOLE,
        # punctuated talk the bench must not count: a comma, a condition, a question's inverted order
        "Even though you're not there from the listeners' perspective, you're invisible to them in most "
        "episodes, you're actually there every episode.",
        "If you're looking to optimize and streamline your workflow even more beyond templates, the next best "
        "thing to do is to batch your episodes.",
        "My question is, do we need a podcast trailer?",
    ],
)
def test_the_bench_leaves_whole_sentences_alone(text):
    assert not quality_overview.is_unsettled_talk(text)


def test_the_show_introducing_itself_is_no_statement_of_the_talk():
    # The Changelog #594's opening: a tl;dr that covered the talk's first stretch took it.
    assert not states_a_fact(
        "The Changelog is a podcast that focuses on the world of software development and open source."
    )
    assert states_a_fact("Red teaming is a practice that probes a model for harms before it ships.")


@functools.cache
def _summarized(name: str) -> tuple[Summary, Transcript]:
    transcript = parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name)
    feed = Feed(feed_id="corpus", url="https://podcast.example/feed.xml", title="talkpython")
    episode = Episode(
        episode_id=name,
        feed_id="corpus",
        title="Realtime Web Apps and Dashboards with H2O Wave",
        description="On this episode, we'll talk about H2O Wave, a dashboard framework for Python.",
    )
    return summarize_talk(ExtractiveSummarizer(), feed, episode, transcript), transcript


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["talkpython__386-h2o-wave.vtt", "talkpython__386-h2o-wave.txt"])
def test_talk_pythons_conclusion_reads_whole(name):
    summary, _ = _summarized(name)
    closing = quality_overview.sentences(summary.conclusion)
    assert 1 <= len(closing) <= 3, closing
    assert not any(quality_overview.is_unsettled_talk(s) for s in closing), closing
    assert not any(quality_overview.is_no_statement(s) for s in closing), closing
    assert all(reads_whole(s) for s in closing), closing
    assert "sure if you're doing" not in summary.conclusion
    assert "You want to use to build an app" not in summary.conclusion
