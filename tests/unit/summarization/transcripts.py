"""Small hand-made transcripts for the summarization tests."""

from podcast_digest.models import Segment, Transcript, TranscriptSource, TranscriptSourceKind


def make_transcript(
    lines: list[tuple[float, float, str, str | None]], *, language: str | None = "en", estimated: bool = False
) -> Transcript:
    """A transcript from (start, end, text, speaker) rows."""
    return Transcript(
        episode_id="ep-1",
        language=language,
        segments=[Segment(start=a, end=b, text=t, speaker=s) for a, b, t, s in lines],
        source=TranscriptSource(
            kind=TranscriptSourceKind.PUBLISHER, format="vtt", timing_estimated=estimated
        ),
    )


def evenly_timed(
    texts: list[str], *, seconds_each: float = 10.0, speakers: list[str] | None = None
) -> Transcript:
    """One segment per text, back to back, each `seconds_each` long."""
    rows = []
    for i, text in enumerate(texts):
        speaker = speakers[i % len(speakers)] if speakers else None
        rows.append((i * seconds_each, (i + 1) * seconds_each, text, speaker))
    return make_transcript(rows)
