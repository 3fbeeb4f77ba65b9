"""Lessons: sentences that give advice or state a takeaway, in the speakers' own words.

English sentences are recognised by the shape of advice ("you should", "make
sure", "the key is", "don't", "always", "I recommend", an imperative at the
start). Other languages have no such patterns here, so their lessons come from
the most central statements instead (see summarizer). Claims that are not
advice ("Any tool can be used for evil or good") are titled in lesson_claims.
"""

import re

from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS

# "The second thing that you can do is", "the next best thing to do is to": what follows is the advice.
_LISTED_STEP = (
    r"\bthe (?:first|second|third|fourth|fifth|next|next best|other|last|final|one|best|number one|main) thing"
    r" (?:that )?(?:you (?:can|could|should|need to|want to|have to) |to )do is(?: to)?"
)
# (pattern, strength): how surely a sentence matching it is advice.
_ADVICE: list[tuple[re.Pattern[str], float]] = [
    (re.compile(p, re.I), w)
    for p, w in [
        (r"\b(?:you|everyone|everybody|developers?|teams?) (?:should|shouldn't|must|ought to)\b", 1.0),
        (r"\bi(?:'d| would)? (?:recommend|suggest|advise|encourage)\b", 1.0),
        (r"\bmy (?:advice|recommendation|suggestion|tip)\b", 1.0),
        (r"\bthe (?:key|trick|secret|lesson|takeaway) (?:is|here is|was)\b", 1.0),
        (r"\b(?:best practice|rule of thumb|lessons? (?:i |we )?learned|what (?:i|we) learned)\b", 0.9),
        (r"\b(?:it's|it is) (?:really |so |very )?(?:important|essential|critical|crucial|worth)\b", 0.8),
        (r"\b(?:the|a) (?:best|right|better|easiest|simplest) way (?:to|is)\b", 0.8),
        # A how-to's list of steps: "The second thing that you can do is create a blurb…".
        (_LISTED_STEP, 0.8),
        (
            r"\byou (?:need to|have to|want to make sure|can't|cannot|don't want to|don't need to|don't have to)\b",
            0.7,
        ),
        (
            r"\b(?:always|never) (?:\w+ )?(?:use|do|start|try|test|assume|trust|write|ship|put|check|deploy|run)\b",
            0.7,
        ),
        (r"\bmake sure\b", 0.6),
        (r"\bif you (?:want|need|are|have|can)\b.*\b(?:then|you should|you can|just)\b", 0.5),
        (r"\b(?:we|people) (?:should|need to|have to|must)\b", 0.5),
        (r"\b(?:avoid|stop) \w+ing\b", 0.5),
        (r"\bthe (?:problem|mistake|danger|risk) (?:is|was)\b", 0.4),
        (r"\b(?:focus on|start with|start by|think about)\b", 0.4),
    ]
]
# Imperatives at the start of a sentence ("Use…", "Start small…").
_IMPERATIVE = re.compile(
    r"^(?:just |so |and |but |well |really )?(?:be|use|try|start|stop|avoid|keep|make|build|write|test|measure|"
    r"read|learn|ask|automate|document|ship|focus|invest|remember|consider|pick|choose|treat|put|get|go|"
    r"check|think|find|set|add|tag|limit|prefer|monitor|cache|plan|talk|share|don't|never|always)\b",
    re.I,
)
# Sentences that look like advice but are talk about the show itself, or ads.
_NOT_A_LESSON = re.compile(
    r"\b(?:subscribe|sponsor|promo code|show notes|check out|rate us|review us|link in|"
    r"our (?:partners?|friends) at|thanks? (?:to|for)|head (?:on )?(?:over )?to)\b",
    re.I,
)

_MIN_WORDS = 8
_MAX_WORDS = 45


def advice_strength(sentence: TranscriptSentence) -> float:
    """0 for a sentence that is not advice, up to about 1.5 for one that clearly is."""
    text = sentence.clean
    if (
        sentence.is_question
        or not _MIN_WORDS <= sentence.word_count <= _MAX_WORDS
        or _NOT_A_LESSON.search(text)
    ):
        return 0.0
    strength = max((w for p, w in _ADVICE if p.search(text)), default=0.0)
    if _IMPERATIVE.search(text):
        strength = max(strength, 0.7) + 0.2 * (strength > 0)
    return strength


# What follows these is the advice itself: "make sure | you measure the latency first".
_ADVICE_LEAD = re.compile(
    r"\b(?:you (?:should|must|need to|have to|ought to)|make sure(?: that)?|the (?:key|trick|secret|lesson) is(?: to)?|"
    r"i(?:'d| would)? (?:recommend|suggest|advise)|my advice is(?: to)?|it's (?:important|essential|crucial|worth) to|"
    r"the (?:best|right|easiest|simplest) way (?:to \w+ )?is(?: to)?|" + _LISTED_STEP + r")\s+",
    re.I,
)
_CLAUSE_END = re.compile(
    r"[,;:.!?…(]|\s(?:--|—|–)\s|\s(?:because|so that|so|which|when|where|while|if|unless|since|and then|but)\s",
    re.I,
)
_LEADING_SUBJECT = re.compile(
    r"^(?:(?:that|you|to|just|really|always|probably|definitely|actually|also|like)\s+)+", re.I
)
_TRAILING_FILLER = re.compile(
    r"(?:\s+(?:the|a|an|of|to|in|on|for|and|or|with|your|our|their|its|is|are|too|before|after|without|than|"
    r"like|about|at|by|from|into|this|that|these|those|very|really|just|be|able|so|as))+$",
    re.I,
)
_TITLE_WORDS = 8
_LEAD_WITHIN = 25  # characters from the start of the sentence
_ADDRESSED = re.compile(r"you |i(?:'d| would)? |my |the ", re.I)
_STARTS_WITH_SUBJECT = re.compile(
    r"^(?:i|i'm|it|it's|they|they're|he|she|we|we're|there|there's|that's|this|all|some)\b", re.I
)


# A condition that opens the sentence or the advice: kept in the title ("For startups, rent before you buy").
_CONDITION = re.compile(
    r"(?<![\w'])((?:for|if|when|whenever|once|until|at|in|with|as|before|after|every (?:single )?time)"
    r"\s[^,.;:!?]{2,48}),\s+",
    re.I,
)
# What the speaker concluded against the advice: "…, but that doesn't mean you have to".
_TURNS_AGAINST = re.compile(
    r"\b(?:but(?!\s+(?:not just|not only|also|only|make sure|with|in|then|when|if|for))|however|yet|although|though)\b|\bdoesn't mean\b|\bnot necessarily\b|\bthe opposite\b",
    re.I,
)
# A view put in someone else's mouth, often the one the speaker then refutes.
_ATTRIBUTED = re.compile(
    r"\b(?:you (?:may|might|would|'d|probably) think|you're (?:probably )?thinking|what you're thinking"
    r"|(?:a lot of |some |many |most )?people (?:think|say|tell you|believe)"
    r"|they (?:say|tell you)|the (?:myth|conventional wisdom) is|everyone says|conventional wisdom)\b",
    re.I,
)


def advice_title(text: str) -> str:
    """The advice as a short title with its condition kept ("For startups, rent before you buy"), or ""
    when the sentence is not advice, or turns against it, or puts it in someone else's mouth."""
    title = _advice_clause(text)
    if not title:
        return ""
    where = text.casefold().find(title.casefold()[:20])
    if _ATTRIBUTED.search(text[: max(where, 0)]):
        return ""
    if where >= 0 and _TURNS_AGAINST.search(text[where + len(title) :]):
        return ""
    conditions = list(_CONDITION.finditer(text[: max(where, 0)])) if where > 0 else []
    condition = conditions[-1] if conditions else None
    if condition is None and where > 0 and _OPENS_ON_A_CONDITION.match(text):
        # "If you want to build something enterprise-y or …, then you need to | reach out for frameworks":
        # a condition too long to keep in the title is never dropped from it (lesson_claims titles it whole).
        return ""
    if condition and _ANOTHER_STEP.match(text[where + len(title) :]):
        # "If you have a scripted podcast, you have to line up interviews, you need to record the episode":
        # which of the steps the condition is for is a guess (the caption may have cut it from the line
        # before), so no title keeps it for sure.
        return ""
    if condition and not title.casefold().startswith(condition.group(1).casefold()):
        title = f"{condition.group(1)[:1].upper()}{condition.group(1)[1:]}, {_mid_sentence(title)}"
    return "" if is_hollow_title(title) else title


_OPENS_ON_A_CONDITION = re.compile(r"^\W*(?:if|when|whenever|once|unless)\b", re.I)
_ANOTHER_STEP = re.compile(r"^[^,.;]*,\s+(?:and\s+)?(?:then\s+)?you (?:have to|need to|should|must)\b", re.I)


def _mid_sentence(clause: str) -> str:
    """The clause's first word as it reads after a comma: "Use" → "use", but "Azure" stays."""
    first = clause.split(" ", 1)[0]
    if any(c.isupper() for c in first[1:]) or first == "I" or first.startswith(("I'", "I’")):
        return clause  # an acronym or a name spelt with inner capitals: "GitHub", "AWS"
    return clause[:1].lower() + clause[1:]


def has_advice_lead(text: str) -> bool:
    """The sentence says it gives advice ("you should", "make sure", "the key is") where advice starts."""
    lead = _ADVICE_LEAD.search(text)
    return bool(lead and (lead.start() <= _LEAD_WITHIN or _ADDRESSED.match(lead.group(0))))


def _advice_clause(text: str) -> str:
    lead = _ADVICE_LEAD.search(text)
    # "…to make sure that they're not regressing" describes, it doesn't advise: only a lead near the
    # start of the sentence, or one addressed to the listener, introduces advice.
    if lead and (lead.start() <= _LEAD_WITHIN or _ADDRESSED.match(lead.group(0))):
        rest = text[lead.end() :]
    elif _IMPERATIVE.search(text):
        rest = re.sub(r"^(?:just|so|and|but|well|really)\s+", "", text, flags=re.I)
    else:
        return ""
    end = _CLAUSE_END.search(rest)
    clause = rest[: end.start()] if end else rest
    clause = _LEADING_SUBJECT.sub("", clause.strip())
    if _STARTS_WITH_SUBJECT.match(clause):
        return ""  # "they're taking full advantage…" is a statement about someone, not a lesson's title
    words = clause.split()
    if len(words) > _TITLE_WORDS:
        clause = " ".join(words[:_TITLE_WORDS])
    clause = _TRAILING_FILLER.sub("", clause).strip(" -–—'\"")
    if len(clause.split()) < 3:
        return ""
    return clause[:1].upper() + clause[1:]


# "A lot of the OAuth flow requires…" names what it is a part of; "A lot of the time", "a lot of these" do not.
PART_OF_A_NAMED_THING = (
    r"(?!\s+of\s+the\s+(?!(?:time|times|people|stuff|things?|ways?|work|cases|folks|other|same|ones?)\b)"
    r"[a-z][\w'’-]*(?:\s+[\w'’-]+){0,2}?\s+(?:requires?|needs?|is|are|involves?|means|takes|depends)\b)"
)

# Titles that point at something said elsewhere instead of stating it: "Those are the biggest two right
# there", "We have these things happening", "It's something I do think about".
_HOLLOW_OPENING = re.compile(
    r"^(?:it|it's|its|this|that|that's|those|these|there|there's|here|here's|they|they're|he|she|i|i'm|"
    r"something|everything|anything|stuff|what|which|one|ones|so|yeah|well|"
    r"(?:we|you|they) (?:have|had|got|get|see|saw|were|was)|we've|we're|you've|you're|"
    r"a lot"
    + PART_OF_A_NAMED_THING
    + r"|lots|the thing|the other thing|the first thing|first time|even|like|just|also|actually|really|"
    r"basically|kind of|sort of|all of a sudden|now|then|and|but|or|for (?:example|instance)|in fact|of course|"
    # "Be a guest on other people's podcasts" advises; "Be able to…" is cut from a longer clause.
    r"based on|according to|depending on|is|are|was|were|be(?!\s+(?:a|an|careful|patient|honest|explicit|"
    r"consistent|clear|intentional|prepared)\b)|been|has|have|had|do|does|did|can|could|will|"
    r"would|should|may|might|must)\b"
    # A condition with no main clause after it: "By the time it hits my plate".
    r"|^(?:when|whenever|if|once|by the time|as soon as|while|because|since|although|though|unless|until|"
    r"before|after|as|for|with|without|at|in|on)\s[^,]*$",
    re.I,
)
_HOLLOW_ENDING = re.compile(
    r"\b(?:this|that|these|those|(?<!\bout )there|here|it|them|so|too|one|ones|stuff|way|like|either|"
    r"anyway|though|honestly|right|now|then|well|for sure|at all|and so on|"
    # A title that stops on a verb or a small word is cut before its claim: "The interesting thing … is".
    r"is|are|was|were|be|been|of|to|the|a|an|and|or|but|with|for|about|that|which|who)$",
    re.I,
)
# A pointer as the object of the claim: "We hear that to some degree", "ask you this for a while".
_POINTS_AWAY = re.compile(
    r"\bi (?:think|guess|mean|feel|suppose)\b"
    r"|\b(?:this|that|these|those|it|them)\s+(?:to|for|on|at|with|of|about|again|too)\b(?:\s+\S+){0,3}$",
    re.I,
)


def _points_away(text: str) -> bool:
    """A pointer as the claim's object, unless it is "them" and the title names what they are before it:
    "People always take technologies and most people use them for good ends"."""
    found = _POINTS_AWAY.search(text)
    if not found or not found.group(0).casefold().startswith("them"):
        return bool(found)
    named = [w for w in re.findall(r"[\w'’-]+", text[: found.start()]) if w.casefold() not in _POINTERS]
    return not any(
        w.casefold().endswith("s") and w.casefold() not in ENGLISH_STOP_WORDS_PLUS for w in named[1:]
    )


# "The result was that they have built": the claim stops before its object.
_ENDS_ON_ITS_VERB = re.compile(r"\b(?:that|which|what)\s+(?:\w+\s+)?(?:have|has|had)\s+\w+$", re.I)
_POINTERS = frozenset(
    "it this that these those there here they them he she him her we us i me you one ones thing things "  # noqa: SIM905
    "stuff something everything anything".split()
)


# "It's hard to get to 100 episodes", "There's no standardization yet": an "it" or "there" that points at
# nothing (an extraposed or an existential subject), so the claim is in the words after it. "That's …"
# is not one of them: its "that" points back at what was said before.
_EMPTY_SUBJECT = re.compile(r"^(?:it's|it is|there's|there is|there are|there're)\s+", re.I)
_EXTRAPOSED = re.compile(
    r"^(?:(?:not|never|always|still|really|so|very|too|much|way|pretty|quite|incredibly|super|getting|"
    r"becoming)\s+)*(?:hard|harder|easy|easier|difficult|important|essential|crucial|critical|necessary|"
    r"possible|impossible|dangerous|risky|expensive|cheaper|cheap|tempting|tricky|worth|better|best|worse|"
    r"safer|simpler|faster|slower|late|early|rare|common|okay|fine|wise|smart|natural|normal|useful|vital)"
    r"\s+(?:(?:for\s+[\w'’-]+\s+)?to\s+[\w'’-]+|[\w'’-]+ing\b|that\s+[\w'’-]+)",
    re.I,
)
# What follows "there's" without naming anything: "a lot of things", "something", "a reason".
_VAGUE_EXISTENT = re.compile(
    r"^(?:a lot|lots|so much|so many|a ton|tons|plenty|a bunch|a couple|a few|some|something|nothing|"
    r"anything|everything|this|that|these|those|the thing|a thing|one thing|things|stuff|a reason|more|all|"
    r"kind of|sort of|like|just|always|also|still|going|gonna|got|been|where|when|what|how|why|who|here|"
    r"there|different|other|another|definitely|probably|certainly|obviously|really|actually|no doubt|"
    r"no question|no way|not much|not really|nothing)\b",
    re.I,
)
_NEGATION = re.compile(r"^(?:no|not|never|none|nobody|little)\b", re.I)
# Adverbs between "there's" and what exists: "There's still a huge amount of open challenges"; and the
# present perfect's "been": "There's been a real explosion around small language models".
_EXISTENT_ADVERB = re.compile(
    r"^(?:(?:still|just|definitely|really|actually|always|also|certainly|been)\s+)+", re.I
)
# What leaves the claim to the situation being told: "hard to get your hands on that data", "not
# necessarily a policy that created that response".
_LEFT_TO_THE_CASE = re.compile(
    r"\b(?:this|these|those)\s+(?!(?:kinds?|sorts?|types?)\s+of\b|days\b)[\w'’-]+|^not necessarily\b"
    # "There's less ambiguity in the communication" (said of face-to-face talk): a comparison whose other
    # side is the case being told, not named.
    r"|^(?:(?:a lot|much|far|way|even|a little)\s+)?(?:less|more|fewer)\b(?!.*\bthan\b)"
    r"|\bthat\s+(?P<word>[\w'’-]+)",
    re.I,
)


def _left_to_the_case(rest: str) -> bool:
    for found in _LEFT_TO_THE_CASE.finditer(rest):
        word = (found.group("word") or "").casefold()
        # "that the", "that you", "that created": a conjunction or a relative; "that data": a pointer.
        if not word or not (word in ENGLISH_STOP_WORDS_PLUS or word in _POINTERS or word.endswith("ed")):
            return True
    return False


def carries_its_claim(title: str) -> bool:
    """A title opening on an empty subject ("It's", "There's") whose following words make the claim: an
    evaluation of a named task ("It's hard to get to 100 episodes"), or something named that exists or
    does not ("There's no standardization yet"); "There's a lot of things", "It's interesting" make none."""
    text = title.strip(" .!?:;,\"'“”")
    opener = _EMPTY_SUBJECT.match(text)
    if not opener:
        return False
    rest = _EXISTENT_ADVERB.sub("", text[opener.end() :])
    if _left_to_the_case(rest):
        return False
    if text.casefold().startswith("it"):
        return bool(_EXTRAPOSED.match(rest)) and _names(rest) >= 1
    if _VAGUE_EXISTENT.match(rest):
        return False
    return _names(rest) >= (1 if _NEGATION.match(rest) else 2)


def is_hollow_title(title: str) -> bool:
    """A title that carries no claim of its own: it opens or ends on a pointer ("those", "there",
    "we have"), is a condition without its main clause, keeps a condition that names nothing ("Once
    that, …", "When we realized this, …") or says fewer than two things by name. An empty subject whose
    following words carry the claim ("There's no standardization yet") is not a pointer."""
    text = title.strip(" .!?:;,\"'“”")
    if (_HOLLOW_OPENING.match(text) and not carries_its_claim(text)) or _HOLLOW_ENDING.search(text):
        return True
    if _points_away(text) or _ENDS_ON_ITS_VERB.search(text):
        return True
    condition, _, main = text.partition(", ")
    if main and (
        _HOLLOW_ENDING.search(condition)
        or (_HOLLOW_OPENING.match(main) and not carries_its_claim(main))
        or (_names(condition) < 1 and not _TIME_SPAN.match(condition))
    ):
        return True
    return _names(text) < (1 if carries_its_claim(text) else 2)


# "In the last six months, there's been a real explosion…": a span of time is a condition that names when.
_TIME_SPAN = re.compile(
    r"^(?:in|over|during|for|within)\s+the\s+(?:last|past|next|first|coming)\s+(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|years?|decades?)$",
    re.I,
)


def names_in(text: str) -> int:
    """How many words of the text name something (not pointers, not stop words)."""
    return _names(text)


def _names(text: str) -> int:
    """How many words of the text name something (not pointers, not stop words)."""
    tokens = [w.casefold().replace("’", "'") for w in re.findall(r"[\w'’-]+", text)]
    return sum(1 for w in tokens if w not in _POINTERS and w not in ENGLISH_STOP_WORDS_PLUS and len(w) > 2)


# What may join a title to the rest of its sentence, and is left out when the rest becomes the explanation.
_JOINER = re.compile(
    r"^[\s,;:—–-]*(?:(?:and|because|since|so|as|'cause|cause|and so|and that's why|that's why)\b[\s,]*)?",
    re.I,
)


def rest_after_title(sentence: str, title: str) -> str:
    """What the sentence says after the words its title took, as a sentence of its own
    ("…at scale, because the cloud margin is huge." → "The cloud margin is huge."), or "" when the title's
    words are not found in order or nothing whole is left."""
    last = [w for w in re.findall(r"[\w'’-]+", title)][-3:]
    if not last:
        return ""
    pattern = r"\W+".join(re.escape(w) for w in last)
    # The last occurrence: a condition copied into the title comes before the advice.
    found = next(reversed(list(re.finditer(rf"\b{pattern}\b", sentence, re.I))), None)
    if found is None:
        return ""
    after = sentence[found.end() :]
    narrowed = _NARROWS.match(after)
    if narrowed:
        # "Be a guest on other people's podcasts, | but not just anyone's podcast…": which ones, kept whole.
        rest = after[narrowed.end() :].strip()
        return rest[:1].upper() + rest[1:] if len(rest.split()) >= 5 and not _DASH.search(rest) else ""
    purpose = _PURPOSE.match(after)
    if purpose:
        # "…to a datacenter | to be able to have the compute power": the reason the advice is given.
        rest = after.strip()
        return rest[:1].upper() + rest[1:] if len(rest.split()) >= 5 and not _DASH.search(rest) else ""
    if not _AT_A_CLAUSE_BREAK.match(after):
        return ""  # the title stopped mid-clause (cut to length): what follows is no sentence
    rest = _JOINER.sub("", after, count=1).strip()
    if not rest or rest[:1] in ",;:" or _LEANS_ON_THE_TITLE.match(rest) or _DASH.search(rest):
        return ""
    return rest[:1].upper() + rest[1:]


_NARROWS = re.compile(r"^,?\s+but\s+(?=not (?:just|only|any)\b)", re.I)
_PURPOSE = re.compile(
    r"^,?\s+(?:in order to|so that|so you can|to be able to|to (?:make|keep|get|avoid|save|have))\b", re.I
)
_DASH = re.compile(r"\s(?:-|--|—|–)\s|(?:--|—)")
_AT_A_CLAUSE_BREAK = re.compile(
    r"^\s*(?:[,;:]|\s(?:--|—|–)\s|(?:--|—|–)|(?:because|since|so|and so|and that's why|that's why|'cause)\b)",
    re.I,
)
# A rest that cannot stand without the clause before it: "who engage…", "to be able to…", "only with…".
_LEANS_ON_THE_TITLE = re.compile(
    r"^(?:who|whom|whose|which|that|to|only|with|without|for|of|in|on|at|by|from|or|but|then|when|where|"
    r"while|if|unless|like|just|even|also|not|and|than|into|about|until|before|after|through|whether|"
    r"etc|plus|too|either|neither|nor|yet|though|although|especially|including|such|rather|instead|"
    r"ones?|is|are|was|were|be|been|being|has|have|had|do|does|did|can|could|will|would|should|may|might"
    r"|let's say|let’s say|say|i mean|you know|right|okay|so)\b",
    re.I,
)
