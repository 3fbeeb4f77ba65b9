"""What the reduce reads when the input budget is tight: compacted notes that still hold the ideas the
overview needs, lessons topped up in code, few short quote candidates spread over the episode."""

import json

from podcast_digest.models import Segment
from podcast_digest.summarization.llm.map_reduce import (
    SectionOutcome,
    _compaction,
    billable_tokens,
    least_tokens,
)
from podcast_digest.summarization.llm.pricing import Usage
from podcast_digest.summarization.llm.prompts import note_line
from podcast_digest.summarization.llm.schemas import NoteLesson, SectionNotes
from podcast_digest.summarization.llm.summarizer import _picked_lessons
from podcast_digest.summarization.sections import TranscriptSection


def outcome(index: int, ideas: int = 6, lessons: int = 4) -> SectionOutcome:
    section = TranscriptSection(
        index=index,
        start=index * 270.0,
        end=(index + 1) * 270.0,
        segments=[Segment(start=index * 270.0, end=index * 270.0 + 5, text="Words said here.")],
    )
    notes = SectionNotes(
        heading=f"Part {index} heading",
        key_ideas=[f"Idea {index}.{i} stated as a fact of the episode" for i in range(ideas)],
        lessons_heading="Lessons",
        lessons=[
            NoteLesson(title=f"Lesson {index}.{i} is a claim", explanation="Why.") for i in range(lessons)
        ],
        quote_candidates=["A quote."],
        promises_addressed=[],
    )
    return SectionOutcome(section, notes, Usage(), False)


def test_no_compaction_step_leaves_fewer_ideas_than_the_overview_needs():
    for parts in (3, 5, 15, 34):
        outcomes = [outcome(i) for i in range(parts)]
        for ideas, _lessons in _compaction(outcomes):
            kept = sum(6 if n is None else min(n, 6) for n in ideas)
            assert kept >= 18, (parts, ideas)
    # The last step of an hour (15 parts) keeps exactly 18: one a part, three more spread out.
    ideas, lessons = _compaction([outcome(i) for i in range(15)])[-1]
    assert sum(ideas) == 18
    assert min(ideas) == 1
    assert lessons == 0
    extra = [i for i, n in enumerate(ideas) if n == 2]
    assert extra[0] == 0
    assert extra[-1] >= 7


def test_a_part_with_few_ideas_gives_what_it_has():
    outcomes = [outcome(0, ideas=1), outcome(1, ideas=1)]
    ideas, _ = _compaction(outcomes)[-1]
    assert ideas == [1, 1]


def test_note_lines_show_each_parts_best_lessons_numbered_across_the_episode():
    line = json.loads(note_line(1, outcome(1).section, outcome(1).notes, ideas=2, lessons=2, first_lesson=5))
    assert line["ideas"] == [
        "Idea 1.0 stated as a fact of the episode",
        "Idea 1.1 stated as a fact of the episode",
    ]
    assert line["lessons"] == ["5. Lesson 1.0 is a claim", "6. Lesson 1.1 is a claim"]
    none = json.loads(note_line(1, outcome(1).section, outcome(1).notes, ideas=1, lessons=0, first_lesson=5))
    assert "lessons" not in none


def test_the_reduce_reads_an_idea_cut_at_twenty_words():
    notes = outcome(0).notes.model_copy(update={"key_ideas": [" ".join(["word"] * 40)]})
    (idea,) = json.loads(note_line(0, outcome(0).section, notes, ideas=None, lessons=True, first_lesson=1))[
        "ideas"
    ]
    assert len(idea.split()) == 20
    assert idea.endswith("…")


def test_lessons_the_reduce_did_not_pick_are_each_parts_best_in_turn():
    outcomes = [outcome(i, lessons=3) for i in range(5)]
    picked = _picked_lessons(outcomes, [])
    assert len(picked) == 12  # between the format's 10 and the 15 the parts hold
    # Every part's first lesson before any part's second.
    assert [x.title for x in picked[:5]] == [f"Lesson {i}.0 is a claim" for i in range(5)]
    assert picked[5].title == "Lesson 0.1 is a claim"


def test_a_short_pick_is_topped_up_without_repeats_and_keeps_the_reduces_order():
    outcomes = [outcome(i, lessons=3) for i in range(5)]
    picked = _picked_lessons(outcomes, [3, 3, 1])
    titles = [x.title for x in picked]
    assert titles[:2] == ["Lesson 0.2 is a claim", "Lesson 0.0 is a claim"]
    assert len(titles) == len(set(titles)) == 10


def test_the_transcript_is_counted_low_and_the_overhead_high():
    prose = "Plain words of a sentence that people say out loud. " * 20
    notes = json.dumps({"part": 1, "ideas": ["a", "b", "c"], "lessons": ["1. x", "2. y"]}) * 20
    assert least_tokens(prose) <= billable_tokens(prose)
    assert billable_tokens(notes) >= -(-len(notes) // 4)  # never below ~4 characters a token
    assert least_tokens(prose) <= -(-len(prose) // 4)


def test_quote_candidates_are_few_short_and_spread_over_the_episode():
    from podcast_digest.models import Transcript, TranscriptSource, TranscriptSourceKind
    from podcast_digest.summarization.llm.summarizer import MAX_QUOTE_CANDIDATES, _verified_quotes

    said = [f"Sentence number {i} is something memorable that was said." for i in range(12)]
    rambling = " ".join(["and then it went on"] * 100)
    segments = [Segment(start=i * 270.0, end=i * 270.0 + 5, text=t) for i, t in enumerate([*said, rambling])]
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    outcomes = []
    for i, text in enumerate([*said, rambling]):
        base = outcome(i)
        notes = base.notes.model_copy(update={"quote_candidates": [text]})
        outcomes.append(SectionOutcome(base.section, notes, base.usage, False))
    quotes = _verified_quotes(transcript, outcomes)
    assert len(quotes) == MAX_QUOTE_CANDIDATES
    assert all(len(q.text) <= 400 for q in quotes)  # the run-on one is no quote
    assert quotes[0].text == said[0]
    assert quotes[-1].text in said[8:]


def test_batches_are_as_few_as_fit_and_of_about_equal_size():
    from podcast_digest.summarization.llm.map_reduce import MAX_BATCH_SECTIONS, batches

    sections = [outcome(i).section for i in range(34)]
    sizes = [len(b) for b in batches(sections, max_tokens=10**6)]
    # Three calls, not 16, 16 and 2: the slowest batch is the map's wall time.
    assert len(sizes) == 3
    assert max(sizes) - min(sizes) <= 2
    assert [s.index for b in batches(sections, 10**6) for s in b] == list(range(34))
    assert [len(b) for b in batches(sections[:15], 10**6)] == [15]  # an hour is one call
    assert max(len(b) for b in batches(sections * 3, 10**6)) <= MAX_BATCH_SECTIONS
    one_each = sections[0].estimated_tokens
    assert [len(b) for b in batches(sections[:5], max_tokens=one_each)] == [1] * 5


def test_the_overview_is_asked_for_no_more_idea_groups_than_the_notes_can_fill():
    from podcast_digest.summarization.llm.prompts import group_counts

    assert group_counts(15) == (6, 10)
    assert group_counts(15, ideas=18) == (6, 6)  # three ideas a group
    assert group_counts(15, ideas=24) == (6, 8)
    assert group_counts(15, ideas=90) == (6, 10)
    assert group_counts(2, ideas=4) == (3, 3)


def test_a_reduce_sent_no_lesson_titles_is_told_to_pick_none():
    from podcast_digest.summarization.llm.prompts import EpisodeContext, reduce_messages

    context = EpisodeContext(
        podcast="P", title="T", show_notes="", speakers="", promises=[], duration_seconds=3600.0
    )
    system, _ = reduce_messages(
        boundary="0" * 12,
        context=context,
        promise_check="",
        notes="",
        quote_candidates=[],
        sections_total=15,
        lessons_available=0,
        ideas_available=18,
    )
    assert "numbers of the 0 (none are listed: answer [])" in system
    assert "key_ideas: 6 to 6 groups" in system
