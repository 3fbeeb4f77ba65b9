"""Key Ideas: which sentences read alone as ideas, and which of a topic's ideas are about its heading.

An idea is read out of context, under a heading. So it may not open on a
word that points at something said before it ("Those Uyghurs…", "Of that,
…", "To your point…", "It's something…"), be the speaker's own feelings or
story ("To me, I don't necessarily feel pigeon-holed", "I've fed all my
neighbours' faces into a little system"), or be filler ("It's fine to dream a
little"). And a group's ideas are chosen for its heading: the heading is a
phrase at least MIN_IDEAS of the topic's sentences say, and the ideas are
picked among the sentences that say it.

English only: for other languages every sentence reads alone here.
"""

import re
from collections.abc import Sequence

import numpy as np

from podcast_digest.summarization.extractive.grammar import content_stems
from podcast_digest.summarization.extractive.headings import (
    fuller_heading,
    fuller_spelt,
    heading_said_most,
    names_subject,
    shared_phrases,
    title_case,
    word_said_most,
)
from podcast_digest.summarization.extractive.phrases import PhraseBook, PhraseKey
from podcast_digest.summarization.extractive.ranking import mmr
from podcast_digest.summarization.extractive.topics import MAX_IDEAS, MIN_IDEAS
from podcast_digest.summarization.extractive.vocabulary import stem

# Openings that refer back to what was said, or reply to someone, instead of stating something.
_REFERS_BACK = re.compile(
    r"^(?:it|it's|its|this|that|that's|these|those|they|they're|them|their|he|he's|she|she's|his|her|him|"
    r"such|both|another|the other|the same|same|here|here's|which|what|also|then|even|again|instead|"
    r"otherwise|yeah|yes|no|right|exactly|well|so|and|but|or|plus|of course|oh|okay|ok|anyway|"
    r"(?:of|from|for|with|about|on|in|at|like) (?:that|this|those|these|it|them)|"
    r"to (?:your|his|her|my|that|this|the|[\w-]+'s?) point|back to|in that case|like i said|as i said|as you said|"
    r"you're right|you said|you mentioned|you asked|your point|good point|great point)\b",
    re.IGNORECASE,
)
# A share of, or a deed done to, what was said before: "Part of that is probably not because of my job.",
# "We keep it, for the most part…": the thing spoken of is only pointed at.
_POINTS_AT_BEFORE = re.compile(
    r"^(?:(?:part|some|most|all|much|many|one|none|any|each|half|a lot) of (?:that|this|those|these|it|them)\b"
    r"|(?:we|you|they|i|people) (?:can |could |will |would |should |just |all )?\w+ (?:it|that|this|them)\s*(?:[,.;:!]|$))",
    re.IGNORECASE,
)
# The speaker's own feelings or views, stated as such: "To me, …", "I don't necessarily feel…".
_OWN_VIEW = re.compile(
    r"^(?:to me|for me|personally|in my (?:opinion|view|experience)|my (?:guess|feeling|sense|take|hope)|"
    r"i(?:'m| am| was|'ve| have|'d| would| don't| didn't| do| did|'ll| will)?(?: not| never| just| really| actually| also|"
    r" still| always| definitely| necessarily| kind of| sort of)*"
    r" (?:think|thought|feel|felt|guess|believe|know|knew|wish|hope|love|loved|like|liked|hate|remember|"
    r"mean|suppose|presume|presuming|wonder|wondering|want|wanted|excited|glad|happy|sure|surprised|"
    r"curious|fascinated|interested|worried|afraid|honored|thrilled|grateful|thankful|proud|"
    r"don't know|don't think))\b",
    re.IGNORECASE,
)
# A story about the speaker rather than a statement about the subject: "I've fed…", "I was doing…".
_OWN_STORY = re.compile(r"^(?:i|i'm|i've|i'd|i'll|me|my|myself)\b", re.IGNORECASE)
_FILLER = re.compile(
    r"^(?:it's|it is|that's|that is|this is) (?:fine|okay|ok|good|great|cool|fun|nice|funny|crazy|wild|"
    r"amazing|awesome|interesting|fascinating|hard to say|so true|true)\b"
    r"|\b(?:fine|okay|ok) to (?:dream|speculate|wonder)\b",
    re.IGNORECASE,
)
_QUOTED_SPEECH = re.compile(r"[\"“”]")
# A host's request ("Explain to me how GitHub Copilot works.") or a phrase cut from its sentence
# ("As opposed to the Azure nightclub…", "Subtle enough that…"): no statement of the episode.
_NO_STATEMENT = re.compile(
    r"^(?:(?:explain|tell|walk|give|show|remind) (?:me|us)|as opposed to|to put (?:that|this|it)|"
    r"subtle enough|such as|just like|compared to|in terms of)\b",
    re.IGNORECASE,
)
# Within a Key Idea, words that point at a thing said before and not named in it: a share of it ("a small
# amount of it", "one of these networks"), a reason or way already given ("that's why", "in that way"), a
# place already named ("tremendous progress there."; "out there" is the world, not a place).
_POINTS_BACK_WITHIN = re.compile(
    r"(?:\bof (?:these|those)\b"
    r"|\b(?:one|some|certain|many|most|all|any|each|none|few|several|amount|lot|bit|part|rest|half) "
    r"of (?:them|it)\b(?! all)"
    r"|\b(?:that|this)\s*[.!?]*\s*$"
    r"|(?:that's|that is|this is|which is) (?:why|how)\b"
    r"|(?:in|for) (?:that|this) (?:way|reason|sense)\b|because of (?:that|this)\b"
    r"|\b(?:hear|heard|see|saw|say|said) (?:that|this)(?= to\b|\s*[,.;:!?]|\s*$)"
    r"|(?<!out )(?<!over )(?<!in )\bthere(?=\s*[,.;:!?]|\s*$))",
    re.IGNORECASE,
)
# The speaker's own story, interest or case, anywhere in it: "When my printer doesn't work, I send…", "If
# I have five different conversations…", a "we" told in the past ("We just started our Covid life early.",
# "We were talking to Scott yesterday…"), a moment of the speaker's day.
_SPEAKERS_OWN = re.compile(
    r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself)(?![\w'’])"
    r"|\b(?:yesterday|the other day|last (?:week|night|month))\b"
    r"|\b(?:we're|we are) (?:so |really |very )?(?:happy|glad|excited|thrilled|honored|grateful|proud)\b"
    r"|\b(?:let us know|if you're a listener|reach out to us|thanks (?:so much )?for)\b"
    r"|,\s*(?:it's|that's) (?:amazing|awesome|great|cool|funny)\W*$|\bthere (?:was|were)\b"
    r"|\bhere (?:at|in|on) (?:the )?[A-Z]|\bwe(?:'ve)? (?:gotta|got to)\b|\bhere to (?:tell|talk to) us\b"
    r"|^(?:(?:so|and|but|when|then) )?we (?:(?:just|all|actually|really|even|also|hadn't|had never|didn't|"
    r"never) )*"
    r"(?:were|was|had|did|went|got|started|began|saw|met|talked|tried|came|ended|spent|decided|"
    r"transitioned|hadn't|didn't)\b",
    re.IGNORECASE,
)
# Phrases a topic's heading may be chosen from: the best this many, in the book's order.
_HEADING_CHOICES = 12
# How much more a heading of several words, or a name, counts than a lone common word.
_NAME_WEIGHT = 1.5
# A lone common word ("industry", "applications") names a topic only when nothing better is said as often.
_COMMON_WORD_WEIGHT = 0.5
# How many of a thin topic's phrases are tried as its heading before it is given up.
_HEADINGS_TRIED = 3


def why_not_alone(text: str, *, key_idea: bool = True) -> str | None:
    """Why an idea cannot be read alone under a heading, or None when it can. `key_idea` is the
    stricter test of the top part (no story of the speaker's, no quoted speech); In-Depth keeps those,
    since a part's ideas are every idea of that part and a guest's story may be its content."""
    text = text.strip().lstrip("\"“'‘-–— ")
    if _FILLER.search(text):
        return "filler"
    if _REFERS_BACK.match(text) or _POINTS_AT_BEFORE.match(text):
        return "refers back"
    if _NO_STATEMENT.match(text):
        return "no statement"
    if _OWN_VIEW.match(text):
        return "the speaker's own view"
    if key_idea and _OWN_STORY.match(text):
        return "the speaker's own story"
    if key_idea and _QUOTED_SPEECH.search(text):
        return "quoted speech"
    return None


def why_no_key_idea(text: str) -> str | None:
    """Why a sentence that reads alone is still no Key Idea (it points back within itself, or it is the
    speaker's own story or interest), or None: a Key Ideas group would rather have three real ideas, or
    be left out, than carry it."""
    if _SPEAKERS_OWN.search(text):
        return "the speaker's own story"
    if _POINTS_BACK_WITHIN.search(text):
        return "points back"
    return None


def said_as_a_verb(word: str, texts: Sequence[str]) -> bool:
    """Whether a one-word heading is said as a verb in most of the ideas that say it ("to figure out")."""
    if " " in word.strip():
        return False
    w = re.escape(word.strip().casefold())
    as_verb = re.compile(
        rf"\b(?:to|can|could|will|would|you|we|they|i) {w}\b|\b{w} (?:out|up)\b", re.IGNORECASE
    )
    saying = [t for t in texts if re.search(rf"\b{w}\b", t, re.IGNORECASE)]
    return bool(saying) and 2 * sum(1 for t in saying if as_verb.search(t)) > len(saying)


def said_as_a_modifier(book: PhraseBook, key: PhraseKey, sentences: Sequence[int]) -> bool:
    """Whether a lone word is said, in most of the sentences saying it, before a different word each time
    ("single button", "single tab", "single update"): it qualifies things, it names none of them."""
    (word,) = key
    # One word after it per sentence: "natural language voice interaction" holds three phrases, one "voice".
    after = [
        word_after
        for i in sentences
        for word_after in {k[k.index(word) + 1] for k in book.by_sentence[i] if len(k) > 1 and word in k[:-1]}
    ]
    return 2 * len(after) > len(sentences) and 2 * len(set(after)) > len(after)


def length_weight(words: int, *, easy: int = 15, longest: int = 30) -> float:
    """How an idea's length weighs: 1 up to the sample's length, falling to 0.3 at `longest` words."""
    if words <= easy:
        return 1.0
    return max(0.3, 1.0 - 0.7 * (words - easy) / max(1, longest - easy))


def topic_ideas(
    book: PhraseBook,
    pool: Sequence[int],
    weight: Sequence[float],
    sim: np.ndarray,
    *,
    names: set[str],
    avoid: set[str],
) -> tuple[str, list[int]]:
    """A heading for the topic whose candidate ideas are `pool` (weights and similarities aligned with
    it), and 3-5 distinct ideas about it: all saying it where three do, else two saying it and the rest
    sharing a word of it where they can; ("", []) when no two ideas share a topic phrase."""
    for needed in (MIN_IDEAS, 2):
        found = _best_phrase(book, pool, weight, sim, names=names, avoid=avoid, needed=needed)
        if found is not None:
            ideas = sorted(pool[j] for j in found[1])
            return title_case(fuller_heading(book, found[0], ideas, avoid=avoid)), ideas
    return "", []


def _best_phrase(
    book: PhraseBook,
    pool: Sequence[int],
    weight: Sequence[float],
    sim: np.ndarray,
    *,
    names: set[str],
    avoid: set[str],
    needed: int,
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[PhraseKey, list[int]] | None:
    """The topic phrase at least `needed` ideas say whose ideas weigh most, and those ideas (positions in
    pool); a phrase with a word of `skip` (stems another heading has) is passed over."""
    best: tuple[float, PhraseKey, list[int]] | None = None
    choices = [
        k for k, count in shared_phrases(book, pool, names=names) if count >= needed and not set(k) & skip
    ]
    for key in choices[:_HEADING_CHOICES]:
        spelt = book.spell(key)
        # "CI CD" is how "CI/CD" splits into words: a heading needs a word a reader can find in its bullets.
        if spelt.casefold() in avoid or not content_stems(spelt) or not names_subject(book, spelt):
            continue
        named_thing = len(key) > 1 or spelt[:1].isupper()
        if not named_thing and needed < MIN_IDEAS:
            continue  # a lone common word said twice ("response", "professional") is a coincidence, not a topic
        saying = [j for j, i in enumerate(pool) if key in book.by_sentence[i]]
        if not named_thing and book.english and said_as_a_modifier(book, key, [pool[j] for j in saying]):
            continue  # "single" of "single button", "single tab", "single update": no one subject
        chosen = [saying[j] for j in mmr([weight[j] for j in saying], sim[np.ix_(saying, saying)], MAX_IDEAS)]
        if len(chosen) < needed:
            continue
        on_it = len(chosen)
        chosen = _filled(book, pool, weight, sim, key, chosen)
        if len(chosen) < MIN_IDEAS:
            continue
        named = _NAME_WEIGHT if named_thing else _COMMON_WORD_WEIGHT
        value = named * sum(weight[j] for j in chosen) * on_it / len(chosen)
        if best is None or value > best[0]:
            best = (value, key, chosen)
    return (best[1], best[2]) if best is not None else None


def _filled(
    book: PhraseBook,
    pool: Sequence[int],
    weight: Sequence[float],
    sim: np.ndarray,
    key: PhraseKey,
    chosen: list[int],
) -> list[int]:
    """`chosen` made up to MIN_IDEAS with ideas that say a word of the phrase (never with ideas about
    something else: a heading over bullets that do not concern it is what this module is against)."""
    if len(chosen) >= MIN_IDEAS:
        return chosen
    # Said by its head word ("button" of "single button"), not by a word that qualifies it ("single").
    words = {key[-1]} if book.english and len(key) > 1 else set(key)
    near = {
        j
        for j, i in enumerate(pool)
        if j not in chosen and words & {w for k in book.by_sentence[i] for w in k}
    }
    return mmr(list(weight), sim, MIN_IDEAS - len(chosen), already=chosen, accept=near.__contains__) + chosen


def ideas_on_the_heading_said_most(
    book: PhraseBook,
    pool: Sequence[int],
    texts: Sequence[str],
    weight: Sequence[float],
    sim: np.ndarray,
    *,
    names: set[str],
    avoid: set[str],
) -> tuple[str, list[int]]:
    """A thin topic's heading, the phrase most of its ideas say, and 3-5 distinct ideas each saying a word
    of it (`texts` are the ideas as shown, aligned with `pool`); ("", []) when fewer than three do: a
    heading over bullets that do not concern it names nothing a reader finds under it."""
    tried = set(avoid)
    for pick in [_heading_said_most] * _HEADINGS_TRIED + [_word_said_most] * _HEADINGS_TRIED:
        spelt = pick(book, pool, texts, names=names, avoid=tried)
        if not spelt:
            continue
        tried.add(spelt.casefold())
        if book.english and said_as_a_verb(spelt, texts):
            continue  # "Figure" over ideas that each "figure out" something names no subject
        wanted = content_stems(spelt)
        saying = [j for j, text in enumerate(texts) if wanted & content_stems(text)]
        chosen = mmr([weight[j] for j in saying], sim[np.ix_(saying, saying)], MAX_IDEAS)
        if len(chosen) >= MIN_IDEAS:
            ideas = sorted(pool[saying[j]] for j in chosen)
            if book.english and _a_piece_of_several(book, spelt, ideas):
                continue  # "Language" over "small language models", "natural language voice interaction"
            # Chosen by the word; headed by the longer phrase these ideas say it in, where they do.
            fuller = fuller_spelt(book, spelt, ideas, avoid=tried)
            # "System" is a stop word where "systems" is not: a heading must keep a word its bullets say.
            return (fuller if content_stems(fuller) else spelt), ideas
    return "", []


def _a_piece_of_several(book: PhraseBook, spelt: str, ideas: Sequence[int]) -> bool:
    """A lone common word the ideas say before a different word each time (`said_as_a_modifier`): it
    qualifies several things and heads none of them. A name ("Python code", "Python APIs") is their subject."""
    key = (stem(spelt.strip().casefold()),)
    if " " in spelt.strip() or book.spell(key)[:1].isupper():
        return False
    return said_as_a_modifier(book, key, ideas)


def _heading_said_most(
    book: PhraseBook, pool: Sequence[int], texts: Sequence[str], *, names: set[str], avoid: set[str]
) -> str:
    return heading_said_most(book, pool, texts, names=names, avoid=avoid, fuller=False)


def _word_said_most(
    book: PhraseBook, pool: Sequence[int], texts: Sequence[str], *, names: set[str], avoid: set[str]
) -> str:
    return word_said_most(texts, names=names, avoid=avoid, english=book.english, book=book)


def episode_topics(
    book: PhraseBook,
    pool: Sequence[int],
    weight: Sequence[float],
    sim: np.ndarray,
    *,
    names: set[str],
    wanted: int,
) -> list[tuple[str, list[int]]]:
    """Up to `wanted` topics across the whole episode, each a heading and the 3-5 ideas of `pool` that
    say it (two at least, when too few topics have three), no idea under two headings and no word in
    two headings: a topic is what several ideas say, wherever in the talk they say it."""
    found: list[tuple[str, list[int]]] = []
    left = list(range(len(pool)))
    said: set[str] = set()
    for needed in (MIN_IDEAS, 2):
        while len(found) < wanted and len(left) >= MIN_IDEAS:
            sub = [pool[j] for j in left]
            avoid = {h.casefold() for h, _ in found}
            best = _best_phrase(
                book,
                sub,
                [weight[j] for j in left],
                sim[np.ix_(left, left)],
                names=names,
                avoid=avoid,
                needed=needed,
                skip=said,
            )
            if best is None:
                break
            key, chosen = best
            said |= set(key)
            ideas = sorted(sub[j] for j in chosen)
            found.append((title_case(fuller_heading(book, key, ideas, avoid=avoid)), ideas))
            taken = {left[j] for j in chosen}
            left = [j for j in left if j not in taken]
    return found
