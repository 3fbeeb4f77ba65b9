"""`run` is honest: non-zero when any feed or episode failed, and an episode out of attempts is
named by every run (with its reason) until someone retries or skips it."""

from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.feed_server import Route

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Show</title>
<item><guid>1</guid><title>Broken audio</title><enclosure url="{audio}" type="audio/mpeg"/></item>
</channel></rss>"""


def test_a_failing_feed_makes_run_exit_non_zero(cli, server, tmp_path):
    good = server.route("/feed.xml", Route(body=FEED.format(audio="http://[oops]/x").encode()))
    assert cli("feeds", "add", good).exit_code == 0
    server.route("/feed.xml", Route(status=500, body=b"down"))
    ran = cli("run", "--force")
    assert ran.exit_code == 1, ran.output
    assert "HTTP 500" in ran.output


def test_an_episode_out_of_attempts_is_reported_by_every_run_until_skipped(cli, server, monkeypatch, home):
    monkeypatch.setenv("PODCAST_DIGEST_MAX_ATTEMPTS", "1")
    audio = server.route("/ep.mp3", Route(body=b"<html><body>log in</body></html>", content_type="text/html"))
    assert (
        cli(
            "feeds", "add", server.route("/feed.xml", Route(body=FEED.format(audio=audio).encode()))
        ).exit_code
        == 0
    )

    first = cli("run")
    assert first.exit_code == 1
    for _ in range(2):  # later runs have nothing to do, and still say what was given up
        later = cli("run")
        assert later.exit_code == 1, later.output
        assert "gave up on" in later.output
        assert "Broken audio" in later.output
        assert "not audio" in later.output
    listed = cli("episodes", "list", "--failed")
    assert "no retries left" in listed.output
    assert "not audio" in listed.output
    [episode] = build_context(load_settings(home=home)).records.list_episodes()

    skipped = cli("episodes", "skip", episode.episode_id[:8])
    assert skipped.exit_code == 0, skipped.output
    quiet = cli("run")
    assert quiet.exit_code == 0, quiet.output
    assert "gave up on" not in quiet.output


def test_a_refused_ingest_leaves_nothing_in_incoming_and_says_the_same_reason_again(
    cli, home, tmp_path, monkeypatch
):
    monkeypatch.setenv("PODCAST_DIGEST_MAX_TRANSCRIPT_BYTES", "2048")
    transcript = tmp_path / "long.vtt"
    transcript.write_text("WEBVTT\n\n" + "00:00:01.000 --> 00:00:02.000\nwords and more words\n\n" * 100)

    for _ in range(2):
        refused = cli("ingest", str(transcript))
        assert refused.exit_code == 1, refused.output
        assert "limit" in refused.output
        assert isinstance(refused.exception, SystemExit)
        assert list((home / "blobs" / "incoming").glob("*")) == []
