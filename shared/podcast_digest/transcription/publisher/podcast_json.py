"""Podcasting 2.0 JSON transcripts: `{"version", "segments": [{"speaker", "startTime", "endTime", "body"}]}`.

Publishers often write one segment per word; those are merged into readable segments: same
speaker, up to a sentence end or a pause, and never longer than a bound.
"""

import json
import math
from typing import Any

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher.cues import FIX_HINT, Cue, ParsedTranscript, clean_text
from podcast_digest.transcription.publisher.timestamps import quote

_PAUSE_SECONDS = 1.5
_MAX_WORDS = 60
_MAX_SECONDS = 30.0
_ATTACHED = frozenset(",.;:!?…%)]}'’")  # punctuation written as its own "word"
_SENTENCE_ENDS = (".", "?", "!", "…", '."', '?"', '!"', ".”", "?”", "!”")


def _not_a_transcript(found: str) -> TranscriptFormatError:
    return TranscriptFormatError(
        'the JSON document is not a Podcasting 2.0 transcript (expected an object with a "segments" list '
        f"of {{startTime, endTime, body}}); {found}: use a transcript file (VTT, SRT, JSON, HTML, text "
        "or markdown)"
    )


def _load(text: str) -> Any:
    try:
        # Integers as floats: a 5000-digit "integer" would otherwise trip Python's int-size guard.
        return json.loads(text, parse_int=float)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
    except (ValueError, RecursionError):
        where = "too deeply nested or out of range"
    raise TranscriptFormatError(
        f"the JSON transcript is not valid JSON ({where}): check that the file is complete and is JSON"
    )


def _seconds(value: Any, field: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TranscriptFormatError(
            f"{where}: {field} {quote(str(value))} is not a number of seconds; {FIX_HINT}"
        )
    try:
        seconds = float(value)
    except ValueError:
        raise TranscriptFormatError(
            f"{where}: {field} {quote(str(value))} is not a number of seconds; {FIX_HINT}"
        ) from None
    if not math.isfinite(seconds) or seconds < 0:
        raise TranscriptFormatError(f"{where}: {field} {quote(str(value))} is not a time; {FIX_HINT}")
    return seconds


def _raw_segments(document: Any) -> list[Any]:
    if isinstance(document, dict):
        segments = document.get("segments")
        if isinstance(segments, list):
            return segments
        if "chapters" in document:
            found = "it looks like a chapters file"
        else:
            found = f"found keys {quote(', '.join(sorted(map(str, document))[:8]), 80)}"
        raise _not_a_transcript(found)
    if isinstance(document, list) and all(
        isinstance(item, dict) and "body" in item for item in document[:20]
    ):
        return document  # a bare list of segments: the same thing without the envelope
    raise _not_a_transcript(f"found a {type(document).__name__}")


def _words(document: Any) -> list[Cue]:
    cues: list[Cue] = []
    for number, item in enumerate(_raw_segments(document), start=1):
        where = f"segment {number}"
        if not isinstance(item, dict):
            raise _not_a_transcript(f"{where} is not an object")
        if "startTime" not in item or "body" not in item:
            raise _not_a_transcript(f"{where} has no {'startTime' if 'body' in item else 'body'}")
        start = _seconds(item["startTime"], "startTime", where)
        end = _seconds(item.get("endTime", item["startTime"]), "endTime", where)
        body = item["body"]
        text = clean_text(body if isinstance(body, str) else "")
        name = item.get("speaker")
        speaker = (clean_text(name)[:80] or None) if isinstance(name, str) else None
        cues.append(Cue(start, end, text, speaker, where))
    return cues


def _merge(words: list[Cue]) -> list[Cue]:
    merged: list[Cue] = []
    current: Cue | None = None
    count = 0
    for word in words:
        if word.end < word.start:
            merged.append(word)  # left alone so the check names it
            current = None
            continue
        if not word.text:
            continue
        if current is not None and (
            word.speaker != current.speaker
            or word.start - current.end > _PAUSE_SECONDS
            or word.start < current.start
            or current.text.endswith(_SENTENCE_ENDS)
            or count >= _MAX_WORDS
            or word.end - current.start > _MAX_SECONDS
        ):
            current = None
        if current is None:
            current = Cue(word.start, word.end, word.text, word.speaker, word.where)
            count = len(word.text.split())
            merged.append(current)
        else:
            glue = "" if word.text[0] in _ATTACHED else " "
            current.text = f"{current.text}{glue}{word.text}"
            current.end = max(current.end, word.end)
            count += len(word.text.split())
    return merged


def parse_podcast_json(text: str) -> ParsedTranscript:
    return ParsedTranscript(cues=_merge(_words(_load(text))))
