"""Settings, posts and destinations for the destination adapters' tests against local servers."""

import pytest

from podcast_digest.models import Episode, KeyIdeaGroup
from podcast_digest.models.destination import Destination, DestinationKind, Post
from podcast_digest.settings import load_settings
from tests.support.summaries import sample_summary

SECRET = "whsec-test-0123456789abcdef"


@pytest.fixture
def settings(tmp_path):
    return load_settings(
        home=tmp_path / "home",
        allow_loopback=True,
        max_retry_after_seconds=2,
        destination_timeout_seconds=1.5,
    )


def a_post(**summary_changes) -> Post:
    summary = sample_summary(**summary_changes)
    episode = Episode(episode_id=summary.episode_id, feed_id=summary.feed_id, title=summary.episode_title)
    return Post(summary=summary, episode=episode, feed_title="The Workshop Hour")


def hostile_post() -> Post:
    return a_post(
        episode_title="<!channel> *Free* [bank](https://evil.example) @everyone & <https://evil.example|you>",
        one_sentence_summary="Click <https://evil.example|here> @everyone ||spoiler|| `code` # heading",
        key_ideas=[
            KeyIdeaGroup(heading="<!here> **loud**", ideas=["<@U123> ping", "[x](https://evil.example)"])
        ],
    )


def a_destination(kind: DestinationKind, url: str, **changes) -> Destination:
    secret = SECRET if kind is DestinationKind.WEBHOOK else None
    return Destination(
        destination_id=f"{kind.value}-1", kind=kind, target=url, signing_secret=secret, **changes
    )
