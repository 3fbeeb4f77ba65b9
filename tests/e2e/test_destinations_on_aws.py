"""Destinations in the AWS stack: the record in the table, the URL in an SSM SecureString under the
stack's path, and the notify function (under its own role, with the layer's packages only) posting
each episode once to a Slack-shaped server."""

import json

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.models import Episode, EpisodeStatus, Feed
from podcast_digest.models.destination import Destination, DestinationKind
from tests.support.summaries import sample_summary
from tests.support.webhook_servers import SLACK, hook_server

pytestmark = pytest.mark.slow


def _notify(stack, episode_id: str) -> dict:
    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("NotifyFunction"),
        Payload=json.dumps({"feed_id": "feed-1", "episode_id": episode_id}),
    )
    return json.loads(response["Payload"].read())


def test_the_notify_function_posts_to_a_destination_kept_in_ssm_once(stack_for_local_publisher):
    stack = stack_for_local_publisher
    records = DynamoDBRecords(
        stack.table
    )  # what `podcast-digest destinations add` does with records=dynamodb
    records.put_feed(Feed(feed_id="feed-1", url="https://example.org/feed.xml", title="Garden Hour"))
    records.put_episode(
        Episode(episode_id="ep-1", feed_id="feed-1", title="Mulch", status=EpisodeStatus.SUMMARIZED)
    )
    records.put_summary(sample_summary(episode_id="ep-1", feed_id="feed-1"))
    with hook_server(SLACK) as slack:
        records.put_destination(
            Destination(destination_id="s1", kind=DestinationKind.SLACK, target=slack.url())
        )
        first = _notify(stack, "ep-1")
        records.put_episode(
            records.get_episode("ep-1").model_copy(update={"status": EpisodeStatus.SUMMARIZED})
        )
        second = _notify(stack, "ep-1")
    assert first["sent"] == 1, first
    assert second["already_sent"] == 1, second
    assert len(slack.accepted()) == 1
    assert slack.url() not in str(clients.dynamodb().scan(TableName=stack.table)["Items"])
    # The role's limits (only GetParameter under the path) are checked at teardown by held_to_roles.
