"""The offline summarizer: every part of the house format from the transcript's own sentences.

Flow: cut the transcript into parts (sections.split_sections), split each
part into sentences, rank sentences within each part (LexRank + centrality,
MMR against repeats), then work across the episode on a capped set of each
part's best sentences (topics, tl;dr, conclusion). Memory and time stay
bounded on a 3-hour episode: no similarity matrix spans all its sentences.
"""

import re
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
from podcast_digest.summarization.extractive.clickbait import verdict
from podcast_digest.summarization.extractive.gate import is_candidate, is_chatter, is_readable, trimmed
from podcast_digest.summarization.extractive.grammar import (
    content_stems,
    folded,
    fragment_reason,
    looks_like_a_verb,
    same_folded,
)
from podcast_digest.summarization.extractive.headings import (
    heading_for,
    heading_said_most,
    sentences_saying,
    shared_phrases,
    word_said_most,
)
from podcast_digest.summarization.extractive.housekeeping import housekeeping_flags
from podcast_digest.summarization.extractive.idea_picking import (
    episode_topics,
    ideas_on_the_heading_said_most,
    length_weight,
    topic_ideas,
    why_not_alone,
)
from podcast_digest.summarization.extractive.lesson_claims import (
    advice_checked,
    claim_setting,
    claim_strength,
    explains_straight_after,
    lessons_for,
    looks_back,
    plainly,
    spoken_claim,
    whole_as_shown,
)
from podcast_digest.summarization.extractive.lessons import (
    advice_strength,
    advice_title,
    has_advice_lead,
    rest_after_title,
)
from podcast_digest.summarization.extractive.overview import EpisodeOverview
from podcast_digest.summarization.extractive.phrases import PhraseBook
from podcast_digest.summarization.extractive.plain_statements import plain_statement
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
    MIN_GROUPS,
    MIN_IDEAS,
    TopicGroup,
    group_topics,
    is_topic,
)
from podcast_digest.summarization.extractive.vocabulary import WORD, is_english, stop_words_for
from podcast_digest.summarization.quotes import QuoteIndex, normalise
from podcast_digest.summarization.sections import TranscriptSection, split_sections

MIN_IDEAS_PER_PART, MAX_IDEAS_PER_PART = 3, 8
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
# How much more an In-Depth idea that says its part's most-said topic weighs.
_ON_THE_PART_TOPIC = 1.5
# About three times a 4.5-minute part at a brisk 150 words a minute.
MAX_PART_TOKENS = 2700
MAX_LESSONS_PER_PART = 7  # the format's 2-7 per part, when the part says that many
# Sentences carried from the parts into the episode-wide ranking: at most this many in all.
MAX_EPISODE_CANDIDATES = 400
# A sentence shorter than this says too little to be an idea; longer ones read as a paragraph.
_MIN_IDEA_WORDS = 7
_MAX_IDEA_WORDS = 34
# Ideas of about the sample's length (15 words) rank first; longer ones lose weight past this.
_EASY_IDEA_WORDS = 24


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


class _Run(EpisodeOverview):
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
        self._plain: dict[int, str] = {}  # each idea as a plain statement, made when first shown or weighed
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
        # The part's size sets how many ideas it gets (as before), then only ideas that read alone, while
        # the part has enough of them, are chosen; the rest only to reach its minimum.
        sized = len(eligible)
        alone = [j for j in eligible if self._says_it_plainly(local[j], key_idea=False)]
        if len(alone) < MIN_IDEAS_PER_PART:
            others = sorted(
                (j for j in eligible if j not in alone), key=lambda j: (-part.relevance[local[j]], j)
            )
            alone = sorted(alone + others[: MIN_IDEAS_PER_PART - len(alone)])
        eligible = alone
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
        count = int(np.clip(max(sized, len(eligible)) // 4, MIN_IDEAS_PER_PART, MAX_IDEAS_PER_PART))
        allowed = set(eligible)
        # Ideas of about the sample's length as shown (trimmed) first; only the eligible are weighed.
        # Ideas of the part's most-said topic weigh more, so its heading names as many of them as it can.
        about = self._part_topic_sayers(part, eligible)
        relevance = [
            part.relevance[i]
            * (self._plain_length_weight(i) if j in allowed else 1.0)
            * (_ON_THE_PART_TOPIC if j in about else 1.0)
            for j, i in enumerate(local)
        ]
        best = max((relevance[j] for j in eligible), default=0.0)
        chosen = mmr(relevance, sim, count, floor=0.25 * best, accept=allowed.__contains__)
        if len(chosen) < MIN_IDEAS_PER_PART:
            # A thin part: its weaker sentences too, rather than a part of one idea.
            chosen += mmr(
                relevance, sim, MIN_IDEAS_PER_PART - len(chosen), accept=allowed.__contains__, already=chosen
            )
        part.ideas = sorted(local[j] for j in chosen)

    def _part_topic_sayers(self, part: _Part, eligible: list[int]) -> set[int]:
        """Positions (in the part) of the eligible sentences that say the topic phrase most of them say."""
        if not self.english or len(eligible) < MIN_IDEAS_PER_PART:
            return set()
        pool = [part.sentences[j] for j in eligible]
        for key, count in shared_phrases(self.phrases, pool, names=self.names):
            if count >= MIN_IDEAS_PER_PART and is_topic(self.phrases.spell(key)):
                return {j for j in eligible if key in self.phrases.by_sentence[part.sentences[j]]}
        return set()

    def _choose_part_lessons(self, part: _Part, sim: np.ndarray) -> None:
        local = part.sentences
        if self.english:
            # Advice first; a claim with its explanation (the sample's "insights") is a lesson too.
            # A lesson's title carries its own claim, so a short sentence may make one ("Everyone has their
            # own approach to it and their own solutions. | There's no standardization yet.").
            weight = [
                max(float(self.advice[i]), claim_strength(self._lesson_title(i))) * (0.5 + part.relevance[i])
                if (self.candidate[i] or whole_as_shown(self.sentences[i], self.shown[i]))
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
        topics = self.topic_names()
        checks = self.promise_checks
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
            spelt = heading_said_most(self.phrases, ideas, names=self.names, avoid=used)
            # Named by what is shown under it as ideas and explanations, before a lesson's title ("Ethical
            # Data Science" said only in a title) or a phrase of the part that none of its bullets says.
            said = ideas + explaining
            spelt = spelt or heading_for(self.phrases, said, names=self.names, avoid=used)
            shown = [self._idea_text(i) for i in ideas] + [lesson.explanation for lesson in lessons]
            spelt = spelt or word_said_most(shown, names=self.names, avoid=used, least=1)
            spelt = spelt or heading_for(self.phrases, bullets, names=self.names, avoid=used)
            spelt = spelt or heading_for(self.phrases, part.sentences, names=self.names, avoid=used)
            spelt = spelt or f"Part {part.section.index + 1}"
            used.add(spelt.casefold())
            result.append(
                InDepthSection(
                    start_seconds=part.section.start,
                    end_seconds=part.section.end,
                    heading=spelt,
                    key_ideas=[self._idea_text(i) for i in ideas],
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
            shown = self.shown[i]
            return advice_checked(advice_title(shown), shown, from_lead=has_advice_lead(shown))
        shown = self.shown[i]
        # Advice the speaker marks ("you should…") is titled as advice; else the claim a clause makes.
        advised = advice_checked(advice_title(shown), shown, from_lead=has_advice_lead(shown))
        title = (advised if has_advice_lead(shown) else "") or spoken_claim(shown)[0] or advised
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
        claim, said_after = spoken_claim(self.shown[i])
        rest = (
            said_after if claim == title and said_after else trimmed(rest_after_title(self.shown[i], title))
        )
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
                return plainly(self._text(j)), j
        setting = claim_setting(self.shown[i]) if claim == title else ""
        return (setting, i) if setting and _adds_to(title, setting) else ("", i)

    def _neighbours(self, i: int) -> list[int]:
        """Where a lesson's explanation may be: the next sentence (past a short "Yeah." from the other
        speaker), else the one before, which often gives the reason the advice follows from."""
        return [j for j in (self._next_said(i), i - 1) if 0 <= j < len(self.sentences)]

    def _next_said(self, i: int) -> int:
        after = i + 1
        while after < len(self.sentences) and after - i <= 2 and len(self.shown[after].split()) <= 3:
            after += 1
        return after

    def _follows_on(self, i: int, j: int) -> bool:
        """Sentence j carries on sentence i's point: same part, same speaker, a whole statement. Said
        straight after i it goes on with i's point ("Everyone has their own approach. | There's no
        standardization yet."); before it or further away it must share two content words with i, not one
        ("apps", "model"), or it is a non-sequitur."""
        a, b = self.sentences[i], self.sentences[j]
        after, before = j == self._next_said(i), j == i - 1
        straight_after = (after or before) and explains_straight_after(b, self.shown[j])
        shared = len(content_stems(self.shown[i]) & content_stems(self.shown[j]))
        return (
            a.section == b.section
            and a.speaker == b.speaker
            and not self.housekeeping[j]
            and (self.candidate[j] or straight_after)
            and (4 if straight_after else 6) <= len(self.shown[j].split()) <= _MAX_IDEA_WORDS
            and fragment_reason(self.shown[j]) is None
            and not HEDGED.match(self.shown[j])
            and not looks_back(self.shown[j])
            and shared >= (0 if after and straight_after else 2)
        )

    # --- the top parts --------------------------------------------------------------------------

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

    def _add_group(
        self, result: list[tuple[int, KeyIdeaGroup]], used: set[str], spelt: str, ideas: list[int]
    ) -> None:
        used.add(spelt.casefold())
        self._take(ideas)
        result.append((ideas[0], KeyIdeaGroup(heading=spelt, ideas=[self._idea_text(i) for i in ideas])))

    def _fill_across_the_episode(
        self, result: list[tuple[int, KeyIdeaGroup]], used: set[str], *, key_idea: bool
    ) -> None:
        """Groups, while fewer than the format's minimum, of 3-5 ideas anywhere in the talk that read alone
        and say the phrase most of the ideas left say (a conversation that keeps returning to "AI")."""
        if not self.english:
            return
        while len(result) < MIN_GROUPS:
            pool = [i for i in range(len(self.sentences)) if self._is_idea(i) and self._fresh(i)]
            pool = [i for i in pool if self._says_it_plainly(i, key_idea=key_idea)]
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
        pool = [i for i in pool if self._says_it_plainly(i)]
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
            groups.append((ideas[0], KeyIdeaGroup(heading=spelt, ideas=[self._idea_text(i) for i in ideas])))
        self.topics.extend(named_before[: max(0, 2 - len(self.topics))])
        return groups

    def _topic_and_ideas(
        self, group: TopicGroup, score: dict[int, float], used: set[str], *, fill: str = "as before"
    ) -> tuple[str, list[int]]:
        """The topic's heading and ideas: ideas that read alone and say the heading where three do,
        else (a thin topic) the topic's best distinct ideas under a phrase two of them share."""
        # Key Ideas are read out of context: statements about the subject, not asides that point back
        # ("Of that, …") or tell how the speaker feels ("To me, …"); from the whole topic, not only its best.
        clear = [i for i in group.members if self._is_idea(i) and self._fresh(i) and self._says_it_plainly(i)]
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
        pool = [i for i in group.members if i in score and self._fresh(i)]
        plain = [i for i in pool if self._says_it_plainly(i)]
        ideas = self._ideas_under_a_shared_phrase(plain if len(plain) >= MIN_IDEAS else pool, score)
        # The phrase most of them say, else a word two of them say ("Technology"), else one idea's phrase.
        spelt = heading_said_most(self.phrases, ideas, names=self.names, avoid=used)
        texts = [self._idea_text(i) for i in ideas]
        spelt = spelt or word_said_most(texts, names=self.names, avoid=used, least=2)
        return spelt or heading_for(self.phrases, ideas, names=self.names, avoid=used), ideas

    def _ideas_saying_the_heading(
        self, group: TopicGroup, clear: list[int], used: set[str], *, key_idea: bool
    ) -> tuple[str, list[int]]:
        """A thin topic: the phrase most of its ideas say, over 3-5 of them that say it, or ("", [])."""
        pool = clear
        if not key_idea:
            pool = [
                i
                for i in group.members
                if self._is_idea(i) and self._fresh(i) and self._says_it_plainly(i, key_idea=False)
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

    def _idea_text(self, i: int) -> str:
        """An idea as shown: the sentence as a plain statement (English), else as the speaker said it."""
        if i not in self._plain:
            self._plain[i] = plain_statement(self._text(i)) if self.english else self._text(i)
        return self._plain[i]

    def _plain_length_weight(self, i: int) -> float:
        return length_weight(len(self._idea_text(i).split()))

    def _says_it_plainly(self, i: int, *, key_idea: bool = True) -> bool:
        text = self.shown[i]
        if self.english:
            # why_not_alone says which openings point back; an existential "There are…" states something.
            if why_not_alone(self._idea_text(i), key_idea=key_idea) is not None:
                return False
        elif _POINTS_BACK.match(text):
            return False
        return not (_ASIDE.match(text) or HEDGED.match(text) or is_chatter(text))

    def _ideas_under_a_shared_phrase(self, pool: list[int], score: dict[int, float]) -> list[int]:
        """Up to MAX_IDEAS distinct ideas saying the topic's best phrase (two at least), made up to MIN_IDEAS
        with its best other ideas, and no more of them: three real ideas rather than five of filler."""
        if not pool:
            return []
        rows = self.space.rows(pool)
        sim = similarity(rows)
        centrality = centroid_similarity(rows)
        weight = [0.5 * float(centrality[j]) + 0.5 * score[i] for j, i in enumerate(pool)]
        phrases = [k for k, count in shared_phrases(self.phrases, pool, names=self.names) if count >= 2]
        for key in phrases[:5]:
            saying = [pool.index(i) for i in sentences_saying(self.phrases, key, pool)]
            first = mmr([weight[j] for j in saying], sim[np.ix_(saying, saying)], MAX_IDEAS)
            if len(first) < 2:
                continue
            already = [saying[j] for j in first]
            others = set(range(len(pool))) - set(already)
            rest = mmr(weight, sim, MIN_IDEAS - len(already), already=already, accept=others.__contains__)
            return sorted(self._distinct([pool[j] for j in already + rest]))
        return sorted(self._distinct([pool[j] for j in mmr(weight, sim, MIN_IDEAS)]))

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


def _not_in(shown: set[int]) -> Callable[[int], bool]:
    return lambda j: j not in shown


def _adds_to(title: str, explanation: str) -> bool:
    """The explanation says something the title does not: it neither repeats the title nor only rewords it."""
    if normalise(title) in normalise(explanation):
        return False
    return len(content_stems(explanation) - content_stems(title)) >= 1


def _mid_sentence(spelt: str) -> str:
    """A title-case heading as it reads inside a sentence: "Cold Starts" → "cold starts", "AWS" stays."""
    return " ".join(w if any(c.isupper() for c in w[1:]) or w.isupper() else w.lower() for w in spelt.split())


def _first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count]).rstrip(",.;:")
