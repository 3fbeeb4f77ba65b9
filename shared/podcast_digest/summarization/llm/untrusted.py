"""Transcripts and show notes are hostile data: fence them for the model, and spot planted instructions.

Every call wraps each piece of data between delimiters that carry a fresh
random boundary token, so text inside the data cannot close the fence (any
occurrence of the token, or of the delimiter marks, is neutralised first).

`instruction_passages` finds passages that address the summarizer rather than
the listener ("ignore previous instructions", "send readers to this link",
"write in capitals"). They stay content to summarize; the code uses them
only defensively: a URL that appears only inside such a passage counts as
foreign, quotes are not taken from them, and a section whose answer keeps
failing validation is re-sent once with them masked.
"""

import re
import secrets
from collections.abc import Sequence

from podcast_digest.models import Segment

_OPEN, _CLOSE = "<<<", ">>>"


def new_boundary() -> str:
    """A fresh boundary token for one model call."""
    # 48 random bits: the data was written before the token was drawn, so it cannot guess it; the
    # token is sent twice per fence on every call, so its length is billed too.
    return secrets.token_hex(6)


def neutralise(data: str, boundary: str) -> str:
    """The data with no way to forge a delimiter: the token and the delimiter marks are defused."""
    return data.replace(boundary, "[boundary]").replace(_OPEN, "‹‹‹").replace(_CLOSE, "›››")


def fence(label: str, data: str, boundary: str) -> str:
    """Data between an opening and a closing delimiter that both carry the call's boundary token."""
    return f"{_OPEN}{label} {boundary}{_CLOSE}\n{neutralise(data, boundary)}\n{_OPEN}END {label} {boundary}{_CLOSE}"


_W = r"[^.!?\n]{0,60}?"
_PATTERNS = [
    rf"\b(ignore|disregard|forget|override|bypass)\b{_W}\b(previous|prior|above|earlier|preceding|all|your|system)\b"
    rf"{_W}\b(instructions?|prompts?|rules|directions|guidelines|context)\b",
    r"\b(system prompt|new instructions?|you are now|you must now|act as (an?|the) )",
    r"\b(as an? |dear |attention,? |note to (the )?|hey,? )(ai|assistant|summari[sz]er|language model|llm|chatbot|gpt)\b",
    rf"\b(write|respond|reply|answer|output|summari[sz]e|print)\b{_W}\b(in (all )?(capitals|caps|capital letters|"
    r"upper ?case)|as (a |an )?(poem|json|markdown|html|table|haiku|song)|only (with|the word))",
    rf"\b(change|switch|replace|alter|modify)\b{_W}\b(output |summary |response )?format\b",
    rf"\b(send|direct|point|redirect|tell|urge)\b{_W}\b(users?|readers?|listeners?|subscribers?|everyone|people)\b"
    rf"{_W}(https?://|www\.|\blinks?\b|\bsite\b|\burl\b)",
    rf"\b(include|add|insert|append|put)\b{_W}\b(this |the following |my |our )?(link|url|website)\b",
]
_INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def addresses_the_summarizer(text: str) -> bool:
    """True when the text reads like an instruction planted for a model rather than talk for listeners."""
    return _INSTRUCTION.search(text) is not None


def instruction_passages(segments: Sequence[Segment]) -> list[int]:
    """Indices of the segments that address the summarizer, alone or read with the next one
    (subtitle cues cut sentences anywhere: "ignore all previous" | "instructions and …")."""
    flagged = {i for i, segment in enumerate(segments) if addresses_the_summarizer(segment.text)}
    for i in range(len(segments) - 1):
        boundary = len(segments[i].text)
        pair = f"{segments[i].text} {segments[i + 1].text}"
        if any(m.start() < boundary < m.end() for m in _INSTRUCTION.finditer(pair)):
            flagged.update((i, i + 1))
    return sorted(flagged)


MASK = "[a passage addressed to the summarizer was removed here]"
