"""The Key Ideas of the offline summary: topics said across the episode, each under a heading its own
ideas say, over ideas no other top part shows; when too few topics are found, the runs of parts that
talk alike fill the format's minimum, each over ideas that say its heading.
"""

from typing import TYPE_CHECKING

import numpy as np

from podcast_digest.models import KeyIdeaGroup
from podcast_digest.summarization.extractive.grammar import content_stems
from podcast_digest.summarization.extractive.headings import (
    heading_for,
    heading_said_most,
    names_subject,
    said_in,
    sentences_saying,
    shared_phrases,
    with_second_subject,
    word_said_most,
)
from podcast_digest.summarization.extractive.idea_picking import (
    episode_topics,
    ideas_on_the_heading_said_most,
    topic_ideas,
    why_no_key_idea,
)
from podcast_digest.summarization.extractive.phrases import PhraseBook
from podcast_digest.summarization.extractive.ranking import (
    SentenceSpace,
    centroid_similarity,
    mmr,
    similarity,
)
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.topics import (
    MAX_IDEAS,
    MIN_GROUPS,
    MIN_IDEAS,
    TopicGroup,
)

# How Key Ideas groups are filled when too few topics are said across the episode, in turn: ideas that say
# the heading and read alone at the top, in the topic's run, then anywhere in the talk; that say it and read
# alone in a part; as before.
_FILL_PASSES = (
    "read alone",
    "across the episode",
    "read alone in a part",
    "across the episode, read alone in a part",
    "as before",
)


class KeyIdeaGroups:
    """The Key Ideas steps of one summarization; mixed into the summarizer's run, which holds the state."""

    if TYPE_CHECKING:  # _Run, which this is mixed into, has them
        sentences: list[TranscriptSentence]
        shown: list[str]
        relevance: np.ndarray
        english: bool
        names: set[str]
        phrases: PhraseBook
        space: SentenceSpace
        used: list[int]
        topics: list[tuple[str, TopicGroup]]

        def _fresh(self, i: int) -> bool: ...
        def _take(self, indices: list[int]) -> list[int]: ...
        def _distinct(self, indices: list[int]) -> list[int]: ...
        def _is_idea(self, i: int) -> bool: ...
        def _idea_text(self, i: int) -> str: ...
        def _plain_length_weight(self, i: int) -> float: ...
        def _says_it_plainly(self, i: int, *, key_idea: bool = True) -> bool: ...

    def _key_ideas(self, groups: list[TopicGroup], score: dict[int, float]) -> list[KeyIdeaGroup]:
        """Each topic: a heading its own ideas say, over ideas no other top part shows."""
        used_headings: set[str] = set()
        result = self._topics_said_across_the_episode(len(groups))  # (first idea, group)
        used_headings |= {g.heading.casefold() for _, g in result}
        # Too few topics said across the talk: the runs of parts that talk alike make up the format's minimum,
        # each over ideas that say its heading, read alone (at the top, then in a part); else a phrase said
        # most across the rest of the talk; only then, if the minimum is still not met, as before.
        filled: set[int] = set()
        for way in _FILL_PASSES:
            if way.startswith("across the episode"):
                self._fill_across_the_episode(result, used_headings, key_idea=way == "across the episode")
                continue
            for n, group in enumerate(groups):
                if len(result) >= MIN_GROUPS:
                    break
                if n in filled:
                    continue
                spelt, ideas = self._topic_and_ideas(group, score, used_headings, fill=way)
                if len(ideas) < MIN_IDEAS or not spelt:
                    continue
                filled.add(n)
                self.topics.append((spelt, group))
                self._add_group(result, used_headings, spelt, ideas)
        # In the order the talk reaches them, as the sample reads: a tour of the episode.
        return [g for _, g in sorted(result, key=lambda r: r[0])]

    def _no_filler(self, i: int) -> bool:
        """Whether the sentence may be a Key Idea at all: not the speaker's story or interest, not pointing
        back within itself ("one of these networks", "that's why"). English only, as its rules are."""
        return not self.english or why_no_key_idea(self._idea_text(i)) is None

    def _add_group(
        self, result: list[tuple[int, KeyIdeaGroup]], used: set[str], spelt: str, ideas: list[int]
    ) -> None:
        used.add(spelt.casefold())
        self._take(ideas)
        result.append((ideas[0], self._group(spelt, ideas)))

    def _group(self, spelt: str, ideas: list[int]) -> KeyIdeaGroup:
        """The group as shown: its ideas as plain statements, under the heading as they say it."""
        texts = [self._idea_text(i) for i in ideas]
        return KeyIdeaGroup(heading=said_in(spelt, texts) or spelt, ideas=texts)

    def _fill_across_the_episode(
        self, result: list[tuple[int, KeyIdeaGroup]], used: set[str], *, key_idea: bool
    ) -> None:
        """Groups, while fewer than the format's minimum, of 3-5 ideas anywhere in the talk that read alone
        and say the phrase most of the ideas left say (a conversation that keeps returning to "AI")."""
        if not self.english:
            return
        while len(result) < MIN_GROUPS:
            pool = [i for i in range(len(self.sentences)) if self._is_idea(i) and self._fresh(i)]
            pool = [i for i in pool if self._says_it_plainly(i, key_idea=key_idea) and self._no_filler(i)]
            if len(pool) < MIN_IDEAS:
                return
            spelt, ideas = self._ideas_under_the_heading_said_most(pool, used)
            if len(ideas) < MIN_IDEAS:
                return
            self._add_group(result, used, spelt, ideas)

    def _topics_said_across_the_episode(self, wanted: int) -> list[tuple[int, KeyIdeaGroup]]:
        """Topics as phrases several stand-alone ideas say anywhere in the talk, in the order first said."""
        if not self.english:
            return []
        pool = [i for i in range(len(self.sentences)) if self._is_idea(i) and self._fresh(i)]
        pool = [i for i in pool if self._says_it_plainly(i) and self._no_filler(i)]
        if len(pool) < MIN_IDEAS:
            return []
        rows = self.space.rows(pool)
        centrality = centroid_similarity(rows)
        weight = [
            (0.5 * float(centrality[j]) + 0.5 * float(self.relevance[i])) * self._plain_length_weight(i)
            for j, i in enumerate(pool)
        ]
        found = episode_topics(
            self.phrases, pool, weight, similarity(rows), names=self.names, wanted=max(MIN_GROUPS, wanted)
        )
        groups = []
        named_before: list[tuple[str, TopicGroup]] = []
        for spelt, ideas in sorted(found, key=lambda t: t[1][0]):
            ideas = self._distinct(ideas)
            if len(ideas) < MIN_IDEAS:
                continue
            # Its members: the stretch of talk from its first idea to its last (how long the talk stays on it).
            topic = (spelt, TopicGroup(members=list(range(ideas[0], ideas[-1] + 1)), ideas=ideas))
            # A heading the tl;dr or a lesson already says is offered to the 1-sentence summary only when too
            # few others are: three of them in a row would repeat the tl;dr ("covers H2O, JavaScript and HTML").
            if any(content_stems(spelt) <= content_stems(self.shown[j]) for j in self.used):
                named_before.append(topic)
            else:
                self.topics.append(topic)
            self._take(ideas)
            groups.append((ideas[0], self._group(spelt, ideas)))
        self.topics.extend(named_before[: max(0, 2 - len(self.topics))])
        return groups

    def _topic_and_ideas(
        self, group: TopicGroup, score: dict[int, float], used: set[str], *, fill: str = "as before"
    ) -> tuple[str, list[int]]:
        """The topic's heading and ideas: ideas that read alone and say the heading where three do,
        else (a thin topic) the topic's best distinct ideas under a phrase two of them share."""
        # Key Ideas are read out of context: statements about the subject, not asides that point back
        # ("Of that, …") or tell how the speaker feels ("To me, …"); from the whole topic, not only its best.
        clear = [
            i
            for i in group.members
            if self._is_idea(i) and self._fresh(i) and self._says_it_plainly(i) and self._no_filler(i)
        ]
        if len(clear) >= MIN_IDEAS:
            rows = self.space.rows(clear)
            centrality = centroid_similarity(rows)
            weight = [
                (0.5 * float(centrality[j]) + 0.5 * float(self.relevance[i])) * self._plain_length_weight(i)
                for j, i in enumerate(clear)
            ]
            spelt, ideas = topic_ideas(
                self.phrases, clear, weight, similarity(rows), names=self.names, avoid=used
            )
            ideas = self._distinct(ideas)
            if len(ideas) >= MIN_IDEAS:
                return spelt, ideas
        if fill != "as before":
            return self._ideas_saying_the_heading(group, clear, used, key_idea=fill == "read alone")
        # Only ideas that read alone (at the top, else in a part): a group of filler ("Of that, …", "It's fine
        # to dream a little") to reach the format's minimum is worse than one group fewer.
        pool = [i for i in group.members if i in score and self._fresh(i) and self._no_filler(i)]
        plain = [i for i in pool if self._says_it_plainly(i)]
        if len(plain) < MIN_IDEAS and self.english:
            plain = [i for i in pool if self._says_it_plainly(i, key_idea=False)]
            if len(plain) < MIN_IDEAS:
                return "", []
        ideas = self._ideas_under_a_shared_phrase(plain if len(plain) >= MIN_IDEAS else pool, score)
        # The phrase most of them say, else a word two of them say ("Technology"), else one idea's phrase.
        spelt = heading_said_most(self.phrases, ideas, names=self.names, avoid=used)
        texts = [self._idea_text(i) for i in ideas]
        spelt = spelt or word_said_most(
            texts, names=self.names, avoid=used, least=2, english=self.english, book=self.phrases
        )
        spelt = spelt or heading_for(self.phrases, ideas, names=self.names, avoid=used)
        # A group of two subjects is named by both ("Joe Rogan" alone names one bullet of three).
        if self.english and spelt:
            spelt = with_second_subject(self.phrases, spelt, ideas, texts, names=self.names, avoid=used)
        return spelt, ideas

    def _ideas_saying_the_heading(
        self, group: TopicGroup, clear: list[int], used: set[str], *, key_idea: bool
    ) -> tuple[str, list[int]]:
        """A thin topic: the phrase most of its ideas say, over 3-5 of them that say it, or ("", [])."""
        pool = clear
        if not key_idea:
            pool = [
                i
                for i in group.members
                if self._is_idea(i)
                and self._fresh(i)
                and self._says_it_plainly(i, key_idea=False)
                and self._no_filler(i)
            ]
        if len(pool) < MIN_IDEAS:
            return "", []
        spelt, ideas = self._ideas_under_the_heading_said_most(pool, used)
        return (spelt, ideas) if len(ideas) >= MIN_IDEAS else ("", [])

    def _ideas_under_the_heading_said_most(self, pool: list[int], used: set[str]) -> tuple[str, list[int]]:
        """The heading most of the pool's ideas say, and the distinct ideas that say it (best first)."""
        rows = self.space.rows(pool)
        centrality = centroid_similarity(rows)
        weight = [
            (0.5 * float(centrality[j]) + 0.5 * float(self.relevance[i])) * self._plain_length_weight(i)
            for j, i in enumerate(pool)
        ]
        texts = [self._idea_text(i) for i in pool]
        spelt, ideas = ideas_on_the_heading_said_most(
            self.phrases, pool, texts, weight, similarity(rows), names=self.names, avoid=used
        )
        return spelt, self._distinct(ideas)

    def _ideas_under_a_shared_phrase(self, pool: list[int], score: dict[int, float]) -> list[int]:
        """Up to MAX_IDEAS distinct ideas saying the topic's best phrase (two at least), made up to MIN_IDEAS
        with its best other ideas, and no more of them: three real ideas rather than five of filler."""
        if not pool:
            return []
        rows = self.space.rows(pool)
        sim = similarity(rows)
        centrality = centroid_similarity(rows)
        weight = [0.5 * float(centrality[j]) + 0.5 * score[i] for j, i in enumerate(pool)]
        # Only a phrase that can head the group ("Content" and "Tremendous Progress" cannot): else the ideas
        # gather round one phrase and the heading names another that one of them says.
        phrases = [
            k
            for k, count in shared_phrases(self.phrases, pool, names=self.names)
            if count >= 2 and (names_subject(self.phrases, self.phrases.spell(k)) or not self.english)
        ]
        # Made up, first, with ideas about what the phrase's ideas are about (a word in common), where any
        # phrase allows it; only then with the topic's best others.
        for on_subject in (True, False):
            for key in phrases[:5]:
                saying = [pool.index(i) for i in sentences_saying(self.phrases, key, pool)]
                first = mmr([weight[j] for j in saying], sim[np.ix_(saying, saying)], MAX_IDEAS)
                if len(first) < 2:
                    continue
                already = [saying[j] for j in first]
                others = set(range(len(pool))) - set(already)
                if on_subject:
                    others -= set(self._off_the_subject(pool, already))
                rest = mmr(weight, sim, MIN_IDEAS - len(already), already=already, accept=others.__contains__)
                ideas = self._distinct([pool[j] for j in already + rest])
                if len(ideas) >= MIN_IDEAS or not on_subject or not self.english:
                    return sorted(ideas)
        return sorted(self._distinct([pool[j] for j in mmr(weight, sim, MIN_IDEAS)]))

    def _off_the_subject(self, pool: list[int], already: list[int]) -> list[int]:
        """Positions in pool of ideas that share no content word with the group's ideas (`already`): a bullet
        off the heading must at least be about what the group's other bullets are about."""
        if not self.english:
            return []
        subject = set().union(*(content_stems(self._idea_text(pool[j])) for j in already))
        return [j for j, i in enumerate(pool) if not content_stems(self._idea_text(i)) & subject]
