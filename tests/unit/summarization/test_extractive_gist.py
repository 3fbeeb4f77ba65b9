"""The tl;dr and the conclusion of the offline summary (issue 13, third pass: the top parts): whole
statements, none pointing back, tied together as one thread; a conclusion that says what the talk comes
to, not a compliment, a list or a line cut mid-clause. The sentences are the corpus episodes' own."""

import functools
from pathlib import Path

import pytest

from podcast_digest.models import Episode, Feed, Summary, Transcript
from podcast_digest.summarization import quality_overview
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.statements import states_a_fact
from podcast_digest.summarization.quality import score_summary
from podcast_digest.summarization.talk import summarize_talk
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path

NOT_A_GIST = [
    # `make run`'s example tl;dr opened on it (Practical AI #100): which condition?
    "If you take that condition and you put it in the context of AI, we don't have safeguards.",
    # The example episode's tl;dr once its threads were tied: who is on the show, not what it says.
    "The only thing is the guest has to promote the episode.",
    # The Changelog #594: the speakers' to-do, a shout to the room, a compliment.
    "We've gotta work on this Microsoft Build bios.",
    "Man, lots just announced in the keynote here at Microsoft Build.",
    "Just use all the Microsoft stuff, it's amazing.",
    # Talk Python 386's conclusion: a compliment, and a caption cut mid-clause.
    "Wave sounds like a really cool framework we have.",
    "We support arbitrary JavaScript as well you just include your script as.",
    # The Changelog #594: what was seen is named by "that" alone; a product's pitch.
    "We saw that trend and Open AI saw that trend, and so we made a bet together.",
    "The Azure AI studio is the place where you can really build your generative AI applications.",
    # The Changelog #594's conclusion: what "it" is (Copilot) was said before.
    "Based on the code that you've changed, it'll give you a suggestion for how to start your pull request message.",
    "You tell it what context to consider in order to help assist with a summarization, a decision, or even just "
    "like bringing context from a different place.",
    # The example episode's: an add-on to a list said before.
    "You can also direct them to different podcast directories like Apple podcast, Stitcher and Spotify.",
]
GISTS = [
    "Doing podcasts is hard, getting to 100 is hard, most people fade, and there's a lot of work involved.",
    "Humans are working with humans to create software that talks to humans.",
    "At this point, computer vision models are fairly commoditized, because every cloud sells them by the call.",
    "If you're looking to optimize and streamline your workflow even more beyond templates, the next best "
    "thing to do is to batch your episodes.",
    "We see that people are adopting models faster than anyone expected.",  # "that" opens a clause
    # An "it" after a lead-in that points at what follows.
    "When you first get started in podcasting, it's almost guaranteed that you're going to make a handful of "
    "rookie mistakes.",
    "For all the models in the Azure Open AI service, detections are on by default.",
]


@pytest.mark.parametrize("text", NOT_A_GIST)
def test_a_pointer_a_compliment_or_a_cut_line_is_no_gist_statement(text):
    assert not states_a_fact(text)


@pytest.mark.parametrize("text", GISTS)
def test_a_whole_statement_of_the_talk_is_one(text):
    assert states_a_fact(text)


EPISODES = {
    "talkpython__386-h2o-wave.txt": (
        "Realtime Web Apps and Dashboards with H2O Wave",
        "On this episode, we'll talk about H2O Wave, a dashboard framework for Python.",
    ),
    "changelog__practical-ai-100.md": (
        "Practical AI's 100th episode",
        "Jerod and Adam turn the tables on Chris and Daniel to celebrate 100 episodes of Practical AI.",
    ),
    "podcastnamespace__example.srt": (
        "Podcasting 2.0 example episode",
        "An example episode of the Podcasting 2.0 namespace, about growing a podcast's audience.",
    ),
}


@functools.cache
def _summarized(name: str) -> tuple[Summary, Transcript]:
    transcript = parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name)
    feed = Feed(feed_id="corpus", url="https://podcast.example/feed.xml", title=name.split("__")[0])
    title, description = EPISODES[name]
    episode = Episode(episode_id=name, feed_id="corpus", title=title, description=description)
    return summarize_talk(ExtractiveSummarizer(), feed, episode, transcript), transcript


@pytest.mark.corpus
@pytest.mark.parametrize("name", list(EPISODES))
def test_the_tldr_is_three_to_five_statements_on_one_thread_none_pointing_back(name):
    summary, transcript = _summarized(name)
    gist = quality_overview.sentences(summary.tldr)
    assert 3 <= len(gist) <= 5, gist
    quality = score_summary(summary, transcript)
    assert quality.unthreaded["tldr"] == 0, gist
    assert quality.dangling_openings["tldr"] == 0, gist
    assert quality.no_statements["tldr"] == 0, gist


@pytest.mark.corpus
@pytest.mark.parametrize("name", list(EPISODES))
def test_the_conclusion_is_no_compliment_list_or_cut_line(name):
    summary, _ = _summarized(name)
    closing = quality_overview.sentences(summary.conclusion)
    assert closing
    assert not any(quality_overview.is_no_statement(s) for s in closing), closing
    assert "sounds like a really cool framework" not in summary.conclusion
    assert "Apple podcast, Stitcher and Spotify" not in summary.conclusion
    assert not any(s.rstrip(".").endswith((" as", " than", " we have")) for s in closing), closing


# `make run`'s two episodes, as examples/feed.xml describes them.
EXAMPLES = {
    "practical-ai-100.md": (
        "Practical AI #100: a milestone episode, with the Changelog hosts dropping in",
        "<p>Daniel Whitenack and Chris Benson reach episode 100 of <b>Practical AI</b>, and Jerod Santo and "
        "Adam Stacoviak of the Changelog crash the recording to talk about the show, AI in practice and what "
        "comes next.</p>",
    ),
    "buzzsprout-ten-things.srt": (
        "10 things we wish we knew before starting our first podcast",
        "<p>Rookie mistakes to skip: good audio without thousands of dollars of equipment, guesting on other "
        "podcasts, templates, batching episodes, and social media posts that bring listeners.</p>",
    ),
}


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_the_make_run_examples_tldr_ties_together_and_points_back_nowhere(name):
    path = Path(__file__).resolve().parents[3] / "examples" / "transcripts" / name
    transcript = parse_transcript(path.read_bytes(), hint=name)
    feed = Feed(feed_id="ex", url="https://podcast.example/feed.xml", title="Podcast Digest Examples")
    title, description = EXAMPLES[name]
    episode = Episode(episode_id=name, feed_id="ex", title=title, description=description)
    summary = summarize_talk(ExtractiveSummarizer(), feed, episode, transcript)
    gist = quality_overview.sentences(summary.tldr)
    assert 3 <= len(gist) <= 5, gist
    quality = score_summary(summary, transcript)
    assert quality.unthreaded["tldr"] == 0, gist
    assert quality.dangling_openings["tldr"] == 0, gist
    assert "that condition" not in summary.tldr
