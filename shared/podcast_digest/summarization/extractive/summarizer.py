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
    Quote,
    Summary,
    Transcript,
)
from podcast_digest.models.languages import language_name, whisper_code
from podcast_digest.summarization.extractive.clickbait import check_promises, promises, verdict
from podcast_digest.summarization.extractive.gate import is_candidate, is_readable, trimmed
from podcast_digest.summarization.extractive.grammar import folded, fragment_reason, same_folded
from podcast_digest.summarization.extractive.headings import heading_for, sentences_saying, shared_phrases
from podcast_digest.summarization.extractive.housekeeping import housekeeping_flags
from podcast_digest.summarization.extractive.lessons import advice_strength, advice_title, claim_title
from podcast_digest.summarization.extractive.phrases import PhraseBook
from podcast_digest.summarization.extractive.quotable import (
    LEANS_BACK,
    favorite_quote,
    trails_off,
)
from podcast_digest.summarization.extractive.ranking import (
    SentenceSpace,
    centroid_similarity,
    lexrank,
    mmr,
    similarity,
)
from podcast_digest.summarization.extractive.sentences import TranscriptSentence, split_section
from podcast_digest.summarization.extractive.topics import MAX_IDEAS, MIN_IDEAS, TopicGroup, group_topics
from podcast_digest.summarization.extractive.vocabulary import WORD, is_english, stop_words_for
from podcast_digest.summarization.quotes import QuoteIndex, normalise
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
# A sentence shorter than this says too little to be an idea; longer ones read as a paragraph.
_MIN_IDEA_WORDS = 7
_MAX_IDEA_WORDS = 34
# Ideas of about the sample's length (15 words) rank first; longer ones lose weight past this.
_EASY_IDEA_WORDS = 24
_ONE_SENTENCE_TOPICS = 3


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


# Openings that point back at what was said before: fine inside a part, not as a stand-alone line.
_LEANS_ON_CONTEXT = re.compile(
    r"^(?:for (?:instance|example)|also|instead|then|otherwise|in that case|that's why|because of that)\b",
    re.I,
)


# Titles that tell a story or quote someone rather than state a lesson.
_NOT_A_TITLE = re.compile(r"^(?:i|i'm|i've|i'd|we're joined|we were|when i)\b|.*[\"“”?]", re.I)


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
        summary = run.summary()
        notes = [
            note
            for note in (
                cannot_translate_note(feed.controls.summary_language, summary.language),
                IGNORED_INSTRUCTIONS if feed.controls.instructions else None,
            )
            if note is not None
        ]
        if not notes:
            return summary
        provenance = summary.provenance.model_copy(update={"notes": [*summary.provenance.notes, *notes]})
        return summary.model_copy(update={"provenance": provenance})


IGNORED_INSTRUCTIONS = (
    "the feed has instructions for its summaries, but the extractive summarizer picks the transcript's own "
    "sentences and cannot follow them; set summarizer = llm to have them followed"
)


def cannot_translate_note(wanted: str | None, written: str | None) -> str | None:
    """What the summary's provenance says when the feed asks for a language this summarizer, which only
    picks the transcript's own sentences, cannot write in; None when there is nothing to say."""
    if not wanted or (written and whisper_code(wanted) == written.lower().replace("_", "-").split("-")[0]):
        return None
    heard = f"the transcript's language ({written})" if written else "the transcript's language"
    return (
        f"the feed asks for summaries in {language_name(wanted)}, but the extractive summarizer cannot "
        f"translate: this one is in {heard}; set summarizer = llm to have them written in {language_name(wanted)}"
    )


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
        # What a reader is shown: hedges trimmed (English); and which sentences may be shown at all.
        self.shown = [trimmed(t) if self.english else t for t in texts]
        self.candidate = [
            is_candidate(s, shown) if self.english else not s.is_question
            for s, shown in zip(self.sentences, self.shown, strict=True)
        ]
        self.space = SentenceSpace(texts, self.stop_words)
        self.content_counts = [len(self.space.content_words(t)) for t in texts]
        self.speakers = _speakers_by_talk(transcript)
        self.names = {w.casefold() for name in self.speakers for w in WORD.findall(name)}
        self.phrases = PhraseBook(
            self.shown, [s.section for s in self.sentences], self.stop_words, self.speakers
        )
        self.used: list[int] = []  # sentences already shown in a top part: none is shown twice
        self._folded: dict[int, tuple[str, set[str]]] = {}
        self.relevance = np.zeros(len(self.sentences), dtype=np.float32)
        self.topics: list[tuple[str, TopicGroup]] = []  # (heading as spelt, group), filled by _key_ideas
        self.housekeeping = housekeeping_flags(self.sentences)
        self.advice = np.array([advice_strength(s) if self.english else 0.0 for s in self.sentences])

    # --- per part -------------------------------------------------------------------------------

    def _is_idea(self, i: int) -> bool:
        words = len(self.shown[i].split())
        return (
            self.candidate[i]
            and _MIN_IDEA_WORDS <= words <= _MAX_IDEA_WORDS
            and self.content_counts[i] >= 3
            and not self.housekeeping[i]
        )

    def _brevity(self, i: int) -> float:
        words = len(self.shown[i].split())
        return 1.0 if words <= _EASY_IDEA_WORDS else max(0.4, 1 - (words - _EASY_IDEA_WORDS) / 20)

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
            score *= self._brevity(i)
            part.relevance[i] = score
            self.relevance[i] = score
        self._choose_part_ideas(part, sim)
        self._choose_part_lessons(part, sim)

    def _choose_part_ideas(self, part: _Part, sim: np.ndarray) -> None:
        local = part.sentences
        eligible = [j for j, i in enumerate(local) if self._is_idea(i)]
        if len(eligible) < MIN_IDEAS_PER_PART:
            # A part of only short exchanges (a clip, a trailer): its whole lines are still its content.
            eligible += [
                j
                for j, i in enumerate(local)
                if j not in eligible and self.candidate[i] and len(self.shown[i].split()) >= 4
            ][: MIN_IDEAS_PER_PART - len(eligible)]
        if len(eligible) < MIN_IDEAS_PER_PART:
            readable = [
                j
                for j, i in enumerate(local)
                if j not in eligible and is_readable(self.sentences[i], self.shown[i])
            ]
            readable.sort(key=lambda j: (-part.relevance[local[j]], j))
            eligible += readable[: MIN_IDEAS_PER_PART - len(eligible)]
        if not eligible:
            eligible = [j for j, i in enumerate(local) if self.sentences[i].word_count >= 3][
                :MIN_IDEAS_PER_PART
            ]
        count = int(np.clip(len(eligible) // 4, MIN_IDEAS_PER_PART, MAX_IDEAS_PER_PART))
        relevance = [part.relevance[i] for i in local]
        best = max((relevance[j] for j in eligible), default=0.0)
        allowed = set(eligible)
        chosen = mmr(relevance, sim, count, floor=0.25 * best, accept=allowed.__contains__)
        if len(chosen) < MIN_IDEAS_PER_PART:
            # A thin part: its weaker sentences too, rather than a part of one idea.
            chosen += mmr(
                relevance, sim, MIN_IDEAS_PER_PART - len(chosen), accept=allowed.__contains__, already=chosen
            )
        part.ideas = sorted(local[j] for j in chosen)

    def _choose_part_lessons(self, part: _Part, sim: np.ndarray) -> None:
        local = part.sentences
        if self.english:
            weight = [
                float(self.advice[i])
                * (0.5 + part.relevance[i])
                * (1.0 if self.sentences[i].punctuated else 0.4)
                if self.content_counts[i] >= 4 and self._is_idea(i) and self._lesson_title(i)
                else 0.0
                for i in local
            ]
            part.lessons = sorted(local[j] for j in mmr(weight, sim, MAX_LESSONS_PER_PART, floor=1e-6))
            if not part.lessons:
                # No advice here: the part's best other statement with a claim to make is its takeaway.
                takeaways = [
                    i for i in local if i not in part.ideas and self._is_idea(i) and self._lesson_title(i)
                ]
                spare = part.ideas[MIN_IDEAS_PER_PART:]
                takeaways = takeaways or [i for i in spare if self._lesson_title(i)]
                best = max(takeaways, key=lambda i: (part.relevance[i], -i), default=None)
                part.lessons = [best] if best is not None else []
                if best in part.ideas and len(part.ideas) > MIN_IDEAS_PER_PART:
                    part.ideas.remove(best)
        else:
            # No advice patterns for this language: the part's most central statement is its takeaway.
            part.lessons = sorted(part.ideas, key=lambda i: (-part.relevance[i], i))[:1]

    # --- across the episode ---------------------------------------------------------------------

    def _episode_candidates(self) -> list[int]:
        per_part = max(4, min(12, MAX_EPISODE_CANDIDATES // max(1, len(self.parts))))
        chosen: list[int] = []
        for part in self.parts:
            ranked = sorted(
                (i for i in part.sentences if self._is_idea(i)),
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
            (0.5 * float(central[j]) + 0.5 * (float(near_centre[j]) / top if top > 0 else 0.0))
            * self._brevity(i)
            for j, i in enumerate(candidates)
        ]
        score = dict(zip(candidates, episode_relevance, strict=True))

        in_depth = self._in_depth()
        groups = group_topics(
            [p.sentences for p in self.parts],
            candidates,
            episode_relevance,
            self.space,
            duration_seconds=self.transcript.duration or 0.0,
        )
        # Each top part takes sentences no earlier part showed: the tl;dr the best of each topic,
        # then the lessons (advice is scarce), the topics' other ideas, the conclusion and the quote.
        tldr_indices = self._tldr(groups, score)
        lessons = self._episode_lessons()
        key_ideas = self._key_ideas(groups, score)
        one_sentence = self._one_sentence(score, candidates)
        conclusion = self._conclusion(candidates, score)
        quote = self._quote()
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
            lessons=lessons,
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
        text = self.shown[i]
        return text if text.rstrip("\"'”’)]")[-1:] in ".!?…。！？" else text + "."

    # --- no sentence twice ------------------------------------------------------------------------

    def _same(self, i: int, j: int) -> bool:
        """Sentences i and j say the same thing (word for word, or nearly)."""
        for k in (i, j):
            if k not in self._folded:
                self._folded[k] = folded(self.shown[k])
        return any(same_folded(self._folded[i], self._folded[j]))

    def _fresh(self, i: int) -> bool:
        """Not shown in a top part yet, not even in other words."""
        return i not in self.used and not any(self._same(i, j) for j in self.used)

    def _take(self, indices: list[int]) -> list[int]:
        self.used.extend(indices)
        return indices

    # --- In-Depth -------------------------------------------------------------------------------

    def _in_depth(self) -> list[InDepthSection]:
        used: set[str] = set()
        result = []
        for part in self.parts:
            bullets = part.ideas + [i for i in part.lessons if i not in part.ideas]
            spelt = heading_for(self.phrases, bullets, names=self.names, avoid=used)
            spelt = spelt or heading_for(self.phrases, part.sentences, names=self.names, avoid=used)
            spelt = spelt or f"Part {part.section.index + 1}"
            used.add(spelt.casefold())
            titles: set[str] = set()
            lessons = [lesson for lesson in (self._lesson(i, titles) for i in part.lessons) if lesson]
            result.append(
                InDepthSection(
                    start_seconds=part.section.start,
                    end_seconds=part.section.end,
                    heading=spelt,
                    key_ideas=[self._text(i) for i in part.ideas],
                    lessons_heading=f"Lessons on {spelt}" if lessons else "",
                    lessons=lessons,
                )
            )
        return result

    def _lesson_title(self, i: int) -> str:
        """The lesson's title: the advice with its condition, or the claim the sentence makes ("" if neither)."""
        sentence = self.sentences[i]
        if not self.english:
            return self.phrases.title_for(i, avoid=set()) or _first_words(self.shown[i], 6)
        if not sentence.punctuated:
            # Without the engine's punctuation clause boundaries are guesses: only an explicit piece of advice.
            return advice_title(self.shown[i])
        title = advice_title(self.shown[i]) or claim_title(self.shown[i])
        if not title or fragment_reason(title) is not None or _NOT_A_TITLE.match(title):
            return ""  # "If your podcast is about you" is a condition, "I still remember…" an anecdote
        if normalise(title) == normalise(self.shown[i]):
            return ""  # a title that is the whole explanation says nothing more
        return title

    def _lesson(self, i: int, titles: set[str]) -> Lesson | None:
        title = self._lesson_title(i)
        if not title or len(title.split()) < 3 or title.casefold() in titles:
            return None
        titles.add(title.casefold())
        return Lesson(title=title, explanation=self._text(i))

    # --- the top parts --------------------------------------------------------------------------

    def _key_ideas(self, groups: list[TopicGroup], score: dict[int, float]) -> list[KeyIdeaGroup]:
        """Each topic: a heading its own ideas say, over ideas no other top part shows."""
        used_headings: set[str] = set()
        result = []
        for group in groups:
            pool = [i for i in group.members if i in score and self._fresh(i)]
            ideas = self._ideas_under_a_shared_phrase(pool, score)
            if len(ideas) < MIN_IDEAS:
                continue
            spelt = heading_for(self.phrases, ideas, names=self.names, avoid=used_headings)
            if not spelt:
                continue
            used_headings.add(spelt.casefold())
            self.topics.append((spelt, group))
            self._take(ideas)
            result.append(KeyIdeaGroup(heading=spelt, ideas=[self._text(i) for i in ideas]))
        return result

    def _ideas_under_a_shared_phrase(self, pool: list[int], score: dict[int, float]) -> list[int]:
        """Up to MAX_IDEAS distinct ideas, at least two of them saying the topic's best phrase."""
        if not pool:
            return []
        rows = self.space.rows(pool)
        sim = similarity(rows)
        centrality = centroid_similarity(rows)
        weight = [0.5 * float(centrality[j]) + 0.5 * score[i] for j, i in enumerate(pool)]
        phrases = [k for k, count in shared_phrases(self.phrases, pool, names=self.names) if count >= 2]
        for key in phrases[:5]:
            saying = [pool.index(i) for i in sentences_saying(self.phrases, key, pool)]
            first = mmr([weight[j] for j in saying], sim[np.ix_(saying, saying)], 2)
            if len(first) < 2:
                continue
            already = [saying[j] for j in first]
            others = set(range(len(pool))) - set(already)
            rest = mmr(weight, sim, MAX_IDEAS - 2, already=already, accept=others.__contains__)
            return sorted(self._distinct([pool[j] for j in already + rest]))
        return sorted(self._distinct([pool[j] for j in mmr(weight, sim, MAX_IDEAS)]))

    def _distinct(self, indices: list[int]) -> list[int]:
        kept: list[int] = []
        for i in indices:
            if not any(self._same(i, j) for j in kept):
                kept.append(i)
        return kept

    def _episode_lessons(self) -> list[Lesson]:
        pool = sorted({i for part in self.parts for i in part.lessons if self._fresh(i)})
        if not pool:
            return []
        weight = [float(self.advice[i] or 0.5) * (0.5 + float(self.relevance[i])) for i in pool]
        sim = similarity(self.space.rows(pool))
        chosen = self._distinct(sorted(pool[j] for j in mmr(weight, sim, MAX_LESSONS, floor=1e-6)))
        titles: set[str] = set()
        lessons = []
        for i in chosen:
            lesson = self._lesson(i, titles)
            if lesson is not None:
                lessons.append(lesson)
                self._take([i])
        return lessons

    def _tldr(self, groups: list[TopicGroup], score: dict[int, float]) -> list[int]:
        """The tl;dr: the best stand-alone sentence of each main topic, biggest topics first."""

        def strength(i: int) -> float:
            # Longer sentences carry more of the argument; very short ones are asides; advice is for lessons.
            advice = 0.5 if self.advice[i] >= 0.7 else 1.0
            return score.get(i, 0.0) * min(1.0, len(self.shown[i].split()) / 15) * advice

        picked: list[int] = []
        words = 0
        for strict in (True, False):
            best_of_topic = []
            for group in sorted(groups, key=lambda g: -len(g.members)):
                members = [i for i in group.members if i in score and self._stands_alone(i, strict=strict)]
                members = [
                    i for i in members if i not in picked and not HEDGED.match(self.shown[i])
                ] or members
                if members:
                    best = max(members, key=lambda i: (strength(i), -i))
                    best_of_topic.append(best)
            for i in best_of_topic:
                if i in picked or not self._fresh(i) or any(self._same(i, j) for j in picked):
                    continue
                count = len(self.shown[i].split())
                if picked and words + count > TLDR_WORDS:
                    continue
                picked.append(i)
                words += count
                if len(picked) == TLDR_SENTENCES:
                    break
            if len(picked) >= _THIN_TLDR:
                break
        if not picked:
            ranked = sorted(score, key=lambda i: (-strength(i), i))
            picked = ranked[:1] or [0]
        return sorted(self._take(picked))

    def _one_sentence(self, score: dict[int, float], candidates: list[int]) -> str:
        """Who talks about what: the speakers and the episode's biggest topics, in the order they come."""
        topics = sorted(
            self.topics, key=lambda t: (not _names_a_topic(t[0]), -len(t[1].members), t[1].members[0])
        )[:_ONE_SENTENCE_TOPICS]
        topics.sort(key=lambda t: t[1].members[0])
        named = [_mid_sentence(spelt.split(" and ")[0]) for spelt, _ in topics]
        if not named:
            # Too short for topics: the phrases the whole episode is about.
            keys = self.phrases.ranked(range(len(self.sentences)), limit=_ONE_SENTENCE_TOPICS)
            named = [self.phrases.spell(k) for k in keys if len(set(k)) == len(k)]
        if not named:
            pool = [i for i in candidates if self._fresh(i) and self._stands_alone(i)] or candidates or [0]
            pool = [i for i in pool if not HEDGED.match(self.shown[i])] or pool
            one = max(pool, key=lambda i: (score.get(i, 0.0), -i))
            self._take([one])
            return self._text(one)
        who = _join(self.speakers[:3]) if self.speakers else "The conversation"
        verb = "talk about" if len(self.speakers) > 1 else ("talks about" if self.speakers else "covers")
        return f"{who} {verb} {_join(named)}."

    def _conclusion(self, candidates: list[int], score: dict[int, float]) -> list[int]:
        """Where the talk ends up: the strongest fresh statements of its last third."""
        if not candidates:
            return []
        last_third = (self.transcript.duration or 0.0) * 2 / 3
        pool = [i for i in candidates if self._fresh(i) and self._stands_alone(i)]
        late = [i for i in pool if self.sentences[i].start >= last_third] or pool
        if not late:
            late = [i for i in candidates if self._fresh(i)][-1:]
        if not late:
            return []
        rows = self.space.rows(late)
        chosen = mmr([score[i] for i in late], similarity(rows), CONCLUSION_SENTENCES)
        return sorted(self._take(self._distinct([late[j] for j in chosen])))

    def _quote(self) -> Quote | None:
        about_the_topic = [
            i for i in range(len(self.sentences)) if not self.housekeeping[i] and self.candidate[i]
        ]
        return favorite_quote(
            [self.sentences[i] for i in about_the_topic],
            [float(self.relevance[i]) for i in about_the_topic],
            QuoteIndex(self.transcript),
            accept=lambda sentence: self._fresh(sentence.position),
        )

    def _stands_alone(self, i: int, *, strict: bool = True) -> bool:
        """Readable out of context; `strict` also wants the engine's own punctuation and a finished sentence."""
        s = self.sentences[i]
        words = len(self.shown[i].split())
        readable = (
            self.candidate[i]
            and 8 <= words <= 32
            and not s.is_question
            and not LEANS_BACK.match(self.shown[i])
            and not _LEANS_ON_CONTEXT.match(self.shown[i])
            and not HEDGED.match(self.shown[i])
        )
        if not strict:
            return readable
        return readable and s.punctuated and not trails_off(s.raw) and not any(q in s.clean for q in '"“”')


def _speakers_by_talk(transcript: Transcript) -> list[str]:
    """The speakers, those who talk most first."""
    words: dict[str, int] = {}
    for segment in transcript.segments:
        if segment.speaker:
            words[segment.speaker] = words.get(segment.speaker, 0) + len(segment.text.split())
    return sorted(words, key=lambda name: (-words[name], name))


def _names_a_topic(spelt: str) -> bool:
    """A phrase of several words, or a name, rather than a lone common word."""
    return " " in spelt or any(c.isupper() for c in spelt[1:]) or spelt.isupper()


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _mid_sentence(spelt: str) -> str:
    """A title-case heading as it reads inside a sentence: "Cold Starts" → "cold starts", "AWS" stays."""
    return " ".join(w if any(c.isupper() for c in w[1:]) or w.isupper() else w.lower() for w in spelt.split())


def _first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count]).rstrip(",.;:")
