"""Summaries of a 13-minute, a 1-hour and a 3-hour episode (about 4.5 minutes of talk per In-Depth part).

A shorter episode has fewer key ideas and lessons too: about one idea group per 12 minutes
(3 to 8) and one lesson per 8 minutes (4 to 13), as the house sample has for its 1 h 49 min.
"""

from podcast_digest.models import Summary
from tests.support.summaries import SECTION_SECONDS, sample_summary, sized_summary

LENGTHS_MINUTES = (13, 60, 180)


def episode_of(minutes: int) -> Summary:
    """The house sample cut or grown to an episode of about `minutes`, its parts and chapters to match."""
    if minutes > 110:
        summary = sized_summary(parts=minutes * 60 // SECTION_SECONDS)
    else:
        summary = sample_summary()
        summary = summary.model_copy(
            update={
                "in_depth": summary.in_depth[: max(1, minutes * 60 // SECTION_SECONDS)],
                "chapters": [c for c in summary.chapters if c.start_seconds < minutes * 60],
            }
        )
    groups = max(3, min(8, minutes // 12))
    lessons = max(4, min(13, minutes // 8))
    return summary.model_copy(
        update={
            "duration_seconds": minutes * 60.0,
            "key_ideas": summary.key_ideas[:groups],
            "lessons": summary.lessons[:lessons],
        }
    )
