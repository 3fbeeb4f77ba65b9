"""A feed's <podcast:person> tags and a transcript's voices, through the local pipeline to the stored
summary: publisher labels kept, the feed's cast given roles, a name only the feed has matched to no voice."""

from podcast_digest.models import EpisodeStatus
from podcast_digest.pipeline.runner import run

from .conftest import VTT, write_feed
from .test_local_pipeline import watch

CAST = (
    '<podcast:person role="host">Ana</podcast:person>'
    '<podcast:person role="guest">Ben</podcast:person>'
    '<podcast:person role="guest">Cleo Park</podcast:person>'
    '<podcast:person group="visuals" role="cover art designer">Dee</podcast:person>'
)


def test_the_stored_summary_says_where_each_name_came_from(ctx, tmp_path):
    item = {"title": "Balcony tomatoes", "guid": "ep1", "transcript": VTT, "extra": CAST}
    feed = watch(ctx, write_feed(tmp_path / "feed", [item]), "ana@example.com")
    report = run(ctx, retry_delays=())
    assert report.ok, report
    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert episode.status is EpisodeStatus.NOTIFIED
    assert [p.name for p in episode.persons] == ["Ana", "Ben", "Cleo Park", "Dee"]
    summary = ctx.records.get_summary(episode.episode_id)
    assert summary is not None
    named = {(s.name, s.label, s.role, s.source) for s in summary.provenance.speakers}
    assert named == {
        ("Ana", "Ana", "host", "publisher transcript"),
        ("Ben", "Ben", "guest", "publisher transcript"),
        # In the feed, never heard: listed, given to no voice. The cover artist is no voice at all.
        ("Cleo Park", None, "guest", "podcast:person tag"),
    }
    assert summary.favorite_quote is None or summary.favorite_quote.speaker in ("Ana", "Ben")
