"""Words: tokens, light stems and the stop words for an episode's language.

English gets the Glasgow stop-word list (as scikit-learn ships it) plus the words of conversation
("yeah", "gonna", "kind of") that carry no topic. Any other language, or text
that does not look English, gets stop words learnt from the episode itself:
the words that are frequent everywhere in it.
"""

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from podcast_digest.summarization.extractive.english_stop_words import ENGLISH_STOP_WORDS

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

CONVERSATION_WORDS = frozenset(
    [
        "yeah",
        "yes",
        "yep",
        "yup",
        "nope",
        "okay",
        "ok",
        "oh",
        "ah",
        "uh",
        "um",
        "umm",
        "hmm",
        "mm",
        "huh",
        "wow",
        "hey",
        "hi",
        "hello",
        "like",
        "just",
        "really",
        "actually",
        "basically",
        "literally",
        "totally",
        "definitely",
        "probably",
        "maybe",
        "pretty",
        "quite",
        "sure",
        "kind",
        "sort",
        "kinda",
        "sorta",
        "lot",
        "lots",
        "bit",
        "little",
        "thing",
        "things",
        "stuff",
        "gonna",
        "wanna",
        "gotta",
        "got",
        "get",
        "gets",
        "getting",
        "go",
        "goes",
        "going",
        "gone",
        "went",
        "know",
        "knew",
        "knows",
        "think",
        "thinks",
        "thought",
        "mean",
        "means",
        "meant",
        "guess",
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "told",
        "talk",
        "talking",
        "talked",
        "want",
        "wants",
        "wanted",
        "let",
        "lets",
        "doing",
        "does",
        "did",
        "done",
        "make",
        "makes",
        "making",
        "made",
        "come",
        "comes",
        "coming",
        "came",
        "look",
        "looks",
        "looking",
        "right",
        "good",
        "great",
        "cool",
        "nice",
        "awesome",
        "fine",
        "well",
        "anyway",
        "anyways",
        "gosh",
        "people",
        "person",
        "guy",
        "guys",
        "folks",
        "today",
        "yesterday",
        "tomorrow",
        "time",
        "times",
        "way",
        "ways",
        "something",
        "someone",
        "somebody",
        "anything",
        "anyone",
        "everything",
        "everyone",
        "nothing",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "you're",
        "you've",
        "you'd",
        "you'll",
        "we're",
        "we've",
        "we'd",
        "we'll",
        "they're",
        "they've",
        "it's",
        "that's",
        "there's",
        "here's",
        "what's",
        "who's",
        "don't",
        "doesn't",
        "didn't",
        "can't",
        "won't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "couldn't",
        "shouldn't",
        "wouldn't",
        "haven't",
        "hasn't",
        "let's",
        "kinda",
        "y'all",
        "ain't",
        "gonna",
        "episode",
        "podcast",
        "show",
        "listen",
        "listening",
        "listeners",
        "welcome",
        "thanks",
        "thank",
        "day",
        "days",
        "year",
        "years",
        "week",
        "weeks",
        "month",
        "months",
        "beginning",
        "part",
        "point",
        "question",
        "questions",
        "idea",
        "ideas",
        "answer",
        "reason",
        "reasons",
        "example",
        "examples",
        "moment",
        "side",
        "sense",
        "fact",
        "able",
        "need",
        "needs",
        "needed",
        "try",
        "trying",
        "tried",
        "different",
        "big",
        "small",
        "new",
        "old",
        "same",
        "whole",
        "true",
        "real",
        "hard",
        "easy",
        "important",
        "interesting",
        "fun",
    ]
)
ENGLISH_STOP_WORDS_PLUS = (
    frozenset(ENGLISH_STOP_WORDS)
    | CONVERSATION_WORDS
    | {w.replace("'", "’") for w in CONVERSATION_WORDS if "'" in w}
)

# Share of a text's words that must be English function words for it to "look English".
_ENGLISH_SHARE = 0.2
# Learnt stop words: at most this many, among words present in most parts of the episode.
_LEARNT_STOP_WORDS = 120
_LEARNT_PRESENCE = 0.5


def words(text: str) -> list[str]:
    """Lower-cased words (apostrophes kept inside a word: "don't")."""
    return [w.casefold().replace("’", "'") for w in WORD.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English-leaning stem: plurals and possessives only, so matches stay readable."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def looks_english(texts: Iterable[str]) -> bool:
    sample: list[str] = []
    for text in texts:
        sample.extend(words(text))
        if len(sample) > 5000:
            break
    if not sample:
        return False
    share = sum(1 for w in sample if w in ENGLISH_STOP_WORDS) / len(sample)
    return share >= _ENGLISH_SHARE


def is_english(language: str | None, texts: Sequence[str]) -> bool:
    """English when the language says so, or when it is unknown and the text looks English."""
    if language:
        return language.casefold().split("-")[0].split("_")[0] == "en"
    return looks_english(texts)


def stop_words_for(language: str | None, parts: Sequence[str]) -> frozenset[str]:
    """The stop words for an episode, given the text of its parts."""
    if is_english(language, parts):
        return ENGLISH_STOP_WORDS_PLUS
    return learnt_stop_words(parts)


def learnt_stop_words(parts: Sequence[str]) -> frozenset[str]:
    """Words frequent across the whole episode (function words in any language), plus one-letter words."""
    counts: Counter[str] = Counter()
    presence: Counter[str] = Counter()
    for part in parts:
        tokens = words(part)
        counts.update(tokens)
        presence.update(set(tokens))
    if not counts:
        return frozenset()
    needed = max(1, round(len(parts) * _LEARNT_PRESENCE)) if len(parts) > 2 else 1
    frequent = [w for w, _ in counts.most_common() if presence[w] >= needed]
    # With few parts "present everywhere" says little: keep only the most frequent words then.
    limit = _LEARNT_STOP_WORDS if len(parts) > 2 else max(10, len(counts) // 20)
    short = {w for w in counts if len(w) == 1}
    return frozenset(frequent[:limit]) | short
