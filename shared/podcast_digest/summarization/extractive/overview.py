"""The episode at a glance, offline: the 1-Sentence-Summary, the tl;dr, the Conclusion and the topics
Quick Takes says the episode covers.

Every part is built from the episode's structure, not from its top-ranked lines:

- its topics are noun phrases the talk keeps coming back to ("natural language processing",
  "GitHub Copilot"), several words or a name, never a speaker, the show itself, or the word the whole
  episode is about ("AI" on an AI show), spelt as the publisher spells them when it does; the
  subjects the title and description promised, when the talk keeps them, come first;
- the tl;dr takes one whole statement per main topic, in the order the talk reaches them, and reads as
  one thread: every sentence shares a word with another (a group of them that ties together, grown
  with tied statements on new topics, is kept when the picks do not);
- the conclusion takes the strongest statements of the last quarter of the talk, chosen before any
  other part can take them: those that carry the episode's words, say a takeaway or an outlook and
  come late weigh most, a list of names, an add-on or how-to least; a clip or talk without
  punctuation closes on the point its last part makes;
- neither takes a sentence the parts chose as a lesson.

Each statement must read on its own as a fact of the talk (statements.py); those rules are English, so
other languages keep only the language-neutral ones (whole, no question, the right length).
"""

import itertools
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
from podcast_digest.summarization.extractive.grammar import (
    Folded,
    content_stems,
    folded,
    same_folded,
    same_statement,
)
from podcast_digest.summarization.extractive.phrases import PhraseBook, PhraseKey
from podcast_digest.summarization.extractive.quotable import is_plug, trails_off
from podcast_digest.summarization.extractive.ranking import SentenceSpace, mmr, similarity
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.show_notes import plain_text
from podcast_digest.summarization.extractive.statements import reads_whole, states_a_fact
from podcast_digest.summarization.extractive.tldr_lead import joined, tldr_lead
from podcast_digest.summarization.extractive.topics import is_topic
from podcast_digest.summarization.extractive.vocabulary import WORD, stem, words

# The sample's tl;dr: five short sentences, about 75 words; ours are spoken sentences, so a little more.
TLDR_MIN, TLDR_MAX, TLDR_WORDS = 3, 5, 110
TLDR_LED = 4  # statements after a lead sentence (which says what the episode is about)
LEAD_TOPICS = 5  # the topics the tl;dr's lead may name
CONCLUSION_SENTENCES = 3
_TLDR_SEEDS = 8  # the strongest statements a tl;dr is grown from when its picks tie into no group
ONE_SENTENCE_TOPICS = 3
_EPISODE_TOPICS = 8
# A lone word said in most parts is what the whole show is about ("AI", "Python"), not one of its topics.
_UMBRELLA_SHARE = 0.6
# Where the talk's conclusion is looked for first: its last quarter, then its second half.
_CLOSING_SHARES = (0.75, 0.5)
_GIST_WORDS = (8, 32)
# Advice this strong (lessons.advice_strength) is left to the lessons.
_ADVICE = 0.7

_OPENS_ON_A_SUBJECT = re.compile(r"^(?:we|you|i|the|a|an|our|there|[A-Z])\b|^[A-Z]")
_PEOPLE = re.compile(
    r"\b(?:scientists?|engineers?|developers?|users?|customers?|people|folks|listeners?|founders?|guys)$",
    re.I,
)
_TAKEAWAY = re.compile(
    r"\b(?:the key|the most important|the biggest|in the end|ultimately|going forward|the future|"
    r"at the end of the day|the lesson|the takeaway|what matters|the point is|bottom line|next step)\b",
    re.I,
)

# What the talk expects next: "will", "going to", "the next…", "more and more".
_OUTLOOK = re.compile(
    r"\b(?:will|won't|going to|gonna|next (?:year|decade|few)|in the (?:coming|next)|more and more|someday|"
    r"eventually|is (?:becoming|coming)|trend)\b",
    re.I,
)
# An add-on to what was just listed ("You can also…", "…as well"), and a list of names.
_ADD_ON = re.compile(r"^\w+(?:'\w+)? (?:can |could |will |would |might )?also\b|\bas well\W*$", re.I)
_LIST_OF_NAMES = re.compile(r"(?-i:[A-Z]\w+)(?: \w+)?, (?-i:[A-Z]\w+)(?: \w+)?,? and (?-i:[A-Z]\w+)")
# How-to said to the listener ("You can look and feel like…", "You output it to…"): the lessons' kind of line.
_HOW_TO = re.compile(r"^you(?:'ll|'re| can| could| should| need| have to| just| output)\b", re.I)


class _ChosenPart(Protocol):
    """What the overview reads of a part of the episode: the sentences it chose as lessons."""

    lessons: list[int]
    ideas: list[int]


class EpisodeOverview:
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
        space: SentenceSpace
        stop_words: frozenset[str]
        used: list[int]
        parts: Sequence[_ChosenPart]

        def _fresh(self, i: int) -> bool: ...
        def _take(self, indices: list[int]) -> list[int]: ...
        def _same(self, i: int, j: int) -> bool: ...
        def _text(self, i: int) -> str: ...
        def _distinct(self, indices: list[int]) -> list[int]: ...

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

    def _tldr(self, score: dict[int, float]) -> list[int]:
        """One whole statement per main topic, shown in the order they are said; each the strongest that
        ties in with the rest (a word in common with the others), so the paragraph reads as one thread."""
        # The closing part's statements are the conclusion's: chosen first, so no other part takes them.
        self._conclusion(list(score), score)
        # The parts' lessons are for the Lessons (chosen next); other advice may state what the talk is
        # about ("When you first get started in podcasting, … a handful of rookie mistakes"), at half weight.
        lessons = set(self._lessons_chosen)
        statements = [i for i in range(len(self.sentences)) if i not in lessons]
        pool = self._gist_pool(statements, TLDR_MIN)
        picked: list[int] = []
        # With a lead that names the main topics, a pick on one of them ties in through it.
        most = TLDR_LED if self._lead else TLDR_MAX
        for thread in self._threads:
            saying = [i for i in pool if thread <= self._words(i)]
            tied = [i for i in saying if any(self._ties(i, j) for j in picked) or self._ties_to_lead(i)]
            self._pick_gist(tied or saying, picked, score)
            if len(picked) == most:
                break
        # Too few topics (a short episode): the strongest statements of parts not yet in the gist.
        while len(picked) < TLDR_MIN:
            other_parts = [
                i for i in pool if all(self.sentences[i].section != self.sentences[j].section for j in picked)
            ]
            if not self._pick_gist(other_parts, picked, score):
                break
        if any(self._alone_in(i, picked) and not self._ties_to_lead(i) for i in picked):
            self._thread_together(picked, pool, score)
        if not picked:
            ranked = sorted(score, key=lambda i: (-self._strength(i, score), i))
            picked = ranked[:1] or [0]
        return sorted(self._take(picked))

    @cached_property
    def _threads(self) -> list[set[str]]:
        """What the gist follows, as sets of stemmed words: the subjects the publisher promised and the
        talk kept, then the talk's own main topics."""
        return [stems for stems, _ in self._named_threads]

    @cached_property
    def _named_threads(self) -> list[tuple[set[str], str]]:
        """The threads with their spelling as a listener reads them (the publisher's, else the talk's)."""
        kept = [c.promise for c in self.promise_checks if c.delivered and not c.promise[:1].isdigit()]
        named = [({stem(w) for w in words(p)}, as_named(p)) for p in kept if self._names_a_topic(p)]
        named += [(set(key), self._as_published(key)) for key in self.episode_topics]
        found: list[tuple[set[str], str]] = []
        for stems, spelt in named:
            if stems and all(stems != other for other, _ in found):
                found.append((stems, spelt))
        return found

    @cached_property
    def _lead_topics(self) -> list[str]:
        """The main topics the tl;dr's lead names, in the order said (English)."""
        return self.topic_names(LEAD_TOPICS) if self.english else []

    @cached_property
    def _lead(self) -> str:
        """The tl;dr's lead as the parts are chosen: what the picks tie to and the length they leave; no
        part shows a sentence that says it again (near_lead). The one shown may name fewer topics."""
        return tldr_lead(self._lead_topics)

    def near_lead(self, i: int) -> bool:
        """Sentence i says again most of what the lead says ("In other areas, like natural language
        processing it's newer" after a lead naming natural language processing)."""
        if not self._lead:
            return False
        near = self._near_lead_cache.get(i)
        if near is None:
            near = self._near_lead_cache[i] = any(same_folded(folded(self.shown[i]), self._folded_lead))
        return near

    @cached_property
    def _folded_lead(self) -> Folded:
        return folded(self._lead)

    @cached_property
    def _near_lead_cache(self) -> dict[int, bool]:
        return {}

    def _ties_to_lead(self, i: int) -> bool:
        """Sentence i shares a word with the lead, or says one of its topics ("NLP")."""
        if not self._lead:
            return False
        named = [stems for stems, spelt in self._named_threads if spelt in self._lead_topics]
        return bool(self._stems(i) & _lead_stems(self._lead)) or any(t <= self._words(i) for t in named)

    @property
    def _gist_words(self) -> int:
        """The words the tl;dr's statements may take: the format's length less the lead's."""
        return TLDR_WORDS - len(self._lead.split())

    def tldr_text(self, picked: Sequence[int], one_sentence: str) -> str:
        """The tl;dr paragraph: the lead, then the picked statements in the order said. The lead says what
        the talk goes through, never what another part already says (no line in two parts): a topic
        that would make it so is left out."""
        said = " ".join(self._text(i) for i in picked)
        shown = [one_sentence, *(self.shown[j] for j in self.used if j not in picked)]

        def repeats(line: str) -> bool:
            return any(any(same_statement(line, other)) for other in shown)

        # The most topics (then the first said) that make a lead no other part says again.
        options = (
            list(names)
            for size in range(len(self._lead_topics), 1, -1)
            for names in itertools.combinations(self._lead_topics, size)
        )
        names = next((n for n in options if not repeats(tldr_lead(n))), [])
        lead = tldr_lead(names)
        # A point that says a topic by its initials ("the NLP period") ties in when the lead spells them.
        spelt = [self._with_acronym(n, picked) for n in names]
        if lead and not repeats(tldr_lead(spelt)):
            lead = tldr_lead(spelt)
        return f"{lead} {said}" if lead and said else said

    def _words(self, i: int) -> set[str]:
        """Sentence i's stemmed words; an acronym of a thread ("NLP") says the thread's words too."""
        found = self._word_cache.get(i)
        if found is None:
            found = {stem(w) for w in words(self.shown[i])}
            for acronym in re.findall(r"\b[A-Z]{2,5}\b", self.shown[i]):
                found |= self._thread_acronyms.get(acronym, set())
            self._word_cache[i] = found
        return found

    def _with_acronym(self, topic: str, picked: Sequence[int]) -> str:
        """ "natural language processing (NLP)" when a picked statement says it only by its initials."""
        for acronym, stems in self._thread_acronyms.items():
            spelt = [sp for st, sp in self._named_threads if st == stems]
            if topic not in spelt:
                continue
            by_initials = [i for i in picked if re.search(rf"\b{acronym}\b", self.shown[i])]
            if by_initials and not any(topic.casefold() in self.shown[i].casefold() for i in picked):
                return f"{topic} ({acronym})"
        return topic

    @cached_property
    def _thread_acronyms(self) -> dict[str, set[str]]:
        """The threads of several words by their initials: "NLP" for natural language processing."""
        found: dict[str, set[str]] = {}
        for stems, spelt in self._named_threads:
            tokens = WORD.findall(spelt)
            if 2 <= len(tokens) <= 5 and all(t[:1].isalpha() for t in tokens):
                found.setdefault("".join(t[0] for t in tokens).upper(), stems)
        return found

    @cached_property
    def _word_cache(self) -> dict[int, set[str]]:
        return {}

    def _thread_together(self, picked: list[int], pool: Sequence[int], score: dict[int, float]) -> None:
        """A sentence that shares no word with the others is a thread of its own, and the paragraph stops
        reading as one. Each group of picks that tie together (a word in common, link by link) is grown:
        the other picks taken back through a statement tied to both, then tied statements (on a new topic
        first) up to the minimum, then more topics while there is room. The tl;dr is the grown group that
        says most of the episode's topics (then the strongest); when none reaches the minimum, the picks
        stay as they are."""
        if not any(self._alone_in(i, picked) for i in picked):
            return
        best: tuple[int, float] | None = None
        for group in self._tied_groups(picked, score):
            grown = list(group)
            for left in sorted(set(picked) - set(group), key=lambda i: (-self._strength(i, score), i)):
                self._bridge(grown, left, pool, score)
            while len(grown) < TLDR_MIN and self._grow(grown, pool, score):
                pass
            while TLDR_MIN <= len(grown) < TLDR_MAX and self._grow(grown, pool, score, new_topic_only=True):
                pass
            best = self._keep_if_better(grown, picked, best, score)
        if best is None:
            # No group of the picks can be tied together: start from the strongest statements instead.
            seeds = sorted(pool, key=lambda i: (-self._strength(i, score), i))[:_TLDR_SEEDS]
            for seed in seeds:
                grown = [seed]
                while len(grown) < TLDR_MAX and self._grow(grown, pool, score):
                    pass
                best = self._keep_if_better(grown, picked, best, score)

    def _keep_if_better(
        self, grown: list[int], picked: list[int], best: tuple[int, float] | None, score: dict[int, float]
    ) -> tuple[int, float] | None:
        """Puts `grown` in `picked` when it has enough sentences and says more of the episode's topics (then
        more strongly) than the best so far; returns the best's rank."""
        if len(grown) < TLDR_MIN:
            return best
        said = [t for t in self._threads if any(t <= self._words(i) for i in grown)]
        # "GitHub Copilot" said is one topic, not three ("GitHub", "Copilot" and both).
        topics = sum(not any(t < other for other in said) for t in said)
        rank = (topics, sum(self._strength(i, score) for i in grown))
        if best is None or rank > best:
            picked[:] = grown
            return rank
        return best

    def _alone_in(self, i: int, picked: list[int]) -> bool:
        others = [j for j in picked if j != i]
        return bool(others) and not any(self._ties(i, j) for j in others)

    def _bridge(self, group: list[int], left: int, pool: Sequence[int], score: dict[int, float]) -> None:
        """Takes a pick `left` back into `group` with the strongest statement that ties it to the group
        (a word in common with each), when both fit the tl;dr."""
        if len(group) + 2 > TLDR_MAX or left in group:
            return
        if any(self._ties(left, j) for j in group):
            self._pick_gist([left], group, score)
            return
        bridges = [
            k for k in pool if k not in group and self._ties(k, left) and any(self._ties(k, j) for j in group)
        ]
        said = sum(len(self.shown[j].split()) for j in [*group, left])
        fits = [
            k
            for k in bridges
            if said + len(self.shown[k].split()) <= self._gist_words and self._new_to(k, [*group, left])
        ]
        if fits and self._pick_gist(fits, group, score):
            group.append(left)

    def _tied_groups(self, picked: list[int], score: dict[int, float]) -> list[list[int]]:
        """The picked sentences in groups tied link by link, the largest and strongest first."""
        groups: list[list[int]] = []
        for i in picked:
            joined = [g for g in groups if any(self._ties(i, j) for j in g)]
            merged = [i, *(j for g in joined for j in g)]
            groups = [g for g in groups if g not in joined] + [merged]
        return sorted(groups, key=lambda g: (-len(g), -sum(self._strength(i, score) for i in g), min(g)))

    def _grow(
        self, group: list[int], pool: Sequence[int], score: dict[int, float], *, new_topic_only: bool = False
    ) -> bool:
        """Adds to `group` the strongest statement of `pool` tied to it: one on a topic it does not say yet,
        else (unless `new_topic_only`) one on any topic, else any; False when none fits."""
        tied = [k for k in pool if k not in group and any(self._ties(k, j) for j in group)]
        said = [t for t in self._threads if any(t <= self._words(j) for j in group)]
        on_a_thread = [k for k in tied if any(t <= self._words(k) for t in self._threads)]
        on_a_new_thread = [
            k for k in on_a_thread if any(t <= self._words(k) and t not in said for t in self._threads)
        ]
        choices = [on_a_new_thread] if new_topic_only else [on_a_new_thread, on_a_thread, tied]
        return any(self._pick_gist(options, group, score) for options in choices)

    def _pick_gist(self, options: Sequence[int], picked: list[int], score: dict[int, float]) -> bool:
        """Adds to `picked` the strongest of `options` that fits the tl;dr's length and is new to it,
        ties with what is already picked counting double; False when none fits."""
        said = sum(len(self.shown[j].split()) for j in picked)
        fits = [
            i
            for i in options
            if self._new_to(i, picked) and said + len(self.shown[i].split()) <= self._gist_words
        ]
        if not fits:
            return False

        def weight(i: int) -> float:
            ties = sum(self._ties(i, j) for j in picked)
            return self._strength(i, score) * (1 + min(ties, 2)) * (1 + 0.5 * self._on_the_thread(i))

        for i in sorted(fits, key=lambda i: (-weight(i), i)):
            # A sentence that says what a piece of advice says would take that lesson's place.
            if not any(self._same(i, a) for a in self._lessons_chosen):
                picked.append(i)
                return True
        return False

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

    def _ties(self, i: int, j: int) -> bool:
        return bool(self._stems(i) & self._stems(j))

    def _stems(self, i: int) -> set[str]:
        """Sentence i's content words, acronyms included ("AI", "GPU"): what ties two gist sentences."""
        found = self._stem_cache.get(i)
        if found is None:
            text = self.shown[i]
            found = content_stems(text) | {a.casefold() for a in re.findall(r"\b[A-Z][A-Z0-9]+\b", text)}
            self._stem_cache[i] = found
        return found

    @cached_property
    def _stem_cache(self) -> dict[int, set[str]]:
        return {}

    @cached_property
    def _thread(self) -> set[str]:
        """The words the whole episode keeps to: its topics' and its most said phrases' words."""
        keys = [*self.episode_topics, *self.phrases.ranked(range(len(self.sentences)), limit=12)]
        return {w for key in keys for w in key}

    def _on_the_thread(self, i: int) -> int:
        return min(2, len(self._thread & {w for key in self.phrases.by_sentence[i] for w in key}))

    def _conclusion(self, candidates: list[int], score: dict[int, float]) -> list[int]:
        """Where the talk ends up (chosen with the tl;dr, before the other parts take the closing part's
        statements)."""
        if self._closing is None:
            self._closing = self._closing_statements(candidates, score)
        return self._closing

    _closing: list[int] | None = None

    def _closing_statements(self, candidates: list[int], score: dict[int, float]) -> list[int]:
        """The strongest statements of the talk's last quarter (else half) that carry its topics or say
        what it comes to; no strong advice, which the lessons show."""
        if not candidates:
            return []
        duration = self.transcript.duration or self.sentences[-1].start
        pool: list[int] = []
        lessons = set(self._advice_given)
        for share in _CLOSING_SHARES:
            late = [
                i for i, s in enumerate(self.sentences) if s.start >= share * duration and i not in lessons
            ]
            pool = self._gist_pool(late, 2)
            if len(pool) >= 2:
                break
        # The talk's conclusion is about its subject: statements that carry the episode's words weigh more
        # (_closing_weight), but they are no filter: a clip's topic words may be a list of names.
        if not pool:
            pool = self._last_statement(candidates, lessons)
        if not pool:
            return []
        first, last = self.sentences[pool[0]].start, self.sentences[pool[-1]].start
        weights = [self._closing_weight(i, score, first, last) for i in pool]
        chosen = mmr(weights, similarity(self.space.rows(pool)), CONCLUSION_SENTENCES)
        return sorted(self._take(self._distinct([pool[j] for j in chosen])))

    def _closing_weight(self, i: int, score: dict[int, float], first: float, last: float) -> float:
        """How well sentence i says what the talk comes to: it carries the episode's words, says a takeaway
        or an outlook, and comes late (the last part's point); a list of names or an add-on ("You can also
        direct them to … like Apple podcast, Stitcher and Spotify") or how-to for the listener says less."""
        carries = min(2, len(self._thread & self._words(i)))
        weight = self._strength(i, score) * (1 + 0.5 * carries)
        late = (self.sentences[i].start - first) / (last - first) if last > first else 1.0
        weight *= 0.7 + 0.3 * late
        if not self.english:
            return weight
        text = self.shown[i]
        if _TAKEAWAY.search(text):
            weight *= 1.5
        if _OUTLOOK.search(text):
            weight *= 1.3
        if _ADD_ON.search(text) or _LIST_OF_NAMES.search(text):
            weight *= 0.4
        if _HOW_TO.match(text):
            weight *= 0.6
        return weight

    def _last_statement(self, candidates: list[int], lessons: set[int]) -> list[int]:
        """A clip, a trailer or talk without punctuation: the point the last part that makes one makes (its
        strongest idea that states a fact on the episode's subject, no plug), else its last statement (else
        its last line) that is no question."""
        spoken = [i for i in candidates if self._fresh(i) and not self.sentences[i].is_question]
        spoken = [i for i in spoken if i not in lessons] or spoken  # a lesson is the lessons' to show
        facts = [
            i
            for i in spoken
            if not self.english
            or (
                states_a_fact(self.shown[i]) and (self.sentences[i].punctuated or self._whole_unpunctuated(i))
            )
        ]
        for part in reversed(self.parts):
            points = [
                i
                for i in part.ideas
                if i not in lessons
                and self._fresh(i)
                and not self.sentences[i].is_question
                and self._thread & self._words(i)
                and (not self.english or (states_a_fact(self.shown[i]) and not is_plug(self.shown[i])))
                and (not self.english or self.sentences[i].punctuated or self._whole_unpunctuated(i))
            ]
            if points:
                return [max(points, key=lambda i: (float(self.relevance[i]), -i))]
        return facts[-1:] or spoken[-1:]

    # --- which sentences ------------------------------------------------------------------------

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


def _lead_stems(lead: str) -> set[str]:
    """The lead's content words, acronyms included, without its own frame ("talk", "opens", "moves")."""
    found = content_stems(lead) | {a.casefold() for a in re.findall(r"\b[A-Z][A-Z0-9]+\b", lead)}
    return found - content_stems("Marking episodes, the talk opens on, then moves on to")
