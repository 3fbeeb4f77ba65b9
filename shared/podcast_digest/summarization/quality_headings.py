"""Headings that name no subject, counted for the quality bench (Key Ideas and In-Depth headings).

The sample's headings name what their bullets are about in a few words ("AI
Model Interpretability and Safety", "Memory and Cognition in AI"). A heading
is weak when it is:

- an adjective or adverb, or a phrase of them ("Faster", "Self Aware"), or a
  noun phrase led by a word that only rates it ("Tremendous Progress",
  "Massive Scale", "Useful Context"): it says how something is, not what;
- a generic noun, alone or with another ("Content", "Context", "Things",
  "Stuff", "Way", "Results"): a word any talk says about any subject;
- a verb as its bullets say it ("Create UI Widgets" over "you create these
  nested UI widgets", "Converge" over "the models didn't converge"): a word
  its bullets say after "you", "we", "to", "can"… and never after "the", "a",
  "our"…; it says what is done, not what about;
- a bare word that its bullets say inside a longer phrase, in two bullets
  or more ("Recognition" over "facial recognition, or object recognition"
  and "speech recognition"; "H2O" over "H2O Wave"): the longer phrase is
  the subject, the bare word only a piece of it. A name ("Python", spelt
  with its capital mid-sentence) is a piece only of a longer name said
  twice ("H2O Wave"); of "Python code" and "Python APIs" it is the subject.

Written here on their own, not borrowed from the summarizer's rules, so any
summarizer's headings (the old code's too) are scored by them. Word lists,
not a part-of-speech tagger: the Lambda layer carries none, and each count can
be traced to the word that made it.
"""

import itertools
import re
from collections.abc import Iterable, Sequence

from podcast_digest.models import Summary
from podcast_digest.summarization.extractive.grammar import looks_like_a_verb
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS, stem, words

# Words that say how something is (or how much), not what it is.
_ADJECTIVES = frozenset(
    """able arbitrary aware available awesome bad basic best better big bigger certain cheap cheaper cool crazy
    current custom different difficult early easier easy entire extra fast faster few fine full general good great
    hard harder high higher huge important incredible interesting key large larger late little long longer
    low lower main major massive modern meteoric mind-boggling much multiple new nice old own particular possible potential
    pretty previous quick quicker ready real recent self short simple slow slower small smaller specific
    strong stronger sure super tiny tremendous true typical useful whole wide wild wonderful""".split()  # noqa: SIM905
)
# Endings of words that are adjectives or adverbs however they are used ("dangerous", "helpful", "quickly").
_ADJECTIVE_ENDINGS = ("ous", "ful", "less", "ly")
# Nouns any talk says about any subject: a heading of them names none.
_GENERIC_NOUNS = frozenset(
    stem(w)
    for w in """approach area aspect bit case concept content context detail effort example fact field
    idea issue kind level lot matter option part piece point problem process progress purpose question
    reason result scenario side situation solution stuff subject suggestion thing time topic type update
    use value way""".split()  # noqa: SIM905
)
# Where a phrase breaks: punctuation, or a dash between words.
_BREAK = re.compile(r"[.!?,;:()\[\]\"“”—–]|\s-{1,2}\s")


def weak_heading_reason(heading: str, bullets: Sequence[str]) -> str | None:
    """Why a heading names no subject of its bullets, or None when it names one."""
    tokens = words(heading.replace("-", " "))
    content = [w for w in tokens if w not in _SMALL_WORDS]
    if not content:
        return None
    if all(_is_adjective(w) for w in content) or (len(content) > 1 and content[0] in _ADJECTIVES):
        return "adjective phrase"
    if all(_is_adjective(w) or stem(w) in _GENERIC_NOUNS for w in content):
        return "generic noun"
    verb = next((w for w in content if _said_as_a_verb(w, bullets)), None)
    if verb:
        return f"a verb as its bullets say it ({verb})"
    if len(content) == 1:
        longer = _longer_phrases(content[0], bullets)
        if _said_as_a_name(content[0], bullets):
            # A name is the subject of the things said of it ("Python code", "Python APIs"); it is a piece only
            # of a longer name said again ("H2O" over "H2O Wave" twice).
            longer = [p for p in longer if longer.count(p) >= 2]
        if len(longer) >= 2:
            return f"bare word of a longer phrase ({', '.join(sorted(set(longer))[:2])})"
    return None


# What comes before a verb ("you create", "didn't converge", "to design"), and before a noun ("the design").
_BEFORE_VERBS = frozenset(
    """i we you they he she it can can't could couldn't will won't would wouldn't should must might may don't
    doesn't didn't let's gonna wanna to""".split()  # noqa: SIM905
)
_BEFORE_NOUNS = frozenset(
    "the a an this that these those my our your their his her its some any every".split()  # noqa: SIM905
)
_WORD_AS_SAID = re.compile(r"[A-Za-z][\w'’-]*")


def _said_as_a_verb(word: str, bullets: Iterable[str]) -> bool:
    """The bullets say the heading's word (in any form of its stem) after a verb's subject or modal, never
    after a determiner, and never with a capital mid-sentence (a name: "to Azure")."""
    key = stem(word)
    as_verb = as_noun = 0
    for bullet in bullets:
        said = _WORD_AS_SAID.findall(bullet)
        for before, this in itertools.pairwise(said):
            if stem(this.casefold()) != key:
                continue
            if this[:1].isupper():
                return False
            before = before.casefold().replace("’", "'")
            as_verb += before in _BEFORE_VERBS
            as_noun += before in _BEFORE_NOUNS
    return as_verb > 0 and as_noun == 0


def _said_as_a_name(word: str, bullets: Iterable[str]) -> bool:
    """The bullets spell the word with a capital inside a sentence ("…bit of Python code"), never without."""
    key = stem(word)
    capital = lower = 0
    for bullet in bullets:
        for this in _WORD_AS_SAID.findall(bullet)[1:]:
            if stem(this.casefold()) == key:
                capital += this[:1].isupper()
                lower += this[:1].islower()
    return capital > 0 and lower == 0


def _is_adjective(word: str) -> bool:
    return word in _ADJECTIVES or (len(word) > 5 and word.endswith(_ADJECTIVE_ENDINGS))


def _longer_phrases(word: str, bullets: Iterable[str]) -> list[str]:
    """One phrase per bullet that says `word` next to another word naming a thing ("speech recognition",
    "H2O Wave"): a content word beside it with no punctuation between, not a verb form or a rating."""
    key = stem(word)
    found = []
    for bullet in bullets:
        for chunk in _BREAK.split(bullet):
            said = words(chunk)
            phrase = next(
                (
                    " ".join(pair)
                    for n, w in enumerate(said)
                    if stem(w) == key
                    for pair in (said[n - 1 : n + 1] if n else [], said[n : n + 2])
                    if len(pair) == 2 and _names_a_thing(pair[0] if pair[1] == w else pair[1])
                ),
                None,
            )
            if phrase:
                found.append(phrase)
                break
    return found


def _names_a_thing(word: str) -> bool:
    return (
        word not in ENGLISH_STOP_WORDS_PLUS
        and word not in _SMALL_WORDS
        and len(word) > 2
        and not word.isdigit()
        and not _is_adjective(word)
        and not word.endswith(("ed", "ing"))
        and "'" not in word
        and not looks_like_a_verb(word)
        and word not in _TAKES_AN_OBJECT
    )


# Verbs said before what they act on ("install H2O", "deploy Wave"): no part of the thing's name.
_TAKES_AN_OBJECT = frozenset("install deploy download import launch ship open release".split())  # noqa: SIM905


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"}
)


def weak_headings(summary: Summary) -> dict[str, list[tuple[str, str]]]:
    """Each grouped part's weak headings, with why: Key Ideas (over their ideas), In-Depth (over its ideas)."""
    groups = {
        "key_ideas": [(g.heading, g.ideas) for g in summary.key_ideas],
        "in_depth_ideas": [(p.heading, p.key_ideas) for p in summary.in_depth],
    }
    found: dict[str, list[tuple[str, str]]] = {}
    for part, pairs in groups.items():
        found[part] = []
        for heading, bullets in pairs:
            why = weak_heading_reason(heading, bullets)
            if why:
                found[part].append((heading, why))
    return found


def headings_said_once(summary: Summary) -> dict[str, list[str]]:
    """Each grouped part's headings of which no phrase is said by two of its bullets (ideas, and an In-Depth
    part's lesson explanations): the issue's rule is a noun phrase at least two bullets say. A heading of
    two subjects ("Speech Recognition and Azure") needs one of them said twice; each said once names only
    one bullet apiece."""
    groups = {
        "key_ideas": [(g.heading, g.ideas) for g in summary.key_ideas],
        "in_depth_ideas": [
            (p.heading, [*p.key_ideas, *(lesson.explanation for lesson in p.lessons)])
            for p in summary.in_depth
        ],
    }
    return {
        part: [heading for heading, bullets in pairs if not _said_twice(heading, bullets)]
        for part, pairs in groups.items()
    }


def _said_twice(heading: str, bullets: Sequence[str]) -> bool:
    said = [{stem(w) for w in words(bullet)} for bullet in bullets]
    for subject in re.split(r"\s+and\s+", heading):
        wanted = {stem(w) for w in words(subject) if w not in ENGLISH_STOP_WORDS_PLUS}
        if wanted and sum(1 for words_of in said if wanted <= words_of) >= 2:
            return True
    return False
