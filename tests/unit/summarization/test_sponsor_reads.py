"""Sponsor reads are found, cut from the talk and named, in corpus transcripts and in reads planted into others."""

import functools

import pytest

from podcast_digest.models import Segment, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.quotes import normalise
from podcast_digest.summarization.sponsors import find_sponsor_reads, without_sponsor_reads
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path
from tests.unit.summarization.sponsor_reads import ACME_READ, ACME_WORDS, HOSTED_READ, HOSTED_WORDS, plant


@functools.cache
def _corpus(name: str) -> Transcript:
    return parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name)


def _text(transcript: Transcript) -> str:
    return normalise(transcript.text)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["talkpython__386-h2o-wave.txt", "talkpython__386-h2o-wave.vtt"])
def test_talk_pythons_reads_are_all_found_with_their_sponsors_and_times(name):
    reads = find_sponsor_reads(_corpus(name))
    # The intro (three sponsors), two mid-rolls and the outro thank-you.
    # Within 45 s: caption cues merged into sentences may start a read's segment a few seconds early.
    starts = [r.start_seconds / 60 for r in reads]
    assert len(starts) == 4
    assert all(
        abs(start - minute) <= 0.75 for start, minute in zip(starts, [1.3, 17.4, 33.5, 63.8], strict=True)
    )
    assert reads[0].sponsors == ["Microsoft for Startups Founders Hub", "Sentry", "Assembly AI"]
    assert reads[1].sponsors == ["Microsoft for Startups Founders Hub"]
    assert reads[2].sponsors == ["Sentry"]
    assert "Sentry" in reads[3].sponsors
    # A mid-roll lasts its minute or two, not the rest of the episode.
    assert all(r.end_seconds - r.start_seconds < 180 for r in reads)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["talkpython__386-h2o-wave.txt", "talkpython__386-h2o-wave.vtt"])
def test_cutting_the_reads_keeps_the_talk_around_them(name):
    talk, _ = without_sponsor_reads(_corpus(name))
    text = _text(talk)
    for advert in ("brought to you by", "coupon code", "founders hub provides", "talkpython fm slash sentry"):
        assert advert not in text
    # The talk on either side of each read stays, even where a cue carries both.
    for kept in ("welcome to talk python", "that makes a lot of sense", "i think maybe to give"):
        assert kept in text
    assert len(text) > 0.9 * len(_text(_corpus(name)))


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["changelog__the-changelog-594.md", "changelog__practical-ai-100.md"])
def test_transcripts_whose_publisher_cut_the_ads_have_no_reads(name):
    # "state-sponsored", "promotions", "code of conduct" and the like are talk, not adverts.
    assert find_sponsor_reads(_corpus(name)) == []


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "at"),
    [("changelog__the-changelog-594.md", 400), ("podcastnamespace__example.srt", 100)],
)
@pytest.mark.parametrize(
    ("read", "sponsor", "tells"),
    [(ACME_READ, "Acme Cloud", ACME_WORDS), (HOSTED_READ, "Northwind Backups", HOSTED_WORDS)],
)
def test_a_read_planted_mid_episode_is_found_and_cut_whole(name, at, read, sponsor, tells):
    original = _corpus(name)
    planted = plant(original, read, at_segment=at)
    talk, reads = without_sponsor_reads(planted)
    [found] = reads
    assert found.sponsors == [sponsor]
    assert found.start_seconds == pytest.approx(original.segments[at].start)
    for tell in tells:
        assert tell not in _text(talk)
    # Everything else is still there, word for word.
    assert _text(talk) == _text(original)


def test_a_passing_mention_of_support_is_not_a_read():
    said = [
        "The project is supported by a foundation and a lot of volunteers.",
        "It was a state-sponsored attack, and the code of conduct says so.",
        "You can find the slides at github.com/ana/talk and the notes on our site.",
    ]
    transcript = Transcript(
        segments=[Segment(start=10.0 * i, end=10.0 * i + 9, text=t) for i, t in enumerate(said)],
        source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER),
    )
    assert find_sponsor_reads(transcript) == []
    assert without_sponsor_reads(transcript)[0] == transcript


def test_a_read_with_no_name_is_still_listed():
    transcript = Transcript(
        segments=[
            Segment(start=0, end=5, text="We will be right back after this."),
            Segment(
                start=5,
                end=15,
                text="Thanks to our sponsors, use the code LISTEN at checkout for a free trial.",
            ),
            Segment(start=15, end=25, text="So where were we with the compost?"),
        ],
        source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER),
    )
    [read] = find_sponsor_reads(transcript)
    assert read.sponsors == ["a sponsor"]
    assert "compost" in without_sponsor_reads(transcript)[0].text
