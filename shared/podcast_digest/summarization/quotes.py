"""Verify a quote against the transcript: a quote we show is always the transcript's own words.

A candidate (from the LLM or the extractive ranking) is matched against the
transcript after normalising both sides (case, punctuation, quote styles,
whitespace, segment boundaries). A match returns the transcript's verbatim
wording with the speaker and start time of the segment where it begins; no
match returns None, and the summary then shows no quote rather than an
invented one. The transcript is indexed once, so many candidates can be
checked quickly against a 3-hour episode.
"""

import bisect
import unicodedata
from array import array
from functools import lru_cache

from podcast_digest.models import Quote, Transcript

# Apostrophes vanish (so "don't", "don’t" and "dont" agree); every other
# non-alphanumeric run becomes one space (so "real-time" matches "real time").
_APOSTROPHES = frozenset("'’‘`´ʼ′")
_CLOSING = frozenset(".!?…\"'”’»)")
# Shorter candidates match too many places to be a quote.
_MIN_QUOTE_CHARS = 8


@lru_cache(maxsize=8192)  # a transcript uses few distinct characters: fold each once
def _fold(char: str) -> str:
    """One character of the transcript, folded for matching: '' (dropped), ' ' or lower-case alphanumerics."""
    if char in _APOSTROPHES:
        return ""
    if char.isalnum():
        return char.casefold()
    if unicodedata.category(char).startswith("M"):  # combining accents belong to their letter
        return char
    return " "


def normalise(text: str) -> str:
    """The matching form of a text: case-folded alphanumerics separated by single spaces."""
    return " ".join("".join(_fold(c) for c in unicodedata.normalize("NFC", text)).split())


class QuoteIndex:
    """A transcript indexed once for quote lookups.

    Memory stays a few times the transcript's text: the normalised text is built in pieces, and
    where each of its characters came from is kept as runs (one entry where the shift between the
    two texts changes, at punctuation and collapsed spaces), not as one Python int per character
    (that list alone was ~35x the transcript, the summarizer's peak).
    """

    def __init__(self, transcript: Transcript) -> None:
        self._segments = [s for s in transcript.segments if s.text.strip()]
        self._segment_offsets: list[int] = []
        at = 0
        texts = []
        for segment in self._segments:
            text = unicodedata.normalize("NFC", segment.text.strip())
            texts.append(text)
            self._segment_offsets.append(at)
            at += len(text) + 1
        self._joined = " ".join(texts)
        del texts
        self._normal, self._run_starts, self._run_shifts = _normalised_with_origins(self._joined)

    def _origin(self, at: int) -> int:
        """The position in _joined that character `at` of the normalised text came from."""
        run = bisect.bisect_right(self._run_starts, at) - 1
        return at + self._run_shifts[run]

    def find(self, candidate: str) -> Quote | None:
        """The candidate as the transcript says it, with speaker and time; None when it isn't there."""
        wanted = normalise(candidate)
        if len(wanted) < _MIN_QUOTE_CHARS:
            return None
        at = self._find_whole_words(wanted)
        if at < 0:
            return None
        first = self._origin(at)
        last = self._origin(at + len(wanted) - 1) + 1
        if candidate.rstrip()[-1:] in _CLOSING:
            # Keep the sentence's own closing punctuation when the candidate has some.
            while last < len(self._joined) and self._joined[last] in _CLOSING:
                last += 1
        text = " ".join(self._joined[first:last].split())
        segment = self._segments[bisect.bisect_right(self._segment_offsets, first) - 1]
        return Quote(text=text, speaker=segment.speaker, start_seconds=segment.start, verified=True)

    def _find_whole_words(self, wanted: str) -> int:
        """First match that starts and ends on word boundaries ("cat" is not in "concatenate")."""
        normal = self._normal
        at = normal.find(wanted)
        while at >= 0:
            before_ok = at == 0 or normal[at - 1] == " "
            end = at + len(wanted)
            after_ok = end == len(normal) or normal[end] == " "
            if before_ok and after_ok:
                return at
            at = normal.find(wanted, at + 1)
        return -1


_PIECE = 65536  # normalised characters gathered before they are joined into a piece


def _normalised_with_origins(joined: str) -> tuple[str, array, array]:
    """The normalised text of `joined`, and where its characters came from as runs: run r starts at
    normalised index starts[r], and its characters came from that index plus shifts[r].

    A space is said to come from the character before the word it precedes: a match never starts or
    ends on a space, and so one run spans all the words that single spaces separate."""
    pieces: list[str] = []
    normal: list[str] = []
    starts, shifts = array("q", [0]), array("q", [0])
    shift = 0  # origin minus normalised index, in the current run
    length = 0  # normalised characters so far
    pending_space = False
    for position, char in enumerate(joined):
        for folded in _fold(char):
            if folded == " ":
                pending_space = length > 0
                continue
            if pending_space:
                pending_space = False
                normal.append(" ")
                length += 1
            if position - length != shift:
                shift = position - length
                starts.append(length)
                shifts.append(shift)
            normal.append(folded)
            length += 1
        if len(normal) >= _PIECE:
            pieces.append("".join(normal))
            normal.clear()
    pieces.append("".join(normal))
    return "".join(pieces), starts, shifts


def find_quote(transcript: Transcript, candidate: str) -> Quote | None:
    """Find one candidate quote in a transcript (build a QuoteIndex to check many)."""
    return QuoteIndex(transcript).find(candidate)
