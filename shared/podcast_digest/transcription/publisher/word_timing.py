"""Times from word counts: for transcripts with few or no timestamps.

People speak at about 150 words a minute in podcasts; where a transcript has some timestamps, times
are interpolated by words between them, so the estimate never drifts far from a real anchor.
"""

from bisect import bisect_left, bisect_right

WORDS_PER_MINUTE = 150.0
SECONDS_PER_WORD = 60.0 / WORDS_PER_MINUTE


def seconds_for_words(words: int) -> float:
    """How long it takes to say this many words (at least a second for a non-empty piece)."""
    return max(words * SECONDS_PER_WORD, 1.0) if words else 0.0


def steady_anchors(anchors: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The longest run of anchors whose times rise with their word positions.

    A single mistyped stamp (an hour too far, say) should cost only itself, not every stamp after
    it: keep the longest increasing subsequence of (word position, time).
    """
    # Sorted by position, then the longest strictly rising run of times (patience sorting).
    # Equal positions may both stay: a time jump with no words between is a gap, such as a break.
    ordered = sorted(anchors)
    tails: list[float] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(ordered)
    for i, (_position, time) in enumerate(ordered):
        slot = bisect_left(tails, time)
        if slot == len(tails):
            tails.append(time)
            tail_index.append(i)
        else:
            tails[slot] = time
            tail_index[slot] = i
        previous[i] = tail_index[slot - 1] if slot > 0 else -1
    kept: list[tuple[int, float]] = []
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        kept.append(ordered[i])
        i = previous[i]
    kept.reverse()
    return kept


class WordClock:
    """The time at each word position, from anchors (word position, seconds) and the speaking rate."""

    def __init__(self, anchors: list[tuple[int, float]]) -> None:
        steady = steady_anchors([(0, 0.0), *anchors])
        if not steady or steady[0] != (0, 0.0):
            steady = [(0, 0.0), *[a for a in steady if a[0] > 0 and a[1] > 0]]
        self._positions = [p for p, _ in steady]
        self._times = [t for _, t in steady]

    def at(self, word: int) -> float:
        i = bisect_right(self._positions, word) - 1
        pos, time = self._positions[i], self._times[i]
        if i + 1 < len(self._positions):
            next_pos, next_time = self._positions[i + 1], self._times[i + 1]
            return time + (word - pos) / (next_pos - pos) * (next_time - time)
        return time + (word - pos) * SECONDS_PER_WORD
