"""A thing the talk counts ("a blog post", "a direct link") is no topic to list bare: "…talk about Podcasting,
social media platform and audio editing software" reads as a slip (Podcasting 2.0 example, issue 13)."""

import pytest

from podcast_digest.models import Episode, Feed, Segment, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.extractive import ExtractiveSummarizer

# A short talk in two voices: "computer vision" and "speech recognition" are subjects said bare; "a social
# media platform" is one of many, said with its article each time.
LINES = [
    "Computer vision has changed how we build products over the last few years.",
    "You can post a clip on a social media platform and see what people think of it.",
    "Speech recognition is now good enough for most of the transcripts we publish.",
    "Computer vision models still struggle with images they have never seen before.",
    "Every week we pick a social media platform and try a new kind of post there.",
    "Speech recognition errors are rare, but names still come out wrong quite often.",
    "Computer vision on the phone is fast, because the models run on the device itself.",
    "Once you find a social media platform that works, you keep posting there every week.",
    "Speech recognition in noisy rooms is the hardest case we have tried so far.",
    "Computer vision and speech recognition together let us caption every video we make.",
]


def _summary(article: str = "a"):
    lines = [line.replace("a social media platform", f"{article} social media platform") for line in LINES]
    segments = [
        Segment(start=12.0 * n, end=12.0 * n + 11.0, text=text, speaker="Ana" if n % 2 else "Ben")
        for n, text in enumerate(lines * 3)
    ]
    transcript = Transcript(
        episode_id="e",
        segments=segments,
        language="en",
        source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER, detail="test"),
    )
    feed = Feed(feed_id="f", url="https://example.com/f.xml", title="Show")
    episode = Episode(episode_id="e", feed_id="f", title="Seeing and hearing", description="")
    return ExtractiveSummarizer().summarize(feed, episode, transcript)


# "this" points at one of many too: Practical AI #100's "that blog post", "this blog post" gave a tl;dr
# lead "…, deep learning and blog post".
@pytest.mark.parametrize("article", ["a", "this"])
def test_a_thing_said_with_its_article_is_not_listed_bare_as_a_topic(article):
    summary = _summary(article)
    lines = [summary.one_sentence_summary, summary.quick_takes.verdict, summary.tldr.split(". ")[0]]
    assert any("computer vision" in line.casefold() for line in lines), lines
    assert not any("social media platform" in line.casefold() for line in lines), lines
