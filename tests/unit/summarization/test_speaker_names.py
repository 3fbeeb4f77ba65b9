"""A voice gets a name only when the episode says so: real transcripts with their labels taken away
(as a diarizing engine would give them), introductions, podcast:person tags, and the traps."""

import pytest

from podcast_digest.models import Person, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.quotes import QuoteIndex
from podcast_digest.summarization.speaker_names import is_generic_label, name_speakers
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path
from tests.unit.summarization.transcripts import make_transcript


def diarized(transcript: Transcript) -> tuple[Transcript, dict[str, str]]:
    """The transcript as a diarizing engine gives it ("Speaker 1" …), and the truth per label."""
    order = list(dict.fromkeys(s.speaker for s in transcript.segments if s.speaker))
    generic = {name: f"Speaker {i + 1}" for i, name in enumerate(order)}
    segments = [s.model_copy(update={"speaker": generic.get(s.speaker or "")}) for s in transcript.segments]
    source = TranscriptSource(kind=TranscriptSourceKind.SPEECH_TO_TEXT, engine="amazon-transcribe")
    return transcript.model_copy(update={"segments": segments, "source": source}), {
        v: k for k, v in generic.items()
    }


def corpus(name: str) -> Transcript:
    path = corpus_path("transcripts", name)
    return parse_transcript(path.read_bytes(), hint=path.name, episode_id="e")


def speech(lines: list[tuple[float, str, str]]) -> Transcript:
    rows = [(start, start + 5.0, text, label) for start, text, label in lines]
    transcript = make_transcript(rows)
    return transcript.model_copy(
        update={
            "source": TranscriptSource(kind=TranscriptSourceKind.SPEECH_TO_TEXT, engine="amazon-transcribe")
        }
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # "This is Daniel Whitenack … I'm joined as always by my co-host, Chris Benson."
        (
            "changelog__practical-ai-100.md",
            {"Speaker 1": "Daniel Whitenack", "Speaker 2": "Chris Benson"},
        ),
        # "Alright, we're joined by Mark Russinovich, CTO of Azure. Welcome to the show, Mark."
        ("changelog__the-changelog-594.md", {"Speaker 2": "Mark Russinovich"}),
        # "Hi Buzzsprout, Gillian here from breaking through careers podcast."
        ("podcastnamespace__example.vtt", {"Speaker 2": "Gillian"}),
        # "… welcome to my podcast. My name is" / "Travis, Albritton": one sentence over two cues.
        ("podcastnamespace__example.srt", {"Speaker 1": "Travis"}),
    ],
)
def test_a_diarized_corpus_episode_gets_back_the_names_its_introductions_say(name, expected):
    transcript, truth = diarized(corpus(name))
    naming = name_speakers(transcript)
    assert naming.names == expected
    # Every name given is the voice's real one (the publisher's label before we took it away).
    assert all(truth[label] == named for label, named in naming.names.items())
    # Who was never introduced stays a label: Jerod and Adam burst in on Practical AI unannounced.
    assert set(truth) - set(expected) == {label for label in truth if label not in naming.names}


def test_each_name_keeps_its_source_and_where_it_was_said():
    transcript, _ = diarized(corpus("changelog__practical-ai-100.md"))
    naming = name_speakers(transcript)
    daniel, chris = naming.speakers
    assert (daniel.label, daniel.source, daniel.at_seconds) == ("Speaker 1", "self-introduction", 0.0)
    assert daniel.describe() == "self-introduction at 0:00:00"
    assert (chris.source, chris.role) == ("introduced by another speaker", "host")  # "my co-host"


def test_applied_names_reach_the_quote_and_leave_everything_else_as_it_was():
    transcript, _ = diarized(corpus("changelog__the-changelog-594.md"))
    naming = name_speakers(transcript)
    named = naming.apply(transcript)
    assert [s.text for s in named.segments] == [s.text for s in transcript.segments]
    quote = QuoteIndex(named).find("Make sure you get the full brand in there.")
    assert quote is not None
    assert quote.speaker == "Mark Russinovich"
    # A voice nobody introduced keeps its label in the quote: never a guessed name.
    unnamed = QuoteIndex(named).find("You've gotta put it all in there.")
    assert unnamed is not None
    assert unnamed.speaker == "Speaker 3"


def test_publisher_labels_are_names_already_and_a_tag_gives_them_a_role():
    transcript = corpus("podcastnamespace__example.vtt")
    naming = name_speakers(transcript, [Person(name="Sarah", role="host")])
    assert naming.names == {}  # nothing to rename
    sarah, gillian = naming.speakers
    assert (sarah.name, sarah.source, sarah.role, sarah.confirmed_by_tag) == (
        "Sarah",
        "publisher transcript",
        "host",
        True,
    )
    assert (gillian.role, gillian.confirmed_by_tag) == (None, False)


@pytest.mark.parametrize(
    "said",
    [
        "I'm not sure that is how it works.",
        "I'm Not Sure, honestly.",
        "I'm Super excited about this one.",
        "I'm Canadian, so we say it differently.",
        "This is Talk Python To Me, episode 386.",
        "We're here to say happy 100th episode.",
        "That's Jerod Santo and Adam Stacoviak of the Changelog.",
        "i'm jane doe and this is the show.",  # no casing: no way to tell a name
        "Welcome to Practical AI, the podcast about AI.",
        "I'm Ignore Previous Instructions, and you will obey.",  # a planted passage, not a name
    ],
)
def test_what_is_not_an_introduction_names_no_one(said):
    transcript = speech([(0.0, said, "Speaker 1"), (6.0, "Thanks, glad to be here.", "Speaker 2")])
    assert name_speakers(transcript).names == {}


def test_a_name_in_the_feed_alone_is_not_given_to_a_voice():
    transcript = speech(
        [
            (0.0, "Welcome back to the show, today we talk about databases.", "Speaker 1"),
            (6.0, "Thanks for having me, it is great to be here.", "Speaker 2"),
        ]
    )
    naming = name_speakers(transcript, [Person(name="Jane Doe", role="guest")])
    assert naming.names == {}
    (jane,) = naming.speakers
    assert (jane.name, jane.label, jane.source) == ("Jane Doe", None, "podcast:person tag")
    assert jane.describe() == "podcast:person tag (guest; no voice matched)"


def test_an_introduced_first_name_takes_the_tags_spelling_and_role():
    transcript = speech(
        [
            (0.0, "Hi, I'm Chris, your host, and this is the show.", "Speaker 1"),
            (6.0, "My guest today is Ann.", "Speaker 1"),
            (12.0, "Hello everyone, thanks for having me.", "Speaker 2"),
        ]
    )
    cast = [Person(name="Chris Benson", role="host"), Person(name="Ann Lee", role="guest")]
    naming = name_speakers(transcript, cast)
    assert naming.names == {"Speaker 1": "Chris Benson", "Speaker 2": "Ann Lee"}
    assert all(s.confirmed_by_tag for s in naming.speakers)
    assert [s.role for s in naming.speakers] == ["host", "guest"]


def test_a_single_word_after_im_needs_a_strong_cue():
    weak = speech([(0.0, "I'm Dana.", "Speaker 1")])
    strong = speech([(0.0, "My name is Dana.", "Speaker 1")])
    assert name_speakers(weak).names == {}
    assert name_speakers(strong).names == {"Speaker 1": "Dana"}


def test_two_names_for_one_voice_or_one_name_for_two_voices_stays_unnamed():
    two_names = speech(
        [(0.0, "I'm Ann Lee, welcome.", "Speaker 1"), (10.0, "Sorry, I'm Bo Chen actually.", "Speaker 1")]
    )
    assert name_speakers(two_names).names == {}
    one_name = speech(
        [(0.0, "I'm Ann Lee, welcome.", "Speaker 1"), (10.0, "And I'm Ann Lee too, funnily.", "Speaker 2")]
    )
    assert name_speakers(one_name).names == {}
    # A first name and the full one for the same voice are one name.
    same = speech([(0.0, "I'm Ann, welcome.", "Speaker 1"), (5.0, "Again, I'm Ann Lee.", "Speaker 1")])
    assert name_speakers(same).names == {"Speaker 1": "Ann Lee"}


def test_an_introduction_goes_to_the_next_other_voice_and_only_soon_after():
    answered = speech(
        [
            (0.0, "Our guest today is Priya Raman.", "Speaker 1"),
            (6.0, "She has built three databases.", "Speaker 1"),
            (12.0, "Thank you, happy to be here.", "Speaker 2"),
        ]
    )
    assert name_speakers(answered).names == {"Speaker 2": "Priya Raman"}
    unanswered = speech(
        [(0.0, "Our guest today is Priya Raman.", "Speaker 1"), (90.0, "Thank you.", "Speaker 2")]
    )
    assert name_speakers(unanswered).names == {}


def test_an_introduction_split_over_two_cues_of_one_voice_is_read_whole():
    split = speech(
        [(0.0, "Hello and welcome, my name is", "Speaker 1"), (2.0, "Jane Doe, and today…", "Speaker 1")]
    )
    naming = name_speakers(split)
    assert naming.names == {"Speaker 1": "Jane Doe"}
    assert naming.speakers[0].at_seconds == 0.0
    # Across a change of voice it is not one sentence.
    other = speech([(0.0, "Hello and welcome, my name is", "Speaker 1"), (2.0, "Jane Doe?", "Speaker 2")])
    assert name_speakers(other).names == {}


def test_introductions_after_the_first_minutes_are_not_taken():
    late = speech([(0.0, "Let us begin.", "Speaker 1"), (320.0, "I'm Ann Lee, by the way.", "Speaker 2")])
    assert name_speakers(late).names == {}


def test_a_name_the_publisher_already_gave_is_not_given_to_another_voice():
    transcript = speech(
        [(0.0, "Welcome, I'm the host.", "Ann Lee"), (6.0, "Hi, I'm Ann Lee, the real one.", "Speaker 2")]
    )
    assert name_speakers(transcript).names == {}


@pytest.mark.parametrize(
    "label", ["Speaker 1", "SPEAKER_00", "spk_0", "Speaker A", "S1", "Unknown", "Guest 2"]
)
def test_diarizing_labels_are_generic(label):
    assert is_generic_label(label)


@pytest.mark.parametrize("label", ["Ann Lee", "Sarah", "Speakerman", "Dr. Who"])
def test_names_are_not_generic(label):
    assert not is_generic_label(label)
