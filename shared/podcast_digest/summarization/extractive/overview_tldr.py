"""The episode's tl;dr, offline (a mixin of overview.EpisodeOverview): after a lead that names the main
topics (tldr_lead.py), one whole statement per main topic, in the order the talk reaches them, read as
one thread: every sentence shares a word with another (a group of them that ties together, grown with
tied statements on new topics, is kept when the picks do not).
"""

import itertools
import re
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from podcast_digest.models import PromiseCheck
from podcast_digest.summarization.extractive.clickbait import as_named
from podcast_digest.summarization.extractive.grammar import (
    Folded,
    content_stems,
    folded,
    same_folded,
    same_statement,
)
from podcast_digest.summarization.extractive.phrases import PhraseBook, PhraseKey
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.tldr_lead import tldr_lead
from podcast_digest.summarization.extractive.vocabulary import WORD, stem, words

# The sample's tl;dr: five short sentences, about 75 words; ours are spoken sentences, so a little more.
TLDR_MIN, TLDR_MAX, TLDR_WORDS = 3, 5, 110
TLDR_LED = 4  # statements after a lead sentence (which says what the episode is about)
LEAD_TOPICS = 5  # the topics the tl;dr's lead may name
_TLDR_SEEDS = 8  # the strongest statements a tl;dr is grown from when its picks tie into no group


class EpisodeTldr:
    """The tl;dr steps of one summarization; mixed into the summarizer's run, which holds the state."""

    if TYPE_CHECKING:  # _Run and EpisodeOverview, which this is mixed into, have them
        sentences: list[TranscriptSentence]
        shown: list[str]
        english: bool
        phrases: PhraseBook
        used: list[int]

        @property
        def episode_topics(self) -> list[PhraseKey]: ...
        @property
        def promise_checks(self) -> list[PromiseCheck]: ...
        @property
        def _lessons_chosen(self) -> list[int]: ...
        def _take(self, indices: list[int]) -> list[int]: ...
        def _same(self, i: int, j: int) -> bool: ...
        def _text(self, i: int) -> str: ...
        def topic_names(
            self, count: int = ..., accept: Callable[[list[str]], bool] | None = None
        ) -> list[str]: ...
        def _names_a_topic(self, spelt: str) -> bool: ...
        def _as_published(self, key: PhraseKey) -> str: ...
        def _conclusion(self, candidates: list[int], score: dict[int, float]) -> list[int]: ...
        def _gist_pool(self, indices: Sequence[int], enough: int) -> list[int]: ...
        def _strength(self, i: int, score: dict[int, float]) -> float: ...
        def _new_to(self, i: int, picked: Sequence[int]) -> bool: ...

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


def _lead_stems(lead: str) -> set[str]:
    """The lead's content words, acronyms included, without its own frame ("talk", "opens", "moves")."""
    found = content_stems(lead) | {a.casefold() for a in re.findall(r"\b[A-Z][A-Z0-9]+\b", lead)}
    return found - content_stems("Marking episodes, the talk opens on, then moves on to")
