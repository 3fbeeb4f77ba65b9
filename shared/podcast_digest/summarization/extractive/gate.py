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
# Talk about the recording itself ("There is a princess bride theme going in this episode."): no idea of
# the subject, and a summary that says "in this episode" reads as narration.
_ABOUT_THIS_EPISODE = re.compile(r"\b(?:in|on|of|for|from) this (?:episode|show|podcast|recording)\b", re.I)
_SIGN_OFF = re.compile(
    r"\bthank you\W*$|\b(?:thanks for (?:listening|having|coming|joining|watching)|see you (?:next|soon|then)|until next time"
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
# A host's request to the guest: "Explain to me how GitHub Copilot works."
_REQUEST = re.compile(
    r"^(?:please\s+)?(?:explain|describe|define|talk)\s+(?:(?:to|for)\s+)?(?:me|us|our listeners|the audience)\b"
    r"|^(?:explain|describe|define)\s+(?:how|what|why|where|when|who|which)\b",
    re.IGNORECASE,
)
# Bios: a role and what its holder does ("As CTO, I oversee…"), a career ("I interviewed Adrian…",
# "Currently, I've gone in React…"), or the guest's bio read back ("I read that you're in charge of…").
_BIO = re.compile(
    r"^as\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:(?-i:[A-Z]{2,5})|ceo|cto|cfo|coo|vp|head|founder|co-?founder|"
    r"director|lead|manager|president)\b[^,]{0,60},\s*(?:i|i'm|i've|my|we)\b"
    r"|^as\s+(?:someone|somebody|a person)\s+who\b|^currently,?\s+(?:i|i'm|i've|we're|we've)\b"
    r"|\bi\s+(?:interviewed|founded|co-?founded|graduated|majored)\b"
    r"|\bi\s+(?:read|heard|saw)\s+(?:that\s+)?you(?:'re|’re| are| were|'ve| have)\b",
    re.IGNORECASE,
)
# Talk taking up what was said before it: "If you take that condition and…", an answer ("The first thing
# that comes to me is…"), the audience's imagined reply ("people listening who are like, well, …").
_TAKES_UP_BEFORE = re.compile(
    r"^(?:if|when|once)\s+you\s+(?:take|combine|put|apply|add)\s+(?:that|this|those|these)\b"
    r"|^(?:the\s+)?(?:first|main|only|one)\s+thing\s+that\s+comes\s+to\s+(?:me|mind)\b"
    r"|\b(?:who|that)\s+(?:are|were|is|was)\s+like,|\b(?:people|folks)\s+(?:listening|out there)\s+who\b"
    # Someone's words quoted back ("seeing like "Well, let's take that…""), a question run into a statement
    # ("…group of users how do I combine this…"): the talk around it says what they answer.
    # A reply to the question before it: "No, there's people that spend their careers…".
    r"|^(?:no|nope|exactly|absolutely|correct|true|sure)\s*,\s"
    r"|^(?:ever\s+)?since\s+(?:that|this|then)\b|\byou\s+can\s+do\s+(?:that|this|it)\s+(?:there|here)\b"
    r"|\blike,?\s+[\"“]|(?<!\babout )(?<!\byourself )(?<!\bask )\b(?:how|what|why|where|which)\s+(?:do|does|did|can|could|should)\s+"
    r"(?:i|you|we|they)\b|\b(?:how|why)\s+(?:does|is)\s+(?:that|it|this)\b|(?<=\w )(?:do|does)\s+(?:you|we|they)\s+"
    r"(?:have|want|need|support|use)\b|\bor\s+is\s+it\b|(?<=\w )is\s+there\s+(?:a|any)\s+way\b",
    re.IGNORECASE,
)
# No subject: a sentence that opens on its verb after an adverb ("Probably didn't even use…").
_OPENS_ON_ITS_VERB = re.compile(
    r"^(?:(?:probably|maybe|just|even|also|still|never|always|definitely|certainly|obviously)\s+)+"
    r"(?:did|didn't|does|doesn't|don't|was|wasn't|were|weren't|is|isn't|are|aren't|has|hasn't|have|haven't|"
    r"had|could|couldn't|would|wouldn't|will|won't|can|can't|should)\b",
    re.IGNORECASE,
)
# Unpunctuated talk where a turn or a new sentence runs on: "…you want yeah but…", "Reach the gap between
# JavaScript and Python you can send…" (an order, then a statement with its own subject, nothing between).
_VERB_THEN_COPULA = re.compile(r"^(?:build|make|use|run|get|do|try|see|put|take)\s+(?:are|were)\b", re.I)
_FILLER_INSIDE = re.compile(r"(?<=[a-z])\s+(?:yeah|yep|yes|um+|uh+)\s+(?=[a-z])", re.IGNORECASE)
# Caption text run together: a pronoun and a determiner ("if it the actual server"), a line opening on the last
# words of the one before ("At all and since the web server…").
# A phrase that sets one thing against another, the main clause never said: "As opposed to the Azure
# nightclub or pool in Vegas."
_CONTRAST_ALONE = re.compile(
    r"^(?:as opposed to|compared (?:to|with)|unlike|instead of|rather than)\b[^,;:]*$", re.I
)
_CAPTIONS_RUN_TOGETHER = re.compile(
    r"\b(?:if|when|that|because)\s+it\s+(?:the|a|an)\b|\b(?:a|an|the)\s+(?:the|a|an)\b|^(?:at all|as well|either)\b",
    re.I,
)
_ORDER_THEN_STATEMENT = re.compile(
    r"^(?:reach|bridge|use|try|take|make|get|put|build|add|imagine|picture|consider|start|keep)\s+"
    r"(?!(?:me|us|you|it)\b)[^,;:]{3,80}?(?-i:[A-Za-z])\w*\s+(?:you|we|i|they)\s+(?:can|could|will|would|should)\b",
    re.IGNORECASE,
)
# The next sentence's subject caught at this one's end: "Wave sounds like a really cool framework we have."
_NEXT_SUBJECT_CAUGHT = re.compile(r"^[^,;:]*\b(?:a|an)\s+(?:\w+\s+){1,4}(?:we|i|you|they)\s+have\W*$", re.I)
_ADDRESSING = re.compile(r",\s*(?:[A-Z][a-z]+)$")  # "We will always have Silicon Valley, Adam."
# After "I think that" the clause's own subject: "that" goes with the hedge only before one ("I think that
# the model…" → "The model…"); before a noun it is the noun's ("I think that feeling still exists" is not
# "Feeling still exists").
_A_SUBJECT = (
    r"\s+(?:i|we|you|they|he|she|it|there|the|a|an|this|these|those|people|everyone|everybody|nobody|"
    r"most|some|all|many|no|every|any|our|your|their|my|his|her|its)\b"
    # a gerund with its object ("I think that owning hardware pays off"), not a noun and its verb ("feeling still
    # exists", "feeling is")
    r"|\s+\w+ing\s+(?!(?:still|just|really|also|always|never|is|was|are|were|has|have|had|will|would|can|"
    r"could|should|does|did|seems?|exists?|comes?|goes?)\b)"
)
_HEDGE = re.compile(
    r"^(?:(?:and|but|so|because|then|and then|yeah|well|now|okay|ok|oh|right|look|see|honestly|basically|actually|"
    r"literally|really|like|i mean|you know|i think(?: that(?=" + _A_SUBJECT + r"))?|i guess|i feel like|"
    r"i would say|i'd say|i believe(?: that(?=" + _A_SUBJECT + r"))?|in my opinion|to be honest|for me|"
    r"kind of|sort of)\b[,.]?\s+)+",
    re.IGNORECASE,
)
# The reply word before a statement that stands on its own: "No, there's people that spend their careers…".
_ANSWER_PARTICLE = re.compile(r"^(?:no|nope|yes|yep|exactly|absolutely|sure|correct)\s*,\s+(?=\w)", re.I)
# A subordinate clause that cannot stand once its opener is gone ("Which is…", "Or not…").
_LEANS_ON_BEFORE = re.compile(
    r"^(?:which|or|nor|plus|whereas|while|whether|although|though|that"
    # A statement opening on its verb lost its subject to the sentence split: "Are used to train…".
    r"|are|were|is|was|has|have|had)\b"
    # A share of what was said before: "Half of that can already be known…".
    r"|^(?:half|some|all|most|much|none|part|many|each|any|a lot|a bit) of (?:that|this|those|these|them|it)\b",
    re.IGNORECASE,
)
_TAIL_CLAUSE = re.compile(r",\s+(?=(?:and|but|so|because|which|where|when|whereas|like|if)\b)", re.IGNORECASE)
_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_LONG_WORDS = 26
_MIN_WORDS = 7


def trimmed(text: str) -> str:
    """The sentence without opening hedges and, when it runs long, without a trailing clause."""
    kept = _ANSWER_PARTICLE.sub("", _HEDGE.sub("", text).strip())
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


def _not_an_idea(shown: str) -> bool:
    """A request, a bio, talk taking up what came before, no subject, or a run-on turn: never an idea."""
    bare = _HEDGE.sub("", shown).strip()
    return any(
        rule.search(bare)
        for rule in (
            _REQUEST,
            _BIO,
            _TAKES_UP_BEFORE,
            _OPENS_ON_ITS_VERB,
            _FILLER_INSIDE,
            _ORDER_THEN_STATEMENT,
            _NEXT_SUBJECT_CAUGHT,
            _VERB_THEN_COPULA,
            _CAPTIONS_RUN_TOGETHER,
            _CONTRAST_ALONE,
        )
    ) or _gerund_without_verb(bare)


# A sentence opening on an -ing word needs a verb of its own: "Creating good audio is key" has one; "Seeing
# all the innovation that's happening…, just even watching how quickly Microsoft pivoted" has none.
_GERUND = re.compile(
    r"^(?:just,?\s+)?(?!(?:thing|nothing|something|anything|everything|during|according)\b)[a-z]{3,}ing\b",
    re.I,
)
_OWN_VERB = re.compile(
    r"(?<!\bthat )(?<!\bwhich )(?<!\bwho )(?<!\bhow )(?<!\bwhat )(?<!\bwhere )(?<!\bwhen )(?<!\bto )"
    r"\b(?:is|are|was|were|isn't|aren't|wasn't|weren't|has|have|had|can|could|will|would|should|may|might|"
    r"must|does|doesn't|did|didn't|makes|made|gives|gave|takes|took|means|meant|helps|lets|becomes|became|"
    r"requires|comes|came|goes|went|seems|keeps|kept|saves|costs|pays|gets|got|(?:it|they|we|you|i|there)"
    r"(?:'s|'re|'ve|'ll|'d|'m))\b",
    re.IGNORECASE,
)


def _gerund_without_verb(text: str) -> bool:
    return bool(_GERUND.match(text)) and not _OWN_VERB.search(text)


# An unpunctuated caption line (a transcript of "we support arbitrary JavaScript as well you just include your
# script as") breaks anywhere: ending on one of these, it stopped mid-phrase.
_CAPTION_BREAK_WORDS = frozenset(
    """to with along all for from in on at about like some that this these those so really very just more
    into by your our my their his her its the a an and or but as of""".split()  # noqa: SIM905 - a word list
)


def _cut_caption_line(raw: str) -> bool:
    if not raw or raw[-1] in ".!?…\"'”’)]":
        return False
    last = raw.rsplit(None, 1)[-1].casefold()
    return last in _CAPTION_BREAK_WORDS


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
        or _ABOUT_THIS_EPISODE.search(shown)
        or is_chatter(shown)
        or _not_an_idea(shown)
    ):
        return False
    if _LEANS_ON_BEFORE.match(_HEDGE.sub("", sentence.clean)):
        return False
    if _cut_caption_line(raw):
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
