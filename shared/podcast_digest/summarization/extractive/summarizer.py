"""The offline summarizer: every part of the house format from the transcript's own sentences.

Flow: cut the transcript into parts (sections.split_sections), split each
part into sentences, rank sentences within each part (LexRank + centrality,
MMR against repeats), then work across the episode on a capped set of each
part's best sentences (topics, tl;dr, conclusion). Memory and time stay
bounded on a 3-hour episode: no similarity matrix spans all its sentences.
"""

import re
from collections import Counter
from collections.abc import Callable
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
from podcast_digest.summarization.extractive.gate import is_candidate, is_chatter, is_readable, trimmed
from podcast_digest.summarization.extractive.grammar import (
    content_stems,
    folded,
    fragment_reason,
    looks_like_a_verb,
    same_folded,
)
from podcast_digest.summarization.extractive.headings import heading_for, sentences_saying, shared_phrases
from podcast_digest.summarization.extractive.housekeeping import housekeeping_flags
from podcast_digest.summarization.extractive.lessons import (
    advice_strength,
    advice_title,
    claim_title,
    rest_after_title,
)
from podcast_digest.summarization.extractive.phrases import PhraseBook, PhraseKey
from podcast_digest.summarization.extractive.quotable import (
    LEANS_BACK,
    QuoteContext,
    favorite_quote,
    topic_vocabulary,
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
from podcast_digest.summarization.extractive.topics import (
    MAX_IDEAS,
    MIN_IDEAS,
    TopicGroup,
    group_topics,
    is_topic,
)
from podcast_digest.summarization.extractive.vocabulary import WORD, is_english, stem, stop_words_for
from podcast_digest.summarization.quotes import QuoteIndex, normalise
from podcast_digest.summarization.sections import TranscriptSection, split_sections

MIN_IDEAS_PER_PART, MAX_IDEAS_PER_PART = 3, 8
# About three times a 4.5-minute part at a brisk 150 words a minute.
MAX_PART_TOKENS = 2700
MAX_LESSONS_PER_PART = 4
# How a claim that is not advice weighs against advice (whose strength is 0.4-1.5) as a lesson.
_CLAIM_WEIGHT = 0.3
MAX_LESSONS = 25  # the format asks for 10-25; fewer when the talk gives less advice, never padding
# Sentences carried from the parts into the episode-wide ranking: at most this many in all.
MAX_EPISODE_CANDIDATES = 400
# The sample's tl;dr is about 75 words: two or three of our longer spoken sentences.
TLDR_SENTENCES, TLDR_WORDS = 3, 75
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


# Openings that point back at something said before: no sentence of a gist may start on one.
_POINTS_BACK = re.compile(
    r"^(?:that|that's|this|these|those|it|it's|its|they|they're|them|their|he|she|his|her|there|so|also|then|"
    r"which|such|here|both|another|the other|the same|same|again|yes|no|right|exactly|well)\b",
    re.I,
)


# Openings of an aside about the speaker rather than a statement about the subject.
_ASIDE = re.compile(
    r"^(?:to me|for me|i'm (?:having|mostly|kind of|just|not|so|really|always)|i am (?:hesitant|not sure)|i know for|"
    r"i wish|i was|i've been|i have been|i don't (?:know|think)|all of us|one of the (?:cool|great|nice) things)\b",
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
        self._titles: dict[int, str] = {}
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
            # Advice first; a claim with its explanation (the sample's "insights") is a lesson too.
            weight = [
                max(float(self.advice[i]), _CLAIM_WEIGHT) * (0.5 + part.relevance[i])
                if self.content_counts[i] >= 4 and self._is_idea(i) and self._teaches(i)
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
        tldr_indices = self._tldr(score)
        lessons = self._episode_lessons()
        key_ideas = self._key_ideas(groups, score)
        one_sentence = self._one_sentence(score, candidates)
        conclusion = self._conclusion(candidates, score)
        quote = self._quote()
        topics = [spelt for spelt, _ in self.topics]
        checks = check_promises(
            promises(
                self.episode.title,
                self.episode.description,
                self.stop_words,
                speakers=self.speakers,
                podcast=self.feed.title,
            ),
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
            ideas, lessons, explaining = self._part_lessons(part)
            bullets = ideas + [i for i in part.lessons if i not in ideas] + explaining
            spelt = heading_for(self.phrases, bullets, names=self.names, avoid=used)
            spelt = spelt or heading_for(self.phrases, part.sentences, names=self.names, avoid=used)
            spelt = spelt or f"Part {part.section.index + 1}"
            used.add(spelt.casefold())
            result.append(
                InDepthSection(
                    start_seconds=part.section.start,
                    end_seconds=part.section.end,
                    heading=spelt,
                    key_ideas=[self._text(i) for i in ideas],
                    lessons_heading=f"Lessons on {spelt}" if lessons else "",
                    lessons=lessons,
                )
            )
        return result

    def _part_lessons(self, part: _Part) -> tuple[list[int], list[Lesson], list[int]]:
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
        if not sentence.punctuated:
            # Without the engine's punctuation clause boundaries are guesses: only an explicit piece of advice.
            return advice_title(self.shown[i])
        title = advice_title(self.shown[i]) or claim_title(self.shown[i])
        if not title or fragment_reason(title) is not None or _NOT_A_TITLE.match(title):
            return ""  # "If your podcast is about you" is a condition, "I still remember…" an anecdote
        return title

    def _teaches(self, i: int) -> bool:
        """Sentence i makes a whole lesson: a title that claims something, and an explanation beyond it."""
        return self._lesson(i, set(), lambda j: True) is not None

    def _lesson(self, i: int, titles: set[str], may_use: Callable[[int], bool]) -> tuple[Lesson, int] | None:
        """The lesson sentence i gives, and the sentence its explanation comes from (i itself or the next);
        None when nothing beyond the title explains it: a title repeated as its explanation teaches nothing."""
        if self.english and not self.sentences[i].punctuated:
            return None  # without the engine's punctuation, where a title ends is a guess
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
        rest = trimmed(rest_after_title(self.shown[i], title))
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
                return self._text(j), j
        return "", i

    def _neighbours(self, i: int) -> list[int]:
        """Where a lesson's explanation may be: the next sentence (past a short "Yeah." from the other
        speaker), else the one before, which often gives the reason the advice follows from."""
        after = i + 1
        while after < len(self.sentences) and after - i <= 2 and len(self.shown[after].split()) <= 3:
            after += 1
        return [j for j in (after, i - 1) if 0 <= j < len(self.sentences)]

    def _follows_on(self, i: int, j: int) -> bool:
        """Sentence j carries on sentence i's point: same part, same speaker, a whole statement."""
        a, b = self.sentences[i], self.sentences[j]
        return (
            a.section == b.section
            and a.speaker == b.speaker
            and not self.housekeeping[j]
            and self.candidate[j]
            and 6 <= len(self.shown[j].split()) <= _MAX_IDEA_WORDS
            and fragment_reason(self.shown[j]) is None
            and not HEDGED.match(self.shown[j])
            # Two words in common, not one ("apps"): a sentence that merely shares a word is a non-sequitur.
            and len(content_stems(self.shown[i]) & content_stems(self.shown[j])) >= 2
        )

    # --- the top parts --------------------------------------------------------------------------

    def _key_ideas(self, groups: list[TopicGroup], score: dict[int, float]) -> list[KeyIdeaGroup]:
        """Each topic: a heading its own ideas say, over ideas no other top part shows."""
        used_headings: set[str] = set()
        result = []
        for group in groups:
            pool = [i for i in group.members if i in score and self._fresh(i)]
            # Key Ideas are read out of context: statements about the subject, not asides that point back
            # ("It's something I do think about that idea") or tell how the speaker feels ("To me, …").
            clear = [i for i in pool if self._says_it_plainly(i)]
            ideas = self._ideas_under_a_shared_phrase(clear if len(clear) >= 2 * MIN_IDEAS else pool, score)
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

    def _says_it_plainly(self, i: int) -> bool:
        text = self.shown[i]
        return not (_POINTS_BACK.match(text) or _ASIDE.match(text) or HEDGED.match(text) or is_chatter(text))

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
            found = self._lesson(i, titles, lambda j: self._fresh(j) and j not in chosen)
            if found is not None:
                lessons.append(found[0])
                self._take(sorted({i, found[1]}))
        return lessons

    def _tldr(self, score: dict[int, float]) -> list[int]:
        """The tl;dr: two or three sentences on one thread, in the order they are said. The episode's
        strongest stand-alone statement on its main phrases, then the strongest that carry on a phrase
        of what is already picked; none opens on a word that points back ("That", "This", "They")."""
        thread = self._main_phrases(list(score))

        def strength(i: int) -> float:
            # Longer sentences carry more of the argument; very short ones are asides; advice is for lessons.
            advice = 0.5 if self.advice[i] >= 0.7 else 1.0
            return score.get(i, 0.0) * min(1.0, len(self.shown[i].split()) / 15) * advice

        pool: list[int] = []
        for strict in (True, False):
            pool = [i for i in score if self._opens_a_gist(i, strict=strict)]
            if pool:
                break
        if not pool:
            ranked = sorted(score, key=lambda i: (-strength(i), i))
            return sorted(self._take(ranked[:1] or [0]))
        keys = {i: set(self.phrases.by_sentence[i]) for i in pool}
        anchor = max(pool, key=lambda i: (strength(i) * (1 + len(keys[i] & thread)), -i))
        picked, said = [anchor], set(keys[anchor])
        words = len(self.shown[anchor].split())
        while len(picked) < TLDR_SENTENCES:
            follows = [
                i
                for i in pool
                if i not in picked
                and _carries_on(keys[i], said, thread)
                and not any(self._same(i, j) for j in picked)
                and words + len(self.shown[i].split()) <= TLDR_WORDS
            ]
            if not follows:
                break
            best = max(follows, key=lambda i: (strength(i) * (1 + len(keys[i] & said)), -i))
            picked.append(best)
            said |= keys[best]
            words += len(self.shown[best].split())
        return sorted(self._take(picked))

    def _opens_a_gist(self, i: int, *, strict: bool) -> bool:
        text = self.shown[i]
        return (
            self._stands_alone(i, strict=strict)
            and self._fresh(i)
            and not self.housekeeping[i]
            and not _POINTS_BACK.match(text)
            and not is_chatter(text)
        )

    def _main_phrases(self, candidates: list[int], limit: int = 8) -> set[PhraseKey]:
        """The phrases the episode's best sentences say most (several words count more), names left out."""
        counts: Counter[PhraseKey] = Counter(k for i in candidates for k in set(self.phrases.by_sentence[i]))

        def named(key: PhraseKey) -> bool:
            return any(w in self.names for w in self.phrases.spell(key).casefold().split())

        ranked = sorted(
            (k for k, n in counts.items() if n >= 2 and not named(k) and is_topic(self.phrases.spell(k))),
            key=lambda k: (-counts[k] * (1 + 0.5 * (len(k) - 1)), k),
        )
        return set(ranked[:limit])

    def _one_sentence(self, score: dict[int, float], candidates: list[int]) -> str:
        """Who talks about what: the speakers and the episode's biggest topics, in the order they come."""
        real = [t for t in self.topics if is_topic(t[0])]
        # Short names read best in one sentence ("red teaming", "Azure"); a longer heading only when needed.
        real = [t for t in real if len(t[0].split()) <= 2] if len(real) > _ONE_SENTENCE_TOPICS else real
        topics = sorted(real, key=lambda t: (not _names_a_topic(t[0]), -len(t[1].members), t[1].members[0]))[
            :_ONE_SENTENCE_TOPICS
        ]
        topics.sort(key=lambda t: t[1].members[0])
        named = [self._as_spoken(spelt) for spelt, _ in topics]
        if len(named) < 2:
            # Too short for topics, or too few of its headings name one: the phrases the episode says most.
            keys = sorted(
                self._main_phrases(candidates), key=lambda k: min(self._first_said(k), len(self.sentences))
            )
            named = [self.phrases.spell(k) for k in keys if len(set(k)) == len(k)][:_ONE_SENTENCE_TOPICS]
        if not named:
            # A clip: whatever topic its few lines name.
            keys = self.phrases.ranked(range(len(self.sentences)), limit=3 * _ONE_SENTENCE_TOPICS)
            spelt = [self.phrases.spell(k) for k in keys if len(set(k)) == len(k)]
            named = [t for t in spelt if is_topic(t)][:_ONE_SENTENCE_TOPICS]
        if not named:
            pool = [i for i in candidates if self._fresh(i) and self._stands_alone(i)] or candidates or [0]
            pool = [i for i in pool if not HEDGED.match(self.shown[i])] or pool
            one = max(pool, key=lambda i: (score.get(i, 0.0), -i))
            self._take([one])
            return self._text(one)
        who = _join(self.speakers[:3]) if self.speakers else "The conversation"
        verb = "talk about" if len(self.speakers) > 1 else ("talks about" if self.speakers else "covers")
        return f"{who} {verb} {_join(named)}."

    def _as_spoken(self, heading: str) -> str:
        """A title-case heading as the speakers spell it mid-sentence: "Silicon Valley", "red teaming"."""
        key = tuple(stem(w.casefold()) for w in WORD.findall(heading))
        return self.phrases.spell(key) if key else heading

    def _first_said(self, key: PhraseKey) -> int:
        return next(
            (i for i, keys in enumerate(self.phrases.by_sentence) if key in keys), len(self.sentences)
        )

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
            context=self._quote_context(about_the_topic),
        )

    def _quote_context(self, pool: list[int]) -> QuoteContext:
        """The quote is judged against the talk's span and the words of the episode's topics and title
        (its headings' and title's words, and those most said among the sentences it may come from)."""
        said = [s.start for s in self.sentences]
        topics = [spelt for spelt, _ in self.topics] + [self.episode.title or ""]
        return QuoteContext(
            english=self.english,
            talk_start=min(said, default=0.0),
            talk_end=max(self.transcript.duration or 0.0, max(said, default=0.0)),
            topic_words=topic_vocabulary(
                topics,
                (self.sentences[i].clean for i in pool),
                self.space.content_words,
                leave_out=self.names,
            ),
            content_words=self.space.content_words,
            podcast=self.feed.title or "",
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


def _not_in(shown: set[int]) -> Callable[[int], bool]:
    return lambda j: j not in shown


def _carries_on(keys: set[PhraseKey], said: set[PhraseKey], thread: set[PhraseKey]) -> bool:
    """A sentence with these phrases carries on what was said: it shares a main phrase of the episode
    with it, or, when what was said has none, any phrase at all."""
    shared = keys & said
    return bool(shared & thread) if said & thread else bool(shared)


def _adds_to(title: str, explanation: str) -> bool:
    """The explanation says something the title does not: it neither repeats the title nor only rewords it."""
    if normalise(title) in normalise(explanation):
        return False
    return len(content_stems(explanation) - content_stems(title)) >= 1


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _mid_sentence(spelt: str) -> str:
    """A title-case heading as it reads inside a sentence: "Cold Starts" → "cold starts", "AWS" stays."""
    return " ".join(w if any(c.isupper() for c in w[1:]) or w.isupper() else w.lower() for w in spelt.split())


def _first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count]).rstrip(",.;:")
