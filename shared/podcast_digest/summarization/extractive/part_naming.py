"""In-Depth parts named by two of their bullets: when two of a part's bullets do not say its heading, the
sentences of the part that share a subject are shown beside them (see PartNaming.bring_in_a_subject)."""

import re
from typing import TYPE_CHECKING

from podcast_digest.models import InDepthSection
from podcast_digest.summarization.extractive.episode_part import (
    MAX_IDEA_WORDS,
    MAX_IDEAS_PER_PART,
    MIN_IDEA_WORDS,
    TOPIC_SAYERS,
    EpisodePart,
)
from podcast_digest.summarization.extractive.gate import is_readable
from podcast_digest.summarization.extractive.grammar import content_stems
from podcast_digest.summarization.extractive.headings import is_a_topic_name, names_subject, shared_phrases
from podcast_digest.summarization.extractive.phrases import PhraseBook, PhraseKey
from podcast_digest.summarization.extractive.sentences import TranscriptSentence

# A clause that ends on a pointer ("…the tool we built does that.") or a share of one ("part of that"):
# it leans on the sentence before, which a part's ideas need not show.
_POINTS_AT_WHAT_WAS_SAID = re.compile(
    r"\b(?:this|that|these|those|it|them)\s*(?:[,;:.!?]|$)|\b(?:part|all|some|most|any) of (?:that|this|it)\b",
    re.I,
)


class PartNaming:
    """The In-Depth naming step of one summarization; mixed into the summarizer's run, which holds the state."""

    if TYPE_CHECKING:  # _Run, which this is mixed into, has them
        english: bool
        parts: list[EpisodePart]
        phrases: PhraseBook
        names: set[str]
        sentences: list[TranscriptSentence]
        shown: list[str]
        candidate: list[bool]
        housekeeping: list[bool]

        def _says_it_plainly(self, i: int, *, key_idea: bool = True) -> bool: ...

    def subjects_of_parts(self) -> list[set[PhraseKey]]:
        """The subjects two or more of each part's ideas say."""
        return [self._subjects_shared(part.ideas) for part in self.parts]

    def named_twice(self, section: InDepthSection) -> bool:
        """Whether two of the part's bullets (ideas, lesson explanations) say its heading, or one subject of
        a heading of two; other languages are left as they were (the phrase rules are English)."""
        if not self.english:
            return True
        said = [
            content_stems(text) for text in [*section.key_ideas, *(x.explanation for x in section.lessons)]
        ]
        for subject in section.heading.split(" and "):
            wanted = content_stems(subject)
            if wanted and sum(1 for stems in said if wanted <= stems) >= TOPIC_SAYERS:
                return True
        return False

    def bring_in_a_subject(self, k: int, shared: list[set[PhraseKey]], used: set[str]) -> bool:
        """A part whose heading two of its bullets do not say ("Billion Parameter" over a model on a PC,
        pushing the envelope…): the subject most of the part's other whole, plain sentences say, two at least
        ("capabilities"), brings those sentences in beside its ideas, up to the part's most, so its heading
        can name them. Not a subject another part's ideas share (its heading), nor a heading used before."""
        part = self.parts[k]
        taken = set().union(*shared[:k], *shared[k + 1 :])
        pool = [i for i in part.sentences if self._could_show(i)]
        found = self._topic_said_most(pool, taken, used)
        if found is None:
            return False
        key, sayers = found
        added = [i for i in sayers if i not in part.ideas][: MAX_IDEAS_PER_PART - len(part.ideas)]
        if not added or len(added) + len(set(sayers) & set(part.ideas)) < TOPIC_SAYERS:
            return False
        part.ideas = sorted(part.ideas + added)
        shared[k] = shared[k] | {key}
        return True

    def _subjects_shared(self, ideas: list[int]) -> set[PhraseKey]:
        return {
            key
            for key, count in shared_phrases(self.phrases, ideas, names=self.names)
            if count >= TOPIC_SAYERS and self._names_a_part(key)
        }

    def _names_a_part(self, key: PhraseKey) -> bool:
        spelt = self.phrases.spell(key)
        return len(spelt) >= 3 and names_subject(self.phrases, spelt)  # as heading_for wants it

    def _could_show(self, i: int) -> bool:
        """A sentence an In-Depth part may show beside its ideas: punctuated by the engine (a guessed end
        runs two sentences together), whole, plain, no question, not housekeeping. Not `_is_idea`: that
        also wants three content words, and "There's still a lot more capability coming." has two."""
        words = len(self.shown[i].split())
        return (
            self.candidate[i]
            and self.sentences[i].punctuated
            and not self.housekeeping[i]
            and not self.sentences[i].is_question
            and MIN_IDEA_WORDS <= words <= MAX_IDEA_WORDS
            and is_readable(self.sentences[i], self.shown[i])
            and self._says_it_plainly(i)
            and not _POINTS_AT_WHAT_WAS_SAID.search(self.shown[i])
        )

    def _topic_said_most(
        self, pool: list[int], taken: set[PhraseKey], used: set[str]
    ) -> tuple[PhraseKey, list[int]] | None:
        """The subject phrase, none of `taken` nor spelt as a `used` heading, that most of the pool says, two
        at least, a name or several words counting half as much again; with the sentences that say it."""
        said = {i: {w for key in self.phrases.by_sentence[i] for w in key} for i in pool}
        found: tuple[float, PhraseKey, list[int]] | None = None
        for key, _ in shared_phrases(self.phrases, pool, names=self.names):
            if key in taken or self.phrases.spell(key).casefold() in used or not self._names_a_part(key):
                continue
            sayers = [i for i in pool if set(key) <= said[i]]
            value = len(sayers) * (1.5 if is_a_topic_name(self.phrases, key) else 1.0)
            if len(sayers) >= TOPIC_SAYERS and (found is None or value > found[0]):
                found = (value, key, sayers)
        return None if found is None else (found[1], found[2])
