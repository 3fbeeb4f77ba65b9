"""SRT (SubRip): numbered cues, `00:00:01,000 --> 00:00:02,000`, several text lines per cue.

A `Name: …` label opening a cue marks a new speaker turn (the Podcasting 2.0 example writes
`Travis: When you first get…` once per turn), so that speaker carries on to the following cues
until the next label. Read line by line, so files with missing blank lines still parse.
"""

import re

from podcast_digest.transcription.publisher.cue_markup import strip_tags
from podcast_digest.transcription.publisher.cues import Cue, ParsedTranscript, clean_text
from podcast_digest.transcription.publisher.speaker_labels import split_speaker_label
from podcast_digest.transcription.publisher.webvtt import parse_timing

# `{\an8}`-style positioning codes some SRT writers add.
_OVERRIDE = re.compile(r"\{\\[^{}]{0,80}\}")


def _is_timing(line: str) -> bool:
    return "-->" in line and line.lstrip()[:1].isdigit()


def parse_subrip(text: str) -> ParsedTranscript:
    pending: list[tuple[int, str, list[str]]] = []  # (line number, timing line, text lines)
    for number, line in enumerate(text.split("\n"), start=1):
        if _is_timing(line):
            if pending:
                _drop_trailing_index(pending[-1][2], len(pending) + 1)
            pending.append((number, line, []))
        elif pending:
            pending[-1][2].append(line)

    cues: list[Cue] = []
    speaker: str | None = None
    for index, (line_number, timing, lines) in enumerate(pending, start=1):
        where = f"cue {index} at line {line_number}"
        start, end = parse_timing(timing, where)
        raw = " ".join(line.strip() for line in lines if line.strip())
        body = clean_text(strip_tags(_OVERRIDE.sub("", raw)))
        label, body = split_speaker_label(body)
        if label is not None:
            speaker = label
        cues.append(Cue(start, end, body, speaker, where))
    return ParsedTranscript(cues=cues)


def _drop_trailing_index(lines: list[str], expected: int) -> None:
    """Remove the next cue's number that the line scan attached to this cue's text."""
    while lines and not lines[-1].strip():
        lines.pop()
    last = lines[-1].strip() if lines else ""
    if not (last.isascii() and last.isdigit()) or len(last) > 9:
        return
    after_blank = len(lines) == 1 or not lines[-2].strip()
    if after_blank or int(last) == expected:
        lines.pop()
