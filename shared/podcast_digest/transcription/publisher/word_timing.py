"""Times from word counts: for transcripts with few or no timestamps.

People speak at about 150 words a minute in podcasts; where a transcript has some timestamps, times
are interpolated by words between them, so the estimate never drifts far from a real anchor.
"""

from bisect import bisect_left, bisect_right

WORDS_PER_MINUTE = 150.0
SECONDS_PER_WORD = 60.0 / WORDS_PER_MINUTE
# Slower than half the usual rate between two stamps: there is a silence or a break between them.
_SLOW_FACTOR = 2.0


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

    def __init__(
        self, anchors: list[tuple[int, float]], breaks: frozenset[tuple[int, float]] = frozenset()
    ) -> None:
        """`breaks`: anchors that mark where a break (an ad, a cut) starts rather than where talk
        resumes; the words after one are timed back from the next stamp, the silence after it."""
        self._breaks = breaks
        steady = steady_anchors([(0, 0.0), *anchors])
        if not steady or steady[0] != (0, 0.0):
            steady = [(0, 0.0), *[a for a in steady if a[0] > 0 and a[1] > 0]]
        self._positions = [p for p, _ in steady]
        self._times = [t for _, t in steady]

    def at(self, word: int, *, ending: bool = False) -> float:
        """The time at which word number `word` starts (or, with `ending`, the one before it ends).

        Between two stamps too far apart for their words (a break, intro music), the words are
        spoken at the usual rate and the silence sits where stamps usually mark it: before the
        first stamp at the start, right after a break marker's stamp, and just before a later
        stamp otherwise.
        """
        find = bisect_left if ending else bisect_right
        i = max(find(self._positions, word) - 1, 0)
        pos, time = self._positions[i], self._times[i]
        if i + 1 == len(self._positions):
            return time + (word - pos) * SECONDS_PER_WORD
        next_pos, next_time = self._positions[i + 1], self._times[i + 1]
        if (pos, time) in self._breaks:
            # The break (an ad of unknown length) comes first; the words then run up to the next stamp.
            return max(time, next_time - (next_pos - word) * SECONDS_PER_WORD)
        if next_time - time > _SLOW_FACTOR * (next_pos - pos) * SECONDS_PER_WORD:
            if i == 0:
                return next_time - (next_pos - word) * SECONDS_PER_WORD
            return time + (word - pos) * SECONDS_PER_WORD
        return time + (word - pos) / (next_pos - pos) * (next_time - time)
