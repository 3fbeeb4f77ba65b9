"""Markdown transcripts in the Changelog's style: bold speakers, escaped brackets, sparse stamps."""

import itertools
import re

import pytest

from podcast_digest.transcription.publisher import parse_transcript


def _md(body: str):
    return parse_transcript(body.encode(), hint="episode.md")


def _words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def test_bold_names_are_speakers_and_unlabelled_paragraphs_continue_them():
    transcript = _md("**Jerod Santo:** Hello there.\n\n**Mark Russinovich:** Hi.\n\nStill Mark here.\n")
    assert [(s.speaker, s.text) for s in transcript.segments] == [
        ("Jerod Santo", "Hello there."),
        ("Mark Russinovich", "Hi."),
        ("Mark Russinovich", "Still Mark here."),
    ]
    assert transcript.source.format == "markdown"
    assert transcript.source.timing_estimated is True


def test_stage_directions_and_escapes_are_removed_but_editorial_brackets_stay():
    transcript = _md(
        "**Adam Stacoviak:** That's funny \\[laughs\\] really \\[laughter\\]. Mail me \\[at\\] home, "
        "it's a *big* deal \\- a \\*bleep\\* job, see [the docs](https://example.com).\n"
    )
    assert transcript.segments[0].text == (
        "That's funny really . Mail me [at] home, it's a big deal - a *bleep* job, see the docs."
    )


def test_stamps_anchor_the_words_where_they_sit():
    body = (
        f"**A:** {_words(100)}\n\n"
        f"**B:** \\[02:00\\] {_words(50)} \\[unintelligible 00:02:30.00\\] {_words(50)}\n\n"
        f"**A:** {_words(10)}\n"
    )
    segments = _md(body).segments
    b_first = next(s for s in segments if s.speaker == "B")
    assert b_first.start == pytest.approx(120.0)
    # The second half of B's paragraph starts at the stamp inside it.
    assert [(round(s.start, 3), len(s.text.split())) for s in segments if s.speaker == "B"] == [
        (120.0, 50),
        (150.0, 50),
    ]
    last = segments[-1]
    assert last.start == pytest.approx(150.0 + 50 * 0.4)  # past the last stamp: 150 words a minute


def test_silence_before_the_first_stamp_sits_at_the_start():
    # 20 words then a stamp at 3 minutes: the intro music comes first, the words end at the stamp.
    segments = _md(f"**A:** {_words(20)}\n\n**B:** \\[03:00\\] Hello.\n").segments
    assert segments[0].start == pytest.approx(180.0 - 20 * 0.4)
    assert segments[0].end == pytest.approx(180.0)
    assert segments[1].start == pytest.approx(180.0)


def test_a_long_pause_between_stamps_comes_just_before_the_later_stamp():
    body = f"**A:** \\[01:00\\] {_words(10)}\n\n**B:** \\[10:00\\] Back from the break.\n"
    first, second = _md(body).segments
    assert first.start == pytest.approx(60.0)
    assert first.end == pytest.approx(60.0 + 10 * 0.4)
    assert second.start == pytest.approx(600.0)


def test_a_stamp_out_of_order_is_ignored_and_times_never_go_back():
    body = (
        f"**A:** \\[01:00\\] {_words(50)}\n\n**B:** \\[09:59:00\\] {_words(50)}\n\n"
        f"**A:** \\[02:00\\] {_words(50)}\n\n**B:** \\[03:00\\] {_words(50)}\n"
    )
    segments = _md(body).segments
    assert [s.start for s in segments] == sorted(s.start for s in segments)
    assert all(s.end <= 4 * 60 for s in segments[:-1])
    assert segments[2].start == pytest.approx(120.0)


def test_break_markers_are_not_speakers_and_headings_are_skipped():
    transcript = _md(
        "# Episode 100\n\n**Chris Benson:** Before.\n\n**Break:** \\[20:37\\]\n\n"
        "After the break, nobody named.\n\n**Chris Benson:** Back.\n"
    )
    assert [(s.speaker, s.text) for s in transcript.segments] == [
        ("Chris Benson", "Before."),
        (None, "After the break, nobody named."),
        ("Chris Benson", "Back."),
    ]
    assert transcript.segments[1].start == pytest.approx(20 * 60 + 37)


def test_an_italic_paragraph_is_not_put_in_the_last_speakers_mouth():
    transcript = _md("**Jerod Santo:** Read it out.\n\n*The model wrote this paragraph.*\n")
    assert [(s.speaker, s.text) for s in transcript.segments][1] == (None, "The model wrote this paragraph.")


def test_long_bold_names_are_still_speakers():
    transcript = _md("**María José García López:** Hola.\n\n**Dr. Jean-Claude Van Damme:** Bonjour.\n")
    assert [s.speaker for s in transcript.segments] == [
        "María José García López",
        "Dr. Jean-Claude Van Damme",
    ]


def test_only_real_headings_are_skipped():
    transcript = _md("## Part one\n\n**A:** hi\n\n#1 thing is this\n")
    assert [s.text for s in transcript.segments] == ["hi", "#1 thing is this"]


def test_words_after_a_break_are_timed_back_from_the_next_stamp_not_forward_from_the_break():
    # The break starts at 10:00; an ad runs; 10 words are spoken before the stamp at 15:00.
    body = (
        f"**A:** \\[09:00\\] {_words(10)}\n\n**Break:** \\[10:00\\]\n\n"
        f"**B:** {_words(10, 'back')}\n\n**A:** \\[15:00\\] Next.\n"
    )
    before, after, following = _md(body).segments
    assert before.start == pytest.approx(540.0)
    assert after.start == pytest.approx(900.0 - 10 * 0.4)
    assert after.end == pytest.approx(900.0)
    assert following.start == pytest.approx(900.0)


def test_words_after_a_break_that_fill_the_gap_start_at_the_break():
    # More words than fit the time to the next stamp at the usual rate: no ad to leave room for.
    body = f"**Break:** \\[10:00\\]\n\n**B:** {_words(200)}\n\n**A:** \\[11:00\\] Next.\n"
    after, _ = _md(body).segments[:2]
    assert after.start == pytest.approx(600.0)


def _paragraph_break_stamps(text: str) -> list[float]:
    from podcast_digest.transcription.publisher.timestamps import parse_clock

    return [parse_clock(m) for m in re.findall(r"^\*\*Break(?::\*\*|\*\*:)\s*\\\[([\d:.]+)\\\]", text, re.M)]


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["changelog__the-changelog-594.md", "changelog__practical-ai-100.md"])
def test_corpus_talk_after_each_break_is_timed_back_from_the_next_stamp_leaving_the_ad_first(name):
    from tests.support.corpus import corpus_path

    text = corpus_path("transcripts", name).read_text(encoding="utf-8")
    breaks = _paragraph_break_stamps(text)
    assert breaks, "the corpus transcript has Break markers"
    segments = _md(text).segments
    starts = [s.start for s in segments]
    for stamp in breaks:
        # The first words said after the break (before: they started at the break's own stamp).
        at = next(i for i, s in enumerate(segments) if s.start >= stamp)
        assert segments[at].start > stamp, f"talk after the break at {stamp}s starts in the ad"
        # The silence (the ad) comes before the talk, not spread through it.
        talk = segments[at : at + 6]
        assert all(b.start - a.end < 1.0 for a, b in itertools.pairwise(talk))
    assert starts == sorted(starts)
