"""The sample Post `podcast-digest destinations test` sends: clearly a test, shaped like the real thing."""

from datetime import UTC, datetime

from podcast_digest.models import ClickbaitVerdict, Episode, KeyIdeaGroup, Lesson, Provenance, Summary
from podcast_digest.models.destination import Post

SAMPLE_EPISODE_ID = "podcast-digest-test"


def sample_post(now: datetime | None = None) -> Post:
    when = now or datetime.now(UTC)
    summary = Summary(
        episode_id=SAMPLE_EPISODE_ID,
        feed_id="podcast-digest-test-feed",
        podcast_title="Podcast Digest",
        episode_title="Test post from Podcast Digest",
        quick_takes=ClickbaitVerdict(is_clickbait=False, verdict="A test: nothing to judge."),
        one_sentence_summary=(
            "This is a test post from `podcast-digest destinations test`: when a new episode is summarised, "
            "its summary arrives here like this."
        ),
        tldr="A test post: this destination works.",
        key_ideas=[
            KeyIdeaGroup(
                heading="What arrives here",
                ideas=[
                    "The episode's title",
                    "Its one-sentence summary",
                    "Its key ideas",
                    "A link to the summary",
                ],
            )
        ],
        lessons=[Lesson(title="Nothing to learn", explanation="This was only a test.")],
        conclusion="The destination works.",
        in_depth=[],
        provenance=Provenance(transcript_source="none (a test post)", summarizer="none", created_at=when),
    )
    episode = Episode(episode_id=SAMPLE_EPISODE_ID, feed_id=summary.feed_id, title=summary.episode_title)
    return Post(summary=summary, episode=episode, feed_title="Podcast Digest (test)")
