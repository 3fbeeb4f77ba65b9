"""How good a summary reads, counted: the defects a listener notices, part by part.

The bench (bench/bench_summary_quality.py) prints these for every corpus
transcript and both summarizers; the tests assert the targets on the corpus.
Each check is a plain heuristic, written down so a number can be traced to
the bullets it counted:

- empty groups: a Key Ideas group or In-Depth part with no ideas, a lessons
  heading with no lessons;
- repeats: a sentence (exact, or near: most content words shared) in more
  than one top part (1-sentence, quote, tl;dr, key ideas, lessons,
  conclusion), or in two In-Depth parts;
- fragments: no finite verb, opens with a conjunction, ends in "..." or a
  dash, a gap left by a removed token ("a lot of Because"), doubled
  punctuation;
- headings whose content words do not all occur in their own bullets;
- lesson titles of one or two words; narration ("the speaker", "in this
  part"); sponsor-read text outside the Sponsors line;
- quote verified; share of talk time (sponsor reads excluded) that the
  In-Depth parts cover;
- prose (issue 13's second pass): lesson titles their explanation repeats
  ("X: X, and …") or that add nothing to it; hollow titles that point instead
  of claiming ("Those are the biggest two right there", "We have these things
  happening"); Quick Takes promises that are a speaker's name or one bare
  word; tl;dr sentences that open on a word pointing back ("That", "This") or
  share no content word with their neighbours; chatter (self-introductions,
  thanks for having me, talk about the recording) shown as content; topics of
  the 1-sentence summary and Key Ideas headings that are no topic
  ("mentioned", "information", "specifically highlighting AI");
- ideas (issue 13's third pass): Key Ideas and In-Depth ideas that cannot be
  read alone, because they open on a reference to something unsaid ("Those
  Uyghurs…", "Of that, …", "To your point…") or are the speaker's own
  feelings and views ("To me, I don't necessarily feel…", "I think…") or
  filler ("It's fine to dream a little"); and heading support measured
  strictly: the share of a group's bullets that say a content word of its
  heading (not just one bullet of the group).
- a weak favorite quote: a plug or call to action ("you can do that
  there", "check out…"), a question, or a line that leans on what came
  before it ("For instance, …", "It's just …", "…to do that.").

- no idea (issue 13's gate pass, quality_sentences.py): shown Key Ideas, In-Depth ideas, tl;dr and
  conclusion sentences that are a request to the guest, a bio, cut mid-phrase, with no main clause or no
  subject, filler, two turns run together, or talk pointing back.

These prose checks (their predicates in quality_prose.py) are written on their own, not borrowed from the
summarizer, so they score any summarizer's output, the old code's included.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from podcast_digest.models import Summary, Transcript
from podcast_digest.summarization import (
    quality_captions,
    quality_fill,
    quality_headings,
    quality_lessons,
    quality_overview,
    quality_sentences,
)
from podcast_digest.summarization.extractive.grammar import content_stems, fragment_reason, same_statement
from podcast_digest.summarization.extractive.vocabulary import words
from podcast_digest.summarization.quality_prose import (
    GIST_POINTS_BACK,
    LAUGHS,
    bullets_saying_heading,
    common_words,
    hollow_title,
    is_chatter,
    loose_reason,
    non_topic,
    one_sentence_topics,
    title_echoes,
    turned_title,
    weak_quote,
)
from podcast_digest.summarization.quotes import normalise
from podcast_digest.summarization.sponsors import find_sponsor_reads, sounds_like_a_read

TOP_PARTS = ("one_sentence", "quote", "tldr", "key_ideas", "lessons", "conclusion")
PARTS = ("quick_takes", *TOP_PARTS, "in_depth_ideas", "in_depth_lessons")
IDEA_PARTS = ("key_ideas", "in_depth_ideas")
# Parts whose units are sentences a reader reads as statements (fragments are counted there).
STATEMENT_PARTS = (
    "one_sentence",
    "tldr",
    "key_ideas",
    "lessons",
    "conclusion",
    "in_depth_ideas",
    "in_depth_lessons",
)

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-Z0-9\"“])")
NARRATION = re.compile(
    r"\bthe\s+(?:speaker|speakers|host|hosts|guest|guests)\b(?:'s)?"
    r"|\bin\s+this\s+(?:part|section|segment|episode)\b"
    r"|\bthis\s+(?:episode|part|section|segment)\s+(?:discusses|covers|explores|talks|focuses|examines)\b"
    r"|\b(?:is|are|was|were)\s+discussed\b",
    re.IGNORECASE,
)


@dataclass
class SummaryQuality:
    """The counts for one summary, each by part (see PARTS); totals are sums over parts."""

    units: dict[str, int] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    empty_groups: dict[str, int] = field(default_factory=dict)
    exact_repeats: dict[str, int] = field(default_factory=dict)
    near_repeats: dict[str, int] = field(default_factory=dict)
    fragments: dict[str, int] = field(default_factory=dict)
    headings: dict[str, int] = field(default_factory=dict)
    unsupported_headings: dict[str, int] = field(default_factory=dict)
    short_titles: dict[str, int] = field(default_factory=dict)
    one_word_titles: dict[str, int] = field(default_factory=dict)
    narration: dict[str, int] = field(default_factory=dict)
    sponsor_text: dict[str, int] = field(default_factory=dict)
    title_echoes: dict[str, int] = field(default_factory=dict)
    hollow_titles: dict[str, int] = field(default_factory=dict)
    name_promises: dict[str, int] = field(default_factory=dict)
    dangling_openings: dict[str, int] = field(default_factory=dict)
    unthreaded: dict[str, int] = field(default_factory=dict)
    chatter: dict[str, int] = field(default_factory=dict)
    non_topics: dict[str, int] = field(default_factory=dict)
    loose_ideas: dict[str, int] = field(default_factory=dict)
    bullets_on_heading: dict[str, int] = field(default_factory=dict)
    headed_bullets: dict[str, int] = field(default_factory=dict)
    junk_promises: dict[str, int] = field(default_factory=dict)
    no_statements: dict[str, int] = field(default_factory=dict)
    turned_titles: dict[str, int] = field(default_factory=dict)
    weak_quotes: dict[str, int] = field(default_factory=dict)
    no_ideas: dict[str, int] = field(default_factory=dict)  # quality_sentences.py
    run_ons: dict[str, int] = field(default_factory=dict)  # quality_captions.py
    weak_headings: dict[str, int] = field(default_factory=dict)
    headings_said_once: dict[str, int] = field(default_factory=dict)
    lessons_short: dict[str, int] = field(default_factory=dict)  # quality_lessons.py
    lonely_lesson_groups: dict[str, int] = field(default_factory=dict)
    bare_conditions: dict[str, int] = field(default_factory=dict)
    unsettled_talk: dict[str, int] = field(default_factory=dict)  # quality_overview.py
    tldr_headings: tuple[int, int] = (0, 0)  # Key Ideas headings the tl;dr speaks of, of all
    fill_bullets: dict[str, int] = field(default_factory=dict)  # quality_fill.py
    anecdote_bullets: dict[str, int] = field(default_factory=dict)
    quote_verified: bool = False
    in_depth_coverage: float = 0.0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def total(self, name: str) -> int:
        counts: dict[str, int] = getattr(self, name)
        return sum(counts.values())

    def note(self, kind: str, text: str) -> None:
        self.examples.setdefault(kind, []).append(text)


def statements(summary: Summary) -> dict[str, list[str]]:
    """What a reader reads in each part, one statement a unit (tl;dr and conclusion split into sentences)."""
    quote = summary.favorite_quote
    return {
        "quick_takes": [summary.quick_takes.verdict],
        "one_sentence": [summary.one_sentence_summary],
        "quote": [quote.text] if quote is not None else [],
        "tldr": split_sentences(summary.tldr),
        "key_ideas": [idea for group in summary.key_ideas for idea in group.ideas],
        "lessons": [lesson.explanation for lesson in summary.lessons],
        "conclusion": split_sentences(summary.conclusion),
        "in_depth_ideas": [idea for part in summary.in_depth for idea in part.key_ideas],
        "in_depth_lessons": [lesson.explanation for part in summary.in_depth for lesson in part.lessons],
    }


def visible_text(summary: Summary) -> dict[str, list[str]]:
    """Every string shown in each part, headings and lesson titles included (not the Sponsors line)."""
    shown = statements(summary)
    shown["key_ideas"] = [*shown["key_ideas"], *(g.heading for g in summary.key_ideas)]
    shown["lessons"] = [*shown["lessons"], *(lesson.title for lesson in summary.lessons)]
    shown["in_depth_ideas"] = [*shown["in_depth_ideas"], *(p.heading for p in summary.in_depth)]
    shown["in_depth_lessons"] = [
        *shown["in_depth_lessons"],
        *(p.lessons_heading for p in summary.in_depth if p.lessons),
        *(lesson.title for p in summary.in_depth for lesson in p.lessons),
    ]
    return shown


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


def score_summary(summary: Summary, transcript: Transcript) -> SummaryQuality:
    """Every count for one summary of this transcript (the transcript as it was, sponsor reads included)."""
    quality = SummaryQuality()
    shown = statements(summary)
    for part in PARTS:
        quality.units[part] = len(shown[part])
        quality.words[part] = sum(len(words(s)) for s in shown[part])
    _count_empty_groups(summary, quality)
    _count_repeats(shown, quality)
    _count_fragments(shown, quality)
    _count_headings(summary, quality)
    _count_titles(summary, quality)
    _count_narration_and_sponsors(summary, transcript, quality)
    _count_prose(summary, transcript, quality)
    _count_loose_ideas(summary, quality)
    _count_bullets_on_heading(summary, quality)
    _count_overview(summary, transcript, quality)
    _count_turned_titles(summary, transcript, quality)
    _count_weak_quote(summary, quality)
    _count_no_ideas(summary, quality)
    quality_captions.count_run_ons(shown, quality)
    _count_weak_headings(summary, quality)
    quality_lessons.count_lessons(summary, transcript, quality)
    quality_fill.count_fill(summary, transcript, quality)
    quality.quote_verified = _quote_verified(summary, transcript)
    quality.in_depth_coverage = in_depth_coverage(summary, transcript)
    return quality


def _count_empty_groups(summary: Summary, quality: SummaryQuality) -> None:
    quality.empty_groups["key_ideas"] = sum(1 for g in summary.key_ideas if not g.ideas)
    quality.empty_groups["in_depth_ideas"] = sum(1 for p in summary.in_depth if not p.key_ideas)
    quality.empty_groups["in_depth_lessons"] = sum(
        1 for p in summary.in_depth if p.lessons_heading.strip() and not p.lessons
    )


def _count_repeats(shown: dict[str, list[str]], quality: SummaryQuality) -> None:
    earlier: list[tuple[str, str]] = []
    for part in TOP_PARTS:
        exact = near = 0
        for text in shown[part]:
            found = [same_statement(text, other) for owner, other in earlier if owner != part]
            if any(e for e, _ in found):
                exact += 1
                quality.note("repeat", f"{part}: {text}")
            elif any(n for _, n in found):
                near += 1
                quality.note("near repeat", f"{part}: {text}")
        earlier.extend((part, text) for text in shown[part])
        quality.exact_repeats[part], quality.near_repeats[part] = exact, near


def _count_fragments(shown: dict[str, list[str]], quality: SummaryQuality) -> None:
    for part in STATEMENT_PARTS:
        count = 0
        for text in shown[part]:
            reason = fragment_reason(text)
            if reason:
                count += 1
                quality.note("fragment", f"{part} ({reason}): {text}")
        quality.fragments[part] = count


def heading_supported(heading: str, bullets: Iterable[str]) -> bool:
    """Every content word of the heading occurs in the bullets it heads."""
    wanted = content_stems(heading)
    found: set[str] = set()
    for bullet in bullets:
        found |= content_stems(bullet)
    return bool(wanted) and wanted <= found


def _count_headings(summary: Summary, quality: SummaryQuality) -> None:
    checks = {
        "key_ideas": [(g.heading, g.ideas) for g in summary.key_ideas],
        "in_depth_ideas": [
            (p.heading, [*p.key_ideas, *(lesson.explanation for lesson in p.lessons)])
            for p in summary.in_depth
        ],
    }
    for part, pairs in checks.items():
        quality.headings[part] = len(pairs)
        unsupported = [h for h, bullets in pairs if not heading_supported(h, bullets)]
        quality.unsupported_headings[part] = len(unsupported)
        for heading in unsupported:
            quality.note("unsupported heading", f"{part}: {heading}")


def _count_titles(summary: Summary, quality: SummaryQuality) -> None:
    titled = {
        "lessons": [lesson.title for lesson in summary.lessons],
        "in_depth_lessons": [lesson.title for p in summary.in_depth for lesson in p.lessons],
    }
    for part, titles in titled.items():
        short = [t for t in titles if len(words(t)) <= 2]
        quality.short_titles[part] = len(short)
        quality.one_word_titles[part] = sum(1 for t in titles if len(words(t)) <= 1)
        for title in short:
            quality.note("short title", f"{part}: {title}")


def _count_narration_and_sponsors(summary: Summary, transcript: Transcript, quality: SummaryQuality) -> None:
    reads = find_sponsor_reads(transcript)
    read_texts = [
        normalise(" ".join(s.text for s in transcript.segments if r.start_seconds <= s.start < r.end_seconds))
        for r in reads
    ]
    for part, texts in visible_text(summary).items():
        narrated = [t for t in texts if NARRATION.search(t)]
        quality.narration[part] = len(narrated)
        for text in narrated:
            quality.note("narration", f"{part}: {text}")
        advert = [t for t in texts if _is_sponsor_text(t, read_texts)]
        quality.sponsor_text[part] = len(advert)
        for text in advert:
            quality.note("sponsor text", f"{part}: {text}")


def _is_sponsor_text(text: str, read_texts: list[str]) -> bool:
    if sounds_like_a_read(text):
        return True
    folded = normalise(text)
    # A statement lifted from a read: a run of its words appears in the read.
    probe = " ".join(folded.split()[:8])
    return len(probe.split()) >= 5 and any(probe in read for read in read_texts)


def _quote_verified(summary: Summary, transcript: Transcript) -> bool:
    quote = summary.favorite_quote
    if quote is None or not quote.verified:
        return False
    if normalise(quote.text) not in normalise(transcript.text):
        return False
    return not any(
        r.start_seconds <= (quote.start_seconds or 0.0) < r.end_seconds
        for r in find_sponsor_reads(transcript)
    )


def in_depth_coverage(summary: Summary, transcript: Transcript) -> float:
    """Share of the talk (first word to last, sponsor reads left out) that some In-Depth part spans."""
    if not transcript.segments:
        return 0.0
    begin = min(s.start for s in transcript.segments)
    end = transcript.duration
    reads = [(r.start_seconds, r.end_seconds) for r in find_sponsor_reads(transcript)]
    talk = _length(_subtract([(begin, end)], reads))
    parts = _union([(p.start_seconds, p.end_seconds) for p in summary.in_depth])
    covered = _length(_subtract(_intersect(parts, (begin, end)), reads))
    return covered / talk if talk > 0 else 0.0


Span = tuple[float, float]


def _union(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        elif stop > start:
            merged.append((start, stop))
    return merged


def _intersect(spans: list[Span], window: Span) -> list[Span]:
    return [(max(a, window[0]), min(b, window[1])) for a, b in spans if min(b, window[1]) > max(a, window[0])]


def _subtract(spans: list[Span], holes: list[Span]) -> list[Span]:
    result = spans
    for hole_start, hole_end in _union(holes):
        pieces: list[Span] = []
        for a, b in result:
            if hole_end <= a or hole_start >= b:
                pieces.append((a, b))
                continue
            if hole_start > a:
                pieces.append((a, hole_start))
            if hole_end < b:
                pieces.append((hole_end, b))
        result = pieces
    return result


def _length(spans: list[Span]) -> float:
    return sum(b - a for a, b in spans)


def mean_words_per_idea(qualities: Iterable[SummaryQuality]) -> float:
    counted = list(qualities)
    units = sum(q.units[p] for q in counted for p in IDEA_PARTS)
    return sum(q.words[p] for q in counted for p in IDEA_PARTS) / units if units else 0.0


def fragment_share(qualities: Iterable[SummaryQuality]) -> float:
    counted = list(qualities)
    units = sum(q.units[p] for q in counted for p in STATEMENT_PARTS)
    return sum(q.total("fragments") for q in counted) / units if units else 0.0


def heading_support(qualities: Iterable[SummaryQuality]) -> float:
    counted = list(qualities)
    headings = sum(q.total("headings") for q in counted)
    return 1 - sum(q.total("unsupported_headings") for q in counted) / headings if headings else 1.0


# --- prose -------------------------------------------------------------------------------------------


def _count_prose(summary: Summary, transcript: Transcript, quality: SummaryQuality) -> None:
    titled = {
        "lessons": summary.lessons,
        "in_depth_lessons": [lesson for p in summary.in_depth for lesson in p.lessons],
    }
    for part, lessons in titled.items():
        echoes = [f"{x.title}: {x.explanation}" for x in lessons if title_echoes(x.title, x.explanation)]
        hollow = [x.title for x in lessons if hollow_title(x.title)]
        quality.title_echoes[part], quality.hollow_titles[part] = len(echoes), len(hollow)
        for text in echoes:
            quality.note("title echo", f"{part}: {text}")
        for text in hollow:
            quality.note("hollow title", f"{part}: {text}")
    speaker_words = {w for s in transcript.segments if s.speaker for w in words(s.speaker)}
    common = common_words(transcript)
    names = [
        c.promise
        for c in summary.quick_takes.promises
        if set(words(c.promise)) <= speaker_words
        or (len(words(c.promise)) == 1 and words(c.promise)[0] in common)
    ]
    quality.name_promises["quick_takes"] = len(names)
    for text in names:
        quality.note("name as promise", text)
    _count_gist(summary, quality)
    shown = statements(summary)
    for part in ("tldr", "key_ideas", "conclusion", "in_depth_ideas"):
        chatty = [t for t in shown[part] if is_chatter(t)]
        quality.chatter[part] = len(chatty)
        for text in chatty:
            quality.note("chatter", f"{part}: {text}")
    topics = {
        "one_sentence": one_sentence_topics(summary.one_sentence_summary),
        "key_ideas": [g.heading for g in summary.key_ideas],
    }
    for part, named in topics.items():
        bad = [t for t in named if non_topic(t)]
        quality.non_topics[part] = len(bad)
        for text in bad:
            quality.note("non-topic", f"{part}: {text}")


def _count_overview(summary: Summary, transcript: Transcript, quality: SummaryQuality) -> None:
    """Quick Takes promises that are the show, a person or a broken phrase; tl;dr and conclusion
    sentences that are no statement of the talk (quality_overview.py)."""
    junk = quality_overview.junk_promises(summary, transcript)
    quality.junk_promises["quick_takes"] = len(junk)
    for text in junk:
        quality.note("junk promise", text)
    for part, texts in quality_overview.no_statements(summary).items():
        quality.no_statements[part] = len(texts)
        for text in texts:
            quality.note("no statement", f"{part}: {text}")
    for part, texts in quality_overview.unsettled_talk(summary).items():
        quality.unsettled_talk[part] = len(texts)
        for text in texts:
            quality.note("unsettled talk", f"{part}: {text}")
    quality.tldr_headings = quality_overview.tldr_covered_headings(summary)


def _count_gist(summary: Summary, quality: SummaryQuality) -> None:
    """tl;dr sentences that point back, and those that share no content word with any other."""
    gist = split_sentences(summary.tldr)
    dangling = [s for s in gist if GIST_POINTS_BACK.match(s) or quality_overview.points_back(s)]
    # Acronyms count as content words here ("AI", "ML"): a thread is often carried by one.
    stems = [content_stems(s) | {a.casefold() for a in re.findall(r"\b[A-Z][A-Z0-9]+\b", s)} for s in gist]
    alone = [
        s
        for k, s in enumerate(gist)
        if len(gist) > 1 and not any(stems[k] & o for n, o in enumerate(stems) if n != k)
    ]
    quality.dangling_openings["tldr"], quality.unthreaded["tldr"] = len(dangling), len(alone)
    for text in dangling:
        quality.note("dangling opening", f"tldr: {text}")
    for text in alone:
        quality.note("unthreaded", f"tldr: {text}")


# --- ideas ---------------------------------------------------------------------------------------------


# --- lesson titles that are no claim of the speaker's (issue 13, lessons pass) ---------------------------
# Written apart from the summarizer's lesson rules: it reads the title and the transcript around it.


# --- the favorite quote --------------------------------------------------------------------------------


def _count_loose_ideas(summary: Summary, quality: SummaryQuality) -> None:
    shown = statements(summary)
    for part in IDEA_PARTS:
        loose = [(text, loose_reason(text)) for text in shown[part]]
        loose = [(text, why) for text, why in loose if why]
        quality.loose_ideas[part] = len(loose)
        for text, why in loose:
            quality.note("loose idea", f"{part} ({why}): {text}")


def _count_bullets_on_heading(summary: Summary, quality: SummaryQuality) -> None:
    groups = {
        "key_ideas": [(g.heading, g.ideas) for g in summary.key_ideas],
        "in_depth_ideas": [(p.heading, p.key_ideas) for p in summary.in_depth],
    }
    for part, pairs in groups.items():
        quality.headed_bullets[part] = sum(len(bullets) for _, bullets in pairs)
        quality.bullets_on_heading[part] = sum(bullets_saying_heading(h, b) for h, b in pairs)
        for heading, bullets in pairs:
            wanted = content_stems(heading)
            for bullet in bullets:
                if not wanted & content_stems(bullet):
                    quality.note("bullet off its heading", f"{part}: {heading} / {bullet}")


def strict_heading_support(qualities: Iterable[SummaryQuality], part: str | None = None) -> float:
    """The share of grouped bullets (Key Ideas and In-Depth ideas, or one part) that say their heading."""
    counted = list(qualities)
    parts = (part,) if part else IDEA_PARTS
    bullets = sum(q.headed_bullets.get(p, 0) for q in counted for p in parts)
    return sum(q.bullets_on_heading.get(p, 0) for q in counted for p in parts) / bullets if bullets else 1.0


def _count_turned_titles(summary: Summary, transcript: Transcript, quality: SummaryQuality) -> None:
    text = " ".join(segment.text for segment in transcript.segments)
    titled = {
        "lessons": summary.lessons,
        "in_depth_lessons": [lesson for p in summary.in_depth for lesson in p.lessons],
    }
    for part, lessons in titled.items():
        turned = [x.title for x in lessons if turned_title(x.title, text) or LAUGHS.search(x.explanation)]
        quality.turned_titles[part] = len(turned)
        for title in turned:
            quality.note("turned title", f"{part}: {title}")


def _count_weak_quote(summary: Summary, quality: SummaryQuality) -> None:
    quote = summary.favorite_quote
    reason = weak_quote(quote.text) if quote is not None else None
    quality.weak_quotes["quote"] = int(reason is not None)
    if reason is not None and quote is not None:
        quality.note("weak quote", f"{reason}: {quote.text}")


def _count_no_ideas(summary: Summary, quality: SummaryQuality) -> None:
    """Shown ideas and gist sentences no listener should see as an idea (quality_sentences.py)."""
    for part, found in quality_sentences.no_ideas(summary).items():
        quality.no_ideas[part] = len(found)
        for text, why in found:
            quality.note("no idea", f"{part} ({why}): {text}")


def _count_weak_headings(summary: Summary, quality: SummaryQuality) -> None:
    """Headings that name no subject (quality_headings): adjective phrases, generic nouns, bare words; and
    headings no two of their bullets say."""
    for part, found in quality_headings.weak_headings(summary).items():
        quality.weak_headings[part] = len(found)
        for heading, why in found:
            quality.note("weak heading", f"{part}: {heading} ({why})")
    for part, once in quality_headings.headings_said_once(summary).items():
        quality.headings_said_once[part] = len(once)
        for heading in once:
            quality.note("heading said once", f"{part}: {heading}")
