"""The episode at a glance, offline: the 1-Sentence-Summary, the tl;dr, the Conclusion and the topics
Quick Takes says the episode covers. The tl;dr (overview_tldr.py) and the Conclusion
(overview_conclusion.py) are mixins EpisodeOverview inherits; the statements both may take are chosen
here.

Every part is built from the episode's structure, not from its top-ranked lines (the tl;dr's and the
conclusion's rules are in their modules):

- its topics are noun phrases the talk keeps coming back to ("natural language processing",
  "GitHub Copilot"), several words or a name, never a speaker, the show itself, or the word the whole
  episode is about ("AI" on an AI show), spelt as the publisher spells them when it does; the
  subjects the title and description promised, when the talk keeps them, come first;
- neither the tl;dr nor the conclusion takes a sentence the parts chose as a lesson.

Each statement they take must read on its own as a fact of the talk (statements.py); those rules are English, so
other languages keep only the language-neutral ones (whole, no question, the right length).
"""

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

import numpy as np

from podcast_digest.models import Episode, Feed, PromiseCheck, Transcript
from podcast_digest.summarization.extractive.caption_sentences import RECOVERED
from podcast_digest.summarization.extractive.clickbait import (
    as_named,
    check_promises,
    promises,
    show_names,
    shows_named_in,
)
from podcast_digest.summarization.extractive.grammar import same_statement
from podcast_digest.summarization.extractive.overview_conclusion import EpisodeConclusion
from podcast_digest.summarization.extractive.overview_tldr import EpisodeTldr
from podcast_digest.summarization.extractive.phrases import PhraseBook, PhraseKey
from podcast_digest.summarization.extractive.quotable import trails_off
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.show_notes import plain_text
from podcast_digest.summarization.extractive.statements import reads_whole, states_a_fact
from podcast_digest.summarization.extractive.tldr_lead import joined
from podcast_digest.summarization.extractive.topics import is_topic
from podcast_digest.summarization.extractive.vocabulary import WORD, stem, words

ONE_SENTENCE_TOPICS = 3
_EPISODE_TOPICS = 8
# A lone word said in most parts is what the whole show is about ("AI", "Python"), not one of its topics.
_UMBRELLA_SHARE = 0.6
_GIST_WORDS = (8, 32)
# Advice this strong (lessons.advice_strength) is left to the lessons.
_ADVICE = 0.7

_OPENS_ON_A_SUBJECT = re.compile(r"^(?:we|you|i|the|a|an|our|there|[A-Z])\b|^[A-Z]")
_PEOPLE = re.compile(
    r"\b(?:scientists?|engineers?|developers?|users?|customers?|people|folks|listeners?|founders?|guys)$",
    re.I,
)


class _ChosenPart(Protocol):
    """What the overview reads of a part of the episode: the sentences it chose as lessons."""

    lessons: list[int]
    ideas: list[int]


class EpisodeOverview(EpisodeTldr, EpisodeConclusion):
    """The overview parts of one summarization; mixed into the summarizer's run, which holds the state."""

    if TYPE_CHECKING:  # _Run, which this is mixed into, has them
        feed: Feed
        episode: Episode
        transcript: Transcript
        sentences: list[TranscriptSentence]
        shown: list[str]
        candidate: list[bool]
        housekeeping: list[bool]
        advice: np.ndarray
        relevance: np.ndarray
        english: bool
        names: set[str]
        speakers: list[str]
        phrases: PhraseBook
        stop_words: frozenset[str]
        used: list[int]
        parts: Sequence[_ChosenPart]

        def _fresh(self, i: int) -> bool: ...
        def _same(self, i: int, j: int) -> bool: ...

    # --- topics ---------------------------------------------------------------------------------

    @cached_property
    def episode_topics(self) -> list[PhraseKey]:
        """The phrases the talk keeps coming back to, best first (see the module's doc)."""
        counts, parts = self._phrase_counts
        part_count = len({s.section for s in self.sentences})
        show = {stem(w) for name in self.shows for w in words(name)}
        scored = []
        for key, count in counts.items():
            spread = len(parts[key])
            umbrella = len(key) == 1 and part_count >= 4 and spread > _UMBRELLA_SHARE * part_count
            if count < 2 or umbrella or len(set(key)) != len(key) or set(key) <= show:
                continue
            if not self._names_a_topic(self.phrases.spell(key)):
                continue
            weight = count**0.6 * len(key) * spread**0.5
            scored.append((-weight, self.first_said(key), key))
        chosen: list[PhraseKey] = []
        for _, _, key in sorted(scored):
            if not any(set(key) & set(other) for other in chosen):
                chosen.append(key)
            if len(chosen) == _EPISODE_TOPICS:
                break
        return chosen

    def _one_of_a_kind(self, key: PhraseKey) -> bool:
        """A thing the talk counts ("a blog post", "a direct link"), said in the singular: bare in a list of
        topics it reads as a slip ("…deep learning and blog post"). Names and uncountable subjects
        ("computer vision", "online marketing") are never said after "a"."""
        spelt = self.phrases.spell_as_said(key)
        last = spelt.split()[-1]
        if not self.english or len(key) < 2 or not spelt.islower() or stem(last) != last:
            return False
        before = re.findall(rf"(\w+)\s+{re.escape(spelt)}\b", self._talk_text)
        counted = sum(1 for w in before if w in ("a", "an", "one", "another", "each", "every", "this"))
        return counted > 0 and 3 * counted >= len(before)

    @cached_property
    def _talk_text(self) -> str:
        return "\n".join(self.shown).casefold()

    @cached_property
    def shows(self) -> list[str]:
        """The shows the feed, title, description and talk name (its own, another whose hosts drop in):
        never a topic, a promise or what the one-sentence summary says the talk is about."""
        named = show_names(self.episode.title, self.episode.description)
        said = shows_named_in(s.raw for s in self.sentences) if self.english else []
        return [n for n in [self.feed.title, *named, *said] if n]

    @cached_property
    def _phrase_counts(self) -> tuple[Counter[PhraseKey], dict[PhraseKey, set[int]]]:
        """How many sentences say each phrase, and in which parts (housekeeping left out)."""
        counts: Counter[PhraseKey] = Counter()
        parts: dict[PhraseKey, set[int]] = defaultdict(set)
        for i, keys in enumerate(self.phrases.by_sentence):
            if self.housekeeping[i]:
                continue
            for key in set(keys):
                counts[key] += 1
                parts[key].add(self.sentences[i].section)
        return counts, parts

    def _names_a_topic(self, spelt: str) -> bool:
        """Several words or a name ("drug discovery", "GDPR"), a noun phrase, no speaker in it."""
        if any(w.casefold() in self.names for w in WORD.findall(spelt)):
            return False
        several_or_a_name = " " in spelt or any(c.isupper() for c in spelt)
        if not self.english:
            return several_or_a_name
        people = bool(_PEOPLE.search(spelt))  # "data scientists" is who, not what
        return several_or_a_name and not people and is_topic(spelt)

    def first_said(self, key: PhraseKey) -> int:
        return next(
            (i for i, keys in enumerate(self.phrases.by_sentence) if key in keys), len(self.sentences)
        )

    @cached_property
    def promise_checks(self) -> list[PromiseCheck]:
        """What the title and description promise, each with whether (and where) the talk keeps it."""
        found = promises(
            self.episode.title,
            self.episode.description,
            self.stop_words,
            speakers=self.speakers,
            podcast=self.feed.title,
            shows=self.shows,
        )
        return check_promises(found, self.sentences, self.speakers)

    def topic_names(
        self, count: int = ONE_SENTENCE_TOPICS, accept: Callable[[list[str]], bool] | None = None
    ) -> list[str]:
        """The `count` main topics as a listener reads them, in the order the talk reaches them: the
        subjects the publisher promised and the talk kept (names first), then the talk's own topics;
        `accept` may turn down a topic that, with those before it, makes a line it does not want."""
        kept = [c for c in self.promise_checks if c.delivered and c.where_seconds is not None]
        promised = [
            (c.where_seconds or 0.0, as_named(c.promise))
            for c in sorted(kept, key=lambda c: (c.promise.islower(), " " not in c.promise))
            if not c.promise[:1].isdigit() and self._names_a_topic(c.promise)
        ]
        said = [
            (self.sentences[min(self.first_said(k), len(self.sentences) - 1)].start, k)
            for k in self.episode_topics
            if not self._one_of_a_kind(k)  # listed bare, "…and blog post" reads as a slip
        ]
        named: list[tuple[float, str]] = []
        seen: set[str] = set()
        # A promise with a name in it first ("H2O Wave"); a lower-case one ("dashboard framework") reads
        # worse than the talk's own topics without its article, so it comes after them.
        names = [(at, p) for at, p in promised if not p.islower()]
        plain = [(at, p) for at, p in promised if p.islower()]
        for at, spelt in [*names, *((at, self._as_published(k)) for at, k in said), *plain]:
            keys = {stem(w) for w in words(spelt)}
            new = keys and not keys <= seen and not (keys & seen and len(keys) == 1)
            if new and (accept is None or accept([t for _, t in sorted([*named, (at, spelt)])])):
                named.append((at, spelt))
                seen |= keys
            if len(named) == count:
                break
        return [spelt for _, spelt in sorted(named)]

    def _as_published(self, key: PhraseKey) -> str:
        """The publisher's spelling when the title or description write the phrase ("H2O Wave"), else the talk's."""
        text = f"{plain_text(self.episode.title)} . {plain_text(self.episode.description)}"
        found = list(WORD.finditer(text))
        for n in range(len(found) - len(key) + 1):
            run = found[n : n + len(key)]
            if tuple(stem(m.group(0).casefold()) for m in run) == key:
                return text[run[0].start() : run[-1].end()]
        return self.phrases.spell(key)

    # --- the parts ------------------------------------------------------------------------------

    def _one_sentence(self, score: dict[int, float], candidates: list[int]) -> str:
        """Who talks about what: the speakers and the episode's main topics, in the order they come;
        never a line that says again what a shown sentence says."""
        who = joined(self.speakers[:3]) if self.speakers else "The conversation"
        verb = "talk about" if len(self.speakers) > 1 else ("talks about" if self.speakers else "covers")

        def says_nothing_shown(names: list[str]) -> bool:
            line = f"{who} {verb} {joined(names)}."
            return not any(any(same_statement(line, self.shown[j])) for j in self.used)

        named = self.topic_names(accept=says_nothing_shown)
        if not named:
            # A clip: whatever topic its few lines name.
            keys = self.phrases.ranked(range(len(self.sentences)), limit=3 * ONE_SENTENCE_TOPICS)
            spelt = [self.phrases.spell(k) for k in keys if len(set(k)) == len(k)]
            named = [t for t in spelt if is_topic(t) and self._names_a_topic(t)][:ONE_SENTENCE_TOPICS]
        if not named:
            # A clip that names no topic: who speaks, and for how long (the only facts it gives).
            seconds = round(self.transcript.duration or 0)
            length = f"{seconds}-second" if seconds < 120 else f"{round(seconds / 60)}-minute"
            speak = "speak" if len(self.speakers) > 1 else "speaks"
            return f"{who} {speak} in a {length} clip." if self.speakers else f"A {length} clip."
        # Why this episode: the occasion its title promised and the talk kept ("to mark 100 episodes").
        occasion = [c.promise for c in self.promise_checks if c.delivered and c.promise[:1].isdigit()]
        why = f"To mark {occasion[0]}, " if occasion and self.english else ""
        return f"{why}{who} {verb} {joined(named)}."

    # --- which sentences ------------------------------------------------------------------------

    @cached_property
    def _lessons_chosen(self) -> list[int]:
        """The sentences the parts chose as their lessons: the only ones the Lessons show."""
        return sorted({i for part in self.parts for i in part.lessons})

    @cached_property
    def _advice_given(self) -> list[int]:
        """The strong advice and the sentences the parts chose as their lessons: the lessons' to show."""
        chosen = {i for part in self.parts for i in part.lessons}
        strong = {i for i in range(len(self.sentences)) if self.advice[i] >= _ADVICE and self.candidate[i]}
        return sorted(chosen | strong)

    def _gist_pool(self, indices: Sequence[int], enough: int) -> list[int]:
        """The sentences of `indices` that may stand in the tl;dr or conclusion; those the engine punctuated
        itself, unless fewer than `enough` are (a transcript written without punctuation)."""
        pool = [i for i in indices if self._gist_sentence(i)]
        if len(pool) >= enough:
            return pool
        return [i for i in indices if self._gist_sentence(i, punctuated=False)]

    def _gist_sentence(self, i: int, *, punctuated: bool = True) -> bool:
        """May sentence i stand in the tl;dr or the conclusion: fresh, whole, on the subject, a statement."""
        s, text = self.sentences[i], self.shown[i]
        low, high = _GIST_WORDS
        whole = (
            self.candidate[i]
            and not self.housekeeping[i]
            and not s.is_question
            and low <= len(text.split()) <= high
            and not trails_off(s.raw)
        )
        if not whole or not self._fresh(i):
            return False
        if not self.english:
            return True
        if not s.punctuated:
            # Cut from talk written without punctuation: only a line that opens on its own subject and
            # reads whole, both its ends recovered (a guessed end cuts a clause in two).
            return not punctuated and self._whole_unpunctuated(i)
        return states_a_fact(text)

    def _whole_unpunctuated(self, i: int) -> bool:
        """Sentence i, cut from English talk without punctuation, reads as one whole statement: both ends
        recovered, its own subject and verb, no run-on or tag (statements.reads_whole)."""
        s, text = self.sentences[i], self.shown[i]
        return (
            s.boundary == RECOVERED
            and _OPENS_ON_A_SUBJECT.match(text.strip()) is not None  # its raw may open "yeah so …"
            and reads_whole(text)
            and states_a_fact(text)
        )

    def _strength(self, i: int, score: dict[int, float]) -> float:
        """How well sentence i says its part's point; longer ones carry more, advice is for lessons."""
        advice = 0.5 if self.advice[i] >= _ADVICE else 1.0
        central = score.get(i, 0.0) + float(self.relevance[i])
        return central * min(1.0, len(self.shown[i].split()) / 15) * advice

    def _new_to(self, i: int, picked: Sequence[int]) -> bool:
        return i not in picked and not any(self._same(i, j) for j in picked)
