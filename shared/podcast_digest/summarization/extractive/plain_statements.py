"""A spoken sentence as a plain statement: the words a reader needs, not the ones a talker leans on.

Offline there is no model to rewrite a sentence, so an idea is the speaker's
own sentence with what grammar does not need taken out: discourse markers that
open it ("So,", "Of course,", "To your point though,"), hedges ("I think",
"you know", "kind of", "basically"), asides between commas or dashes (", let's
say,", "which we talked about a while ago"), and trailing vagueness (", and that
sort of thing"). A long sentence may also lose a trailing clause.

Every cut is kept only when what stays is still a whole sentence (grammar's
fragment test), keeps every negation, number and condition of the original,
and is not shorter than a statement can be. English only: callers pass other
languages' sentences through unchanged.
"""

import re
from collections.abc import Callable

from podcast_digest.summarization.extractive.grammar import fragment_reason, looks_like_a_verb

# Openings that answer or lead on from what was said, and hedges before the statement itself.
_OPENING = re.compile(
    r"^(?:(?:and|but|so|yeah|yes|well|now|okay|ok|oh|right|look|see|honestly|basically|actually|literally|"
    r"of course|obviously|i mean|you know|anyway|anyways|again|just|i think(?: that)?|i guess|i feel like|"
    r"clearly|certainly|definitely|generally|essentially|frankly|personally|interestingly|amazingly|"
    r"surprisingly|fortunately|thankfully|hopefully|if you think about it|when you think about it|"
    r"i would say|i'd say|i believe(?: that)?|i'll tell you|to be honest|in a sense|in a way|"
    r"to (?:your|his|her|that|this) point(?: though)?|on that note|that said|having said that|"
    r"you know what|the thing is|the truth is)\b\s*[,.:;-]?\s+)+",
    re.IGNORECASE,
)
# Hedges inside the sentence, dropped with the commas around them.
_INNER_HEDGE = re.compile(
    r",\s*(?:you know|i think|i mean|i guess|let's say|say|like|basically|actually|right|so to speak|"
    r"if you will|for example|for instance|essentially)\s*,"
    r"|\s(?:you know|basically|actually|literally|essentially|so to speak)(?=[\s,.;])"
    r"|,\s*if you will(?=[.!?]*$)"
    # "really" as an intensifier ("that can really be a benefit"), not after a negation ("not really").
    r"|(?<!\bnot)(?<!n't)\s+really(?=\s+\w)"
    r"|(?<=[a-z])\s+i think(?: that)?(?=\s+(?:it|it's|they|they're|we|we're|you|there|this|that|the|a|an)\b)",
    re.IGNORECASE,
)
# "kind of"/"sort of" as a hedge ("it kind of resonated"), not as a noun ("this sort of input", "a kind of fish").
_KIND_OF = re.compile(
    r"(?<!\ba)(?<!\bthe)(?<!\bthis)(?<!\bthat)(?<!\bthese)(?<!\bthose)(?<!\bwhat)(?<!\bany)(?<!\bsome)"
    r"(?<!\bevery)(?<!\bone)(?<!\beach)(?<!\bwhich)(?<!\ball)(?<!\bsame)(?<!\bother)(?<!\bno)(?<!\bmy)"
    r"(?<!\byour)(?<!\bour)(?<!\btheir)(?<!\bits)(?<!\bdifferent)(?<!\bbit)"
    r"\s+(?:kind|sort)\s+of(?=\s)",
    re.IGNORECASE,
)
# Vagueness that trails a statement: ", and that sort of thing", "or whatever", ", right?".
_TRAILING = re.compile(
    r"(?:,?\s+(?:and|or)\s+(?:all\s+)?(?:that|this|those|these|things|stuff)\s*(?:(?:kind|sort)\s+of\s+)?"
    r"(?:thing|things|stuff|like that)?"
    r"|,?\s+(?:and|or)\s+(?:stuff|something|whatever|so on|so forth)(?:\s+like\s+that)?"
    r"|,?\s+(?:and\s+)?etc|,\s*(?:right|you know|i think|i guess|i mean|basically|so to speak)"
    r")\s*(?=[.!?]*$)",
    re.IGNORECASE,
)
# An aside: a short clause between dashes, or "which/as we talked about a while ago" between commas.
_DASH_ASIDE = re.compile(r"\s+[-–—]{1,2}\s+([^-–—]{3,60}?)\s+[-–—]{1,2}\s+")
_TALKED_ABOUT = re.compile(
    r",?\s+(?:which|as|like)\s+(?:we|i|you)(?:'ve)?\s+(?:talked|mentioned|said|discussed|spoke)"
    r"(?:\s+about)?(?:\s+(?:earlier|before|a little while ago|a while ago|already|last time))?\s*,",
    re.IGNORECASE,
)
# Where a long sentence may end early: a clause that explains or qualifies what came before ("…, which
# demanded a lot of memory"). Not "but" (the turn is the speaker's point), not "if"/"unless" (a condition
# changes the claim), not "and"/"and then" (what follows is as often the point, or a list's last item).
_TAIL_CUT = re.compile(
    r"[,;]\s+(?=(?:which|because|where|whereas|especially|particularly|although|though|even though|"
    r"in terms of|and (?:all|everything|things|stuff))\b)|;\s+|\s+[-–—]\s+"
    # ", and I was somewhat shocked": a new clause with its own subject (never "and then", never a list item).
    r"|,\s+(?=and (?:i|we|it|it's|that's|this|they|he|she)\s)",
    re.IGNORECASE,
)
_KEEPS = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|nor|neither|without|cannot|can't|won't|don't|doesn't|didn't|"
    r"isn't|aren't|wasn't|weren't|shouldn't|couldn't|wouldn't|haven't|hasn't|hadn't|only|unless|if|except|"
    r"\d[\d.,%]*)\b|\w+n't\b",
    re.IGNORECASE,
)
_JOINS = re.compile(
    r"\b(?:and|but|or|so|because|which|where|when|that|is|are|was|were|a|an|the|any|some|of|to|in|for|with|"
    r"on|at|by|from|about|seen|got|have|has|had)$",
    re.IGNORECASE,
)
# Set phrases that hold a word _KEEPS counts, without its meaning ("if you will" is no condition).
_IDIOMS = re.compile(r",\s*if you will\b", re.IGNORECASE)
_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
# What a plain statement is aimed at (the sample's ideas are 10-18 words); shorter than this is no statement.
TARGET_WORDS = 18
_MIN_WORDS = 6


def plain_statement(text: str, *, target_words: int = TARGET_WORDS) -> str:
    """The sentence as a plain statement: hedges, markers, asides and trailing vagueness out; a trailing
    clause out too when it is still longer than `target_words`. Unchanged where no cut leaves it whole."""
    kept = _finished(text.strip())
    for cut in (_cut_opening, _cut_inner_hedges, _cut_kind_of, _cut_asides, _cut_trailing):
        kept = _if_whole(kept, cut)
    if len(kept.split()) > target_words:
        kept = _if_whole(kept, lambda t: _cut_tail(t, target_words))
    return kept


def _if_whole(text: str, cut: Callable[[str], str]) -> str:
    """The cut text when it is still a whole sentence saying what the original said, else the original."""
    cut_text = cut(text)
    if cut_text == text:
        return text
    candidate = _finished(cut_text)
    if candidate == text:
        return text
    if (
        len(candidate.split()) < _MIN_WORDS
        or fragment_reason(candidate) is not None
        or _kept_words(candidate) != _kept_words(text)
    ):
        return text
    return candidate


def _kept_words(text: str) -> list[str]:
    """The negations, conditions and numbers of a statement: no cut may drop one."""
    return sorted(m.group(0).casefold() for m in _KEEPS.finditer(_IDIOMS.sub("", text)))


def _cut_opening(text: str) -> str:
    return _OPENING.sub("", text, count=1)


def _cut_inner_hedges(text: str) -> str:
    return _INNER_HEDGE.sub(lambda m: _after_hedge(m, text), text)


def _after_hedge(match: re.Match[str], text: str) -> str:
    """What stands where a hedge was: nothing inside a clause, one comma between two clauses
    ("…dashboards, say, on the left" keeps a comma; "where, say, on the left" needs none)."""
    if not match.group(0).endswith(","):
        return ""
    before = text[: match.start()].rstrip()
    after = text[match.end() :].split(" ", 2)
    following = after[1] if len(after) > 1 and not after[0] else after[0]
    return " " if _JOINS.search(before) or looks_like_a_verb(following.strip(",.")) else ","


def _cut_kind_of(text: str) -> str:
    folded = text.casefold()
    return (
        _KIND_OF.sub("", text) if " of " in folded and ("kind of" in folded or "sort of" in folded) else text
    )


def _cut_asides(text: str) -> str:
    text = _TALKED_ABOUT.sub(",", text)
    return _DASH_ASIDE.sub(" ", text, count=1)


def _cut_trailing(text: str) -> str:
    return _TRAILING.sub("", text.rstrip(".!?…"))


def _cut_tail(text: str, target_words: int) -> str:
    """The longest head, ending at a clause boundary, of no more than `target_words` words (at least 8)."""
    best = text
    for cut in _TAIL_CUT.finditer(text):
        head = text[: cut.start()]
        length = len(head.split())
        if length > target_words:
            break
        if length >= 8 and fragment_reason(_finished(head)) is None:
            best = head
    return best


def _finished(text: str) -> str:
    """Spacing, commas and capitals tidied after a cut; a full stop at the end."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"^[\s,;:.-]+", "", text)
    text = re.sub(r"[\s,;:-]+([.!?…]?)$", r"\1", text).strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and not _ENDS_A_SENTENCE.search(text):
        text += "."
    return text
