"""The model is told who speaks and in what role, from the talk itself."""

from podcast_digest.summarization.llm.speakers import speakers_with_roles
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
