"""The summary in the house format (../shared/reference/summary-format.md).

Its JSON is the stable contract every other part reads: renderers, the
digest email, the DynamoDB item, the API page. Change it only additively and
bump SCHEMA_VERSION when a field's meaning changes.
"""

from datetime import datetime

from pydantic import Field

from podcast_digest.models.base import DomainModel
from podcast_digest.models.episode import Chapter

SCHEMA_VERSION = 1


class PromiseCheck(DomainModel):
    """One promise of the title or description, and whether (and where) the episode keeps it."""

    promise: str
    delivered: bool
    where_seconds: float | None = None


class ClickbaitVerdict(DomainModel):
    """Quick Takes: does the episode deliver what its title and description promise?"""

    is_clickbait: bool
    verdict: str = Field(description="one or two sentences, shown as Quick Takes")
    promises: list[PromiseCheck] = Field(default_factory=list)

    @classmethod
    def nothing_to_judge(cls) -> "ClickbaitVerdict":
        """Quick Takes when the publisher made no promise (no title or description of its own,
        as for a dropped file): a file name is no promise, so there is nothing to judge."""
        return cls(is_clickbait=False, verdict=NOTHING_TO_JUDGE)


NOTHING_TO_JUDGE = (
    "Nothing to judge: the publisher gave no title or description to check this episode against."
)


class Quote(DomainModel):
    text: str = Field(description="verbatim from the transcript")
    speaker: str | None = None
    start_seconds: float | None = Field(None, ge=0)
    verified: bool = Field(description="found in the transcript; an unverified quote is never shown")


class KeyIdeaGroup(DomainModel):
    heading: str
    ideas: list[str]


class Lesson(DomainModel):
    title: str
    explanation: str


class InDepthSection(DomainModel):
    """One part of the episode (about 4-5 minutes of talk): every idea and lesson in it."""

    start_seconds: float = Field(ge=0)
    end_seconds: float = Field(ge=0)
    heading: str
    key_ideas: list[str]
    lessons_heading: str
    lessons: list[Lesson]


class SponsorRead(DomainModel):
    """A stretch where a sponsor is read: kept out of every part, listed once on the Sponsors line."""

    sponsors: list[str] = Field(default_factory=list, description="the sponsors named in the read")
    start_seconds: float = Field(ge=0)
    end_seconds: float = Field(ge=0)


def sponsors_by_name(reads: list[SponsorRead]) -> list[tuple[str, list[float]]]:
    """Each sponsor once, with the times its reads start: what the "Sponsors: …" line shows."""
    heard: dict[str, tuple[str, list[float]]] = {}
    for read in reads:
        for name in read.sponsors:
            _, starts = heard.setdefault(name.casefold(), (name, []))
            if read.start_seconds not in starts:
                starts.append(read.start_seconds)
    return list(heard.values())


class SpeakerName(DomainModel):
    """Who a voice is, and what said so: a name is never guessed, so each has its source."""

    name: str
    label: str | None = Field(
        None, description="the transcript's label for the voice ('Speaker 1'); None: not matched to a voice"
    )
    role: str | None = Field(None, description="host, guest… when a podcast:person tag or the talk says")
    source: str = Field(
        description="'publisher transcript', 'self-introduction', 'introduced by another speaker' "
        "or 'podcast:person tag'"
    )
    at_seconds: float | None = Field(None, ge=0, description="where the introduction is said")
    confirmed_by_tag: bool = Field(False, description="a podcast:person tag of the feed names them too")

    def describe(self) -> str:
        """e.g. 'self-introduction at 0:01:05' or 'podcast:person tag (guest; no voice matched)'."""
        where = ""
        if self.at_seconds is not None:
            whole = int(self.at_seconds)
            where = f" at {whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
        tag = ", confirmed by a podcast:person tag" if self.confirmed_by_tag else ""
        unmatched = f" ({self.role or 'cast'}; no voice matched)" if self.label is None else ""
        return f"{self.source}{where}{tag}{unmatched}"


class Provenance(DomainModel):
    transcript_source: str = Field(description="e.g. 'publisher transcript (vtt)', 'faster-whisper tiny.en'")
    summarizer: str = Field(description="'extractive' or 'llm'")
    model: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    model_calls: int = 0
    cost_usd: float = 0.0
    transcription_cost_usd: float = 0.0
    created_at: datetime | None = None
    speakers: list[SpeakerName] = Field(
        default_factory=list, description="each name the summary uses for a voice, with what said so"
    )
    notes: list[str] = Field(
        default_factory=list,
        description="what the summary could not honour (a summary language it cannot write)",
    )


class Summary(DomainModel):
    schema_version: int = SCHEMA_VERSION
    episode_id: str
    feed_id: str
    podcast_title: str = ""
    episode_title: str = ""
    episode_url: str | None = None
    audio_url: str | None = Field(None, description="timestamps link here with #t=<seconds>")
    language: str | None = None
    duration_seconds: float | None = None

    quick_takes: ClickbaitVerdict
    one_sentence_summary: str
    favorite_quote: Quote | None = Field(None, description="None: no quote could be verified")
    tldr: str
    key_ideas: list[KeyIdeaGroup]
    lessons: list[Lesson]
    conclusion: str
    in_depth: list[InDepthSection]
    chapters: list[Chapter] = Field(default_factory=list)
    sponsors: list[SponsorRead] = Field(
        default_factory=list, description="sponsor reads found and kept out of every other part"
    )
    provenance: Provenance
