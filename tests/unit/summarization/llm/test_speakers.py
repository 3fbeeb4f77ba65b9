"""The model is told who speaks and in what role, from the talk itself."""

import pytest

from podcast_digest.summarization.llm.speakers import speakers_with_roles
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path
from tests.unit.summarization.transcripts import make_transcript


def test_the_opener_and_the_questioner_host_and_the_one_who_answers_is_the_guest():
    transcript = make_transcript(
        [
            (0.0, 4.0, "Welcome to the show, today with Bo.", "Ann"),
            (4.0, 9.0, "So how did you start with Rust?", "Cy"),
            (9.0, 30.0, "I started with Rust in 2015 because memory bugs kept biting our team hard.", "Bo"),
            (30.0, 34.0, "And what changed?", "Cy"),
            (
                34.0,
                60.0,
                "Ownership made the bugs visible at compile time, which changed how we review code.",
                "Bo",
            ),
        ]
    )
    assert speakers_with_roles(transcript.segments) == "Bo (guest), Cy (host), Ann (host)"


def test_a_transcript_without_speaker_labels_names_nobody():
    transcript = make_transcript([(0.0, 4.0, "Welcome to the show.", None)])
    assert speakers_with_roles(transcript.segments) == ""


def test_a_speaker_introduced_as_co_host_hosts_even_when_answering():
    transcript = make_transcript(
        [
            (
                0.0,
                6.0,
                "Welcome to Practical AI, I'm joined as always by my co-host, Chris Benson.",
                "Daniel",
            ),
            (
                6.0,
                30.0,
                "Thanks Daniel, today we look back at a hundred episodes of the show together.",
                "Chris",
            ),
            (30.0, 34.0, "What changed since the first one?", "Jerod"),
            (
                34.0,
                60.0,
                "Deep learning moved from research papers into ordinary products everywhere.",
                "Chris",
            ),
        ]
    )
    assert speakers_with_roles(transcript.segments) == "Chris (host), Daniel (host), Jerod (host)"


@pytest.mark.corpus
def test_the_corpus_episodes_hosts_and_guests():
    path = corpus_path("transcripts", "changelog__practical-ai-100.md")
    transcript = parse_transcript(path.read_bytes(), hint=path.name)
    assert speakers_with_roles(transcript.segments) == (
        "Chris Benson (host), Daniel Whitenack (host), Jerod Santo (guest), Adam Stacoviak (guest)"
    )
