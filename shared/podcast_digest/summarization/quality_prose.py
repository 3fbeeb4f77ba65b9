"""The prose checks of the quality bench, one predicate each: what a listener would call a hollow lesson
title, chatter, a loose idea, a weak quote, a title the talk turned against. quality.py counts them per part.

Written here on their own, not borrowed from the summarizer, so they score any summarizer's output, the old
code's included.
"""

import re
from collections.abc import Iterable

from podcast_digest.models import Transcript
from podcast_digest.summarization.extractive.grammar import content_stems
from podcast_digest.summarization.extractive.vocabulary import words
from podcast_digest.summarization.quotes import normalise

_POINTER_OPENING = re.compile(
    r"^(?:it|it's|this|that|that's|those|these|there|there's|they|they're|he|she|here|here's|something|"
    r"(?:we|you|they) (?:have|had|got|were|was)|we've|we're|you've)\b",
    re.IGNORECASE,
)


_POINTER_ENDING = re.compile(  # "…every model that is out there": "out there" is what exists, no pointer
    r"\b(?:this|that|these|those|(?<!\bout )there|here|it|them|so|too|one|stuff|right there)\W*$", re.I
)


GIST_POINTS_BACK = re.compile(
    r"^(?:that|that's|this|these|those|it|it's|they|they're|he|she|his|her|there|so|also|then|which|such|"
    r"the other|another|both|here)\b",
    re.IGNORECASE,
)


_CHATTER = re.compile(
    r"^(?:this is|i'm|i am|my name is)\s+(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))?\s*(?:[,.!]|and\b|here\b|$)"
    r"|\b(?:i'm|i am|we're|we are) (?:here|joined) (?:with|by)\b|\bjoined (?:as always |today )?by\b"
    r"|\bthanks? (?:you )?(?:so much )?for (?:having|inviting) (?:me|us)\b"
    r"|\b(?:great|good|glad|happy) to be (?:here|back|on)\b|\bhow are you\b"
    r"|\b(?:done|recorded|reached) (?:\d+|a hundred|one hundred) episodes\b|\brecorded date\b",
    re.IGNORECASE,
)


_NOT_TOPIC_WORDS = frozenset(
    """thing things stuff lot way time people information kind sort bit part idea question example date episode
    show podcast conversation talk mentioned create created huge great good model initially specifically
    basically actually really""".split()  # noqa: SIM905 - a word list reads best as words
)


_TOPICS_AFTER = re.compile(r"\b(?:talks? about|covers)\s+(.+?)\.?$")


def title_echoes(title: str, explanation: str) -> bool:
    """The explanation repeats its title ("X: X, and …") or adds no content word to it."""
    if normalise(title) and normalise(title) in normalise(explanation):
        return True
    return not content_stems(explanation) - content_stems(title)


# An "it" or "there" that points at nothing, the claim being what follows: "There's no standardization
# yet" (something named is said not to exist), "It's hard to get to 100 episodes" (a named task judged).
# Written apart from the summarizer's own rule, so the metric checks it rather than repeats it.
_EXISTENTIAL_CLAIM = re.compile(
    r"^there(?:'s|’s| is| are| has| have)\s+"
    r"(?:(?:still|just|really|actually|definitely|certainly|always|also|been)\s+)*(?P<rest>.+)$",
    re.IGNORECASE,
)


_EXTRAPOSED_CLAIM = re.compile(
    r"^it(?:'s|’s| is)\s+(?:\w+\s+){0,2}?(?P<judged>hard|harder|easy|easier|difficult|important|essential|"
    r"crucial|critical|necessary|possible|impossible|dangerous|risky|expensive|cheap|cheaper|tricky|worth|"
    r"better|best|worse|safer|simpler|faster|slower|late|early|rare|common|wise|smart|useful|vital|tempting|"
    r"fine|okay|normal|natural)\s+(?P<rest>(?:for \w+ )?to \w.*|\w+ing\b.*|that \w.*)$",
    re.IGNORECASE,
)


_NAMES_NOTHING = re.compile(
    r"^(?:a lot|lots|a ton|tons|plenty|a bunch|a few|a couple|some|so much|so many|something|nothing|"
    r"anything|everything|this|that|these|those|the thing|a thing|one thing|things|stuff|a reason|no doubt|"
    r"no question|no way|more|all|kind of|sort of|like|just|also|still|always|been|got|going|gonna|what|"
    r"how|why|where|when|who|here|there|other|another|different|really|actually|definitely|probably)\b",
    re.IGNORECASE,
)


def _empty_subject_claims(text: str) -> bool:
    existential = _EXISTENTIAL_CLAIM.match(text)
    if existential:
        rest = existential.group("rest")
        if _NAMES_NOTHING.match(rest):
            return False
        needed = 1 if re.match(r"(?:no|not|never|none|little)\b", rest, re.IGNORECASE) else 2
        return len(content_stems(rest)) >= needed
    extraposed = _EXTRAPOSED_CLAIM.match(text)
    return extraposed is not None and len(content_stems(extraposed.group("rest"))) >= 1


def hollow_title(title: str) -> bool:
    """A title that points at something said elsewhere instead of claiming: opens or ends on a pointer,
    or names fewer than two things. An empty "it"/"there" before the claim is no pointer ("There's no
    standardization yet"); "There's a lot of things", "It's interesting", "That's the thing" stay hollow."""
    text = title.strip(" .!?:;,\"'“”")
    if _POINTER_ENDING.search(text):
        return True
    if _empty_subject_claims(text):
        return False
    return bool(_POINTER_OPENING.match(text)) or len(content_stems(text)) < 2


def is_chatter(text: str) -> bool:
    return bool(_CHATTER.search(text.strip()))


def non_topic(topic: str) -> bool:
    """A lone lower-case word, an adverb, a verb form or a word of the talk itself is no topic."""
    tokens = words(topic)
    if not tokens:
        return True
    if any(t in _NOT_TOPIC_WORDS or (t.endswith("ly") and len(t) > 4) for t in tokens):
        return True
    if tokens[0].endswith("ed") or tokens[-1].endswith("ed"):
        return True
    return len(tokens) == 1 and topic.strip()[:1].islower()


def one_sentence_topics(sentence: str) -> list[str]:
    """The topics a "who talks about A, B and C." sentence names ([] for any other sentence)."""
    found = _TOPICS_AFTER.search(sentence.strip())
    if not found:
        return []
    return [t.strip() for t in re.split(r",\s*|\s+and\s+", found.group(1)) if t.strip()]


def common_words(transcript: Transcript) -> set[str]:
    """Words the talk mostly writes in lower case: common nouns ("dashboards"), not names ("Python")."""
    lower: dict[str, int] = {}
    for segment in transcript.segments:
        for token in re.findall(r"[A-Za-z][\w'’-]*", segment.text):
            key = token.casefold()
            lower[key] = lower.get(key, 0) + (1 if token[:1].islower() else -1)
    return {w for w, balance in lower.items() if balance > 0}


# An idea that opens on a word pointing at something said before it ("Those Uyghurs", "Of that", "It's
# something…"), or on a discourse marker that answers someone ("To your point", "Back to…", "Yeah,").
_LOOSE_REFERENCE = re.compile(
    r"^(?:it|it's|its|this|that|that's|these|those|they|they're|them|their|he|she|his|her|him|such|both|"
    r"another|the other|the same|same|here|here's|which|what's|"
    r"of (?:that|this|those|these|it)|to (?:your|his|her|that|this) point|back to|on that|in that case|"
    r"like i said|as i said|as you said|yeah|yes|no|right|exactly|well|so|and|but|of course|oh|okay|ok)\b",
    re.IGNORECASE,
)


# The speaker's own feelings, views and doings rather than a statement about the subject.
_FIRST_PERSON = re.compile(
    r"^(?:to me|for me|personally|in my (?:opinion|view|experience)|my (?:guess|feeling|sense|take)|"
    r"i(?:'m| am| was| 've| have| had| 'd| would| do| don't| did| didn't)?\s+(?:\w+\s+){0,2}?"
    r"(?:think|thought|feel|felt|guess|believe|know|knew|wish|hope|love|like|hate|remember|mean|"
    r"excited|glad|happy|sure|surprised|curious|fascinated|wondering|presuming|personally|honestly))\b",
    re.IGNORECASE,
)


_FILLER = re.compile(
    r"^(?:it's|it is|that's|that is) (?:fine|okay|ok|good|great|cool|fun|nice|funny|crazy|wild|amazing|"
    r"interesting|hard to say)\b",
    re.IGNORECASE,
)


_ASKS = re.compile(
    r"\?\s*$|^(?:how|what|why|where|who|which|whether)\b"
    r"|^(?:do|does|did|is|are|can|could|would|should|will)\s(?:you|we|they|i|it|there|this|that|the|a|an|people)\b",
    re.IGNORECASE,
)


LAUGHS = re.compile(
    r"\b(?:ha(?:ha)+|lol|kidding|joking|joke|jokes)\b|\[(?:laughs?|laughter|chuckles?)\]|\((?:laughs?|laughter)\)",
    re.IGNORECASE,
)


# What the speaker says right after a claim to take it back, or before it to put it in someone's mouth or
# deny it ("that doesn't mean that you have to | make all the mistakes"). The transcript is read normalised:
# no punctuation, no apostrophes.
_TAKEN_BACK = re.compile(
    r"^\W*(?:\w+\W+){0,8}?(?:doesnt mean|does not mean|not necessarily|isnt true|is not true|is a myth|is wrong|"
    r"i dont think so|thats not (?:true|right|it))\b",
    re.IGNORECASE,
)


_SOMEONE_ELSE = re.compile(
    r"\b(?:you (?:may|might|would) think|people (?:think|say|believe)|they say|the myth is|its not that|"
    r"it is not that|its not true that|nobody says|doesnt mean|does not mean)(?: that)?(?: \w+){0,4}\W*$"
    r"|\b(?:dont|do not|never|shouldnt|should not|not to)(?: (?:you|ever|really|just|have to|need to|want to))*\W*$",
    re.IGNORECASE,
)


_QUOTE_ASKS_FOR_ACTION = re.compile(
    r"\b(?:you can (?:do (?:that|this|it) (?:there|here|at)|find (?:us|me|them)|reach (?:us|me))"
    r"|check (?:\w+ )?out|(?:go|head) (?:on )?over to|go to (?:\w+\.\w+|our|my)|sign(?:ing)? up|subscribe|"
    r"follow (?:us|me|the show)|reach out|(?:send|drop) (?:us|me) |let (?:us|me) know|share your|"
    r"leave (?:a|us)|our newsletter|link(?:s)? (?:is|are)? ?in the|promo code|sponsored)\b"
    r"|https?://|\bwww\.|\b\w+\.(?:com|fm|io|org|net)\b",
    re.IGNORECASE,
)


_QUOTE_LEANS_BACK = re.compile(
    # Openers are skipped whole (an atomic group): "I think that what matters…" does not lean on "that".
    r"^(?>(?:(?:i mean|you know|well|yeah|oh|i think(?: that)?|honestly|probably|most likely|of course)[,]?\s+)*)"
    r"(?:and|but|so,|so\s+(?!many|much)|or|because|also|then|this|that|these|those|it|it's|they|they're|he|she|"
    r"there's|here's|for (?:example|instance)|the other|another|same|which|as i said|like i said|to your point)\b",
    re.IGNORECASE,
)


_QUOTE_POINTS_AT_BEFORE = re.compile(
    r"\b(?:(?:since|of|from|about|like) (?:that|those)|(?:you|we) (?:just )?(?:mentioned|said)|"
    r"(?:talked|spoke) about (?:earlier|before|a (?:little )?while ago))\b"
    r"|\b(?:do|did|doing|does) (?:that|this|it)\W*$",
    re.IGNORECASE,
)


def loose_reason(idea: str) -> str | None:
    """Why an idea cannot be read on its own, or None when it can."""
    text = idea.strip().lstrip("\"“'‘-–— ")
    if _FILLER.match(text):
        return "filler"
    if _LOOSE_REFERENCE.match(text):
        return "dangling reference"
    if _FIRST_PERSON.match(text):
        return "first-person chatter"
    return None


def bullets_saying_heading(heading: str, bullets: Iterable[str]) -> int:
    """How many of the bullets say at least one content word of their heading."""
    wanted = content_stems(heading)
    return sum(1 for bullet in bullets if wanted & content_stems(bullet))


def turned_title(title: str, transcript_text: str) -> bool:
    """A lesson title that is no claim of the speaker's: a question, a joke, or words the speaker takes
    back ("…, but that doesn't mean you have to make all the mistakes") or puts in someone else's mouth."""
    if _ASKS.search(title.strip()) or LAUGHS.search(title):
        return True
    tail = normalise(title).split()[-4:]
    if len(tail) < 2:
        return False
    said = normalise(transcript_text)
    at = said.find(" ".join(tail))
    while at >= 0:
        after, before = said[at + len(" ".join(tail)) :][:80], said[max(0, at - 120) : at]
        # What was said before the title's first words (the title may be cut from a longer clause).
        head = normalise(" ".join(title.split()[:2]))
        opening = (before + " " + said[at : at + len(" ".join(tail))]).rfind(head) if head else -1
        lead = (before + " " + said[at:])[: opening if opening >= 0 else len(before)]
        if _TAKEN_BACK.search(after) or _SOMEONE_ELSE.search(lead[-60:]):
            return True
        at = said.find(" ".join(tail), at + 1)
    return False


def weak_quote(text: str) -> str | None:
    """Why a favorite quote is not one a listener would underline, or None: a call to action or plug,
    a question, or a line that leans on what was said before it."""
    line = " ".join(text.split())
    if _QUOTE_ASKS_FOR_ACTION.search(line):
        return "call to action"
    if line.rstrip("\"'”’)").endswith("?"):
        return "question"
    if _QUOTE_LEANS_BACK.match(line) or _QUOTE_POINTS_AT_BEFORE.search(line):
        return "leans on what came before"
    return None
