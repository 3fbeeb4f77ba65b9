"""Ideas are facts of the episode, never narration: "The speaker discusses X" is restated or dropped.

The prompt forbids narration; this is the check in code for a model that
narrates anyway. A narrated lead-in followed by a clause ("The guest explains
that caching halves the bill") is cut to the clause ("Caching halves the
bill"); narration with nothing to keep ("The hosts talk about pricing") is
dropped, so the summary never reads like minutes of a meeting.
"""

import re

_WHO = (
    r"(?:the |our |both |two )?(?:speakers?|hosts?|guests?|panel(?:ists)?|interviewer|interviewee|"
    r"participants?|author|narrator|episode|podcast|conversation|discussion|show|part|section|segment|"
    r"he|she|they|we)"
)
_VERB = (
    r"(?:discuss(?:es|ed)?|talks?(?: about)?|talked(?: about)?|mentions?|mentioned|explains?|explained|"
    r"describes?|described|notes?|noted|says?|said|shares?|shared|argues?|argued|covers?|covered|"
    r"touch(?:es)? on|reflects? on|highlights?|emphasi[sz]es|points? out|goes? (?:on|into)|delves? into|"
    r"dives? into|explores?|explored|reveals?|suggests?|recounts?)"
)
_LEAD_IN = re.compile(
    rf"^\s*(?:in this (?:part|section|segment|episode),?\s*)?{_WHO}\s+(?:also\s+|then\s+|briefly\s+)?{_VERB}\s+",
    re.IGNORECASE,
)
_OPENERS = re.compile(
    r"^\s*(?:in this (?:part|section|segment|episode)\b|this (?:part|section|episode) (?:discusses|covers|is about)|"
    r"(?:a )?discussion (?:of|on|about)\b|(?:a )?mention of\b)",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"^(?:that|how|why|whether)\s+", re.IGNORECASE)


def is_narrated(text: str) -> bool:
    return bool(_LEAD_IN.search(text) or _OPENERS.search(text))


def as_fact(text: str) -> str:
    """The idea stated as a fact: a narrated lead-in cut to its clause, or "" when only narration is left."""
    match = _LEAD_IN.search(text)
    if match is None:
        return "" if _OPENERS.search(text) else text
    rest = text[match.end() :]
    clause = _CLAUSE.match(rest)
    if clause is None or clause.group(0).lower().startswith(("how", "why", "whether")):
        return ""  # "discusses how X works" keeps no claim of its own
    rest = rest[clause.end() :].strip()
    return rest[:1].upper() + rest[1:] if len(rest.split()) >= 3 else ""
