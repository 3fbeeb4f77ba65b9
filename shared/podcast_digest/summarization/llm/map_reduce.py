"""Map over the sections in parallel, then reduce their notes: two model calls deep at any length.

Map: each section (about 4-5 minutes of talk) is summarized on its own, with
bounded concurrency, into its In-Depth notes plus quote candidates and the
promises it delivers. A section whose request fails transiently (after the
openai client's own retries) is retried alone once the others are done;
finished sections are cached, so a later run pays only for what is missing.

Reduce: the notes (never the transcript again) become the overview. When the
notes of a very long episode would not fit the reduce budget, they are
compacted in code (fewer ideas per section, then headings only) rather than
reduced in an extra level of calls, so the critical path stays two calls.
"""

import json
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from podcast_digest.errors import TransientError, UpstreamThrottled
from podcast_digest.summarization.llm.cache import AnswerCache
from podcast_digest.summarization.llm.client import ChatClient, InvalidAnswerError
from podcast_digest.summarization.llm.pricing import Usage
from podcast_digest.summarization.llm.prompts import (
    clock,
    map_messages,
    note_line,
    reduce_messages,
    section_transcript,
)
from podcast_digest.summarization.llm.schemas import EpisodeOverview, SectionNotes
from podcast_digest.summarization.llm.untrusted import MASK, instruction_passages, new_boundary
from podcast_digest.summarization.sections import TranscriptSection, estimate_tokens

log = logging.getLogger(__name__)

# (ideas per section, lessons included): tried in order until the notes fit the reduce budget.
_COMPACTION = [(None, True), (8, True), (5, True), (3, False), (1, False), (0, False)]


@dataclass(frozen=True)
class EpisodeBrief:
    """What every call is told about the episode besides its transcript."""

    title: str
    promises: list[str]


@dataclass(frozen=True)
class SectionOutcome:
    section: TranscriptSection
    notes: SectionNotes  # as the model answered (cleaned later, against the whole source)
    usage: Usage  # what these notes cost, also when they came from the cache
    from_cache: bool


class MapReduce:
    def __init__(
        self,
        chat: ChatClient,
        cache: AnswerCache,
        *,
        concurrency: int = 8,
        map_output_tokens: int = 3000,
        reduce_output_tokens: int = 8000,
        reduce_input_tokens: int = 60_000,
        section_rounds: int = 2,
        map_check: Callable[[SectionNotes, TranscriptSection], None] | None = None,
        reduce_check: Callable[[EpisodeOverview], None] | None = None,
    ) -> None:
        self.chat = chat
        self.cache = cache
        self.concurrency = max(1, concurrency)
        self.map_output_tokens = map_output_tokens
        self.reduce_output_tokens = reduce_output_tokens
        self.reduce_input_tokens = reduce_input_tokens
        self.section_rounds = max(1, section_rounds)
        self.map_check = map_check
        self.reduce_check = reduce_check

    # --- map -------------------------------------------------------------------------------

    def map(self, brief: EpisodeBrief, sections: Sequence[TranscriptSection]) -> list[SectionOutcome]:
        """Notes for every section, in order. Raises the last transient error when a section still
        fails after being retried alone (the finished ones are cached by then)."""
        done: dict[int, SectionOutcome] = {}
        pending = list(sections)
        failure: TransientError | None = None
        for round_number in range(self.section_rounds):
            if round_number:
                log.warning("retrying %d failed section(s) alone", len(pending))
            failed, failure = self._map_round(brief, pending, len(sections), done)
            pending = failed
            if not pending:
                break
        if pending:
            assert failure is not None
            where = ", ".join(f"{clock(s.start)}-{clock(s.end)}" for s in pending[:5])
            kept = (
                f"The other {len(done)} are cached; running again pays only for the missing ones."
                if self.cache.enabled
                else "Run again later."
            )
            message = f"{len(pending)} of {len(sections)} sections could not be summarized ({where}): {failure}. {kept}"
            if isinstance(failure, UpstreamThrottled):
                raise UpstreamThrottled(message, retry_after=failure.retry_after) from failure
            raise type(failure)(message) from failure
        return [done[s.index] for s in sections]

    def _map_round(
        self,
        brief: EpisodeBrief,
        sections: Sequence[TranscriptSection],
        total: int,
        done: dict[int, SectionOutcome],
    ) -> tuple[list[TranscriptSection], TransientError | None]:
        failed: list[TranscriptSection] = []
        failure: TransientError | None = None
        with ThreadPoolExecutor(
            max_workers=min(self.concurrency, len(sections)), thread_name_prefix="map"
        ) as pool:
            futures: dict[Future[SectionOutcome], TranscriptSection] = {
                pool.submit(self._section, brief, section, total): section for section in sections
            }
            remaining = set(futures)
            while remaining:
                finished, remaining = wait(remaining, return_when=FIRST_EXCEPTION)
                for future in finished:
                    section = futures[future]
                    error = future.exception()
                    if error is None:
                        done[section.index] = future.result()
                    elif isinstance(error, TransientError):
                        failed.append(section)
                        failure = error
                    else:
                        # Retrying will not help (refusal, bad key, invalid answers): stop starting new calls.
                        for other in remaining:
                            other.cancel()
                        raise error
        return sorted(failed, key=lambda s: s.index), failure

    def _section(self, brief: EpisodeBrief, section: TranscriptSection, total: int) -> SectionOutcome:
        text = section_transcript(section)
        key = self.cache.section_key(text, brief.title, *brief.promises)
        hit = self.cache.get(key, SectionNotes)
        if hit is not None:
            return SectionOutcome(section, hit[0], hit[1], from_cache=True)
        try:
            notes, usage = self._ask_map(brief, section, total, text)
        except InvalidAnswerError as exc:
            planted = instruction_passages(section.segments)
            if not planted:
                raise
            # Last resort: the answer keeps breaking while the section holds passages addressed
            # to the summarizer; ask once more with just those passages masked.
            log.warning(
                "section at %s: invalid answers (%s); asking again with %d planted passage(s) masked",
                clock(section.start),
                exc,
                len(planted),
            )
            masked = section_transcript(section, masked=planted, mask=MASK)
            notes, usage = self._ask_map(brief, section, total, masked)
            usage = exc.usage + usage
        self.cache.put(key, notes, usage)
        return SectionOutcome(section, notes, usage, from_cache=False)

    def _ask_map(
        self, brief: EpisodeBrief, section: TranscriptSection, total: int, text: str
    ) -> tuple[SectionNotes, Usage]:
        boundary = new_boundary()
        system, user = map_messages(
            boundary=boundary,
            title=brief.title,
            promises=brief.promises,
            section=section,
            sections_total=total,
            transcript_text=text,
        )
        map_check = self.map_check

        def check(notes: SectionNotes) -> None:
            if map_check is not None:
                map_check(notes, section)

        return self.chat.ask(
            system=system,
            user=user,
            answer=SectionNotes,
            schema_name="section_notes",
            max_output_tokens=self.map_output_tokens,
            check=check,
        )

    # --- reduce ----------------------------------------------------------------------------

    def reduce(
        self,
        brief: EpisodeBrief,
        outcomes: Sequence[SectionOutcome],
        quote_candidates: Sequence[str],
        promise_check: str,
    ) -> tuple[EpisodeOverview, Usage, bool]:
        """The overview, what it cost, and whether it came from the cache."""
        notes = self._fit_notes(outcomes)
        cache_input = json.dumps([brief.title, brief.promises, promise_check, notes, list(quote_candidates)])
        key = self.cache.reduce_key(cache_input)
        hit = self.cache.get(key, EpisodeOverview)
        if hit is not None:
            return hit[0], hit[1], True
        boundary = new_boundary()
        system, user = reduce_messages(
            boundary=boundary,
            title=brief.title,
            promises=brief.promises,
            promise_check=promise_check,
            notes=notes,
            quote_candidates=quote_candidates,
            sections_total=len(outcomes),
        )
        overview, usage = self.chat.ask(
            system=system,
            user=user,
            answer=EpisodeOverview,
            schema_name="episode_overview",
            max_output_tokens=self.reduce_output_tokens,
            check=self.reduce_check,
        )
        self.cache.put(key, overview, usage)
        return overview, usage, False

    def _fit_notes(self, outcomes: Sequence[SectionOutcome]) -> str:
        for ideas, lessons in _COMPACTION:
            text = "\n".join(
                note_line(i, o.section, o.notes, ideas=ideas, lessons=lessons) for i, o in enumerate(outcomes)
            )
            if estimate_tokens(text) <= self.reduce_input_tokens:
                if ideas is not None:
                    log.info(
                        "section notes compacted to %s idea(s) per section to fit the reduce budget", ideas
                    )
                return text
        log.warning("section notes exceed the reduce budget even as headings only; sending them anyway")
        return text
