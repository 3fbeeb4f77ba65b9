"""What an episode contributes to search: its summary as one passage, its transcript in timed stretches.

A transcript hit links to the second its stretch starts, so stretches are
short (a cue or two, at least 5 s) and start where a segment starts.
"""

from podcast_digest.models import Summary, Transcript
from podcast_digest.ports.search import Passage, SearchDocument

STRETCH_SECONDS = 5.0  # merge only very short cues, so a hit links to (nearly) its own second


def summary_text(summary: Summary) -> str:
    """Every sentence of the summary a reader might look for, as plain text."""
    parts = [summary.one_sentence_summary, summary.tldr, summary.conclusion]
    for group in summary.key_ideas:
        parts.extend([group.heading, *group.ideas])
    for lesson in summary.lessons:
        parts.extend([lesson.title, lesson.explanation])
    for section in summary.in_depth:
        parts.extend([section.heading, *section.key_ideas])
    if summary.favorite_quote is not None and summary.favorite_quote.verified:
        parts.append(summary.favorite_quote.text)
    return "\n".join(part for part in parts if part)


def transcript_passages(transcript: Transcript) -> list[Passage]:
    passages: list[Passage] = []
    start: float | None = None
    words: list[str] = []
    for segment in transcript.segments:
        if start is None:
            start = segment.start
        words.append(segment.text.strip())
        if segment.end - start >= STRETCH_SECONDS:
            passages.append(Passage(kind="transcript", text=" ".join(words), start_seconds=start))
            start, words = None, []
    if words and start is not None:
        passages.append(Passage(kind="transcript", text=" ".join(words), start_seconds=start))
    return passages


def search_document(summary: Summary, transcript: Transcript | None) -> SearchDocument:
    passages = [Passage(kind="summary", text=summary_text(summary))]
    if transcript is not None:
        passages.extend(transcript_passages(transcript))
    title = " — ".join(t for t in (summary.podcast_title, summary.episode_title) if t)
    return SearchDocument(
        episode_id=summary.episode_id, feed_id=summary.feed_id, title=title, passages=passages
    )
