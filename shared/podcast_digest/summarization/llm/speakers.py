"""Who speaks in an episode and in what role, as the model is told it: "Ann Lee (host), Bo (guest)".

A voice's role is the feed's when a `<podcast:person>` tag names that voice's
name; otherwise it comes from the talk itself: the first voice of the episode,
anyone introduced as a (co-)host ("my co-host, Chris Benson") and anyone who
mostly asks questions host it; everyone else is a guest. A voice nothing named
keeps its label and is said to be unnamed, so the model is not tempted to name
it; the feed's cast that no voice was matched to is listed as such (a name in
the feed is not a voice). Names stay untrusted data.
"""

import re
from collections import Counter
from collections.abc import Sequence

from podcast_digest.models import Person, Segment
from podcast_digest.summarization.speaker_names import is_generic_label

MAX_SPEAKERS = 8
# A speaker at least this share of whose turns end in a question is taken for a host.
_QUESTION_SHARE = 0.3
# Introductions come early: look for "co-host" near a name in the opening words only.
_INTRO_CHARS = 6000
_NEAR = r"[^.!?]{0,40}?"


def speakers_with_roles(segments: Sequence[Segment], cast: Sequence[Person] = ()) -> str:
    """The speakers, most words first, each with a role, then the feed's cast no voice was matched
    to; "" when neither names anyone."""
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
    roles = {p.name.casefold(): p.role for p in cast}
    described = []
    if words:
        opener = next(n for n in map(_name, segments) if n)
        intro = " ".join(s.text for s in segments)[:_INTRO_CHARS]
        for name, _ in words.most_common(MAX_SPEAKERS):
            asks = questions[name] >= _QUESTION_SHARE * turns[name]
            host = name == opener or asks or _introduced_as_host(name, intro)
            role = roles.get(name.casefold()) or ("host" if host else "guest")
            described.append(f"{name} ({role}{', unnamed' if is_generic_label(name) else ''})")
    heard = {n.casefold() for n in words}
    for person in cast[:MAX_SPEAKERS]:
        if person.name.casefold() not in heard:
            described.append(f"{person.name} ({person.role}, named by the feed, no voice matched)")
    return ", ".join(described)


def _name(segment: Segment) -> str:
    return " ".join((segment.speaker or "").split())[:60]


def _introduced_as_host(name: str, intro: str) -> bool:
    first = re.escape(name.split()[0])
    pattern = rf"\bco-?hosts?\b{_NEAR}\b{first}\b|\b{first}\b{_NEAR}\bco-?hosts?\b"
    return re.search(pattern, intro, re.IGNORECASE) is not None
