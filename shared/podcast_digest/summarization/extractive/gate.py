"""Which transcript sentences may be shown at all, and in what trimmed wording.

A sentence is a candidate only when it reads as a whole statement out of
context: not a fragment (see grammar), not broken where a token such as
"[unintelligible]" was taken out, not trailing off, not a question, a host's
set-up ("Let's talk about…", "Tell me about…"), a greeting, a sign-off or a
joke. Trimming only removes what grammar does not need: hedges that open a
sentence ("I think", "I guess", "you know"), a leading "and"/"so"/"but", and a
trailing clause after a comma when the sentence is long and what stays is
whole. Nothing is taken out of the middle of a sentence.
"""

import re

from podcast_digest.summarization.extractive.grammar import fragment_reason
from podcast_digest.summarization.extractive.sentences import TranscriptSentence

# Inside the raw wording: a stage note mid-sentence means words were taken out there.
_MID_STAGE_NOTE = re.compile(r"\S\s*\\?\[[^\]\n]{0,80}?\\?\]\s*\S")
_BROKEN_OFF = re.compile(r"(?:--|—|–)\s*\S")
_SET_UP = re.compile(
    r"^(?:let's|let’s|lets)\s+(?:talk|start|dig|get|move|go|jump|dive|switch|turn|kick)\b"
    r"|^(?:tell|walk|give)\s+(?:me|us)\b|^(?:i|we)\s+(?:want|wanted|would like|'d like)\s+to\s+(?:ask|talk|hear|start|get)\b"
    r"|^(?:can|could|would|will|do|did|does|is|are|what|why|how|where|when|who)\b.*\byou\b.*\b(?:think|tell|say|explain)\b"
    r"|^(?:welcome|hello|hi|hey|thanks|thank you|good to|great to|nice to|glad to|happy to be)\b"
    r"|^(?:so,?\s+)?(?:my|our) (?:name|guest|guests) (?:is|are)\b|^(?:today|this week),? (?:we|i)(?:'re| are| will)\b"
    r"|^(?:before we|as we|we'll|we will) (?:get|start|wrap|dive|move)\b"
    r"|\b(?:we're|we are|i'm|i am|we'll|we will) (?:going to|gonna) (?:talk|cover|discuss|look|dive|get|hear)\b"
    r"|^in (?:this|today's|today’s) (?:\w+ ){0,3}episode\b|^let's say\b"
    r"|^(?:you (?:may|might|probably) think|i know what you're thinking)\b"
    r"|^(?:we're|we are) (?:joined|here) (?:by|with)\b|^(?:joining|with) (?:me|us) (?:today|is|are)\b"
    r"|^(?:how|what|why|where|when|who|which) (?:do|does|did|is|are|was|were|can|could|would|should|will)\b",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"\b(?:thanks for (?:listening|having|coming|joining|watching)|see you (?:next|soon|then)|until next time"
    r"|talk to you (?:soon|later|next)|bye|goodbye|take care|that's (?:a wrap|all for)|signing off"
    r"|appreciate (?:you|it|your time)|it was (?:a )?(?:pleasure|great|fun) (?:to )?(?:have|talk|being))\b",
    re.IGNORECASE,
)
_JOKE = re.compile(
    r"\b(?:ha(?:ha)+|lol|just kidding|i'm kidding|i'm joking|joke|jokes|kidding|laugh(?:s|ter|ing)?)\b"
    r"|\[(?:laughs?|laughter|chuckles?)\]|\((?:laughs?|laughter)\)",
    re.IGNORECASE,
)
# Who is talking and how the talk goes, not what it is about: self-introductions ("This is Daniel
# Whitenack, I am a data scientist with SIL International", "I'm X and I'm here with Y"), thanks,
# and talk about the recording or the show's own episode count.
_CHATTER = re.compile(
    r"^(?:hi,?\s+|hey,?\s+|hello,?\s+)?(?:this is|i'm|i am|my name is)\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*(?:[,.!]|and\b|here\b|from\b|with\b|$)"
    r"|\b(?:i'm|i am|we're|we are) (?:here|joined) (?:with|by)\b|\bjoined (?:as always |today |again )?by\b"
    r"|\b(?:i'm|i am) (?:a|an|the) (?:[\w-]+ ){0,3}(?:at|with|for) (?-i:[A-Z])"
    r"|\b(?:thanks|thank you) (?:so much )?for (?:having|inviting) (?:me|us)\b"
    r"|\b(?:great|good|glad|happy|excited|nice) to be (?:here|back|on)\b|\bhow are you(?: doing)?\b"
    r"|\b(?:have|'ve) (?:done|recorded|made|reached) (?:\d+|a hundred|one hundred|a lot of) (?:\w+ )?episodes\b"
    r"|\b(?:was|were|is) recorded\b|\brecorded date\b|\bi was thinking about this\b",
    re.IGNORECASE,
)
_ADDRESSING = re.compile(r",\s*(?:[A-Z][a-z]+)$")  # "We will always have Silicon Valley, Adam."
_HEDGE = re.compile(
    r"^(?:(?:and|but|so|because|then|and then|yeah|well|now|okay|ok|oh|right|look|see|honestly|basically|actually|"
    r"literally|really|like|i mean|you know|i think(?: that)?|i guess|i feel like|i would say|i'd say|"
    r"i believe(?: that)?|in my opinion|to be honest|for me|kind of|sort of)\b[,.]?\s+)+",
    re.IGNORECASE,
)
# A subordinate clause that cannot stand once its opener is gone ("Which is…", "Or not…").
_LEANS_ON_BEFORE = re.compile(
    r"^(?:which|or|nor|plus|whereas|while|whether|although|though|that"
    # A statement opening on its verb lost its subject to the sentence split: "Are used to train…".
    r"|are|were|is|was|has|have|had)\b",
    re.IGNORECASE,
)
_TAIL_CLAUSE = re.compile(r",\s+(?=(?:and|but|so|because|which|where|when|whereas|like|if)\b)", re.IGNORECASE)
_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_LONG_WORDS = 26
_MIN_WORDS = 7


def trimmed(text: str) -> str:
    """The sentence without opening hedges and, when it runs long, without a trailing clause."""
    kept = _HEDGE.sub("", text).strip()
    if len(kept.split()) > _LONG_WORDS:
        for cut in _TAIL_CLAUSE.finditer(kept):
            head = kept[: cut.start()]
            if _MIN_WORDS + 3 <= len(head.split()) <= _LONG_WORDS and fragment_reason(head) is None:
                kept = head
                break
    kept = kept.strip(" ,;:")
    if kept and kept[0].islower():
        kept = kept[0].upper() + kept[1:]
    if kept and not _ENDS_A_SENTENCE.search(kept):
        kept += "."
    return kept


def is_chatter(text: str) -> bool:
    """A self-introduction, a thank-you for being on, or talk about the recording rather than the topic."""
    return bool(_CHATTER.search(_HEDGE.sub("", text).strip()))


def is_candidate(sentence: TranscriptSentence, shown: str) -> bool:
    """May this sentence be shown (as `shown`, its trimmed wording)?"""
    raw = sentence.raw.strip()
    if sentence.is_question or raw.rstrip('"”’').endswith("?"):
        return False
    if (
        _MID_STAGE_NOTE.search(raw)
        or _BROKEN_OFF.search(raw)
        or raw.rstrip().endswith(("...", "…", "--", "—"))
    ):
        return False
    if (
        _SET_UP.search(shown)
        or _SIGN_OFF.search(shown)
        or _JOKE.search(raw)
        or _ADDRESSING.search(shown.rstrip(".!"))
        or is_chatter(shown)
    ):
        return False
    if _LEANS_ON_BEFORE.match(_HEDGE.sub("", sentence.clean)):
        return False
    if sentence.dangles:
        return False  # unpunctuated talk cut where a phrase is still open ("…based on that as")
    if (shown.count('"') + shown.count("“") + shown.count("”")) % 2:
        return False  # a quotation cut in half by the sentence split
    if len(shown.split()) < _MIN_WORDS:
        return False
    return fragment_reason(shown) is None


def is_readable(sentence: TranscriptSentence, shown: str) -> bool:
    """The weaker test a part with too few candidates falls back on: whole words, no question, no sign-off."""
    raw = sentence.raw.strip()
    return (
        not sentence.is_question
        and not sentence.dangles
        and len(shown.split()) >= _MIN_WORDS - 1
        and not _MID_STAGE_NOTE.search(raw)
        and not raw.endswith(("...", "…", "--", "—"))
        and not _SIGN_OFF.search(shown)
        and not _SET_UP.search(shown)
    )


# Openings that hedge or set up a view rather than state one.
HEDGED = re.compile(
    r"^(?:(?:i|you|we|they)\s+(?:may|might|could|probably|think|thought|guess|suppose|feel|mean|know what|wish|hope)\b"
    r"|i'm\s+(?:kind|sort)\s+of\b|i\s+(?:kind|sort)\s+of\b|maybe\b|perhaps\b|i'm\s+not\s+sure\b)",
    re.IGNORECASE,
)
