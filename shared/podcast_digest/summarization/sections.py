"""Cut a transcript into parts of about 4-5 minutes of talk.

A part is the unit of the In-Depth summary (one group of ideas per part, with the
time it starts) and of the LLM summarizer's map step (one request per part), so a
part can also be capped by an estimated token count. Cuts fall on segment
boundaries, preferably where the speaker changes or the talk pauses, near the
target length; a short tail joins the part before it.
"""

import math
import re
from collections.abc import Sequence
from functools import cache

from pydantic import Field

from podcast_digest.models import Segment, Transcript
from podcast_digest.models.base import DomainModel

TOKENS_PER_WORD = 1.35
# Scripts written without spaces between words: count each character as a word,
# which is close to how tokenizers treat them.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"


@cache
def _unspaced_char() -> re.Pattern[str]:
    # compiled on first use: these wide character classes take ~10 ms each to compile, paid by every
    # Lambda that imports this module for TOKENS_PER_WORD alone (costs/estimate.py)
    return re.compile(f"[{_UNSPACED}]")


@cache
def _unit() -> re.Pattern[str]:
    return re.compile(f"[{_UNSPACED}]|[^\\s{_UNSPACED}]+")


_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*\s*$")

# Where a cut may fall, as a fraction of the target length.
_WINDOW_LOW = 0.8
_WINDOW_HIGH = 1.25
# A last part shorter than this fraction of the target joins the one before it.
_SHORT_TAIL = 0.5
# Without usable times (every segment at 0 s), place segments by words at a typical speaking rate.
_WORDS_PER_SECOND = 2.5


def estimate_tokens(text: str) -> int:
    """An estimate of a text's token count (≈ words × 1.35): no tokenizer, no download."""
    unspaced = len(_unspaced_char().findall(text))
    words = len(_unspaced_char().sub(" ", text).split())
    return math.ceil((words + unspaced) * TOKENS_PER_WORD)


class TranscriptSection(DomainModel):
    """One part of a transcript: consecutive segments, in order."""

    index: int = Field(ge=0)
    start: float = Field(ge=0, description="seconds: where the part's first segment starts")
    end: float = Field(ge=0, description="seconds: where the part's last segment ends")
    segments: list[Segment] = Field(min_length=1)

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    @property
    def estimated_tokens(self) -> int:
        return estimate_tokens(self.text)

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)


def split_sections(
    transcript: Transcript, *, target_seconds: float = 270.0, max_tokens: int | None = None
) -> list[TranscriptSection]:
    """Parts of about `target_seconds` each, covering the transcript in order; none is empty.

    `max_tokens` additionally caps each part's estimated tokens; a single segment
    longer than the cap is divided at word boundaries (times interpolated).
    An empty transcript has no parts.
    """
    if target_seconds <= 0:
        raise ValueError("target_seconds must be positive")
    if max_tokens is not None and max_tokens < 1:
        raise ValueError("max_tokens must be at least 1")
    segments = [s for s in transcript.segments if s.text.strip()]
    if not segments:
        return []
    segments.sort(key=lambda s: s.start)  # stable: equal starts keep their order
    if max_tokens is not None:
        segments = [piece for s in segments for piece in _fit_segment(s, max_tokens)]

    clock = _clock(segments)
    tokens = [estimate_tokens(s.text) for s in segments]
    bounds = _cut(segments, clock, tokens, target_seconds, max_tokens)
    bounds = _merge_short_tail(bounds, clock, tokens, target_seconds, max_tokens)
    return [
        TranscriptSection(
            index=i,
            start=segments[a].start,
            end=max(s.end for s in segments[a:b]),
            segments=segments[a:b],
        )
        for i, (a, b) in enumerate(bounds)
    ]


def _clock(segments: Sequence[Segment]) -> list[tuple[float, float]]:
    """(start, end) per segment used for cutting: the real times, or word positions when times are absent."""
    if max(s.end for s in segments) > 0:
        return [(s.start, max(s.end, s.start)) for s in segments]
    spans, at = [], 0.0
    for s in segments:
        length = len(s.text.split()) / _WORDS_PER_SECOND
        spans.append((at, at + length))
        at += length
    return spans


def _cut(
    segments: Sequence[Segment],
    clock: Sequence[tuple[float, float]],
    tokens: Sequence[int],
    target: float,
    max_tokens: int | None,
) -> list[tuple[int, int]]:
    """Greedy: from each part's start, pick the best-scored boundary inside the target window."""
    bounds: list[tuple[int, int]] = []
    n = len(segments)
    start = 0
    while start < n:
        t0 = clock[start][0]
        used = 0
        candidates: list[tuple[float, int]] = []
        fallback = n  # where the part ends when no boundary falls inside the window
        j = start + 1
        while j <= n:
            used += tokens[j - 1]
            if max_tokens is not None and used > max_tokens and j - 1 > start:
                fallback = j - 1  # the segment j-1 would overflow the cap: end before it
                break
            if j == n:
                fallback = n
                break
            length = clock[j - 1][1] - t0
            if length >= target * _WINDOW_HIGH:
                # Segment j-1 overshoots: end before it when the part is already long enough to stand
                # (typically a jump in time, such as a cut-out ad break), else keep it.
                long_enough = j - 1 > start and clock[j - 2][1] - t0 >= target * _SHORT_TAIL
                fallback = j - 1 if long_enough and not candidates else j
                break
            if length >= target * _WINDOW_LOW:
                candidates.append((_boundary_score(segments, clock, j, length, target), j))
            j += 1
        # At the end of the transcript, the rest stays whole unless it is too long for one part.
        rest_too_long = fallback == n and clock[n - 1][1] - t0 > target * _WINDOW_HIGH
        end = max(candidates)[1] if candidates and (fallback != n or rest_too_long) else fallback
        bounds.append((start, end))
        start = end
    return bounds


def _boundary_score(
    segments: Sequence[Segment], clock: Sequence[tuple[float, float]], j: int, length: float, target: float
) -> float:
    """How good a cut before segment j is: a pause, a new speaker, a finished sentence, near the target."""
    gap = max(0.0, clock[j][0] - clock[j - 1][1])
    score = min(gap, 3.0) / 3.0
    before, after = segments[j - 1].speaker, segments[j].speaker
    if before and after and before != after:
        score += 0.6
    if _SENTENCE_END.search(segments[j - 1].text):
        score += 0.3
    score -= abs(length - target) / target
    return score


def _merge_short_tail(
    bounds: list[tuple[int, int]],
    clock: Sequence[tuple[float, float]],
    tokens: Sequence[int],
    target: float,
    max_tokens: int | None,
) -> list[tuple[int, int]]:
    if len(bounds) < 2:
        return bounds
    (a, _), (c, d) = bounds[-2], bounds[-1]
    tail_length = clock[d - 1][1] - clock[c][0]
    if tail_length >= target * _SHORT_TAIL:
        return bounds
    if max_tokens is not None and sum(tokens[a:d]) > max_tokens:
        return bounds  # the cap wins over neatness
    return [*bounds[:-2], (a, d)]


def _fit_segment(segment: Segment, max_tokens: int) -> list[Segment]:
    """A segment over the token cap, divided at word boundaries into pieces that fit (times interpolated)."""
    if estimate_tokens(segment.text) <= max_tokens:
        return [segment]
    # A unit is a word, or one character of a script written without spaces.
    units = list(_unit().finditer(segment.text))
    per_piece = max(1, math.floor(max_tokens / TOKENS_PER_WORD))
    total = len(units)
    span = segment.end - segment.start
    pieces = []
    for first in range(0, total, per_piece):
        last = min(first + per_piece, total) - 1
        pieces.append(
            Segment(
                start=segment.start + span * first / total,
                end=segment.start + span * (last + 1) / total,
                text=segment.text[units[first].start() : units[last].end()],
                speaker=segment.speaker,
            )
        )
    return pieces
