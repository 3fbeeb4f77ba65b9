"""Inline markup inside cues: WebVTT voice spans kept as speakers, every other tag dropped.

Handles `<v Sarah>`, `<v.loud Esme Johnson>` (with or without `</v>`, several voices in one cue),
and drops `<c.x>`, `<i>`, `<b>`, `<u>`, `<ruby>`, `<lang>`, `<font>` and `<00:00:01.000>` tags.
A `<` that does not start a tag (`3 < 5`) stays text.
"""

import re
from dataclasses import dataclass

# A tag starts with a letter, '/' or a digit right after '<' and cannot contain '<' or '>':
# disjoint classes, so scanning is linear even on a line of a million '<'.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*|\d[\d:.]*)([.\s][^<>]*)?>")


@dataclass(slots=True)
class VoiceSpan:
    speaker: str | None
    text: str


def _voice_name(tail: str | None) -> str | None:
    """`.loud Esme Johnson` → `Esme Johnson`; the annotation follows the first whitespace."""
    if not tail:
        return None
    parts = tail.split(None, 1)
    if tail[0] == ".":
        return parts[1].strip() if len(parts) > 1 else None
    return tail.strip() or None


def voice_spans(raw: str) -> list[VoiceSpan]:
    """The cue's text split where the voice changes; tags removed, entities still encoded."""
    spans: list[VoiceSpan] = [VoiceSpan(None, "")]
    parts: list[str] = []
    position = 0
    for match in _TAG.finditer(raw):
        parts.append(raw[position : match.start()])
        position = match.end()
        closing, name, tail = match.groups()
        if name.lower() != "v":
            parts.append(" " if name.lower() == "br" else "")
            continue
        spans[-1].text += "".join(parts)
        parts = []
        speaker = None if closing else _voice_name(tail)
        spans.append(VoiceSpan(speaker, ""))
    parts.append(raw[position:])
    spans[-1].text += "".join(parts)
    return [span for span in spans if span.text.strip()]


def strip_tags(raw: str) -> str:
    """Text without any markup tags (SRT's `<i>`, `<font color=…>` and friends)."""
    return "".join(span.text for span in voice_spans(raw)) if "<" in raw else raw
