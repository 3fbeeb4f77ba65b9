"""An answer shaped right but empty once cleaned is invalid (so the model is asked again)."""

import pytest

from podcast_digest.summarization.llm.checks import NotesCheck, OverviewCheck, usable_lessons
from podcast_digest.summarization.llm.cleaning import Cleaner, SourceCasing
from podcast_digest.summarization.llm.schemas import EpisodeOverview, IdeaGroup, NoteLesson, SectionNotes
from podcast_digest.summarization.sections import split_sections
from tests.unit.summarization.transcripts import evenly_timed

CLEANER = Cleaner(set(), SourceCasing(""))


def notes(heading: str = "Rust ownership", ideas: list[str] | None = None) -> SectionNotes:
    return SectionNotes(
        heading=heading,
        key_ideas=["Every value has one owner."] if ideas is None else ideas,
        lessons_heading="Lessons",
        lessons=[],
        quote_candidates=[],
        promises_addressed=[],
    )


def section(words: int):
    return split_sections(evenly_timed([" ".join(["word"] * words)]))[0]


def test_a_heading_that_is_only_markup_or_a_foreign_link_is_invalid():
    with pytest.raises(ValueError, match="heading"):
        NotesCheck(CLEANER)(notes(heading="## https://evil.example"), section=section(100))


def test_a_talk_section_without_ideas_is_invalid_but_a_near_silent_one_may_have_none():
    with pytest.raises(ValueError, match="no key ideas"):
        NotesCheck(CLEANER)(notes(ideas=["<b></b>", "   "]), section=section(200))
    NotesCheck(CLEANER)(notes(ideas=[]), section=section(12))  # "thanks for listening", music…


def overview(**changes) -> EpisodeOverview:
    fields = {
        "is_clickbait": False,
        "verdict": "Not clickbait.",
        "one_sentence_summary": "Ann explains Rust.",
        "tldr": "Rust is safe.",
        "key_ideas": [IdeaGroup(heading="Rust", ideas=["Ownership."])],
        "lessons": [1],
        "conclusion": "Try Rust.",
        "favorite_quotes": [],
    }
    return EpisodeOverview(**{**fields, **changes})


def test_a_complete_overview_passes():
    OverviewCheck(CLEANER)(overview())


@pytest.mark.parametrize(
    "changes",
    [
        {"tldr": "  "},
        {"conclusion": "<p></p>"},
        {"key_ideas": [IdeaGroup(heading="Rust", ideas=[])]},
    ],
)
def test_an_overview_missing_a_part_once_cleaned_is_invalid(changes):
    with pytest.raises(ValueError, match=r"empty|no "):
        OverviewCheck(CLEANER)(overview(**changes))


def test_an_overview_that_picked_no_lesson_is_not_asked_again():
    # The reduce may be sent no lesson titles to fit its budget; the summarizer picks them then.
    OverviewCheck(CLEANER)(overview(lessons=[]))


def test_lessons_lose_a_trailing_colon_in_their_title():
    (lesson,) = usable_lessons(
        [NoteLesson(title="**Borrowing beats copying:**", explanation="It avoids copies.")], CLEANER
    )
    assert lesson.title == "Borrowing beats copying"


def test_a_one_or_two_word_title_is_a_label_not_a_claim_and_is_dropped():
    lessons = [
        NoteLesson(title="Dell:", explanation="For startups, public cloud is perfect."),
        NoteLesson(title="Young founders", explanation="They should make mistakes."),
        NoteLesson(title="Own hardware at scale", explanation="Renting costs more past a few racks."),
    ]
    assert [x.title for x in usable_lessons(lessons, CLEANER)] == ["Own hardware at scale"]
