"""What the LLM summarizer's integration tests share: corpus transcripts, an episode, a summarizer
pointed at the local chat server, and the house-format checks every summary must pass."""

import re
from functools import cache
from pathlib import Path

from podcast_digest.models import Episode, Feed, Summary, Transcript
from podcast_digest.settings import Settings
from podcast_digest.summarization.llm import LLMSummarizer
from podcast_digest.summarization.llm.links import urls_in
from podcast_digest.summarization.quotes import normalise
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.chat_server import ChatServer
from tests.support.corpus import corpus_path

CORPUS = {
    "talkpython-vtt": ("transcripts", "talkpython__386-h2o-wave.vtt"),
    "changelog-594": ("transcripts", "changelog__the-changelog-594.md"),
    "practical-ai-100": ("transcripts", "changelog__practical-ai-100.md"),
}
TITLES = {
    "talkpython-vtt": "Realtime web apps and dashboards with H2O Wave",
    "changelog-594": "Mark Russinovich, CTO of Azure, on AI, red teaming and GitHub Copilot",
    "practical-ai-100": "Practical AI episode 100: looking back at AI in practice",
}


@cache
def _parsed(path: str, name: str) -> Transcript:
    return parse_transcript(Path(path).read_bytes(), hint=name, episode_id="ep-1")


def corpus_transcript(key: str) -> Transcript:
    """A corpus transcript through the real publisher parser (skips where the corpus is absent)."""
    path = corpus_path(*CORPUS[key])
    return _parsed(str(path), path.name)


def feed() -> Feed:
    return Feed(
        feed_id="feed-1",
        url="https://podcast.example/feed.xml",
        title="A Podcast",
        link="https://podcast.example",
    )


def episode(title: str = "An episode", description: str = "") -> Episode:
    return Episode(episode_id="ep-1", feed_id="feed-1", title=title, description=description)


def summarizer(
    server: ChatServer,
    blobs=None,
    *,
    model: str = "gpt-4o-mini",
    concurrency: int = 4,
    timeout_seconds: float = 10.0,
    max_retries: int = 2,
    **options: float,
) -> LLMSummarizer:
    settings = Settings(
        openai_api_key="sk-test-not-a-real-key",
        openai_base_url=server.base_url,
        llm_model=model,
        llm_max_concurrency=concurrency,
    )
    return LLMSummarizer(settings, blobs, timeout_seconds=timeout_seconds, max_retries=max_retries, **options)


def all_text(summary: Summary) -> list[str]:
    """Every string a reader could see, except the verified quote (the transcript's own words)."""
    texts = [
        summary.quick_takes.verdict,
        summary.one_sentence_summary,
        summary.tldr,
        summary.conclusion,
    ]
    for group in summary.key_ideas:
        texts += [group.heading, *group.ideas]
    for lesson in summary.lessons:
        texts += [lesson.title, lesson.explanation]
    for section in summary.in_depth:
        texts += [section.heading, section.lessons_heading, *section.key_ideas]
        for lesson in section.lessons:
            texts += [lesson.title, lesson.explanation]
    return texts


def assert_house_format(summary: Summary, transcript: Transcript, sections: int) -> None:
    """Every part present, in its limits, plain single lines, quote verbatim, timestamps in order."""
    assert summary.quick_takes.verdict
    assert summary.one_sentence_summary
    assert summary.tldr
    assert summary.conclusion
    assert 6 <= len(summary.key_ideas) <= 10
    for group in summary.key_ideas:
        assert group.heading
        assert 1 <= len(group.ideas) <= 5
    assert 10 <= len(summary.lessons) <= 25
    assert len(summary.in_depth) == sections
    starts = [s.start_seconds for s in summary.in_depth]
    assert starts == sorted(starts)
    assert starts[0] == transcript.segments[0].start
    for section in summary.in_depth:
        assert section.heading
        assert section.key_ideas
        assert section.end_seconds >= section.start_seconds
    for text in all_text(summary):
        assert "\n" not in text
        assert not re.search(r"<[a-z/][^>]*>|\*\*|^#", text), text
    quote = summary.favorite_quote
    if quote is not None:
        assert quote.verified
        assert normalise(quote.text) in normalise(transcript.text)
        assert quote.start_seconds is not None


def foreign_urls(summary: Summary, source: str) -> set[str]:
    allowed = urls_in(source)
    return {u for text in all_text(summary) for u in urls_in(text) if u not in allowed}
