"""Every transcript in the shared corpus parses into a sensible canonical transcript."""

import pytest

from podcast_digest.models import TranscriptSource, TranscriptSourceKind
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path

pytestmark = pytest.mark.corpus


def _parse(name: str, **kwargs):
    return parse_transcript(corpus_path("transcripts", name).read_bytes(), hint=name, **kwargs)


def _speakers(transcript) -> set[str | None]:
    return {segment.speaker for segment in transcript.segments}


def _assert_well_formed(transcript) -> None:
    starts = [segment.start for segment in transcript.segments]
    assert starts == sorted(starts)
    assert all(segment.end >= segment.start and segment.text.strip() for segment in transcript.segments)


def test_every_corpus_transcript_parses():
    folder = corpus_path("transcripts")
    names = sorted(path.name for path in folder.iterdir() if "chapters" not in path.name)
    assert len(names) >= 8
    for name in names:
        transcript = _parse(name)
        _assert_well_formed(transcript)
        assert transcript.word_count > 0, name
        assert transcript.source.kind is TranscriptSourceKind.PUBLISHER


def test_talkpython_vtt_lasts_about_an_hour_and_five_minutes_without_speakers():
    transcript = _parse("talkpython__386-h2o-wave.vtt")
    assert transcript.source.format == "vtt"
    assert 64 * 60 < transcript.duration < 66 * 60
    assert 10_000 < transcript.word_count < 12_000
    assert _speakers(transcript) == {None}
    assert transcript.segments[0].text.startswith("Python's data science")
    assert transcript.source.timing_estimated is False


def test_talkpython_text_twin_agrees_with_the_vtt():
    text = _parse("talkpython__386-h2o-wave.txt")
    vtt = _parse("talkpython__386-h2o-wave.vtt")
    assert text.source.format == "text"
    assert text.source.timing_estimated is False
    assert abs(text.duration - vtt.duration) < 60
    assert abs(text.word_count - vtt.word_count) < 100
    assert text.segments[1].start == 5.0


def test_example_vtt_has_sarah_and_gillian_from_voice_tags():
    transcript = _parse("podcastnamespace__example.vtt")
    assert _speakers(transcript) == {"Sarah", "Gillian"}
    assert transcript.segments[0].model_dump() == {
        "start": 0.0,
        "end": 2.76,
        "text": "In today's episode, you'll learn whether or not you",
        "speaker": "Sarah",
    }
    assert "Podcasting Q&A" in transcript.text  # &amp; unescaped


def test_example_srt_recognises_the_speaker_labels_and_carries_each_turn():
    transcript = _parse("podcastnamespace__example.srt")
    assert transcript.source.format == "srt"
    assert _speakers(transcript) == {"Travis", "Sarah", "Gilon"}
    first, second = transcript.segments[:2]
    assert (first.speaker, first.start, first.end) == ("Travis", 0.179, 2.399)
    assert first.text == "When you first get started in podcasting, it's"
    assert second.speaker == "Travis"
    assert not any(segment.text.startswith(("Travis:", "Sarah:")) for segment in transcript.segments)
    assert 12 * 60 < transcript.duration < 13 * 60


def test_example_html_and_srt_are_the_same_episode():
    html = _parse("podcastnamespace__example.html")
    srt = _parse("podcastnamespace__example.srt")
    assert html.source.format == "html"
    assert [s.speaker for s in html.segments][:3] == ["Travis", "Sarah", "Travis"]
    assert html.segments[1].start == 53.0
    assert html.segments[0].end == 53.0  # ends where the next begins
    assert "it's almost guaranteed" in html.segments[0].text  # &#39; unescaped
    assert abs(html.word_count - srt.word_count) < 50
    assert abs(html.duration - srt.duration) < 90


def test_example_json_words_merge_into_sentences_per_speaker():
    transcript = _parse("podcastnamespace__example.json")
    assert [(s.speaker, s.text, s.start, s.end) for s in transcript.segments] == [
        ("Darth Vader", "I am your father.", 0.5, 2.5),
        ("Luke", "Nooooo", 2.75, 3.0),
    ]


def test_changelog_594_markdown_has_its_speakers_and_interpolated_times():
    transcript = _parse("changelog__the-changelog-594.md")
    assert transcript.source.format == "markdown"
    assert transcript.source.timing_estimated is True
    assert 28_000 < transcript.word_count < 33_000
    # Three interviews at Microsoft Build: the two hosts and one guest in each.
    assert _speakers(transcript) - {None} == {
        "Jerod Santo",
        "Adam Stacoviak",
        "Mark Russinovich",
        "Eric Boyd",
        "Neha Batra",
    }
    assert 2 * 3600 < transcript.duration < 3 * 3600 + 20 * 60
    text = transcript.text
    assert "\\" not in text
    assert "**" not in text
    assert "[laughs]" not in text
    assert "unintelligible" not in text
    assert "markrussinovich [at] microsoft.com" in text  # an editorial bracket, not a stage direction


def test_changelog_594_times_meet_the_stamps_in_the_text():
    transcript = _parse("changelog__the-changelog-594.md")
    # "**Jerod Santo:** \[07:59\] Right. And so we have to put in safeguards…"
    anchored = next(
        s for s in transcript.segments if s.text.startswith("Right. And so we have to put in safeguards")
    )
    assert anchored.start == pytest.approx(7 * 60 + 59, abs=0.01)
    # "\[01:03:50.20\] So that's why when we talk about special-designed data centers…"
    later = next(
        s for s in transcript.segments if s.text.startswith("So that's why when we talk about special")
    )
    assert later.start == pytest.approx(3830.2, abs=0.01)


def test_practical_ai_markdown_skips_break_markers_as_speakers():
    transcript = _parse("changelog__practical-ai-100.md")
    speakers = _speakers(transcript)
    assert {"Daniel Whitenack", "Chris Benson", "Jerod Santo", "Adam Stacoviak"} <= speakers
    assert "Break" not in speakers
    assert "Outro" not in speakers
    assert 60 * 60 < transcript.duration < 80 * 60


def test_a_given_source_keeps_its_kind_and_gets_the_format():
    source = TranscriptSource(kind=TranscriptSourceKind.DROPPED, url="s3://bucket/incoming/x.vtt")
    transcript = _parse("podcastnamespace__example.vtt", source=source, episode_id="ep-1")
    assert transcript.episode_id == "ep-1"
    assert transcript.source.kind is TranscriptSourceKind.DROPPED
    assert transcript.source.format == "vtt"
    assert transcript.source.url == "s3://bucket/incoming/x.vtt"
    assert source.format is None  # the caller's object is left alone
