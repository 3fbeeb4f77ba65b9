"""Map over batches of sections in parallel, then reduce their notes: two model calls deep at any length.

Map: the sections (about 4-5 minutes of talk each, the In-Depth parts) go to
the model in batches of consecutive sections, so the instructions, the schema
and the episode's metadata are paid for once per batch rather than once per
section, and every part but a batch's first is written knowing the part before
it. Batches run with bounded concurrency; a batch whose request fails
transiently (after the openai client's own retries) is retried alone once the
others are done; finished batches are cached, so a later run pays only for
what is missing.

Reduce: the notes (never the transcript again) become the overview. The
notes it reads fit what is left of the episode's input budget (`input_ratio`
× the transcript's tokens, less what the map calls were billed): when they
would not fit, they are compacted in code (fewer ideas per section, then headings
only) rather than reduced in an extra level of calls, so the critical path
stays two calls. The In-Depth part keeps every idea. The overview's lessons
are picked by number from the parts' lessons.
"""

import json
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from podcast_digest.errors import TransientError, UpstreamThrottled
from podcast_digest.models import Chapter
from podcast_digest.summarization.llm.cache import AnswerCache
from podcast_digest.summarization.llm.client import ChatClient, InvalidAnswerError
from podcast_digest.summarization.llm.operator import cache_parts
from podcast_digest.summarization.llm.pricing import Usage
from podcast_digest.summarization.llm.prompts import (
    EpisodeContext,
    clock,
    group_counts,
    lesson_counts,
    map_messages,
    note_line,
    reduce_messages,
    section_transcript,
)
from podcast_digest.summarization.llm.schemas import (
    BatchNotes,
    EpisodeOverview,
    SectionNotes,
    response_format,
)
from podcast_digest.summarization.llm.untrusted import MASK, instruction_passages, new_boundary
from podcast_digest.summarization.sections import TranscriptSection, estimate_tokens

log = logging.getLogger(__name__)

# About what the reduce's JSON schema adds to its prompt (a real API bills it).
_OVERVIEW_SCHEMA_TOKENS = len(json.dumps(response_format(EpisodeOverview, "episode_overview"))) // 4

# (ideas per section, lessons included): tried in order until the notes fit the reduce budget.
_COMPACTION = [(None, True), (8, True), (6, True), (5, True), (4, True), (3, True), (2, True), (1, True)]
_COMPACTION += [(0, True), (0, False)]
# Whatever the budget, the reduce reads at least about a heading, an idea and the lesson titles per part.
_FLOOR_PER_SECTION = 90


@dataclass(frozen=True)
class EpisodeBrief:
    """What every call is told about the episode besides its transcript."""

    context: EpisodeContext
    transcript_tokens: int = 0
    chapters: Sequence[Chapter] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.context.title

    @property
    def promises(self) -> list[str]:
        return list(self.context.promises)

    def chapter_before(self, seconds: float) -> str:
        """The publisher's title of the chapter running just before `seconds`, or ""."""
        titles = [c.title for c in self.chapters if c.start_seconds < seconds]
        return titles[-1] if titles else ""


@dataclass(frozen=True)
class SectionOutcome:
    section: TranscriptSection
    notes: SectionNotes  # as the model answered (cleaned later, against the whole source)
    usage: Usage  # what these notes cost (a batch's usage is carried by its first section)
    from_cache: bool


# A batch's answer must fit one answer's output limit (16k tokens for gpt-4o-mini) and time.
MAX_BATCH_SECTIONS = 12


def batches(
    sections: Sequence[TranscriptSection], max_tokens: int, max_sections: int = MAX_BATCH_SECTIONS
) -> list[list[TranscriptSection]]:
    """Consecutive sections grouped while their estimated tokens stay within `max_tokens`."""
    grouped: list[list[TranscriptSection]] = []
    used = 0
    for section in sections:
        tokens = section.estimated_tokens
        if grouped and used + tokens <= max_tokens and len(grouped[-1]) < max_sections:
            grouped[-1].append(section)
            used += tokens
        else:
            grouped.append([section])
            used = tokens
    return grouped


class MapReduce:
    def __init__(
        self,
        chat: ChatClient,
        cache: AnswerCache,
        *,
        concurrency: int = 8,
        batch_tokens: int = 15_000,
        map_output_tokens: int = 1300,
        reduce_output_tokens: int = 8000,
        reduce_input_tokens: int = 60_000,
        input_ratio: float = 1.2,
        reduce_floor_tokens: int = 3000,
        section_rounds: int = 2,
        map_check: Callable[[SectionNotes, TranscriptSection], None] | None = None,
        reduce_check: Callable[[EpisodeOverview], None] | None = None,
    ) -> None:
        self.chat = chat
        self.cache = cache
        self.concurrency = max(1, concurrency)
        self.batch_tokens = max(1, batch_tokens)
        self.map_output_tokens = map_output_tokens  # per section of a batch
        self.reduce_output_tokens = reduce_output_tokens
        self.reduce_input_tokens = reduce_input_tokens
        self.input_ratio = input_ratio
        self.reduce_floor_tokens = reduce_floor_tokens
        self.section_rounds = max(1, section_rounds)
        self.map_check = map_check
        self.reduce_check = reduce_check

    # --- map -------------------------------------------------------------------------------

    def map(self, brief: EpisodeBrief, sections: Sequence[TranscriptSection]) -> list[SectionOutcome]:
        """Notes for every section, in order. Raises the last transient error when a batch still
        fails after being retried alone (the finished ones are cached by then)."""
        done: dict[int, SectionOutcome] = {}
        pending = batches(sections, self.batch_tokens)
        failure: TransientError | None = None
        for round_number in range(self.section_rounds):
            if round_number:
                log.warning("retrying %d failed batch(es) of sections alone", len(pending))
            pending, failure = self._map_round(brief, pending, len(sections), done)
            if not pending:
                break
        if pending:
            assert failure is not None
            missing = [s for batch in pending for s in batch]
            where = ", ".join(f"{clock(s.start)}-{clock(s.end)}" for s in missing[:5])
            kept = (
                f"The other {len(done)} are cached; running again pays only for the missing ones."
                if self.cache.enabled
                else "Run again later."
            )
            message = f"{len(missing)} of {len(sections)} sections could not be summarized ({where}): {failure}. {kept}"
            if isinstance(failure, UpstreamThrottled):
                raise UpstreamThrottled(message, retry_after=failure.retry_after) from failure
            raise type(failure)(message) from failure
        return [done[s.index] for s in sections]

    def _map_round(
        self,
        brief: EpisodeBrief,
        pending: Sequence[list[TranscriptSection]],
        total: int,
        done: dict[int, SectionOutcome],
    ) -> tuple[list[list[TranscriptSection]], TransientError | None]:
        failed: list[list[TranscriptSection]] = []
        failure: TransientError | None = None
        with ThreadPoolExecutor(
            max_workers=min(self.concurrency, len(pending)), thread_name_prefix="map"
        ) as pool:
            futures: dict[Future[list[SectionOutcome]], list[TranscriptSection]] = {
                pool.submit(self._batch, brief, batch, total): batch for batch in pending
            }
            remaining = set(futures)
            while remaining:
                finished, remaining = wait(remaining, return_when=FIRST_EXCEPTION)
                for future in finished:
                    error = future.exception()
                    if error is None:
                        done.update((o.section.index, o) for o in future.result())
                    elif isinstance(error, TransientError):
                        failed.append(futures[future])
                        failure = error
                    else:
                        # Retrying will not help (refusal, bad key, invalid answers): stop starting new calls.
                        for other in remaining:
                            other.cancel()
                        raise error
        return sorted(failed, key=lambda b: b[0].index), failure

    def _batch(self, brief: EpisodeBrief, batch: list[TranscriptSection], total: int) -> list[SectionOutcome]:
        texts = [section_transcript(s) for s in batch]
        context = brief.context
        key = self.cache.section_key(
            "\n".join(texts),
            context.podcast,
            context.title,
            context.show_notes,
            context.speakers,
            *context.promises,
            *cache_parts(context.summary_language, context.instructions),
        )
        hit = self.cache.get(key, BatchNotes)
        if hit is not None and len(hit[0].parts) == len(batch):
            return _outcomes(batch, hit[0], hit[1], from_cache=True)
        try:
            notes, usage = self._ask_map(brief, batch, total, texts)
        except InvalidAnswerError as exc:
            planted = [instruction_passages(s.segments) for s in batch]
            if not any(planted):
                raise
            # Last resort: the answer keeps breaking while the batch holds passages addressed
            # to the summarizer; ask once more with just those passages masked.
            log.warning(
                "sections from %s: invalid answers (%s); asking again with %d planted passage(s) masked",
                clock(batch[0].start),
                exc,
                sum(len(p) for p in planted),
            )
            masked = [section_transcript(s, masked=p, mask=MASK) for s, p in zip(batch, planted, strict=True)]
            notes, usage = self._ask_map(brief, batch, total, masked)
            usage = exc.usage + usage
        self.cache.put(key, notes, usage)
        return _outcomes(batch, notes, usage, from_cache=False)

    def _ask_map(
        self, brief: EpisodeBrief, batch: list[TranscriptSection], total: int, texts: list[str]
    ) -> tuple[BatchNotes, Usage]:
        boundary = new_boundary()
        system, user = map_messages(
            boundary=boundary,
            context=brief.context,
            sections=batch,
            texts=texts,
            sections_total=total,
            before=brief.chapter_before(batch[0].start),
        )
        map_check = self.map_check

        def check(answer: BatchNotes) -> None:
            if len(answer.parts) != len(batch):
                raise ValueError(f"{len(answer.parts)} parts answered for {len(batch)} asked")
            if map_check is not None:
                for notes, section in zip(answer.parts, batch, strict=True):
                    map_check(notes, section)

        return self.chat.ask(
            system=system,
            user=user,
            answer=BatchNotes,
            schema_name="section_notes",
            max_output_tokens=self.map_output_tokens * len(batch),
            check=check,
            counts={"parts": (len(batch), len(batch))},
        )

    # --- reduce ----------------------------------------------------------------------------

    def reduce(
        self,
        brief: EpisodeBrief,
        outcomes: Sequence[SectionOutcome],
        quote_candidates: Sequence[str],
        promise_check: str,
    ) -> tuple[EpisodeOverview, Usage, bool]:
        """The overview, what it cost, and whether it came from the cache. Its `lessons` are
        numbers of the sections' lessons, counted across the sections in order from 1."""
        available = sum(len(o.notes.lessons) for o in outcomes)
        fixed = self._reduce_messages(brief, outcomes, quote_candidates, promise_check, "", available)
        notes = self._fit_notes(outcomes, self._reduce_budget(brief, outcomes, fixed))
        context = brief.context
        cache_input = json.dumps(
            [
                context.podcast,
                context.title,
                context.speakers,
                brief.promises,
                promise_check,
                notes,
                list(quote_candidates),
                *cache_parts(context.summary_language, context.instructions),
            ]
        )
        key = self.cache.reduce_key(cache_input)
        hit = self.cache.get(key, EpisodeOverview)
        if hit is not None:
            return hit[0], hit[1], True
        system, user = self._reduce_messages(
            brief, outcomes, quote_candidates, promise_check, notes, available
        )
        overview, usage = self.chat.ask(
            system=system,
            user=user,
            answer=EpisodeOverview,
            schema_name="episode_overview",
            max_output_tokens=self.reduce_output_tokens,
            check=self.reduce_check,
            counts={
                "key_ideas": group_counts(len(outcomes)),
                "lessons": lesson_counts(len(outcomes), available),
            },
        )
        self.cache.put(key, overview, usage)
        return overview, usage, False

    @staticmethod
    def _reduce_messages(
        brief: EpisodeBrief,
        outcomes: Sequence[SectionOutcome],
        quote_candidates: Sequence[str],
        promise_check: str,
        notes: str,
        available: int,
    ) -> tuple[str, str]:
        return reduce_messages(
            boundary=new_boundary(),
            context=brief.context,
            promise_check=promise_check,
            notes=notes,
            quote_candidates=quote_candidates,
            sections_total=len(outcomes),
            lessons_available=available,
        )

    def _reduce_budget(
        self, brief: EpisodeBrief, outcomes: Sequence[SectionOutcome], fixed: tuple[str, str]
    ) -> int:
        """What the notes may take: the episode's input budget (`input_ratio` × the transcript) less
        what the map calls were billed and the rest of the reduce request (its schema counted
        twice, as a margin for estimating); never under the floor, never over the absolute cap."""
        spent = sum(o.usage.input_tokens for o in outcomes)
        rest = estimate_tokens(" ".join(fixed)) + 2 * _OVERVIEW_SCHEMA_TOKENS
        left = int(self.input_ratio * brief.transcript_tokens) - spent - rest
        floor = max(self.reduce_floor_tokens, _FLOOR_PER_SECTION * len(outcomes))
        return min(self.reduce_input_tokens, max(floor, left))

    def _fit_notes(self, outcomes: Sequence[SectionOutcome], budget: int) -> str:
        firsts, number = [], 1
        for o in outcomes:
            firsts.append(number)
            number += len(o.notes.lessons)
        for ideas, lessons in _COMPACTION:
            text = "\n".join(
                note_line(i, o.section, o.notes, ideas=ideas, lessons=lessons, first_lesson=firsts[i])
                for i, o in enumerate(outcomes)
            )
            if estimate_tokens(text) <= budget:
                if ideas is not None:
                    log.info(
                        "section notes compacted to %s idea(s) per section to fit the reduce budget", ideas
                    )
                return text
        log.warning("section notes exceed the reduce budget even as headings only; sending them anyway")
        return text


def _outcomes(
    batch: Sequence[TranscriptSection], answer: BatchNotes, usage: Usage, *, from_cache: bool
) -> list[SectionOutcome]:
    return [
        SectionOutcome(section, notes, usage if i == 0 else Usage(), from_cache)
        for i, (section, notes) in enumerate(zip(batch, answer.parts, strict=True))
    ]
