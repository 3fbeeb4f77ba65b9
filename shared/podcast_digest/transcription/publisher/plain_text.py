"""Plain-text transcripts: lines opening with a time (`00:00:05 text`, `[00:05]`, `(1:02:03)`), or none.

With times, a segment runs from its time to the next one; the last lasts as long as its words take
to say. Without any, paragraphs get times from word counts (about 150 words a minute) and the
transcript says its timing is estimated. `Name: …` labels open a speaker's turn.
"""

import re
from itertools import pairwise

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher.cues import FIX_HINT, Cue, ParsedTranscript, readable_chunks
from podcast_digest.transcription.publisher.speaker_labels import split_speaker_label
from podcast_digest.transcription.publisher.timestamps import format_clock, parse_clock, quote
from podcast_digest.transcription.publisher.word_timing import WordClock, seconds_for_words

# A time at the start of a line, optionally in [] or (), then a separator. Bounded, ASCII digits.
_STAMP = re.compile(r"[\[(]?((?:\d{1,3}:)?\d{1,4}:\d{1,2}(?:[.,]\d{1,9})?)[\])]?(?=$|[\s\-–—|:])", re.ASCII)
_SEPARATORS = " \t-–—|:"
# `Speaker 1  0:00` or `Ann Lee (01:02:03)` alone on a line, the text below: how Otter-style exports write turns.
_SPEAKER_THEN_TIME = re.compile(
    r"([^\d\s][^\n]{0,39}?)[ \t]{1,8}[\[(]?((?:\d{1,3}:)?\d{1,4}:\d{1,2}(?:[.,]\d{1,9})?)[\])]?[ \t]*",
    re.ASCII,
)


def close_cues(cues: list[Cue]) -> list[Cue]:
    """End each cue where the next starts; the last one after its words. Times must not go back."""
    for cue, following in pairwise(cues):
        if following.start < cue.start:
            raise TranscriptFormatError(
                f"{following.where}: time {format_clock(following.start)} comes before the previous time "
                f"{format_clock(cue.start)}; {FIX_HINT}"
            )
        cue.end = following.start
    if cues:
        cues[-1].end = cues[-1].start + seconds_for_words(len(cues[-1].text.split()))
    return cues


def _line_stamp(line: str) -> tuple[str, str | None, str] | None:
    """(clock, speaker, text) for a line that opens with a time or is a `Speaker  0:00` heading."""
    match = _STAMP.match(line)
    if match is not None:
        label, body = split_speaker_label(line[match.end() :].lstrip(_SEPARATORS))
        return match.group(1), label, body
    heading = _SPEAKER_THEN_TIME.fullmatch(line)
    if heading is not None:
        name = heading.group(1).strip().rstrip(":")
        label, _ = split_speaker_label(f"{name}: x")
        if label is not None:
            return heading.group(2), label, ""
    return None


def count_stamped_lines(lines: list[str]) -> int:
    return sum(1 for line in lines if line.strip() and _line_stamp(line.strip()) is not None)


def _parse_stamped(lines: list[str]) -> list[Cue]:
    cues: list[Cue] = []
    speaker: str | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        stamp = _line_stamp(stripped)
        if stamp is not None:
            clock, label, body = stamp
            start = parse_clock(clock)
            if start is None:
                raise TranscriptFormatError(f"line {number}: cannot read the time {quote(clock)}; {FIX_HINT}")
            speaker = label or speaker
            cues.append(Cue(start, start, body, speaker, f"line {number}"))
        elif cues:
            label, body = split_speaker_label(stripped)
            if label is not None:
                speaker = label
            cues[-1].text = f"{cues[-1].text} {body}".strip()
        else:
            cues.append(Cue(0.0, 0.0, stripped, None, f"line {number}"))  # a title before the first time
    for cue in cues:
        cue.text = " ".join(cue.text.split())
    return close_cues(cues)


def _parse_untimed(text: str) -> list[Cue]:
    units = [block for block in re.split(r"\n[ \t]*\n", text) if block.strip()]
    if len(units) == 1:
        units = [line for line in text.split("\n") if line.strip()]
    pieces: list[tuple[str | None, str]] = []
    speaker: str | None = None
    for unit in units:
        label, body = split_speaker_label(" ".join(unit.split()))
        if label is not None:
            speaker = label
        pieces.extend((speaker, chunk) for chunk in readable_chunks(body))
    clock = WordClock([])
    cues: list[Cue] = []
    words = 0
    for number, (speaker, chunk) in enumerate(pieces, start=1):
        count = len(chunk.split())
        cues.append(Cue(clock.at(words), clock.at(words + count), chunk, speaker, f"paragraph {number}"))
        words += count
    return cues


def parse_plain_text(text: str) -> ParsedTranscript:
    lines = text.split("\n")
    non_empty = sum(1 for line in lines if line.strip())
    stamped = count_stamped_lines(lines)
    # One line that happens to open with "10:30" does not make a timed transcript.
    if stamped >= 2 or (stamped and stamped == non_empty):
        return ParsedTranscript(cues=_parse_stamped(lines))
    return ParsedTranscript(cues=_parse_untimed(text), timing_estimated=True)
