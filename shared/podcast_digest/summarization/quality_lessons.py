"""The bench's lesson counts (issue 13, third lessons pass): how far the lessons fall short of the format.

- top lessons under the format's count: the format wants one lesson per ~6 minutes of talk, 10-25 for a
  full episode (fewer for a short one: `lessons_for`); each one missing counts once;
- In-Depth lesson groups of one: the format's 2-7 per part, where a part shows lessons at all;
- explanations that are conditions alone: "No matter how good the content is, if your audio quality isn't
  good." explains nothing until its main clause ("…, it's going to turn them away") is said.

Read them beside the summaries: a lesson a listener would not keep is worse than a missing one, so these
counts are never met by padding. The format's count and what a bare condition is are the extractive
summarizer's own definitions (lesson_claims), used here, not written twice.
"""

from typing import TYPE_CHECKING

from podcast_digest.models import Summary, Transcript
from podcast_digest.summarization.extractive.lesson_claims import lessons_for, only_conditions

if TYPE_CHECKING:
    from podcast_digest.summarization.quality import SummaryQuality


def format_count(summary: Summary, transcript: Transcript) -> int:
    """How many top lessons the format asks of this episode's length."""
    return lessons_for(transcript.duration or summary.duration_seconds or 0.0)


def count_lessons(summary: Summary, transcript: Transcript, quality: "SummaryQuality") -> None:
    quality.lessons_short["lessons"] = max(0, format_count(summary, transcript) - len(summary.lessons))
    lonely = [p.heading for p in summary.in_depth if len(p.lessons) == 1]
    quality.lonely_lesson_groups["in_depth_lessons"] = len(lonely)
    for heading in lonely:
        quality.note("lesson group of one", heading)
    for part, lessons in (
        ("lessons", summary.lessons),
        ("in_depth_lessons", [x for p in summary.in_depth for x in p.lessons]),
    ):
        bare = [x for x in lessons if only_conditions(x.explanation)]
        quality.bare_conditions[part] = len(bare)
        for lesson in bare:
            quality.note("explained by conditions alone", f"{part}: {lesson.title}: {lesson.explanation}")
