"""Who speaks in an episode and in what role, as the model is told it: "Ann Lee (host), Bo (guest)".

Roles come from the talk itself, since feeds rarely name them: the first voice
of the episode and anyone who mostly asks questions host it; everyone else is
a guest. Names stay untrusted data (they come from the transcript).
"""

from collections import Counter
from collections.abc import Sequence

from podcast_digest.models import Segment

MAX_SPEAKERS = 8
# A speaker at least this share of whose turns end in a question is taken for a host.
_QUESTION_SHARE = 0.3


def speakers_with_roles(segments: Sequence[Segment]) -> str:
    """The named speakers, most words first, each with a role; "" when the transcript names none."""
    words: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    questions: Counter[str] = Counter()
    previous: str | None = None
    for segment in segments:
        name = " ".join((segment.speaker or "").split())[:60]
        if not name:
            continue
        words[name] += len(segment.text.split())
        if name != previous:
            turns[name] += 1
        if segment.text.rstrip().endswith("?"):
            questions[name] += 1
        previous = name
    if not words:
        return ""
    opener = next(
        " ".join((s.speaker or "").split())[:60] for s in segments if s.speaker and s.speaker.strip()
    )
    described = []
    for name, _ in words.most_common(MAX_SPEAKERS):
        host = name == opener or questions[name] >= _QUESTION_SHARE * turns[name]
        described.append(f"{name} ({'host' if host else 'guest'})")
    return ", ".join(described)
