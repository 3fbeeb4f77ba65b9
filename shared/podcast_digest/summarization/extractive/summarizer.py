"""The offline summarizer: every part of the house format from the transcript's own sentences.

Flow: cut the transcript into parts (sections.split_sections), split each
part into sentences, rank sentences within each part (LexRank + centrality,
MMR against repeats), then work across the episode on a capped set of each
part's best sentences (topics, tl;dr, conclusion). Memory and time stay
bounded on a 3-hour episode: no similarity matrix spans all its sentences.
"""

import re
from datetime import UTC, datetime

import numpy as np

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.models import (
    Episode,
    Feed,
    InDepthSection,
    Provenance,
    Quote,
    Summary,
    Transcript,
)
from podcast_digest.models.languages import language_name, whisper_code
from podcast_digest.summarization.extractive.clickbait import verdict
from podcast_digest.summarization.extractive.episode_part import (
    MAX_IDEA_WORDS,
    MAX_IDEAS_PER_PART,
    MIN_IDEA_WORDS,
    MIN_IDEAS_PER_PART,
    TOPIC_SAYERS,
    EpisodePart,
)
from podcast_digest.summarization.extractive.gate import (
    HEDGED,
    is_candidate,
    is_chatter,
    is_readable,
    trimmed,
)
from podcast_digest.summarization.extractive.grammar import (
    folded,
    same_folded,
)
from podcast_digest.summarization.extractive.headings import (
    heading_for,
    heading_said_most,
    is_a_topic_name,
    kept_if_shown,
    names_subject,
    said_in,
    shared_phrases,
    with_second_subject,
    word_said_most,
)
from podcast_digest.summarization.extractive.housekeeping import housekeeping_flags
from podcast_digest.summarization.extractive.idea_picking import (
    length_weight,
    why_not_alone,
)
from podcast_digest.summarization.extractive.key_idea_groups import KeyIdeaGroups
from podcast_digest.summarization.extractive.lesson_picking import LessonPicking
from podcast_digest.summarization.extractive.lessons import (
    advice_strength,
)
from podcast_digest.summarization.extractive.overview import EpisodeOverview
from podcast_digest.summarization.extractive.part_naming import PartNaming
from podcast_digest.summarization.extractive.phrases import PhraseBook, PhraseKey
from podcast_digest.summarization.extractive.plain_statements import plain_statement
from podcast_digest.summarization.extractive.quotable import (
    LEANS_BACK,
    QuoteContext,
    favorite_quote_line,
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
from podcast_digest.summarization.extractive.statements import reads_whole
from podcast_digest.summarization.extractive.topics import (
    TopicGroup,
    group_topics,
)
from podcast_digest.summarization.extractive.vocabulary import WORD, is_english, stop_words_for
from podcast_digest.summarization.quotes import QuoteIndex
from podcast_digest.summarization.sections import TranscriptSection, split_sections

# How much more an In-Depth idea that says its part's most-said topic weighs.
_ON_THE_PART_TOPIC = 1.5
# About three times a 4.5-minute part at a brisk 150 words a minute.
MAX_PART_TOKENS = 2700
# Sentences carried from the parts into the episode-wide ranking: at most this many in all.
MAX_EPISODE_CANDIDATES = 400
# Talk the engine left unpunctuated: its ends are recovered or guessed, and the longer a piece runs the
# likelier it runs two sentences together ("…right does it do the partial updates…").
_MAX_UNPUNCTUATED_IDEA_WORDS = 24
# Ideas of about the sample's length (15 words) rank first; longer ones lose weight past this.
_EASY_IDEA_WORDS = 24


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


class _Run(EpisodeOverview, LessonPicking, KeyIdeaGroups, PartNaming):
    """One summarization: the state shared by the steps that fill each part of the format."""

    def __init__(
        self, feed: Feed, episode: Episode, transcript: Transcript, sections: list[TranscriptSection]
    ):
        self.feed, self.episode, self.transcript = feed, episode, transcript
        self.sentences: list[TranscriptSentence] = []
        self.parts: list[EpisodePart] = []
        for section in sections:
            found = split_section(section, first_position=len(self.sentences))
            first = len(self.sentences)
            self.sentences.extend(found)
            self.parts.append(EpisodePart(section=section, sentences=list(range(first, len(self.sentences)))))
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
        punctuated = self.sentences[i].punctuated
        longest = MAX_IDEA_WORDS if punctuated else _MAX_UNPUNCTUATED_IDEA_WORDS
        return (
            self.candidate[i]
            and MIN_IDEA_WORDS <= words <= longest
            and (punctuated or not self.english or reads_whole(self.shown[i]))
            and self.content_counts[i] >= 3
            and not self.housekeeping[i]
        )

    def _brevity(self, i: int) -> float:
        words = len(self.shown[i].split())
        return 1.0 if words <= _EASY_IDEA_WORDS else max(0.4, 1 - (words - _EASY_IDEA_WORDS) / 20)

    def _rank_part(self, part: EpisodePart) -> None:
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

    def _choose_part_ideas(self, part: EpisodePart, sim: np.ndarray) -> None:
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
        # A part with enough ideas on its topic shows those first, so its heading names most of its bullets;
        # the rest of its count is made up of its other ideas, as before.
        # (Those that read alone at the top too: a guest's "I'm super excited to learn about H2O Wave" says
        # the topic, but is no idea about it.)
        chosen: list[int] = []
        for topic in (about, None):
            # A part of many ideas shows a second topic's next (its heading names both), then the rest.
            if topic is None and len(chosen) + TOPIC_SAYERS < count and chosen:
                topic = self._part_topic_sayers(part, [j for j in eligible if j not in chosen], record=False)
            on_topic = {j for j in (topic or set()) & allowed if self._says_it_plainly(local[j])} - set(
                chosen
            )
            if len(on_topic) >= TOPIC_SAYERS:
                floor = 0.25 * best
                chosen += mmr(
                    relevance,
                    sim,
                    count - len(chosen),
                    floor=floor,
                    accept=on_topic.__contains__,
                    already=chosen,
                )
        chosen += mmr(
            relevance,
            sim,
            count - len(chosen),
            floor=0.25 * best,
            accept=allowed.__contains__,
            already=chosen,
        )
        if len(chosen) < MIN_IDEAS_PER_PART:
            # A thin part: its weaker sentences too, rather than a part of one idea.
            chosen += mmr(
                relevance, sim, MIN_IDEAS_PER_PART - len(chosen), accept=allowed.__contains__, already=chosen
            )
        part.ideas = sorted(local[j] for j in chosen)

    def _part_topic_sayers(self, part: EpisodePart, eligible: list[int], *, record: bool = True) -> set[int]:
        """Positions (in the part) of the eligible sentences that say the part's topic: the subject phrase
        whose words most of them say (three at least; a name or a phrase of several words counting half as
        much again, as its heading is chosen), and not the topic of an earlier part, whose heading it has."""
        if not self.english or len(eligible) < MIN_IDEAS_PER_PART:
            return set()
        taken: set[PhraseKey] = self.__dict__.setdefault("_part_topics", set())
        said = {j: {w for key in self.phrases.by_sentence[part.sentences[j]] for w in key} for j in eligible}
        found: tuple[float, PhraseKey, set[int]] | None = None
        for key, _ in shared_phrases(self.phrases, [part.sentences[j] for j in eligible], names=self.names):
            if key in taken or not names_subject(self.phrases, self.phrases.spell(key)):
                continue
            sayers = {j for j in eligible if set(key) <= said[j]}
            value = len(sayers) * (1.5 if is_a_topic_name(self.phrases, key) else 1.0)
            # Said by two of the part's ideas, it names both; a name or several words count half as much again.
            if len(sayers) >= TOPIC_SAYERS and (found is None or value > found[0]):
                found = (value, key, sayers)
        if found is None:
            return set()
        if record:
            taken.add(found[1])
        return found[2]

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
        # Each top part takes sentences no earlier part showed: first the favorite quote, the line of the
        # whole talk a listener would underline (no part has taken it yet); then the tl;dr the best of each
        # topic, the lessons (advice is scarce), the topics' other ideas and the conclusion.
        quote = self._quote()
        tldr_indices = self._tldr(score)
        lessons = self._episode_lessons()
        key_ideas = self._key_ideas(groups, score)
        one_sentence = self._one_sentence(score, candidates)
        conclusion = self._conclusion(candidates, score)
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
            tldr=self.tldr_text(tldr_indices, one_sentence) or one_sentence,
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
        """Not shown in a top part yet, not even in other words (the tl;dr's lead included)."""
        return i not in self.used and not any(self._same(i, j) for j in self.used) and not self.near_lead(i)

    def _take(self, indices: list[int]) -> list[int]:
        self.used.extend(indices)
        return indices

    # --- In-Depth -------------------------------------------------------------------------------

    def _in_depth(self) -> list[InDepthSection]:
        used: set[str] = set()
        shared = self.subjects_of_parts()
        result = []
        for k, part in enumerate(self.parts):
            section = self._part_section(part, used)
            if not self.named_twice(section) and self.bring_in_a_subject(k, shared, used):
                section = self._part_section(part, used)
            used.add(section.heading.casefold())
            result.append(section)
        return result

    def _part_section(self, part: EpisodePart, used: set[str]) -> InDepthSection:
        ideas, lessons, explaining = self._part_lessons(part)
        bullets = ideas + [i for i in part.lessons if i not in ideas] + explaining
        shown = [self._idea_text(i) for i in ideas] + [lesson.explanation for lesson in lessons]
        spelt = kept_if_shown(heading_said_most(self.phrases, ideas, names=self.names, avoid=used), shown)
        # Named by what is shown under it as ideas and explanations, before a lesson's title ("Ethical
        # Data Science" said only in a title) or a phrase of the part that none of its bullets says.
        said = ideas + explaining
        spelt = spelt or kept_if_shown(heading_for(self.phrases, said, names=self.names, avoid=used), shown)
        spelt = spelt or word_said_most(
            shown, names=self.names, avoid=used, least=1, english=self.english, book=self.phrases
        )
        spelt = spelt or heading_for(self.phrases, bullets, names=self.names, avoid=used)
        spelt = spelt or heading_for(self.phrases, part.sentences, names=self.names, avoid=used)
        spelt = spelt or f"Part {part.section.index + 1}"
        texts = [self._idea_text(i) for i in ideas]
        if self.english:
            spelt = with_second_subject(self.phrases, spelt, ideas, texts, names=self.names, avoid=used)
            spelt = said_in(spelt, [*texts, *(lesson.explanation for lesson in lessons)]) or spelt
        return InDepthSection(
            start_seconds=part.section.start,
            end_seconds=part.section.end,
            heading=spelt,
            key_ideas=texts,
            lessons_heading=f"Lessons on {spelt}" if lessons else "",
            lessons=lessons,
        )

    # --- the top parts --------------------------------------------------------------------------

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

    def _distinct(self, indices: list[int]) -> list[int]:
        kept: list[int] = []
        for i in indices:
            if not any(self._same(i, j) for j in kept):
                kept.append(i)
        return kept

    def _quote(self) -> Quote | None:
        about_the_topic = [
            i for i in range(len(self.sentences)) if not self.housekeeping[i] and self.candidate[i]
        ]
        lessons = set(self._advice_given)
        found = favorite_quote_line(
            [self.sentences[i] for i in about_the_topic],
            [float(self.relevance[i]) for i in about_the_topic],
            QuoteIndex(self.transcript),
            # A line the parts chose as a lesson is the lessons' to show (advice is scarce).
            accept=lambda sentence: sentence.position not in lessons and self._fresh(sentence.position),
            context=self._quote_context(about_the_topic),
        )
        if found is None:
            return None
        self._take([found[0].position])  # the quoted line is shown in no other top part
        return found[1]

    def _quote_context(self, pool: list[int]) -> QuoteContext:
        """The quote is judged against the talk's span and the words of the episode's topics and title
        (the overview's episode topics, which exist before any part is chosen, the title's words, and
        those most said among the sentences it may come from)."""
        said = [s.start for s in self.sentences]
        topics = [self.phrases.spell(key) for key in self.episode_topics] + [self.episode.title or ""]
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
