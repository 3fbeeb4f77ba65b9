"""A skipped episode in the archive: shown as skipped with the feed's rule (escaped like every feed
value), never as failed or waiting, and with no summary link."""

from datetime import UTC, datetime

from podcast_digest.models import Episode, EpisodeStatus
from tests.integration.subscriptions.flow import http_event
from tests.integration.web.conftest import FEED_ID, SLUG


def test_a_skipped_episode_shows_its_rule_escaped(ctx, api):
    ctx.records.add_episode(
        Episode(
            episode_id="ep-trailer",
            feed_id=FEED_ID,
            title="Trailer: season <two>",
            published_at=datetime(2026, 11, 30, tzinfo=UTC),
            status=EpisodeStatus.SKIPPED,
            skipped_by="title matches skip pattern '<script>|^trailer'",
        )
    )

    page = api(http_event("GET", f"/podcasts/{SLUG}"))["body"]

    assert "Skipped: title matches skip pattern &#39;&lt;script&gt;|^trailer&#39;" in page
    assert "<script>|" not in page
    assert 'href="/summaries/ep-trailer"' not in page
