"""Stitch the transcripts of overlapping audio chunks into one, without lost or doubled words.

Each chunk is transcribed alone, so the seconds two chunks share are heard
twice, and the words at a chunk's very edges are often cut (a half word,
or a word the model guessed). The join aligns the words both chunks heard
in the overlap, and cuts in the middle of the longest run they agree on:
the earlier chunk's words before it, the later chunk's words after it.
Where they agree on nothing (silence, music), the cut falls at the middle
of the overlap by time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from podcast_digest.models import Segment

_TIME_SLACK = 3.0  # seconds around the overlap that may still hold its words (timing is approximate)
_MIN_RUN = 2  # fewer agreeing words than this is chance, not alignment
_NORMALISE = re.compile(r"[^\w']+")


@dataclass(frozen=True)
class TimedWord:
    text: str
    start: float  # seconds in the episode
    end: float
    group: int  # words of one source segment share a group; segments are rebuilt from it
    speaker: str | None = None


@dataclass
class ChunkWords:
    """What one chunk said, in episode time."""

    start: float
    end: float
    words: list[TimedWord] = field(default_factory=list)
    timing_estimated: bool = False


def words_of_segment(text: str, start: float, end: float, group: int) -> list[TimedWord]:
    """Spread a segment's words over its time span, in proportion to their length."""
    tokens = text.split()
    if not tokens:
        return []
    end = max(end, start)
    weights = [len(t) + 1 for t in tokens]
    total = sum(weights)
    words, at = [], start
    for token, weight in zip(tokens, weights, strict=True):
        step = (end - start) * weight / total
        words.append(TimedWord(token, at, at + step, group))
        at += step
    return words


def merge_chunks(chunks: list[ChunkWords]) -> list[TimedWord]:
    """One run of words in episode order, from chunks given in order."""
    merged: list[TimedWord] = []
    previous: ChunkWords | None = None
    for chunk in chunks:
        merged = list(chunk.words) if previous is None else _join(merged, previous, chunk)
        previous = chunk
    return _monotonic(merged)


def _join(merged: list[TimedWord], previous: ChunkWords, chunk: ChunkWords) -> list[TimedWord]:
    overlap_start, overlap_end = chunk.start, previous.end
    if overlap_end <= overlap_start:  # no shared audio: plain concatenation
        return merged + chunk.words
    tail_from = _tail_index(merged, previous, overlap_start, overlap_end)
    head_to = _head_index(chunk, overlap_start, overlap_end)
    if tail_from == len(merged):  # the previous chunk heard nothing there: all of this one counts
        return merged + chunk.words
    tail = [_normalise(w.text) for w in merged[tail_from:]]
    head = [_normalise(w.text) for w in chunk.words[:head_to]]
    match = SequenceMatcher(None, tail, head, autojunk=False).find_longest_match(0, len(tail), 0, len(head))
    if match.size >= _MIN_RUN or (match.size >= 1 and min(len(tail), len(head)) == 1):
        keep = match.size // 2
        return merged[: tail_from + match.a + keep] + chunk.words[match.b + keep :]
    cut = (overlap_start + overlap_end) / 2
    kept = [w for w in merged[tail_from:] if (w.start + w.end) / 2 < cut]
    fresh = [w for w in chunk.words if (w.start + w.end) / 2 >= cut]
    return merged[:tail_from] + kept + fresh


def _tail_index(
    merged: list[TimedWord], previous: ChunkWords, overlap_start: float, overlap_end: float
) -> int:
    """Where the previous chunk's words that may lie in the overlap begin."""
    if previous.timing_estimated:
        # Times spread evenly over a long chunk can be far off: look at a generous number of words instead.
        return max(0, len(merged) - _window_words(previous, overlap_end - overlap_start))
    index = len(merged)
    while index > 0 and merged[index - 1].end > overlap_start - _TIME_SLACK:
        index -= 1
    return index


def _head_index(chunk: ChunkWords, overlap_start: float, overlap_end: float) -> int:
    """Where the chunk's words that may lie in the overlap end."""
    if chunk.timing_estimated:
        return min(len(chunk.words), _window_words(chunk, overlap_end - overlap_start))
    index = 0
    while index < len(chunk.words) and chunk.words[index].start < overlap_end + _TIME_SLACK:
        index += 1
    return index


def _window_words(chunk: ChunkWords, overlap_seconds: float) -> int:
    seconds = max(chunk.end - chunk.start, 1e-6)
    expected = len(chunk.words) * overlap_seconds / seconds
    return int(max(20, 4 * expected))


def _normalise(word: str) -> str:
    return _NORMALISE.sub("", word.lower())


def _monotonic(words: list[TimedWord]) -> list[TimedWord]:
    """Times never run backwards across a join (estimated times can disagree a little)."""
    out: list[TimedWord] = []
    floor = 0.0
    for word in words:
        start = max(word.start, floor)
        end = max(word.end, start)
        out.append(word if (start, end) == (word.start, word.end) else _retimed(word, start, end))
        floor = start
    return out


def _retimed(word: TimedWord, start: float, end: float) -> TimedWord:
    return TimedWord(word.text, start, end, word.group, word.speaker)


def segments_from_words(words: list[TimedWord]) -> list[Segment]:
    """Rebuild segments: consecutive words of one group (and speaker) make one segment."""
    segments: list[Segment] = []
    run: list[TimedWord] = []
    for word in words:
        if run and (word.group != run[-1].group or word.speaker != run[-1].speaker):
            segments.append(_segment(run))
            run = []
        run.append(word)
    if run:
        segments.append(_segment(run))
    return segments


def _segment(run: list[TimedWord]) -> Segment:
    start = round(run[0].start, 3)
    end = round(max(w.end for w in run), 3)
    return Segment(
        start=start, end=max(end, start), text=" ".join(w.text for w in run), speaker=run[0].speaker
    )
