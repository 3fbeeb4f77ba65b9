"""Feed controls in the deployed stack: the Feed record in DynamoDB carries them to the poller, which
records the episode a skip rule matches as skipped and starts no execution for it, while the other
episode runs the whole pipeline under each function's own role."""

import json

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.models import EpisodeStatus, Feed, FeedControls, feed_id_for
from tests.support.aws_stack import REPO, executions, wait_for_execution
from tests.support.corpus import corpus_path
from tests.support.feed_server import FeedServer, Route

pytestmark = pytest.mark.slow

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>The Local Show</title>
    <link>https://example.com/show</link>
    <description>A show served from 127.0.0.1.</description>
    <item>
      <title>Trailer: season two</title>
      <guid isPermaLink="false">local-show-trailer</guid>
      <pubDate>Tue, 02 Jun 2026 12:00:00 +0000</pubDate>
      <podcast:transcript url="{transcript}" type="application/x-subrip" language="en" />
    </item>
    <item>
      <title>Episode one</title>
      <guid isPermaLink="false">local-show-1</guid>
      <pubDate>Mon, 01 Jun 2026 12:00:00 +0000</pubDate>
      <podcast:transcript url="{transcript}" type="application/x-subrip" language="en" />
    </item>
  </channel>
</rss>
"""


def _poll(stack) -> dict:
    event = json.loads((REPO / "events" / "scheduled-event.json").read_text())
    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("PollFeedsFunction"), Payload=json.dumps(event)
    )
    assert "FunctionError" not in response, response["Payload"].read()
    return json.loads(response["Payload"].read())


def test_a_skip_rule_in_the_feed_record_skips_on_aws_and_the_rest_runs(
    stack_for_local_publisher, monkeypatch
):
    stack = stack_for_local_publisher
    records = DynamoDBRecords(stack.table)
    with FeedServer() as publisher:
        transcript = corpus_path("transcripts", "podcastnamespace__example.srt").read_bytes()
        transcript_url = publisher.route(
            "/1.srt", Route(body=transcript, content_type="application/x-subrip")
        )
        feed_url = publisher.route("/feed.xml", Route(body=FEED.format(transcript=transcript_url).encode()))
        controls = FeedControls(skip_title_patterns=["^trailer"], summary_language="de")
        feed = Feed(feed_id=feed_id_for(feed_url), url=feed_url, title="The Local Show", controls=controls)
        records.put_feed(feed)

        assert _poll(stack) == {"due": 1, "messages": 1}
        (started,) = executions(stack.state_machine_arn)
        assert wait_for_execution(started["executionArn"])["status"] == "SUCCEEDED"

    by_title = {e.title: e for e in records.list_episodes(feed.feed_id)}
    assert by_title["Trailer: season two"].status is EpisodeStatus.SKIPPED
    assert by_title["Trailer: season two"].skipped_by == "title matches skip pattern '^trailer'"
    assert by_title["Episode one"].status is EpisodeStatus.NOTIFIED
    assert records.get_feed(feed.feed_id).controls == controls  # the poller's write kept them
    summary = records.get_summary(by_title["Episode one"].episode_id)
    assert any("cannot translate" in note for note in summary.provenance.notes)
