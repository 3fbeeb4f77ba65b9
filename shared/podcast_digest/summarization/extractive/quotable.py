"""The favorite quote: a line a listener would underline, verified verbatim against the transcript.

A quote is shown as the transcript says it (no trimming: it must stay verifiable), so a sentence is
either quotable as it stands or not at all. Quotable means whole and self-contained: 12-40 words,
a statement (not a question), punctuated by the engine, not in the first or last few percent of the
talk (intros, teasers, sign-offs), and, in English, not a plug or call to action ("you can do that
there", "check out…"), not opening on a word that points back ("It's…", "For instance…", "The other
place…") and not thick with fillers. Among those, the pick says something about the episode's main
topics (it shares their words) and, in English, reads as a conviction or a contrast ("I think the
real problem is…", "…, but it's not what you deliver to an end user") rather than an anecdote.
The language-neutral tests (length, punctuation, position, topic words, centrality) hold in any
language; the English cues only apply to English talk.
"""

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from podcast_digest.models import Quote
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.quotes import QuoteIndex

MIN_WORDS, MAX_WORDS = 12, 40
# The first and last share of the talk's time: intros, teasers of the episode, outros and sign-offs.
INTRO_OUTRO_SHARE = 0.03

# A sentence opening like this leans on what came before it: not self-contained.
LEANS_BACK = re.compile(
    r"^(?:and|but|so|or|because|which|that|this|these|those|it|they|he|she|then|also|yeah|yes|no|well|"
    r"oh|right|okay|like|um|uh|exactly|absolutely|totally|sure|same|there)\b",
    re.I,
)
# Openers a quote may keep verbatim that say nothing about what follows ("I mean, so many people…").
_SOFT_OPENER = re.compile(
    r"^(?:(?:i mean|you know|honestly|frankly|look|i think(?: that)?|i guess|i believe(?: that)?|i feel like|"
    r"i'd say|i would say|i just think|most likely|probably|maybe|perhaps|actually|basically|really|"
    r"definitely|of course|obviously|clearly|certainly|in fact)[,.]?\s+)+",
    re.I,
)
# What follows the soft opener points at something said before: "it's…", "the other place…", "for instance…".
_POINTS_BACK = re.compile(
    r"^(?:this|that|these|those|it|it's|its|they|they're|them|he|she|his|her|there|here|here's|such|"
    r"the same|the other|another|both|either|neither|one of (?:them|those|these)|which|also|then|again|"
    r"so(?! (?:many|much|far|few|little)\b)|"
    r"for (?:instance|example)|to your point|like (?:i|you|we) said|as (?:i|you|we) (?:said|mentioned)|"
    r"in (?:that|this) case|on (?:that|this) (?:note|point)|speaking of|going back|back to|other than that|"
    r"even so|otherwise|instead|plus|besides|still|anyway|now)\b",
    re.I,
)
# Anywhere in the sentence: a pointer to an earlier moment of the talk.
_MENTIONS_EARLIER = re.compile(
    r"\b(?:as (?:i|you|we) (?:said|mentioned|discussed)|as (?:you|we) have (?:already )?(?:said|discussed)|"
    r"(?:we|you) (?:talked|spoke) about (?:earlier|before|a (?:little )?while ago)|which we (?:talked|spoke) about|"
    r"(?:you|we) (?:just )?mentioned|like you said|what you (?:just )?said|(?:said|mentioned) (?:earlier|before)|"
    r"a (?:moment|minute|second) ago|that condition|to your point|(?:over|right|up|down) here|"
    r"the next (?:thing|step|one|point)|(?:comes|came|come) to (?:me|mind)|"
    # "Ever since that point", "part of that", "because of those": a preposition pointing at something said.
    r"(?:since|at|from|on|in|with|about|of|like|after|before|by|for) (?:that|those|these)(?! (?:who|which)\b)|(?:use|used|using) (?:those|these|them)|"
    # "All of us that are doing this - …", "We have these things happening": what "this" is was said before.
    r"(?:doing|do|did) (?:this|that)|(?:these|those) (?:things|ones|guys|kinds?|sorts?))\b"
    # A sentence ending on a pointer: "…to do that.", "…love it."
    r"|\b(?:that|this|those|these|them|it)\W*$",
    re.I,
)
# A plug or call to action: where to go, what to sign up for, how to reach the show.
_PLUG = re.compile(
    r"\b(?:you can (?:do that|find (?:us|me|it|them|that|more)|check|reach|sign up|email|follow|join|head|"
    r"visit|get in touch|listen|subscribe|download|go to)|check (?:out|it out|us out|them out)|"
    r"go (?:over )?to (?:our|the|my)\b|sign up|follow (?:us|me|him|her|them|along)|reach out|get in touch|"
    r"join (?:us|our|the conversation)|head (?:on )?over|visit (?:us|our)|subscrib\w*|"
    r"share your (?:story|stories|thoughts)|let us know|drop us|(?:email|tweet|ping|message|dm) (?:us|me)|"
    r"hit us up|write (?:to )?us|our (?:website|newsletter|community|slack|discord|channel|sponsors?)|newsletter|"
    r"show notes|leave (?:a|us) (?:review|rating|comment)|rate (?:and review|us)|tell your friends|"
    r"spread the word|patreon|promo code|discount code|free trial|sponsor\w*)\b"
    # A call to go and use it: "Go and build some great applications using Azure AI."
    r"|^go (?:and )?(?:build|try|check|get|grab|download|play|sign|start)\b"
    # A host's request to the guest is a question put another way: "…, give us some ideas of…".
    r"|(?:^|,\s*)(?:give|tell|show|walk) us\b"
    # Talk about the talk: "I want to maybe talk through two areas."
    r"|\b(?:i|we) (?:want|wanted|'d like|would like) to (?:maybe |just |quickly )?(?:talk|mention|go) (?:through|about|over)\b"
    r"|https?://|www\.|\b\w+\.(?:com|fm|io|org|net|dev|ai)\b",
    re.I,
)
# A sentence the speaker broke off or left hanging: "…no matter how good the content is, if your audio
# quality isn't good." (the condition's consequence never came), "…and the." (cut mid-clause).
_HANGS = re.compile(
    r"\bno matter (?:how|what)\b.*,\s*(?:if|when|because)\b[^,;]*[.!]$"
    r"|\b(?:and|or|but|the|a|an|of|to|with|for|because|if)\W*$",
    re.I,
)
# Where to go for a product, said as its pitch: "The Azure AI studio is the place where you can really build…".
_PITCH = re.compile(r"\b(?:is|are) (?:the|a|your) (?:one )?(?:place|destination|home) (?:where|to)\b", re.I)
# A guess, not a conviction: "I guess you might have to pip install…".
_HEDGE = re.compile(r"^(?:i guess|i suppose|maybe|perhaps|probably)\b", re.I)
# A speaker telling what they did (an anecdote or a bio) or announcing what they will say: not a claim.
_ANECDOTE = re.compile(
    r"^(?:[\w-]+, )?(?:(?:i|we) (?:was|were|had|did|went|got|saw|met|started|interviewed|worked|used to|remember|"
    r"recently|once)|(?:i|we)'ve (?:done|been|worked|had|seen|used)|(?:back )?when (?:i|we) (?:was|were|started|first))\b"
    r"|\b(?:i think it was|back in) (?:\d|last|the)"
    r"|\b(?:i (?:want|wanted) to (?:mention|say|add|talk)|i'll (?:also )?(?:say|add|mention)|let me (?:say|add)|"
    r"the (?:things|one) i wanted to mention)\b",
    re.I,
)
# A speaker's own stance: the sample's quote is a conviction about the episode's subject.
_CONVICTION = re.compile(
    r"\b(?:i (?:really |truly |strongly |do |genuinely |firmly )?(?:believe|am convinced)|i'm (?:convinced|sure|certain)|"
    r"in my (?:view|opinion|experience)|the (?:real|big|biggest|hard|hardest|key|main|whole|only) (?:problem|thing|"
    r"question|lesson|point|challenge|issue|difference|reason|trick|secret|risk)|what (?:people|everyone|most people|"
    r"folks) (?:miss|forget|don't (?:realize|understand|get|see))|the (?:truth|reality|thing|point|problem) is|"
    r"(?:most|really|super) important|at the end of the day|the future|the secret|the best|the worst)\b",
    re.I,
)
_THINK = re.compile(r"\bi (?:really |do |just |don't |do not )?think\b", re.I)
# A turn against the expected: contrast and surprise make a line memorable.
_CONTRAST = re.compile(
    r"\b(?:but|yet|instead|rather than|not (?:just|only|about|necessarily|even)|the opposite|surprising(?:ly)?|"
    r"turns out|isn't|aren't|never|always|nobody|no one|everyone|everybody)\b",
    re.I,
)
_FILLER = re.compile(
    r"(?<![\w'])(?:um+|uh+|you know|i mean|kind of|sort of|like,|let's say|so to speak)(?![\w'])", re.I
)
TOPIC_WORDS = 30  # the episode's most said content words that count as its topics
_ENDS = (".", "!", "。", "！")


@dataclass(frozen=True)
class QuoteContext:
    """What a quote is judged against: the language, the talk's time span and the episode's topic words."""

    english: bool = True
    talk_start: float = 0.0
    talk_end: float = 0.0  # 0: no position rule (the span is unknown)
    topic_words: frozenset[str] = frozenset()
    content_words: Callable[[str], Iterable[str]] | None = None
    podcast: str = ""


def trails_off(text: str) -> bool:
    """A sentence that ends in "..." or a dash was left unfinished."""
    return text.rstrip().endswith(("...", "…", "--", "—", "-"))


def is_whole_sentence(sentence: TranscriptSentence) -> bool:
    """A statement as the engine punctuated it, of a quote's length, with no stage notes or broken-off words."""
    raw = sentence.raw.strip()
    if not MIN_WORDS <= len(raw.split()) <= MAX_WORDS or sentence.is_question or not sentence.punctuated:
        return False
    if raw[:1].islower() or not raw.endswith(_ENDS) or trails_off(raw):
        return False
    # Stage notes, broken-off words and quoted dialogue read badly out of context.
    return not any(mark in raw for mark in ("[", "--", "\\", '"', "“"))


def refers_back(text: str) -> bool:
    """An English sentence whose meaning depends on what was said before it."""
    text = text.strip()
    if LEANS_BACK.match(text) or _MENTIONS_EARLIER.search(text):
        return True
    return bool(_POINTS_BACK.match(_SOFT_OPENER.sub("", text)))


def is_plug(text: str) -> bool:
    """A call to action or a plug for the show: where to go, what to sign up for."""
    return bool(_PLUG.search(text) or _PITCH.search(text))


def filler_heavy(text: str) -> bool:
    """Two fillers or more, or one in a short sentence: it reads as talk, not as a line."""
    found = len(_FILLER.findall(text))
    return found >= 2 or (found == 1 and len(text.split()) < 16)


def in_intro_or_outro(start: float, context: QuoteContext) -> bool:
    span = context.talk_end - context.talk_start
    if span <= 0:
        return False
    edge = INTRO_OUTRO_SHARE * span
    return start < context.talk_start + edge or start > context.talk_end - edge


def quotable(sentence: TranscriptSentence, context: QuoteContext) -> bool:
    """May this sentence be the quote at all?"""
    if not is_whole_sentence(sentence) or in_intro_or_outro(sentence.start, context):
        return False
    raw = sentence.raw.strip()
    return not (context.english and (refers_back(raw) or is_plug(raw) or filler_heavy(raw) or hangs(raw)))


def hangs(text: str) -> bool:
    """An English sentence broken off or left waiting for its main clause (see _HANGS)."""
    return bool(_HANGS.search(text.strip()))


def topic_vocabulary(
    topics: Iterable[str],
    texts: Iterable[str],
    content_words: Callable[[str], Iterable[str]],
    *,
    leave_out: Iterable[str] = (),
    most: int = TOPIC_WORDS,
) -> frozenset[str]:
    """The words of the episode's topics: those of its headings and title, and the content words
    most sentences say (in time order on ties, so the set never depends on the hash seed)."""
    skip = {w.casefold() for w in leave_out}
    counts: dict[str, int] = {}
    for text in texts:
        for word in dict.fromkeys(content_words(text)):
            counts[word] = counts.get(word, 0) + 1
    frequent = sorted((w for w in counts if w not in skip and counts[w] >= 3), key=lambda w: -counts[w])
    named = {w for t in topics for w in content_words(t) if w not in skip}
    return frozenset(named | set(frequent[:most]))


def topic_share(text: str, context: QuoteContext) -> int:
    """How many of the episode's topic words the sentence says."""
    if context.content_words is None or not context.topic_words:
        return 0
    return len(set(context.content_words(text)) & context.topic_words)


def quotability(sentence: TranscriptSentence, context: QuoteContext | None = None) -> float:
    """0 for a sentence that can't be the quote; otherwise how much a listener would want to underline it."""
    context = context or QuoteContext()
    if not quotable(sentence, context):
        return 0.0
    raw = sentence.raw.strip()
    score = 1.0
    if context.topic_words:
        score *= 0.6 + 0.15 * min(topic_share(raw, context), 4)
    if context.english:
        stance = min(2, len(_CONVICTION.findall(raw))) * 0.6 + (0.3 if _THINK.search(raw) else 0.0)
        turn = min(2, len(_CONTRAST.findall(raw))) * 0.3
        score *= (
            1.0 + stance + turn - (0.5 if _ANECDOTE.search(raw) else 0.0) - 0.3 * len(_FILLER.findall(raw))
        )
        if _HEDGE.match(raw):
            score *= 0.5
    if len(context.podcast) >= 4 and context.podcast.casefold() in raw.casefold():
        score *= 0.5  # talk about the show itself, not its subject
    if len(raw.split()) < 15:
        score *= 0.85  # a short line says less (the sample's quote runs to 60 words)
    return max(score, 0.0)


def favorite_quote(
    sentences: Sequence[TranscriptSentence],
    relevance: Sequence[float],
    index: QuoteIndex,
    *,
    accept: Callable[[TranscriptSentence], bool] | None = None,
    context: QuoteContext | None = None,
) -> Quote | None:
    """The best-scoring quotable sentence that the transcript verifies (and `accept` allows); None when none does."""
    found = favorite_quote_line(sentences, relevance, index, accept=accept, context=context)
    return found[1] if found is not None else None


def favorite_quote_line(
    sentences: Sequence[TranscriptSentence],
    relevance: Sequence[float],
    index: QuoteIndex,
    *,
    accept: Callable[[TranscriptSentence], bool] | None = None,
    context: QuoteContext | None = None,
) -> tuple[TranscriptSentence, Quote] | None:
    """favorite_quote with the sentence it quotes, so the summary can keep that line out of its other parts."""
    scored = []
    for sentence, rank in zip(sentences, relevance, strict=True):
        q = quotability(sentence, context)
        if q > 0:
            scored.append((-(q * (0.3 + rank)), sentence.position, sentence))
    scored.sort(key=lambda s: (s[0], s[1]))
    allowed = (s for _, _, s in scored if accept is None or accept(s))
    for sentence in itertools.islice(allowed, 50):
        quote = index.find(sentence.raw)
        if quote is not None:
            return sentence, quote
    return None
