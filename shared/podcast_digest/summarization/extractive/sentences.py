"""Sentences of a transcript part, with where they start and a lightly cleaned form.

Transcripts are not prose: caption engines cut cues mid-sentence, some engines
write no punctuation at all, people say "um" and "you know", and publisher
transcripts carry stage notes such as "[laughs]". A sentence keeps its raw
wording (what a quote must show, verbatim) and a cleaned wording (what a key
idea may show: fillers and stage notes removed).
"""

import re
from dataclasses import dataclass
from functools import cached_property

from podcast_digest.summarization.extractive.caption_sentences import (
    GUESSED,
    LEAVES_OPEN,
    PAUSE_SECONDS,
    RECOVERED,
    asks,
    recovered_pieces,
)
from podcast_digest.summarization.extractive.grammar import has_finite_verb
from podcast_digest.summarization.extractive.vocabulary import looks_english
from podcast_digest.summarization.sections import TranscriptSection

# After these, a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "no",
        "approx",
        "dept",
        "est",
        "fig",
        "al",
        "u.s",
    ]
)
_SENTENCE_END = re.compile(r"[.!?…。！？]+[\"'”’)\]]*(?=\s|$)")
_STAGE_NOTE = re.compile(
    r"\\?\[[^\]\n]{0,80}?\\?\]|\((?:laughs?|laughter|crosstalk|inaudible|music)[^)]{0,40}\)", re.I
)
_FILLER = re.compile(
    r"(?<![\w'’])(?:u+m+|u+h+|e+r+m+|h+m+|m+h+m+|uh-huh|you know|i mean)(?![\w'’])[,.]?\s*", re.I
)
_LEADING_MARKER = re.compile(
    r"^(?:(?:so|and|but|well|yeah|yes|yep|okay|ok|oh|right|now|like|anyway|i mean|you know|exactly|basically|"
    r"cool|sure|absolutely|totally|definitely|actually|got it|great|indeed|true|wow|alright|all right)\b[,.!]?\s+)+",
    re.I,
)
_REPEATED_WORD = re.compile(r"\b(\w+)(?:[,\s]+\1\b)+", re.I)
_DANGLING = re.compile(r"\s*(?:--|—|–)\s*$|^\s*(?:--|—|–)\s*")
_SPACE = re.compile(r"\s+")
LENGTH_CUT = "length"
_HAS_PUNCTUATION = re.compile(r"[,;:.!?…](?=\s|$)")  # a mark, not the dot of "talkpython.fm"
# Talk the engine wrote with no mark at all for this many words: its sentence ends are to be recovered.
_BARE_STRETCH = re.compile(r"(?:\S*[^\s,;:.!?…]\s+){60}")

# A part written with fewer sentence ends than this per word has no usable punctuation.
_WORDS_PER_END_WITHOUT_PUNCTUATION = 60
# Run-on sentences longer than this are cut at a clause boundary.
_LONGEST_SENTENCE_WORDS = 55
# Unpunctuated talk is cut into pieces of about this many words (at least, usually, at most).
_PIECE_MIN_WORDS, _UNPUNCTUATED_PIECE_WORDS, _PIECE_MAX_WORDS = 8, 20, 32
_CLAUSE_OPENERS = frozenset(
    [
        "so",
        "but",
        "because",
        "yeah",
        "okay",
        "ok",
        "right",
        "now",
        "well",
        "actually",
        "basically",
        "then",
        "which",
        "however",
        "also",
        "anyway",
    ]
)
_CLAUSE_OPENER_PAIRS = frozenset(
    {
        ("i", "think"),
        ("i", "guess"),
        ("i", "mean"),
        ("you", "know"),
        ("and", "then"),
        ("and", "so"),
        ("if", "you"),
    }
)


@dataclass(frozen=True)
class TranscriptSentence:
    """One sentence of a part: raw (verbatim) and clean wording, speaker and start time."""

    raw: str
    clean: str
    start: float
    speaker: str | None
    section: int
    position: int  # order in the whole episode
    punctuated: bool = True  # False: cut from talk the engine wrote without punctuation
    # Where its ends come from: the engine's punctuation; "recovered" (unpunctuated talk, both ends at a
    # pause, a speaker turn or a clause opener: see caption_sentences); "guessed" (recovered talk with an
    # end at a length cut or a part's edge); "length" (the fixed-length cut: other languages, long
    # sentences of punctuated talk, short runs with no sentence end).
    boundary: str = "punctuation"

    @property
    def word_count(self) -> int:
        return len(self.clean.split())

    @property
    def dangles(self) -> bool:
        """Cut from unpunctuated talk with its last word leaving a phrase open ("…based on that as")."""
        if self.boundary not in (RECOVERED, GUESSED):
            return False
        tokens = self.clean.rstrip(" .,;:!?").casefold().replace("’", "'").split()
        return bool(tokens) and (tokens[-1] in LEAVES_OPEN or _clause_left_open(tokens))

    @property
    def is_question(self) -> bool:
        return self.clean.rstrip().endswith("?")


# A clause these open needs its verb: "…whereas we don't but at the people side.", "…because with wave script."
_NEEDS_A_CLAUSE = frozenset({"but", "because", "whereas", "although"})
_PHRASE_OPENERS = frozenset({"with", "at", "in", "on", "for", "from", "like", "by", "into", "about"})
# "…and instead.", "…or mostly.": a second clause begun and never said.
_ONLY_BEGINS = frozenset(
    {"instead", "then", "also", "mostly", "still", "yet", "now", "basically", "actually"}
)


def _clause_left_open(tokens: list[str]) -> bool:
    """Unpunctuated talk cut after a conjunction whose clause never came: its last few words, after "but",
    "because" or "whereas", hold no finite verb, or after "and"/"or" only an adverb that begins a clause."""
    for k in range(len(tokens) - 1, max(0, len(tokens) - 6), -1):
        word, tail = tokens[k - 1], tokens[k:]
        # "…but with wave apps.": a phrase where its clause should open ("wave" may be a verb elsewhere).
        opens_no_clause = not has_finite_verb(tail) or tail[0] in _PHRASE_OPENERS
        if word in _NEEDS_A_CLAUSE and tail[:1] != ["of"] and opens_no_clause:
            return True
        if word in ("and", "or") and all(w in _ONLY_BEGINS for w in tail):
            return True
    return False


def clean_sentence(raw: str) -> str:
    """Fillers, stage notes, stutters and leading discourse markers removed; first letter capitalised."""
    text = _STAGE_NOTE.sub(" ", raw)
    text = text.replace("\\", "")
    text = _FILLER.sub(" ", text)
    text = _REPEATED_WORD.sub(r"\1", text)
    text = _SPACE.sub(" ", text).strip(" ,;")
    text = _LEADING_MARKER.sub("", text)
    text = _DANGLING.sub("", text).strip(" ,;")
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def split_section(section: TranscriptSection, first_position: int = 0) -> list[TranscriptSentence]:
    """The sentences of one part in order; a sentence never crosses a change of speaker or a part."""
    sentences: list[TranscriptSentence] = []
    runs = _speaker_runs(section)
    for n, run in enumerate(runs):
        for raw, start, punctuated, boundary in _split_run(
            run, turn_before=n > 0, turn_after=n + 1 < len(runs)
        ):
            clean = clean_sentence(raw)
            if not clean or not any(c.isalnum() for c in clean):
                continue
            if boundary in (RECOVERED, GUESSED) and asks(clean):
                clean += "?"  # the question mark the engine left out
            sentences.append(
                TranscriptSentence(
                    raw=raw,
                    clean=clean,
                    start=start,
                    speaker=run[0][3],
                    section=section.index,
                    position=first_position + len(sentences),
                    punctuated=punctuated,
                    boundary=boundary,
                )
            )
    return sentences


def _speaker_runs(section: TranscriptSection) -> list[list[tuple[str, float, float, str | None]]]:
    """Consecutive segments of one speaker, as (text, start, end, speaker)."""
    runs: list[list[tuple[str, float, float, str | None]]] = []
    for segment in section.segments:
        text = _SPACE.sub(" ", segment.text).strip()
        if not text:
            continue
        if runs and runs[-1][0][3] == segment.speaker:
            runs[-1].append((text, segment.start, segment.end, segment.speaker))
        else:
            runs.append([(text, segment.start, segment.end, segment.speaker)])
    return runs


@dataclass(frozen=True)
class _Run:
    """One speaker's segments joined: the text, where each segment starts (and when), the pauses."""

    text: str
    offsets: list[tuple[int, float]]  # where each segment starts in `text`, and its time
    pauses: set[int]  # offsets of segments that start after a pause
    turn_before: bool  # another speaker talked just before this run
    turn_after: bool

    @cached_property
    def english(self) -> bool:  # asked only of unpunctuated runs
        return looks_english([self.text])

    @property
    def captions(self) -> set[int]:
        return {o for o, _ in self.offsets[1:]}


def _joined(run: list[tuple[str, float, float, str | None]], turn_before: bool, turn_after: bool) -> _Run:
    joined = ""
    offsets: list[tuple[int, float]] = []
    pauses: set[int] = set()
    previous_end: float | None = None
    for text, start, end, _ in run:
        if joined:
            joined += " "
        if previous_end is not None and start - previous_end >= PAUSE_SECONDS:
            pauses.add(len(joined))
        offsets.append((len(joined), start))
        joined += text
        previous_end = end
    return _Run(joined, offsets, pauses, turn_before, turn_after)


def _split_run(
    segments: list[tuple[str, float, float, str | None]], turn_before: bool = False, turn_after: bool = False
) -> list[tuple[str, float, bool, str]]:
    """(raw sentence, start seconds, punctuated, boundary) for one speaker's run of segments."""
    run = _joined(segments, turn_before, turn_after)
    joined = run.text
    word_total = len(joined.split())
    ends = [m.end() for m in _SENTENCE_END.finditer(joined) if not _is_abbreviation(joined, m.start())]
    punctuated = bool(ends) and not (
        word_total > _WORDS_PER_END_WITHOUT_PUNCTUATION
        and len(ends) * _WORDS_PER_END_WITHOUT_PUNCTUATION < word_total
    )
    if punctuated:
        spans = [(a, b, True, "punctuation") for a, b in _punctuated_spans(joined, ends)]
    elif run.english and _BARE_STRETCH.search(joined):
        spans = _sparse_spans(run, ends)
    else:  # a short run with no sentence end ("And you're all distributed too, so…--") keeps the fixed cut
        spans = _old_cut(run, 0, len(joined))
    result = []
    for a, b, kind, boundary in spans:
        for x, y in _cut_run_on(joined, a, b):
            # Punctuation that stops part-way through a run leaves a huge "sentence": cut it like unpunctuated talk.
            pieces = [(x, y, kind, boundary)]
            if len(joined[x:y].split()) > _LONGEST_SENTENCE_WORDS:
                pieces = _unpunctuated_pieces(run, x, y) if kind else _old_cut(run, x, y)
            for p, q, piece_kind, piece_boundary in pieces:
                raw = joined[p:q].strip()
                if raw:
                    at = p + len(joined[p:q]) - len(joined[p:q].lstrip())
                    result.append((raw, _time_at(run.offsets, at), piece_kind, piece_boundary))
    return result


def _sparse_spans(run: _Run, ends: list[int]) -> list[tuple[int, int, bool, str]]:
    """A long English run the engine mostly left unpunctuated: the sentences it did end stay whole, the
    stretches with no mark at all are recovered (caption_sentences), the rest cut to length as before."""
    spans: list[tuple[int, int, bool, str]] = []
    for a, b in _punctuated_spans(run.text, ends):
        inside = run.text[a:b].rstrip()
        end = _SENTENCE_END.search(inside)
        inside = inside[: end.start()] if end else inside
        if len(inside.split()) > _PIECE_MIN_WORDS and not _HAS_PUNCTUATION.search(inside):
            spans.extend(_unpunctuated_pieces(run, a, b))
        elif len(run.text[a:b].split()) > _LONGEST_SENTENCE_WORDS:
            spans.extend(_old_cut(run, a, b))
        else:
            spans.append((a, b, b in ends, "punctuation" if b in ends else GUESSED))
    return spans


def _old_cut(run: _Run, a: int, b: int) -> list[tuple[int, int, bool, str]]:
    return [(p, q, False, LENGTH_CUT) for p, q in _unpunctuated_spans(run.text, run.captions, a, b)]


def _unpunctuated_pieces(run: _Run, a: int, b: int) -> list[tuple[int, int, bool, str]]:
    """Sentences of a stretch of talk without a punctuation mark: recovered (caption_sentences) in English;
    else the fixed-length cut (other languages; a long sentence of punctuated talk, whose marks it keeps)."""
    if not run.english or _HAS_PUNCTUATION.search(run.text[a:b].rstrip().rstrip(".!?…")):
        return _old_cut(run, a, b)
    opens = RECOVERED if (a > 0 or run.turn_before) else GUESSED
    closes = (
        RECOVERED if (b < len(run.text) or run.turn_after or _SENTENCE_END.search(run.text[a:b])) else GUESSED
    )
    return [
        (piece.start, piece.end, False, RECOVERED if piece.opens == piece.closes == RECOVERED else GUESSED)
        for piece in recovered_pieces(run.text, a, b, run.pauses, opens=opens, closes=closes)
    ]


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[:dot])
    if not word:
        return False
    token = word.group(1).casefold().rstrip(".")
    # "U.S." and single initials ("J. R.") are not sentence ends either.
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _punctuated_spans(text: str, ends: list[int]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for end in ends:
        if end > at:
            spans.append((at, end))
            at = end
    if at < len(text) and text[at:].strip():
        spans.append((at, len(text)))
    return spans


def _unpunctuated_spans(text: str, caption_starts: set[int], a: int, b: int) -> list[tuple[int, int]]:
    """Sentence-sized pieces of talk written without punctuation.

    A piece ends before a word that usually opens a new clause ("so", "but",
    "yeah", "I think"…) or at a caption boundary, once it is long enough to say
    something; it never grows past a hard maximum.
    """
    tokens = [(m.start() + a, m.group(0).casefold()) for m in re.finditer(r"\S+", text[a:b])]
    spans, at, count = [], a, 0
    for position, (offset, word) in enumerate(tokens):
        if count >= _PIECE_MIN_WORDS:
            following = tokens[position + 1][1] if position + 1 < len(tokens) else ""
            opens = word in _CLAUSE_OPENERS or (word, following) in _CLAUSE_OPENER_PAIRS
            long_enough_for_and = word == "and" and count >= _UNPUNCTUATED_PIECE_WORDS
            if (
                opens
                or long_enough_for_and
                or count >= _PIECE_MAX_WORDS
                or (offset in caption_starts and count >= _UNPUNCTUATED_PIECE_WORDS)
            ):
                spans.append((at, offset))
                at, count = offset, 0
        count += 1
    if at < b:
        spans.append((at, b))
    return spans


_CLAUSE_BREAK = re.compile(r"(?:;|\s--\s|\s—\s|,\s(?=(?:and|but|so|because)\s))")


def _cut_run_on(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A run-on sentence cut at clause boundaries into pieces of readable length."""
    if len(text[a:b].split()) <= _LONGEST_SENTENCE_WORDS:
        return [(a, b)]
    cuts = [m.end() + a for m in _CLAUSE_BREAK.finditer(text[a:b])]
    pieces, at = [], a
    for cut in cuts:
        if len(text[at:cut].split()) >= 12:
            pieces.append((at, cut))
            at = cut
    if pieces and len(text[at:b].split()) < 8:
        pieces[-1] = (pieces[-1][0], b)
    elif at < b:
        pieces.append((at, b))
    return pieces


def _time_at(offsets: list[tuple[int, float]], position: int) -> float:
    """The start time of the segment holding a character of the joined run."""
    time = offsets[0][1]
    for offset, start in offsets:
        if offset > position:
            break
        time = start
    return time
