"""WebVTT (`text/vtt`): header, NOTE/STYLE/REGION blocks, cue ids and settings, voice tags.

Speakers come only from `<v Name>` voice tags (or a `Name:` label opening a cue): a cue without
one has no speaker, because WebVTT gives voices per cue.
"""

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher.cue_markup import voice_spans
from podcast_digest.transcription.publisher.cues import FIX_HINT, Cue, ParsedTranscript, clean_text
from podcast_digest.transcription.publisher.speaker_labels import split_speaker_label
from podcast_digest.transcription.publisher.timestamps import parse_clock, quote

_NON_CUE_BLOCKS = ("NOTE", "STYLE", "REGION")
_MAX_SPEAKER_CHARS = 80


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each blank-line-separated block."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def parse_timing(line: str, where: str) -> tuple[float, float]:
    """(start, end) from `00:00:01.000 --> 00:00:02.000 align:start`; the settings are ignored."""
    left, _, right = line.partition("-->")
    right_parts = right.split(None, 1)
    start = parse_clock(left) if len(left) < 40 else None
    end = parse_clock(right_parts[0]) if right_parts and len(right_parts[0]) < 40 else None
    if start is None or end is None:
        raise TranscriptFormatError(f"{where}: cannot read the timing line {quote(line)}; {FIX_HINT}")
    return start, end


def _header_language(lines: list[str]) -> str | None:
    for line in lines[1:]:
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() == "language" and value.strip():
            return value.strip()[:35]
    return None


def cues_from_text(raw_lines: list[str], start: float, end: float, where: str) -> list[Cue]:
    """One cue per voice span; several voices in one cue share its time in proportion to words."""
    spans = voice_spans("\n".join(raw_lines))
    pieces: list[tuple[str | None, str]] = []
    for span in spans:
        text = clean_text(span.text)
        speaker = clean_text(span.speaker)[:_MAX_SPEAKER_CHARS] if span.speaker else None
        if speaker is None and not pieces:
            speaker, text = split_speaker_label(text)
        if text:
            pieces.append((speaker or None, text))
    if len(pieces) <= 1 or end < start:
        # (A cue ending before it starts stays whole so the check names it.)
        return [Cue(start, end, " ".join(text for _, text in pieces), pieces[0][0], where)] if pieces else []
    words = [max(len(text.split()), 1) for _, text in pieces]
    total = sum(words)
    cues: list[Cue] = []
    at = start
    for (speaker, text), count in zip(pieces, words, strict=True):
        until = min(at + (end - start) * count / total, end)
        cues.append(Cue(at, until, text, speaker, where))
        at = until
    return cues


def parse_webvtt(text: str) -> ParsedTranscript:
    language = None
    cues: list[Cue] = []
    number = 0
    for index, (first_line, lines) in enumerate(_blocks(text)):
        if index == 0 and lines[0].lstrip().startswith("WEBVTT"):
            language = _header_language(lines)
            # A cue glued to the header without a blank line: keep it.
            arrow = next((i for i, line in enumerate(lines) if "-->" in line), None)
            if arrow is None:
                continue
            first_line, lines = first_line + arrow, lines[arrow:]
        if "-->" in lines[0]:
            timing = 0
        elif len(lines) > 1 and "-->" in lines[1]:
            timing = 1  # the first line is the cue identifier
        else:
            # NOTE, STYLE and REGION blocks, and stray text the spec says to skip.
            continue
        if lines[0].split(None, 1)[0] in _NON_CUE_BLOCKS and timing == 1:
            continue
        number += 1
        where = f"cue {number} at line {first_line + timing}"
        start, end = parse_timing(lines[timing], where)
        cues.extend(cues_from_text(lines[timing + 1 :], start, end, where))
    return ParsedTranscript(cues=cues, language=language)
