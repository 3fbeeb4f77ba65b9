"""Who speaks in an episode and in what role, as the model is told it: "Ann Lee (host), Bo (guest)".

Roles come from the talk itself, since feeds rarely name them: the first voice
of the episode, anyone introduced as a (co-)host ("my co-host, Chris Benson")
and anyone who mostly asks questions host it; everyone else is a guest. Names
stay untrusted data (they come from the transcript).
"""

import re
from collections import Counter
from collections.abc import Sequence

from podcast_digest.models import Segment

MAX_SPEAKERS = 8
# A speaker at least this share of whose turns end in a question is taken for a host.
_QUESTION_SHARE = 0.3
# Introductions come early: look for "co-host" near a name in the opening words only.
_INTRO_CHARS = 6000
_NEAR = r"[^.!?]{0,40}?"


def speakers_with_roles(segments: Sequence[Segment]) -> str:
    """The named speakers, most words first, each with a role; "" when the transcript names none."""
    words: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    questions: Counter[str] = Counter()
    previous = ""
    for segment in segments:
        name = _name(segment)
        if not name:
            continue
        words[name] += len(segment.text.split())
        turns[name] += name != previous
        questions[name] += segment.text.rstrip().endswith("?")
        previous = name
    if not words:
        return ""
    opener = next(n for n in map(_name, segments) if n)
    intro = " ".join(s.text for s in segments)[:_INTRO_CHARS]
    described = []
    for name, _ in words.most_common(MAX_SPEAKERS):
        asks = questions[name] >= _QUESTION_SHARE * turns[name]
        host = name == opener or asks or _introduced_as_host(name, intro)
        described.append(f"{name} ({'host' if host else 'guest'})")
    return ", ".join(described)


def _name(segment: Segment) -> str:
    return " ".join((segment.speaker or "").split())[:60]


def _introduced_as_host(name: str, intro: str) -> bool:
    first = re.escape(name.split()[0])
    pattern = rf"\bco-?hosts?\b{_NEAR}\b{first}\b|\b{first}\b{_NEAR}\bco-?hosts?\b"
    return re.search(pattern, intro, re.IGNORECASE) is not None
