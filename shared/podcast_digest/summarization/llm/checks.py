"""Checks in code that a model's answer can become its part of the house format.

The schema guarantees the shape; these reject what is shaped right but empty
once cleaned (cleaning.py), so the client asks again. A section with hardly
any words (music, a sign-off) may have no key ideas; every other may not.
"""

from collections.abc import Sequence

from podcast_digest.models import Lesson
from podcast_digest.summarization.llm.cleaning import Cleaner
from podcast_digest.summarization.llm.narration import as_fact
from podcast_digest.summarization.llm.schemas import EpisodeOverview, NoteLesson, SectionNotes
from podcast_digest.summarization.sections import TranscriptSection

# Fewer words than this and a section may honestly hold no idea.
MIN_WORDS_FOR_IDEAS = 60
_TITLE, _EXPLANATION = 120, 400
# A lesson's title states a claim ("Long context lengths are undervalued"): "Young:" or "Dell:" is a label.
MIN_TITLE_WORDS = 3


def stated_ideas(
    ideas: Sequence[str], cleaner: Cleaner, limit: int = 400, most: int | None = None
) -> list[str]:
    """The ideas cleaned and stated as facts (narrated ones restated or dropped: narration.py)."""
    return cleaner.lines([as_fact(cleaner.line(idea, limit)) for idea in ideas], limit, most)


def usable_lessons(lessons: Sequence[NoteLesson], cleaner: Cleaner) -> list[Lesson]:
    """The lessons that keep both a title and an explanation once cleaned (narration restated or
    dropped), whose title states a claim of at least MIN_TITLE_WORDS words."""
    kept: list[Lesson] = []
    for lesson in lessons:
        title, explanation = (
            cleaner.line(lesson.title, _TITLE),
            as_fact(cleaner.line(lesson.explanation, _EXPLANATION)),
        )
        if len(title.split()) >= MIN_TITLE_WORDS and explanation:
            kept.append(Lesson(title=title.rstrip(":"), explanation=explanation))
    return kept


class NotesCheck:
    """A map answer is invalid if, once cleaned, it says nothing about a section that has words."""

    def __init__(self, cleaner: Cleaner) -> None:
        self.cleaner = cleaner

    def __call__(self, notes: SectionNotes, section: TranscriptSection) -> None:
        if not self.cleaner.line(notes.heading):
            raise ValueError("the heading is empty once cleaned")
        words = sum(len(s.text.split()) for s in section.segments)
        if words >= MIN_WORDS_FOR_IDEAS and not stated_ideas(notes.key_ideas, self.cleaner):
            raise ValueError(f"there are no key ideas once cleaned, for a part of {words} words")


class OverviewCheck:
    """A reduce answer is invalid if, once cleaned, a part of the house format would be empty."""

    def __init__(self, cleaner: Cleaner) -> None:
        self.cleaner = cleaner

    def __call__(self, overview: EpisodeOverview) -> None:
        for field in ("verdict", "one_sentence_summary", "tldr", "conclusion"):
            if not self.cleaner.line(getattr(overview, field)):
                raise ValueError(f"{field} is empty once cleaned")
        if not any(
            self.cleaner.line(g.heading) and stated_ideas(g.ideas, self.cleaner) for g in overview.key_ideas
        ):
            raise ValueError("there are no key idea groups once cleaned")
        # No lesson picked is no reason to ask again: the summarizer tops the pick up from the
        # parts' own lessons (the reduce may have been sent none, to fit its budget).
