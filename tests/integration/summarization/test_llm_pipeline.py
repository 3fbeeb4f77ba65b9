"""The local pipeline with a base URL set: the LLM summarizer is chosen, and its summary reaches the
records, the blob store (cache included) and the digest in the outbox."""

import shutil
from email import policy
from email.parser import BytesParser

import pytest

from podcast_digest.models import (
    Feed,
    Subscriber,
    SubscriberStatus,
    Subscription,
    feed_id_for,
    subscriber_id_for,
)
from podcast_digest.pipeline.runner import run
from podcast_digest.settings import load_settings
from podcast_digest.summarization.llm.cache import PREFIX
from podcast_digest.wiring import build_context
from tests.support.chat_server import ChatServer
from tests.support.corpus import corpus_path

pytestmark = pytest.mark.corpus

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
<title>Talk Python To Me</title><link>https://talkpython.fm/</link><description>Python.</description>
<item><title>Realtime web apps and dashboards with H2O Wave</title><guid>386</guid>
<description>Martin from H2O.ai shows how Wave builds realtime dashboards in Python.</description>
<pubDate>Mon, 03 Oct 2022 08:00:00 +0000</pubDate>
<podcast:transcript url="386.vtt" type="text/vtt" /></item>
</channel></rss>"""


@pytest.mark.slow
def test_with_a_base_url_the_pipeline_summarizes_with_the_llm_and_mails_the_digest(tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    shutil.copy(corpus_path("transcripts", "talkpython__386-h2o-wave.vtt"), folder / "386.vtt")
    (folder / "feed.xml").write_text(FEED, encoding="utf-8")

    with ChatServer() as server:
        ctx = build_context(load_settings(home=tmp_path / "home", openai_base_url=server.base_url))
        url = str((folder / "feed.xml").resolve())
        feed = Feed(feed_id=feed_id_for(url), url=url)
        ctx.records.put_feed(feed)
        sid = subscriber_id_for("ana@example.com")
        ctx.records.put_subscriber(
            Subscriber(subscriber_id=sid, email="ana@example.com", status=SubscriberStatus.CONFIRMED)
        )
        ctx.records.put_subscription(Subscription(subscriber_id=sid, feed_id=feed.feed_id))

        report = run(ctx, retry_delays=())

        assert report.ok, report
        assert server.completed("episode_overview")
    [episode] = ctx.records.list_episodes(feed.feed_id)
    summary = ctx.records.get_summary(episode.episode_id)
    assert summary is not None
    assert summary.provenance.summarizer == "llm"
    assert summary.provenance.model_calls == len(server.completed())
    assert summary.quick_takes.promises[0].promise == "Realtime web apps and dashboards with H2O Wave"
    assert ctx.blobs.list_keys(f"{PREFIX}/{episode.episode_id}/")
    [message_file] = sorted((tmp_path / "home" / "outbox").glob("*.eml"))
    message = BytesParser(policy=policy.default).parsebytes(message_file.read_bytes())
    text = message.get_body(("plain",)).get_content()
    assert summary.one_sentence_summary[:40] in " ".join(text.split())
