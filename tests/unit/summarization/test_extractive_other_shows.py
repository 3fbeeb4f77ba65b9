"""A show is no topic of the talk (issue 13, s14): the podcast itself, another show whose hosts drop in
("the Changelog hosts", "Jerod Santo and Adam Stacoviak of the Changelog"), "X podcast", a network. Not
in Quick Takes' covers line, not a Delivered promise, not in the 1-sentence summary."""

import functools

import pytest

from podcast_digest.models import (
    Episode,
    Feed,
    Segment,
    Summary,
    Transcript,
    TranscriptSource,
    TranscriptSourceKind,
)
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.clickbait import promises, show_names, shows_named_in
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path

TITLE = "Practical AI #100: a milestone episode, with the Changelog hosts dropping in"
DESCRIPTION = (
    "<p>Daniel Whitenack and Chris Benson reach episode 100 of <b>Practical AI</b>, and Jerod Santo and Adam"
    " Stacoviak of the Changelog crash the recording to talk about the show, AI in practice and what comes next.</p>"
)


def test_a_description_names_the_show_whose_hosts_drop_in():
    assert set(show_names(TITLE, DESCRIPTION)) == {"Practical AI", "Changelog"}
    assert show_names("Kubernetes at scale", "Tim of the Go Time crew joins us.") == ["Go Time"]
    assert show_names("Cold starts", "The hosts of Syntax talk cold starts.") == ["Syntax"]


@pytest.mark.parametrize(
    ("text", "shows"),
    [
        ("This is a Changelog podcast, and we love it.", ["Changelog"]),
        ("One of the things I admire from another Changelog show is its community.", ["Changelog"]),
        ("Go listen to the Go Time podcast for more.", ["Go Time"]),
        ("It is part of the Relay FM network.", ["Relay FM"]),
        # A person of a team or a product, a pronoun before "podcast": no show.
        ("Eric Boyd of the Azure AI team built it.", []),
        ("This podcast is about GitHub Copilot.", []),
        ("Welcome to the show, everyone.", []),
        ("Take Silicon Valley the TV show, and bring out the music.", []),
        ("Those shows are very representative. Doing podcasts is hard.", []),
    ],
)
def test_the_talk_names_shows_as_shows(text, shows):
    assert shows_named_in([text]) == shows


def test_another_show_is_no_promise():
    found = promises(TITLE, DESCRIPTION, ENGLISH_STOP_WORDS_PLUS, speakers=[], podcast="Corpus")
    assert not any("Changelog" in p for p in found), found
    assert "100 episodes" in found


# Half an hour of made-up talk that keeps naming the other show (its hosts, its Slack, its network).
TALK = [
    "Doing 100 episodes of a show about AI is hard, and we made it to 100 episodes.",
    "The Changelog hosts have been behind this show since the first episode.",
    "Facial recognition systems are now deployed at airports and in many city centres.",
    "Facial recognition raised hard questions about consent and about who owns the images.",
    "We shared that facial recognition article on the Changelog Slack last week.",
    "Regulators in Europe answered facial recognition with new rules on biometric data.",
    "Natural language processing changed more in three years than in the twenty before.",
    "Transformer models made natural language processing work for languages with little data.",
    "The Changelog folks asked us about natural language processing on their own show too.",
    "Natural language processing now powers search, translation and support chat at most companies.",
    "Drug discovery is where deep learning surprised the researchers the most.",
    "Deep learning models screen millions of molecules before a chemist runs a single experiment.",
    "Deep learning for drug discovery depends on shared datasets that few companies publish.",
    "Listeners found us through the Changelog network and its other podcasts.",
    "Drug discovery still needs wet labs, because a predicted molecule can fail in the body.",
    "The Changelog gave us the studio, the editing and the audience from day one.",
]


@functools.cache
def _talk_summary() -> Summary:
    speakers = ["Daniel Whitenack", "Chris Benson", "Jerod Santo", "Adam Stacoviak"]
    segments = [
        Segment(start=60.0 * n, end=60.0 * n + 55.0, speaker=speakers[n % 4], text=line)
        for n, line in enumerate(TALK * 2)
    ]
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="Practical AI")
    episode = Episode(episode_id="e", feed_id="f", title=TITLE, description=DESCRIPTION)
    return ExtractiveSummarizer(target_section_seconds=300.0).summarize(feed, episode, transcript)


def _overview_lines(summary: Summary) -> list[str]:
    delivered = [p.promise for p in summary.quick_takes.promises]
    return [summary.quick_takes.verdict, summary.one_sentence_summary, *delivered]


def test_a_show_named_in_the_talk_is_not_what_the_talk_covers():
    summary = _talk_summary()
    assert not any("Changelog" in line for line in _overview_lines(summary)), _overview_lines(summary)
    assert "It covers" in summary.quick_takes.verdict


@pytest.mark.corpus
def test_practical_ai_is_not_about_the_changelog():
    name = "changelog__practical-ai-100.md"
    transcript = parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name)
    feed = Feed(feed_id="f", url="https://example.com/f.xml", title="Corpus")
    episode = Episode(episode_id=name, feed_id="f", title=TITLE, description=DESCRIPTION)
    summary = ExtractiveSummarizer().summarize(feed, episode, transcript)
    lines = _overview_lines(summary)
    assert not any("Changelog" in line for line in lines), lines
    # The occasion is a promise kept where the talk says it, not where the other show is named.
    (occasion,) = [p for p in summary.quick_takes.promises if p.promise == "100 episodes"]
    assert occasion.delivered
    assert occasion.where_seconds is not None
