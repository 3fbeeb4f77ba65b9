"""Key phrases: what a part, a topic or a sentence is about, as readable words.

Candidates are runs of content words between stop words and punctuation (as
in RAKE), up to three words long. A phrase scores by how often it occurs in
the scope asked about and how specific its words are to that scope within the
episode. Phrases keep the spelling the speakers' transcript uses mid-sentence
("Azure", "provisioned concurrency").
"""

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS, WORD, stem

PhraseKey = tuple[str, ...]

_MAX_WORDS = 3
# How much repetition counts: saturating, so a word said in every sentence doesn't drown the part's topics.
_COUNT_WEIGHT = 0.6
_BREAK = re.compile(r"[.!?,;:()\[\]\"“”—–]|\s-{1,2}\s")


class PhraseBook:
    """The candidate phrases of every sentence of an episode, with their spellings and part frequencies."""

    def __init__(
        self,
        sentences: Sequence[str],
        parts_of_sentences: Sequence[int],
        stop_words: frozenset[str],
        names: Iterable[str] = (),
    ) -> None:
        self._stop_words = stop_words
        # The English heading rules (topics.names_a_subject, phrases spelt as said) apply to English talk only.
        self.english = stop_words == ENGLISH_STOP_WORDS_PLUS
        self._name_words = {stem(w.casefold()) for name in names for w in WORD.findall(name)}
        self._spellings: dict[str, Counter[str]] = defaultdict(Counter)
        self._initial_spellings: dict[str, Counter[str]] = defaultdict(Counter)
        self._said: dict[PhraseKey, Counter[tuple[str, ...]]] = defaultdict(Counter)  # phrases of 2+ words
        self._as_verb, self._as_noun = _word_uses(sentences) if self.english else (Counter(), Counter())
        self.by_sentence: list[list[PhraseKey]] = [self._extract(text) for text in sentences]
        self._episode_counts: Counter[PhraseKey] = Counter(k for keys in self.by_sentence for k in keys)
        parts_with_word: dict[str, set[int]] = defaultdict(set)
        for keys, part in zip(self.by_sentence, parts_of_sentences, strict=True):
            for key in keys:
                for word in key:
                    parts_with_word[word].add(part)
        self._part_count = max(1, len(set(parts_of_sentences)))
        # A word heard in every part is what the whole episode is about, not what one part is about.
        self._idf = {
            w: math.log((1 + self._part_count) / (1 + len(p))) + 0.1 for w, p in parts_with_word.items()
        }

    def _extract(self, text: str) -> list[PhraseKey]:
        keys: list[PhraseKey] = []
        for chunk in _BREAK.split(text):
            run: list[str] = []
            surfaces: list[str] = []
            for position, match in enumerate(WORD.finditer(chunk)):
                surface = match.group(0)
                folded = surface.casefold().replace("’", "'")
                stemmed = stem(folded)
                if (
                    folded in self._stop_words
                    or stemmed in self._stop_words
                    or folded.isdigit()
                    or len(folded) < 2
                    or "'" in folded
                ):
                    keys.extend(self._phrases_of(run, surfaces))
                    run, surfaces = [], []
                    continue
                # Capitals at the start of a chunk say nothing about how a word is spelt: count those apart.
                spellings = self._spellings if position > 0 or surface.isupper() else self._initial_spellings
                spellings[stemmed][surface] += 1
                run.append(stemmed)
                surfaces.append(surface)
            keys.extend(self._phrases_of(run, surfaces))
        return keys

    def _phrases_of(self, run: list[str], surfaces: list[str]) -> list[PhraseKey]:
        """The run's phrases (see _ngrams), each of several words noted as it was said ("feature requests")."""
        keys = _ngrams(run)
        for start, end in _ngram_spans(len(run)):
            if end - start > 1:
                self._said[tuple(run[start:end])][tuple(surfaces[start:end])] += 1
        return keys

    def spell_as_said(self, key: PhraseKey) -> str:
        """A phrase in the words' forms the speakers said it in ("feature requests", not "features request"
        from each word's commonest form), each word's case as `spell` gives it."""
        said = self._said.get(key)
        if not said or not self.english:
            return self.spell(key)
        surface = said.most_common(1)[0][0]
        out = []
        for word, form in zip(key, surface, strict=True):
            spelt = self._spelling(word)
            if form.casefold() == spelt.casefold():
                out.append(spelt)
            elif spelt[:1].isupper() or form.isupper():
                out.append(form[:1].upper() + form[1:])
            else:
                out.append(form.lower())
        return " ".join(out)

    def said_as_a_verb(self, word: str) -> bool:
        """Whether the talk says this word (a stem, as in phrase keys) as a verb: after "you", "we", "can",
        "to"… ("you create these widgets", "to design data centers") more than twice as often as after "the",
        "a", "our"… ("the output"). A heading led or ended by one says what is done, not what about
        ("Create UI Widgets", "Computer Creates")."""
        verb = self._as_verb[word]
        return verb > 0 and verb > 2 * self._as_noun[word]

    def spell(self, key: PhraseKey) -> str:
        return " ".join(self._spelling(w) for w in key)

    def _spelling(self, word: str) -> str:
        if self._spellings[word]:
            return self._spellings[word].most_common(1)[0][0]
        initial = self._initial_spellings[word].most_common(1)
        return initial[0][0].lower() if initial else word

    def ranked(self, sentence_indices: Iterable[int], *, limit: int = 10) -> list[PhraseKey]:
        """The scope's phrases, best first: frequent in the scope, specific to it, longer preferred."""
        counts: Counter[PhraseKey] = Counter()
        for i in sentence_indices:
            counts.update(self.by_sentence[i])
        scored = []
        for key, count in counts.items():
            if count < 2 and len(counts) > 40:
                continue  # a one-off word run in a long scope is noise, not a topic
            scored.append((self._weight(key) * count**_COUNT_WEIGHT, key))
        # Ties broken by the phrase itself, so the same transcript always gives the same headings.
        scored.sort(key=lambda s: (-s[0], s[1]))
        longer: dict[str, list[PhraseKey]] = defaultdict(list)
        for key in counts:
            for word in key if len(key) > 1 else ():
                longer[word].append(key)
        best: list[PhraseKey] = []
        for _, key in scored:
            if any(_overlaps(key, other) for other in best):
                continue
            if len(key) == 1:
                key = _fuller(key, counts, longer[key[0]])
                if any(_overlaps(key, other) for other in best):
                    continue
            best.append(key)
            if len(best) == limit:
                break
        return best

    def _weight(self, key: PhraseKey) -> float:
        """How good a phrase is as a topic, regardless of how often it occurs."""
        specificity = sum(self._idf.get(w, 0.1) for w in key) / len(key)
        weight = specificity * (1 + 0.5 * (len(key) - 1))
        if all(w in self._name_words for w in key):
            weight *= 0.3  # the speakers' names are who talks, not what about
        if len(key) == 1:
            spelt = self.spell(key)
            # A lone common word ("country", "bunch") makes a poor topic; a name ("Streamlit") or an acronym doesn't.
            if spelt.islower():
                weight *= 0.2 if len(spelt) < 4 or spelt.endswith(("ly", "ed", "ing")) else 0.4
        return weight

    def heading(self, sentence_indices: Iterable[int], *, avoid: set[str] | None = None) -> str:
        """A heading from the scope's top two phrases as spoken: "cold starts and provisioned concurrency".

        Capitalise it for display with `capitalise`; it is returned as spelt so it can also
        go mid-sentence ("Lessons on cold starts…") without lower-casing a name.
        """
        ranked = self.ranked(list(sentence_indices), limit=8)
        avoid = avoid or set()
        headings = []
        for n, first in enumerate(ranked[:3]):
            second = next((k for k in ranked[n + 1 :] if not set(k) & set(first)), None)
            spelt = [self.spell(first)] + ([self.spell(second)] if second is not None else [])
            headings.append(" and ".join(spelt))
        # Neighbouring parts about the same thing still get distinct headings.
        return next((h for h in headings if h.casefold() not in avoid), headings[0] if headings else "")

    def title_for(self, sentence_index: int, *, avoid: set[str]) -> str:
        """A short title for one sentence: its best phrase not used as a title yet.

        Best: specific, and recurring in the episode (a word run heard once is rarely a real phrase).
        """
        keys = list(dict.fromkeys(self.by_sentence[sentence_index]))
        keys.sort(key=lambda k: (-self._weight(k) * min(self._episode_counts[k], 5) ** _COUNT_WEIGHT, k))
        for key in keys:
            title = capitalise(self.spell(key))
            if title.casefold() not in avoid:
                return title
        return ""


# What a verb follows ("you use", "we can't switch", "to design"), and what a noun follows ("the design").
_BEFORE_A_VERB = frozenset(
    """i we you they he she it can can't could couldn't will won't would wouldn't should shouldn't must
    might may don't doesn't didn't let's gonna wanna to""".split()  # noqa: SIM905
)
_PERFECT = frozenset({"have", "has", "had", "i've", "we've", "you've", "they've"})  # "you have specified"
_BEFORE_A_NOUN = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "my",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "some",
        "any",
        "every",
        "each",
        "no",
    ]
)


def _word_uses(sentences: Sequence[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each word (stemmed) follows a verb's subject or modal, and a noun's determiner."""
    as_verb: Counter[str] = Counter()
    as_noun: Counter[str] = Counter()
    for text in sentences:
        tokens = [w.casefold().replace("’", "'") for w in WORD.findall(text)]
        for before, word in itertools.pairwise(tokens):
            if before in _BEFORE_A_VERB or (before in _PERFECT and word.endswith("ed")):
                as_verb[stem(word)] += 1
            elif before in _BEFORE_A_NOUN:
                as_noun[stem(word)] += 1
    return as_verb, as_noun


def _ngrams(run: list[str]) -> list[PhraseKey]:
    """The run itself when short, else its 2- and 3-word pieces; single words always."""
    keys: list[PhraseKey] = [(w,) for w in run]
    if 1 < len(run) <= _MAX_WORDS:
        keys.append(tuple(run))
    elif len(run) > _MAX_WORDS:
        keys.extend(tuple(run[i : i + n]) for n in (2, 3) for i in range(len(run) - n + 1))
    return keys


def _ngram_spans(n: int) -> list[tuple[int, int]]:
    """Where `_ngrams` cuts a run of n words, as (start, end) pairs, in the same order."""
    spans = [(i, i + 1) for i in range(n)]
    if 1 < n <= _MAX_WORDS:
        spans.append((0, n))
    elif n > _MAX_WORDS:
        spans.extend((i, i + k) for k in (2, 3) for i in range(n - k + 1))
    return spans


def _fuller(key: PhraseKey, counts: Counter[PhraseKey], longer: list[PhraseKey]) -> PhraseKey:
    """A single word replaced by the longer phrase it usually comes in ("concurrency" → "provisioned concurrency")."""
    if not longer:
        return key
    best = max(longer, key=lambda k: (counts[k], len(k), k))
    return best if counts[best] >= max(2, 0.4 * counts[key]) else key


def _overlaps(a: PhraseKey, b: PhraseKey) -> bool:
    return bool(set(a) & set(b))


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
