"""One part of the episode as the offline summarizer works on it, and how many ideas a part shows."""

from dataclasses import dataclass, field

from podcast_digest.summarization.sections import TranscriptSection

MIN_IDEAS_PER_PART, MAX_IDEAS_PER_PART = 3, 8
# A sentence longer than this reads as a paragraph, not an idea.
MAX_IDEA_WORDS = 34
# A sentence shorter than this says too little to be an idea.
MIN_IDEA_WORDS = 7
# How many of a part's ideas must say a subject phrase for it to be the part's topic (its heading names them).
TOPIC_SAYERS = 2


@dataclass
class EpisodePart:
    """A part (an In-Depth section) and the sentences chosen from it, by their index in the episode."""

    section: TranscriptSection
    sentences: list[int]
    relevance: dict[int, float] = field(default_factory=dict)
    ideas: list[int] = field(default_factory=list)
    lessons: list[int] = field(default_factory=list)
