"""The episode's Conclusion, offline (a mixin of overview.EpisodeOverview): the strongest statements of
the last quarter of the talk, chosen before any other part can take them: those that carry the episode's
words, say a takeaway or an outlook and come late weigh most, a list of names, an add-on or how-to least;
a clip or talk without punctuation closes on the point its last part makes.
"""

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np

from podcast_digest.models import Transcript
from podcast_digest.summarization.extractive.quotable import is_plug
from podcast_digest.summarization.extractive.ranking import SentenceSpace, mmr, similarity
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.statements import states_a_fact

CONCLUSION_SENTENCES = 3
# Where the talk's conclusion is looked for first: its last quarter, then its second half.
_CLOSING_SHARES = (0.75, 0.5)

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


class _PartIdeas(Protocol):
    """What the conclusion reads of a part of the episode: the sentences it chose as ideas."""

    ideas: list[int]


class EpisodeConclusion:
    """The conclusion steps of one summarization; mixed into the summarizer's run, which holds the state."""

    if TYPE_CHECKING:  # _Run and EpisodeOverview, which this is mixed into, have them
        transcript: Transcript
        sentences: list[TranscriptSentence]
        shown: list[str]
        relevance: np.ndarray
        english: bool
        space: SentenceSpace
        parts: Sequence[_PartIdeas]

        @property
        def _advice_given(self) -> list[int]: ...
        @property
        def _thread(self) -> set[str]: ...
        def _fresh(self, i: int) -> bool: ...
        def _take(self, indices: list[int]) -> list[int]: ...
        def _distinct(self, indices: list[int]) -> list[int]: ...
        def _gist_pool(self, indices: Sequence[int], enough: int) -> list[int]: ...
        def _strength(self, i: int, score: dict[int, float]) -> float: ...
        def _whole_unpunctuated(self, i: int) -> bool: ...
        def _words(self, i: int) -> set[str]: ...

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
