"""The lessons of the offline summary: which sentences of a part teach, each lesson's title and the
sentence that explains it, and the episode's top lessons.

A lesson is a title that claims something (advice with its condition, or the claim a clause makes) and
an explanation beyond it: the rest of the sentence when that is a whole clause, else the speaker's next
sentence (or the one before) when it carries the same point. Without the engine's punctuation, where a
title ends is a guess, so such sentences give no lessons.
"""

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from podcast_digest.models import Episode, Lesson, Transcript
from podcast_digest.summarization.extractive.episode_part import (
    MAX_IDEA_WORDS,
    MIN_IDEAS_PER_PART,
    EpisodePart,
)
from podcast_digest.summarization.extractive.gate import HEDGED, trimmed
from podcast_digest.summarization.extractive.grammar import content_stems, fragment_reason, looks_like_a_verb
from podcast_digest.summarization.extractive.lesson_claims import (
    advice_checked,
    claim_setting,
    claim_strength,
    conceded_after,
    explains_straight_after,
    finished_turn,
    lessons_for,
    looks_back,
    only_conditions,
    plainly,
    spoken_claim,
    whole_as_shown,
)
from podcast_digest.summarization.extractive.lessons import advice_title, has_advice_lead, rest_after_title
from podcast_digest.summarization.extractive.phrases import PhraseBook
from podcast_digest.summarization.extractive.ranking import SentenceSpace, mmr, similarity
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.quotes import normalise

MAX_LESSONS_PER_PART = 7  # the format's 2-7 per part, when the part says that many

# Titles that tell a story or quote someone rather than state a lesson.
_NOT_A_TITLE = re.compile(r"^(?:i|i'm|i've|i'd|we're joined|we were|when i)\b|.*[\"“”?]", re.I)


class LessonPicking:
    """The lesson steps of one summarization; mixed into the summarizer's run, which holds the state."""

    if TYPE_CHECKING:  # _Run, which this is mixed into, has them
        episode: Episode
        transcript: Transcript
        sentences: list[TranscriptSentence]
        shown: list[str]
        candidate: list[bool]
        housekeeping: list[bool]
        advice: np.ndarray
        relevance: np.ndarray
        english: bool
        phrases: PhraseBook
        space: SentenceSpace
        parts: list[EpisodePart]
        _titles: dict[int, str]

        def _fresh(self, i: int) -> bool: ...
        def _take(self, indices: list[int]) -> list[int]: ...
        def _text(self, i: int) -> str: ...
        def _distinct(self, indices: list[int]) -> list[int]: ...

    def _choose_part_lessons(self, part: EpisodePart, sim: np.ndarray) -> None:
        local = part.sentences
        if self.english:
            # Advice first; a claim with its explanation (the sample's "insights") is a lesson too.
            # A lesson's title carries its own claim, so a short sentence may make one ("Everyone has their
            # own approach to it and their own solutions. | There's no standardization yet.").
            weight = [
                max(float(self.advice[i]), claim_strength(self._lesson_title(i))) * (0.5 + part.relevance[i])
                if (
                    self.candidate[i]
                    or whole_as_shown(self.sentences[i], self.shown[i])
                    or self._cut_before_its_main_clause(i)
                )
                and not self.housekeeping[i]
                and self._teaches(i)
                else 0.0
                for i in local
            ]
            part.lessons = sorted(local[j] for j in mmr(weight, sim, MAX_LESSONS_PER_PART, floor=1e-6))
            for i in part.lessons:
                # Shown as a lesson, not again as an idea of the same part (while the part keeps its minimum).
                if i in part.ideas and len(part.ideas) > MIN_IDEAS_PER_PART:
                    part.ideas.remove(i)
        else:
            # No advice patterns for this language: the part's most central statement is its takeaway.
            part.lessons = sorted(part.ideas, key=lambda i: (-part.relevance[i], i))[:1]

    def _cut_before_its_main_clause(self, i: int) -> bool:
        """A claim the gate refuses only because the caption cut its last clauses from their main clause
        ("…engaged because no matter how good the content is, if your audio quality isn't good."): its claim
        passes the gate alone, and `_completed` joins the conditions to the main clause said next."""
        title = self._lesson_title(i)
        if not title or not only_conditions(trimmed(rest_after_title(self.shown[i], title))):
            return False
        return whole_as_shown(self.sentences[i], f"{title.rstrip(' .!,')}.")

    def _part_lessons(self, part: EpisodePart) -> tuple[list[int], list[Lesson], list[int]]:
        """The part's ideas, its lessons, and the sentences those lessons take their explanation from.
        A sentence that explains a lesson is shown there, not again as an idea (while ideas keep their minimum)."""
        ideas = list(part.ideas)
        taken = set(part.lessons)
        titles: set[str] = set()
        lessons: list[Lesson] = []
        explaining: list[int] = []

        def may_use(j: int) -> bool:
            return j not in taken and (j not in ideas or len(ideas) > MIN_IDEAS_PER_PART)

        for i in part.lessons:
            found = self._lesson(i, titles, may_use)
            if found is None:
                continue
            lessons.append(found[0])
            taken.add(found[1])
            if found[1] != i:
                explaining.append(found[1])
            if found[1] in ideas and len(ideas) > MIN_IDEAS_PER_PART:
                ideas.remove(found[1])
        return ideas, lessons, explaining

    def _lesson_title(self, i: int) -> str:
        """The lesson's title: the advice with its condition, or the claim the sentence makes ("" if neither)."""
        if i not in self._titles:
            self._titles[i] = self._title_of(i)
        return self._titles[i]

    def _title_of(self, i: int) -> str:
        sentence = self.sentences[i]
        if not self.english:
            return self.phrases.title_for(i, avoid=set()) or _first_words(self.shown[i], 6)
        if not sentence.punctuated and sentence.boundary != "recovered":
            # Without the engine's punctuation clause boundaries are guesses: only an explicit piece of advice.
            shown = self.shown[i]
            return advice_checked(advice_title(shown), shown, from_lead=has_advice_lead(shown))
        shown = self.shown[i]
        # Advice the speaker marks ("you should…") is titled as advice; else the claim a clause makes.
        advised = advice_checked(advice_title(shown), shown, from_lead=has_advice_lead(shown))
        title = (advised if has_advice_lead(shown) else "") or spoken_claim(shown)[0] or advised
        if not title or fragment_reason(title) is not None or _NOT_A_TITLE.match(title):
            return ""  # "If your podcast is about you" is a condition, "I still remember…" an anecdote
        if conceded_after(sentence.clean, title):
            return ""  # shown cut before the "but" that concedes it: never the conceded clause
        return title

    def _teaches(self, i: int) -> bool:
        """Sentence i makes a whole lesson: a title that claims something, and an explanation beyond it."""
        return self._lesson(i, set(), lambda j: True) is not None

    def _lesson(self, i: int, titles: set[str], may_use: Callable[[int], bool]) -> tuple[Lesson, int] | None:
        """The lesson sentence i gives, and the sentence its explanation comes from (i itself or the next);
        None when nothing beyond the title explains it: a title repeated as its explanation teaches nothing."""
        if self.english and not self.sentences[i].punctuated and self.sentences[i].boundary != "recovered":
            return None  # without the engine's punctuation, where a title ends is a guess (unless both ends
            # were recovered: bench/bench_caption_sentences.py)
        title = self._lesson_title(i)
        if not title or len(title.split()) < 3 or title.casefold() in titles:
            return None
        explanation, source = self._explanation(i, title, may_use)
        if not explanation:
            return None
        titles.add(title.casefold())
        return Lesson(title=title, explanation=explanation), source

    def _explanation(self, i: int, title: str, may_use: Callable[[int], bool]) -> tuple[str, int]:
        """The rest of the sentence after its title when that is a whole clause ("…because the margin is
        huge" → "The margin is huge."), else the speaker's next sentence when it adds to the title."""
        claim, said_after = spoken_claim(self.shown[i])
        if claim == title and not said_after:
            # A long sentence is shown cut after its first clauses; the rest it said may be the explanation
            # ("…use them for good ends, | and there's always a handful of actors that use it for bad ends").
            whole_claim, whole_after = spoken_claim(self.sentences[i].clean)
            said_after = (
                whole_after if whole_claim == title and len(whole_after.split()) <= MAX_IDEA_WORDS else ""
            )
        rest = (
            said_after if claim == title and said_after else trimmed(rest_after_title(self.shown[i], title))
        )
        if only_conditions(rest):
            # "…engaged because | no matter how good the content is, if your audio quality isn't good. |
            # It's just going to turn them away.": the caption cut the reason before its main clause.
            return self._completed(i, rest, may_use)
        first_clause = re.split(r"[,;:]\s", rest, maxsplit=1)[0]
        # "Brings red team knowledge…" leans on the title for its subject: not a sentence of its own.
        opens_on_a_verb = looks_like_a_verb(rest.split(" ", 1)[0].strip(",."))
        whole = (
            fragment_reason(rest) is None
            and fragment_reason(first_clause) is None
            and len(first_clause.split()) >= 3  # "Interactive places, where, say, …" is an appositive
            and not opens_on_a_verb
        )
        if len(rest.split()) >= 5 and whole and _adds_to(title, rest):
            return rest, i
        for j in self._neighbours(i):
            if may_use(j) and self._follows_on(i, j) and _adds_to(title, self.shown[j]):
                return plainly(self._text_to_its_end(j)), j
        setting = claim_setting(self.shown[i]) if claim == title else ""
        return (setting, i) if setting and _adds_to(title, setting) else ("", i)

    def _completed(self, i: int, conditions: str, may_use: Callable[[int], bool]) -> tuple[str, int]:
        """The conditions that end sentence i and the main clause the speaker says next, as one sentence;
        ("", i) when the next sentence is not the same speaker's short, whole clause."""
        j = i + 1
        if j >= len(self.sentences) or not may_use(j) or not self._follows_on(i, j):
            return "", i
        main = plainly(self._text_to_its_end(j))
        if len(main.split()) > 16 or only_conditions(main) or not _STARTS_A_MAIN_CLAUSE.match(main):
            return "", i
        return f"{conditions.rstrip(' .!')}, {main[:1].lower()}{main[1:]}", j

    def _text_to_its_end(self, j: int) -> str:
        """Sentence j as an explanation shows it: a turn that only trails off at its end ends on a full stop,
        a statement that only asks for a nod ("It's an enabling technology, right?") on one too."""
        ended = _stated(finished_turn(self.shown[j]))
        return ended if ended != self.shown[j] else self._text(j)

    def _neighbours(self, i: int) -> list[int]:
        """Where a lesson's explanation may be: the next sentence (past a short "Yeah." from the other
        speaker), else the one before, which often gives the reason the advice follows from."""
        return [j for j in (self._next_said(i), i - 1) if 0 <= j < len(self.sentences)]

    def _next_said(self, i: int) -> int:
        after = i + 1
        while after < len(self.sentences) and after - i <= 2 and len(self.shown[after].split()) <= 3:
            after += 1
        if after == i + 1 and after + 1 < len(self.sentences) and self._aside_about_the_speaker(i, after):
            # "…you need to reach out for frameworks. | Currently, I've gone in React, … | At the end of the
            # day, it's just a tool in our toolbox.": the speaker's own case said between, then the point.
            after += 1
        return after

    def _aside_about_the_speaker(self, i: int, j: int) -> bool:
        """Sentence j is the same speaker telling their own case, no statement a reader is shown."""
        a, b = self.sentences[i], self.sentences[j]
        return (
            a.section == b.section
            and a.speaker == b.speaker
            and not self.candidate[j]
            and not b.is_question
            and bool(_OWN_CASE.match(self.shown[j]))
        )

    def _follows_on(self, i: int, j: int) -> bool:
        """Sentence j carries on sentence i's point: same part, same speaker, a whole statement. Said
        straight after i it goes on with i's point ("Everyone has their own approach. | There's no
        standardization yet."); before it or further away it must share two content words with i, not one
        ("apps", "model"), or it is a non-sequitur."""
        a, b = self.sentences[i], self.sentences[j]
        after, before = j == self._next_said(i), j == i - 1
        turn = finished_turn(self.shown[j])
        shown = _stated(turn)
        if shown != turn:  # judged as the statement it is, not as the question its mark made it
            b = replace(b, clean=shown)
        straight_after = (after or before) and explains_straight_after(b, shown)
        shared = len(content_stems(self.shown[i]) & content_stems(shown))
        return (
            a.section == b.section
            and a.speaker == b.speaker
            and not self.housekeeping[j]
            and (self.candidate[j] or straight_after)
            and (4 if straight_after else 6) <= len(shown.split()) <= MAX_IDEA_WORDS
            and fragment_reason(shown) is None
            and (not HEDGED.match(shown) or bool(_A_POSSIBILITY.match(shown)))
            and not looks_back(shown)
            and not conceded_after(b.clean, shown.rstrip(".!"))  # shown cut before a "but" that takes it back
            and shared >= (0 if after and straight_after else 2)
        )

    def _episode_lessons(self) -> list[Lesson]:
        pool = sorted({i for part in self.parts for i in part.lessons if self._fresh(i)})
        if not pool:
            return []
        weight = [float(self.advice[i] or 0.5) * (0.5 + float(self.relevance[i])) for i in pool]
        sim = similarity(self.space.rows(pool))
        count = lessons_for(self.transcript.duration or self.episode.duration_seconds or 0.0)
        chosen = self._distinct(sorted(pool[j] for j in mmr(weight, sim, count, floor=1e-6)))
        titles: set[str] = set()
        lessons = []
        for i in chosen:
            found = self._lesson(i, titles, lambda j: self._fresh(j) and j not in chosen)
            if found is not None:
                lessons.append(found[0])
                self._take(sorted({i, found[1]}))
        return lessons


# The speaker's own case: "Currently, I've gone in React, which is, I would say, industry standard…".
_OWN_CASE = re.compile(
    r"^(?:(?:currently|now|personally|myself|these days),?\s+)?(?:i|i've|i'm|i'd|my)\b", re.I
)
# "You might accidentally commit a secret": what may happen to the listener, no hedge of the speaker's view
# ("You might think…" puts a view in the listener's mouth and stays refused).
_A_POSSIBILITY = re.compile(
    r"^you (?:may|might|could) (?!(?:think|say|want|wonder|ask|know|guess|feel|believe|imagine|hear|have heard|be thinking)\b)",
    re.I,
)
# The subject a main clause after its conditions opens on: "…, if your audio quality isn't good, | it's …".
_STARTS_A_MAIN_CLAUSE = re.compile(
    r"^(?:it|it's|it'll|it will|that's|that|they|they'll|you|you'll|people)\b", re.I
)


# A statement that ends asking only for a nod: "It's an enabling technology, right?".
_NOD = re.compile(r",?\s+(?:right|isn't it|aren't they|don't you think|you know)\?$", re.I)
# A question asked in its own words, whatever tag ends it: "Do you use Jupyter, right?".
_ASKS = re.compile(
    r"^(?:how|what|why|where|when|who|which|whether|do|does|did|is|are|can|could|would|will|should|have|has)\b",
    re.I,
)


def _stated(shown: str) -> str:
    """The sentence as the statement it is when its question mark only asks for a nod ("It's an enabling
    technology, right?" → "It's an enabling technology."); any other sentence as it is."""
    nod = _NOD.search(shown)
    if not nod or _ASKS.match(shown) or "?" in shown[: nod.start()]:
        return shown
    return shown[: nod.start()].rstrip(" ,") + "."


def _adds_to(title: str, explanation: str) -> bool:
    """The explanation says something the title does not: it neither repeats the title nor only rewords it."""
    if normalise(title) in normalise(explanation):
        return False
    return len(content_stems(explanation) - content_stems(title)) >= 1


def _first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count]).rstrip(",.;:")
