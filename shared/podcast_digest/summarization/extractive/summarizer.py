"""The offline summarizer: every part of the house format from the transcript's own sentences.

Flow: cut the transcript into parts (sections.split_sections), split each
part into sentences, rank sentences within each part (LexRank + centrality,
MMR against repeats), then work across the episode on a capped set of each
part's best sentences (topics, tl;dr, conclusion). Memory and time stay
bounded on a 3-hour episode: no similarity matrix spans all its sentences.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.models import (
    Episode,
    Feed,
    InDepthSection,
    KeyIdeaGroup,
    Lesson,
    Provenance,
    Summary,
    Transcript,
)
from podcast_digest.summarization.extractive.clickbait import check_promises, promises, verdict
from podcast_digest.summarization.extractive.housekeeping import housekeeping_flags
from podcast_digest.summarization.extractive.lessons import advice_strength, advice_title
from podcast_digest.summarization.extractive.phrases import PhraseBook, capitalise
from podcast_digest.summarization.extractive.quotable import LEANS_BACK, favorite_quote, trails_off
from podcast_digest.summarization.extractive.ranking import (
    DUPLICATE_SIMILARITY,
    SentenceSpace,
    centroid_similarity,
    lexrank,
    mmr,
    similarity,
)
from podcast_digest.summarization.extractive.sentences import TranscriptSentence, split_section
from podcast_digest.summarization.extractive.topics import TopicGroup, group_topics
from podcast_digest.summarization.extractive.vocabulary import is_english, stop_words_for
from podcast_digest.summarization.quotes import QuoteIndex
from podcast_digest.summarization.sections import TranscriptSection, split_sections

MIN_IDEAS_PER_PART, MAX_IDEAS_PER_PART = 3, 8
# About three times a 4.5-minute part at a brisk 150 words a minute.
MAX_PART_TOKENS = 2700
MAX_LESSONS_PER_PART = 4
MAX_LESSONS = 25  # the format asks for 10-25; fewer when the talk gives less advice, never padding
# Sentences carried from the parts into the episode-wide ranking: at most this many in all.
MAX_EPISODE_CANDIDATES = 400
TLDR_SENTENCES, TLDR_WORDS = 5, 130
_THIN_TLDR = 3
CONCLUSION_SENTENCES = 3
# A sentence shorter than this says too little to be an idea.
_MIN_IDEA_WORDS = 6
_MAX_IDEA_WORDS = 50


@dataclass
class _Part:
    section: TranscriptSection
    sentences: list[int]  # episode sentence indices
    relevance: dict[int, float] = field(default_factory=dict)
    ideas: list[int] = field(default_factory=list)
    lessons: list[int] = field(default_factory=list)


# Openings that hedge or set up a view rather than state one.
HEDGED = re.compile(
    r"^(?:(?:i|you|we|they)\s+(?:may|might|could|probably|think|thought|guess|suppose|feel|mean|know what|wish|hope)\b"
    r"|i'm\s+(?:kind|sort)\s+of\b|i\s+(?:kind|sort)\s+of\b|maybe\b|perhaps\b|i'm\s+not\s+sure\b)",
    re.IGNORECASE,
)


class ExtractiveSummarizer:
    """The embedded default Summarizer: offline, deterministic, no model download."""

    name = "extractive"

    def __init__(self, *, target_section_seconds: float = 270.0) -> None:
        self._target = target_section_seconds

    def summarize(self, feed: Feed, episode: Episode, transcript: Transcript) -> Summary:
        # The token cap only binds on giant segments (a transcript with few or no timestamps): it divides
        # them, so even a one-paragraph transcript gets several In-Depth parts and no part grows unbounded.
        sections = split_sections(transcript, target_seconds=self._target, max_tokens=MAX_PART_TOKENS)
        run = _Run(feed, episode, transcript, sections)
        if not run.sentences:
            raise TranscriptFormatError(
                f"The transcript of episode {episode.episode_id!r} has no words to summarize; "
                "check its source (a publisher transcript or the speech-to-text output) and run it again."
            )
        return run.summary()


class _Run:
    """One summarization: the state shared by the steps that fill each part of the format."""

    def __init__(
        self, feed: Feed, episode: Episode, transcript: Transcript, sections: list[TranscriptSection]
    ):
        self.feed, self.episode, self.transcript = feed, episode, transcript
        self.sentences: list[TranscriptSentence] = []
        self.parts: list[_Part] = []
        for section in sections:
            found = split_section(section, first_position=len(self.sentences))
            first = len(self.sentences)
            self.sentences.extend(found)
            self.parts.append(_Part(section=section, sentences=list(range(first, len(self.sentences)))))
        self.language = transcript.language or episode.language or feed.language
        part_texts = [p.section.text for p in self.parts]
        self.english = is_english(self.language, part_texts)
        self.stop_words = stop_words_for(self.language, part_texts)
        texts = [s.clean for s in self.sentences]
        self.space = SentenceSpace(texts, self.stop_words)
        self.content_counts = [len(self.space.content_words(t)) for t in texts]
        self.speakers = sorted({s.speaker for s in transcript.segments if s.speaker})
        self.phrases = PhraseBook(texts, [s.section for s in self.sentences], self.stop_words, self.speakers)
        self.relevance = np.zeros(len(self.sentences), dtype=np.float32)
        self.topics: list[tuple[str, TopicGroup]] = []  # (heading as spelt, group), filled by _key_ideas
        self.housekeeping = housekeeping_flags(self.sentences)
        self.advice = np.array([advice_strength(s) if self.english else 0.0 for s in self.sentences])

    # --- per part -------------------------------------------------------------------------------

    def _is_idea(self, i: int) -> bool:
        s = self.sentences[i]
        return (
            _MIN_IDEA_WORDS <= s.word_count <= _MAX_IDEA_WORDS
            and not s.is_question
            and self.content_counts[i] >= 3
        )

    def _rank_part(self, part: _Part) -> None:
        if not part.sentences:
            return
        rows = self.space.rows(part.sentences)
        sim = similarity(rows)
        central = lexrank(sim)
        near_centre = centroid_similarity(rows)
        top = float(near_centre.max()) if len(near_centre) else 0.0
        for j, i in enumerate(part.sentences):
            density = min(1.0, self.content_counts[i] / 8)
            score = (
                0.5 * float(central[j]) + 0.5 * (float(near_centre[j]) / top if top > 0 else 0.0)
            ) * density
            if self.housekeeping[i]:
                score *= 0.2
            part.relevance[i] = score
            self.relevance[i] = score
        self._choose_part_ideas(part, sim)
        self._choose_part_lessons(part, sim)

    def _choose_part_ideas(self, part: _Part, sim: np.ndarray) -> None:
        local = part.sentences
        eligible = [j for j, i in enumerate(local) if self._is_idea(i) and not self.housekeeping[i]]
        if not eligible:
            # A part of only short exchanges (a clip, a trailer): its longest lines are still its content.
            eligible = [j for j, i in enumerate(local) if self.sentences[i].word_count >= 3][
                :MIN_IDEAS_PER_PART
            ]
        count = int(np.clip(len(eligible) // 4, MIN_IDEAS_PER_PART, MAX_IDEAS_PER_PART))
        relevance = [part.relevance[i] for i in local]
        best = max((relevance[j] for j in eligible), default=0.0)
        allowed = set(eligible)
        chosen = mmr(relevance, sim, count, floor=0.25 * best, accept=allowed.__contains__)
        part.ideas = sorted(local[j] for j in chosen)

    def _choose_part_lessons(self, part: _Part, sim: np.ndarray) -> None:
        local = part.sentences
        if self.english:
            weight = [
                float(self.advice[i])
                * (0.5 + part.relevance[i])
                * (1.0 if self.sentences[i].punctuated else 0.4)
                if self.content_counts[i] >= 4 and not self.housekeeping[i]
                else 0.0
                for i in local
            ]
            part.lessons = sorted(local[j] for j in mmr(weight, sim, MAX_LESSONS_PER_PART, floor=1e-6))
        else:
            # No advice patterns for this language: the part's most central statement is its takeaway.
            part.lessons = sorted(part.ideas, key=lambda i: (-part.relevance[i], i))[:1]

    # --- across the episode ---------------------------------------------------------------------

    def _episode_candidates(self) -> list[int]:
        per_part = max(4, min(12, MAX_EPISODE_CANDIDATES // max(1, len(self.parts))))
        chosen: list[int] = []
        for part in self.parts:
            ranked = sorted(
                (i for i in part.sentences if self._is_idea(i) and not self.housekeeping[i]),
                key=lambda i: (-part.relevance[i], i),
            )
            chosen.extend(ranked[:per_part])
        return sorted(chosen)

    def summary(self) -> Summary:
        for part in self.parts:
            self._rank_part(part)
        candidates = self._episode_candidates()
        rows = self.space.rows(candidates)
        sim = similarity(rows)
        central = lexrank(sim)
        near_centre = centroid_similarity(rows)
        top = float(near_centre.max()) if len(near_centre) else 0.0
        episode_relevance = [
            0.5 * float(central[j]) + 0.5 * (float(near_centre[j]) / top if top > 0 else 0.0)
            for j in range(len(candidates))
        ]

        in_depth = self._in_depth()
        key_ideas = self._key_ideas(candidates, episode_relevance)
        one_sentence, tldr_indices = self._tldr(candidates, episode_relevance, sim)
        conclusion = self._conclusion(candidates, episode_relevance, sim, set(tldr_indices))
        about_the_topic = [i for i in range(len(self.sentences)) if not self.housekeeping[i]]
        quote = favorite_quote(
            [self.sentences[i] for i in about_the_topic],
            [float(self.relevance[i]) for i in about_the_topic],
            QuoteIndex(self.transcript),
        )
        topics = [spelt for spelt, _ in self.topics]
        checks = check_promises(
            promises(self.episode.title, self.episode.description, self.stop_words),
            self.sentences,
            self.speakers,
        )
        return Summary(
            episode_id=self.episode.episode_id,
            feed_id=self.episode.feed_id or self.feed.feed_id,
            podcast_title=self.feed.title,
            episode_title=self.episode.title,
            episode_url=self.episode.link,
            audio_url=self.episode.audio.url if self.episode.audio else None,
            language=self.language,
            duration_seconds=self.episode.duration_seconds or self.transcript.duration or None,
            quick_takes=verdict(checks, topics, promise_known=self.episode.promise_known),
            one_sentence_summary=one_sentence,
            favorite_quote=quote,
            # A clip too short for ranked sentences still gets its own words in every part.
            tldr=" ".join(self._text(i) for i in tldr_indices) or one_sentence,
            key_ideas=key_ideas,
            lessons=self._episode_lessons(),
            conclusion=" ".join(self._text(i) for i in conclusion) or self._text(len(self.sentences) - 1),
            in_depth=in_depth,
            chapters=list(self.episode.chapters),
            provenance=Provenance(
                transcript_source=self.transcript.source.describe(),
                summarizer="extractive",
                created_at=datetime.now(UTC),
            ),
        )

    def _text(self, i: int) -> str:
        text = self.sentences[i].clean
        return text if text[-1:] in ".!?…。！？" else text + "."

    def _in_depth(self) -> list[InDepthSection]:
        used: set[str] = set()
        result = []
        for part in self.parts:
            spelt = self.phrases.heading(part.sentences, avoid=used) or f"part {part.section.index + 1}"
            used.add(spelt.casefold())
            heading = capitalise(spelt)
            titles: set[str] = set()
            lessons = [self._lesson(i, titles) for i in part.lessons]
            result.append(
                InDepthSection(
                    start_seconds=part.section.start,
                    end_seconds=part.section.end,
                    heading=heading,
                    key_ideas=[self._text(i) for i in part.ideas],
                    lessons_heading=f"Lessons on {spelt}",
                    lessons=lessons,
                )
            )
        return result

    def _lesson(self, i: int, titles: set[str]) -> Lesson:
        sentence = self.sentences[i]
        # Without the engine's punctuation the clause boundaries are guesses: use a key phrase instead.
        title = advice_title(sentence.clean) if self.english and sentence.punctuated else ""
        if not title or title.casefold() in titles:
            title = self.phrases.title_for(i, avoid=titles) or _first_words(self.sentences[i].clean)
        titles.add(title.casefold())
        return Lesson(title=title, explanation=self._text(i))

    def _key_ideas(self, candidates: list[int], relevance: list[float]) -> list[KeyIdeaGroup]:
        groups = group_topics(
            [p.sentences for p in self.parts],
            candidates,
            relevance,
            self.space,
            duration_seconds=self.transcript.duration or 0.0,
        )
        used: set[str] = set()
        result = []
        for group in groups:
            spelt = self.phrases.heading(group.members, avoid=used)
            if not spelt:
                continue
            used.add(spelt.casefold())
            self.topics.append((spelt, group))
            result.append(KeyIdeaGroup(heading=capitalise(spelt), ideas=[self._text(i) for i in group.ideas]))
        return result

    def _episode_lessons(self) -> list[Lesson]:
        pool = sorted({i for part in self.parts for i in part.lessons})
        if not pool:
            return []
        weight = [float(self.advice[i] or 0.5) * (0.5 + float(self.relevance[i])) for i in pool]
        sim = similarity(self.space.rows(pool))
        chosen = sorted(pool[j] for j in mmr(weight, sim, MAX_LESSONS, floor=1e-6))
        titles: set[str] = set()
        return [self._lesson(i, titles) for i in chosen]

    def _tldr(self, candidates: list[int], relevance: list[float], sim: np.ndarray) -> tuple[str, list[int]]:
        """The one-sentence summary, and the tl;dr: the best stand-alone sentence of each main topic."""
        score = dict(zip(candidates, relevance, strict=True))
        position = {i: j for j, i in enumerate(candidates)}

        def strength(i: int) -> float:
            # Longer sentences carry more of the argument; very short ones are asides.
            return score.get(i, 0.0) * min(1.0, self.sentences[i].word_count / 15)

        picked: list[int] = []
        words = 0
        # Well-formed sentences first; talk the engine left unpunctuated only fills a thin tl;dr.
        for strict in (True, False):
            best_of_topic = []
            for _, group in self.topics:
                members = [i for i in group.members if i in position and self._stands_alone(i, strict=strict)]
                if members:
                    best = max(members, key=lambda i: (strength(i), -i))
                    best_of_topic.append((strength(best), best))
            best_of_topic.sort(key=lambda item: (-item[0], item[1]))
            for _, i in best_of_topic:
                if i in picked or any(sim[position[i], position[j]] >= DUPLICATE_SIMILARITY for j in picked):
                    continue
                count = self.sentences[i].word_count
                if picked and words + count > TLDR_WORDS:
                    continue
                picked.append(i)
                words += count
                if len(picked) == TLDR_SENTENCES:
                    break
            if len(picked) >= _THIN_TLDR:
                break
        if not picked:
            ranked = mmr([strength(i) for i in candidates], sim, TLDR_SENTENCES)
            picked = [candidates[j] for j in ranked] or candidates[:1]
        pool = [i for i in candidates if self._stands_alone(i)] or picked or [0]
        # One sentence must state, not set up: "You may think…" is often the view the speaker then refutes.
        pool = [i for i in pool if not HEDGED.match(self.sentences[i].clean)] or pool
        one = max(pool, key=lambda i: (strength(i), -i))
        return self._text(one), sorted(picked)

    def _conclusion(
        self, candidates: list[int], relevance: list[float], sim: np.ndarray, taken: set[int]
    ) -> list[int]:
        if not candidates:
            return []
        last_third = (self.transcript.duration or 0.0) * 2 / 3
        weight = [
            r * (1.5 if self.sentences[i].start >= last_third else 1.0)
            for r, i in zip(relevance, candidates, strict=True)
        ]
        already = [j for j, i in enumerate(candidates) if i in taken]
        allowed = {j for j, i in enumerate(candidates) if i not in taken and self._stands_alone(i)}
        chosen = mmr(weight, sim, CONCLUSION_SENTENCES, accept=allowed.__contains__, already=already)
        if not chosen:
            chosen = [j for j in range(len(candidates)) if candidates[j] not in taken][:1] or already[-1:]
        return sorted(candidates[j] for j in chosen)

    def _stands_alone(self, i: int, *, strict: bool = True) -> bool:
        """Readable out of context; `strict` also wants the engine's own punctuation and a finished sentence."""
        s = self.sentences[i]
        readable = 8 <= s.word_count <= 40 and not s.is_question and not LEANS_BACK.match(s.clean)
        if not strict:
            return readable
        return readable and s.punctuated and not trails_off(s.raw) and not any(q in s.clean for q in '"“”')


def _first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count]).rstrip(",.;:")
