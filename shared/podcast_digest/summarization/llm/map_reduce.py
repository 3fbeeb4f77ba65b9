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

# (ideas per section, lessons shown per section: True for all): tried in order until the notes fit
# the reduce budget. The lessons shown are each part's first (the map writes them best first), so
# the reduce still picks across the episode; every part keeps at least one idea (the overview is
# written from them); at the last step no lesson titles are sent and the overview's lessons are
# each part's best, taken in turn in code (summarizer.py tops up a short pick the same way).
_COMPACTION: list[tuple[int | None, bool | int]] = [(None, True), (None, 3), (8, 3), (6, 3), (5, 3)]
_COMPACTION += [(4, 2), (3, 2), (2, 2), (2, 1), (2, 0), (1, 1)]
# Whatever the budget, the reduce reads at least as many ideas as the overview's key ideas need
# (6 groups of 3): a short episode keeps more ideas per part, an hour-long one at least one.
_MIN_REDUCE_IDEAS = 18
_FLOOR_PER_SECTION = 45
# What each chat message adds to a request besides its text (roles, separators).
_MESSAGE_TOKENS = 8


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


# A batch's answer must fit one answer's output limit (16k tokens for gpt-4o-mini) and time: 16
# parts of at most ~1000 output tokens each (12 ideas, 7 lessons, 3 quotes) is 16k. An hour-long
# episode (15 parts of 4-5 minutes) is then one map call, not two: the instructions, schema and
# metadata are billed once, which is what brings it within 1.2x the transcript's tokens.
MAX_BATCH_SECTIONS = 16


def batches(
    sections: Sequence[TranscriptSection], max_tokens: int, max_sections: int = MAX_BATCH_SECTIONS
) -> list[list[TranscriptSection]]:
    """Consecutive sections in as few batches as fit `max_tokens` and `max_sections`, and of about
    equal size: the slowest batch is the map's wall time (34 parts go 12, 11, 11, not 16, 16, 2)."""
    greedy = _greedy(sections, max_tokens, max_sections)
    if len(greedy) < 2:
        return greedy
    total = sum(s.estimated_tokens for s in sections)
    share = -(-total // len(greedy))
    count = -(-len(sections) // len(greedy))
    even = _greedy(sections, min(max_tokens, share + share // 10), min(max_sections, count))
    return even if len(even) == len(greedy) else greedy


def _greedy(
    sections: Sequence[TranscriptSection], max_tokens: int, max_sections: int
) -> list[list[TranscriptSection]]:
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


def billable_tokens(text: str) -> int:
    """What a text is likely billed, erring high: the word estimate, or ~4 characters a token where
    that is more (JSON notes, numbers and punctuation cost more tokens than their words suggest)."""
    return max(estimate_tokens(text), -(-len(text) // 4))


def least_tokens(text: str) -> int:
    """What a text is billed at least, for the transcript the budget is a ratio of: the lower of
    the two estimates, so that overhead measured high against a transcript measured low keeps
    the ratio true under either way of counting."""
    return min(estimate_tokens(text), -(-len(text) // 4))


class MapReduce:
    def __init__(
        self,
        chat: ChatClient,
        cache: AnswerCache,
        *,
        concurrency: int = 8,
        batch_tokens: int = 21_000,
        map_output_tokens: int = 1000,
        reduce_output_tokens: int = 8000,
        reduce_input_tokens: int = 60_000,
        input_ratio: float = 1.2,
        reduce_floor_tokens: int = 600,
        min_overhead_tokens: int = 2800,
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
        self.min_overhead_tokens = min_overhead_tokens
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
        total = sum(len(o.notes.lessons) for o in outcomes)
        fixed = self._reduce_messages(brief, outcomes, quote_candidates, promise_check, "", total)
        notes, available, ideas = self._fit_notes(outcomes, self._reduce_budget(brief, outcomes, fixed))
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
            brief, outcomes, quote_candidates, promise_check, notes, available, ideas
        )
        overview, usage = self.chat.ask(
            system=system,
            user=user,
            answer=EpisodeOverview,
            schema_name="episode_overview",
            max_output_tokens=self.reduce_output_tokens,
            check=self.reduce_check,
            counts={
                "key_ideas": group_counts(len(outcomes), ideas),
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
        ideas: int | None = None,
    ) -> tuple[str, str]:
        return reduce_messages(
            boundary=new_boundary(),
            context=brief.context,
            promise_check=promise_check,
            notes=notes,
            quote_candidates=quote_candidates,
            sections_total=len(outcomes),
            lessons_available=available,
            ideas_available=ideas,
        )

    def _reduce_budget(
        self, brief: EpisodeBrief, outcomes: Sequence[SectionOutcome], fixed: tuple[str, str]
    ) -> int:
        """What the notes may take: the episode's input budget less what the map calls were billed
        and the rest of the reduce request (measured erring high, its schema included); never
        under the floor, never over the absolute cap. The budget is `input_ratio` × the transcript,
        but never less than the transcript plus `min_overhead_tokens`: a short episode's calls
        cost about as much in instructions and schema as an hour's, and 20% of a 20-minute talk
        would starve its overview (from about an hour of talk, the ratio governs)."""
        spent = sum(o.usage.input_tokens for o in outcomes)
        rest = billable_tokens(" ".join(fixed)) + _OVERVIEW_SCHEMA_TOKENS + _MESSAGE_TOKENS
        tokens = brief.transcript_tokens
        budget = max(int(self.input_ratio * tokens), tokens + self.min_overhead_tokens)
        floor = max(self.reduce_floor_tokens, _FLOOR_PER_SECTION * len(outcomes))
        return min(self.reduce_input_tokens, max(floor, budget - spent - rest))

    def _fit_notes(self, outcomes: Sequence[SectionOutcome], budget: int) -> tuple[str, int, int]:
        """The notes the reduce reads, compacted until they fit `budget`, and how many lessons
        (the reduce picks among those) and ideas (its key ideas are written from those) they show."""
        firsts, number = [], 1
        for o in outcomes:
            firsts.append(number)
            number += len(o.notes.lessons)
        text, shown = "", 0
        steps = _compaction(outcomes)
        for ideas, lessons in steps:
            text = "\n".join(
                note_line(i, o.section, o.notes, ideas=ideas[i], lessons=lessons, first_lesson=firsts[i])
                for i, o in enumerate(outcomes)
            )
            shown = sum(
                len(o.notes.lessons) if lessons is True else min(lessons, len(o.notes.lessons))
                for o in outcomes
            )
            if billable_tokens(text) <= budget:
                break
        else:
            # A short episode's fixed costs weigh more than its budget allows: expected, not a fault.
            log.info("section notes exceed the reduce budget even at their most compact; sent anyway")
        if text and (ideas, lessons) != steps[0]:
            log.info("section notes compacted to %s idea(s) and %s lesson(s) per section", ideas, lessons)
        shown_ideas = sum(
            len(o.notes.key_ideas) if n is None else min(n, len(o.notes.key_ideas))
            for n, o in zip(ideas, outcomes, strict=True)
        )
        return text, shown, shown_ideas


def _compaction(outcomes: Sequence[SectionOutcome]) -> list[tuple[list[int | None], bool | int]]:
    """The compaction steps for these notes, as ideas kept per part and lessons shown per part:
    none leaves fewer ideas than the overview's key ideas need (while the parts have them); the
    last keeps just that many, one per part first, then one more from parts spread over the episode."""
    have = [len(o.notes.key_ideas) for o in outcomes]
    need = min(_MIN_REDUCE_IDEAS, sum(have))
    steps: list[tuple[list[int | None], bool | int]] = []
    for kept, lessons in _COMPACTION:
        if kept is None or sum(min(kept, n) for n in have) >= need:
            steps.append(([kept] * len(have), lessons))
    least = [min(1, n) for n in have]
    while sum(least) < need:
        grew = False
        for i in _spread_order(len(have)):
            if sum(least) < need and least[i] < have[i]:
                least[i] += 1
                grew = True
        if not grew:
            break
    steps.append((list(least), 0))
    return steps


def _spread_order(count: int) -> list[int]:
    """Indexes 0..count-1 in an order that spreads the first few over the whole range."""
    order: list[int] = []
    step = count
    while step >= 1 and len(order) < count:
        order += [i for i in range(0, count, step) if i not in order]
        step //= 2
    return order + [i for i in range(count) if i not in order]


def _outcomes(
    batch: Sequence[TranscriptSection], answer: BatchNotes, usage: Usage, *, from_cache: bool
) -> list[SectionOutcome]:
    return [
        SectionOutcome(section, notes, usage if i == 0 else Usage(), from_cache)
        for i, (section, notes) in enumerate(zip(batch, answer.parts, strict=True))
    ]
