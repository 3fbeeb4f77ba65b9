"""The house format's parts, in order, with the wording every renderer shares.

One place for headings and for the small phrasings (quote attribution,
provenance lines) so that text, Markdown, HTML and the email say the same thing.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from podcast_digest.digest.timestamps import audio_link, format_timestamp, safe_web_url
from podcast_digest.models import (
    InDepthSection,
    KeyIdeaGroup,
    Lesson,
    Provenance,
    Quote,
    Summary,
    sponsors_by_name,
)

TITLE = "Podcast Episode Summary"
QUICK_TAKES = "☀️ Quick Takes"
ONE_SENTENCE = "1-Sentence-Summary"
QUOTE = "Favorite Quote from the Author"
TLDR = "💨 tl;dr"
KEY_IDEAS = "💡 Key Ideas"
LESSONS = "🎓 Lessons Learnt"
CONCLUSION = "🌚 Conclusion"
IN_DEPTH = "In-Depth"
IN_DEPTH_INTRO = (
    "Worried about missing something? This section includes all the Key Ideas and Lessons Learnt "
    "from the Podcast Episode. We've ensured nothing is skipped or missed."
)
# The email lists In-Depth by heading only: it must not promise the bullets it leaves out.
IN_DEPTH_EMAIL_INTRO = (
    "Every key idea and lesson of each part is in the full summary; here is where each part starts."
)
IN_DEPTH_EMAIL_INTRO_NO_PAGE = "The parts of the episode and where each starts."
ALL_KEY_IDEAS = "All Key Ideas"
ALL_LESSONS = "All Lessons Learnt"
CHAPTERS = "📑 Chapters"
SHOW_NOTES = "📝 From the show notes"
PROVENANCE = "🔎 How this summary was made"

SPONSORS = "Sponsors"
# The offline summary is the transcript's own sentences: say so, and how to get a written one.
EXTRACTIVE_LABEL = "extractive summary (offline) — set an LLM for a written one"

NO_QUOTE = "No quote could be verified word for word against the transcript, so none is shown."

# The parts above In-Depth, in order: what the email always carries in full.
TOP_PARTS = (QUICK_TAKES, ONE_SENTENCE, QUOTE, TLDR, KEY_IDEAS, LESSONS, CONCLUSION)
# Every heading a full rendering shows, in order (chapters only when the feed has them).
ALL_PARTS = (TITLE, *TOP_PARTS, IN_DEPTH, ALL_KEY_IDEAS, ALL_LESSONS, CHAPTERS, PROVENANCE)


def one_line(text: str | None) -> str:
    """Text folded onto one line: model and feed text may carry stray line breaks or control characters."""
    if not text:
        return ""
    if text.isprintable():  # the common case, checked in C: only runs of spaces to fold
        return " ".join(text.split())
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def idea_groups(summary: Summary) -> list[KeyIdeaGroup]:
    """The key idea groups that have a heading and at least one idea: an empty group shows no heading."""
    return [g for g in summary.key_ideas if one_line(g.heading) and any(one_line(i) for i in g.ideas)]


def has_ideas(section: InDepthSection) -> bool:
    return any(one_line(idea) for idea in section.key_ideas)


def has_lessons(section: InDepthSection) -> bool:
    return any(one_line(lesson.explanation) for lesson in section.lessons)


def idea_parts(summary: Summary) -> list[InDepthSection]:
    """In-Depth parts with at least one key idea (the others would be a heading over nothing)."""
    return [s for s in summary.in_depth if has_ideas(s)]


def lesson_parts(summary: Summary) -> list[InDepthSection]:
    """In-Depth parts with at least one lesson: 'Lessons on …' over an empty list is never shown."""
    return [s for s in summary.in_depth if has_lessons(s)]


def _bullet_key(text: str) -> str:
    return one_line(text).casefold().rstrip(".!?")


@dataclass(frozen=True)
class TopBullets:
    """Key idea groups and lessons above In-Depth with no bullet said twice (what the email shows)."""

    groups: list[tuple[str, list[str]]]
    lessons: list[Lesson]


def distinct_top_bullets(summary: Summary) -> TopBullets:
    """The top parts' bullets, each once: a later repeat (same words, any case) is left out, and a group
    left with no idea goes with its heading."""
    seen: set[str] = set()

    def first_time(texts: Iterable[str]) -> list[str]:
        kept = []
        for text in texts:
            key = _bullet_key(text)
            if key and key not in seen:
                seen.add(key)
                kept.append(text)
        return kept

    groups = [(g.heading, ideas) for g in idea_groups(summary) if (ideas := first_time(g.ideas))]
    lessons = [lesson for lesson in summary.lessons if first_time([lesson.explanation])]
    return TopBullets(groups=groups, lessons=lessons)


def episode_heading(summary: Summary) -> str:
    """'Podcast — Episode', whichever of the two is known."""
    parts = [one_line(summary.podcast_title), one_line(summary.episode_title)]
    return " — ".join(p for p in parts if p)


def shown_quote(summary: Summary) -> Quote | None:
    """The favourite quote only when it was verified against the transcript."""
    quote = summary.favorite_quote
    if quote is None or not quote.verified or not one_line(quote.text):
        return None
    return quote


def quote_attribution(quote: Quote) -> str:
    """'Speaker, at 12:34' (either half may be missing)."""
    parts = []
    if one_line(quote.speaker):
        parts.append(one_line(quote.speaker))
    if quote.start_seconds is not None:
        parts.append(f"at {format_timestamp(quote.start_seconds)}")
    return ", ".join(parts)


@dataclass(frozen=True)
class Moment:
    """A point in the episode: its label and, when the audio URL is http(s), the link to it."""

    seconds: float
    label: str
    href: str | None


def moment(summary: Summary, seconds: float) -> Moment:
    return Moment(seconds, format_timestamp(seconds), audio_link(summary.audio_url, seconds))


def duration_label(seconds: float | None) -> str | None:
    """'1 h 48 min', '48 min', '45 s': how long the episode is, for a page's header."""
    if not seconds or seconds <= 0:
        return None
    minutes = round(seconds / 60)
    if minutes == 0:
        return f"{round(seconds)} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def promise_line(promise: str, delivered: bool) -> str:
    return f"{'Delivered' if delivered else 'Not delivered'}: {one_line(promise)}"


def _money(amount: float) -> str:
    # Summaries cost fractions of a cent to a few cents: keep the digits that say how much.
    if amount == 0 or amount >= 1:
        return f"${amount:,.2f}"
    return f"${amount:.4f}"


def sponsors_line(summary: Summary) -> str | None:
    """'Sponsors: Sentry (1:24, 33:32), Assembly AI (1:30)': each sponsor once, where its reads start."""
    named = sponsors_by_name(summary.sponsors)
    if not named:
        return None
    listed = [
        f"{one_line(name)} ({', '.join(format_timestamp(t) for t in starts)})" for name, starts in named
    ]
    return f"{SPONSORS}: {', '.join(listed)}"


def provenance_lines(provenance: Provenance) -> list[tuple[str, str]]:
    """(label, value) pairs: transcript source, summarizer and model, tokens, cost, when."""
    summarizer = one_line(provenance.summarizer)
    if summarizer == "extractive" and not provenance.model:
        summarizer = EXTRACTIVE_LABEL
    if provenance.model:
        summarizer = f"{summarizer} ({one_line(provenance.model)})"
    lines = [("Transcript", one_line(provenance.transcript_source)), ("Summarizer", summarizer)]
    if provenance.input_tokens or provenance.output_tokens or provenance.model_calls:
        calls = provenance.model_calls
        lines.append(
            (
                "Tokens",
                f"{provenance.input_tokens:,} in, {provenance.output_tokens:,} out"
                f" over {calls:,} model call{'s' if calls != 1 else ''}",
            )
        )
    total = provenance.cost_usd + provenance.transcription_cost_usd
    lines.append(
        (
            "Cost",
            f"{_money(provenance.cost_usd)} summary + {_money(provenance.transcription_cost_usd)} transcription"
            f" = {_money(total)}",
        )
    )
    if provenance.created_at is not None:
        lines.append(("Made", provenance.created_at.strftime("%Y-%m-%d %H:%M %Z").strip()))
    return lines


def episode_link(summary: Summary) -> str | None:
    """The episode's web page, only when it is an http(s) URL."""
    return safe_web_url(summary.episode_url)
