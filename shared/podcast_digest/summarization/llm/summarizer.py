"""The LLM summarizer: the house format from a language model, through map-reduce.

`LLMSummarizer(settings, blobs)` implements the Summarizer port. It cuts the
transcript into sections, maps them in parallel into In-Depth notes, verifies
the quote candidates against the transcript in code, reduces the notes into
the overview, and assembles a `Summary` whose every string was cleaned in code
(no markup, no shouting, no URL the source does not contain). Provenance
carries the model, the tokens the API's usage reported, the calls and the cost
from the price table (pricing.py).
"""

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.models import (
    ClickbaitVerdict,
    Episode,
    Feed,
    InDepthSection,
    KeyIdeaGroup,
    Lesson,
    PromiseCheck,
    Provenance,
    Quote,
    Summary,
    Transcript,
)
from podcast_digest.models.languages import language_name
from podcast_digest.ports import BlobStore
from podcast_digest.settings import Settings
from podcast_digest.summarization.llm.cache import AnswerCache
from podcast_digest.summarization.llm.checks import NotesCheck, OverviewCheck, stated_ideas, usable_lessons
from podcast_digest.summarization.llm.cleaning import Cleaner, SourceCasing
from podcast_digest.summarization.llm.client import ChatClient
from podcast_digest.summarization.llm.links import allowed_urls
from podcast_digest.summarization.llm.map_reduce import EpisodeBrief, MapReduce, SectionOutcome, least_tokens
from podcast_digest.summarization.llm.pricing import Usage, price_for
from podcast_digest.summarization.llm.promises import (
    episode_promises,
    show_notes_text,
    without_planted_sentences,
)
from podcast_digest.summarization.llm.prompts import EpisodeContext, clock, lesson_counts, section_transcript
from podcast_digest.summarization.llm.schemas import EpisodeOverview, NoteLesson, SectionNotes
from podcast_digest.summarization.llm.speakers import speakers_with_roles
from podcast_digest.summarization.llm.untrusted import addresses_the_summarizer, instruction_passages
from podcast_digest.summarization.quotes import QuoteIndex
from podcast_digest.summarization.sections import TranscriptSection, split_sections
from podcast_digest.summarization.speaker_names import episode_cast

log = logging.getLogger(__name__)

MAX_GROUPS, MAX_GROUP_IDEAS, MAX_LESSONS = 10, 5, 25
# The reduce picks the favorite among these: enough choice, spread over the episode, and cheap to send.
MAX_QUOTE_CANDIDATES = 5
MAX_QUOTE_CHARS = 400
_HEADING, _IDEA, _PARAGRAPH = 120, 400, 1500
# Low enough to keep the notes close to the transcript, above 0 so a retried answer can differ.
TEMPERATURE = 0.2
# OpenAI's reasoning models accept only their default temperature.
_FIXED_TEMPERATURE = ("o1", "o3", "o4", "gpt-5")


def temperature_for(model: str) -> float | None:
    return None if model.strip().lower().startswith(_FIXED_TEMPERATURE) else TEMPERATURE


class LLMSummarizer:
    """Summaries by a model behind the OpenAI chat completions API (OpenAI, Ollama, vLLM, LM Studio)."""

    name = "llm"

    def __init__(
        self,
        settings: Settings,
        blobs: BlobStore | None = None,
        *,
        timeout_seconds: float = 300.0,
        max_retries: int = 4,
        section_seconds: float = 270.0,
        section_max_tokens: int = 6000,
        batch_tokens: int = 21_000,
        reduce_input_tokens: int = 60_000,
        input_ratio: float = 1.2,
    ) -> None:
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        self.model = settings.llm_model
        self.chat = ChatClient(
            model=settings.llm_model,
            api_key=key,
            base_url=settings.openai_base_url,
            timeout_seconds=timeout_seconds,
            max_retries=max_retries,
            temperature=temperature_for(settings.llm_model),
        )
        self.blobs = blobs
        self.concurrency = settings.llm_max_concurrency
        self.section_seconds = section_seconds
        self.section_max_tokens = section_max_tokens
        self.batch_tokens = batch_tokens
        self.reduce_input_tokens = reduce_input_tokens
        self.input_ratio = input_ratio

    def summarize(self, feed: Feed, episode: Episode, transcript: Transcript) -> Summary:
        sections = split_sections(
            transcript, target_seconds=self.section_seconds, max_tokens=self.section_max_tokens
        )
        if not sections:
            raise TranscriptFormatError(
                f"the transcript of episode {episode.episode_id} has no words to summarize: "
                "check the transcript file or transcribe the audio again"
            )
        # A URL said only inside a passage addressed to the summarizer is not part of the source.
        planted = set(instruction_passages(transcript.segments))
        cleaner = Cleaner(
            allowed_urls(
                [
                    " ".join(s.text for i, s in enumerate(transcript.segments) if i not in planted),
                    episode.title,
                    without_planted_sentences(show_notes_text(episode.description)),
                    episode.link or "",
                    feed.link or "",
                ]
            ),
            SourceCasing(transcript.text),
        )
        brief = _brief(feed, episode, transcript, sections)
        engine = MapReduce(
            self.chat,
            AnswerCache(self.blobs, episode.episode_id, self.model),
            concurrency=self.concurrency,
            batch_tokens=self.batch_tokens,
            reduce_input_tokens=self.reduce_input_tokens,
            input_ratio=self.input_ratio,
            map_check=NotesCheck(cleaner),
            reduce_check=OverviewCheck(cleaner),
        )

        outcomes = [_clean_outcome(o, cleaner, len(brief.promises)) for o in engine.map(brief, sections)]
        quotes = _verified_quotes(transcript, outcomes)
        overview, reduce_usage, _ = engine.reduce(
            brief, outcomes, [q.text for q in quotes], _promise_check(brief.promises, outcomes)
        )
        usage = sum((o.usage for o in outcomes), reduce_usage)
        return self._summary(feed, episode, transcript, brief, outcomes, quotes, overview, usage, cleaner)

    def _summary(
        self,
        feed: Feed,
        episode: Episode,
        transcript: Transcript,
        brief: EpisodeBrief,
        outcomes: Sequence[SectionOutcome],
        quotes: Sequence[Quote],
        overview: EpisodeOverview,
        usage: Usage,
        cleaner: Cleaner,
    ) -> Summary:
        if price_for(self.model) is None:
            log.warning("no price for model %r in pricing.PRICES: its cost is reported as 0", self.model)
        groups = [
            KeyIdeaGroup(
                heading=cleaner.line(g.heading, _HEADING),
                ideas=stated_ideas(g.ideas, cleaner, _IDEA, MAX_GROUP_IDEAS),
            )
            for g in overview.key_ideas
        ]
        return Summary(
            episode_id=episode.episode_id,
            feed_id=episode.feed_id,
            podcast_title=feed.title,
            episode_title=episode.title,
            episode_url=episode.link,
            audio_url=episode.audio.url if episode.audio else None,
            language=feed.controls.summary_language
            or transcript.language
            or episode.language
            or feed.language,
            duration_seconds=transcript.duration or episode.duration_seconds,
            quick_takes=ClickbaitVerdict(
                is_clickbait=overview.is_clickbait,
                verdict=cleaner.line(overview.verdict, _PARAGRAPH),
                promises=_promise_checks(brief.promises, outcomes),
            )
            if episode.promise_known
            else ClickbaitVerdict.nothing_to_judge(),
            one_sentence_summary=cleaner.line(overview.one_sentence_summary, _PARAGRAPH),
            favorite_quote=_favorite(quotes, overview.favorite_quotes),
            tldr=cleaner.line(overview.tldr, _PARAGRAPH),
            key_ideas=[g for g in groups if g.heading and g.ideas][:MAX_GROUPS],
            lessons=_picked_lessons(outcomes, overview.lessons)[:MAX_LESSONS],
            conclusion=cleaner.line(overview.conclusion, _PARAGRAPH),
            in_depth=[
                InDepthSection(
                    start_seconds=o.section.start,
                    end_seconds=o.section.end,
                    heading=o.notes.heading,
                    key_ideas=o.notes.key_ideas,
                    lessons_heading=o.notes.lessons_heading,
                    lessons=[Lesson(title=x.title, explanation=x.explanation) for x in o.notes.lessons],
                )
                for o in outcomes
            ],
            chapters=episode.chapters,
            provenance=Provenance(
                transcript_source=transcript.source.describe(),
                summarizer=self.name,
                model=self.model,
                input_tokens=usage.input_tokens,
                output_tokens=usage.output_tokens,
                model_calls=usage.calls,
                cost_usd=usage.cost_usd(self.model),
                transcription_cost_usd=episode.transcription_cost_usd or 0.0,
                created_at=datetime.now(UTC),
            ),
        )


def _clean_outcome(outcome: SectionOutcome, cleaner: Cleaner, promises: int) -> SectionOutcome:
    """The section's notes cleaned in code; its quote candidates stay as answered (they are matched, not shown)."""
    notes = outcome.notes
    fallback = f"Part starting at {clock(outcome.section.start)}"
    cleaned = SectionNotes(
        heading=cleaner.line(notes.heading, _HEADING) or fallback,
        key_ideas=stated_ideas(notes.key_ideas, cleaner, _IDEA),
        lessons_heading=cleaner.line(notes.lessons_heading, _HEADING) or f"Lessons: {fallback.lower()}",
        lessons=[
            NoteLesson(title=x.title, explanation=x.explanation)
            for x in usable_lessons(notes.lessons, cleaner)
        ],
        quote_candidates=notes.quote_candidates[:3],
        promises_addressed=sorted({n for n in notes.promises_addressed if 1 <= n <= promises}),
    )
    return SectionOutcome(outcome.section, cleaned, outcome.usage, outcome.from_cache)


def _brief(
    feed: Feed, episode: Episode, transcript: Transcript, sections: Sequence[TranscriptSection]
) -> EpisodeBrief:
    """What every call is told: a title the publisher did not give is no promise to check."""
    promises = episode_promises(episode.title, episode.description) if episode.promise_known else []
    context = EpisodeContext(
        podcast=feed.title,
        title=episode.title if episode.promise_known else "",
        # Fenced as data; a sentence planted for the summarizer (and its links) never reaches it.
        show_notes=without_planted_sentences(show_notes_text(episode.description)),
        speakers=speakers_with_roles(transcript.segments, episode_cast(feed, episode)),
        promises=promises,
        duration_seconds=transcript.duration or episode.duration_seconds or sections[-1].end,
        **_operator_context(feed),
    )
    tokens = least_tokens("\n".join(section_transcript(s) for s in sections))
    return EpisodeBrief(context=context, transcript_tokens=tokens, chapters=episode.chapters)


def _operator_context(feed: Feed) -> dict[str, str]:
    """The feed's summary language (by name) and its operator's instructions, for every call."""
    controls = feed.controls
    language = language_name(controls.summary_language) if controls.summary_language else ""
    return {"summary_language": language, "instructions": controls.instructions or ""}


def _picked_lessons(outcomes: Sequence[SectionOutcome], numbers: Sequence[int]) -> list[Lesson]:
    """The overview's lessons: the parts' lessons the reduce picked by number (counted across the
    parts from 1), each once, in the order picked; a pick short of the format's count (the reduce
    was sent no lesson titles to fit its budget, or picked too few) is topped up with each part's
    best lesson in turn, then each part's second, across the episode."""
    pool = [lesson for o in outcomes for lesson in o.notes.lessons]
    chosen = [n - 1 for n in dict.fromkeys(numbers) if 1 <= n <= len(pool)]
    low, high = lesson_counts(len(outcomes), len(pool))
    # Sent no lesson titles (to fit the budget), the reduce picked none: take a typical count.
    wanted = low if chosen else (low + high) // 2
    if len(chosen) < wanted:
        firsts = [sum(len(o.notes.lessons) for o in outcomes[:i]) for i in range(len(outcomes))]
        in_turn = [
            first + rank
            for rank in range(max((len(o.notes.lessons) for o in outcomes), default=0))
            for first, o in zip(firsts, outcomes, strict=True)
            if rank < len(o.notes.lessons)
        ]
        chosen += [n for n in in_turn if n not in chosen][: wanted - len(chosen)]
    return [Lesson(title=pool[n].title, explanation=pool[n].explanation) for n in chosen]


def _verified_quotes(transcript: Transcript, outcomes: Sequence[SectionOutcome]) -> list[Quote]:
    """Candidates found verbatim in the transcript, for the reduce to pick the favorite from: each
    section's first candidate before any second one, spread over the whole episode when there are
    more than MAX_QUOTE_CANDIDATES, and none longer than a quote one reads at a glance (the sample's
    is ~350 characters; a run-on "sentence" of an unpunctuated transcript is no quote)."""
    index = QuoteIndex(transcript)
    rounds: list[list[Quote]] = []
    seen: set[str] = set()
    rank = max((len(o.notes.quote_candidates) for o in outcomes), default=0)
    for position in range(rank):
        found: list[Quote] = []
        for outcome in outcomes:
            if position >= len(outcome.notes.quote_candidates):
                continue
            quote = index.find(outcome.notes.quote_candidates[position])
            # A quote from a passage planted for the summarizer would give it a platform.
            if quote is None or quote.text in seen or addresses_the_summarizer(quote.text):
                continue
            if len(quote.text) > MAX_QUOTE_CHARS:
                continue
            seen.add(quote.text)
            found.append(quote)
        rounds.append(found)
    picked: list[Quote] = []
    for found in rounds:
        picked += _spread(found, MAX_QUOTE_CANDIDATES - len(picked))
    return picked


def _spread(items: Sequence[Quote], count: int) -> list[Quote]:
    """`count` of `items` evenly spaced from first to last (all of them when there are no more)."""
    if count <= 0:
        return []
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def _favorite(quotes: Sequence[Quote], preferred: Sequence[int]) -> Quote | None:
    for number in preferred:
        if 1 <= number <= len(quotes):
            return quotes[number - 1]
    return quotes[0] if quotes else None


def _promise_checks(promises: Sequence[str], outcomes: Sequence[SectionOutcome]) -> list[PromiseCheck]:
    checks = []
    for number, promise in enumerate(promises, 1):
        where = [o.section.start for o in outcomes if number in o.notes.promises_addressed]
        checks.append(
            PromiseCheck(promise=promise, delivered=bool(where), where_seconds=min(where, default=None))
        )
    return checks


def _promise_check(promises: Sequence[str], outcomes: Sequence[SectionOutcome]) -> str:
    lines = []
    for number, promise in enumerate(promises, 1):
        parts = [
            f"part {i + 1} (at {clock(o.section.start)})"
            for i, o in enumerate(outcomes)
            if number in o.notes.promises_addressed
        ]
        kept = "delivered in " + ", ".join(parts) if parts else "not delivered by any part"
        lines.append(f"{number}. {promise} -> {kept}")
    return "\n".join(lines) or "(the episode makes no promises)"
